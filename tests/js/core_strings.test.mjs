// Pure string helpers of static/js/core/strings.js: placeholders, numbers, character counts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { counterState, format, number, setStrings, t, textLength } from "../../static/js/core/strings.js";

test("format fills every occurrence of each placeholder", () => {
  assert.equal(format("{count} of {limit}, {count}!", { count: 3, limit: 10 }), "3 of 10, 3!");
});

test("format leaves unknown placeholders and copes with missing text", () => {
  assert.equal(format("{a} {b}", { a: "x" }), "x {b}");
  assert.equal(format(undefined, { a: 1 }), "");
  assert.equal(format("plain"), "plain");
});

test("format does not treat replacement text as a pattern", () => {
  assert.equal(format("{name}", { name: "$& {name} $1" }), "$& {name} $1");
});

test("t uses the page's strings and falls back to the key", () => {
  setStrings({ votes_many: "{count} Stimmen" });
  assert.equal(t("votes_many", { count: 5 }), "5 Stimmen");
  assert.equal(t("missing_key"), "missing_key");
  setStrings({});
});

test("number formats in German with decimal comma and thousands dots", () => {
  assert.equal(number(1234.5, 1, "de"), "1.234,5");
  assert.equal(number(1234567, 0, "de"), "1.234.567");
  assert.equal(number(2.25, 1, "de"), "2,3");
});

test("number formats in English and rounds to whole numbers by default", () => {
  assert.equal(number(1234.5, 1, "en"), "1,234.5");
  assert.equal(number(1234.4, undefined, "en"), "1,234");
  assert.equal(number("7", 2, "en"), "7.00");
});

test("textLength counts code points, so an emoji is one character", () => {
  assert.equal(textLength("abc"), 3);
  assert.equal(textLength("👍"), 1);
  assert.equal(textLength("Grüße 🎉🎉"), 8);
  assert.equal(textLength(""), 0);
  assert.equal(textLength(null), 0);
});

test("counterState says when the text is near or over the limit", () => {
  const strings = { counter: "{count} / {limit}", overLimit: "{count} too many", counterLabel: "{count} of {limit}" };
  assert.deepEqual(counterState("hello", 100, strings),
    { count: 5, shown: "5 / 100", spoken: "5 of 100", over: false, near: false });
  assert.equal(counterState("x".repeat(91), 100, strings).near, true);
  const over = counterState("🎉".repeat(12), 10, strings);
  assert.equal(over.over, true);
  assert.equal(over.near, false);
  assert.equal(over.spoken, "2 too many");
});
