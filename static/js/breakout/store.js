/* The round as this page knows it: fed by snapshots, get_breakout and the breakout facts
 * (docs/protocol.md); views subscribe and repaint. Pure: the connection comes in as
 * `command(event, payload)` (a promise of the ack), so node can test it. */

/**
 * A store for one page. `command` sends a command; `statusChanged(before)` hears every
 * adopted state or change of the round with the status it had before.
 */
export function createStore({ command, statusChanged = () => {} }) {
  const round = {
    itemId: null,
    view: null, // RoundView: status, clock, message, groups (sizes), cards
    myGroup: null, // participants: GroupView or null
    note: "", // participants: the stored private note
    details: new Map(), // presenter: group id -> ModeratorGroupView
    harvest: [], // presenter and screen
    previous: [], // presenter: earlier breakouts with groups
    videoLink: "", // presenter: the workshop's link template
    calls: [], // presenter and moderator: the groups' open calls for help, oldest first
    online: 0, // presenter: participants online now
  };
  const subscribers = new Set();
  let fetching = null;

  const store = {
    round,
    shownItemId: null, // the breakout a view shows now

    /** Hear every change: `fn(what)`, `what` naming what changed ({all}, {round}, {cards}, …). */
    subscribe(fn) {
      subscribers.add(fn);
    },
    unsubscribe(fn) {
      subscribers.delete(fn);
    },
    notify(what) {
      subscribers.forEach((subscriber) => subscriber(what || {}));
    },

    /** The round of `itemId` if this page knows it (not a stale one of another breakout). */
    roundOf(itemId) {
      return round.view && round.view.item_id === itemId ? round.view : null;
    },

    /** Take a breakout state (snapshot part or get_breakout's) as the round. */
    adopt(part) {
      const before = round.itemId === part.item_id && round.view ? round.view.status : null;
      round.itemId = part.item_id;
      round.view = part;
      if ("my_group" in part) round.myGroup = part.my_group || null;
      if ("note" in part) round.note = part.note || "";
      if (part.group_details) round.details = new Map(part.group_details.map((group) => [group.id, group]));
      if (part.harvest) round.harvest = part.harvest;
      if (part.previous) round.previous = part.previous;
      if ("video_link" in part) round.videoLink = part.video_link || "";
      if ("calls" in part) round.calls = part.calls || [];
      statusChanged(before);
    },

    /** Ask for the breakout's state (get_breakout) when it became current after the snapshot. */
    refresh(itemId) {
      if (fetching === itemId) return Promise.resolve();
      fetching = itemId;
      return command("get_breakout", { item_id: itemId }).then((ack) => {
        if (fetching === itemId) fetching = null;
        if (!ack || !ack.ok) return;
        const part = ack.breakout;
        if (part && part.item_id === itemId) {
          store.adopt(part);
          store.notify({ all: true });
        }
      });
    },

    /** The breakout parts of a snapshot (after every (re)connect); the caller notifies. */
    applySnapshot(snapshot) {
      if (snapshot.presence) round.online = snapshot.presence.online;
      if (snapshot.breakout) {
        store.adopt(snapshot.breakout);
        fetching = null;
      }
    },

    /** presence: how many participants are online. */
    applyPresence(payload) {
      if (!payload) return;
      round.online = payload.online;
      store.notify({ presence: true });
    },

    /** breakout_changed: status, clock, message or groups of a round moved. */
    applyChange(payload) {
      if (!payload || payload.item_id !== round.itemId) {
        if (payload && payload.item_id === store.shownItemId) store.refresh(store.shownItemId);
        return;
      }
      const before = round.view ? round.view.status : null;
      round.view = Object.assign({}, round.view, payload);
      const ids = new Set((payload.groups || []).map((group) => group.id));
      Array.from(round.details.keys()).forEach((id) => {
        if (!ids.has(id)) round.details.delete(id);
      });
      statusChanged(before);
      store.notify({ round: true });
    },

    /** group_changed: the participant's own group (members, cards). */
    applyGroup(payload) {
      if (!payload || payload.item_id !== round.itemId) return;
      round.myGroup = payload.group || null;
      store.notify({ group: true });
    },

    /** breakout_groups: the presenter's detail of the groups that changed. */
    applyGroups(payload) {
      if (!payload || payload.item_id !== round.itemId) return;
      (payload.groups || []).forEach((group) => round.details.set(group.id, group));
      store.notify({ groups: true });
    },

    /** help_calls: the whole queue of the groups' open calls (presenter, moderator). */
    applyCalls(payload) {
      if (!payload || payload.item_id !== round.itemId) return;
      round.calls = payload.calls || [];
      store.notify({ calls: true });
    },

    /** harvest_changed: the cards picked for the big screen. */
    applyHarvest(payload) {
      if (!payload || payload.item_id !== round.itemId) return;
      round.harvest = payload.harvest || [];
      store.notify({ harvest: true });
    },
  };
  return store;
}
