/* Participant page: tabs "Activity" (whatever the presenter opened; answers survive
 * reconnects) and "Questions" (the workshop's question board, always reachable). */
import f from "./app.js";
import { countdown } from "./components/countdown.js";
import board from "./board/index.js";
import "/js/kinds.js"; // every activity kind registers itself (facilitation/web/home.py)

const $ = (id) => document.getElementById(id);
const stage = $("stage");
const waiting = $("waiting");
const announcer = $("announcer");
let myAnswers = {};
let item = null;
let view = null;
let connection = null;
let shown = false;
let ended = false; // the workshop ended: the lobby becomes the closing view
const unsent = {}; // item id -> value sent but not yet acknowledged
const clock = countdown("countdown-participant");

// -- tabs: Activity | Questions (n) -------------------------------------------

const tabList = $("page-tabs");
const panels = { activity: $("panel-activity"), questions: $("panel-questions") };
const TAB_KEY = "facilitation.tab." + document.body.dataset.workshopId;
let selected = "activity";
let unseen = 0; // questions that arrived while the Activity tab was shown

const selectTab = f.tabs(tabList, panels, (name) => {
  selected = name;
  if (name === "questions") unseen = 0;
  if (name === "activity") $("activity-badge").hidden = true;
  try { window.sessionStorage.setItem(TAB_KEY, name); } catch (error) { /* off */ }
  paintQuestionsTab();
});

function paintQuestionsTab() {
  const strings = $("board-strings").dataset;
  const count = board.counts().open;
  $("questions-count").textContent = strings.tabCount.split("{count}").join(String(count));
  const badge = $("questions-badge");
  badge.hidden = unseen === 0 || selected === "questions";
  badge.textContent = strings.newBadge.split("{count}").join(String(unseen));
}

board.participantBoard($("board-home"), { displayName: document.body.dataset.displayName });
board.setCommand((event, payload) => connection.command(event, payload));
board.subscribe((change) => {
  if (selected !== "questions") {
    unseen += change.added.filter((id) => {
      const question = board.state.questions.get(id);
      return question && question.status === "visible" && !board.state.mine.has(id);
    }).length;
  }
  paintQuestionsTab();
});
// While the question board is itself the current activity, it is the whole page.
document.addEventListener("facilitation:board-hosted", (event) => {
  tabList.hidden = event.detail.hosted;
  if (event.detail.hosted) selectTab("activity");
});
try {
  if (window.sessionStorage.getItem(TAB_KEY) === "questions") selectTab("questions");
} catch (error) { /* off */ }

/** Whether the participant is typing a question right now (then a new activity waits). */
function busyAsking() {
  const active = document.activeElement;
  return Boolean(active && panels.questions.contains(active) && active.value);
}

function submit(value) {
  const itemId = item.id;
  unsent[itemId] = value;
  return connection.command("vote", { item_id: itemId, value: value }).then((ack) => {
    if (unsent[itemId] === value) delete unsent[itemId];
    if (ack.ok) myAnswers[itemId] = ack.value;
    return ack;
  });
}

function show(next) {
  const shownOnce = shown;
  shown = true;
  const sameItem = item && next && item.id === next.id;
  item = next;
  if (sameItem && view) {
    view.update(item);
    clock.update(item);
    return;
  }
  if (view && view.destroy) view.destroy();
  clock.update(null);
  stage.replaceChildren();
  view = null;
  // A new activity comes to the front, unless the participant is typing a question or
  // the page just loaded (a reload keeps the tab they were on).
  if (item && selected === "questions" && shownOnce) {
    if (busyAsking()) $("activity-badge").hidden = false;
    else selectTab("activity");
  }
  // One announcement per change of activity, instead of a live region around
  // the whole stage that would read out every changing number.
  announcer.textContent = item ? f.kindLabel(item.kind) + ": " + item.title : waiting.textContent.trim();
  if (!item) {
    stage.appendChild(ended ? $("ended") : waiting);
    $("ended").hidden = !ended;
    if (ended) announcer.textContent = $("ended").querySelector("h1").textContent;
    return;
  }
  const card = f.el("section", { className: "card item-card", "data-kind": item.kind, "data-item": item.id });
  card.appendChild(f.el("p", { className: "eyebrow" }, f.kindLabel(item.kind)));
  card.appendChild(f.markContent(f.el("h1", { className: "item-title" }, item.title)));
  card.appendChild(clock.node);
  clock.update(item);
  const body = f.el("div", { className: "item-body" });
  card.appendChild(body);
  stage.appendChild(card);
  view = f.renderItem(body, item, { myAnswer: myAnswers[item.id], submit: submit });
}

/** The closing view's line on when the answers are deleted (the date from the server). */
function paintDeletion(deletesAt) {
  const line = $("retention-line");
  if (!line || !deletesAt) return;
  const date = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: "long" })
    .format(new Date(deletesAt));
  line.textContent = line.dataset.template.split("{date}").join(date);
}

function onState(state) {
  ended = Boolean(state.workshop.ended_at);
  if (ended) paintDeletion(state.workshop.deletes_at);
  myAnswers = state.my_answers || {};
  board.load(state.board);
  const previous = item;
  show(state.item);
  if (view && view.setMine && previous && state.item && previous.id === state.item.id) {
    view.setMine(myAnswers[state.item.id]);
  }
  // An answer whose ack was lost with the connection is sent again; the server stores it once.
  Object.entries(unsent).forEach(([itemId, value]) => {
    const same = JSON.stringify(myAnswers[itemId]) === JSON.stringify(value);
    if (state.item && state.item.id === itemId && !same) submit(value);
    else delete unsent[itemId];
  });
}

function onItemChanged(payload) {
  if (!payload.item) show(null);
  else if (payload.current_item_id === payload.item.id) show(payload.item);
}

connection = f.connect(onState, {
  workshop_ended(payload) {
    ended = true;
    paintDeletion(payload.deletes_at);
    selectTab("activity");
    show(null);
  },
  questions_changed: board.apply,
  ...f.itemEvents(onItemChanged),
  item_reset(payload) {
    if (payload.item) delete myAnswers[payload.item.id];
    if (payload.item) f.draftStore(payload.item.id).clear();
    onItemChanged(payload);
    if (view && view.setMine && item && payload.item && item.id === payload.item.id) view.setMine(null);
  },
  tally(payload) {
    if (item && view && payload.item_id === item.id) {
      item = f.withTally(item, payload);
      view.update(item);
    }
  },
});
