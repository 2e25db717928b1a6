// The breakout countdown's arithmetic (static/js/breakout/clock.js): the time left is the
// round's end minus the server's time, i.e. this device's time corrected by its offset.
import assert from "node:assert/strict";
import { test } from "node:test";

import { crossed, phase, remaining, untilNextSecond } from "../../static/js/breakout/clock.js";

const ENDS_AT = 1_700_000_600_000;
const running = { status: "running", ends_at: ENDS_AT };

test("the time left comes from the server's clock, not the device's", () => {
  const local = ENDS_AT - 10 * 60000; // the device thinks ten minutes are left
  const offset = 30_000; // but its clock is 30 s behind the server's
  assert.equal(remaining(running, local + offset), 10 * 60000 - 30_000);
  const ahead = ENDS_AT - 10 * 60000 + 5_000; // another device runs 5 s ahead
  assert.equal(remaining(running, ahead - 5_000), 10 * 60000);
});

test("a device that slept a while shows the right time at once", () => {
  const offset = -1_500;
  const before = remaining(running, ENDS_AT - 300_000 + offset);
  const afterSleep = remaining(running, ENDS_AT - 60_000 + offset);
  assert.equal(before - afterSleep, 240_000);
});

test("no time left while the round is not running or has no end", () => {
  assert.equal(remaining(null, ENDS_AT), null);
  assert.equal(remaining({ status: "forming", ends_at: ENDS_AT }, ENDS_AT - 1000), null);
  assert.equal(remaining({ status: "ended", ends_at: ENDS_AT }, ENDS_AT - 1000), null);
  assert.equal(remaining({ status: "running", ends_at: null }, ENDS_AT), null);
});

test("past the end the time left is negative and the clock says time is up", () => {
  assert.equal(remaining(running, ENDS_AT + 2_000), -2_000);
  assert.deepEqual(phase(-2_000), { over: true, soon: false });
  assert.deepEqual(phase(0), { over: true, soon: false });
  assert.deepEqual(phase(60_000), { over: false, soon: true });
  assert.deepEqual(phase(60_001), { over: false, soon: false });
});

test("the next tick comes when the shown (rounded) second changes", () => {
  // 90.4 s shows 1:30; it shows 1:29 once less than 89.5 s are left: in 900 ms (+20).
  assert.equal(untilNextSecond(90_400), 920);
  assert.equal(untilNextSecond(90_500), 20);
  assert.equal(untilNextSecond(90_501), 21);
  assert.equal(untilNextSecond(300), 820);
  assert.equal(untilNextSecond(-700), 820);
});

test("milestones are announced once, when crossed", () => {
  assert.deepEqual(crossed(null, 299_000), []);
  assert.deepEqual(crossed(300_400, 299_400), ["fiveMinutes"]);
  assert.deepEqual(crossed(299_400, 298_400), []);
  assert.deepEqual(crossed(60_500, 59_500), ["oneMinute"]);
  assert.deepEqual(crossed(500, -500), ["timeUp"]);
  assert.deepEqual(crossed(400_000, 30_000), ["fiveMinutes", "oneMinute"]);
  assert.deepEqual(crossed(-500, -1_500), []);
});
