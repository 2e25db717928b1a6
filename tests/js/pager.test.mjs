// The big screen's paging arithmetic (static/js/components/pager.js): rows, pages, the next
// page, the page line, the title's font step.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  PAGE_SECONDS, clampPage, fittingStep, nextPage, pageFigures, paginate, rowsOf,
} from "../../static/js/components/pager.js";

/** `count` boxes of `height` stacked with `gap`, `columns` side by side. */
function grid(count, height, gap, columns = 1) {
  return Array.from({ length: count }, (_, index) => {
    const top = Math.floor(index / columns) * (height + gap);
    return { top, bottom: top + height };
  });
}

test("entries side by side are one row", () => {
  assert.deepEqual(rowsOf(grid(5, 100, 10, 2)), [
    { start: 0, end: 2, top: 0, bottom: 100 },
    { start: 2, end: 4, top: 110, bottom: 210 },
    { start: 4, end: 5, top: 220, bottom: 320 },
  ]);
});

test("a row is as tall as its tallest entry", () => {
  const rows = rowsOf([{ top: 0, bottom: 80 }, { top: 0, bottom: 140 }, { top: 150, bottom: 200 }]);
  assert.deepEqual(rows.map((row) => row.bottom), [140, 200]);
});

test("everything on one page when it fits", () => {
  assert.deepEqual(paginate(grid(6, 100, 10), 700), [{ start: 0, end: 6 }]);
});

test("a list exactly as tall as the room is one page", () => {
  assert.deepEqual(paginate(grid(3, 100, 10), 320), [{ start: 0, end: 3 }]);
  assert.deepEqual(paginate(grid(3, 100, 10), 319), [{ start: 0, end: 2 }, { start: 2, end: 3 }]);
});

test("34 answers in three columns split into pages by whole rows", () => {
  // 12 rows of 90 px with 18 px gaps in 560 px: 5 rows (522 px) a page.
  const pages = paginate(grid(34, 90, 18, 3), 560);
  assert.deepEqual(pages, [{ start: 0, end: 15 }, { start: 15, end: 30 }, { start: 30, end: 34 }]);
  pages.forEach((page) => assert.equal(page.start % 3, 0));
});

test("a row taller than the room is a page of its own", () => {
  const boxes = [{ top: 0, bottom: 50 }, { top: 60, bottom: 900 }, { top: 910, bottom: 960 }];
  assert.deepEqual(paginate(boxes, 300), [{ start: 0, end: 1 }, { start: 1, end: 2 }, { start: 2, end: 3 }]);
});

test("no entries: one empty page", () => {
  assert.deepEqual(paginate([], 500), [{ start: 0, end: 0 }]);
});

test("the next page wraps around and a single page stays", () => {
  assert.equal(nextPage(0, 3), 1);
  assert.equal(nextPage(2, 3), 0);
  assert.equal(nextPage(0, 1), 0);
  assert.equal(nextPage(5, 3), 0);
});

test("a page beyond a shrunk list becomes its last page", () => {
  assert.equal(clampPage(4, 2), 1);
  assert.equal(clampPage(-1, 2), 0);
  assert.equal(clampPage(3, 0), 0);
});

test("the page indicator's figures, none for a single page", () => {
  assert.deepEqual(pageFigures(0, 3), { page: 1, pages: 3 });
  assert.deepEqual(pageFigures(7, 3), { page: 3, pages: 3 });
  assert.equal(pageFigures(0, 1), null);
});

test("a page stays long enough to be read", () => {
  assert.ok(PAGE_SECONDS >= 8 && PAGE_SECONDS <= 10);
});

test("the title takes the largest font step that fits", () => {
  const lines = (step) => (step > 0.8 ? 3 : step > 0.6 ? 2 : 1) * 60 * step;
  assert.equal(fittingStep([1, 0.85, 0.72, 0.6], 100, lines), 0.72);
  assert.equal(fittingStep([1, 0.85], 10, lines), 0.85);
  assert.equal(fittingStep([1, 0.85], 500, lines), 1);
});
