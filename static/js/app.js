/* Shared client for every live page: socket connection, strings, kinds, result bars.
 * Each role page's entry module imports it; it loads the activity kinds' modules. */
import "../vendor/socket.io-4.8.4.min.js"; // sets globalThis.io (UMD build, as vendored)

const body = document.body;
const strings = JSON.parse(document.getElementById("strings").textContent);
const kinds = {};
const listeners = {}; // server facts that kind modules listen to (see `listen`)
const snapshotListeners = [];
let clockOffset = 0;
let clockPrecision = Infinity; // round trip of the measurement clockOffset came from
let activeConnection = null;

/** Fill {placeholders} in `text` (a string from the page or a kind's partial). */
function format(text, params) {
  let result = text || "";
  Object.entries(params || {}).forEach(([name, value]) => {
    result = result.split("{" + name + "}").join(String(value));
  });
  return result;
}

/** A translated string from the page, with {placeholders} filled in. */
function t(key, params) {
  return format(strings[key] || key, params);
}

/** Characters as the server counts them (code points, so an emoji is not two). */
function textLength(text) {
  return Array.from(text || "").length;
}

/**
 * The live "12 / 280" counter under a text area: `parts` = {counter, shown, spoken,
 * area}, `strings` = {counter, overLimit, counterLabel}. Marks the area invalid over
 * the limit; returns how many characters the trimmed value has.
 */
function paintCounter(parts, value, limit, strings) {
  const count = textLength(value);
  const over = count - limit;
  parts.shown.textContent = format(strings.counter, { count: count, limit: limit });
  parts.spoken.textContent = over > 0
    ? format(strings.overLimit, { count: over })
    : format(strings.counterLabel, { count: count, limit: limit });
  parts.counter.classList.toggle("over", over > 0);
  parts.counter.classList.toggle("near", over <= 0 && limit - count <= Math.max(10, Math.round(limit / 10)));
  parts.area.setAttribute("aria-invalid", over > 0 ? "true" : "false");
  return count;
}

/**
 * Accessible tabs in `tablist` ([role=tab] buttons with `data-panel`): click, arrow
 * keys, Home and End select; `panels` maps names to panel elements, `onSelect(name)`
 * runs after each change. Returns `select(name, focus)`.
 */
function tabs(tablist, panels, onSelect) {
  const buttons = Array.from(tablist.querySelectorAll('[role="tab"]'));
  function select(name, focus) {
    buttons.forEach((button) => {
      const on = button.dataset.panel === name;
      button.setAttribute("aria-selected", on ? "true" : "false");
      button.tabIndex = on ? 0 : -1;
      if (on && focus) button.focus();
    });
    Object.entries(panels).forEach(([key, panel]) => {
      panel.hidden = key !== name;
    });
    if (onSelect) onSelect(name);
  }
  buttons.forEach((button, index) => {
    button.addEventListener("click", () => select(button.dataset.panel));
    button.addEventListener("keydown", (event) => {
      let next = null;
      if (event.key === "ArrowRight") next = buttons[(index + 1) % buttons.length];
      else if (event.key === "ArrowLeft") next = buttons[(index - 1 + buttons.length) % buttons.length];
      else if (event.key === "Home") next = buttons[0];
      else if (event.key === "End") next = buttons[buttons.length - 1];
      if (!next) return;
      event.preventDefault();
      select(next.dataset.panel, true);
    });
  });
  return select;
}

/** A number in the page's language (decimal comma and thousands dots in German). */
function number(value, decimals) {
  return Number(value).toLocaleString(document.documentElement.lang || undefined, {
    minimumFractionDigits: decimals || 0, maximumFractionDigits: decimals || 0,
  });
}

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

/** Put `rows` into `list` in this order; rows that moved slide to their new place. */
function reorder(list, rows) {
  const current = Array.from(list.children);
  if (current.length === rows.length && current.every((row, index) => row === rows[index])) return;
  const before = new Map(current.map((row) => [row, row.getBoundingClientRect().top]));
  rows.forEach((row) => list.appendChild(row));
  if (reducedMotion.matches || typeof Element.prototype.animate !== "function") return;
  rows.forEach((row) => {
    const top = before.get(row);
    if (top === undefined) return;
    const shift = top - row.getBoundingClientRect().top;
    if (Math.abs(shift) < 1) return;
    row.animate([{ transform: "translateY(" + shift + "px)" }, { transform: "none" }],
      { duration: 350, easing: "ease-out" });
  });
}

