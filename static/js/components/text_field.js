/* The text area participants write a longer answer in (open text, the next step): a label,
 * the area, and a line with the Ctrl+Enter hint, "not sent yet" and the live counter; Ctrl+Enter
 * sends the form. Each kind names the parts with its own class prefix. */
import f from "../app.js";

/**
 * Build the parts (the kind appends them). `options`: `id`, `prefix` ("open-text"), `rows`,
 * `placeholder`, `strings` (the kind's dataset: fieldLabel, shortcut, unsent, counter,
 * overLimit, counterLabel). Returns {label, area, meta, unsent, shortcut, paint(limit)}:
 * `paint` shows the counter and hides the hint while the area is disabled.
 */
export function textField(options) {
  const { id, prefix, strings: text } = options;
  const label = f.el("label", { className: prefix + "-label", for: id }, text.fieldLabel);
  const area = f.el("textarea", {
    id: id, className: prefix + "-input", rows: options.rows, autocomplete: "off",
    placeholder: options.placeholder,
    "aria-describedby": id + "-count",
  });
  const meta = f.el("div", { className: prefix + "-meta", "aria-live": "off" });
  const shortcut = f.el("span", { className: prefix + "-shortcut", "aria-hidden": "true" }, text.shortcut);
  const unsent = f.el("span", { className: prefix + "-unsent", hidden: true }, text.unsent);
  const counter = f.el("span", { className: prefix + "-counter", id: id + "-count" });
  const shown = f.el("span", { "aria-hidden": "true" });
  const spoken = f.el("span", { className: "visually-hidden" });
  counter.append(shown, spoken);
  meta.append(shortcut, unsent, counter);
  area.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    const form = area.form;
    if (form && form.requestSubmit) form.requestSubmit();
    else if (form) form.dispatchEvent(new Event("submit", { cancelable: true }));
  });
  return {
    label, area, meta, unsent, shortcut,
    paint(limit) {
      f.paintCounter({ counter, shown, spoken, area }, area.value.trim(), limit, text);
      shortcut.hidden = area.disabled;
    },
  };
}
