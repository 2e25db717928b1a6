/* Unsent text per item, kept in this browser until the server acknowledged it. Pure: the
 * storage and workshop are looked up when used (tests pass a fake storage). */

/**
 * The draft of item `itemId`: `{get(), set(value), clear()}`. `options.storage` (a
 * localStorage-like object) and `options.workshopId` default to the page's. A full or
 * switched-off storage loses the draft silently.
 */
export function draftStore(itemId, options) {
  const settings = options || {};
  const workshopId = settings.workshopId !== undefined
    ? settings.workshopId : globalThis.document.body.dataset.workshopId;
  const key = "facilitation.draft." + workshopId + "." + itemId;
  // Looked up inside each try: reading window.localStorage itself throws where storage is off.
  const storage = () => settings.storage || globalThis.window.localStorage;
  return {
    get() {
      try { return JSON.parse(storage().getItem(key)); } catch (error) { return null; }
    },
    set(value) {
      try { storage().setItem(key, JSON.stringify(value)); } catch (error) { /* full or off */ }
    },
    clear() {
      try { storage().removeItem(key); } catch (error) { /* off */ }
    },
  };
}