/** Create an element with attributes and text (never HTML). */
function el(tag, attrs, text) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (value === false || value === null || value === undefined) return;
    if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : value);
  });
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** The template element that a kind's partial put on the page. */
function kindTemplate(kind) {
  return document.getElementById("kind-" + kind);
}

/** A fresh copy of a <template>'s content. */
function clone(id) {
  return document.getElementById(id).content.firstElementChild.cloneNode(true);
}

/** Translated label of an activity kind, from its partial. */
function kindLabel(kind) {
  const template = kindTemplate(kind);
  return template ? template.dataset.label : kind;
}

/** Server time now, in epoch ms, corrected for this device's clock. */
function serverNow() {
  return Date.now() + clockOffset;
}

/**
 * Correct for this device's clock. With `sentAt` (when the request left), the server's
 * time is taken as of the round trip's midpoint, which keeps every device within a few
 * tens of ms of each other; a fact without a round trip only replaces a worse estimate.
 */
function syncClock(serverTime, sentAt) {
  if (typeof serverTime !== "number") return;
  const now = Date.now();
  if (sentAt !== undefined) {
    const trip = now - sentAt;
    clockOffset = serverTime - (sentAt + trip / 2);
    clockPrecision = trip;
  } else if (!Number.isFinite(clockPrecision)) {
    clockOffset = serverTime - now;
  }
}

/** "m:ss" (or "h:mm:ss") for a duration in ms. */
function formatDuration(ms) {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  if (hours) return hours + ":" + String(minutes).padStart(2, "0") + ":" + seconds;
  return minutes + ":" + seconds;
}

function votesText(count) {
  return count === 1 ? t("votes_one") : t("votes_many", { count: count });
}

/**
 * Live bar chart for choice results. Rows are keyed by option id and updated
 * in place, so changing numbers animate instead of flickering.
 */
function Bars(container) {
  const root = clone("results-bars");
  const summary = root.querySelector(".results-summary");
  const list = root.querySelector(".bars");
  const rows = new Map();
  container.appendChild(root);

  function row(option) {
    if (rows.has(option.id)) return rows.get(option.id);
    const item = el("li", { className: "bar-row", "data-option": option.id });
    const label = el("span", { className: "bar-label" });
    const track = el("span", { className: "bar-track", "aria-hidden": "true" });
    const fill = el("span", { className: "bar-fill" });
    const figures = el("span", { className: "bar-figures" });
    track.appendChild(fill);
    item.append(label, track, figures);
    list.appendChild(item);
    const entry = { item, label, fill, figures };
    rows.set(option.id, entry);
    return entry;
  }

  return {
    update(results, options) {
      const highlight = (options && options.highlight) || null;
      if (!results) {
        root.hidden = true;
        return;
      }
      root.hidden = false;
      summary.textContent = options && options.summary
        ? options.summary
        : (results.answers ? votesText(results.answers) : t("no_votes"));
      const top = Math.max(0, ...results.options.map((o) => o.count));
      results.options.forEach((option) => {
        const entry = row(option);
        entry.label.textContent = option.label;
        entry.figures.textContent = option.count + " · " + option.percent + " %";
        entry.fill.style.width = option.percent + "%";
        entry.item.classList.toggle("leading", top > 0 && option.count === top);
        entry.item.classList.toggle("mine", highlight === option.id);
        entry.item.setAttribute("aria-label",
          option.label + ": " + votesText(option.count) + ", " + option.percent + " %");
      });
    },
  };
}

/** Show or hide the connection banner. */
function connectionBanner(text, kind) {
  const banner = document.getElementById("connection");
  if (!banner) return;
  banner.textContent = text || "";
  banner.className = "connection" + (kind ? " " + kind : "");
  banner.hidden = !text;
}

/**
 * Connect to the workshop. `onState(snapshot)` runs after every (re)connect,
 * `events` maps server facts to handlers. Returns `command(event, payload)`.
 */
