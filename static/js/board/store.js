/* The question board's state on this page: loaded from the snapshot's `board`, changed by
 * the `questions_changed` facts and by the acks of this page's own commands. Plain data and
 * no DOM, so that node can import it; the views subscribe and render. */

/** Most votes first; of equal votes, the older question first. */
export const byTop = (a, b) => (b.votes - a.votes) || (a.created_at - b.created_at);
export const byNewest = (a, b) => b.created_at - a.created_at;
export const byOldest = (a, b) => a.created_at - b.created_at;
/** Most recently answered first. */
export const byAnswered = (a, b) => (b.answered_at || 0) - (a.answered_at || 0) || byNewest(a, b);

/** The board as this role may see it. Views read it and, after an ack, write to it and `notify`. */
export const state = {
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
let send = () => Promise.resolve({ ok: false, error: { message: "" } });

/** Tell every subscriber what changed: `{reset, added}` (`added`: ids new to the board). */
export function notify(change) {
  listeners.forEach((listener) => listener(change));
}

/** Call `listener({reset, added})` after every change; returns a function that stops it. */
export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Send commands through this page's connection: `next(event, payload)` returns the ack. */
export function setCommand(next) {
  send = next;
}

/** Send one board command; resolves with the server's ack. */
export function command(event, payload) {
  return send(event, payload);
}

/** Replace the whole board with the snapshot's `board` (after every (re)connect). */
export function load(board) {
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
export function apply(payload) {
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
export function pinned() {
  if (!state.pinned) return null;
  return state.questions.get(state.pinned.id) || state.pinned;
}

/** The questions of one status ("visible", "answered", "pending", "hidden"), unsorted. */
export function withStatus(status) {
  return Array.from(state.questions.values()).filter((question) => question.status === status);
}

/** How many questions are in each state, as this page knows them. */
export function counts() {
  const result = { open: 0, answered: 0, pending: 0, hidden: 0 };
  state.questions.forEach((question) => {
    if (question.status === "visible") result.open += 1;
    else if (question.status in result) result[question.status] += 1;
  });
  return result;
}
