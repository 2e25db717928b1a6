/* Big screen: join code and QR in the lobby; the current activity large, results live; a
 * question the presenter pins, very large over everything else ("Now discussing"). */
import f from "./app.js";
import board from "./board/index.js";
import { countdown } from "./components/countdown.js";
import { fitTitle, zoomToRoom } from "./components/screen_pager.js";
import "/js/kinds.js"; // every activity kind registers itself (facilitation/web/home.py)

const lobby = document.getElementById("lobby");
const itemSection = document.getElementById("screen-item");
const title = document.getElementById("screen-title");
const bodyNode = document.getElementById("screen-body");
const presenceNode = document.getElementById("presence");
let item = null;
let view = null;
let presence = { joined: 0, online: 0 };
const clock = countdown("countdown-screen");
title.after(clock.node);

// A long title shrinks until it takes no more than this many lines of its full size.
const TITLE_LINES = 2;
window.addEventListener("resize", () => {
  if (item) fitTitle(title, TITLE_LINES);
  zoomView();
});

/** Scale the view down where it does not fit, unless it sizes itself to the room (word cloud). */
function zoomView() {
  if (view && !view.fitsRoom) zoomToRoom(bodyNode);
}

/**
 * Draw (or update) the view at full size, then scale it down where it still does not fit
 * (bars of twelve options, a chart, five long prompts). Lists that page (answers, cards,
 * questions) have fitted themselves while drawn, so they stay at full size.
 */
function fitted(draw) {
  bodyNode.style.zoom = "";
  draw();
  zoomView();
}

function showPresence() {
  presenceNode.textContent = presence.joined ? f.t("joined", { count: presence.joined }) : "";
}

function show(next, redraw) {
  const sameItem = item && next && item.id === next.id;
  item = next;
  clock.update(item);
  lobby.hidden = Boolean(item);
  document.body.classList.toggle("in-lobby", !item);
  itemSection.hidden = !item;
  if (!item) {
    if (view && view.destroy) view.destroy();
    view = null;
    return;
  }
  if (sameItem && view && !redraw) {
    fitted(() => view.update(item));
    return;
  }
  itemSection.dataset.kind = item.kind;
  f.markContent(title).textContent = item.title;
  fitTitle(title, TITLE_LINES);
  if (view && view.destroy) view.destroy();
  fitted(() => {
    view = f.renderItem(bodyNode, item, { joined: () => presence.joined });
  });
}

function onItemChanged(payload) {
  if (!payload.item) show(null);
  else if (payload.current_item_id === payload.item.id) show(payload.item);
}

board.pinnedOverlay(document.getElementById("now-discussing"));

/** After the end the lobby thanks everyone instead of inviting them to join. */
function showEnded(ended) {
  document.getElementById("lobby-join").hidden = ended;
  document.getElementById("lobby-ended").hidden = !ended;
  document.body.classList.toggle("workshop-ended", ended);
}

f.connect((state) => {
  showEnded(Boolean(state.workshop.ended_at));
  board.load(state.board);
  presence = state.presence;
  showPresence();
  item = null;
  show(state.item);
}, {
  questions_changed: board.apply,
  ...f.itemEvents(onItemChanged),
  item_reset(payload) {
    if (payload.item && payload.current_item_id === payload.item.id) show(payload.item, true);
  },
  workshop_ended() {
    showEnded(true);
  },
  tally(payload) {
    if (item && view && payload.item_id === item.id) {
      item = f.withTally(item, payload);
      fitted(() => view.update(item));
    }
  },
  presence(payload) {
    presence = payload;
    showPresence();
    if (item && view) fitted(() => view.update(item));
  },
});
