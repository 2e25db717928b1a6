/* Small pieces every breakout view uses: the partial's strings, names, keyed lists, the
 * prompt list, the countdown, the message banner, and `follow` (a view that repaints with
 * the store). */
import f from "../app.js";
import { crossed, phase, remaining, untilNextSecond } from "./clock.js";
import { store } from "./live.js";

/** The strings of templates/kinds/breakout.html. */
export function s() {
  return f.kindTemplate("breakout").dataset;
}

/** The string `key` with `params` filled in. */
export function fmt(key, params) {
  return f.format(s()[key], params);
}

/** The string for `count` things: `one` for exactly one, else `many` with the count. */
export function counted(count, one, many) {
  return count === 1 ? s()[one] : fmt(many, { count: count });
}

/** A group's name, or "Group <number>". */
export function groupName(group) {
  if (!group) return "";
  return group.name || fmt("group", { number: group.number });
}

/** A member's display name, or "Participant <number>". */
export function memberName(member) {
  return member.display_name || fmt("participant", { number: member.number });
}

/** A video room link only if it is an http(s) address (the server checks it too). */
export function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

/** The breakout's prompts (questions), in order. */
export function promptsOf(item) {
  return (item && item.config && item.config.prompts) || [];
}

/**
 * Keep `list`'s children in step with `entries` (keyed by `entry.id`): nodes are made
 * once by `create(entry)`, repainted by `paint(view, entry)` and moved only when out of
 * place, so nothing flickers and focus and open selects survive an update.
 */
export function keyed(list, create, paint) {
  const views = new Map();
  return function update(entries) {
    const keep = new Set();
    entries.forEach((entry, index) => {
      let view = views.get(entry.id);
      if (!view) {
        view = create(entry);
        views.set(entry.id, view);
      }
      keep.add(entry.id);
      paint(view, entry);
      if (list.children[index] !== view.node) list.insertBefore(view.node, list.children[index] || null);
    });
    views.forEach((view, id) => {
      if (!keep.has(id)) {
        view.node.remove();
        views.delete(id);
      }
    });
  };
}

/** Set `node`'s text only when it changed (no needless repaint, no re-read by screen readers). */
export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/**
 * A view that repaints with every change of the round: `paint(what)` runs now ({all}) and
 * on each notify; `update(next)` hands it the item again ({item}); destroy unsubscribes.
 */
export function follow(paint, clock, setItem) {
  store.subscribe(paint);
  paint({ all: true });
  return {
    update(next) {
      setItem(next);
      paint({ item: true });
    },
    destroy() {
      store.unsubscribe(paint);
      clock.destroy();
    },
  };
}

/**
 * A prompt's heading: its number in a badge and its text (`spoken`, when given, is read
 * out before the text instead of the badge). Returns `{node, badge, words}`.
 */
export function promptHeading(id, spoken) {
  const node = f.el("h3", { className: "bo-prompt-title", id: id });
  const badge = f.el("span", { className: "bo-prompt-number", "aria-hidden": "true" });
  const words = f.markContent(f.el("span", { className: "bo-prompt-text", dir: "auto" }));
  node.append(badge, ...(spoken ? [f.el("span", { className: "visually-hidden" }, spoken)] : []), words);
  return { node, badge, words };
}

/** Prompts as a numbered list (waiting room, big screen). */
export function promptList(className) {
  const list = f.el("ol", { className: "bo-prompt-list " + (className || ""), "aria-label": s().promptsLabel });
  const update = keyed(list, () => {
    const node = f.el("li", { className: "bo-prompt-item" });
    const text = f.markContent(f.el("span", { dir: "auto" }));
    node.appendChild(text);
    return { node, text };
  }, (view, prompt) => setText(view.text, prompt.text));
  return { node: list, update: (item) => update(promptsOf(item)) };
}

/**
 * The round's countdown in `node` from the server's clock: `ends_at − serverNow()`,
 * recomputed every second (never counted down locally), so it is right again after a
 * reconnect or sleep. Ticks are aligned to the moment the shown second changes, so every
 * device flips at once. `announce(text)` hears the milestones (5 min, 1 min, time up).
 */
export function countdown(node, itemId, announce) {
  const text = s();
  const [before, after] = text.timeLeft.split("{time}");
  const pre = f.el("span", { className: "bo-clock-word" }, before.trim());
  const time = f.el("span", { className: "bo-clock-time" });
  const post = f.el("span", { className: "bo-clock-word" }, (after || "").trim());
  const up = f.el("span", { className: "bo-clock-up" }, text.timeUp);
  pre.hidden = !before.trim();
  post.hidden = !(after || "").trim();
  node.append(pre, time, post, up);
  node.setAttribute("aria-live", "off");
  let interval = null;
  let aligner = null;
  let last = null;

  const left = () => remaining(store.roundOf(itemId), f.serverNow());

  function tick() {
    const now = left();
    node.hidden = now === null;
    if (now === null) {
      last = null;
      return;
    }
    const { over, soon } = phase(now);
    node.classList.toggle("over", over);
    node.classList.toggle("soon", soon);
    up.hidden = !over;
    time.hidden = over;
    pre.hidden = over || !before.trim();
    post.hidden = over || !(after || "").trim();
    if (!over) setText(time, f.formatDuration(now));
    if (announce) crossed(last, now).forEach((key) => announce(text[key]));
    last = now;
  }

  function start() {
    stop();
    tick();
    const now = left();
    if (now === null) return;
    aligner = window.setTimeout(() => {
      tick();
      interval = window.setInterval(tick, 1000);
    }, untilNextSecond(now));
  }

  function stop() {
    window.clearTimeout(aligner);
    window.clearInterval(interval);
    aligner = null;
    interval = null;
  }

  let endsAt;
  node.hidden = true;
  return {
    /** Call after every change of the round: restarts the ticking when the clock moved. */
    update() {
      const view = store.roundOf(itemId);
      const next = view && view.status === "running" ? view.ends_at : null;
      if (next !== endsAt) {
        endsAt = next;
        if (next) start();
        else {
          stop();
          tick();
        }
      }
    },
    destroy: stop,
  };
}

/**
 * A message from the facilitator as a banner: `read()` gives `{text, at}` or null (none to
 * show), `labelKey` names the label among the breakout's strings, `className` the banner's.
 */
export function messageRegion(read, labelKey, className) {
  // The live region stays in the page; a new message is a new banner inside it, so that
  // screen readers read it once (and the highlight animation plays again).
  const region = f.el("div", { className: "bo-message-region", role: "status" });
  let shownAt = null;
  return {
    node: region,
    update() {
      const message = read();
      if (!message) {
        shownAt = null;
        if (region.firstChild) region.replaceChildren();
        return;
      }
      if (message.at === shownAt) return;
      shownAt = message.at;
      const banner = f.el("p", { className: className });
      banner.append(f.el("span", { className: "bo-message-label" }, s()[labelKey]), " ",
        f.el("span", { className: "bo-message-text", dir: "auto" }, message.text));
      region.replaceChildren(banner);
    },
  };
}

/** The presenter's message to all groups, as a banner (participants and screen). */
export function messageBanner(itemId) {
  return messageRegion(() => {
    const view = store.roundOf(itemId);
    const visible = Boolean(view && view.message && view.status === "running");
    return visible ? { text: view.message, at: view.message_at } : null;
  }, "messageLabel", "bo-message");
}
