/* Ids made in the browser. No DOM: node imports this module too. */

/**
 * A fresh random id — a UUID where the browser has `randomUUID`, else 32 hex digits — so
 * that something sent twice (after a reconnect) is stored once. `crypto` is the Web Crypto
 * object (the page's by default).
 */
export function nonce(crypto = globalThis.crypto) {
  if (crypto && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
