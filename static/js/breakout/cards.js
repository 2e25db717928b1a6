/* A participant's group board: one column per prompt with the group's cards (their own
 * with Edit and Delete), the cards still in the outbox, and an add field that keeps what is
 * typed on the device. */
import f from "../app.js";
import { outbox, round, store, typed } from "./live.js";
import { card as cardComponent } from "../components/card.js";
import { fmt, keyed, promptHeading, promptsOf, s, setText } from "./shared.js";

const MAX_CARD = 500;

/**
 * The board of breakout `itemId`; `currentItem()` gives the item as shown now. Returns its
 * `node`, `title` and `hint`, `paint()` and `flushEdits()` (at the recall an open edit is saved).
 */
export function groupBoard(itemId, currentItem) {
  const text = s();
  const board = f.el("section", { className: "bo-board", "aria-labelledby": "bo-board-title" });
  const boardTitle = f.el("h2", { className: "bo-board-title", id: "bo-board-title" }, text.boardLabel);
  const boardHint = f.el("p", { className: "hint bo-board-hint" }, text.boardHint);
  const unsentNote = f.el("p", { className: "bo-unsent-note", hidden: true }, text.unsentNote);
  const columns = f.el("div", { className: "bo-columns" });
  board.append(boardTitle, boardHint, unsentNote, columns);
  const promptViews = new Map();

  function promptColumn(prompt, index) {
    const number = index + 1;
    const node = f.el("section", { className: "bo-prompt", "data-prompt": prompt.id, "aria-labelledby": "bo-p-" + prompt.id });
    const { node: heading, badge, words } = promptHeading("bo-p-" + prompt.id, fmt("questionNumber", { number: number }) + ": ");
    badge.textContent = String(number);
    const list = f.el("ul", { className: "bo-cards" });
    const empty = f.el("p", { className: "bo-cards-empty" }, text.noCards);
    const form = f.el("form", { className: "bo-add", novalidate: true });
    const fieldId = "bo-add-" + prompt.id;
    const label = f.el("label", { for: fieldId, className: "visually-hidden" }, fmt("addLabel", { number: number }));
    const area = f.el("textarea", {
      id: fieldId, className: "bo-add-text", rows: 2, autocomplete: "off", placeholder: text.addPlaceholder,
      "aria-describedby": fieldId + "-count",
    });
    const meta = f.el("div", { className: "bo-add-meta" });
    const shortcut = f.el("span", { className: "bo-shortcut", "aria-hidden": "true" }, text.shortcut);
    const counter = f.el("span", { className: "bo-counter", id: fieldId + "-count" });
    const counterShown = f.el("span", { "aria-hidden": "true" });
    const counterSpoken = f.el("span", { className: "visually-hidden" });
    counter.append(counterShown, counterSpoken);
    const send = f.el("button", { type: "submit", className: "button primary bo-add-send" }, text.add);
    meta.append(shortcut, counter, send);
    const error = f.el("p", { className: "error bo-add-error", role: "alert", hidden: true });
    form.append(label, area, error, meta);
    node.append(heading, list, empty, form);
    const cards = keyed(list, (card) => cardView(card), (view, card) => view.paint(card));
    let known = typed.get(itemId, prompt.id); // what the field and the stored draft agree on
    area.value = known;

    function paintCounter() {
      const count = f.paintCounter(
        { counter: counter, shown: counterShown, spoken: counterSpoken, area: area }, area.value.trim(), MAX_CARD, text);
      counter.classList.toggle("quiet", count < MAX_CARD * 0.8);
    }

    function submit(event) {
      if (event) event.preventDefault();
      const value = area.value.trim();
      let problem = "";
      if (!value) problem = text.emptyCard;
      else if (f.textLength(value) > MAX_CARD) problem = fmt("tooLong", { limit: MAX_CARD });
      if (problem) {
        outbox.errors.set(prompt.id, problem);
        paintError();
        area.focus();
        return;
      }
      area.value = "";
      typed.set(itemId, prompt.id, "");
      known = "";
      paintCounter();
      outbox.add(itemId, prompt.id, value);
      paintBoard();
      area.focus();
    }

    function paintError() {
      const message = outbox.errors.get(prompt.id) || "";
      error.hidden = !message;
      setText(error, message);
      area.setAttribute("aria-invalid", message ? "true" : "false");
    }

    form.addEventListener("submit", submit);
    area.addEventListener("input", () => {
      typed.set(itemId, prompt.id, area.value);
      known = typed.get(itemId, prompt.id);
      if (outbox.errors.has(prompt.id)) {
        outbox.errors.delete(prompt.id);
        paintError();
      }
      paintCounter();
    });
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        submit();
      }
    });
    paintCounter();

    return {
      node,
      paint(promptNow, entries, writable) {
        setText(words, promptNow.text);
        cards(entries);
        empty.hidden = entries.length > 0;
        form.hidden = !writable;
        // Text given back (a refused card) or sent at the recall shows up here.
        const kept = typed.get(itemId, prompt.id);
        if (kept !== known) {
          known = kept;
          area.value = kept;
          paintCounter();
        }
        paintError();
      },
    };
  }

  /** One card: text, "yours" or "not sent yet", and for one's own cards Edit and Delete. */
  function cardView(first) {
    const editId = "bo-edit-" + String(first.id).replace(/[^\w-]/g, "");
    let card = first;
    let busy = false;
    const view = cardComponent({
      className: "bo-card",
      textId: "bo-card-" + editId,
      textClass: "bo-card-text",
      tags: {
        className: "bo-card-tags",
        pillClass: "bo-tag",
        items: [
          { key: "mine", className: "bo-tag-mine", text: text.mine },
          { key: "unsent", className: "bo-tag-unsent", text: text.unsent },
        ],
      },
      actions: {
        className: "bo-card-actions",
        items: [
          { key: "edit", label: text.edit },
          { key: "remove", label: text.delete, className: "danger-outline", onClick: remove },
        ],
      },
      edit: {
        id: editId,
        className: "bo-card-editor",
        areaClass: "bo-edit-text",
        actionsClass: "bo-card-actions",
        label: text.editLabel,
        save: text.save,
        cancel: text.cancel,
        error: true,
        validate: (value) => {
          if (!value) return text.emptyCard;
          return f.textLength(value) > MAX_CARD ? fmt("tooLong", { limit: MAX_CARD }) : "";
        },
        onSave: save,
      },
      layout: (parts) => [parts.text, parts.tags, parts.actions, parts.editor],
    });

    /** Send the edited text; true once the server kept it (the card then shows it). */
    function save(value) {
      busy = true;
      return f.command("edit_card", { item_id: itemId, card_id: card.id, text: value }).then((ack) => {
        busy = false;
        if (ack && ack.ok) {
          Object.assign(card, ack.card);
          paint(card);
          return true;
        }
        view.editError(ack ? ack.error.message : "");
        return false;
      });
    }

    /** Delete the card, once the participant confirmed it (not while an edit is on its way). */
    function remove() {
      if (busy || !window.confirm(text.confirmDelete)) return;
      busy = true;
      f.command("delete_card", { item_id: itemId, card_id: card.id }).then((ack) => {
        busy = false;
        if (ack && ack.ok && round.myGroup) {
          round.myGroup.cards = round.myGroup.cards.filter((each) => each.id !== ack.card_id);
          store.notify({ cards: true });
        }
      });
    }

    function paint(next) {
      card = next;
      view.setText(card.text);
      const pending = Boolean(card.pending);
      view.setState({ mine: card.mine, pending: pending });
      view.setTags({ mine: card.mine && !pending, unsent: pending });
      const changeable = Boolean(card.mine) && !card.local && writable();
      view.showActions(changeable);
      if (!changeable && view.editing()) view.closeEditor(false);
    }

    const boardCard = {
      node: view.node,
      editing: view.editing,
      /** At the recall an open edit is saved, so that nothing typed is lost. */
      flushEdit() {
        if (view.editing() && view.editor.area.value.trim() !== card.text) view.editor.form.requestSubmit();
      },
      paint,
    };
    cardViews.set(first.id, boardCard);
    return boardCard;
  }
  const cardViews = new Map();

  function writable() {
    return Boolean(round.view && round.view.status === "running" && round.myGroup);
  }

  function paintBoard() {
    const prompts = promptsOf(currentItem());
    const group = round.myGroup;
    const cards = group ? group.cards : [];
    const pending = outbox.pending(itemId).map((entry) => ({
      id: "pending-" + entry.client_id, prompt_id: entry.prompt_id, text: entry.text, mine: true, local: true,
      // While it is on its way it looks sent; offline it says "not sent yet".
      pending: !(f.online() && outbox.sending.has(entry.client_id)),
    }));
    const signature = prompts.map((prompt) => prompt.id).join("|");
    if (columns.dataset.prompts !== signature) {
      columns.replaceChildren();
      promptViews.clear();
      prompts.forEach((prompt, index) => {
        const view = promptColumn(prompt, index);
        promptViews.set(prompt.id, view);
        columns.appendChild(view.node);
      });
      columns.dataset.prompts = signature;
    }
    prompts.forEach((prompt) => {
      const entries = cards.filter((card) => card.prompt_id === prompt.id)
        .concat(pending.filter((card) => card.prompt_id === prompt.id));
      promptViews.get(prompt.id).paint(prompt, entries, writable());
    });
    unsentNote.hidden = !pending.some((card) => card.pending);
    Array.from(cardViews.keys()).forEach((id) => {
      if (!cardViews.get(id).node.isConnected) cardViews.delete(id);
    });
  }

  return {
    node: board,
    title: boardTitle,
    hint: boardHint,
    paint: paintBoard,
    flushEdits() {
      cardViews.forEach((cardView) => cardView.flushEdit());
    },
  };
}
