/* Breakout reflection: small groups reflect on 1–5 prompts for a set time, each group on its
 * own board of cards. One module for all three roles:
 * - participants see their group, the prompts, the countdown, the group's board (add, edit,
 *   delete their own cards), a private note, and choose a group where the breakout lets them;
 * - the presenter forms the groups (setup panel, preview, moving people), starts, messages,
 *   extends and ends the round, watches every group live and picks cards for the big screen;
 * - the big screen shows the prompts, the countdown and the picked cards by prompt.
 * The round's state lives here, fed by snapshots and the breakout facts; the countdown always
 * recomputes from the server's clock. Nothing typed is lost: unsent cards wait in an outbox
 * in localStorage and are sent again after every reconnect and at the recall. */
import f from "../app.js";

const MAX_CARD = 500;
const MAX_NOTE = 5000;
const NOTE_DELAY = 1200; // ms of quiet typing before the note saves itself
const NEWEST = 3; // cards per group in the presenter's group overview
const MILESTONES = [
  { at: 5 * 60000, key: "fiveMinutes" },
  { at: 60000, key: "oneMinute" },
  { at: 0, key: "timeUp" },
];
// Refusals after which a card stays in the outbox to be sent again later.
const RETRY = new Set(["not_connected", "internal_error"]);

function s() {
  return f.kindTemplate("breakout").dataset;
}

function fmt(key, params) {
  return f.format(s()[key], params);
}

function counted(count, one, many) {
  return count === 1 ? s()[one] : fmt(many, { count: count });
}

/** A fresh id for one card, so a card sent twice (after a reconnect) is stored once. */
function nonce() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
  const bytes = new Uint8Array(16);
  window.crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function groupName(group) {
  if (!group) return "";
  return group.name || fmt("group", { number: group.number });
}

function memberName(member) {
  return member.display_name || fmt("participant", { number: member.number });
}

/** A video room link only if it is an http(s) address (the server checks it too). */
function safeUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

function promptsOf(item) {
  return (item && item.config && item.config.prompts) || [];
}

// -- the rules the server deals groups by (domain/breakouts.py) ------------------

function balanced(people, groups) {
  const base = Math.floor(people / groups);
  const extra = people % groups;
  const sizes = [];
  for (let index = 0; index < groups; index += 1) sizes.push(index < extra ? base + 1 : base);
  return sizes;
}

/**
 * How many groups of `size`: the fewest none of which is larger than `size` (so groups of
 * that size where possible, the rest one smaller), but fewer when someone would sit alone.
 */
function groupCountForSize(people, size) {
  let count = Math.max(1, Math.ceil(people / size));
  while (count > 1 && Math.floor(people / count) < 2) count -= 1;
  return count;
}

function sizesFor(people, mode, size, count) {
  if (mode === "size") return balanced(people, groupCountForSize(people, size));
  return balanced(people, Math.max(1, Math.min(count, people)));
}

// -- the round, as this page knows it -------------------------------------------

const round = {
  itemId: null,
  view: null, // RoundView: status, clock, message, groups (sizes), cards
  myGroup: null, // participants: GroupView or null
  note: "", // participants: the stored private note
  details: new Map(), // presenter: group id -> ModeratorGroupView
  harvest: [], // presenter and screen
  previous: [], // presenter: earlier breakouts with groups
  videoLink: "", // presenter: the workshop's link template
  online: 0, // presenter: participants online now
};
const subscribers = new Set();
let shownItemId = null; // the breakout a view shows now
let fetching = null;
// The breakout whose round came with the snapshot being handled right now: the page renders
// it in the same task, without asking again.
let fresh = null;

/** The round of `itemId` if this page knows it (not a stale one of another breakout). */
function roundOf(itemId) {
  return round.view && round.view.item_id === itemId ? round.view : null;
}

function notify(what) {
  subscribers.forEach((subscriber) => subscriber(what || {}));
}

/**
 * A view that repaints with every change of the round: `paint(what)` runs now ({all}) and
 * on each notify; `update(next)` hands it the item again ({item}); destroy unsubscribes.
 */
function follow(paint, clock, setItem) {
  subscribers.add(paint);
  paint({ all: true });
  return {
    update(next) {
      setItem(next);
      paint({ item: true });
    },
    destroy() {
      subscribers.delete(paint);
      clock.destroy();
    },
  };
}

function adopt(part) {
  const before = round.itemId === part.item_id && round.view ? round.view.status : null;
  round.itemId = part.item_id;
  round.view = part;
  if ("my_group" in part) round.myGroup = part.my_group || null;
  if ("note" in part) round.note = part.note || "";
  if (part.group_details) round.details = new Map(part.group_details.map((group) => [group.id, group]));
  if (part.harvest) round.harvest = part.harvest;
  if (part.previous) round.previous = part.previous;
  if ("video_link" in part) round.videoLink = part.video_link || "";
  statusChanged(before);
}

/** Ask for the breakout's state (get_breakout) when it became current after the snapshot. */
function refresh(itemId) {
  if (fetching === itemId) return;
  fetching = itemId;
  f.command("get_breakout", { item_id: itemId }).then((ack) => {
    if (fetching === itemId) fetching = null;
    if (!ack || !ack.ok) return;
    const part = ack.breakout;
    if (part && part.item_id === itemId) {
      adopt(part);
      notify({ all: true });
    }
  });
}

f.onSnapshot((snapshot) => {
  if (snapshot.presence) round.online = snapshot.presence.online;
  if (snapshot.breakout) {
    adopt(snapshot.breakout);
    fetching = null;
  }
  fresh = snapshot.breakout ? snapshot.breakout.item_id : null;
  window.setTimeout(() => { fresh = null; }, 0);
  outbox.resend();
  if (snapshot.breakout) notes.resend(snapshot.breakout.item_id);
  notify({ all: true });
});

f.listen("presence", (payload) => {
  if (!payload) return;
  round.online = payload.online;
  notify({ presence: true });
});

f.listen("breakout_changed", (payload) => {
  if (!payload || payload.item_id !== round.itemId) {
    if (payload && payload.item_id === shownItemId) refresh(shownItemId);
    return;
  }
  const before = round.view ? round.view.status : null;
  round.view = Object.assign({}, round.view, payload);
  const ids = new Set((payload.groups || []).map((group) => group.id));
  Array.from(round.details.keys()).forEach((id) => {
    if (!ids.has(id)) round.details.delete(id);
  });
  statusChanged(before);
  notify({ round: true });
});

f.listen("group_changed", (payload) => {
  if (!payload || payload.item_id !== round.itemId) return;
  round.myGroup = payload.group || null;
  notify({ group: true });
});

f.listen("breakout_groups", (payload) => {
  if (!payload || payload.item_id !== round.itemId) return;
  (payload.groups || []).forEach((group) => round.details.set(group.id, group));
  notify({ groups: true });
});

f.listen("harvest_changed", (payload) => {
  if (!payload || payload.item_id !== round.itemId) return;
  round.harvest = payload.harvest || [];
  notify({ harvest: true });
});

/** At the recall, whatever is typed in the add fields is sent (the server still takes it). */
function statusChanged(before) {
  if (f.role !== "participant" || !round.view) return;
  if (round.view.status === "ended" && before !== "ended") typed.flush(round.itemId);
}

// -- participants: cards typed, unsent cards, the private note -------------------

/** Text typed into the add fields, per prompt, kept on this device until it is sent. */
const typed = {
  store(itemId) {
    return f.draftStore("breakout-typed." + itemId);
  },
  all(itemId) {
    const value = this.store(itemId).get();
    return value && typeof value === "object" ? value : {};
  },
  get(itemId, promptId) {
    return this.all(itemId)[promptId] || "";
  },
  set(itemId, promptId, text) {
    const all = this.all(itemId);
    if (text.trim()) all[promptId] = text;
    else delete all[promptId];
    if (Object.keys(all).length) this.store(itemId).set(all);
    else this.store(itemId).clear();
  },
  /** Turn everything typed into cards (the recall); the views clear their fields. */
  flush(itemId) {
    const all = this.all(itemId);
    const prompts = Object.keys(all).filter((promptId) => all[promptId].trim());
    this.store(itemId).clear();
    prompts.forEach((promptId) => outbox.add(itemId, promptId, all[promptId].trim()));
    if (prompts.length) notify({ typed: true });
  },
};

