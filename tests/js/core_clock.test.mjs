// The server clock estimate of static/js/core/clock.js, driven by a fake device clock.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createClock, formatDuration } from "../../static/js/core/clock.js";

function fakeDevice(start) {
  const device = { time: start, now: () => device.time };
  return device;
}

test("before any measurement the server time is the device's", () => {
  const device = fakeDevice(1000);
  const clock = createClock(device.now);
  assert.equal(clock.serverNow(), 1000);
  assert.equal(clock.precision(), Infinity);
});

test("a round trip measures the offset as of its midpoint", () => {
  const device = fakeDevice(10_000);
  const clock = createClock(device.now);
  const sentAt = device.time;
  device.time += 200; // the ack arrives 200 ms later
  clock.sync(60_000, sentAt); // the server's time when it answered, halfway
  assert.equal(clock.offset(), 60_000 - 10_100);
  assert.equal(clock.precision(), 200);
  device.time += 1000;
  assert.equal(clock.serverNow(), 61_100);
});

test("facts without a round trip set a rough offset until there is a measurement", () => {
  const device = fakeDevice(5000);
  const clock = createClock(device.now);
  clock.sync(8000);
  assert.equal(clock.offset(), 3000);
  clock.sync(9000); // still no round trip: the newer rough estimate replaces the older
  assert.equal(clock.offset(), 4000);
  assert.equal(clock.precision(), Infinity);
});

test("a measured offset is kept against later facts without a round trip", () => {
  const device = fakeDevice(0);
  const clock = createClock(device.now);
  device.time = 40;
  clock.sync(1020, 0);
  assert.equal(clock.offset(), 1000);
  device.time = 5000;
  clock.sync(9999); // a fact's server_time, delayed in transit: not better than the round trip
  assert.equal(clock.offset(), 1000);
  assert.equal(clock.precision(), 40);
});

test("a new round trip replaces the previous measurement", () => {
  const device = fakeDevice(0);
  const clock = createClock(device.now);
  device.time = 100;
  clock.sync(1050, 0);
  device.time = 1000;
  clock.sync(3010, 980);
  assert.equal(clock.offset(), 2020);
  assert.equal(clock.precision(), 20);
});

test("sync ignores a missing server time", () => {
  const clock = createClock(() => 0);
  clock.sync(undefined, 0);
  clock.sync("12", 0);
  assert.equal(clock.offset(), 0);
  assert.equal(clock.precision(), Infinity);
});

test("formatDuration shows m:ss and h:mm:ss, rounding to seconds and never negative", () => {
  assert.equal(formatDuration(0), "0:00");
  assert.equal(formatDuration(65_000), "1:05");
  assert.equal(formatDuration(59_499), "0:59");
  assert.equal(formatDuration(59_500), "1:00");
  assert.equal(formatDuration(10 * 60_000), "10:00");
  assert.equal(formatDuration(3_600_000 + 5 * 60_000 + 7000), "1:05:07");
  assert.equal(formatDuration(-5000), "0:00");
});