function connect(onState, events) {
  const socket = globalThis.io({
    auth: { role: body.dataset.role, workshop_id: body.dataset.workshopId, key: body.dataset.key },
  });
  let everConnected = false;

  // Facts that arrive after (re)connecting but before the snapshot are older than it (one
  // socket keeps the server's order) and already in it: they are dropped, not applied to a
  // page that has no state yet or an outdated one.
  let current = false;
  socket.on("connect", () => {
    everConnected = true;
    current = false;
    connectionBanner(null);
    const sentAt = Date.now();
    socket.emit("get_state", {}, (ack) => {
      if (ack && ack.ok) {
        current = true;
        syncClock(ack.state.server_time, sentAt);
        snapshotListeners.forEach((listener) => listener(ack.state));
        onState(ack.state);
      }
    });
  });
  // The server ends a connection for good when the workshop was deleted or this page's key
  // was replaced: the reason stays on screen and the page does not try again.
  let closedFor = null;
  ["workshop_deleted", "key_rotated"].forEach((name) => {
    socket.on(name, (payload) => {
      closedFor = (payload && payload.message) || t("refused");
      connectionBanner(closedFor, "error");
      document.body.classList.add("connection-closed");
    });
  });
  socket.on("disconnect", () => {
    if (closedFor) connectionBanner(closedFor, "error");
    else connectionBanner(t("reconnecting"), "warning");
  });
  socket.on("connect_error", (error) => {
    const data = error && error.data;
    if (data && data.code) {
      connectionBanner(data.message || t("refused"), "error");
      if (data.code === "not_joined") window.location.reload();
    } else if (everConnected) {
      connectionBanner(t("reconnecting"), "warning");
    } else {
      connectionBanner(t("connecting"), "warning");
    }
  });
  const names = new Set(Object.keys(events || {}).concat(Object.keys(listeners)));
  names.forEach((name) => {
    socket.on(name, (payload) => {
      if (!current) return;
      if (payload && payload.server_time) syncClock(payload.server_time);
      (listeners[name] || []).forEach((listener) => listener(payload));
      if (events && events[name]) events[name](payload);
    });
  });

  /** Send a command; resolves with the server's ack ({ok, ...} or {ok:false, error}). */
  function command(event, payload) {
    return new Promise((resolve) => socket.emit(event, payload || {}, resolve));
  }
  activeConnection = { socket, command };
  return activeConnection;
}

/** Let a kind module hear a server fact (before the page's own handler). Call at load time. */
function listen(event, handler) {
  (listeners[event] = listeners[event] || []).push(handler);
}

/** Let a kind module see every snapshot, after each (re)connect, before the page renders. */
function onSnapshot(handler) {
  snapshotListeners.push(handler);
}

/** Send a command on the page's connection (for kind modules); resolves with the ack. */
function command(event, payload) {
  if (!activeConnection) return Promise.resolve({ ok: false, error: { code: "not_connected", message: t("reconnecting") } });
  return activeConnection.command(event, payload);
}

/** `item` with a `tally` fact's figures merged in (the fact's own `item_id` left out). */
function withTally(item, payload) {
  const merged = Object.assign({}, item, payload);
  delete merged.item_id;
  return merged;
}

/** A command sender that shows a refusal's readable message in `errorNode` (hidden again
 * with the next command); resolves with the ack like `command`. */
function reporting(errorNode) {
  return (event, payload) => {
    errorNode.hidden = true;
    return command(event, payload).then((ack) => {
      if (!ack.ok) {
        errorNode.textContent = ack.error.message;
        errorNode.hidden = false;
      }
      return ack;
    });
  };
}

/** Whether the socket is connected right now (kind modules keep unsent text otherwise). */
function online() {
  return Boolean(activeConnection && activeConnection.socket.connected);
}

/** Raised by a kind's `read()` when the participant's input is not complete yet. */
class InputError extends Error {}

/** Unsent text per item, kept in this browser until the server acknowledged it. */
function draftStore(itemId) {
  const key = "facilitation.draft." + body.dataset.workshopId + "." + itemId;
  return {
    get() {
      try { return JSON.parse(window.localStorage.getItem(key)); } catch (error) { return null; }
    },
    set(value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (error) { /* full or off */ }
    },
    clear() {
      try { window.localStorage.removeItem(key); } catch (error) { /* off */ }
    },
  };
}

/**
 * The participant's side of a poll: the kind's input controls, a send button,
 * one status line and, where visible, the results. The kind supplies
 * `input(form, item, ctx)` returning `{read(), fill(value), disable(flag), autoSubmit?}`.
 */
