/* One card, for everything participants write that is shown as a card: a text, a row of
 * tags (pills) under it, states as classes (mine, pending, hidden, …), action buttons and,
 * optionally, an inline editor. Each feature names the parts with its own classes, so its
 * CSS and tests find what they always found; every pill also has the class `tag`.
 * Text is only ever set as text. */
import f from "../app.js";

const DEFAULT_STATES = { mine: "mine", pending: "pending", hidden: "is-hidden" };

/** The root's children in order when the feature gives no `layout`. */
function defaultLayout(parts) {
  return [parts.text, parts.tags, parts.editor, parts.actions].filter(Boolean);
}

/** The pills: `<span class="tag {pillClass} {className}">`, in the order given. */
function tagRow(options) {
  const row = f.el(options.element || "p", { className: options.className });
  const pills = {};
  (options.items || []).forEach((item) => {
    const className = ["tag", options.pillClass, item.className].filter(Boolean).join(" ");
    pills[item.key] = f.el("span", { className: className, title: item.title, hidden: item.hidden }, item.text);
  });
  row.append(...(options.lead || []), ...Object.values(pills));
  return { row, pills };
}

/** The inline editor: label, textarea, optional error line, Save and Cancel. */
function editorParts(options, textId) {
  const buttonClass = options.buttonClass || "button compact";
  const areaId = options.id || textId + "-edit";
  const form = f.el("form", { className: options.className, hidden: true, novalidate: true });
  const label = f.el("label", { className: "visually-hidden", for: areaId }, options.label);
  const area = f.el("textarea", { id: areaId, className: options.areaClass, rows: options.rows || 3 });
  const error = options.error ? f.el("p", { className: "error", role: "alert", hidden: true }) : null;
  const actions = f.el("div", { className: options.actionsClass });
  const save = f.el("button", { type: "submit", className: buttonClass + " primary" }, options.save || f.t("save"));
  const cancel = f.el("button", { type: "button", className: buttonClass }, options.cancel || f.t("cancel"));
  actions.append(save, cancel);
  form.append(label, area, ...(error ? [error] : []), actions);
  return { form, area, error, save, cancel };
}

/**
 * Build one card. `options`:
 * - `tagName` (default "li"), `className`, `data` ({name: value} as data-* attributes);
 * - `textId`, `textClass`: the text element; every action button is described by it;
 * - `tags`: {className, element, pillClass, lead: [nodes before the pills],
 *   items: [{key, className, text, title}]};
 * - `actions`: {className, buttonClass, items: [{key, label, className, confirm, onClick(button, view)}]}
 *   (`confirm`: a question asked first, e.g. before deleting);
 * - `edit`: {id, className, areaClass, actionsClass, buttonClass, label, save, cancel, error,
 *   validate(value) → message or "", onSave(value, editor) → Promise of true when saved};
 *   the action with key "edit" opens it;
 * - `states`: {state: className} for `setState` (default mine, pending, hidden → is-hidden);
 * - `layout(parts)`: the root's children in order, from {text, tags, editor, actions}.
 * Returns the view: `node`, `text`, `pills`, `buttons`, `editor`, and the methods below.
 */
export function card(options) {
  const data = {};
  Object.entries(options.data || {}).forEach(([name, value]) => { data["data-" + name] = value; });
  const node = f.el(options.tagName || "li", Object.assign({ className: options.className }, data));
  const textId = options.textId;
  const text = f.el("p", { className: options.textClass, id: textId, dir: "auto" });
  const tags = options.tags ? tagRow(options.tags) : null;
  const editor = options.edit ? editorParts(options.edit, textId) : null;
  const states = Object.assign({}, DEFAULT_STATES, options.states);
  let actions = null;
  const buttons = {};
  let current = "";
  let actionsWanted = true; // what showActions last asked for

  const view = {
    node,
    text,
    pills: tags ? tags.pills : {},
    buttons,
    editor,

    /** Show `value` as the card's text (only when it changed). */
    setText(value) {
      current = value;
      if (text.textContent !== value) text.textContent = value;
    },

    /** Show the pills whose key is true in `flags`; the row hides when nothing in it shows. */
    setTags(flags) {
      if (!tags) return;
      Object.entries(tags.pills).forEach(([key, pill]) => { pill.hidden = !flags[key]; });
      tags.row.hidden = !Array.from(tags.row.children).some((child) => !child.hidden);
    },

    /** Toggle the classes of the states named in `flags` ({mine: true, hidden: false, …}). */
    setState(flags) {
      Object.entries(flags).forEach(([key, on]) => node.classList.toggle(states[key] || key, Boolean(on)));
    },

    /** Change one action button: {label, hidden, pressed} (what is left out stays). */
    setAction(key, change) {
      const button = buttons[key];
      if (!button) return;
      if (change.label !== undefined && button.textContent !== change.label) button.textContent = change.label;
      if (change.hidden !== undefined) button.hidden = Boolean(change.hidden);
      if (change.pressed !== undefined) button.setAttribute("aria-pressed", change.pressed ? "true" : "false");
    },

    /** Show or hide the row of action buttons (it stays hidden while the editor is open). */
    showActions(on) {
      actionsWanted = Boolean(on);
      if (actions) actions.hidden = !actionsWanted || view.editing();
    },

    /** Whether the inline editor is open. */
    editing() {
      return Boolean(editor) && !editor.form.hidden;
    },

    /** Open the inline editor with the card's text. */
    openEditor() {
      if (!editor) return;
      editor.area.value = current;
      if (editor.error) editor.error.hidden = true;
      editor.form.hidden = false;
      if (actions) actions.hidden = true;
      text.hidden = true;
      editor.area.focus();
    },

    /** Close the inline editor; with `focus`, the keyboard goes back to the Edit button. */
    closeEditor(focus) {
      if (!editor) return;
      editor.form.hidden = true;
      if (actions) actions.hidden = !actionsWanted;
      text.hidden = false;
      if (focus && buttons.edit && actionsWanted) buttons.edit.focus();
    },

    /** Show `message` under the editor's text (or hide the line with ""). */
    editError(message) {
      if (!editor || !editor.error) return;
      editor.error.textContent = message || "";
      editor.error.hidden = !message;
    },
  };

  if (options.actions) {
    const spec = options.actions;
    actions = f.el("div", { className: spec.className });
    spec.items.forEach((item) => {
      const className = [spec.buttonClass || "button compact", item.className].filter(Boolean).join(" ");
      const button = f.el("button", {
        type: "button", className: className, "aria-describedby": textId, "data-action": item.key,
      }, item.label);
      button.addEventListener("click", () => {
        if (item.confirm && !window.confirm(item.confirm)) return;
        if (item.onClick) item.onClick(button, view);
        else if (item.key === "edit") view.openEditor();
      });
      buttons[item.key] = button;
      actions.appendChild(button);
    });
  }

  if (editor) {
    const spec = options.edit;
    editor.cancel.addEventListener("click", () => view.closeEditor(true));
    editor.area.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        view.closeEditor(true);
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        editor.form.requestSubmit();
      }
    });
    editor.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = editor.area.value.trim();
      const problem = spec.validate ? spec.validate(value) : "";
      view.editError(problem);
      if (problem) return;
      if (value === current) {
        view.closeEditor(true);
        return;
      }
      spec.onSave(value, editor).then((saved) => {
        if (saved) view.closeEditor(true);
      });
    });
  }

  const layout = options.layout || defaultLayout;
  node.append(...layout({ text, tags: tags && tags.row, editor: editor && editor.form, actions }));
  return view;
}
