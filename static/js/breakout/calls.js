/* The arithmetic of the groups' calls for the facilitator: how long a call has waited (on
 * the server's clock) and which calls are new to the queue. Pure: node imports it. */

/** Milliseconds `call` has waited at server time `now` (never negative). */
export function waited(call, now) {
  return Math.max(0, now - call.called_at);
}

/** The calls in `calls` whose ids are not in `known` (a Set): the ones to announce. */
export function arrivals(known, calls) {
  return calls.filter((call) => !known.has(call.id));
}

/** The queue, oldest first (ties by id), as the server sends it. */
export function oldestFirst(calls) {
  return calls.slice().sort((a, b) => (a.called_at - b.called_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The group message a participant's page shows: the answer while the round runs, else none. */
export function shownAnswer(view, group) {
  if (!view || view.status !== "running" || !group || !group.answer || !group.answer.text) return null;
  return group.answer;
}
