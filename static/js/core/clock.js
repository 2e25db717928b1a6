/* The server's clock as seen from this device, and durations as "m:ss". Pure: `createClock`
 * takes the device's clock as a function, so tests drive it; nothing runs at import. */

/**
 * A clock corrected towards the server's: `now()` reads the device (epoch ms). Returns
 * `{serverNow(), sync(serverTime, sentAt), offset(), precision()}`.
 */
export function createClock(now) {
  const deviceNow = now || (() => Date.now());
  let offset = 0;
  let precision = Infinity; // round trip of the measurement `offset` came from

  return {
    /** Server time now, in epoch ms, corrected for this device's clock. */
    serverNow() {
      return deviceNow() + offset;
    },
    /**
     * Correct for this device's clock. With `sentAt` (when the request left), the server's
     * time is taken as of the round trip's midpoint, which keeps every device within a few
     * tens of ms of each other; a fact without a round trip only replaces a worse estimate.
     */
    sync(serverTime, sentAt) {
      if (typeof serverTime !== "number") return;
      const current = deviceNow();
      if (sentAt !== undefined) {
        const trip = current - sentAt;
        offset = serverTime - (sentAt + trip / 2);
        precision = trip;
      } else if (!Number.isFinite(precision)) {
        offset = serverTime - current;
      }
    },
    /** How far the server's clock is ahead of this device's, in ms. */
    offset() {
      return offset;
    },
    /** The round trip (ms) of the measurement the offset came from; Infinity before one. */
    precision() {
      return precision;
    },
  };
}

/** "m:ss" (or "h:mm:ss") for a duration in ms. */
export function formatDuration(ms) {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  if (hours) return hours + ":" + String(minutes).padStart(2, "0") + ":" + seconds;
  return minutes + ":" + seconds;
}

/** The page's clock (one per page). */
export const pageClock = createClock();

/** Server time now, in epoch ms, corrected for this device's clock. */
export function serverNow() {
  return pageClock.serverNow();
}

/** Correct the page's clock from a server time (see `createClock().sync`). */
export function syncClock(serverTime, sentAt) {
  pageClock.sync(serverTime, sentAt);
}
