/* The arithmetic of the round's countdown, always from the server's clock (never counted
 * down locally), so it is right again after a reconnect or sleep. Pure: node imports it. */

/** The announcements when the remaining time crosses them: 5 min, 1 min, time up. */
export const MILESTONES = [
  { at: 5 * 60000, key: "fiveMinutes" },
  { at: 60000, key: "oneMinute" },
  { at: 0, key: "timeUp" },
];

/** Milliseconds left of the round `view` at server time `now`, or null while it is not running. */
export function remaining(view, now) {
  if (!view || view.status !== "running" || !view.ends_at) return null;
  return view.ends_at - now;
}

/**
 * Milliseconds until the shown second changes, when `left` ms remain: formatDuration
 * rounds, so it changes when the remainder passes 500 ms (plus 20 ms to be past it).
 * Ticks aligned to it make every device flip at once.
 */
export function untilNextSecond(left) {
  return (((left - 500) % 1000) + 1000) % 1000 + 20;
}

/** The milestone keys crossed going from `last` to `left` ms remaining (none on the first tick). */
export function crossed(last, left) {
  if (last === null) return [];
  return MILESTONES.filter((milestone) => last > milestone.at && left <= milestone.at)
    .map((milestone) => milestone.key);
}

/** How the clock looks with `left` ms remaining: over (time up) or soon (the last minute). */
export function phase(left) {
  const over = left <= 0;
  return { over, soon: !over && left <= 60000 };
}
