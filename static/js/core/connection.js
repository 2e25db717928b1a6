/* The page's Socket.IO connection: connecting with the page's role and key, the snapshot
 * after every (re)connect, server facts for kind modules, commands with acks, the banner. */
import "../../vendor/socket.io-4.8.4.min.js"; // sets globalThis.io (UMD build, as vendored)
import { t } from "./strings.js";
import { syncClock } from "./clock.js";

const listeners = {}; // server facts that kind modules listen to (see `listen`)
const snapshotListeners = [];
let activeConnection = null;

/** Show or hide the connection banner. */
export function connectionBanner(text, kind) {
  const banner = document.getElementById("connection");
  if (!banner) return;
  banner.textContent = text || "";
  banner.className = "connection" + (kind ? " " + kind : "");
  banner.hidden = !text;
}

/**
 * The facts that carry an item that changed (opened, closed, reopened, edited), all for
 * `handler`; `item_reset` differs per page and is not among them.
 */
export function itemEvents(handler) {
  return { item_opened: handler, item_closed: handler, item_reopened: handler, item_updated: handler };
}

/**
 * Connect to the workshop. `onState(snapshot)` runs after every (re)connect,
 * `events` maps server facts to handlers. Returns `command(event, payload)`.
 */
export function connect(onState, events) {
  const body = document.body;
  const socket = globalThis.io({
    auth: { role: body.dataset.role, workshop_id: body.dataset.workshopId, key: body.dataset.key },
    // Behind nginx every request of a workshop goes to the one process that holds it
    // (hash $arg_workshop, docs/deploy.md); the key stays in `auth`, out of URLs and logs.
    query: { workshop: body.dataset.workshopId },
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
  // The server ends a connection for good when the workshop was deleted, this page's key
  // was replaced or the rehearsal this participant was in is over: the reason stays on screen.
  let closedFor = null;
  ["workshop_deleted", "key_rotated", "rehearsal_over"].forEach((name) => {
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
  function send(event, payload) {
    return new Promise((resolve) => socket.emit(event, payload || {}, resolve));
  }
  activeConnection = { socket, command: send };
  return activeConnection;
}

/** Let a kind module hear a server fact (before the page's own handler). Call at load time. */
export function listen(event, handler) {
  (listeners[event] = listeners[event] || []).push(handler);
}

/** Let a kind module see every snapshot, after each (re)connect, before the page renders. */
export function onSnapshot(handler) {
  snapshotListeners.push(handler);
}

/** Send a command on the page's connection (for kind modules); resolves with the ack. */
export function command(event, payload) {
  if (!activeConnection) return Promise.resolve({ ok: false, error: { code: "not_connected", message: t("reconnecting") } });
  return activeConnection.command(event, payload);
}

/** A command sender that shows a refusal's readable message in `errorNode` (hidden again
 * with the next command); resolves with the ack like `command`. */
export function reporting(errorNode) {
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
export function online() {
  return Boolean(activeConnection && activeConnection.socket.connected);
}
