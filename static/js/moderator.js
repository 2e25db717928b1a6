/* Moderator view: the question board to moderate, and the current activity as the big
 * screen shows it; in a breakout, messages to the groups and the harvest. No agenda control. */
import f from "./app.js";
import board from "./board/index.js";
import "/js/kinds.js"; // every activity kind registers itself (facilitation/web/home.py)

const $ = (id) => document.getElementById(id);
const errorNode = $("command-error");
let state = null;
let view = null;
let shownItemId;

const run = f.reporting(errorNode);

board.moderatorBoard($("board-moderator-home"));
board.setCommand((event, payload) => run(event, payload));

function renderPresence() {
  $("presence").textContent = f.t("presence", { online: state.presence.online, joined: state.presence.joined });
}

function renderCurrent() {
  const item = state.item;
  if (!item) {
    if (view && view.destroy) view.destroy();
    view = null;
    shownItemId = null;
    $("current-kind").textContent = "";
    f.markContent($("current-title"), false).textContent = f.t("lobby_title");
    $("current-body").replaceChildren();
    return;
  }
  if (shownItemId === item.id && view) {
    view.update(item);
    return;
  }
  if (view && view.destroy) view.destroy();
  $("current-kind").textContent = f.kindLabel(item.kind);
  f.markContent($("current-title")).textContent = item.title;
  view = f.renderItem($("current-body"), item, { joined: () => state.presence.joined, command: run });
  shownItemId = item.id;
}

function onItemChange(payload) {
  state.current_item_id = payload.current_item_id;
  if (payload.item && payload.item.id === payload.current_item_id) state.item = payload.item;
  else if (!payload.current_item_id) state.item = null;
  renderCurrent();
}

f.connect((snapshot) => {
  state = snapshot;
  shownItemId = undefined;
  board.load(snapshot.board);
  renderPresence();
  renderCurrent();
}, {
  questions_changed: board.apply,
  ...f.itemEvents(onItemChange),
  item_reset(payload) {
    shownItemId = undefined;
    onItemChange(payload);
  },
  tally(payload) {
    if (state.item && state.item.id === payload.item_id) {
      state.item = f.withTally(state.item, payload);
      if (view) view.update(state.item);
    }
  },
  presence(payload) {
    state.presence = payload;
    renderPresence();
  },
});
