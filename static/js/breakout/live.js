/* The page's one breakout store and drafts, wired to the page's connection: every snapshot
 * (after a (re)connect) and breakout fact feeds the store, unsent cards and notes are sent
 * again. Registered at load time (kind modules load before the page module connects). */
import f from "../app.js";
import { nonce } from "../core/ids.js";
import { createStore } from "./store.js";
import { createDrafts } from "./outbox.js";

const command = (event, payload) => f.command(event, payload);

/** At the recall, whatever is typed in the add fields is sent (the server still takes it). */
function statusChanged(before) {
  if (f.role !== "participant" || !round.view) return;
  if (round.view.status === "ended" && before !== "ended") typed.flush(round.itemId);
}

export const store = createStore({ command, statusChanged });
export const round = store.round;
export const { typed, outbox, notes } = createDrafts({
  storeFor: (name) => f.draftStore(name),
  store,
  command,
  online: () => f.online(),
  nonce,
  timers: window,
});

// The breakout whose round came with the snapshot being handled right now: the page renders
// it in the same task, without asking again.
let fresh = null;

/** A view shows breakout `itemId` now: ask for its round unless the snapshot just brought it. */
export function showing(itemId) {
  store.shownItemId = itemId;
  // A breakout that became current through item_opened came without its round: ask for it.
  if (fresh !== itemId) store.refresh(itemId);
}

/** The view of breakout `itemId` is gone. */
export function hidden(itemId) {
  if (store.shownItemId === itemId) store.shownItemId = null;
}

f.onSnapshot((snapshot) => {
  store.applySnapshot(snapshot);
  fresh = snapshot.breakout ? snapshot.breakout.item_id : null;
  window.setTimeout(() => { fresh = null; }, 0);
  outbox.resend();
  if (snapshot.breakout) notes.resend(snapshot.breakout.item_id);
  store.notify({ all: true });
});

f.listen("presence", (payload) => store.applyPresence(payload));
f.listen("breakout_changed", (payload) => store.applyChange(payload));
f.listen("group_changed", (payload) => store.applyGroup(payload));
f.listen("breakout_groups", (payload) => store.applyGroups(payload));
f.listen("harvest_changed", (payload) => store.applyHarvest(payload));
f.listen("help_calls", (payload) => store.applyCalls(payload));
