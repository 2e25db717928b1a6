// Stand-ins for the page's connection and localStorage in the breakout JS tests.

/** `storeFor(name)` like f.draftStore: JSON in a Map, so values go through a round trip. */
export function memoryStorage() {
  const saved = new Map();
  const storeFor = (name) => ({
    get: () => (saved.has(name) ? JSON.parse(saved.get(name)) : null),
    set: (value) => saved.set(name, JSON.stringify(value)),
    clear: () => saved.delete(name),
  });
  return { saved, storeFor };
}

/**
 * `command(event, payload)` that records every call; each call's promise waits until the
 * test answers it with `answer(ack)` (in the order sent) or `answerAll(ack)`.
 */
export function fakeConnection() {
  const sent = [];
  const waiting = [];
  const connection = {
    sent,
    up: true,
    online: () => connection.up,
    command(event, payload) {
      sent.push({ event, payload: structuredClone(payload) });
      return new Promise((resolve) => waiting.push(resolve));
    },
    /** Answer the oldest unanswered command with `ack` (or `ack(payload)`), then let it settle. */
    async answer(ack) {
      const resolve = waiting.shift();
      const payload = sent[sent.length - waiting.length - 1].payload;
      resolve(typeof ack === "function" ? ack(payload) : ack);
      await settle();
    },
    async answerAll(ack) {
      while (waiting.length) await connection.answer(ack);
    },
    unanswered: () => waiting.length,
  };
  return connection;
}

/** Let every resolved promise's callbacks run. */
export function settle() {
  return new Promise((resolve) => setImmediate(resolve));
}