function answerPanel(container, item, kind, context) {
  const form = el("form", { className: "poll kind-" + item.kind, novalidate: true });
  const fields = el("div", { className: "poll-fields" });
  const actions = el("div", { className: "poll-actions" });
  const send = el("button", { type: "submit", className: "button primary big" }, t("send"));
  const status = el("p", { className: "poll-status", role: "status", "aria-live": "polite" });
  const resultsBox = el("div", { className: "participant-results" });
  form.append(fields, actions, status);
  container.append(form, resultsBox);
  const draft = draftStore(item.id);
  let current = item;
  let mine = context.myAnswer === undefined ? null : context.myAnswer;
  let sending = null;
  let results = null;
  const control = kind.input(fields, item, {
    draft: draft,
    changed() {
      if (control && control.autoSubmit) submit();
      else paint();
    },
  });
  if (!control.autoSubmit) actions.appendChild(send);

  function submit(event) {
    if (event) event.preventDefault();
    let value;
    try {
      value = control.read();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      paint(error.message);
      return;
    }
    sending = value;
    paint();
    context.submit(value).then((ack) => {
      if (sending !== value) return;
      sending = null;
      if (ack.ok) {
        mine = ack.value;
        draft.clear();
        control.fill(mine);
        paint();
      } else {
        paint(ack.error.message);
      }
    });
  }
  form.addEventListener("submit", submit);

  function paint(errorMessage) {
    const open = current.status === "open";
    const locked = !open || (current.config.changeable === false && mine !== null);
    // Inputs stay enabled while sending: disabling them would drop the keyboard
    // focus, and a second send is harmless (the server keeps one answer).
    control.disable(locked);
    send.hidden = locked;
    send.textContent = mine === null ? t("send") : t("send_again");
    form.classList.toggle("closed", !open);
    status.classList.toggle("error", Boolean(errorMessage));
    status.classList.toggle("confirmed", !errorMessage && !sending && mine !== null && open);
    if (errorMessage) status.textContent = errorMessage;
    else if (sending !== null) status.textContent = t("sending");
    else if (!open) status.textContent = mine !== null ? t("closed_answered") : t("closed");
    else if (mine !== null) status.textContent = "✓ " + (locked ? t("saved_final") : t("saved"));
    else status.textContent = control.hint || "";
    const visible = current.results_visible && current.results;
    if (visible && !results) results = kind.results(resultsBox, current, { mine: mine });
    else if (visible) results.update(current, { mine: mine });
    resultsBox.hidden = !visible;
  }

  // Unsent input (a draft) wins over the stored answer: it is what the
  // participant was changing when the page reloaded or the connection dropped.
  const saved = draft.get();
  control.fill(saved !== null ? saved : mine, saved !== null);
  paint();
  return {
    update(next) {
      current = next;
      paint();
    },
    /** After a reconnect or reset: the server's truth for this participant's answer. */
    setMine(value) {
      const next = value === undefined ? null : value;
      // Refill only when the server's answer differs: a reconnect must not throw
      // away what the participant has changed but not sent yet.
      const changed = JSON.stringify(next) !== JSON.stringify(mine);
      mine = next;
      if (sending === null && changed) control.fill(mine);
      paint();
    },
  };
}

/** What presenter and screen show while results are not (yet) visible to them. */
function resultsNotice(item) {
  const threshold = item.threshold || 0;
  const note = el("div", { className: "results-notice" });
  note.appendChild(el("p", { className: "results-count" },
    item.answers === 1 ? t("answers_one") : t("answers_many", { count: item.answers || 0 })));
  let reason = t("results_hidden");
  if (threshold > 1 && (item.answers || 0) < threshold && !item.revealed) {
    reason = t("results_threshold", { count: threshold });
  }
  note.appendChild(el("p", {}, reason));
  return note;
}

/** Results for presenter or screen, or a notice while they are not visible. */
function resultsPanel(container, item, kind, context) {
  let view = null;
  let shownFor = null;
  function paint(current) {
    const visible = current.results_visible && current.results;
    if (visible) {
      if (shownFor !== "results") {
        container.replaceChildren();
        view = kind.results(container, current, context);
        shownFor = "results";
      } else {
        view.update(current, context);
      }
    } else {
      container.replaceChildren(resultsNotice(current));
      view = null;
      shownFor = "notice";
    }
  }
  paint(item);
  return { update: paint };
}

const facilitation = {
  role: body.dataset.role,
  t, format, number, reorder, textLength, paintCounter, tabs, el, clone, kindTemplate, kindLabel, serverNow, formatDuration,
  votesText, Bars, connect, listen, onSnapshot, command, reporting, withTally, online,
  InputError, draftStore,
  kinds,
  /** Called by each static/js/kinds/<name>.js module. */
  registerKind(name, module) {
    kinds[name] = module;
  },
  /** Render `item` for this page's role; returns the view (with `update(item)`). */
  renderItem(container, item, context) {
    const kind = kinds[item.kind];
    context = context || {};
    container.replaceChildren();
    if (!kind) {
      container.appendChild(el("p", {}, item.title));
      return { update() {} };
    }
    if (kind.render) return kind.render(container, item, context) || { update() {} };
    if (facilitation.role === "participant") {
      return answerPanel(container, item, kind, context);
    }
    return resultsPanel(container, item, kind, context);
  },
};

export default facilitation;
