/* The grid's plot layout, pure geometry (no DOM, so node can test it): axis ticks, dots that
 * would cover each other pushed apart, labels placed beside their dots. */

/** Tick values for an axis: its ends plus round steps in between, at most `most` of them. */
export function ticks(axis, most) {
  const span = axis.maximum - axis.minimum;
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => span / s <= most - 1) || span;
  const values = [axis.minimum];
  const first = Math.ceil(axis.minimum / step) * step;
  for (let v = first; v < axis.maximum; v += step) {
    if (v - axis.minimum >= step * 0.5 && axis.maximum - v >= step * 0.5) values.push(v);
  }
  values.push(axis.maximum);
  return values;
}

/** Place labels next to their dots, avoiding other labels, dots and the frame where possible. */
export function placeLabels(points, frame, size, previous) {
  const placed = [];
  const gap = size.dot + 4;
  const height = size.font * 1.25;
  const sides = [
    [1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1],
  ];
  const candidates = [];
  [1, 2.2, 3.6].forEach((distance) => sides.forEach(([dx, dy]) => candidates.push([dx, dy, distance])));

  function box(point, [dx, dy, distance], width) {
    const reach = gap * distance;
    let offsetX = dx * reach;
    let offsetY = 0;
    if (dy && !dx) offsetY = dy * (reach - 4 + height / 2);
    if (dy && dx) {
      offsetX = dx * reach * 0.8;
      offsetY = dy * (reach * 0.5 + height / 2);
    }
    const left = dx > 0 ? offsetX : dx < 0 ? offsetX - width : -width / 2;
    return {
      x0: point.px + left, x1: point.px + left + width,
      y0: point.py + offsetY - height / 2, y1: point.py + offsetY + height / 2,
      anchor: dx > 0 ? "start" : dx < 0 ? "end" : "middle", offsetX: offsetX, offsetY: offsetY,
    };
  }

  function reach(point, b) {
    const dx = Math.max(b.x0 - point.px, 0, point.px - b.x1);
    const dy = Math.max(b.y0 - point.py, 0, point.py - b.y1);
    return Math.hypot(dx, dy);
  }

  function overlap(a, b) {
    const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
    const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
    return w > 0 && h > 0 ? w * h : 0;
  }

  points.forEach((point) => {
    const width = point.short.length * size.font * 0.62;
    let best = null;
    candidates.forEach((candidate, order) => {
      const b = box(point, candidate, width);
      let cost = order * 0.5;
      placed.forEach((other) => { cost += overlap(b, other) * 4; });
      const own = reach(point, b);
      points.forEach((other) => {
        const dot = { x0: other.px - size.dot, x1: other.px + size.dot, y0: other.py - size.dot, y1: other.py + size.dot };
        cost += overlap(b, dot) * 3;
        // A label nearer to another dot than to its own would be read as that dot's label.
        if (other !== point && reach(other, b) < own + 2) cost += 300;
      });
      const outside = Math.max(0, frame.x0 - b.x0) + Math.max(0, b.x1 - frame.x1)
        + Math.max(0, frame.y0 - b.y0) + Math.max(0, b.y1 - frame.y1);
      cost += outside * height * 6;
      if (previous.get(point.id) === order) cost -= 2;
      if (!best || cost < best.cost) best = { cost, order, box: b };
    });
    placed.push(best.box);
    previous.set(point.id, best.order);
    point.label = best.box;
  });
}

/**
 * Push dots that would cover each other apart until they just touch (items at the same
 * average fan out), so every number stays visible; the table keeps the exact figures.
 */
export function separate(points, size, frame) {
  const least = size.dot * 2 + 2;
  for (let round = 0; round < 50; round += 1) {
    let moved = false;
    points.forEach((a, i) => {
      points.slice(i + 1).forEach((b, offset) => {
        let dx = b.px - a.px;
        let dy = b.py - a.py;
        let distance = Math.hypot(dx, dy);
        if (distance >= least - 0.01) return;
        if (distance < 0.01) {
          const angle = Math.PI / 4 + (offset * 2 * Math.PI) / 5;
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          distance = 1;
        }
        const push = (least - Math.hypot(b.px - a.px, b.py - a.py)) / 2;
        a.px -= (dx / distance) * push;
        a.py -= (dy / distance) * push;
        b.px += (dx / distance) * push;
        b.py += (dy / distance) * push;
        moved = true;
      });
    });
    points.forEach((point) => {
      point.px = Math.min(frame.x1 - size.dot, Math.max(frame.x0 + size.dot, point.px));
      point.py = Math.min(frame.y1 - size.dot, Math.max(frame.y0 + size.dot, point.py));
    });
    if (!moved) break;
  }
}