/** Cards sent (or to be sent) and not yet acknowledged, for every breakout of the workshop. */
const outbox = {
  errors: new Map(), // prompt id -> the last refusal's message, for the add field
  sending: new Set(), // client ids on their way
  store: f.draftStore("breakout-outbox"),
  list() {
    const value = this.store.get();
    return Array.isArray(value) ? value : [];
  },
  save(list) {
    if (list.length) this.store.set(list);
    else this.store.clear();
  },
  pending(itemId) {
    return this.list().filter((entry) => entry.item_id === itemId);
  },
  add(itemId, promptId, text) {
    const entry = { item_id: itemId, prompt_id: promptId, text: text, client_id: nonce() };
    this.save(this.list().concat([entry]));
    this.errors.delete(promptId);
    this.send(entry);
    return entry;
  },
  remove(clientId) {
    this.save(this.list().filter((entry) => entry.client_id !== clientId));
  },
  send(entry) {
    if (!f.online()) return;
    this.sending.add(entry.client_id);
    f.command("add_card", entry).then((ack) => {
      this.sending.delete(entry.client_id);
      if (ack && ack.ok) {
        this.remove(entry.client_id);
        const group = round.myGroup;
        if (ack.card && entry.item_id === round.itemId && group
            && !group.cards.some((card) => card.id === ack.card.id)) {
          group.cards = group.cards.concat([ack.card]);
        }
      } else if (!ack || RETRY.has(ack.error && ack.error.code)) {
        // Stays in the outbox; sent again after the next reconnect.
        notify({ cards: true });
        return;
      } else {
        // Refused for good (too long, …): give the text back to its field with the reason.
        this.remove(entry.client_id);
        if (!typed.get(entry.item_id, entry.prompt_id)) typed.set(entry.item_id, entry.prompt_id, entry.text);
        this.errors.set(entry.prompt_id, ack.error.message);
      }
      notify({ cards: true });
    });
  },
  resend() {
    this.list().forEach((entry) => this.send(entry));
  },
};

/** The private note: autosaved after a pause, kept on the device until the server has it. */
const notes = {
  status: "saved", // saved | unsaved | saving | error
  message: "",
  timer: null,
  store(itemId) {
    return f.draftStore("breakout-note." + itemId);
  },
  draft(itemId) {
    const value = this.store(itemId).get();
    return typeof value === "string" ? value : null;
  },
  changed(itemId, text) {
    this.store(itemId).set(text);
    this.status = "unsaved";
    this.message = "";
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.save(itemId), NOTE_DELAY);
    notify({ note: true });
  },
  save(itemId) {
    window.clearTimeout(this.timer);
    const text = this.draft(itemId);
    if (text === null) return Promise.resolve(true);
    if (!f.online()) {
      this.status = "unsaved";
      notify({ note: true });
      return Promise.resolve(false);
    }
    this.status = "saving";
    notify({ note: true });
    return f.command("save_note", { item_id: itemId, text: text }).then((ack) => {
      if (ack && ack.ok) {
        if (itemId === round.itemId) round.note = ack.text;
        if (this.draft(itemId) === text) {
          this.store(itemId).clear();
          this.status = "saved";
        }
        this.message = "";
      } else {
        this.status = "error";
        this.message = ack && ack.error ? ack.error.message : "";
      }
      notify({ note: true });
      return Boolean(ack && ack.ok);
    });
  },
  resend(itemId) {
    const text = this.draft(itemId);
    if (text !== null && round.view && round.view.private_notes && text !== round.note) this.save(itemId);
    else if (text !== null) this.store(itemId).clear();
  },
};

// -- shared view pieces ----------------------------------------------------------

/**
 * Keep `list`'s children in step with `entries` (keyed by `entry.id`): nodes are made
 * once by `create(entry)`, repainted by `paint(view, entry)` and moved only when out of
 * place, so nothing flickers and focus and open selects survive an update.
 */
