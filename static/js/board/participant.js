/* The participant's question board: the ask form (counter, optional name, a draft that
 * survives reloads), Open/Answered, Top/Newest and the upvote toggles. */
import f from "../app.js";
import { nonce } from "../core/ids.js";
import {
  byAnswered, byNewest, byTop, command, notify, state, subscribe, withStatus,
} from "./store.js";
import { arrange, cloneTemplate, keepingFocus, questionCard, sortChoice, strings } from "./view.js";

const DRAFT_KEY = "board";
let participantView = null;

/**
 * The participant's board: ask form (counter, optional name, draft that survives reloads,
 * a `client_id` per question so a replay is stored once), Open/Answered, Top/Newest and
 * upvote toggles. Built once per page into `home`; `host(container)` lends it to the
 * `question_board` activity and gives it back on `release()`.
 */
export function participantBoard(home, options) {
  const text = strings();
  const root = cloneTemplate("board-participant");
  if (!root) return null;
  const form = root.querySelector(".board-ask");
  const area = root.querySelector(".board-text");
  const counter = root.querySelector(".board-counter");
  const counterShown = root.querySelector(".board-counter-shown");
  const counterSpoken = root.querySelector(".board-counter-spoken");
  const unsentMark = root.querySelector(".board-unsent");
  const shortcut = root.querySelector(".board-shortcut");
  const named = root.querySelector("#board-named");
  const nameField = root.querySelector(".board-name-field");
  const nameInput = root.querySelector(".board-name");
  const sendButton = root.querySelector(".board-send");
  const status = root.querySelector(".board-status");
  const closedNote = root.querySelector(".board-closed");
  const listMine = root.querySelector(".board-list-mine");
  const listOpen = root.querySelector(".board-list-open");
  const listAnswered = root.querySelector(".board-list-answered");
  const emptyOpen = root.querySelector(".board-empty-open");
  const emptyAnswered = root.querySelector(".board-empty-answered");
  const tabButtons = {
    open: root.querySelector("#board-tab-open .board-tab-count"),
    answered: root.querySelector("#board-tab-answered .board-tab-count"),
  };
  const sortBox = root.querySelector(".board-sort");
  area.placeholder = text.placeholder;
  emptyOpen.textContent = text.noOpen;
  emptyAnswered.textContent = text.noAnswered;
  home.appendChild(root);

  const draft = f.draftStore(DRAFT_KEY);
  const cards = new Map();
  const inFlight = new Set(); // question ids whose vote is being sent
  let asking = null; // {text, name, client_id} sent and not yet acknowledged
  let lastSent = null; // status after the last ack: "visible" | "pending"
  let errorMessage = "";
  let panel = "open";
  const sort = sortChoice(sortBox, () => render());
  f.tabs(root.querySelector(".board-tabs"), {
    open: root.querySelector("#board-panel-open"),
    answered: root.querySelector("#board-panel-answered"),
  }, (name) => {
    panel = name;
    sortBox.hidden = name !== "open";
  });

  // -- ask form

  function saved() {
    const value = draft.get();
    return value && typeof value === "object" ? value : {};
  }

  function keepDraft() {
    const current = saved();
    const value = area.value;
    const name = nameInput.value;
    if (!value.trim() && !named.checked) {
      draft.clear();
      return;
    }
    // A new text is a new question: it gets a new client_id when it is sent.
    const clientId = current.text === value ? current.client_id : undefined;
    draft.set({ text: value, named: named.checked, name: name, client_id: clientId });
  }

  function refreshForm() {
    const limit = state.maxLength;
    const value = area.value.trim();
    f.paintCounter(
      { counter: counter, shown: counterShown, spoken: counterSpoken, area: area }, value, limit, text);
    const closed = state.loaded && !state.open;
    const busy = asking !== null;
    area.disabled = closed;
    named.disabled = closed;
    nameInput.disabled = closed;
    sendButton.disabled = closed || !state.loaded;
    // Busy, not disabled: a disabled button would drop the keyboard focus.
    if (busy) sendButton.setAttribute("aria-disabled", "true");
    else sendButton.removeAttribute("aria-disabled");
    nameField.hidden = !named.checked;
    closedNote.hidden = !closed;
    form.hidden = closed; // what was typed stays, and is back when asking opens again
    unsentMark.hidden = closed || busy || !value;
    shortcut.hidden = closed;
    status.classList.toggle("error", Boolean(errorMessage));
    status.classList.toggle("confirmed", !errorMessage && !busy && lastSent !== null);
    let line = "";
    if (errorMessage) line = errorMessage;
    else if (busy) line = text.sending;
    else if (lastSent === "pending") line = "✓ " + text.sentPending;
    else if (lastSent) line = "✓ " + text.sentVisible;
    if (status.textContent !== line) status.textContent = line;
  }

  function ask(payload) {
    asking = payload;
    refreshForm();
    command("ask_question", payload).then((ack) => {
      if (!asking || asking.client_id !== payload.client_id) return; // an answered replay
      asking = null;
      if (ack.ok) {
        const question = ack.question;
        if (question) state.mine.set(question.id, question);
        if (question && (question.status === "visible" || question.status === "answered")) {
          state.questions.set(question.id, Object.assign({}, state.questions.get(question.id), question));
        }
        lastSent = question && question.status === "pending" ? "pending" : "visible";
        errorMessage = "";
        const current = saved();
        if (current.client_id === payload.client_id || current.text === payload.text) {
          if (area.value === payload.text || area.value.trim() === payload.text.trim()) area.value = "";
          draft.set({ text: "", named: named.checked, name: nameInput.value });
          if (!named.checked) draft.clear();
        }
        notify({ reset: false, added: [] });
      } else {
        errorMessage = ack.error ? ack.error.message : "";
        lastSent = null;
      }
      refreshForm();
    });
  }

  function submit(event) {
    if (event) event.preventDefault();
    if (asking || !state.open) return;
    const value = area.value.trim();
    lastSent = null;
    if (!value) errorMessage = text.empty;
    else if (f.textLength(value) > state.maxLength) errorMessage = f.format(text.tooLong, { limit: state.maxLength });
    else errorMessage = "";
    if (errorMessage) {
      refreshForm();
      area.focus();
      return;
    }
    const current = saved();
    const clientId = current.text === area.value && current.client_id ? current.client_id : nonce();
    draft.set({ text: area.value, named: named.checked, name: nameInput.value, client_id: clientId });
    const name = named.checked ? nameInput.value.trim() : "";
    ask({ text: value, name: name || null, client_id: clientId });
  }

  form.addEventListener("submit", submit);
  area.addEventListener("input", () => {
    errorMessage = "";
    lastSent = null;
    keepDraft();
    refreshForm();
  });
  area.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    submit();
  });
  named.addEventListener("change", () => {
    if (named.checked && !nameInput.value) nameInput.value = options.displayName || "";
    keepDraft();
    refreshForm();
    if (named.checked) nameInput.focus();
  });
  nameInput.addEventListener("input", keepDraft);

  const start = saved();
  if (typeof start.text === "string") area.value = start.text;
  named.checked = Boolean(start.named);
  nameInput.value = typeof start.name === "string" ? start.name : "";

  // -- questions

  function card(id) {
    if (cards.has(id)) return cards.get(id);
    const textId = "board-q-" + id;
    const vote = f.el("button", {
      type: "button", className: "upvote", "aria-pressed": "false", "aria-describedby": textId,
    });
    const arrow = f.el("span", { className: "upvote-arrow", "aria-hidden": "true" }, "▲");
    const count = f.el("span", { className: "upvote-count", "aria-hidden": "true" });
    const spoken = f.el("span", { className: "visually-hidden" });
    vote.append(arrow, count, spoken);
    const tally = f.el("p", { className: "vote-tally" });
    const tallyCount = f.el("span", { className: "upvote-count", "aria-hidden": "true" });
    const tallySpoken = f.el("span", { className: "visually-hidden" });
    tally.append(f.el("span", { className: "upvote-arrow", "aria-hidden": "true" }, "▲"), tallyCount, tallySpoken);
    const view = questionCard(id, textId, {
      layout(parts) {
        const main = f.el("div", { className: "question-main" });
        main.append(parts.text, parts.tags);
        return [main, vote, tally];
      },
    });
    Object.assign(view, { vote, count, spoken, tally, tallyCount, tallySpoken, question: null });
    vote.addEventListener("click", () => toggleVote(view));
    cards.set(id, view);
    return view;
  }

  function paintCard(view, question, where) {
    view.question = question;
    view.setText(question.text);
    const own = state.mine.has(question.id);
    const voted = state.voted.has(question.id);
    const votes = question.votes || 0;
    const pinnedNow = state.pinned && state.pinned.id === question.id;
    view.paintMeta(question, {
      pinned: pinnedNow,
      yours: own,
      waiting: question.status === "pending",
      notShown: question.status === "hidden" || question.status === "removed",
      edited: question.edited,
    });
    // Only others' open questions take votes; the rest show their count.
    const votable = !own && where === "open";
    view.vote.hidden = !votable;
    view.tally.hidden = votable || where === "mine";
    view.vote.setAttribute("aria-pressed", voted ? "true" : "false");
    view.count.textContent = String(votes);
    view.spoken.textContent = f.format(text.upvoteLabel, { votes: f.votesText(votes) });
    view.tallyCount.textContent = String(votes);
    view.tallySpoken.textContent = f.format(text.votesLabel, { votes: f.votesText(votes) });
    view.setState({ mine: own, voted: voted, pinned: Boolean(pinnedNow), waiting: where === "mine" });
  }

  function toggleVote(view) {
    const question = view.question;
    // One request per question at a time. The button is not disabled meanwhile: that
    // would throw the keyboard focus away.
    if (!question || inFlight.has(question.id)) return;
    inFlight.add(question.id);
    const voting = !state.voted.has(question.id);
    // Shown at once; the ack (or a refusal) sets the server's count.
    if (voting) state.voted.add(question.id);
    else state.voted.delete(question.id);
    state.questions.set(question.id, Object.assign({}, question, {
      votes: Math.max(0, (question.votes || 0) + (voting ? 1 : -1)),
    }));
    render();
    command(voting ? "upvote_question" : "unvote_question", { question_id: question.id }).then((ack) => {
      inFlight.delete(question.id);
      const latest = state.questions.get(question.id);
      if (ack.ok) {
        if (ack.voted) state.voted.add(question.id);
        else state.voted.delete(question.id);
        if (latest && typeof ack.votes === "number") {
          state.questions.set(question.id, Object.assign({}, latest, { votes: ack.votes }));
        }
      } else {
        if (voting) state.voted.delete(question.id);
        else state.voted.add(question.id);
        if (latest) state.questions.set(question.id, Object.assign({}, latest, { votes: question.votes }));
        errorMessage = ack.error ? ack.error.message : "";
        refreshForm();
      }
      render();
    });
  }

  const render = keepingFocus(function () {
    const open = withStatus("visible").sort(sort() === "newest" ? byNewest : byTop);
    const answered = withStatus("answered").sort(byAnswered);
    const waiting = Array.from(state.mine.values())
      .filter((question) => !state.questions.has(question.id)
        && (question.status === "pending" || question.status === "hidden" || question.status === "removed"))
      .sort(byNewest);
    const used = new Set();
    function nodes(list, where) {
      return list.map((question) => {
        const view = card(question.id);
        used.add(question.id);
        paintCard(view, question, where);
        return view.node;
      });
    }
    arrange(listMine, nodes(waiting, "mine"));
    arrange(listOpen, nodes(open, "open"));
    arrange(listAnswered, nodes(answered, "answered"));
    cards.forEach((view, id) => {
      if (!used.has(id)) {
        view.node.remove();
        cards.delete(id);
      }
    });
    listMine.hidden = waiting.length === 0;
    emptyOpen.hidden = open.length > 0 || !state.loaded;
    emptyAnswered.hidden = answered.length > 0 || !state.loaded;
    tabButtons.open.textContent = f.format(text.tabCount, { count: open.length });
    tabButtons.answered.textContent = f.format(text.tabCount, { count: answered.length });
    refreshForm();
  });

  subscribe((change) => {
    // A question whose ack was lost with the connection is sent again; the server
    // recognises its client_id and stores it once.
    if (change.reset && asking) ask(asking);
    render();
  });
  render();

  participantView = {
    root,
    panel: () => panel,
    /** Lend the board to `container` (the question_board activity); returns `release()`. */
    host(container) {
      container.appendChild(root);
      root.classList.add("hosted");
      document.dispatchEvent(new CustomEvent("facilitation:board-hosted", { detail: { hosted: true } }));
      return function release() {
        if (root.parentNode !== home) home.appendChild(root);
        root.classList.remove("hosted");
        document.dispatchEvent(new CustomEvent("facilitation:board-hosted", { detail: { hosted: false } }));
      };
    },
  };
  return participantView;
}

/** Lend the participant's board to `container`; returns `release()` (or null without one). */
export function host(container) {
  return participantView ? participantView.host(container) : null;
}
