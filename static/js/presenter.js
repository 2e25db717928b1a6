/* Presenter cockpit: the agenda with timeboxes, navigation, the current item's live results,
 * and the Questions panel (a tab next to the agenda) for moderating the question board. */
import f from "./app.js";
import board from "./board/index.js";
import { rehearsalControls } from "./presenter/rehearsal.js";
import { timeBar } from "./presenter/time_bar.js";
import { notesPanel } from "./presenter/notes.js";
import { installShortcuts } from "./presenter/shortcuts.js";
import "/js/kinds.js"; // every activity kind registers itself (facilitation/web/home.py)

const $ = (id) => document.getElementById(id);
const agendaList = $("agenda");
const errorNode = $("command-error");
let state = null;
let view = null;
let shownItemId;
let connection = null;
const run = f.reporting(errorNode);
const time = timeBar(run);
const renderRehearsal = rehearsalControls(run);
const notes = notesPanel($("speaker-notes"));
// Set when a shortcut moves through the agenda: the focus then goes to the entry opened.
let focusOpenedEntry = false;

function statusText(status) {
  return f.t("status_" + status);
}

function renderAgenda() {
  // The list is drawn anew: an entry that had the focus gets it back (Enter on an entry).
  const active = document.activeElement;
  const focused = active && agendaList.contains(active) ? active.dataset.item : null;
  agendaList.replaceChildren();
  state.agenda.items.forEach((entry, index) => {
    const current = entry.id === state.current_item_id;
    const li = f.el("li", {
      className: "agenda-item status-" + entry.status + (current ? " current" : "") + (entry.skipped ? " skipped" : ""),
    });
    const button = f.el("button", {
      type: "button", className: "agenda-open", "data-item": entry.id,
      "aria-current": current ? "step" : false,
    });
    button.append(
      f.el("span", { className: "agenda-number" }, String(index + 1)),
      f.markContent(f.el("span", { className: "agenda-title" }, entry.title)),
      f.el("span", { className: "agenda-meta" }, [f.kindLabel(entry.kind)].concat(time.agendaMeta(entry, current))
        .concat(entry.collects_answers && !entry.skipped ? [statusText(entry.status)] : []).join(" · ")),
    );
    button.addEventListener("click", () => run("open_item", { item_id: entry.id }));
    li.appendChild(button);
    const restore = time.agendaExtra(entry);
    if (restore) li.appendChild(restore);
    if (entry.status === "pending" && !current) {
      const edit = f.el("a", {
        className: "agenda-edit", href: agendaList.dataset.editUrl.replace("ITEM", entry.id),
        "aria-label": f.t("edit") + ": " + entry.title,
      }, f.t("edit"));
      li.appendChild(edit);
    }
    agendaList.appendChild(li);
    if (entry.id === focused) button.focus();
  });
}

/** After a shortcut opened an item: the focus is on its agenda entry, not lost to the page. */
function focusCurrentEntry() {
  const entry = agendaList.querySelector('[aria-current="step"]');
  if (entry) entry.focus();
}

function renderPresence() {
  renderRehearsal(state);
  $("presence").textContent = f.t("presence", { online: state.presence.online, joined: state.presence.joined });
  if (document.activeElement !== $("threshold")) {
    $("threshold").value = state.workshop.anonymity_threshold;
  }
}

function visibilityText(item) {
  const parts = [];
  if (item.revealed) parts.push(f.t("visibility_revealed"));
  else parts.push(f.t("visibility_" + (item.config.results || "presenter")));
  if (item.threshold > 1) parts.push(f.t("visibility_threshold", { count: item.threshold }));
  return parts.join(" ");
}

function renderActions(item) {
  const poll = Boolean(item && item.collects_answers);
  $("close-item").hidden = !(poll && item.status === "open");
  $("reopen-item").hidden = !(poll && item.status === "closed");
  $("reveal-results").hidden = !(poll && !item.revealed && item.config.results !== "live");
  $("hide-results").hidden = !(poll && item.revealed);
  $("reset-item").hidden = !(poll && item.answers > 0);
  // Kinds whose big-screen view pages through long lists say so when they register.
  $("screen-page").hidden = !(item && f.kinds[item.kind] && f.kinds[item.kind].screenPages);
  $("visibility-note").textContent = poll ? visibilityText(item) : "";
}

// -- side panel: Agenda | Questions ------------------------------------------

const sideTabList = $("side-tabs");
const sidePanels = { agenda: $("side-agenda"), questions: $("side-questions") };
const SIDE_KEY = "facilitation.side." + document.body.dataset.workshopId;

const selectSide = f.tabs(sideTabList, sidePanels, (name) => {
  document.querySelector(".cockpit").classList.toggle("questions-open", name === "questions");
  try { window.sessionStorage.setItem(SIDE_KEY, name); } catch (error) { /* off */ }
});
document.addEventListener("facilitation:show-questions", () => selectSide("questions", true));

board.moderatorBoard($("board-moderator-home"));
board.setCommand((event, payload) => connection.command(event, payload));

/** Counts on the Questions tab and the notice that a question covers the big screen. */
function renderBoardSummary() {
  const strings = $("board-strings").dataset;
  const counts = board.counts();
  $("questions-open-count").textContent = strings.tabCount.split("{count}").join(String(counts.open));
  const waiting = $("questions-waiting");
  waiting.hidden = counts.pending === 0;
  waiting.replaceChildren(
    f.el("span", { "aria-hidden": "true" }, String(counts.pending)),
    f.el("span", { className: "visually-hidden" },
      strings.waitingBadge.split("{count}").join(String(counts.pending))),
  );
  const pinned = board.pinned();
  $("pinned-notice").hidden = !pinned;
  if (pinned && $("pinned-notice-text").textContent !== pinned.text) {
    $("pinned-notice-text").textContent = pinned.text;
  }
}
board.subscribe(renderBoardSummary);
$("pinned-notice-unpin").addEventListener("click", (event) => {
  const button = event.currentTarget;
  button.disabled = true;
  run("pin_question", { question_id: null }).then(() => {
    button.disabled = false;
  });
});
try {
  if (window.sessionStorage.getItem(SIDE_KEY) === "questions") selectSide("questions");
} catch (error) { /* off */ }