function keyed(list, create, paint) {
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

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

/** Prompts as a numbered list (waiting room, big screen). */
function promptList(className) {
  const list = f.el("ol", { className: "bo-prompt-list " + (className || ""), "aria-label": s().promptsLabel });
  const update = keyed(list, () => {
    const node = f.el("li", { className: "bo-prompt-item" });
    const text = f.el("span", { dir: "auto" });
    node.appendChild(text);
    return { node, text };
  }, (view, prompt) => setText(view.text, prompt.text));
  return { node: list, update: (item) => update(promptsOf(item)) };
}

/**
 * The round's countdown from the server's clock: `ends_at − serverNow()`, recomputed every
 * second (never counted down locally), so it is right again after a reconnect or sleep.
 * Ticks are aligned to the moment the shown second changes, so every device flips at once.
 * `announce(text)` hears the milestones (5 min, 1 min, time up) when they are crossed.
 */
function countdown(node, itemId, announce) {
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

  function remaining() {
    const view = roundOf(itemId);
    if (!view || view.status !== "running" || !view.ends_at) return null;
    return view.ends_at - f.serverNow();
  }

  function tick() {
    const left = remaining();
    node.hidden = left === null;
    if (left === null) {
      last = null;
      return;
    }
    const over = left <= 0;
    node.classList.toggle("over", over);
    node.classList.toggle("soon", !over && left <= 60000);
    up.hidden = !over;
    time.hidden = over;
    pre.hidden = over || !before.trim();
    post.hidden = over || !(after || "").trim();
    if (!over) setText(time, f.formatDuration(left));
    if (announce && last !== null) {
      MILESTONES.forEach((milestone) => {
        if (last > milestone.at && left <= milestone.at) announce(text[milestone.key]);
      });
    }
    last = left;
  }

  function start() {
    stop();
    tick();
    const left = remaining();
    if (left === null) return;
    // formatDuration rounds: the shown second changes when the remainder passes 500 ms.
    const delay = (((left - 500) % 1000) + 1000) % 1000 + 20;
    aligner = window.setTimeout(() => {
      tick();
      interval = window.setInterval(tick, 1000);
    }, delay);
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
      const view = roundOf(itemId);
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

/** The presenter's message to all groups, as a banner (participants and screen). */
function messageBanner(itemId) {
  // The live region stays in the page; a new message is a new banner inside it, so that
  // screen readers read it once (and the highlight animation plays again).
  const region = f.el("div", { className: "bo-message-region", role: "status" });
  let shownAt = null;
  return {
    node: region,
    update() {
      const view = roundOf(itemId);
      const visible = Boolean(view && view.message && view.status === "running");
      if (!visible) {
        shownAt = null;
        if (region.firstChild) region.replaceChildren();
        return;
      }
      if (view.message_at === shownAt) return;
      shownAt = view.message_at;
      const banner = f.el("p", { className: "bo-message" });
      banner.append(f.el("span", { className: "bo-message-label" }, s().messageLabel), " ",
        f.el("span", { className: "bo-message-text", dir: "auto" }, view.message));
      region.replaceChildren(banner);
    },
  };
}

/** A star toggle that puts a card on the big screen (presenter). */
function starButton(ctx, cardOf) {
  const button = f.el("button", {
    type: "button", className: "bo-star", "aria-pressed": "false", "aria-label": s().star, title: s().star,
  });
  const icon = f.el("span", { "aria-hidden": "true" }, "☆");
  button.appendChild(icon);
  button.addEventListener("click", () => {
    const card = cardOf();
    if (!card || button.getAttribute("aria-disabled") === "true") return;
    const harvested = !card.harvested;
    button.setAttribute("aria-disabled", "true");
    ctx.command("harvest_card", { item_id: round.itemId, card_id: card.id, harvested: harvested }).then((ack) => {
      button.removeAttribute("aria-disabled");
      if (ack && ack.ok) {
        round.details.forEach((group) => {
          group.cards.forEach((each) => {
            if (each.id === ack.card_id) each.harvested = ack.harvested;
          });
        });
        notify({ groups: true });
      }
    });
  });
  return {
    node: button,
    paint(card) {
      button.setAttribute("aria-pressed", card.harvested ? "true" : "false");
      setText(icon, card.harvested ? "★" : "☆");
    },
  };
}

// -- participant -------------------------------------------------------------------

function participantView(container, startItem) {
  const text = s();
  let item = startItem;
  const itemId = item.id;
  const root = f.el("div", { className: "bo bo-participant" });
  const announcer = f.el("p", { className: "visually-hidden", role: "status" });
  const banner = messageBanner(itemId);

  // Before the groups: what the round will be about.
  const intro = f.el("section", { className: "bo-intro" });
  const introTitle = f.el("h2", { className: "bo-intro-title" }, text.waitingTitle);
  const introText = f.el("p", { className: "bo-intro-text" }, text.waitingText);
  const introPrompts = promptList("bo-intro-prompts");
  const introMeta = f.el("p", { className: "hint bo-intro-meta" });
  const introPulse = f.el("div", { className: "pulse", "aria-hidden": "true" });
  intro.append(introTitle, introText, introPrompts.node, introMeta, introPulse);

  // The back in the plenary heading.
  const ended = f.el("section", { className: "bo-ended" });
  const endedTitle = f.el("h2", { className: "bo-ended-title", tabindex: "-1" }, text.endedTitle);
  const endedText = f.el("p", { className: "bo-ended-text" });
  ended.append(endedTitle, endedText);

  // The group: name, members, video room, the clock.
  const head = f.el("section", { className: "bo-group-card", "aria-labelledby": "bo-group-title" });
  const headTop = f.el("div", { className: "bo-group-top" });
  const headNames = f.el("div", { className: "bo-group-names" });
  const headEyebrow = f.el("p", { className: "bo-eyebrow" }, text.yourGroup);
  const headTitle = f.el("h2", { className: "bo-group-title", id: "bo-group-title", tabindex: "-1", dir: "auto" });
  headNames.append(headEyebrow, headTitle);
  const clockNode = f.el("p", { className: "bo-clock", "aria-label": text.clockLabel });
  headTop.append(headNames, clockNode);
  const members = f.el("ul", { className: "bo-members-line", "aria-label": text.membersLabel });
  const updateMembers = keyed(members, () => {
    const node = f.el("li", { className: "bo-member-chip", dir: "auto" });
    return { node };
  }, (view, member) => {
    setText(view.node, member.me ? memberName(member) + " (" + text.you + ")" : memberName(member));
    view.node.classList.toggle("me", Boolean(member.me));
  });
  const video = f.el("a", { className: "button primary big bo-video", target: "_blank", rel: "noopener" });
  video.append(f.el("span", {}, text.video), f.el("span", { "aria-hidden": "true" }, " ↗"),
    f.el("span", { className: "visually-hidden" }, " (" + text.videoHint + ")"));
  const formingText = f.el("p", { className: "bo-forming-text" }, text.formingText);
  head.append(headTop, members, video, formingText);
  const clock = countdown(clockNode, itemId, (message) => setText(announcer, message));

  const noGroup = f.el("p", { className: "bo-no-group" }, text.noGroup);

  // Choosing a named group.
  const picker = f.el("section", { className: "bo-picker" });
  const pickerTitle = f.el("h2", { className: "bo-picker-title" }, text.chooseTitle);
  const pickerHint = f.el("p", { className: "hint" }, text.chooseHint);
  const pickerList = f.el("ul", { className: "bo-picker-list" });
  const pickerError = f.el("p", { className: "error", role: "alert", hidden: true });
  picker.append(pickerTitle, pickerHint, pickerList, pickerError);
  const switcher = f.el("details", { className: "bo-switch" });
  const switcherSummary = f.el("summary", {}, text.switchGroup);
  switcher.appendChild(switcherSummary);
  let choosing = null;
  const updatePicker = keyed(pickerList, (group) => {
    const node = f.el("li", { className: "bo-pick" });
    const name = f.el("span", { className: "bo-pick-name", dir: "auto" });
    const places = f.el("span", { className: "bo-pick-places" });
    const info = f.el("span", { className: "bo-pick-info" });
    info.append(name, places);
    const mark = f.el("span", { className: "bo-pick-mine" }, text.yourGroup);
    const join = f.el("button", { type: "button", className: "button bo-pick-join" }, text.join);
    node.append(info, mark, join);
    const view = { node, name, places, mark, join, group: group };
    join.addEventListener("click", () => choose(view));
    return view;
  }, (view, group) => {
    view.group = group;
    setText(view.name, groupName(group));
    setText(view.places, group.capacity
      ? fmt("places", { size: group.size, capacity: group.capacity })
      : counted(group.size, "peopleOne", "peopleMany"));
    const mine = Boolean(round.myGroup && round.myGroup.id === group.id);
    const full = !mine && group.capacity !== null && group.capacity !== undefined && group.size >= group.capacity;
    view.node.classList.toggle("mine", mine);
    view.node.classList.toggle("full", full);
    view.mark.hidden = !mine;
    view.join.hidden = mine;
    view.join.disabled = full;
    setText(view.join, full ? text.full : text.join);
    view.join.setAttribute("aria-label", full ? groupName(group) + ": " + text.full : fmt("joinLabel", { group: groupName(group) }));
  });

  function choose(view) {
    if (choosing) return;
    choosing = view.group.id;
    pickerError.hidden = true;
    f.command("choose_group", { item_id: itemId, group_id: view.group.id }).then((ack) => {
      choosing = null;
      if (ack && ack.ok) {
        round.myGroup = ack.group;
        switcher.open = false;
        setText(announcer, fmt("joined", { group: groupName(ack.group) }));
        notify({ group: true });
        headTitle.focus({ preventScroll: false });
      } else if (ack) {
        pickerError.textContent = ack.error.message;
        pickerError.hidden = false;
      }
    });
  }

  // The group's board: one column per prompt with its cards and an add field.
  const board = f.el("section", { className: "bo-board", "aria-labelledby": "bo-board-title" });
  const boardTitle = f.el("h2", { className: "bo-board-title", id: "bo-board-title" }, text.boardLabel);
  const boardHint = f.el("p", { className: "hint bo-board-hint" }, text.boardHint);
  const unsentNote = f.el("p", { className: "bo-unsent-note", hidden: true }, text.unsentNote);
  const columns = f.el("div", { className: "bo-columns" });
  board.append(boardTitle, boardHint, unsentNote, columns);
  const promptViews = new Map();

  function promptColumn(prompt, index) {
    const number = index + 1;
    const node = f.el("section", { className: "bo-prompt", "data-prompt": prompt.id, "aria-labelledby": "bo-p-" + prompt.id });
    const heading = f.el("h3", { className: "bo-prompt-title", id: "bo-p-" + prompt.id });
    const badge = f.el("span", { className: "bo-prompt-number", "aria-hidden": "true" }, String(number));
    const spoken = f.el("span", { className: "visually-hidden" }, fmt("questionNumber", { number: number }) + ": ");
    const words = f.el("span", { className: "bo-prompt-text", dir: "auto" });
    heading.append(badge, spoken, words);
    const list = f.el("ul", { className: "bo-cards" });
    const empty = f.el("p", { className: "bo-cards-empty" }, text.noCards);
    const form = f.el("form", { className: "bo-add", novalidate: true });
    const fieldId = "bo-add-" + prompt.id;
    const label = f.el("label", { for: fieldId, className: "visually-hidden" }, fmt("addLabel", { number: number }));
    const area = f.el("textarea", {
      id: fieldId, className: "bo-add-text", rows: 2, autocomplete: "off", placeholder: text.addPlaceholder,
      "aria-describedby": fieldId + "-count",
    });
    const meta = f.el("div", { className: "bo-add-meta" });
    const shortcut = f.el("span", { className: "bo-shortcut", "aria-hidden": "true" }, text.shortcut);
    const counter = f.el("span", { className: "bo-counter", id: fieldId + "-count" });
    const counterShown = f.el("span", { "aria-hidden": "true" });
    const counterSpoken = f.el("span", { className: "visually-hidden" });
    counter.append(counterShown, counterSpoken);
    const send = f.el("button", { type: "submit", className: "button primary bo-add-send" }, text.add);
    meta.append(shortcut, counter, send);
    const error = f.el("p", { className: "error bo-add-error", role: "alert", hidden: true });
    form.append(label, area, error, meta);
    node.append(heading, list, empty, form);
    const cards = keyed(list, (card) => cardView(card), (view, card) => view.paint(card));
    let known = typed.get(itemId, prompt.id); // what the field and the stored draft agree on
    area.value = known;

    function paintCounter() {
      const count = f.paintCounter(
        { counter: counter, shown: counterShown, spoken: counterSpoken, area: area }, area.value.trim(), MAX_CARD, text);
      counter.classList.toggle("quiet", count < MAX_CARD * 0.8);
    }

    function submit(event) {
      if (event) event.preventDefault();
      const value = area.value.trim();
      let problem = "";
      if (!value) problem = text.emptyCard;
      else if (f.textLength(value) > MAX_CARD) problem = fmt("tooLong", { limit: MAX_CARD });
      if (problem) {
        outbox.errors.set(prompt.id, problem);
        paintError();
        area.focus();
        return;
      }
      area.value = "";
      typed.set(itemId, prompt.id, "");
      known = "";
      paintCounter();
      outbox.add(itemId, prompt.id, value);
      paintBoard();
      area.focus();
    }

    function paintError() {
      const message = outbox.errors.get(prompt.id) || "";
      error.hidden = !message;
      setText(error, message);
      area.setAttribute("aria-invalid", message ? "true" : "false");
    }

    form.addEventListener("submit", submit);
    area.addEventListener("input", () => {
      typed.set(itemId, prompt.id, area.value);
      known = typed.get(itemId, prompt.id);
      if (outbox.errors.has(prompt.id)) {
        outbox.errors.delete(prompt.id);
        paintError();
      }
      paintCounter();
    });
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        submit();
      }
    });
    paintCounter();

    return {
      node,
      paint(promptNow, entries, writable) {
        setText(words, promptNow.text);
        cards(entries);
        empty.hidden = entries.length > 0;
        form.hidden = !writable;
        // Text given back (a refused card) or sent at the recall shows up here.
        const kept = typed.get(itemId, prompt.id);
        if (kept !== known) {
          known = kept;
          area.value = kept;
          paintCounter();
        }
        paintError();
      },
    };
  }

  /** One card: text, "yours" or "not sent yet", and for one's own cards Edit and Delete. */
  function cardView(first) {
    const node = f.el("li", { className: "bo-card" });
    const body = f.el("p", { className: "bo-card-text", dir: "auto" });
    const tags = f.el("p", { className: "bo-card-tags" });
    const mineTag = f.el("span", { className: "bo-tag bo-tag-mine" }, text.mine);
    const unsentTag = f.el("span", { className: "bo-tag bo-tag-unsent" }, text.unsent);
    tags.append(mineTag, unsentTag);
    const actions = f.el("div", { className: "bo-card-actions" });
    const edit = f.el("button", { type: "button", className: "button compact" }, text.edit);
    const remove = f.el("button", { type: "button", className: "button compact danger-outline" }, text.delete);
    actions.append(edit, remove);
    const editor = f.el("form", { className: "bo-card-editor", novalidate: true, hidden: true });
    const editId = "bo-edit-" + String(first.id).replace(/[^\w-]/g, "");
    const editLabel = f.el("label", { for: editId, className: "visually-hidden" }, text.editLabel);
    const editArea = f.el("textarea", { id: editId, className: "bo-edit-text", rows: 3 });
    const editError = f.el("p", { className: "error", role: "alert", hidden: true });
    const editActions = f.el("div", { className: "bo-card-actions" });
    const save = f.el("button", { type: "submit", className: "button compact primary" }, text.save);
    const cancel = f.el("button", { type: "button", className: "button compact" }, text.cancel);
    editActions.append(save, cancel);
    editor.append(editLabel, editArea, editError, editActions);
    node.append(body, tags, actions, editor);
    let card = first;
    let busy = false;
    const describedBy = "bo-card-" + editId;
    body.id = describedBy;
    edit.setAttribute("aria-describedby", describedBy);
    remove.setAttribute("aria-describedby", describedBy);

    function editing(on) {
      editor.hidden = !on;
      body.hidden = on;
      actions.hidden = on;
      editError.hidden = true;
      if (on) {
        editArea.value = card.text;
        editArea.focus();
      }
    }

    function saveEdit(event) {
      if (event) event.preventDefault();
      const value = editArea.value.trim();
      if (!value || f.textLength(value) > MAX_CARD) {
        editError.textContent = value ? fmt("tooLong", { limit: MAX_CARD }) : text.emptyCard;
        editError.hidden = false;
        return Promise.resolve(false);
      }
      if (value === card.text) {
        editing(false);
        edit.focus();
        return Promise.resolve(true);
      }
      busy = true;
      return f.command("edit_card", { item_id: itemId, card_id: card.id, text: value }).then((ack) => {
        busy = false;
        if (ack && ack.ok) {
          Object.assign(card, ack.card);
          editing(false);
          view.paint(card);
          edit.focus();
          return true;
        }
        editError.textContent = ack ? ack.error.message : "";
        editError.hidden = false;
        return false;
      });
    }

    edit.addEventListener("click", () => editing(true));
    cancel.addEventListener("click", () => {
      editing(false);
      edit.focus();
    });
    editor.addEventListener("submit", saveEdit);
    editArea.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) saveEdit(event);
      if (event.key === "Escape") {
        editing(false);
        edit.focus();
      }
    });
    remove.addEventListener("click", () => {
      if (busy || !window.confirm(text.confirmDelete)) return;
      busy = true;
      f.command("delete_card", { item_id: itemId, card_id: card.id }).then((ack) => {
        busy = false;
        if (ack && ack.ok && round.myGroup) {
          round.myGroup.cards = round.myGroup.cards.filter((each) => each.id !== ack.card_id);
          notify({ cards: true });
        }
      });
    });

    const view = {
      node,
      editing: () => !editor.hidden,
      /** At the recall an open edit is saved, so that nothing typed is lost. */
      flushEdit() {
        if (!editor.hidden && editArea.value.trim() !== card.text) saveEdit();
      },
      paint(next) {
        card = next;
        setText(body, card.text);
        const pending = Boolean(card.pending);
        node.classList.toggle("mine", Boolean(card.mine));
        node.classList.toggle("pending", pending);
        mineTag.hidden = !card.mine || pending;
        unsentTag.hidden = !pending;
        tags.hidden = mineTag.hidden && unsentTag.hidden;
        const changeable = Boolean(card.mine) && !card.local && writable();
        actions.hidden = !changeable || !editor.hidden;
        if (!changeable && !editor.hidden) editing(false);
      },
    };
    cardViews.set(first.id, view);
    return view;
  }
  const cardViews = new Map();

  function writable() {
    return Boolean(round.view && round.view.status === "running" && round.myGroup);
  }

  function paintBoard() {
    const prompts = promptsOf(item);
    const group = round.myGroup;
    const cards = group ? group.cards : [];
    const pending = outbox.pending(itemId).map((entry) => ({
      id: "pending-" + entry.client_id, prompt_id: entry.prompt_id, text: entry.text, mine: true, local: true,
      // While it is on its way it looks sent; offline it says "not sent yet".
      pending: !(f.online() && outbox.sending.has(entry.client_id)),
    }));
    const signature = prompts.map((prompt) => prompt.id).join("|");
    if (columns.dataset.prompts !== signature) {
      columns.replaceChildren();
      promptViews.clear();
      prompts.forEach((prompt, index) => {
        const view = promptColumn(prompt, index);
        promptViews.set(prompt.id, view);
        columns.appendChild(view.node);
      });
      columns.dataset.prompts = signature;
    }
    prompts.forEach((prompt) => {
      const entries = cards.filter((card) => card.prompt_id === prompt.id)
        .concat(pending.filter((card) => card.prompt_id === prompt.id));
      promptViews.get(prompt.id).paint(prompt, entries, writable());
    });
    unsentNote.hidden = !pending.some((card) => card.pending);
    Array.from(cardViews.keys()).forEach((id) => {
      if (!cardViews.get(id).node.isConnected) cardViews.delete(id);
    });
  }

  // The private note.
  const note = f.el("section", { className: "bo-note" });
  const noteId = "bo-note-" + itemId;
  const noteLabel = f.el("label", { for: noteId, className: "bo-note-label" }, text.noteLabel);
  const noteHint = f.el("p", { className: "hint", id: noteId + "-hint" }, text.noteHint);
  const noteArea = f.el("textarea", {
    id: noteId, className: "bo-note-text", rows: 4, maxlength: String(MAX_NOTE), "aria-describedby": noteId + "-hint",
  });
  const noteMeta = f.el("div", { className: "bo-note-meta" });
  const noteStatus = f.el("p", { className: "bo-note-status" });
  const noteSave = f.el("button", { type: "button", className: "button compact" }, text.noteSave);
  noteMeta.append(noteStatus, noteSave);
  note.append(noteLabel, noteHint, noteArea, noteMeta);
  const storedNote = notes.draft(itemId);
  noteArea.value = storedNote !== null ? storedNote : round.note;
  if (storedNote !== null && storedNote !== round.note) notes.status = "unsaved";
  noteArea.addEventListener("input", () => notes.changed(itemId, noteArea.value));
  noteSave.addEventListener("click", () => {
    notes.store(itemId).set(noteArea.value);
    notes.save(itemId).then((ok) => {
      setText(announcer, ok ? text.noteSaved : (notes.message || text.noteUnsaved));
    });
  });

  function paintNote() {
    const draft = notes.draft(itemId);
    if (document.activeElement !== noteArea && draft === null && noteArea.value !== round.note) {
      noteArea.value = round.note;
    }
    const states = { saved: "✓ " + text.noteSaved, unsaved: text.noteUnsaved, saving: text.noteSaving };
    const line = notes.status === "error" ? notes.message : (noteArea.value || notes.status !== "saved" ? states[notes.status] : "");
    setText(noteStatus, line);
    noteStatus.classList.toggle("error", notes.status === "error");
    noteStatus.classList.toggle("confirmed", notes.status === "saved");
  }

  root.append(announcer, banner.node, intro, ended, noGroup, picker, head, switcher, board, note);
  container.appendChild(root);

  function paint(what) {
    const view = round.view;
    if (!view || view.item_id !== itemId) {
      // The state of this breakout is on its way (get_breakout): show the waiting room.
      [ended, noGroup, picker, head, switcher, board, note].forEach((node) => { node.hidden = true; });
      intro.hidden = false;
      introPrompts.update(item);
      introMeta.textContent = "";
      return;
    }
    const status = view.status;
    const group = round.myGroup;
    const choosingMode = view.mode === "choose";
    const active = status === "forming" || status === "running";
    banner.update();
    clock.update();

    intro.hidden = status !== "waiting";
    introPrompts.update(item);
    introMeta.textContent = fmt("duration", { count: view.duration })
      + (view.private_notes ? " · " + text.notesHint : "");

    ended.hidden = status !== "ended";
    const anyCards = Boolean(group && (group.cards.length || outbox.pending(itemId).length));
    setText(endedText, anyCards ? text.endedText : text.endedNoCards);

    head.hidden = !group || status === "waiting";
    if (group) {
      setText(headTitle, groupName(group));
      updateMembers(group.members.map((member) => Object.assign({ id: member.number }, member)));
      const url = safeUrl(group.video_url);
      video.hidden = !url || status === "ended";
      if (url && video.getAttribute("href") !== url) video.setAttribute("href", url);
    }
    formingText.hidden = status !== "forming";
    headEyebrow.hidden = false;

    const pickable = choosingMode && active;
    picker.hidden = !pickable;
    if (pickable) {
      updatePicker(view.groups || []);
      // With a group, the choice moves into "Switch group"; without one it is the page.
      if (group && picker.parentNode !== switcher) switcher.appendChild(picker);
      if (!group && picker.parentNode === switcher) root.insertBefore(picker, head);
      pickerTitle.hidden = Boolean(group);
    }
    switcher.hidden = !(pickable && group);
    noGroup.hidden = Boolean(group) || choosingMode || status === "waiting"
      || (status === "ended" && !group);

    board.hidden = !group || (status !== "running" && status !== "ended");
    boardTitle.hidden = status === "ended";
    boardHint.hidden = status === "ended";
    if (!board.hidden) paintBoard();
    if (status === "ended" && what && what.round) {
      cardViews.forEach((cardView) => cardView.flushEdit());
    }

    note.hidden = !view.private_notes || status === "waiting" || (!group && status !== "ended");
    if (!note.hidden) paintNote();
    root.dataset.status = status;
  }

  let lastStatus = null;
  function onChange(what) {
    const status = round.view && round.view.item_id === itemId ? round.view.status : null;
    const changedStatus = status !== lastStatus;
    paint(Object.assign({}, what, { round: changedStatus || (what && what.round) }));
    if (changedStatus && lastStatus !== null && status === "ended") endedTitle.focus({ preventScroll: false });
    lastStatus = status;
  }

  return follow(onChange, clock, (next) => { item = next; });
}

