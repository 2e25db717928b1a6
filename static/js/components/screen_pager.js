/* The big screen never scrolls: long lists (open text answers, harvested cards, questions)
 * show as many rows as fit below what is above them, and page through the rest on their
 * own every PAGE_SECONDS or when the presenter turns the page (`turn_screen_page` →
 * `screen_page_turned`), with a "page 1 of 3" line. Several lists side by side (the
 * harvest's prompts) turn together. The arithmetic is in pager.js. */
import f from "../app.js";
import { PAGE_SECONDS, clampPage, fittingStep, nextPage, pageFigures, paginate } from "./pager.js";

const OFF_PAGE = "off-page";
// What a page leaves free at the bottom of the window, in rem: the page line and air.
const BOTTOM_REM = 3.4;
const TITLE_STEPS = [1, 0.88, 0.76, 0.66, 0.56];
const TEXT_STEPS = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.42];
const ZOOM_STEPS = [1, 0.92, 0.84, 0.76, 0.68, 0.6, 0.52, 0.45];
const pagers = new Set();

// The presenter's key: every pager of the named item turns to its next page.
f.listen("screen_page_turned", (payload) => {
  pagers.forEach((pager) => pager.turnedFor(payload && payload.item_id));
});

function rem() {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/** The height `node` may take: the window below its top, less what follows it on the page. */
export function room(node) {
  const main = node.closest("main") || document.body;
  const below = main.getBoundingClientRect().bottom - node.getBoundingClientRect().bottom;
  const free = window.innerHeight - node.getBoundingClientRect().top;
  return free - Math.max(below, BOTTOM_REM * rem());
}

/** Where each child of `list` is, from the list's top (all children laid out). */
function boxesOf(list) {
  const top = list.getBoundingClientRect().top;
  return Array.from(list.children).map((child) => {
    const box = child.getBoundingClientRect();
    return { top: box.top - top, bottom: box.bottom - top };
  });
}

/**
 * Page the children of the lists `lists()` returns (called on every `refresh`, so lists
 * may come and go) for item `itemId`. Returns `{node, refresh(), turn(), destroy()}`:
 * `node` is the page line for the caller to place; call `refresh()` after every repaint.
 */
export function screenPager(itemId, lists) {
  const node = f.el("p", { className: "screen-pager", hidden: true });
  const label = f.el("span", { className: "screen-pager-label" });
  const progress = f.el("span", { className: "screen-pager-progress", "aria-hidden": "true" });
  node.append(label, progress);
  let page = 0;
  let count = 1;
  let layouts = [];
  let timer = null;

  /** Lay every child out, measure, split into pages, show the current one. */
  function refresh() {
    const current = lists().filter((list) => list && list.isConnected);
    current.forEach((list) => Array.from(list.children).forEach((child) => child.classList.remove(OFF_PAGE)));
    layouts = current.map((list) => ({ list, pages: paginate(boxesOf(list), room(list)) }));
    count = Math.max(1, ...layouts.map((layout) => layout.pages.length));
    page = clampPage(page, count);
    show();
    restart();
  }

  function show() {
    layouts.forEach(({ list, pages }) => {
      const shown = pages[page % pages.length];
      Array.from(list.children).forEach((child, index) => {
        child.classList.toggle(OFF_PAGE, index < shown.start || index >= shown.end);
      });
    });
    const figures = pageFigures(page, count);
    node.hidden = !figures;
    if (figures) label.textContent = f.t("screen_page", figures);
    node.dataset.page = String(page + 1);
    node.dataset.pages = String(count);
  }

  function restart() {
    if (count <= 1) {
      if (timer) window.clearInterval(timer);
      timer = null;
      progress.classList.remove("running");
      return;
    }
    if (timer) return;
    timer = window.setInterval(turn, PAGE_SECONDS * 1000);
    progress.style.animationDuration = PAGE_SECONDS + "s";
    progress.classList.add("running");
  }

  /** The next page (after the last, the first). */
  function turn() {
    page = nextPage(page, count);
    show();
    // The bar starts again with every page.
    progress.classList.remove("running");
    void progress.offsetWidth;
    progress.classList.add("running");
  }

  const pager = {
    node,
    refresh,
    turn,
    turnedFor(id) {
      if (id !== itemId || count <= 1) return;
      if (timer) window.clearInterval(timer);
      timer = null;
      turn();
      restart();
    },
    destroy() {
      if (timer) window.clearInterval(timer);
      window.removeEventListener("resize", refresh);
      pagers.delete(pager);
    },
  };
  window.addEventListener("resize", refresh);
  pagers.add(pager);
  return pager;
}

/**
 * Shrink `heading`'s font in steps until it takes at most `lines` lines of its full size
 * (long titles on the big screen); the full size again when the text is short.
 */
export function fitTitle(heading, lines) {
  heading.style.fontSize = "";
  if (!heading.isConnected) return;
  const full = parseFloat(getComputedStyle(heading).fontSize);
  const lineHeight = parseFloat(getComputedStyle(heading).lineHeight) || full * 1.2;
  const step = fittingStep(TITLE_STEPS, lines * lineHeight + 1, (scale) => {
    heading.style.fontSize = full * scale + "px";
    return heading.getBoundingClientRect().height;
  });
  heading.style.fontSize = step === 1 ? "" : full * step + "px";
}

/**
 * Shrink the text of `node` (a content card's body) in steps until it fits the window
 * below its top, on every resize too; returns `{refresh, destroy}`.
 */
export function fitToRoom(node) {
  function refresh() {
    node.style.fontSize = "";
    if (!node.isConnected) return;
    const full = parseFloat(getComputedStyle(node).fontSize);
    const free = room(node);
    const step = fittingStep(TEXT_STEPS, free, (scale) => {
      node.style.fontSize = full * scale + "px";
      return node.getBoundingClientRect().height;
    });
    node.style.fontSize = step === 1 ? "" : full * step + "px";
  }
  refresh();
  window.addEventListener("resize", refresh);
  return {
    refresh,
    destroy() {
      window.removeEventListener("resize", refresh);
    },
  };
}

/**
 * Scale `node` (a view that is not a paged list: bars, a scale, a chart) down in steps
 * with CSS zoom until it fits the window below its top; returns the step taken.
 */
export function zoomToRoom(node) {
  node.style.zoom = "";
  if (!node.isConnected) return 1;
  const free = room(node);
  const step = fittingStep(ZOOM_STEPS, free, (scale) => {
    node.style.zoom = String(scale);
    return node.getBoundingClientRect().height;
  });
  node.style.zoom = step === 1 ? "" : String(step);
  return step;
}
