/* Building and moving page elements: el, clone, the kinds' templates, reordering rows with
 * a slide, accessible tabs. Uses the page's document when called, never at import. */

/** Create an element with attributes and text (never HTML). */
export function el(tag, attrs, text) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (value === false || value === null || value === undefined) return;
    if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  });
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/**
 * Mark `node` as workshop content (titles, texts, options): it gets the workshop's language
 * (the body's `data-content-lang`) when the page is in another one (WCAG 3.1.2). With
 * `isContent` false the mark is taken off again, for a node that now shows the page's own text.
 */
export function markContent(node, isContent = true) {
  const language = document.body.dataset.contentLang;
  if (isContent && language && language !== document.documentElement.lang) node.setAttribute("lang", language);
  else node.removeAttribute("lang");
  return node;
}

/** A button that shows only `icon` (hidden from screen readers) and is named by `label`. */
export function iconButton(className, label, icon) {
  const button = el("button", { type: "button", className: className, "aria-label": label });
  button.appendChild(el("span", { "aria-hidden": "true" }, icon));
  return button;
}

/** A fresh copy of a <template>'s content. */
export function clone(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}

/** The template element that a kind's partial put on the page. */
export function kindTemplate(kind) {
  return document.getElementById("kind-" + kind);
}

/** Translated label of an activity kind, from its partial. */
export function kindLabel(kind) {
  const template = kindTemplate(kind);
  return template ? template.dataset.label : kind;
}

let reducedMotion = null;

/** Put `rows` into `list` in this order; rows that moved slide to their new place. */
export function reorder(list, rows) {
  const current = Array.from(list.children);
  if (current.length === rows.length && current.every((row, index) => row === rows[index])) return;
  const before = new Map(current.map((row) => [row, row.getBoundingClientRect().top]));
  rows.forEach((row) => list.appendChild(row));
  reducedMotion = reducedMotion || window.matchMedia("(prefers-reduced-motion: reduce)");
  if (reducedMotion.matches || typeof Element.prototype.animate !== "function") return;
  rows.forEach((row) => {
    const top = before.get(row);
    if (top === undefined) return;
    const shift = top - row.getBoundingClientRect().top;
    if (Math.abs(shift) < 1) return;
    row.animate([{ transform: "translateY(" + shift + "px)" }, { transform: "none" }],
      { duration: 350, easing: "ease-out" });
  });
}

/**
 * Accessible tabs in `tablist` ([role=tab] buttons with `data-panel`): click, arrow
 * keys, Home and End select; `panels` maps names to panel elements, `onSelect(name)`
 * runs after each change. Returns `select(name, focus)`.
 */
export function tabs(tablist, panels, onSelect) {
  const buttons = Array.from(tablist.querySelectorAll('[role="tab"]'));
  function select(name, focus) {
    buttons.forEach((button) => {
      const on = button.dataset.panel === name;
      button.setAttribute("aria-selected", on ? "true" : "false");
      button.tabIndex = on ? 0 : -1;
      if (on && focus) button.focus();
    });
    Object.entries(panels).forEach(([key, panel]) => {
      panel.hidden = key !== name;
    });
    if (onSelect) onSelect(name);
  }
  buttons.forEach((button, index) => {
    button.addEventListener("click", () => select(button.dataset.panel));
    button.addEventListener("keydown", (event) => {
      let next = null;
      if (event.key === "ArrowRight") next = buttons[(index + 1) % buttons.length];
      else if (event.key === "ArrowLeft") next = buttons[(index - 1 + buttons.length) % buttons.length];
      else if (event.key === "Home") next = buttons[0];
      else if (event.key === "End") next = buttons[buttons.length - 1];
      if (!next) return;
      event.preventDefault();
      select(next.dataset.panel, true);
    });
  });
  return select;
}