function renderCurrent() {
  const item = state.item;
  const entries = state.agenda.items;
  const index = entries.findIndex((entry) => entry.id === state.current_item_id);
  $("previous").disabled = index <= 0;
  $("next").disabled = !entries.slice(index + 1).some((entry) => !entry.skipped);
  $("to-lobby").disabled = !item;
  const ended = Boolean(state.workshop.ended_at);
  $("end-workshop").hidden = ended;
  $("ended-note").hidden = !ended;
  if (ended) {
    $("previous").disabled = true;
    $("next").disabled = true;
  }
  renderActions(item);
  notes.update(item);
  if (!item) {
    if (shownItemId !== null) {
      if (view && view.destroy) view.destroy();
      $("current-kind").textContent = "";
      f.markContent($("current-title"), false);
      $("current-title").textContent = state.workshop.ended_at ? $("ended-note").textContent : f.t("lobby_title");
      $("current-body").replaceChildren(
        f.el("p", { className: "lead" }, f.t(state.workshop.ended_at ? "ended_text" : "lobby_text")),
        f.el("p", { className: "join-line" }, f.t("join_line", { url: state.workshop.join_url })));
      shownItemId = null;
      view = null;
    }
    return;
  }
  if (shownItemId === item.id && view) {
    view.update(item);
  } else {
    f.markContent($("current-title")).textContent = item.title;
    if (view && view.destroy) view.destroy();
    view = f.renderItem($("current-body"), item, {
      joined: () => state.presence.joined,
      moderator: true,
      command: run,
    });
    shownItemId = item.id;
  }
  $("current-kind").textContent = item.collects_answers
    ? f.kindLabel(item.kind) + " · " + statusText(item.status)
    : f.kindLabel(item.kind);
}

function tick() {
  if (state) time.tick(state);
}

function render() {
  renderAgenda();
  renderPresence();
  renderCurrent();
  tick();
}


function onItemChange(payload) {
  state.agenda = payload.agenda;
  state.current_item_id = payload.current_item_id;
  if (payload.item && payload.item.id === payload.current_item_id) state.item = payload.item;
  else if (!payload.current_item_id) state.item = null;
  if (payload.item && payload.item.threshold) state.workshop.anonymity_threshold = payload.item.threshold;
  render();
}

connection = f.connect((snapshot) => {
  state = snapshot;
  shownItemId = undefined;
  board.load(snapshot.board);
  render();
}, {
  questions_changed: board.apply,
  ...f.itemEvents(onItemChange),
  item_reset(payload) {
    shownItemId = undefined;
    onItemChange(payload);
  },
  workshop_ended(payload) {
    state.workshop.ended_at = payload.ended_at;
    state.workshop.deletes_at = payload.deletes_at;
    shownItemId = undefined;
    renderCurrent();
  },
  rehearsal_changed(payload) {
    state.workshop.rehearsing = payload.rehearsing;
    renderPresence();
  },
  agenda_changed(payload) {
    state.agenda = payload.agenda;
    renderAgenda();
    renderCurrent();
  },
  tally(payload) {
    if (state && state.item && state.item.id === payload.item_id) {
      state.item = f.withTally(state.item, payload);
      renderActions(state.item);
      if (view) view.update(state.item);
    }
  },
  presence(payload) {
    state.presence = payload;
    renderPresence();
    if (state.item && view) view.update(state.item);
  },
});

/** Move through the agenda; after a shortcut the focus follows to the entry opened. */
function navigate(event) {
  const byKey = focusOpenedEntry;
  focusOpenedEntry = false;
  run(event).then((ack) => {
    if (ack && ack.ok && byKey) focusCurrentEntry();
  });
}
$("next").addEventListener("click", () => navigate("next_item"));
$("previous").addEventListener("click", () => navigate("previous_item"));
$("to-lobby").addEventListener("click", () => run("open_item", { item_id: null }));
$("end-workshop").addEventListener("click", (event) => {
  if (window.confirm(event.currentTarget.dataset.confirm)) run("end_workshop");
});
$("close-item").addEventListener("click", () => run("close_item", { item_id: state.item.id }));
$("reopen-item").addEventListener("click", () => run("reopen_item", { item_id: state.item.id }));
$("reveal-results").addEventListener("click", () => run("reveal_results", { item_id: state.item.id }));
$("hide-results").addEventListener("click", () => run("hide_results", { item_id: state.item.id }));
$("screen-page").addEventListener("click", () => run("turn_screen_page", { item_id: state.item.id }));
$("reset-item").addEventListener("click", (event) => {
  if (window.confirm(event.currentTarget.dataset.confirm)) run("reset_item", { item_id: state.item.id });
});
$("threshold-form").addEventListener("submit", (event) => {
  event.preventDefault();
  run("set_threshold", { threshold: Number($("threshold").value) }).then((ack) => {
    if (ack.ok) state.workshop.anonymity_threshold = ack.anonymity_threshold;
  });
});
installShortcuts($("shortcuts"), $("shortcuts-open"), (button) => {
  focusOpenedEntry = button === $("next") || button === $("previous");
});
setInterval(tick, 1000);
