// The pure geometry of the grid plot and the word cloud (static/js/kinds/*/layout.js).
import assert from "node:assert/strict";
import test from "node:test";

import { placeLabels, separate, ticks } from "../../static/js/kinds/grid/layout.js";
import { Occupied, boxAt, findSpot, wordKey } from "../../static/js/kinds/word_cloud/layout.js";

test("axis ticks keep both ends and round steps between them", () => {
  assert.deepEqual(ticks({ minimum: 1, maximum: 5 }, 6), [1, 2, 3, 4, 5]);
  assert.deepEqual(ticks({ minimum: 0, maximum: 100 }, 6), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(ticks({ minimum: 1, maximum: 10 }, 4), [1, 5, 10]);
});

test("dots at the same place are pushed apart until they just touch, inside the frame", () => {
  const size = { dot: 12, font: 16 };
  const frame = { x0: 0, x1: 400, y0: 0, y1: 300 };
  const points = [1, 2, 3].map((id) => ({ id, px: 200, py: 150 }));
  separate(points, size, frame);
  for (let i = 0; i < points.length; i += 1) {
    for (let j = i + 1; j < points.length; j += 1) {
      const gap = Math.hypot(points[i].px - points[j].px, points[i].py - points[j].py);
      assert.ok(gap >= size.dot * 2 + 2 - 0.5, `dots ${i} and ${j} overlap (${gap})`);
    }
  }
  points.forEach((p) => assert.ok(p.px >= 12 && p.px <= 388 && p.py >= 12 && p.py <= 288));
});

test("labels go beside their own dot and keep their side between updates", () => {
  const size = { dot: 12, font: 16 };
  const frame = { x0: 0, x1: 400, y0: 0, y1: 300 };
  const points = [
    { id: "a", px: 100, py: 100, short: "Pilot" },
    { id: "b", px: 390, py: 100, short: "Rollout" },
  ];
  const previous = new Map();
  placeLabels(points, frame, size, previous);
  assert.equal(points[0].label.anchor, "start", "room on the right: the label goes there");
  assert.equal(points[1].label.anchor, "end", "at the right edge: the label goes left");
  const sides = new Map(previous);
  placeLabels(points, frame, size, previous);
  assert.deepEqual(previous, sides);
});

test("a word is the same word whatever its spaces, case or Unicode form", () => {
  assert.equal(wordKey("  Angst  vor\tFehlern "), "angst vor fehlern");
  assert.equal(wordKey("Cafe\u0301"), wordKey("Café"));
  assert.equal(wordKey("Straße"), "straße");
});

test("the spiral finds the nearest free spot and never an occupied one", () => {
  const occupied = Occupied();
  const word = { boxWidth: 80, boxHeight: 20 };
  const first = findSpot(word, 0, 0, occupied, 300, 200, 1.5);
  assert.deepEqual(first, { x: 0, y: 0 });
  occupied.add(boxAt(word, first.x, first.y));
  const second = findSpot(word, 0, 0, occupied, 300, 200, 1.5);
  assert.ok(second, "there is room left");
  assert.ok(occupied.free(boxAt(word, second.x, second.y)));
  assert.equal(findSpot({ boxWidth: 900, boxHeight: 20 }, 0, 0, Occupied(), 300, 200, 1.5), null);
});
