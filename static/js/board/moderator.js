/* The presenter's (and moderator's) Questions panel: asking open/closed, pre-moderation,
 * the word filter, the queue and the board, each question with its moderation actions. */
import f from "../app.js";
import {
  byAnswered, byNewest, byOldest, byTop, command, counts, notify, state, subscribe, withStatus,
} from "./store.js";
import { arrange, cloneTemplate, keepingFocus, questionCard, sortChoice, strings } from "./view.js";

/**
 * The presenter's Questions panel: asking open/closed, pre-moderation, the word filter,
 * the queue (approve, hide, delete) and the board (pin, answered, edit inline, hide,
 * delete), with counts. Lists are keyed by id and updated in place.
 */
export function moderatorBoard(home) {
  const text = strings();
  const root = cloneTemplate("board-moderator");
  if (!root) return null;
  home.appendChild(root);
  const $ = (selector) => root.querySelector(selector);
  const countsLine = $(".mod-counts");
  const openSwitch = $(".mod-open");
  const premoderationSwitch = $(".mod-premoderation");
  const filterState = $(".mod-filter-state");
  const filterWords = $(".mod-filter-words");
  const filterStatus = $(".mod-filter-status");
  const errorLine = $(".mod-error");
  const queueSection = $(".mod-queue");
  const queueCount = $(".mod-queue .mod-section-count");
  const lists = {
    pending: $(".mod-list-pending"),
    open: $(".mod-list-open"),
    answered: $(".mod-list-answered"),
    hidden: $(".mod-list-hidden"),
  };
  const empties = {
    pending: $(".mod-empty-pending"),
    open: $(".mod-empty-open"),
    answered: $(".mod-empty-answered"),
    hidden: $(".mod-empty-hidden"),
  };
  empties.pending.textContent = text.noQueue;
  empties.open.textContent = text.modNoOpen;
  empties.answered.textContent = text.noAnswered;
  empties.hidden.textContent = text.noHidden;
  const tabCounts = {
    open: $("#mod-tab-open .board-tab-count"),
    answered: $("#mod-tab-answered .board-tab-count"),
    hidden: $("#mod-tab-hidden .board-tab-count"),
  };
  const sortBox = $(".board-sort");
  const sort = sortChoice(sortBox, () => render());
  f.tabs($(".mod-questions .board-tabs"), {
    open: $("#mod-panel-open"),
    answered: $("#mod-panel-answered"),
    hidden: $("#mod-panel-hidden"),
  }, (name) => {
    sortBox.hidden = name !== "open";
  });
  const cards = new Map();
  let filterDirty = false;

  function showError(message) {
    errorLine.textContent = message || "";
    errorLine.hidden = !message;
  }

  /**
   * Send a presenter command. The control is marked busy until the answer comes, so it is
   * not pressed twice; it stays enabled, which keeps the keyboard focus where it is.
   */
  function run(control, event, payload) {
    if (control && control.getAttribute("aria-disabled") === "true") {
      return Promise.resolve({ ok: false, busy: true });
    }
    if (control) control.setAttribute("aria-disabled", "true");
    showError("");
    return command(event, payload).then((ack) => {
      if (control) control.removeAttribute("aria-disabled");
      if (!ack.ok && !ack.busy) showError(ack.error ? ack.error.message : "");
      return ack;
    });
  }

  function applySettings(ack, sent) {
    if (!ack.ok) return;
    const board = ack.board || ack;
    if ("open" in board) state.open = Boolean(board.open);
    else if ("open" in sent) state.open = sent.open;
    if ("premoderation" in board) state.premoderation = Boolean(board.premoderation);
    else if ("premoderation" in sent) state.premoderation = sent.premoderation;
    if (Array.isArray(board.word_filter)) state.wordFilter = board.word_filter;
    else if (Array.isArray(sent.word_filter)) state.wordFilter = sent.word_filter;
    if ("using_default_filter" in board) state.usingDefaultFilter = Boolean(board.using_default_filter);
    else if ("word_filter" in sent) state.usingDefaultFilter = sent.word_filter === null;
    notify({ reset: false, added: [] });
  }

  function setBoard(button, payload) {
    return run(button, "set_board", payload).then((ack) => {
      applySettings(ack, payload);
      return ack;
    });
  }

  openSwitch.addEventListener("change", () => {
    setBoard(openSwitch, { open: openSwitch.checked }).then(render);
  });
  premoderationSwitch.addEventListener("change", () => {
    setBoard(premoderationSwitch, { premoderation: premoderationSwitch.checked }).then(render);
  });
  filterWords.addEventListener("input", () => {
    filterDirty = true;
    filterStatus.textContent = "";
  });
  $(".mod-filter-save").addEventListener("click", (event) => {
    const words = filterWords.value.split("\n").map((word) => word.trim()).filter(Boolean);
    setBoard(event.currentTarget, { word_filter: words }).then((ack) => {
      if (ack.ok) {
        filterDirty = false;
        filterStatus.textContent = text.filterSaved;
      }
      render();
    });
  });
  $(".mod-filter-reset").addEventListener("click", (event) => {
    setBoard(event.currentTarget, { word_filter: null }).then((ack) => {
      if (ack.ok) {
        filterDirty = false;
        filterStatus.textContent = text.filterSaved;
      }
      render();
    });
  });

  /** Where focus goes when an action moves a card to another list: the next card, or the heading. */
  function focusAfterMove(view) {
    const list = view.node.parentNode;
    const sibling = view.node.nextElementSibling || view.node.previousElementSibling;
    return () => {
      if (document.activeElement && document.activeElement !== document.body) return;
      const target = sibling && sibling.parentNode === list ? sibling.querySelector("button:not([hidden])") : null;
      if (target) target.focus();
      else if (list) {
        const heading = list.closest(".mod-section").querySelector("h3");
        if (heading) heading.focus();
      }
    };
  }

  /** A presenter command on one question; its ack is shown at once (the fact follows). */
  function act(view, buttonNode, event, payload, moves) {
    const restore = moves ? focusAfterMove(view) : null;
    const id = view.question.id;
    run(buttonNode, event, Object.assign({ question_id: id }, payload)).then((ack) => {
      if (!ack.ok) return;
      if (event === "delete_question") {
        state.questions.delete(id);
        if (state.pinned && state.pinned.id === id) state.pinned = null;
      } else if (ack.question) {
        state.questions.set(ack.question.id, ack.question);
        if (ack.question.status === "hidden" && state.pinned && state.pinned.id === id) state.pinned = null;
      }
      if ("pinned" in ack) state.pinned = ack.pinned || null;
      notify({ reset: false, added: [] });
      if (restore) restore();
    });
  }

  function card(id) {
    if (cards.has(id)) return cards.get(id);
    const votes = f.el("span", { className: "mod-votes" });
    const votesCount = f.el("span", { className: "upvote-count", "aria-hidden": "true" });
    const votesSpoken = f.el("span", { className: "visually-hidden" });
    votes.append(f.el("span", { className: "upvote-arrow", "aria-hidden": "true" }, "▲"), votesCount, votesSpoken);
    const moving = (event, payload) => (button, view) => act(view, button, event, payload, true);
    const view = questionCard(id, "mod-q-" + id, {
      className: "question mod-question",
      actions: {
        className: "mod-actions",
        items: [
          { key: "approve", label: text.approve, className: "primary", onClick: moving("approve_question", {}) },
          {
            key: "pin", label: text.pin,
            onClick(button) {
              const on = state.pinned && state.pinned.id === view.question.id;
              act(view, button, "pin_question", { question_id: on ? null : view.question.id }, false);
            },
          },
          {
            key: "answer", label: text.markAnswered,
            onClick(button) {
              act(view, button, "answer_question", { answered: view.question.status !== "answered" }, true);
            },
          },
          { key: "edit", label: f.t("edit") },
          { key: "showAgain", label: text.showAgain, onClick: moving("approve_question", {}) },
          { key: "hide", label: f.t("hide"), onClick: moving("hide_question", {}) },
          {
            key: "remove", label: f.t("delete"), className: "danger-outline", confirm: text.confirmDelete,
            onClick: moving("delete_question", {}),
          },
        ],
      },
      edit: {
        id: "mod-edit-" + id,
        className: "mod-edit",
        areaClass: "mod-edit-text",
        actionsClass: "mod-actions",
        label: text.editLabel,
        onSave(value, editor) {
          return run(editor.save, "edit_question", { question_id: view.question.id, text: value }).then((ack) => {
            if (!ack.ok) return false;
            if (ack.question) state.questions.set(ack.question.id, ack.question);
            else state.questions.set(view.question.id, Object.assign({}, view.question, { text: value, edited: true }));
            render();
            return true;
          });
        },
      },
      layout(parts) {
        const head = f.el("div", { className: "mod-question-head" });
        head.append(parts.text, votes);
        return [head, parts.tags, parts.editor, parts.actions];
      },
    });
    Object.assign(view, { votes, votesCount, votesSpoken, question: null });
    cards.set(id, view);
    return view;
  }

  function paintCard(view, question) {
    view.question = question;
    view.setText(question.text);
    const votes = question.votes || 0;
    view.votesCount.textContent = String(votes);
    view.votesSpoken.textContent = f.votesText(votes);
    const status = question.status;
    const onBoard = status === "visible" || status === "answered";
    view.votes.hidden = status === "pending";
    const pinnedNow = Boolean(state.pinned && state.pinned.id === question.id);
    view.paintMeta(question, {
      pinned: pinnedNow,
      filtered: question.filtered && status === "pending",
      edited: question.edited,
    });
    view.setAction("approve", { hidden: status !== "pending" });
    view.setAction("showAgain", { hidden: status !== "hidden" });
    view.setAction("pin", { hidden: !onBoard, label: pinnedNow ? text.unpin : text.pin, pressed: pinnedNow });
    view.setAction("answer", { hidden: !onBoard, label: status === "answered" ? text.markOpen : text.markAnswered });
    view.setAction("edit", { hidden: status === "hidden" });
    view.setAction("hide", { hidden: status === "hidden" });
    view.setState({ pinned: pinnedNow, filtered: Boolean(question.filtered) && status === "pending" });
    view.node.dataset.status = status;
  }

  const render = keepingFocus(function () {
    const groups = {
      pending: withStatus("pending").sort(byOldest),
      open: withStatus("visible").sort(sort() === "newest" ? byNewest : byTop),
      answered: withStatus("answered").sort(byAnswered),
      hidden: withStatus("hidden").sort(byNewest),
    };
    const used = new Set();
    Object.entries(groups).forEach(([name, questions]) => {
      arrange(lists[name], questions.map((question) => {
        const view = card(question.id);
        used.add(question.id);
        paintCard(view, question);
        return view.node;
      }));
      empties[name].hidden = questions.length > 0;
    });
    cards.forEach((view, id) => {
      if (!used.has(id)) {
        view.node.remove();
        cards.delete(id);
      }
    });
    const number = counts();
    countsLine.textContent = f.format(text.modCounts, number);
    // Without pre-moderation the queue only matters when the word filter held something back.
    queueSection.hidden = !state.premoderation && number.pending === 0;
    queueCount.textContent = number.pending ? f.format(text.tabCount, { count: number.pending }) : "";
    tabCounts.open.textContent = f.format(text.tabCount, { count: number.open });
    tabCounts.answered.textContent = f.format(text.tabCount, { count: number.answered });
    tabCounts.hidden.textContent = f.format(text.tabCount, { count: number.hidden });
    openSwitch.checked = state.open;
    premoderationSwitch.checked = state.premoderation;
    const words = state.wordFilter || [];
    if (!state.usingDefaultFilter && words.length === 0) filterState.textContent = text.filterOff;
    else filterState.textContent = f.format(state.usingDefaultFilter ? text.filterDefault : text.filterCustom,
      { count: words.length });
    if (!filterDirty && document.activeElement !== filterWords) filterWords.value = words.join("\n");
  });

  subscribe(render);
  render();
  return { root, render };
}
