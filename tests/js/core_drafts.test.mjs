// Drafts of static/js/core/drafts.js against a fake storage.
import { test } from "node:test";
import assert from "node:assert/strict";
import { draftStore } from "../../static/js/core/drafts.js";

function fakeStorage() {
  const data = new Map();
  return {
    data,
    getItem: (key) => (data.has(key) ? data.get(key) : null),
    setItem: (key, value) => { data.set(key, String(value)); },
    removeItem: (key) => { data.delete(key); },
  };
}

test("a draft is kept per workshop and item, as JSON", () => {
  const storage = fakeStorage();
  const draft = draftStore("item-7", { storage, workshopId: "w1" });
  assert.equal(draft.get(), null);
  draft.set(["a", "b"]);
  assert.deepEqual(draft.get(), ["a", "b"]);
  assert.equal(storage.data.get("facilitation.draft.w1.item-7"), '["a","b"]');
  assert.equal(draftStore("item-7", { storage, workshopId: "w2" }).get(), null);
  assert.equal(draftStore("item-8", { storage, workshopId: "w1" }).get(), null);
});

test("clear removes the draft", () => {
  const storage = fakeStorage();
  const draft = draftStore("x", { storage, workshopId: "w" });
  draft.set("typed");
  draft.clear();
  assert.equal(draft.get(), null);
  assert.equal(storage.data.size, 0);
});

test("a broken entry reads as no draft", () => {
  const storage = fakeStorage();
  storage.setItem("facilitation.draft.w.x", "{not json");
  assert.equal(draftStore("x", { storage, workshopId: "w" }).get(), null);
});

test("a full or switched-off storage loses drafts silently", () => {
  const broken = {
    getItem() { throw new Error("SecurityError"); },
    setItem() { throw new Error("QuotaExceededError"); },
    removeItem() { throw new Error("SecurityError"); },
  };
  const draft = draftStore("x", { storage: broken, workshopId: "w" });
  assert.doesNotThrow(() => draft.set("text"));
  assert.doesNotThrow(() => draft.clear());
  assert.equal(draft.get(), null);
});
