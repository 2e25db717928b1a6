/* One choice input for every kind whose participants pick from a list (single choice,
 * multiple choice, quiz, rating): a fieldset of radio buttons or checkboxes that is the
 * kind's `input` control (`{read, fill, disable, autoSubmit, hint}`, see docs/kinds.md). */
import { el } from "../core/dom.js";
import { InputError } from "../core/panels.js";

/** The picked values in an answer: a list stays a list, one value becomes a list of one. */
export function picksOf(value) {
  if (Array.isArray(value)) return value;
  return typeof value === "string" ? [value] : [];
}

/** What `read()` sends for `picks`: the list when several may be picked, else the one value. */
export function answerOf(picks, multiple) {
  return multiple ? picks : picks[0];
}

/** The visible label of a choice: the mark (a drawn radio or checkbox) and the text. */
function markAndText(choice) {
  return [el("span", { className: "choice-mark", "aria-hidden": "true" }),
    el("span", { className: "choice-label" }, choice.label)];
}

/**
 * The choices of `item` in `fields`. `options`:
 * - `multiple`: checkboxes instead of radio buttons (default false);
 * - `autoSubmit`: send on every change (default: when not `multiple`); `hint`: the status line's hint;
 * - `none`: the message when nothing is picked; `parse(value)`: turn a picked value into the answer's;
 * - `choices`: `[{value, label, key}]` (default: the poll's options, `key` their index), `key` ends the
 *   id `<prefix>-<item id>-<key>`, `prefix` (default "choice") also names the group;
 * - `className` of the fieldset (default "choices"), `choiceClassName` of each label
 *   (default "choice", plus " multi" for checkboxes), `content(choice)`: the label's nodes after
 *   the input (default: mark and text);
 * - `rule`: an element (with an id) under the legend that describes the group;
 * - `list`: an element inside the fieldset that holds the labels (default: the fieldset);
 * - `onChange(input, proceed)`: runs on a change instead of `proceed()`, which keeps the draft
 *   (when `multiple`) and tells the panel; `setup(input)`: more listeners per input.
 * Returns the kind's control plus `group`, `inputs` and `picked()`.
 */
export function choices(fields, item, context, options) {
  const settings = options || {};
  const multiple = settings.multiple === true;
  const prefix = settings.prefix || "choice";
  const list = settings.choices || item.config.options.map((option, index) => (
    { value: option.id, label: option.label, key: index }));
  const parse = settings.parse || ((value) => value);
  const group = el("fieldset", { className: settings.className || "choices" });
  group.appendChild(el("legend", { className: "visually-hidden" }, item.title));
  if (settings.rule) {
    group.setAttribute("aria-describedby", settings.rule.id);
    group.appendChild(settings.rule);
  }
  const holder = settings.list || group;
  if (settings.list) group.appendChild(settings.list);
  const choiceClassName = settings.choiceClassName || ("choice" + (multiple ? " multi" : ""));

  function picked() {
    return inputs.filter((input) => input.checked).map((input) => input.value);
  }

  function proceed() {
    if (multiple) context.draft.set(picked());
    context.changed();
  }

  const inputs = list.map((choice) => {
    const id = prefix + "-" + item.id + "-" + choice.key;
    const label = el("label", { className: choiceClassName, for: id });
    const input = el("input", {
      type: multiple ? "checkbox" : "radio", name: prefix + "-" + item.id, id: id, value: String(choice.value),
    });
    label.append(input, ...(settings.content ? settings.content(choice) : markAndText(choice)));
    holder.appendChild(label);
    input.addEventListener("change", () => {
      if (settings.onChange) settings.onChange(input, proceed);
      else proceed();
    });
    if (settings.setup) settings.setup(input);
    return input;
  });
  fields.appendChild(group);

  return {
    group,
    inputs,
    picked,
    autoSubmit: settings.autoSubmit !== undefined ? settings.autoSubmit : !multiple,
    hint: settings.hint,
    read() {
      const picks = picked();
      if (!picks.length) throw new InputError(settings.none);
      return answerOf(picks.map(parse), multiple);
    },
    fill(value) {
      const picks = picksOf(value);
      inputs.forEach((input) => { input.checked = picks.includes(input.value); });
    },
    disable(flag) {
      inputs.forEach((input) => { input.disabled = flag; });
    },
  };
}
