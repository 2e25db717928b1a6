/* The question board: one state per page, kept from the snapshot's `board` and the
 * `questions_changed` facts, and the views on it — the participant's board (ask, upvote,
 * Open/Answered, Top/Newest), the presenter's moderation panel, the top questions and the
 * pinned question for the big screen. Question text and names are only ever set as text. */
import f from "./app.js";

const stringsNode = document.getElementById("board-strings");
const DRAFT_KEY = "board";
const SCREEN_TOP = 6;

function s() {
  return stringsNode ? stringsNode.dataset : {};
}

/** A fresh nonce for one question, so a question replayed after a reconnect is stored once. */
function nonce() {
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function cloneTemplate(id) {
  const template = document.getElementById(id);
  return template ? template.content.firstElementChild.cloneNode(true) : null;
}

// -- sorting ---------------------------------------------------------------

const byTop = (a, b) => (b.votes - a.votes) || (a.created_at - b.created_at);
const byNewest = (a, b) => b.created_at - a.created_at;
const byOldest = (a, b) => a.created_at - b.created_at;
const byAnswered = (a, b) => (b.answered_at || 0) - (a.answered_at || 0) || byNewest(a, b);

// -- state -----------------------------------------------------------------

const state = {
  loaded: false,
  open: true,
  maxLength: 280,
  pinned: null,
  questions: new Map(), // id -> question as this role may see it
  mine: new Map(), // participants: id -> own question, any status
  voted: new Set(), // participants: ids they upvoted
  premoderation: false,
  wordFilter: [],
  usingDefaultFilter: true,
};
const listeners = new Set();
let participantView = null;
let command = () => Promise.resolve({ ok: false, error: { message: "" } });

function notify(change) {
  listeners.forEach((listener) => listener(change));
}

/** Replace the whole board with the snapshot's `board` (after every (re)connect). */
function load(board) {
  if (!board) return;
  state.loaded = true;
  state.open = board.open !== false;
  state.maxLength = board.max_length || 280;
  state.pinned = board.pinned || null;
  state.questions = new Map((board.questions || []).map((question) => [question.id, question]));
  if (board.mine) state.mine = new Map(board.mine.map((question) => [question.id, question]));
  if (board.voted) state.voted = new Set(board.voted);
  if ("premoderation" in board) state.premoderation = Boolean(board.premoderation);
  if ("word_filter" in board) state.wordFilter = board.word_filter || [];
  if ("using_default_filter" in board) state.usingDefaultFilter = Boolean(board.using_default_filter);
  notify({ reset: true, added: [] });
}

/** Apply one `questions_changed` fact: changed questions, removed ids, pinned, open. */
function apply(payload) {
  if (!payload || !state.loaded) return;
  const added = [];
  (payload.questions || []).forEach((question) => {
    if (!state.questions.has(question.id)) added.push(question.id);
    state.questions.set(question.id, question);
    if (state.mine.has(question.id)) {
      state.mine.set(question.id, Object.assign({}, state.mine.get(question.id), question));
    }
  });
  (payload.removed || []).forEach((id) => {
    state.questions.delete(id);
    state.voted.delete(id);
    // The asker learns only that their question left the board (hidden, deleted or back
    // in the queue); the next snapshot tells which.
    const own = state.mine.get(id);
    if (own && (own.status === "visible" || own.status === "answered")) {
      state.mine.set(id, Object.assign({}, own, { status: "removed" }));
    }
  });
  if ("pinned" in payload) state.pinned = payload.pinned || null;
  if ("open" in payload) state.open = payload.open !== false;
  if ("premoderation" in payload) state.premoderation = Boolean(payload.premoderation);
  if (Array.isArray(payload.word_filter)) state.wordFilter = payload.word_filter;
  if ("using_default_filter" in payload) state.usingDefaultFilter = Boolean(payload.using_default_filter);
  notify({ reset: false, added: added });
}

/** The pinned question with its latest text and votes. */
function pinned() {
  if (!state.pinned) return null;
  return state.questions.get(state.pinned.id) || state.pinned;
}

function withStatus(status) {
  return Array.from(state.questions.values()).filter((question) => question.status === status);
}

/** How many questions are in each state, as this page knows them. */
function counts() {
  const result = { open: 0, answered: 0, pending: 0, hidden: 0 };
  state.questions.forEach((question) => {
    if (question.status === "visible") result.open += 1;
    else if (question.status in result) result[question.status] += 1;
  });
  return result;
}

// -- shared view pieces ------------------------------------------------------

/**
 * Put `wanted` (nodes, in order) into `list`, moving only what is out of place, so
 * nothing flickers; whatever else is left at the end is removed.
 */
function arrange(list, wanted) {
  wanted.forEach((node, index) => {
    if (list.children[index] !== node) list.insertBefore(node, list.children[index] || null);
  });
  while (list.children.length > wanted.length) list.lastElementChild.remove();
}

/**
 * Run `render` (which moves nodes between and within lists) without losing the keyboard
 * focus: moving a node blurs what is focused inside it, so it is focused again.
 */
function keepingFocus(render) {
  return function () {
    const active = document.activeElement;
    render.apply(null, arguments);
    if (active && active !== document.body && document.activeElement !== active
        && document.contains(active) && active.checkVisibility && active.checkVisibility()) {
      active.focus({ preventScroll: true });
    }
  };
}

function sortChoice(fieldset, onChange) {
  let value = "top";
  fieldset.addEventListener("change", (event) => {
    if (event.target.name && event.target.checked) {
      value = event.target.value;
      onChange(value);
    }
  });
  return () => value;
}

function votesText(count) {
  return f.votesText(count);
}

/** The marks under a question: name, yours, edited, status. Returns `update(question, flags)`. */
function metaLine(node) {
  const text = s();
  const name = f.el("span", { className: "question-name", dir: "auto" });
  const tags = {
    pinned: f.el("span", { className: "question-tag tag-pinned" }, text.nowDiscussing),
    yours: f.el("span", { className: "question-tag tag-yours" }, text.yours),
    waiting: f.el("span", { className: "question-tag tag-waiting" }, text.waiting),
    notShown: f.el("span", { className: "question-tag tag-not-shown" }, text.notShown),
    filtered: f.el("span", { className: "question-tag tag-filtered", title: text.filteredTitle }, text.filtered),
    hidden: f.el("span", { className: "question-tag tag-hidden" }, text.hiddenMark),
    edited: f.el("span", { className: "question-tag tag-edited" }, text.edited),
  };
  node.append(name, ...Object.values(tags));
  return function update(question, flags) {
    // "Anonymous" under every question would be noise; only the asker is told.
    const shownName = question.name ? question.name : (flags.yours ? text.anonymous : "");
    if (name.textContent !== shownName) name.textContent = shownName;
    name.hidden = !shownName;
    name.classList.toggle("anonymous", !question.name);
    let any = Boolean(shownName);
    Object.entries(tags).forEach(([key, tag]) => {
      tag.hidden = !flags[key];
      any = any || !tag.hidden;
    });
    node.hidden = !any;
  };
}

// -- participant board -------------------------------------------------------

/**
 * The participant's board: ask form (counter, optional name, draft that survives reloads,
 * a `client_id` per question so a replay is stored once), Open/Answered, Top/Newest and
 * upvote toggles. Built once per page into `home`; `host(container)` lends it to the
 * `question_board` activity and gives it back on `release()`.
 */
function participantBoard(home, options) {
  const text = s();
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
    const node = f.el("li", { className: "question", "data-question": id });
    const textId = "board-q-" + id;
    const body = f.el("p", { className: "question-text", id: textId, dir: "auto" });
    const meta = f.el("p", { className: "question-meta" });
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
    const main = f.el("div", { className: "question-main" });
    main.append(body, meta);
    node.append(main, vote, tally);
    const view = { node, body, vote, count, spoken, tally, tallyCount, tallySpoken, question: null };
    view.meta = metaLine(meta);
    vote.addEventListener("click", () => toggleVote(view));
    cards.set(id, view);
    return view;
  }

  function paintCard(view, question, where) {
    view.question = question;
    if (view.body.textContent !== question.text) view.body.textContent = question.text;
    const own = state.mine.has(question.id);
    const voted = state.voted.has(question.id);
    const votes = question.votes || 0;
    const pinnedNow = state.pinned && state.pinned.id === question.id;
    view.meta(question, {
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
    view.spoken.textContent = f.format(text.upvoteLabel, { votes: votesText(votes) });
    view.tallyCount.textContent = String(votes);
    view.tallySpoken.textContent = f.format(text.votesLabel, { votes: votesText(votes) });
    view.node.classList.toggle("mine", own);
    view.node.classList.toggle("voted", voted);
    view.node.classList.toggle("pinned", Boolean(pinnedNow));
    view.node.classList.toggle("waiting", where === "mine");
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

  listeners.add((change) => {
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

// -- presenter: moderation panel ----------------------------------------------

/**
 * The presenter's Questions panel: asking open/closed, pre-moderation, the word filter,
 * the queue (approve, hide, delete) and the board (pin, answered, edit inline, hide,
 * delete), with counts. Lists are keyed by id and updated in place.
 */
function moderatorBoard(home) {
  const text = s();
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

  function button(label, className, textId) {
    return f.el("button", {
      type: "button", className: "button compact " + (className || ""), "aria-describedby": textId,
    }, label);
  }

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
    const node = f.el("li", { className: "question mod-question", "data-question": id });
    const textId = "mod-q-" + id;
    const head = f.el("div", { className: "mod-question-head" });
    const votes = f.el("span", { className: "mod-votes" });
    const votesCount = f.el("span", { className: "upvote-count", "aria-hidden": "true" });
    const votesSpoken = f.el("span", { className: "visually-hidden" });
    votes.append(f.el("span", { className: "upvote-arrow", "aria-hidden": "true" }, "▲"), votesCount, votesSpoken);
    const body = f.el("p", { className: "question-text", id: textId, dir: "auto" });
    head.append(body, votes);
    const meta = f.el("p", { className: "question-meta" });
    const editor = f.el("form", { className: "mod-edit", hidden: true, novalidate: true });
    const editId = "mod-edit-" + id;
    const editLabel = f.el("label", { className: "visually-hidden", for: editId }, text.editLabel);
    const editArea = f.el("textarea", { id: editId, className: "mod-edit-text", rows: 3 });
    const editActions = f.el("div", { className: "mod-actions" });
    const editSave = button(text.save, "primary");
    editSave.type = "submit";
    const editCancel = button(text.cancel);
    editActions.append(editSave, editCancel);
    editor.append(editLabel, editArea, editActions);
    const actions = f.el("div", { className: "mod-actions" });
    const view = {
      node, body, votes, votesCount, votesSpoken, editor, editArea, actions, question: null,
      approve: button(text.approve, "primary", textId),
      pin: button(text.pin, "", textId),
      answer: button(text.markAnswered, "", textId),
      edit: button(text.edit, "", textId),
      hide: button(text.hide, "", textId),
      showAgain: button(text.showAgain, "", textId),
      remove: button(text.delete, "danger-outline", textId),
    };
    view.meta = metaLine(meta);
    actions.append(view.approve, view.pin, view.answer, view.edit, view.showAgain, view.hide, view.remove);
    node.append(head, meta, editor, actions);

    view.approve.addEventListener("click", () => act(view, view.approve, "approve_question", {}, true));
    view.showAgain.addEventListener("click", () => act(view, view.showAgain, "approve_question", {}, true));
    view.hide.addEventListener("click", () => act(view, view.hide, "hide_question", {}, true));
    view.pin.addEventListener("click", () => {
      const on = state.pinned && state.pinned.id === view.question.id;
      act(view, view.pin, "pin_question", { question_id: on ? null : view.question.id }, false);
    });
    view.answer.addEventListener("click", () => {
      act(view, view.answer, "answer_question", { answered: view.question.status !== "answered" }, true);
    });
    view.remove.addEventListener("click", () => {
      if (window.confirm(text.confirmDelete)) act(view, view.remove, "delete_question", {}, true);
    });
    view.edit.addEventListener("click", () => {
      editArea.value = view.question.text;
      editor.hidden = false;
      actions.hidden = true;
      body.hidden = true;
      editArea.focus();
    });
    function closeEditor() {
      editor.hidden = true;
      actions.hidden = false;
      body.hidden = false;
      view.edit.focus();
    }
    editCancel.addEventListener("click", closeEditor);
    editArea.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        closeEditor();
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        editor.requestSubmit();
      }
    });
    editor.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = editArea.value.trim();
      if (value === view.question.text) {
        closeEditor();
        return;
      }
      run(editSave, "edit_question", { question_id: view.question.id, text: value }).then((ack) => {
        if (!ack.ok) return;
        if (ack.question) state.questions.set(ack.question.id, ack.question);
        else state.questions.set(view.question.id, Object.assign({}, view.question, { text: value, edited: true }));
        closeEditor();
        render();
      });
    });
    cards.set(id, view);
    return view;
  }

  function paintCard(view, question) {
    view.question = question;
    if (view.body.textContent !== question.text) view.body.textContent = question.text;
    const votes = question.votes || 0;
    view.votesCount.textContent = String(votes);
    view.votesSpoken.textContent = votesText(votes);
    const status = question.status;
    view.votes.hidden = status === "pending";
    const pinnedNow = Boolean(state.pinned && state.pinned.id === question.id);
    view.meta(question, {
      pinned: pinnedNow,
      filtered: question.filtered && status === "pending",
      edited: question.edited,
    });
    view.approve.hidden = status !== "pending";
    view.showAgain.hidden = status !== "hidden";
    view.pin.hidden = status !== "visible" && status !== "answered";
    view.pin.textContent = pinnedNow ? text.unpin : text.pin;
    view.pin.setAttribute("aria-pressed", pinnedNow ? "true" : "false");
    view.answer.hidden = status !== "visible" && status !== "answered";
    view.answer.textContent = status === "answered" ? text.markOpen : text.markAnswered;
    view.edit.hidden = status === "hidden";
    view.hide.hidden = status === "hidden";
    view.node.classList.toggle("pinned", pinnedNow);
    view.node.classList.toggle("filtered", Boolean(question.filtered) && status === "pending");
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

  listeners.add(render);
  render();
  return { root, render };
}

// -- big screen and previews ----------------------------------------------------

/** The top open questions by votes, large: the `question_board` item on the big screen. */
function topQuestions(container, options) {
  const limit = (options && options.limit) || SCREEN_TOP;
  const list = f.el("ol", { className: "board-top", "aria-label": options && options.label });
  const empty = f.el("p", { className: "board-top-empty" }, options && options.empty);
  container.append(list, empty);
  const rows = new Map();

  function row(id) {
    if (rows.has(id)) return rows.get(id);
    const node = f.el("li", { className: "board-top-row", "data-question": id });
    const votes = f.el("span", { className: "board-top-votes" });
    const count = f.el("span", { className: "board-top-count" });
    const spoken = f.el("span", { className: "visually-hidden" });
    votes.append(f.el("span", { className: "upvote-arrow", "aria-hidden": "true" }, "▲"), count, spoken);
    const body = f.el("div", { className: "board-top-body" });
    const textNode = f.el("p", { className: "question-text", dir: "auto" });
    const name = f.el("p", { className: "board-top-name", dir: "auto" });
    body.append(textNode, name);
    node.append(votes, body);
    const view = { node, count, spoken, textNode, name };
    rows.set(id, view);
    return view;
  }

  function render() {
    const top = withStatus("visible").sort(byTop).slice(0, limit);
    const wanted = top.map((question) => {
      const view = row(question.id);
      if (view.textNode.textContent !== question.text) view.textNode.textContent = question.text;
      const name = question.name || "";
      if (view.name.textContent !== name) view.name.textContent = name;
      view.name.hidden = !name;
      view.count.textContent = String(question.votes || 0);
      view.count.setAttribute("aria-hidden", "true");
      view.spoken.textContent = votesText(question.votes || 0);
      view.node.classList.toggle("long", f.textLength(question.text) > 140);
      return view.node;
    });
    const keep = new Set(top.map((question) => question.id));
    rows.forEach((view, id) => {
      if (!keep.has(id)) {
        view.node.remove();
        rows.delete(id);
      }
    });
    arrange(list, wanted);
    empty.hidden = top.length > 0;
    if (options && options.fit) fit();
  }

  /** On the big screen nobody can scroll: drop the last rows until the list fits. */
  function fit() {
    const shown = Array.from(list.children);
    shown.forEach((node) => { node.hidden = false; });
    if (!list.isConnected) return;
    const bottom = window.innerHeight - 12;
    while (shown.length > 1 && list.getBoundingClientRect().bottom > bottom) shown.pop().hidden = true;
  }

  listeners.add(render);
  render();
  if (options && options.fit) window.addEventListener("resize", fit);
  return {
    update: render,
    destroy() {
      listeners.delete(render);
      window.removeEventListener("resize", fit);
    },
  };
}

/** The pinned question, very large over whatever the screen shows; gone when unpinned. */
function pinnedOverlay(node) {
  const textNode = node.querySelector(".now-discussing-text");
  const nameNode = node.querySelector(".now-discussing-name");
  function render() {
    const question = pinned();
    node.hidden = !question;
    document.body.classList.toggle("question-pinned", Boolean(question));
    if (!question) return;
    if (textNode.textContent !== question.text) textNode.textContent = question.text;
    const chars = f.textLength(question.text);
    node.dataset.size = chars <= 70 ? "xl" : chars <= 150 ? "l" : "m";
    const name = question.name || "";
    if (nameNode.textContent !== name) nameNode.textContent = name;
    nameNode.hidden = !name;
  }
  listeners.add(render);
  render();
  return { update: render };
}

f.board = {
  /** Send commands through this page's connection (from `facilitation.connect`). */
  setCommand(next) {
    command = next;
  },
  load,
  apply,
  counts,
  pinned,
  state,
  /** Call `listener({reset, added})` after every change; returns a function that stops it. */
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  participantBoard,
  /** Lend the participant's board to `container`; returns `release()` (or null without one). */
  host(container) {
    return participantView ? participantView.host(container) : null;
  },
  moderatorBoard,
  topQuestions,
  pinnedOverlay,
};
