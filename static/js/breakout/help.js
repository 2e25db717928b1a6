/* Calling the facilitator: on the participant's group card the group's call (call, "called",
 * withdraw) and the facilitator's answer to the group; on the presenter's and moderator's page
 * the queue of calling groups with the time waited, an answer field and "Mark handled". */
import f from "../app.js";
import { arrivals, oldestFirst, shownAnswer, waited } from "./calls.js";
import { round, store } from "./live.js";
import { fmt, groupName, keyed, messageRegion, s, setText } from "./shared.js";

/** A button that sends `event` for the round and hands the ack to `done`; one at a time. */
function sender(itemId, event, done) {
  let busy = false;
  return (extra) => {
    if (busy) return;
    busy = true;
    f.command(event, Object.assign({ item_id: itemId }, extra || {})).then((ack) => {
      busy = false;
      done(ack);
    });
  };
}

/**
 * The group's call on the participant's group card: "Call the facilitator", and once the
 * group called (whoever pressed), "The facilitator has been called" with "We are fine
 * again". `announce(text)` speaks changes. Returns `{node, paint()}`.
 */
export function callBox(itemId, announce) {
  const text = s();
  const node = f.el("div", { className: "bo-help" });
  const call = f.el("button", { type: "button", className: "button bo-help-call" }, text.call);
  const hint = f.el("p", { className: "hint bo-help-hint" }, text.callHint);
  const called = f.el("div", { className: "bo-help-called" });
  const calledTitle = f.el("p", { className: "bo-help-called-title" }, text.called);
  const calledHint = f.el("p", { className: "bo-help-called-hint" }, text.calledHint);
  const withdraw = f.el("button", { type: "button", className: "button compact bo-help-withdraw" }, text.withdraw);
  called.append(calledTitle, calledHint, withdraw);
  const error = f.el("p", { className: "error", role: "alert", hidden: true });
  node.append(call, hint, called, error);

  function settled(ack, next) {
    if (ack && ack.ok) {
      error.hidden = true;
      if (round.myGroup) round.myGroup.call = ack.call;
      store.notify({ group: true });
      next.focus();
    } else if (ack) {
      setText(error, ack.error.message);
      error.hidden = false;
    }
  }
  call.addEventListener("click", sender(itemId, "call_facilitator", (ack) => settled(ack, withdraw)));
  withdraw.addEventListener("click", sender(itemId, "withdraw_call", (ack) => {
    settled(ack, call);
    if (ack && ack.ok) announce(text.withdrawn);
  }));

  let calling; // the open call's id at the last paint ("" none), undefined before the first
  return {
    node,
    paint() {
      const view = store.roundOf(itemId);
      const group = round.myGroup;
      node.hidden = !group || !view || view.status !== "running";
      const open = Boolean(group && group.call);
      call.hidden = open;
      hint.hidden = open;
      called.hidden = !open;
      const id = open ? group.call.id : "";
      if (calling !== undefined && id && id !== calling) announce(text.called);
      calling = id;
    },
  };
}

/** The facilitator's answer to the participant's group, as a banner like the message to all. */
export function groupAnswerBanner(itemId) {
  return messageRegion(
    () => shownAnswer(store.roundOf(itemId), round.myGroup), "groupMessageLabel", "bo-message bo-message-group");
}

/**
 * The queue of calling groups for the presenter and moderators, oldest first: each with its
 * group, the time waited (from the server's clock, every second), the answer sent, an answer
 * field and "Mark handled". New calls are announced. Returns `{node, announcer, paint(), destroy()}`.
 */
