// Nothing a participant typed is lost (static/js/breakout/outbox.js): cards wait in the
// outbox until the server acknowledged them, are sent again in order after a reconnect, and
// stay on retryable errors; the add fields' drafts and the private note are kept too.
import assert from "node:assert/strict";
import { test } from "node:test";

import { nonce } from "../../static/js/core/ids.js";
import { createDrafts, RETRY } from "../../static/js/breakout/outbox.js";
import { createStore } from "../../static/js/breakout/store.js";
import { fakeConnection, memoryStorage, settle } from "./breakout_fakes.mjs";

function aPage({ storage = memoryStorage(), online = true } = {}) {
  const connection = fakeConnection();
  connection.up = online;
  const store = createStore({ command: connection.command });
  store.adopt({ item_id: "i1", status: "running", private_notes: true, my_group: { id: "g1", cards: [] }, note: "" });
  const heard = [];
  store.subscribe((what) => heard.push(what));
  let counter = 0;
  const timers = fakeTimers();
  const drafts = createDrafts({
    storeFor: storage.storeFor,
    store,
    command: connection.command,
    online: connection.online,
    nonce: () => "c" + (counter += 1),
    timers,
  });
  return { ...drafts, store, connection, storage, heard, timers };
}

function fakeTimers() {
  const pending = new Map();
  let next = 0;
  return {
    pending,
    setTimeout(fn, ms) {
      next += 1;
      pending.set(next, { fn, ms });
      return next;
    },
    clearTimeout(id) {
      pending.delete(id);
    },
    runAll() {
      const due = [...pending.values()];
      pending.clear();
      due.forEach((timer) => timer.fn());
    },
  };
}

const accepted = (payload) => ({ ok: true, card: { id: "card-" + payload.client_id, prompt_id: payload.prompt_id, text: payload.text } });

test("offline, cards wait in the outbox, in the order written, kept on the device", () => {
  const page = aPage({ online: false });
  page.outbox.add("i1", "why", "First");
  page.outbox.add("i1", "how", "Second");
  page.outbox.add("i2", "why", "Elsewhere");

  assert.deepEqual(page.connection.sent, []);
  assert.deepEqual(page.outbox.pending("i1").map((entry) => [entry.prompt_id, entry.text, entry.client_id]),
    [["why", "First", "c1"], ["how", "Second", "c2"]]);
  assert.equal(JSON.parse(page.storage.saved.get("breakout-outbox")).length, 3);
});

test("after a reconnect the outbox is sent again in order, and each card leaves it on its ack", async () => {
  const storage = memoryStorage();
  const before = aPage({ storage, online: false });
  before.outbox.add("i1", "why", "First");
  before.outbox.add("i1", "how", "Second");

  // The page reloads and reconnects: a new outbox on the same device storage.
  const page = aPage({ storage });
  page.outbox.resend();
  assert.deepEqual(page.connection.sent.map((call) => [call.event, call.payload.text, call.payload.client_id]),
    [["add_card", "First", "c1"], ["add_card", "Second", "c2"]]);
  assert.deepEqual(page.connection.sent[0].payload, { item_id: "i1", prompt_id: "why", text: "First", client_id: "c1" });
  assert.ok(page.outbox.sending.has("c1") && page.outbox.sending.has("c2"));

  await page.connection.answer(accepted);
  assert.deepEqual(page.outbox.pending("i1").map((entry) => entry.client_id), ["c2"]);
  assert.deepEqual(page.store.round.myGroup.cards.map((card) => card.id), ["card-c1"], "the card shows at once");

  await page.connection.answer(accepted);
  assert.deepEqual(page.outbox.list(), []);
  assert.equal(page.storage.saved.has("breakout-outbox"), false, "an empty outbox leaves nothing behind");
  assert.deepEqual(page.store.round.myGroup.cards.map((card) => card.id), ["card-c1", "card-c2"]);
  assert.deepEqual(page.heard, [{ cards: true }, { cards: true }]);
});

test("a card the group already has (through group_changed) is not shown twice", async () => {
  const page = aPage();
  page.outbox.add("i1", "why", "First");
  page.store.round.myGroup.cards = [{ id: "card-c1", text: "First" }];
  await page.connection.answer(accepted);
  assert.deepEqual(page.store.round.myGroup.cards, [{ id: "card-c1", text: "First" }]);
});

for (const code of ["not_connected", "internal_error"]) {
  test(`on ${code} the card stays and goes again, with the same id, after the next reconnect`, async () => {
    const page = aPage();
    page.outbox.add("i1", "why", "Keep me");
    await page.connection.answer({ ok: false, error: { code, message: "Try again" } });

    assert.deepEqual(page.outbox.pending("i1").map((entry) => entry.text), ["Keep me"]);
    assert.equal(page.outbox.sending.size, 0);
    assert.equal(page.outbox.errors.size, 0, "no error shown for a card that is still on its way");

    page.outbox.resend();
    assert.deepEqual(page.connection.sent.map((call) => call.payload.client_id), ["c1", "c1"]);
    await page.connection.answer(accepted);
    assert.deepEqual(page.outbox.list(), []);
  });
}

