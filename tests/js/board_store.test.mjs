// The question board's store (static/js/board/store.js): a snapshot loaded, facts applied,
// counts and the orders the views use. Run with `node --test tests/js/`.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";

import {
  apply, byAnswered, byNewest, byOldest, byTop, counts, load, notify, pinned, state, subscribe, withStatus,
} from "../../static/js/board/store.js";

function question(id, fields) {
  return Object.assign({ id: id, text: "Question " + id, name: null, votes: 0, status: "visible",
    created_at: id, answered_at: null, edited: false }, fields);
}

function snapshot(fields) {
  return Object.assign({
    open: true,
    max_length: 200,
    pinned: null,
    questions: [
      question(1, { votes: 2 }),
      question(2, { votes: 5 }),
      question(3, { votes: 2 }),
      question(4, { status: "answered", answered_at: 40 }),
    ],
  }, fields);
}

const ids = (questions) => questions.map((each) => each.id);

beforeEach(() => {
  load({ questions: [], mine: [], voted: [] });
});

test("a snapshot replaces the whole board", () => {
  load(snapshot({ open: false, mine: [question(9, { status: "pending" })], voted: [2], premoderation: true }));
  assert.equal(state.loaded, true);
  assert.equal(state.open, false);
  assert.equal(state.maxLength, 200);
  assert.deepEqual(Array.from(state.questions.keys()), [1, 2, 3, 4]);
  assert.deepEqual(Array.from(state.mine.keys()), [9]);
  assert.deepEqual(Array.from(state.voted), [2]);
  assert.equal(state.premoderation, true);

  load({ questions: [question(7)] });
  assert.deepEqual(Array.from(state.questions.keys()), [7]);
  assert.equal(state.open, true);
  assert.equal(state.maxLength, 280);
  // What the snapshot leaves out (a screen's has no `mine`) stays as it was.
  assert.deepEqual(Array.from(state.mine.keys()), [9]);
});

test("a snapshot without a board changes nothing", () => {
  load(snapshot());
  load(null);
  assert.equal(state.questions.size, 4);
});

test("subscribers hear a reset, then the ids new to the board", () => {
  const heard = [];
  const stop = subscribe((change) => heard.push(change));
  load(snapshot());
  apply({ questions: [question(5), question(1, { votes: 3 })] });
  stop();
  apply({ questions: [question(6)] });
  assert.deepEqual(heard, [{ reset: true, added: [] }, { reset: false, added: [5] }]);
});

test("an added question joins the open questions", () => {
  load(snapshot());
  apply({ questions: [question(5, { text: "New", votes: 0 })] });
  assert.equal(state.questions.get(5).text, "New");
  assert.deepEqual(counts(), { open: 4, answered: 1, pending: 0, hidden: 0 });
});

test("an edited question keeps its place and shows the new text", () => {
  load(snapshot({ mine: [question(1, { votes: 2 })] }));
  apply({ questions: [question(1, { votes: 2, text: "Better wording", edited: true })] });
  assert.equal(state.questions.get(1).text, "Better wording");
  assert.equal(state.questions.get(1).edited, true);
  assert.equal(state.mine.get(1).text, "Better wording", "the asker's own copy follows");
  assert.deepEqual(ids(withStatus("visible").sort(byTop)), [2, 1, 3]);
});

test("a hidden question leaves the board; its asker sees it as removed", () => {
  load(snapshot({ mine: [question(3, { votes: 2 })], voted: [1, 3] }));
  apply({ removed: [3] });
  assert.equal(state.questions.has(3), false);
  assert.equal(state.voted.has(3), false);
  assert.equal(state.voted.has(1), true);
  assert.equal(state.mine.get(3).status, "removed");
  assert.deepEqual(counts(), { open: 2, answered: 1, pending: 0, hidden: 0 });
});

test("an own question still waiting for approval is not marked removed", () => {
  load(snapshot({ mine: [question(8, { status: "pending" })] }));
  apply({ removed: [8] });
  assert.equal(state.mine.get(8).status, "pending");
});

