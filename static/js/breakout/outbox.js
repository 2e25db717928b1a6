/* What a participant typed, kept until the server has it: text in the add fields (drafts),
 * cards sent and not yet acknowledged (the outbox, sent again after every reconnect and at
 * the recall) and the private note. Pure: storage, connection and timers come in, so node
 * can test it. */

// Refusals after which a card stays in the outbox to be sent again later.
export const RETRY = new Set(["not_connected", "internal_error"]);
const NOTE_DELAY = 1200; // ms of quiet typing before the note saves itself

/**
 * The drafts, outbox and note of one page. `storeFor(name)` gives a `{get, set, clear}`
 * store kept on this device (f.draftStore); `store` is the round store (./store.js);
 * `command(event, payload)` sends and resolves to the ack; `online()` says whether the
 * connection is up; `nonce()` makes card ids; `timers` has setTimeout and clearTimeout.
 */
export function createDrafts({ storeFor, store, command, online, nonce, timers = globalThis, noteDelay = NOTE_DELAY }) {
  const round = store.round;
  const notify = (what) => store.notify(what);

  /** Text typed into the add fields, per prompt, kept on this device until it is sent. */
  const typed = {
    store(itemId) {
      return storeFor("breakout-typed." + itemId);
    },
    all(itemId) {
      const value = this.store(itemId).get();
      return value && typeof value === "object" ? value : {};
    },
    get(itemId, promptId) {
      return this.all(itemId)[promptId] || "";
    },
    set(itemId, promptId, text) {
      const all = this.all(itemId);
      if (text.trim()) all[promptId] = text;
      else delete all[promptId];
      if (Object.keys(all).length) this.store(itemId).set(all);
      else this.store(itemId).clear();
    },
    /** Turn everything typed into cards (the recall); the views clear their fields. */
    flush(itemId) {
      const all = this.all(itemId);
      const prompts = Object.keys(all).filter((promptId) => all[promptId].trim());
      this.store(itemId).clear();
      prompts.forEach((promptId) => outbox.add(itemId, promptId, all[promptId].trim()));
      if (prompts.length) notify({ typed: true });
    },
  };

  /** Cards sent (or to be sent) and not yet acknowledged, for every breakout of the workshop. */
  const outbox = {
    errors: new Map(), // prompt id -> the last refusal's message, for the add field
    sending: new Set(), // client ids on their way
    store: storeFor("breakout-outbox"),
    list() {
      const value = this.store.get();
      return Array.isArray(value) ? value : [];
    },
    save(list) {
      if (list.length) this.store.set(list);
      else this.store.clear();
    },
    pending(itemId) {
      return this.list().filter((entry) => entry.item_id === itemId);
    },
    add(itemId, promptId, text) {
      const entry = { item_id: itemId, prompt_id: promptId, text: text, client_id: nonce() };
      this.save(this.list().concat([entry]));
      this.errors.delete(promptId);
      this.send(entry);
      return entry;
    },
    remove(clientId) {
      this.save(this.list().filter((entry) => entry.client_id !== clientId));
    },
    /** Send one card (if online); resolves once its ack is handled. */
    send(entry) {
      if (!online()) return Promise.resolve();
      this.sending.add(entry.client_id);
      return command("add_card", entry).then((ack) => {
        this.sending.delete(entry.client_id);
        if (ack && ack.ok) {
          this.remove(entry.client_id);
          const group = round.myGroup;
          if (ack.card && entry.item_id === round.itemId && group
              && !group.cards.some((card) => card.id === ack.card.id)) {
            group.cards = group.cards.concat([ack.card]);
          }
        } else if (!ack || RETRY.has(ack.error && ack.error.code)) {
          // Stays in the outbox; sent again after the next reconnect.
          notify({ cards: true });
          return;
        } else {
          // Refused for good (too long, …): give the text back to its field with the reason.
          this.remove(entry.client_id);
          if (!typed.get(entry.item_id, entry.prompt_id)) typed.set(entry.item_id, entry.prompt_id, entry.text);
          this.errors.set(entry.prompt_id, ack.error.message);
        }
        notify({ cards: true });
      });
    },
    /** Send every unacknowledged card again, oldest first (after a reconnect). */
    resend() {
      return Promise.all(this.list().map((entry) => this.send(entry)));
    },
  };

  /** The private note: autosaved after a pause, kept on the device until the server has it. */
  const notes = {
    status: "saved", // saved | unsaved | saving | error
    message: "",
    timer: null,
    store(itemId) {
      return storeFor("breakout-note." + itemId);
    },
    draft(itemId) {
      const value = this.store(itemId).get();
      return typeof value === "string" ? value : null;
    },
    changed(itemId, text) {
      this.store(itemId).set(text);
      this.status = "unsaved";
      this.message = "";
      timers.clearTimeout(this.timer);
      this.timer = timers.setTimeout(() => this.save(itemId), noteDelay);
      notify({ note: true });
    },
    save(itemId) {
      timers.clearTimeout(this.timer);
      const text = this.draft(itemId);
      if (text === null) return Promise.resolve(true);
      if (!online()) {
        this.status = "unsaved";
        notify({ note: true });
        return Promise.resolve(false);
      }
      this.status = "saving";
      notify({ note: true });
      return command("save_note", { item_id: itemId, text: text }).then((ack) => {
        if (ack && ack.ok) {
          if (itemId === round.itemId) round.note = ack.text;
          if (this.draft(itemId) === text) {
            this.store(itemId).clear();
            this.status = "saved";
          }
          this.message = "";
        } else {
          this.status = "error";
          this.message = ack && ack.error ? ack.error.message : "";
        }
        notify({ note: true });
        return Boolean(ack && ack.ok);
      });
    },
    resend(itemId) {
      const text = this.draft(itemId);
      if (text !== null && round.view && round.view.private_notes && text !== round.note) this.save(itemId);
      else if (text !== null) this.store(itemId).clear();
    },
  };

  return { typed, outbox, notes };
}