test("retryable refusals are exactly not_connected and internal_error", () => {
  assert.deepEqual([...RETRY].sort(), ["internal_error", "not_connected"]);
});

test("without an ack (the connection dropped) the card stays", async () => {
  const page = aPage();
  page.outbox.add("i1", "why", "Keep me");
  await page.connection.answer(null);
  assert.equal(page.outbox.pending("i1").length, 1);
});

test("a card refused for good leaves the outbox; its text goes back to its field with the reason", async () => {
  const page = aPage();
  page.outbox.add("i1", "why", "Far too long");
  await page.connection.answer({ ok: false, error: { code: "too_long", message: "At most 500 characters." } });

  assert.deepEqual(page.outbox.list(), []);
  assert.equal(page.typed.get("i1", "why"), "Far too long");
  assert.equal(page.outbox.errors.get("why"), "At most 500 characters.");

  page.outbox.add("i1", "why", "Shorter");
  assert.equal(page.outbox.errors.has("why"), false, "a new card clears the field's error");
});

test("a refused card does not overwrite what is typed in its field since", async () => {
  const page = aPage();
  page.outbox.add("i1", "why", "Refused");
  page.typed.set("i1", "why", "Typed meanwhile");
  await page.connection.answer({ ok: false, error: { code: "too_long", message: "Too long" } });
  assert.equal(page.typed.get("i1", "why"), "Typed meanwhile");
});

test("drafts are kept per breakout and prompt; blank ones are forgotten", () => {
  const page = aPage();
  page.typed.set("i1", "why", "Half a thought");
  page.typed.set("i1", "how", "   ");
  assert.equal(page.typed.get("i1", "why"), "Half a thought");
  assert.equal(page.typed.get("i1", "how"), "");
  assert.equal(page.typed.get("i2", "why"), "");
  page.typed.set("i1", "why", "");
  assert.equal(page.storage.saved.has("breakout-typed.i1"), false);
});

test("at the recall everything typed becomes cards, sent at once", async () => {
  const page = aPage();
  page.typed.set("i1", "why", "  Because  ");
  page.typed.set("i1", "how", "Together");
  page.typed.flush("i1");

  assert.deepEqual(page.connection.sent.map((call) => [call.payload.prompt_id, call.payload.text]),
    [["why", "Because"], ["how", "Together"]]);
  assert.deepEqual(page.typed.all("i1"), {});
  assert.deepEqual(page.heard, [{ typed: true }]);
  await page.connection.answerAll(accepted);
  assert.deepEqual(page.outbox.list(), []);
});

test("the note saves itself after a pause and is kept on the device until the server has it", async () => {
  const page = aPage();
  page.notes.changed("i1", "My note");
  assert.equal(page.notes.status, "unsaved");
  assert.equal(page.notes.draft("i1"), "My note");
  assert.deepEqual([...page.timers.pending.values()].map((timer) => timer.ms), [1200]);

  page.notes.changed("i1", "My note, longer");
  assert.equal(page.timers.pending.size, 1, "typing on restarts the pause");
  page.timers.runAll();
  assert.equal(page.notes.status, "saving");
  assert.deepEqual(page.connection.sent, [{ event: "save_note", payload: { item_id: "i1", text: "My note, longer" } }]);

  await page.connection.answer({ ok: true, text: "My note, longer" });
  assert.equal(page.notes.status, "saved");
  assert.equal(page.notes.draft("i1"), null);
  assert.equal(page.store.round.note, "My note, longer");
});

test("offline the note stays unsaved on the device, and goes after the reconnect", async () => {
  const page = aPage({ online: false });
  page.notes.changed("i1", "Offline thought");
  page.timers.runAll();
  await settle();
  assert.equal(page.notes.status, "unsaved");
  assert.deepEqual(page.connection.sent, []);

  page.connection.up = true;
  page.notes.resend("i1");
  assert.deepEqual(page.connection.sent, [{ event: "save_note", payload: { item_id: "i1", text: "Offline thought" } }]);
  await page.connection.answer({ ok: false, error: { code: "too_long", message: "Too long" } });
  assert.equal(page.notes.status, "error");
  assert.equal(page.notes.message, "Too long");
  assert.equal(page.notes.draft("i1"), "Offline thought", "a refused note is not thrown away");
});

test("a kept note the server already has is simply forgotten after the reconnect", () => {
  const page = aPage();
  page.store.round.note = "Same";
  page.notes.store("i1").set("Same");
  page.notes.resend("i1");
  assert.deepEqual(page.connection.sent, []);
  assert.equal(page.notes.draft("i1"), null);
});

test("card ids are fresh every time", () => {
  const ids = new Set(Array.from({ length: 50 }, () => nonce()));
  assert.equal(ids.size, 50);
  const withoutUuid = nonce({ getRandomValues: (bytes) => bytes.fill(171) });
  assert.equal(withoutUuid, "ab".repeat(16));
});