// -- presenter ---------------------------------------------------------------------

/** What the presenter last chose in the setup panel, kept across re-renders. */
const setups = new Map();

function setupFor(item) {
  if (!setups.has(item.id)) {
    const grouping = (item.config && item.config.grouping) || { mode: "size", size: 4 };
    const named = grouping.groups || [];
    setups.set(item.id, {
      mode: grouping.mode || "size",
      size: String(grouping.size || 4),
      count: String(grouping.count || 3),
      names: named.map((group) => group.name).join("\n"),
      capacity: String((named.find((group) => group.capacity) || {}).capacity || ""),
      previous: "",
    });
  }
  return setups.get(item.id);
}

function presenterView(container, startItem, ctx) {
  const text = s();
  let item = startItem;
  const itemId = item.id;
  const setup = setupFor(item);
  const root = f.el("div", { className: "bo bo-presenter" });
  const uid = "bo-" + itemId;
  // A moderator writes to the groups and picks cards; forming, timing and moving stay
  // the presenter's (the server refuses them too).
  const moderatorOnly = f.role === "moderator";

  // -- the setup panel (waiting, forming)
  const panel = f.el("form", { className: "bo-setup", novalidate: true, "aria-labelledby": uid + "-setup" });
  const panelTitle = f.el("h2", { className: "bo-setup-title", id: uid + "-setup" }, text.setupTitle);
  const modes = f.el("fieldset", { className: "bo-modes" });
  modes.appendChild(f.el("legend", {}, text.modeLegend));
  const radios = {};

  function mode(name, label, fields) {
    const wrap = f.el("div", { className: "bo-mode", "data-mode": name });
    const radio = f.el("input", { type: "radio", name: uid + "-mode", value: name });
    radios[name] = radio;
    const radioLabel = f.el("label", { className: "radio" });
    radioLabel.append(radio, " " + label);
    const box = f.el("div", { className: "bo-mode-fields" });
    fields.forEach((field) => box.appendChild(field));
    wrap.append(radioLabel, box);
    modes.appendChild(wrap);
    radio.addEventListener("change", () => {
      setup.mode = name;
      paintSetup();
    });
    return box;
  }

  function numberField(id, label, min, max, key) {
    const wrap = f.el("div", { className: "bo-field" });
    const labelNode = f.el("label", { for: id }, label);
    const input = f.el("input", {
      id: id, type: "number", min: String(min), max: String(max), inputmode: "numeric", className: "narrow-input",
    });
    input.value = setup[key];
    input.addEventListener("input", () => {
      setup[key] = input.value;
      paintPreview();
    });
    wrap.append(labelNode, input);
    return wrap;
  }

  const sizeField = numberField(uid + "-size", text.sizeLabel, 2, 20, "size");
  const countField = numberField(uid + "-count", text.countLabel, 1, 100, "count");
  const namesWrap = f.el("div", { className: "bo-field bo-field-wide" });
  const names = f.el("textarea", { id: uid + "-names", rows: 4 });
  names.value = setup.names;
  names.addEventListener("input", () => {
    setup.names = names.value;
    paintPreview();
  });
  namesWrap.append(f.el("label", { for: uid + "-names" }, text.namesLabel), names);
  const capacityField = numberField(uid + "-capacity", text.capacityLabel, 1, 100, "capacity");
  const previousWrap = f.el("div", { className: "bo-field" });
  const previousSelect = f.el("select", { id: uid + "-previous" });
  previousSelect.addEventListener("change", () => {
    setup.previous = previousSelect.value;
    paintPreview();
  });
  const noPrevious = f.el("p", { className: "hint" }, text.noPrevious);
  previousWrap.append(f.el("label", { for: uid + "-previous" }, text.previousLabel), previousSelect, noPrevious);
  mode("size", text.modeSize, [sizeField]);
  mode("count", text.modeCount, [countField]);
  mode("choose", text.modeChoose, [namesWrap, capacityField]);
  mode("previous", text.modePrevious, [previousWrap]);
  const preview = f.el("p", { className: "bo-preview" });
  const latecomers = f.el("p", { className: "hint" }, text.latecomers);
  const setupActions = f.el("div", { className: "bo-actions" });
  const formButton = f.el("button", { type: "button", className: "button" }, text.formGroups);
  const startButton = f.el("button", { type: "submit", className: "button primary big" });
  setupActions.append(formButton, startButton);

  const videoBox = f.el("div", { className: "bo-video-setup" });
  const videoInput = f.el("input", {
    id: uid + "-video", type: "url", inputmode: "url", maxlength: "500", autocomplete: "off",
    placeholder: "https://meet.example.org/kaizen-{workshop}-{group}", "aria-describedby": uid + "-video-help",
  });
  const videoSave = f.el("button", { type: "button", className: "button compact" }, text.videoSave);
  const videoRow = f.el("div", { className: "inline-field" });
  videoRow.append(videoInput, videoSave);
  const videoHelp = f.el("p", { className: "hint", id: uid + "-video-help" }, text.videoHelp);
  const videoStatus = f.el("p", { className: "bo-inline-status", role: "status" });
  videoBox.append(f.el("label", { for: uid + "-video" }, text.videoLabel), videoRow, videoHelp, videoStatus);
  videoInput.value = round.videoLink;
  let videoTouched = false;
  videoInput.addEventListener("input", () => {
    videoTouched = true;
    setText(videoStatus, "");
  });
  videoSave.addEventListener("click", () => {
    ctx.command("set_video_link", { video_link: videoInput.value }).then((ack) => {
      if (ack && ack.ok) {
        round.videoLink = ack.video_link;
        videoTouched = false;
        videoInput.value = ack.video_link;
        setText(videoStatus, "✓ " + (ack.video_link ? text.videoSaved : text.videoRemoved));
      }
    });
  });
  videoInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      videoSave.click();
    }
  });
  // Once groups are formed, how they were formed folds away: moving people and starting matter.
  const settings = f.el("details", { className: "bo-settings", open: true });
  const settingsSummary = f.el("summary", {}, text.changeGrouping);
  settings.append(settingsSummary, modes, preview, latecomers);
  panel.append(panelTitle, settings, setupActions, videoBox);

  function grouping() {
    if (setup.mode === "size") return { mode: "size", size: setup.size.trim() };
    if (setup.mode === "count") return { mode: "count", count: setup.count.trim() };
    if (setup.mode === "choose") {
      const capacity = setup.capacity.trim();
      return {
        mode: "choose",
        groups: setup.names.split("\n").map((name) => name.trim()).filter(Boolean)
          .map((name) => ({ name: name, capacity: capacity || null })),
      };
    }
    const chosen = setup.previous || (round.previous.length ? round.previous[round.previous.length - 1].item_id : "");
    return chosen ? { mode: "previous", item_id: chosen } : { mode: "previous" };
  }

  let busy = false;
  function run(event, payload) {
    if (busy) return Promise.resolve(null);
    busy = true;
    root.classList.add("busy");
    return ctx.command(event, Object.assign({ item_id: itemId }, payload)).then((ack) => {
      busy = false;
      root.classList.remove("busy");
      return ack;
    });
  }

  formButton.addEventListener("click", () => run("form_groups", { grouping: grouping() }));
  panel.addEventListener("submit", (event) => {
    event.preventDefault();
    const waiting = round.view && round.view.status === "waiting";
    run("start_breakout", waiting ? { grouping: grouping() } : {});
  });

  function paintPreview() {
    const online = round.online || 0;
    let line = "";
    if (setup.mode === "size" || setup.mode === "count") {
      const wanted = Number(setup.mode === "size" ? setup.size : setup.count);
      const valid = Number.isInteger(wanted) && wanted >= (setup.mode === "size" ? 2 : 1);
      if (!online) line = text.previewNobody;
      else if (valid) {
        const sizes = sizesFor(online, setup.mode, wanted, wanted);
        const low = Math.min(...sizes);
        const high = Math.max(...sizes);
        const size = low === high ? String(low) : low + "–" + high;
        line = sizes.length === 1
          ? fmt("previewOne", { online: online, size: size })
          : fmt("previewMany", { online: online, groups: sizes.length, size: size });
      }
    } else if (setup.mode === "choose") {
      const count = setup.names.split("\n").filter((name) => name.trim()).length;
      line = fmt("previewChoose", { count: count });
    } else {
      const chosen = round.previous.find((entry) => entry.item_id === (setup.previous || previousSelect.value));
      line = chosen ? fmt("previewPrevious", { title: chosen.title }) : text.noPrevious;
    }
    setText(preview, line);
    latecomers.hidden = setup.mode === "choose";
  }

  let wasForming = false;
  function paintSetup() {
    Object.entries(radios).forEach(([name, radio]) => {
      radio.checked = setup.mode === name;
      radio.closest(".bo-mode").classList.toggle("selected", setup.mode === name);
      radio.closest(".bo-mode").querySelector(".bo-mode-fields").hidden = setup.mode !== name;
    });
    // The earlier breakouts (newest last on the server; the newest is the default).
    const options = round.previous.map((entry) => entry.item_id + "\u0000" + entry.title).join("\n");
    if (previousSelect.dataset.options !== options) {
      previousSelect.replaceChildren(...round.previous.slice().reverse()
        .map((entry) => f.el("option", { value: entry.item_id }, entry.title)));
      previousSelect.dataset.options = options;
      if (setup.previous) previousSelect.value = setup.previous;
    }
    previousSelect.hidden = !round.previous.length;
    previousWrap.querySelector("label").hidden = !round.previous.length;
    noPrevious.hidden = round.previous.length > 0;
    radios.previous.disabled = !round.previous.length && setup.mode !== "previous";
    const view = round.view;
    const forming = view && view.status === "forming";
    setText(formButton, forming ? text.formAgain : text.formGroups);
    setText(panelTitle, forming ? text.formedTitle : text.setupTitle);
    if (forming !== wasForming) {
      settings.open = !forming;
      wasForming = forming;
    }
    settingsSummary.hidden = !forming;
    setText(startButton, fmt("start", { minutes: view ? view.duration : (item.config.duration || "") }));
    if (!videoTouched && document.activeElement !== videoInput && videoInput.value !== round.videoLink) {
      videoInput.value = round.videoLink;
    }
    paintPreview();
  }

  // -- the running round: clock, time, message, recall
  const controls = f.el("div", { className: "bo-controls" });
  const clockNode = f.el("p", { className: "bo-clock bo-clock-presenter" });
  const clock = countdown(clockNode, itemId, null);
  const buttons = f.el("div", { className: "bo-control-buttons" });
  const plusOne = f.el("button", { type: "button", className: "button", title: text.extendOneLabel }, fmt("extend", { count: 1 }));
  const plusFive = f.el("button", { type: "button", className: "button", title: fmt("extendLabel", { count: 5 }) }, fmt("extend", { count: 5 }));
  const recall = f.el("button", { type: "button", className: "button danger-outline" }, text.recall);
  const resume = f.el("button", { type: "button", className: "button" }, text.resume);
  buttons.append(plusOne, plusFive, recall, resume);
  const controlsNote = f.el("p", { className: "bo-controls-note" });
  controls.append(clockNode, controlsNote, buttons);
  plusOne.addEventListener("click", () => run("extend_breakout", { minutes: 1 }));
  plusFive.addEventListener("click", () => run("extend_breakout", { minutes: 5 }));
  resume.addEventListener("click", () => run("extend_breakout", { minutes: 5 }));
  recall.addEventListener("click", () => {
    if (window.confirm(text.confirmRecall)) run("end_breakout", {});
  });

  const messageForm = f.el("form", { className: "bo-message-form", novalidate: true });
  const messageInput = f.el("input", {
    id: uid + "-message", type: "text", maxlength: "200", autocomplete: "off", placeholder: text.messagePlaceholder,
  });
  const messageSend = f.el("button", { type: "submit", className: "button" }, text.messageSend);
  const messageRow = f.el("div", { className: "inline-field" });
  messageRow.append(messageInput, messageSend);
  const messageStatus = f.el("p", { className: "bo-inline-status", role: "status" });
  messageForm.append(f.el("label", { for: uid + "-message" }, text.messageField), messageRow, messageStatus);
  messageForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = messageInput.value.trim();
    if (!value) {
      messageInput.focus();
      return;
    }
    run("breakout_message", { text: value }).then((ack) => {
      if (ack && ack.ok) {
        messageInput.value = "";
        setText(messageStatus, "✓ " + fmt("messageSent", { text: value }));
      }
    });
  });

  const summary = f.el("p", { className: "bo-summary" });

  // -- groups and cards
  const tabs = f.el("div", { className: "bo-tabs", role: "tablist", "aria-label": text.groupsTitle });
  const tabGroups = f.el("button", {
    type: "button", role: "tab", className: "bo-tab", id: uid + "-tab-groups", "aria-controls": uid + "-groups", "data-panel": "groups",
  });
  const tabCards = f.el("button", {
    type: "button", role: "tab", className: "bo-tab", id: uid + "-tab-cards", "aria-controls": uid + "-cards", "data-panel": "cards",
  });
  tabs.append(tabGroups, tabCards);
  const groupsPanel = f.el("div", { className: "bo-panel", role: "tabpanel", id: uid + "-groups", "aria-labelledby": uid + "-tab-groups" });
  const cardsPanel = f.el("div", { className: "bo-panel", role: "tabpanel", id: uid + "-cards", "aria-labelledby": uid + "-tab-cards", hidden: true });
  let tab = "groups";
  let tabChosen = false;
  const selectTab = f.tabs(tabs, { groups: groupsPanel, cards: cardsPanel }, (name) => { tab = name; });
  tabs.addEventListener("click", () => { tabChosen = true; });
  tabs.addEventListener("keydown", () => { tabChosen = true; });

  const groupList = f.el("ul", { className: "bo-groups" });
  groupsPanel.appendChild(groupList);
  const updateGroups = keyed(groupList, groupCard, (view, group) => view.paint(group));

  const harvestHint = f.el("p", { className: "hint bo-harvest-hint" }, text.harvestHint);
  const harvestColumns = f.el("div", { className: "bo-harvest-pick" });
  cardsPanel.append(harvestHint, harvestColumns);
  const updateHarvestColumns = keyed(harvestColumns, (prompt) => {
    const node = f.el("section", { className: "bo-pick-prompt" });
    const heading = f.el("h3", { className: "bo-prompt-title" });
    const badge = f.el("span", { className: "bo-prompt-number", "aria-hidden": "true" });
    const words = f.el("span", { className: "bo-prompt-text", dir: "auto" });
    heading.append(badge, words);
    const list = f.el("ul", { className: "bo-cards" });
    const empty = f.el("p", { className: "bo-cards-empty" }, text.noCards);
    node.append(heading, list, empty);
    const cards = keyed(list, (card) => moderatorCard(card, true), (view, card) => view.paint(card));
    return { node, badge, words, cards, empty };
  }, (view, prompt) => {
    setText(view.badge, String(prompt.number));
    setText(view.words, prompt.text);
    view.cards(prompt.cards);
    view.empty.hidden = prompt.cards.length > 0;
  });

  function groupOptions(current) {
    return (round.view ? round.view.groups : []).filter((group) => group.id !== current);
  }

  /** A card as the presenter sees it: text, question number, group, and the star. */
  function moderatorCard(first, withGroup) {
    const node = f.el("li", { className: "bo-card bo-card-moderated" });
    const body = f.el("p", { className: "bo-card-text", dir: "auto" });
    const meta = f.el("p", { className: "bo-card-tags" });
    const where = f.el("span", { className: "bo-card-where" });
    meta.appendChild(where);
    let card = first;
    const star = starButton(ctx, () => card);
    node.append(body, meta, star.node);
    return {
      node,
      paint(next) {
        card = next;
        setText(body, card.text);
        const prompts = promptsOf(item);
        const index = prompts.findIndex((prompt) => prompt.id === card.prompt_id);
        const parts = [];
        if (!withGroup && index >= 0) parts.push(fmt("questionNumber", { number: index + 1 }));
        if (withGroup) parts.push(card.groupLabel);
        setText(where, parts.join(" · "));
        meta.hidden = !parts.length;
        node.classList.toggle("harvested", Boolean(card.harvested));
        star.paint(card);
      },
    };
  }

  /** One group in the overview: members (online dots, move), counts, newest cards. */
  function groupCard(first) {
    const node = f.el("li", { className: "bo-group" });
    const head = f.el("div", { className: "bo-group-head" });
    const title = f.el("h3", { className: "bo-group-name", dir: "auto" });
    const counts = f.el("span", { className: "bo-group-counts" });
    const video = f.el("a", { className: "bo-group-video", target: "_blank", rel: "noopener" }, text.videoRoom + " ↗");
    head.append(title, counts, video);
    const memberList = f.el("ul", { className: "bo-members" });
    const empty = f.el("p", { className: "bo-cards-empty" }, text.emptyGroup);
    const newest = f.el("ul", { className: "bo-cards bo-newest", "aria-label": text.newest });
    node.append(head, memberList, empty, newest);
    let group = first;
    const updateMembers = keyed(memberList, (member) => {
      const row = f.el("li", { className: "bo-member" });
      const dot = f.el("span", { className: "bo-dot", "aria-hidden": "true" });
      const name = f.el("span", { className: "bo-member-name", dir: "auto" });
      const state = f.el("span", { className: "visually-hidden" });
      const select = f.el("select", { className: "bo-move" });
      row.append(dot, name, state, select);
      const view = { node: row, dot, name, state, select, member };
      select.addEventListener("change", () => {
        const target = select.value;
        if (!target) return;
        run("move_participant", { number: view.member.number, group_id: target }).then(() => {
          select.value = "";
        });
      });
      return view;
    }, (view, member) => {
      view.member = member;
      const label = memberName(member);
      setText(view.name, label);
      setText(view.state, " (" + (member.online ? text.online : text.offline) + ")");
      view.dot.classList.toggle("online", Boolean(member.online));
      view.node.classList.toggle("offline", !member.online);
      const movable = round.view && (round.view.status === "forming" || round.view.status === "running");
      view.select.hidden = moderatorOnly || !movable;
      view.select.setAttribute("aria-label", fmt("moveLabel", { name: label }));
      const others = groupOptions(group.id);
      const signature = others.map((other) => other.id + ":" + groupName(other)).join("|");
      if (view.select.dataset.options !== signature) {
        view.select.replaceChildren(f.el("option", { value: "" }, text.moveTo),
          ...others.map((other) => f.el("option", { value: other.id }, groupName(other))));
        view.select.dataset.options = signature;
      }
    });
    const updateNewest = keyed(newest, (card) => moderatorCard(card, false), (view, card) => view.paint(card));
    return {
      node,
      paint(next) {
        group = next;
        const detail = round.details.get(group.id) || { members: [], cards: [], video_url: null };
        setText(title, groupName(group));
        const status = round.view ? round.view.status : "waiting";
        const parts = [counted(detail.members.length, "peopleOne", "peopleMany")];
        if (status !== "forming") parts.push(counted(detail.cards.length, "cardsOne", "cardsMany"));
        if (group.capacity) parts[0] = fmt("places", { size: detail.members.length, capacity: group.capacity });
        setText(counts, parts.join(" · "));
        const url = safeUrl(detail.video_url);
        video.hidden = !url || status === "ended";
        if (url) {
          video.setAttribute("href", url);
          video.setAttribute("aria-label", fmt("videoRoomLabel", { group: groupName(group) }));
        }
        updateMembers(detail.members.map((member) => Object.assign({ id: member.number }, member)));
        empty.hidden = detail.members.length > 0;
        const latest = detail.cards.slice().sort((a, b) => b.created_at - a.created_at).slice(0, NEWEST);
        updateNewest(latest);
        newest.hidden = !latest.length;
      },
    };
  }

  function allCards() {
    const groups = round.view ? round.view.groups : [];
    const cards = [];
    groups.forEach((group) => {
      const detail = round.details.get(group.id);
      if (!detail) return;
      detail.cards.forEach((card) => cards.push(Object.assign({}, card, {
        groupNumber: group.number, groupLabel: groupName(group),
      })));
    });
    return cards;
  }

  root.append(panel, controls, messageForm, summary, tabs, groupsPanel, cardsPanel);
  container.appendChild(root);
  Object.entries(radios).forEach(([name, radio]) => { radio.checked = setup.mode === name; });

  function paint() {
    const view = round.view && round.view.item_id === itemId ? round.view : null;
    const status = view ? view.status : "waiting";
    root.dataset.status = status;
    panel.hidden = moderatorOnly || !(status === "waiting" || status === "forming");
    if (!panel.hidden) paintSetup();
    controls.hidden = !(status === "running" || status === "ended");
    clock.update();
    plusOne.hidden = moderatorOnly || status !== "running";
    plusFive.hidden = moderatorOnly || status !== "running";
    recall.hidden = moderatorOnly || status !== "running";
    resume.hidden = moderatorOnly || status !== "ended";
    clockNode.hidden = status !== "running";
    setText(controlsNote, status === "ended" ? text.endedNote : "");
    controlsNote.hidden = status !== "ended";
    messageForm.hidden = status !== "running";

    const groups = view ? view.groups : [];
    const hasGroups = status !== "waiting";
    const cards = allCards();
    const picked = cards.filter((card) => card.harvested).length;
    const parts = [];
    if (hasGroups) {
      parts.push(counted(groups.length, "groupsOne", "groupsMany"));
      if (status !== "forming") parts.push(counted(cards.length, "cardsOne", "cardsMany"));
      if (picked) parts.push(fmt("onScreenCount", { count: picked }));
    }
    setText(summary, parts.join(" · "));
    summary.hidden = !hasGroups;

    const withCards = status === "running" || status === "ended";
    tabs.hidden = !withCards;
    setText(tabGroups, text.tabGroups + " (" + groups.length + ")");
    setText(tabCards, text.tabCards + " (" + cards.length + ")");
    if (status === "ended" && !tabChosen && tab !== "cards") selectTab("cards");
    if (!withCards && tab !== "groups") selectTab("groups");
    groupsPanel.hidden = !hasGroups || (withCards && tab !== "groups");
    cardsPanel.hidden = !withCards || tab !== "cards";
    updateGroups(hasGroups ? groups : []);
    if (withCards) {
      updateHarvestColumns(promptsOf(item).map((prompt, index) => ({
        id: prompt.id, number: index + 1, text: prompt.text,
        cards: cards.filter((card) => card.prompt_id === prompt.id)
          .sort((a, b) => (a.groupNumber - b.groupNumber) || (a.created_at - b.created_at)),
      })));
    }
  }

  selectTab("groups");
  return follow(paint, clock, (next) => { item = next; });
}

