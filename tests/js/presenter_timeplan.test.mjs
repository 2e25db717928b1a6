// The presenter's time plan: the projection of docs/protocol.md, counted on by the page.
import test from "node:test";
import assert from "node:assert/strict";
import { actualMinutes, projection, slipMinutes } from "../../static/js/presenter/timeplan.js";

const MIN = 60000;
const START = 1_800_000_000_000;

function time(overrides) {
  return Object.assign({
    start: START, planned_end: START + 60 * MIN, current_ends_at: START + 15 * MIN,
    remaining_seconds: 45 * 60, on_time_seconds: 60, late_seconds: 180,
  }, overrides);
}

test("on plan the projected end is the planned end and the item counts down", () => {
  const shown = projection(time(), START + 8 * MIN);
  assert.equal(shown.itemLeft, 7 * MIN);
  assert.equal(shown.projected, START + 60 * MIN);
  assert.equal(shown.slipMinutes, 0);
  assert.equal(shown.level, "on-time");
});

test("an overrun moves the projected end with the clock", () => {
  const shown = projection(time(), START + 19 * MIN);
  assert.equal(shown.itemLeft, -4 * MIN);
  assert.equal(shown.projected, START + 64 * MIN);
  assert.equal(shown.slipMinutes, 4);
  assert.equal(shown.level, "late");
});

test("the slip is coloured only when it matters", () => {
  assert.equal(projection(time(), START + 15 * MIN + 59000).level, "on-time");
  assert.equal(projection(time(), START + 16 * MIN).level, "behind");
  assert.equal(projection(time(), START + 18 * MIN).level, "late");
  assert.equal(projection(time({ remaining_seconds: 30 * 60 }), START + 8 * MIN).level, "ahead");
});

test("a running breakout round that ends later holds the item open", () => {
  const shown = projection(time(), START + 8 * MIN, START + 17 * MIN);
  assert.equal(shown.itemLeft, 9 * MIN);
  assert.equal(shown.slipMinutes, 2);
});

test("in the lobby and before the start, the plan counts from now or the planned start", () => {
  assert.equal(projection(time({ current_ends_at: null }), START + 20 * MIN).projected, START + 65 * MIN);
  const early = projection(time({ current_ends_at: null, remaining_seconds: 3600 }), START - 10 * MIN);
  assert.equal(early.projected, START + 60 * MIN);
  assert.equal(early.itemLeft, null);
  const unplanned = projection(time({ start: null, current_ends_at: null, remaining_seconds: 600 }), START);
  assert.equal(unplanned.projected, START + 10 * MIN);
});

test("minutes are rounded half away from zero, as on the server", () => {
  assert.deepEqual([29000, 30000, 269000, 270000, -30000, -29000, 0].map(slipMinutes), [0, 1, 4, 5, -1, 0, 0]);
});

test("an item shows its actual minutes once it was shown", () => {
  assert.equal(actualMinutes({ started: false, spent_seconds: 0 }), null);
  assert.equal(actualMinutes({ started: true, spent_seconds: 9 * 60 + 20 }), 9);
});
