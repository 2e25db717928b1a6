/* The big screen's paging arithmetic: which of a list's rows fit the room left on the
 * screen, how the list splits into pages (in the list's own order: newest answers, top
 * questions first), which page comes next, the title's font step. Pure: boxes in, pages
 * out; screen_pager.js measures and hides. Tested by tests/js/pager.test.mjs. */

/** Seconds one page stays on the big screen before the next one comes on its own. */
export const PAGE_SECONDS = 9;

/**
 * The rows of a laid-out list: `boxes` are its entries in layout order, each
 * `{top, bottom}` in pixels from the list's top. Entries side by side (same `top`, e.g.
 * in a grid) are one row. Returns rows as `{start, end, top, bottom}` (`end` exclusive).
 */
export function rowsOf(boxes) {
  const rows = [];
  boxes.forEach((box, index) => {
    const last = rows[rows.length - 1];
    if (last && Math.abs(box.top - last.top) < 1) {
      last.end = index + 1;
      last.bottom = Math.max(last.bottom, box.bottom);
    } else {
      rows.push({ start: index, end: index + 1, top: box.top, bottom: box.bottom });
    }
  });
  return rows;
}

/**
 * Split the entries into pages of at most `room` pixels, breaking only between rows so
 * that a page laid out alone keeps its rows as they were. A row taller than `room` is a
 * page of its own. Returns `[{start, end}]` (`end` exclusive); no entries: one empty page.
 */
export function paginate(boxes, room) {
  const pages = [];
  let page = null;
  rowsOf(boxes).forEach((row) => {
    if (page && row.bottom - page.top <= room) {
      page.end = row.end;
      return;
    }
    page = { start: row.start, end: row.end, top: row.top };
    pages.push(page);
  });
  if (!pages.length) return [{ start: 0, end: 0 }];
  return pages.map((each) => ({ start: each.start, end: each.end }));
}

/** `page` kept within `count` pages (the list shrank: the last page instead). */
export function clampPage(page, count) {
  if (count <= 0) return 0;
  return Math.min(Math.max(0, page), count - 1);
}

/** The page after `page` of `count`: after the last comes the first again. */
export function nextPage(page, count) {
  if (count <= 1) return 0;
  return (clampPage(page, count) + 1) % count;
}

/** The "page 1 of 3" figures for `page` of `count`, or null when one page holds all. */
export function pageFigures(page, count) {
  if (count <= 1) return null;
  return { page: clampPage(page, count) + 1, pages: count };
}

/**
 * Font-size steps for a title: the largest of `steps` (scale factors, largest first) at
 * which `measure(step)` (the height the text then takes) is at most `room`; the smallest
 * step when none fits.
 */
export function fittingStep(steps, room, measure) {
  for (const step of steps) {
    if (measure(step) <= room) return step;
  }
  return steps[steps.length - 1];
}