test("the presenter's board counts hidden and waiting questions", () => {
  load(snapshot());
  apply({ questions: [question(5, { status: "pending" }), question(6, { status: "hidden" }),
    question(7, { status: "pending", filtered: true })] });
  assert.deepEqual(counts(), { open: 3, answered: 1, pending: 2, hidden: 1 });
  assert.deepEqual(ids(withStatus("pending").sort(byOldest)), [5, 7]);
});

test("an answered question moves to the answered list, latest answered first", () => {
  load(snapshot());
  apply({ questions: [question(2, { votes: 5, status: "answered", answered_at: 50 })] });
  assert.deepEqual(ids(withStatus("visible").sort(byTop)), [1, 3]);
  assert.deepEqual(ids(withStatus("answered").sort(byAnswered)), [2, 4]);
  assert.deepEqual(counts(), { open: 2, answered: 2, pending: 0, hidden: 0 });
  apply({ questions: [question(2, { votes: 5, status: "visible" })] });
  assert.deepEqual(counts(), { open: 3, answered: 1, pending: 0, hidden: 0 });
});

test("votes reorder Top; ties go to the older question", () => {
  load(snapshot());
  assert.deepEqual(ids(withStatus("visible").sort(byTop)), [2, 1, 3]);
  apply({ questions: [question(3, { votes: 6 })] });
  assert.deepEqual(ids(withStatus("visible").sort(byTop)), [3, 2, 1]);
  apply({ questions: [question(1, { votes: 6 })] });
  assert.deepEqual(ids(withStatus("visible").sort(byTop)), [1, 3, 2]);
});

test("Newest puts the latest question first, whatever its votes", () => {
  load(snapshot());
  apply({ questions: [question(5, { votes: 0 })] });
  assert.deepEqual(ids(withStatus("visible").sort(byNewest)), [5, 3, 2, 1]);
});

test("answered questions without a time come last", () => {
  const list = [question(1, { answered_at: null }), question(2, { answered_at: 10 }), question(3, { answered_at: null })];
  assert.deepEqual(ids(list.sort(byAnswered)), [2, 3, 1]);
});

test("the pinned question shows its latest text and votes", () => {
  load(snapshot({ pinned: { id: 2, text: "Question 2" } }));
  assert.equal(pinned().votes, 5);
  apply({ questions: [question(2, { votes: 7, text: "Edited" })] });
  assert.equal(pinned().text, "Edited");
  assert.equal(pinned().votes, 7);
  apply({ pinned: null });
  assert.equal(pinned(), null);
});

test("a pinned question this page does not know is shown as the fact gave it", () => {
  load(snapshot());
  apply({ pinned: { id: 99, text: "Elsewhere" } });
  assert.equal(pinned().text, "Elsewhere");
});

test("facts change asking and moderation settings", () => {
  load(snapshot({ word_filter: ["foo"], using_default_filter: false }));
  assert.deepEqual(state.wordFilter, ["foo"]);
  assert.equal(state.usingDefaultFilter, false);
  apply({ open: false, premoderation: true, word_filter: [], using_default_filter: true });
  assert.equal(state.open, false);
  assert.equal(state.premoderation, true);
  assert.deepEqual(state.wordFilter, []);
  assert.equal(state.usingDefaultFilter, true);
  apply({ questions: [] });
  assert.equal(state.open, false, "a fact without `open` leaves it");
});

test("facts before the first snapshot are ignored", () => {
  state.loaded = false;
  state.questions = new Map();
  apply({ questions: [question(1)] });
  assert.equal(state.questions.size, 0);
});

test("notify reaches every subscriber", () => {
  let heard = 0;
  const stops = [subscribe(() => { heard += 1; }), subscribe(() => { heard += 1; })];
  notify({ reset: false, added: [] });
  stops.forEach((stop) => stop());
  notify({ reset: false, added: [] });
  assert.equal(heard, 2);
});