export function callQueue(itemId) {
  const text = s();
  const uid = "bo-calls-" + itemId;
  const node = f.el("section", { className: "bo-calls", "aria-labelledby": uid + "-title" });
  const title = f.el("h3", { className: "bo-calls-title", id: uid + "-title", tabindex: "-1" });
  const list = f.el("ol", { className: "bo-call-list" });
  node.append(title, list);
  const announcer = f.el("p", { className: "visually-hidden", role: "status", "aria-live": "polite" });
  const known = new Set();
  let first = true;
  let ticker = null;

  const update = keyed(list, (entry) => {
    const row = f.el("li", { className: "bo-call" });
    const head = f.el("div", { className: "bo-call-head" });
    const name = f.el("strong", { className: "bo-call-group", dir: "auto" });
    const waitedNode = f.el("span", { className: "bo-call-waited" });
    head.append(f.el("span", { className: "bo-call-dot", "aria-hidden": "true" }), name, waitedNode);
    const answeredNode = f.el("p", { className: "bo-call-answered", dir: "auto" });
    const form = f.el("form", { className: "bo-call-form", novalidate: true });
    const fieldId = uid + "-" + entry.id;
    const label = f.el("label", { for: fieldId, className: "visually-hidden" });
    const input = f.el("input", {
      id: fieldId, type: "text", maxlength: "200", autocomplete: "off", placeholder: text.answerPlaceholder,
    });
    const send = f.el("button", { type: "submit", className: "button compact" }, text.answer);
    const handled = f.el("button", { type: "button", className: "button compact bo-call-handled" }, text.handled);
    const row2 = f.el("div", { className: "inline-field" });
    row2.append(input, send);
    form.append(label, row2);
    const error = f.el("p", { className: "error", role: "alert", hidden: true });
    row.append(head, answeredNode, form, handled, error);
    const view = { node: row, name, waitedNode, answeredNode, label, input, handled, error, call: entry };
    const fail = (ack) => {
      if (ack && !ack.ok) {
        setText(error, ack.error.message);
        error.hidden = false;
      }
      return Boolean(ack && ack.ok);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) {
        input.focus();
        return;
      }
      f.command("answer_call", { item_id: itemId, call_id: view.call.id, text: value }).then((ack) => {
        if (!fail(ack)) return;
        input.value = "";
        error.hidden = true;
      });
    });
    handled.addEventListener("click", () => {
      f.command("handle_call", { item_id: itemId, call_id: view.call.id }).then((ack) => {
        if (!fail(ack)) return;
        round.calls = round.calls.filter((call) => call.id !== ack.call_id);
        store.notify({ calls: true });
        title.focus();
      });
    });
    return view;
  }, (view, call) => {
    view.call = call;
    const group = nameOf(call);
    setText(view.name, group);
    setText(view.label, fmt("answerField", { group: group }));
    view.handled.setAttribute("aria-label", fmt("handledLabel", { group: group }));
    setText(view.answeredNode, call.answer ? fmt("answered", { text: call.answer }) : "");
    view.answeredNode.hidden = !call.answer;
    tick(view);
  });

  /** Say `message` in the live region, also when it is the same words as the last time. */
  function announce(message) {
    announcer.textContent = "";
    window.setTimeout(() => { announcer.textContent = message; }, 50);
  }
  function nameOf(call) {
    return groupName({ number: call.group, name: call.group_name });
  }
  function waitedText(call) {
    return fmt("waited", { time: f.formatDuration(waited(call, f.serverNow())) });
  }
  function tick(view) {
    setText(view.waitedNode, waitedText(view.call));
  }
  function tickAll() {
    const calls = shown();
    list.querySelectorAll(".bo-call-waited").forEach((node, index) => {
      if (calls[index]) setText(node, waitedText(calls[index]));
    });
  }
  function shown() {
    const view = store.roundOf(itemId);
    return view && view.status === "running" ? oldestFirst(round.calls) : [];
  }

  return {
    node,
    announcer,
    /** The number of open calls now (for the summary's badge). */
    count: () => shown().length,
    paint() {
      const calls = shown();
      node.hidden = !calls.length;
      setText(title, text.callsTitle + " (" + calls.length + ")");
      update(calls.map((call) => Object.assign({}, call)));
      const fresh = arrivals(known, calls);
      if (!first && fresh.length) announce(fresh.map((call) => fmt("callArrived", { group: nameOf(call) })).join(" "));
      known.clear();
      calls.forEach((call) => known.add(call.id));
      // Calls already waiting when the page got the round are not news.
      if (store.roundOf(itemId)) first = false;
      if (calls.length && ticker === null) ticker = window.setInterval(tickAll, 1000);
      if (!calls.length && ticker !== null) {
        window.clearInterval(ticker);
        ticker = null;
      }
    },
    destroy() {
      window.clearInterval(ticker);
      ticker = null;
    },
  };
}