// -- big screen ----------------------------------------------------------------------

function screenView(container, startItem) {
  const text = s();
  let item = startItem;
  const itemId = item.id;
  const root = f.el("div", { className: "bo bo-screen" });
  const banner = messageBanner(itemId);
  const top = f.el("div", { className: "bo-screen-top" });
  const clockNode = f.el("p", { className: "bo-clock bo-screen-clock" });
  const clock = countdown(clockNode, itemId, null);
  const status = f.el("p", { className: "bo-screen-status" });
  top.append(clockNode, status);
  const prompts = promptList("bo-screen-prompts");
  const harvest = f.el("section", { className: "bo-harvest", "aria-labelledby": "bo-harvest-title" });
  const harvestTitle = f.el("h2", { className: "bo-harvest-title", id: "bo-harvest-title" }, text.harvestTitle);
  const harvestColumns = f.el("div", { className: "bo-harvest-columns" });
  harvest.append(harvestTitle, harvestColumns);
  const updateColumns = keyed(harvestColumns, () => {
    const node = f.el("section", { className: "bo-harvest-prompt" });
    const heading = f.el("h3", { className: "bo-prompt-title" });
    const badge = f.el("span", { className: "bo-prompt-number", "aria-hidden": "true" });
    const words = f.el("span", { className: "bo-prompt-text", dir: "auto" });
    heading.append(badge, words);
    const list = f.el("ul", { className: "bo-harvest-cards" });
    node.append(heading, list);
    const cards = keyed(list, () => {
      const card = f.el("li", { className: "bo-harvest-card" });
      const body = f.el("p", { className: "bo-card-text", dir: "auto" });
      const where = f.el("p", { className: "bo-harvest-group", dir: "auto" });
      card.append(body, where);
      return { node: card, body, where };
    }, (view, card) => {
      setText(view.body, card.text);
      setText(view.where, card.group_name || fmt("group", { number: card.group }));
    });
    return { node, badge, words, cards };
  }, (view, prompt) => {
    setText(view.badge, String(prompt.number));
    setText(view.words, prompt.text);
    view.cards(prompt.cards);
  });
  root.append(banner.node, top, prompts.node, harvest);
  container.appendChild(root);

  function paint() {
    const view = round.view && round.view.item_id === itemId ? round.view : null;
    const state = view ? view.status : "waiting";
    root.dataset.status = state;
    banner.update();
    clock.update();
    const picked = round.itemId === itemId ? round.harvest : [];
    const columns = promptsOf(item).map((prompt, index) => ({
      id: prompt.id, number: index + 1, text: prompt.text,
      cards: picked.filter((card) => card.prompt_id === prompt.id),
    })).filter((column) => column.cards.length);
    updateColumns(columns);
    harvest.hidden = !columns.length;
    root.classList.toggle("has-harvest", columns.length > 0);
    const count = picked.length;
    root.dataset.density = count > 12 ? "lots" : (count > 6 ? "many" : "few");
    prompts.update(item);
    prompts.node.hidden = columns.length > 0;
    let line = "";
    if (state === "waiting") line = text.screenWaiting;
    else if (state === "forming") line = text.screenForming;
    else if (state === "running") {
      line = counted(view.groups.length, "groupsOne", "groupsMany") + " · " + counted(view.cards, "cardsOne", "cardsMany");
    } else if (state === "ended") line = text.screenEnded;
    setText(status, line);
  }

  return follow(paint, clock, (next) => { item = next; });
}

// -- the kind ---------------------------------------------------------------------

function render(container, item, ctx) {
  shownItemId = item.id;
  // A breakout that became current through item_opened came without its round: ask for it.
  if (fresh !== item.id) refresh(item.id);
  let view;
  if (f.role === "participant") view = participantView(container, item);
  else if (f.role === "presenter" || f.role === "moderator") view = presenterView(container, item, ctx || {});
  else view = screenView(container, item);
  return {
    update: view.update,
    destroy() {
      if (shownItemId === item.id) shownItemId = null;
      view.destroy();
    },
  };
}
f.registerKind("breakout", { render });
