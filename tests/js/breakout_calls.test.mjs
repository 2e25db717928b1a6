// The groups' calls for the facilitator: the arithmetic (static/js/breakout/calls.js) and the store.
import assert from "node:assert/strict";
import { test } from "node:test";

import { arrivals, oldestFirst, shownAnswer, waited } from "../../static/js/breakout/calls.js";
import { createStore } from "../../static/js/breakout/store.js";
import { fakeConnection } from "./breakout_fakes.mjs";

const ONE = { id: "c1", group_id: "g1", group: 1, called_at: 1_000_000, answer: "", answered_at: null };
const TWO = { id: "c2", group_id: "g2", group: 2, called_at: 1_030_000, answer: "", answered_at: null };

test("the time waited counts from the call on the server's clock, never below zero", () => {
  assert.equal(waited(ONE, 1_075_000), 75_000);
  assert.equal(waited(ONE, 999_000), 0, "a device clock a little behind shows 0:00, not a minus");
});

test("only calls new to the queue are announced", () => {
  assert.deepEqual(arrivals(new Set(), [ONE, TWO]), [ONE, TWO]);
  assert.deepEqual(arrivals(new Set(["c1"]), [ONE, TWO]), [TWO]);
  assert.deepEqual(arrivals(new Set(["c1", "c2"]), [TWO]), []);
});

test("the queue is oldest first", () => {
  assert.deepEqual(oldestFirst([TWO, ONE]).map((call) => call.id), ["c1", "c2"]);
  const tie = Object.assign({}, ONE, { id: "c0" });
  assert.deepEqual(oldestFirst([ONE, tie]).map((call) => call.id), ["c0", "c1"]);
});

test("a group's answer is shown while the round runs", () => {
  const group = { id: "g1", call: null, answer: { text: "On my way", at: 5 } };
  assert.deepEqual(shownAnswer({ status: "running" }, group), group.answer);
  assert.equal(shownAnswer({ status: "ended" }, group), null);
  assert.equal(shownAnswer({ status: "running" }, { id: "g1", answer: null }), null);
  assert.equal(shownAnswer({ status: "running" }, null), null);
});

test("the store takes the queue from the snapshot and from help_calls of its round only", () => {
  const store = createStore({ command: fakeConnection().command });
  const heard = [];
  store.subscribe((what) => heard.push(what));
  store.applySnapshot({ breakout: { item_id: "i1", status: "running", groups: [], calls: [ONE] } });
  assert.deepEqual(store.round.calls, [ONE]);

  store.applyCalls({ item_id: "i1", calls: [ONE, TWO] });
  assert.deepEqual(store.round.calls.map((call) => call.id), ["c1", "c2"]);
  store.applyCalls({ item_id: "other", calls: [] });
  assert.equal(store.round.calls.length, 2, "another breakout's queue is not this one");
  store.applyCalls({ item_id: "i1", calls: [] });
  assert.deepEqual(store.round.calls, []);
  assert.deepEqual(heard, [{ calls: true }, { calls: true }]);

  store.adopt({ item_id: "i1", status: "running", groups: [] });
  assert.deepEqual(store.round.calls, [], "a participant's state has no queue and keeps none");
});
