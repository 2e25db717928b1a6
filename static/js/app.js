/* Shared client for every live page: socket connection, strings, kinds, result bars.
 * Pages load this first, then one module per activity kind, then their role module. */
(function () {
  "use strict";

  const body = document.body;
  const strings = JSON.parse(document.getElementById("strings").textContent);
  const kinds = {};
  let clockOffset = 0;

  /** A translated string from the page, with {placeholders} filled in. */
  function t(key, params) {
    let text = strings[key] || key;
    Object.entries(params || {}).forEach(([name, value]) => {
      text = text.split("{" + name + "}").join(String(value));
    });
    return text;
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

  function syncClock(serverTime) {
    if (typeof serverTime === "number") clockOffset = serverTime - Date.now();
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
    const socket = io({
      auth: { role: body.dataset.role, workshop_id: body.dataset.workshopId, key: body.dataset.key },
    });
    let everConnected = false;

    socket.on("connect", () => {
      everConnected = true;
      connectionBanner(null);
      socket.emit("get_state", {}, (ack) => {
        if (ack && ack.ok) {
          syncClock(ack.state.server_time);
          onState(ack.state);
        }
      });
    });
    socket.on("disconnect", () => connectionBanner(t("reconnecting"), "warning"));
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
    Object.entries(events || {}).forEach(([name, handler]) => {
      socket.on(name, (payload) => {
        if (payload && payload.server_time) syncClock(payload.server_time);
        handler(payload);
      });
    });

    /** Send a command; resolves with the server's ack ({ok, ...} or {ok:false, error}). */
    function command(event, payload) {
      return new Promise((resolve) => socket.emit(event, payload || {}, resolve));
    }
    return { socket, command };
  }

  window.facilitation = {
    role: body.dataset.role,
    t, el, clone, kindTemplate, kindLabel, serverNow, formatDuration, votesText, Bars, connect,
    kinds,
    /** Called by each static/js/kinds/<name>.js module. */
    registerKind(name, module) {
      kinds[name] = module;
    },
    /** Render `item` with its kind's module; returns the view (with `update(item)`). */
    renderItem(container, item, context) {
      const kind = kinds[item.kind];
      container.replaceChildren();
      if (!kind) {
        container.appendChild(el("p", {}, item.title));
        return { update() {} };
      }
      return kind.render(container, item, context || {}) || { update() {} };
    },
  };
})();
