// The breakout round store (static/js/breakout/store.js): a snapshot, then the facts.
import assert from "node:assert/strict";
import { test } from "node:test";

import { createStore } from "../../static/js/breakout/store.js";
import { fakeConnection } from "./breakout_fakes.mjs";

function aStore() {
  const connection = fakeConnection();
  const statuses = [];
  const store = createStore({ command: connection.command, statusChanged: (before) => statuses.push(before) });
  const heard = [];
  store.subscribe((what) => heard.push(what));
  return { store, connection, statuses, heard };
}

const SNAPSHOT = {
  presence: { online: 7 },
  breakout: {
    item_id: "i1",
    status: "forming",
    duration: 10,
    message: "",
    groups: [{ id: "g1", number: 1, size: 4 }, { id: "g2", number: 2, size: 3 }],
    group_details: [{ id: "g1", members: [], cards: [] }, { id: "g2", members: [], cards: [] }],
    harvest: [],
    previous: [{ item_id: "i0", title: "Earlier" }],
    video_link: "https://meet.example.org/{group}",
  },
};

test("a snapshot, then a change: the round moves on and keeps what the change left out", () => {
  const { store, statuses, heard } = aStore();
  store.applySnapshot(structuredClone(SNAPSHOT));

  assert.equal(store.round.itemId, "i1");
  assert.equal(store.round.online, 7);
  assert.equal(store.round.view.status, "forming");
  assert.deepEqual([...store.round.details.keys()], ["g1", "g2"]);
  assert.equal(store.round.videoLink, "https://meet.example.org/{group}");
  assert.deepEqual(store.round.previous, [{ item_id: "i0", title: "Earlier" }]);
  assert.deepEqual(statuses, [null], "the first state of this round had no status before");
  assert.deepEqual(heard, [], "the page notifies once it handled the whole snapshot");

  store.applyChange({ item_id: "i1", status: "running", ends_at: 1_000_000, groups: [{ id: "g1", number: 1, size: 7 }] });

  assert.equal(store.round.view.status, "running");
  assert.equal(store.round.view.ends_at, 1_000_000);
  assert.equal(store.round.view.duration, 10, "fields the change does not name stay");
  assert.deepEqual(store.round.view.groups, [{ id: "g1", number: 1, size: 7 }]);
  assert.deepEqual([...store.round.details.keys()], ["g1"], "a group that is gone loses its detail");
  assert.deepEqual(statuses, [null, "forming"]);
  assert.deepEqual(heard, [{ round: true }]);
  assert.equal(store.roundOf("i1"), store.round.view);
  assert.equal(store.roundOf("i2"), null);
});

test("the same round again after a reconnect: statusChanged hears the status it had", () => {
  const { store, statuses } = aStore();
  store.applySnapshot(structuredClone(SNAPSHOT));
  const again = structuredClone(SNAPSHOT);
  again.breakout.status = "ended";
  store.applySnapshot(again);
  assert.deepEqual(statuses, [null, "forming"]);
  assert.equal(store.round.view.status, "ended");
});

test("facts of another breakout change nothing", () => {
  const { store, heard, connection } = aStore();
  store.applySnapshot(structuredClone(SNAPSHOT));
  const before = store.round.view;
  store.applyChange({ item_id: "other", status: "running", groups: [] });
  store.applyGroup({ item_id: "other", group: { id: "g9" } });
  store.applyGroups({ item_id: "other", groups: [{ id: "g9" }] });
  store.applyHarvest({ item_id: "other", harvest: [{ id: "c1" }] });
  store.applyChange(null);
  assert.equal(store.round.view, before);
  assert.equal(store.round.myGroup, null);
  assert.deepEqual([...store.round.details.keys()], ["g1", "g2"]);
  assert.deepEqual(store.round.harvest, []);
  assert.deepEqual(heard, []);
  assert.deepEqual(connection.sent, []);
});

test("the participant's group, the presenter's groups and the harvest", () => {
  const { store, heard } = aStore();
  store.applySnapshot(structuredClone(SNAPSHOT));
  store.applyGroup({ item_id: "i1", group: { id: "g1", cards: [] } });
  store.applyGroups({ item_id: "i1", groups: [{ id: "g2", members: [{ number: 3 }], cards: [] }] });
  store.applyHarvest({ item_id: "i1", harvest: [{ id: "c1", prompt_id: "why" }] });
  store.applyPresence({ online: 9 });
  assert.deepEqual(store.round.myGroup, { id: "g1", cards: [] });
  assert.deepEqual(store.round.details.get("g2").members, [{ number: 3 }]);
  assert.deepEqual(store.round.harvest, [{ id: "c1", prompt_id: "why" }]);
  assert.equal(store.round.online, 9);
  assert.deepEqual(heard, [{ group: true }, { groups: true }, { harvest: true }, { presence: true }]);
});

test("a change of the breakout shown, not yet known, asks for its round once", async () => {
  const { store, connection, heard } = aStore();
  store.applySnapshot(structuredClone(SNAPSHOT));
  store.shownItemId = "i2";
  store.applyChange({ item_id: "i2", status: "forming" });
  store.applyChange({ item_id: "i2", status: "forming" });
  assert.deepEqual(connection.sent, [{ event: "get_breakout", payload: { item_id: "i2" } }]);

  await connection.answer({ ok: true, breakout: { item_id: "i2", status: "forming", groups: [], my_group: null } });
  assert.equal(store.round.itemId, "i2");
  assert.equal(store.round.view.status, "forming");
  assert.deepEqual(heard, [{ all: true }]);

  store.refresh("i2");
  assert.equal(connection.sent.length, 2, "once answered, it may ask again");
});

test("a refused get_breakout or one for another breakout leaves the round alone", async () => {
  const { store, connection } = aStore();
  store.applySnapshot(structuredClone(SNAPSHOT));
  store.refresh("i2");
  await connection.answer({ ok: false, error: { code: "not_found", message: "…" } });
  store.refresh("i3");
  await connection.answer({ ok: true, breakout: { item_id: "i4", status: "running" } });
  assert.equal(store.round.itemId, "i1");
  assert.equal(store.round.view.status, "forming");
});
