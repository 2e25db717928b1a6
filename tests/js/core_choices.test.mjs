// The pure parts of the choice input (static/js/components/choices.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerOf, picksOf } from "../../static/js/components/choices.js";

test("picksOf turns an answer into the list of picked values", () => {
  assert.deepEqual(picksOf(["a", "b"]), ["a", "b"]);
  assert.deepEqual(picksOf("a"), ["a"]);
  assert.deepEqual(picksOf(null), []);
  assert.deepEqual(picksOf(undefined), []);
  assert.deepEqual(picksOf(3), []);
});

test("answerOf sends a list when several may be picked, else the one value", () => {
  assert.deepEqual(answerOf(["a", "b"], true), ["a", "b"]);
  assert.deepEqual(answerOf(["a"], true), ["a"]);
  assert.equal(answerOf(["a"], false), "a");
});
