// The presenter's preview of group sizes (static/js/breakout/sizes.js) against the examples
// the Python test of sizes_for reads too (tests/cases/group_sizes.json).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { balanced, groupCountForSize, sizesFor } from "../../static/js/breakout/sizes.js";

const { cases } = JSON.parse(readFileSync(new URL("../cases/group_sizes.json", import.meta.url), "utf8"));

test("the examples cover both modes", () => {
  assert.ok(cases.filter((each) => each.mode === "size").length >= 13);
  assert.ok(cases.some((each) => each.mode === "count"));
});

for (const { people, mode, size, count, sizes } of cases) {
  test(`${people} people by ${mode} ${size ?? count}: ${sizes.join(", ")}`, () => {
    assert.deepEqual(sizesFor(people, mode, size, count), sizes);
  });
}

test("balanced sizes put the larger groups first", () => {
  assert.deepEqual(balanced(7, 3), [3, 2, 2]);
  assert.deepEqual(balanced(8, 3), [3, 3, 2]);
  assert.deepEqual(balanced(0, 2), [0, 0]);
});

test("nobody sits alone when groups are formed by size", () => {
  for (let people = 2; people <= 60; people += 1) {
    for (let size = 2; size <= 8; size += 1) {
      const sizes = balanced(people, groupCountForSize(people, size));
      assert.equal(sizes.reduce((sum, each) => sum + each, 0), people);
      assert.ok(Math.min(...sizes) >= 2, `${people} people, size ${size}: ${sizes}`);
    }
  }
});
