/* Participant page: shows whatever the presenter opened; answers survive reconnects. */
(function () {
  "use strict";
  const f = window.facilitation;
  const stage = document.getElementById("stage");
  const waiting = document.getElementById("waiting");
  const announcer = document.getElementById("announcer");
  let myAnswers = {};
  let item = null;
  let view = null;
  let connection = null;
  const unsent = {}; // item id -> value sent but not yet acknowledged

  function submit(value) {
    const itemId = item.id;
    unsent[itemId] = value;
    return connection.command("vote", { item_id: itemId, value: value }).then((ack) => {
      if (unsent[itemId] === value) delete unsent[itemId];
      if (ack.ok) myAnswers[itemId] = ack.value;
      return ack;
    });
  }

  function show(next) {
    const sameItem = item && next && item.id === next.id;
    item = next;
    if (sameItem && view) {
      view.update(item);
      return;
    }
    stage.replaceChildren();
    view = null;
    // One announcement per change of activity, instead of a live region around
    // the whole stage that would read out every changing number.
    announcer.textContent = item ? f.kindLabel(item.kind) + ": " + item.title : waiting.textContent.trim();
    if (!item) {
      stage.appendChild(waiting);
      return;
    }
    const card = f.el("section", { className: "card item-card", "data-kind": item.kind, "data-item": item.id });
    card.appendChild(f.el("p", { className: "eyebrow" }, f.kindLabel(item.kind)));
    card.appendChild(f.el("h1", { className: "item-title" }, item.title));
    const body = f.el("div", { className: "item-body" });
    card.appendChild(body);
    stage.appendChild(card);
    view = f.renderItem(body, item, { myAnswer: myAnswers[item.id], submit: submit });
  }

  function onState(state) {
    myAnswers = state.my_answers || {};
    const previous = item;
    show(state.item);
    if (view && view.setMine && previous && state.item && previous.id === state.item.id) {
      view.setMine(myAnswers[state.item.id]);
    }
    // An answer whose ack was lost with the connection is sent again; the server stores it once.
    Object.entries(unsent).forEach(([itemId, value]) => {
      const same = JSON.stringify(myAnswers[itemId]) === JSON.stringify(value);
      if (state.item && state.item.id === itemId && !same) submit(value);
      else delete unsent[itemId];
    });
  }

  function onItemChanged(payload) {
    if (!payload.item) show(null);
    else if (payload.current_item_id === payload.item.id) show(payload.item);
  }

  connection = f.connect(onState, {
    item_opened: onItemChanged,
    item_closed: onItemChanged,
    item_reopened: onItemChanged,
    item_updated: onItemChanged,
    item_reset(payload) {
      if (payload.item) delete myAnswers[payload.item.id];
      if (payload.item) f.draftStore(payload.item.id).clear();
      onItemChanged(payload);
      if (view && view.setMine && item && payload.item && item.id === payload.item.id) view.setMine(null);
    },
    tally(payload) {
      if (item && view && payload.item_id === item.id) {
        item = Object.assign({}, item, payload);
        delete item.item_id;
        view.update(item);
      }
    },
  });
})();
