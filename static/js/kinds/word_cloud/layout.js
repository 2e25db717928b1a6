/* The word cloud's pure parts (no DOM, so node can test them): what makes two entries the
 * same word, and where a word fits — a coarse grid of placed boxes and a spiral search. */

const GRID = 48;

/** What makes two entries the same word (as on the server: NFC, spaces, case; ß stays ß). */
export function wordKey(text) {
  return tidy(text).toLowerCase();
}

export function tidy(text) {
  return String(text).normalize("NFC").trim().split(/\s+/).join(" ");
}

export function characters(text) {
  return Array.from(text).length;
}

export function hash(text) {
  let value = 0;
  for (let i = 0; i < text.length; i += 1) value = (value * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(value);
}

/** Rectangles already placed, found through a coarse grid so each check stays cheap. */
export function Occupied() {
  const cells = new Map();
  function each(box, action) {
    for (let gx = Math.floor(box.left / GRID); gx <= Math.floor(box.right / GRID); gx += 1) {
      for (let gy = Math.floor(box.top / GRID); gy <= Math.floor(box.bottom / GRID); gy += 1) {
        if (action(gx + ":" + gy) === false) return false;
      }
    }
    return true;
  }
  return {
    free(box) {
      return each(box, (cell) => {
        const boxes = cells.get(cell);
        return !boxes || boxes.every((other) => box.right <= other.left || box.left >= other.right
          || box.bottom <= other.top || box.top >= other.bottom);
      });
    },
    add(box) {
      each(box, (cell) => {
        if (!cells.has(cell)) cells.set(cell, []);
        cells.get(cell).push(box);
      });
    },
  };
}

export function boxAt(word, x, y) {
  return { left: x - word.boxWidth / 2, right: x + word.boxWidth / 2, top: y - word.boxHeight / 2, bottom: y + word.boxHeight / 2 };
}

/**
 * The nearest free spot for `word` on an elliptical spiral around (x, y), inside the
 * half-width `halfW` and half-height `halfH`.
 * After the first free spot the spiral goes once more around and keeps the closest one, so
 * words settle next to the centre rather than wherever the spiral happened to point.
 */
export function findSpot(word, x, y, occupied, halfW, halfH, aspect) {
  const inside = (box) => box.left >= -halfW && box.right <= halfW && box.top >= -halfH && box.bottom <= halfH;
  const step = Math.max(2, word.boxHeight / 4);
  const limit = 2 * Math.hypot(halfW, halfH) + word.boxWidth;
  let best = null;
  let bestDistance = Infinity;
  let stopAt = Infinity;
  for (let angle = 0, radius = 0; radius < limit && angle < stopAt; angle += Math.min(0.5, step / Math.max(radius, 1))) {
    radius = (step * angle) / (2 * Math.PI) * 1.2;
    const cx = x + radius * Math.cos(angle) * aspect;
    const cy = y + radius * Math.sin(angle);
    const box = boxAt(word, cx, cy);
    if (inside(box) && occupied.free(box)) {
      const distance = Math.hypot((cx - x) / Math.sqrt(aspect), cy - y);
      if (distance < bestDistance) {
        best = { x: cx, y: cy };
        bestDistance = distance;
      }
      if (stopAt === Infinity) stopAt = angle + 2 * Math.PI;
    }
  }
  return best;
}
