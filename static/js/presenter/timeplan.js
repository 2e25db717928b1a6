/* The workshop's time plan as the presenter's page counts it on between messages, from
 * the agenda's `time` (docs/protocol.md): time left in the current item, the projected
 * end, the slip and how much it matters. Pure: it touches no `document`, so
 * tests/js/presenter_timeplan.test.mjs tests it. */

const MINUTE = 60000;

/** The slip in whole minutes, rounded half away from zero (as facilitation/domain/timeplan.py). */
export function slipMinutes(slip) {
  const minutes = Math.floor(Math.abs(slip) / MINUTE + 0.5);
  return slip < 0 && minutes ? -minutes : minutes;
}

/**
 * Where the workshop stands at `now` (epoch ms on the server's clock). `roundEndsAt`, when a
 * breakout round runs in the current item, folds the round's clock into the item's timebox:
 * the item ends when the later of the two ends. Returns `{itemEnds, itemLeft, projected,
 * plannedEnd, slip, slipMinutes, level}`; `level` is "ahead", "on-time", "behind" or "late".
 */
export function projection(time, now, roundEndsAt) {
  let itemEnds = time.current_ends_at;
  if (itemEnds !== null && roundEndsAt) itemEnds = Math.max(itemEnds, roundEndsAt);
  const base = itemEnds !== null ? itemEnds : (time.start !== null ? time.start : now);
  const projected = Math.max(now, base) + time.remaining_seconds * 1000;
  const slip = projected - time.planned_end;
  let level = "on-time";
  if (slip >= time.late_seconds * 1000) level = "late";
  else if (slip >= time.on_time_seconds * 1000) level = "behind";
  else if (slip <= -time.on_time_seconds * 1000) level = "ahead";
  return {
    itemEnds,
    itemLeft: itemEnds === null ? null : itemEnds - now,
    projected,
    plannedEnd: time.planned_end,
    slip,
    slipMinutes: slipMinutes(slip),
    level,
  };
}

/** Minutes an agenda entry was actually shown (rounded), or null before it was. */
export function actualMinutes(entry) {
  return entry.started ? Math.round(entry.spent_seconds / 60) : null;
}
