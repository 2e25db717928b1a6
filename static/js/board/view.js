/* What the board's views share: their strings, the keyed list arrangement that keeps the
 * focus, the Top/Newest choice, and a question as a card (text, name and tags). */
import f from "../app.js";
import { card } from "../components/card.js";

const stringsNode = document.getElementById("board-strings");

/** The board's translated strings (partials/board.html). */
export function strings() {
  return stringsNode ? stringsNode.dataset : {};
}

/** A fresh copy of the board's `<template id=…>`, or null on pages without it. */
export function cloneTemplate(id) {
  const template = document.getElementById(id);
  return template ? template.content.firstElementChild.cloneNode(true) : null;
}

/**
 * Put `wanted` (nodes, in order) into `list`, moving only what is out of place, so
 * nothing flickers; whatever else is left at the end is removed.
 */
export function arrange(list, wanted) {
  wanted.forEach((node, index) => {
    if (list.children[index] !== node) list.insertBefore(node, list.children[index] || null);
  });
  while (list.children.length > wanted.length) list.lastElementChild.remove();
}

/**
 * Run `render` (which moves nodes between and within lists) without losing the keyboard
 * focus: moving a node blurs what is focused inside it, so it is focused again.
 */
export function keepingFocus(render) {
  return function () {
    const active = document.activeElement;
    render.apply(null, arguments);
    if (active && active !== document.body && document.activeElement !== active
        && document.contains(active) && active.checkVisibility && active.checkVisibility()) {
      active.focus({ preventScroll: true });
    }
  };
}

/** The Top/Newest radio buttons in `fieldset`; returns a function giving the choice. */
export function sortChoice(fieldset, onChange) {
  let value = "top";
  fieldset.addEventListener("change", (event) => {
    if (event.target.name && event.target.checked) {
      value = event.target.value;
      onChange(value);
    }
  });
  return () => value;
}

/**
 * One question as a card: its text and, under it, the meta line (name, and the tags pinned,
 * yours, waiting, not shown, filtered, hidden, edited). `options` goes to `card` (actions,
 * edit, layout, …). The view's `paintMeta(question, flags)` shows the name and the tags.
 */
export function questionCard(id, textId, options) {
  const text = strings();
  const name = f.el("span", { className: "question-name", dir: "auto" });
  const view = card(Object.assign({
    className: "question",
    data: { question: id },
    textId: textId,
    textClass: "question-text",
    tags: {
      className: "question-meta",
      pillClass: "question-tag",
      lead: [name],
      items: [
        { key: "pinned", className: "tag-pinned", text: text.nowDiscussing },
        { key: "yours", className: "tag-yours", text: text.yours },
        { key: "waiting", className: "tag-waiting", text: text.waiting },
        { key: "notShown", className: "tag-not-shown", text: text.notShown },
        { key: "filtered", className: "tag-filtered", text: text.filtered, title: text.filteredTitle },
        { key: "hidden", className: "tag-hidden", text: f.t("hidden") },
        { key: "edited", className: "tag-edited", text: text.edited },
      ],
    },
  }, options));
  view.paintMeta = function (question, flags) {
    // "Anonymous" under every question would be noise; only the asker is told.
    const shownName = question.name ? question.name : (flags.yours ? text.anonymous : "");
    if (name.textContent !== shownName) name.textContent = shownName;
    name.hidden = !shownName;
    name.classList.toggle("anonymous", !question.name);
    view.setTags(flags);
  };
  return view;
}
