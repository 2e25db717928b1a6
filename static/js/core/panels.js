/* The frame every kind is shown in: the participant's answer panel (input, send button,
 * status line, own results) and the results panel of presenter and screen. */
import { t } from "./strings.js";
import { el, markContent } from "./dom.js";
import { draftStore } from "./drafts.js";

/** Raised by a kind's `read()` when the participant's input is not complete yet. */
export class InputError extends Error {}

/** `item` with a `tally` fact's figures merged in (the fact's own `item_id` left out). */
export function withTally(item, payload) {
  const merged = Object.assign({}, item, payload);
  delete merged.item_id;
  return merged;
}

/**
 * The participant's side of a poll: the kind's input controls, a send button,
 * one status line and, where visible, the results. The kind supplies
 * `input(form, item, ctx)` returning `{read(), fill(value), disable(flag), autoSubmit?}`.
 */
export function answerPanel(container, item, kind, context) {
  const form = el("form", { className: "poll kind-" + item.kind, novalidate: true });
  const fields = el("div", { className: "poll-fields" });
  const actions = el("div", { className: "poll-actions" });
  const send = el("button", { type: "submit", className: "button primary big" }, t("send"));
  const status = el("p", { className: "poll-status", role: "status", "aria-live": "polite" });
  const resultsBox = el("div", { className: "participant-results" });
  // The kind's controls and results show the workshop's options; the button and status are the page's.
  markContent(fields);
  markContent(resultsBox);
  form.append(fields, actions, status);
  container.append(form, resultsBox);
  const draft = draftStore(item.id);
  let current = item;
  let mine = context.myAnswer === undefined ? null : context.myAnswer;
  let sending = null;
  let results = null;
  const control = kind.input(fields, item, {
    draft: draft,
    changed() {
      if (control && control.autoSubmit) submit();
      else paint();
    },
  });
  if (!control.autoSubmit) actions.appendChild(send);

  function submit(event) {
    if (event) event.preventDefault();
    let value;
    try {
      value = control.read();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      paint(error.message);
      return;
    }
    sending = value;
    paint();
    context.submit(value).then((ack) => {
      if (sending !== value) return;
      sending = null;
      if (ack.ok) {
        mine = ack.value;
        draft.clear();
        control.fill(mine);
        paint();
      } else {
        paint(ack.error.message);
      }
    });
  }
  form.addEventListener("submit", submit);

  function paint(errorMessage) {
    const open = current.status === "open";
    const locked = !open || (current.config.changeable === false && mine !== null);
    // Inputs stay enabled while sending: disabling them would drop the keyboard
    // focus, and a second send is harmless (the server keeps one answer).
    control.disable(locked);
    send.hidden = locked;
    send.textContent = mine === null ? t("send") : t("send_again");
    form.classList.toggle("closed", !open);
    status.classList.toggle("error", Boolean(errorMessage));
    status.classList.toggle("confirmed", !errorMessage && !sending && mine !== null && open);
    if (errorMessage) status.textContent = errorMessage;
    else if (sending !== null) status.textContent = t("sending");
    else if (!open) status.textContent = mine !== null ? t("closed_answered") : t("closed");
    else if (mine !== null) status.textContent = "✓ " + (locked ? t("saved_final") : t("saved"));
    else status.textContent = control.hint || "";
    const visible = current.results_visible && current.results;
    if (visible && !results) results = kind.results(resultsBox, current, { mine: mine });
    else if (visible) results.update(current, { mine: mine });
    resultsBox.hidden = !visible;
  }

  // Unsent input (a draft) wins over the stored answer: it is what the
  // participant was changing when the page reloaded or the connection dropped.
  const saved = draft.get();
  control.fill(saved !== null ? saved : mine, saved !== null);
  paint();
  return {
    update(next) {
      current = next;
      paint();
    },
    /** After a reconnect or reset: the server's truth for this participant's answer. */
    setMine(value) {
      const next = value === undefined ? null : value;
      // Refill only when the server's answer differs: a reconnect must not throw
      // away what the participant has changed but not sent yet.
      const changed = JSON.stringify(next) !== JSON.stringify(mine);
      mine = next;
      if (sending === null && changed) control.fill(mine);
      paint();
    },
  };
}

/** What presenter and screen show while results are not (yet) visible to them. */
export function resultsNotice(item) {
  const threshold = item.threshold || 0;
  const note = el("div", { className: "results-notice" });
  note.appendChild(el("p", { className: "results-count" },
    item.answers === 1 ? t("answers_one") : t("answers_many", { count: item.answers || 0 })));
  let reason = t("results_hidden");
  if (threshold > 1 && (item.answers || 0) < threshold && !item.revealed) {
    reason = t("results_threshold", { count: threshold });
  }
  note.appendChild(el("p", {}, reason));
  return note;
}

/**
 * The question as the big screen shows it before its results may be (below the threshold,
 * results for the presenter only or hidden): the options, for kinds whose config lists
 * `options` (single and multiple choice, quiz, ranking, points). A kind shows something
 * else by giving its module a `pending(item)` that returns the node (rating, grid).
 */
export function pendingOptions(item) {
  const options = (item.config && item.config.options) || [];
  if (!options.length) return null;
  const list = el("ol", { className: "pending-options", "aria-label": t("pending_options") });
  options.forEach((option) => {
    list.appendChild(el("li", { className: "pending-option", "data-option": option.id, dir: "auto" }, option.label));
  });
  return list;
}

/**
 * Results for presenter or screen; while they are not visible, the question as the kind
 * shows it before results (`kind.pending(item)`, else `pendingOptions`) and the notice.
 */
export function resultsPanel(container, item, kind, context) {
  let view = null;
  let shownFor = null;
  let notice = null;
  function paint(current) {
    const visible = current.results_visible && current.results;
    if (visible) {
      if (shownFor !== "results") {
        container.replaceChildren();
        markContent(container);
        view = kind.results(container, current, context);
        shownFor = "results";
      } else {
        view.update(current, context);
      }
      return;
    }
    const next = resultsNotice(current);
    if (shownFor !== "pending") {
      destroy();
      const question = (kind.pending || pendingOptions)(current);
      const pending = el("div", { className: "results-pending" });
      markContent(container, false);
      if (question) pending.appendChild(markContent(question));
      pending.appendChild(next);
      container.replaceChildren(pending);
      shownFor = "pending";
    } else {
      notice.replaceWith(next);
    }
    notice = next;
  }
  function destroy() {
    if (view && view.destroy) view.destroy();
    view = null;
  }
  paint(item);
  return {
    update: paint,
    destroy,
    /** True while the results shown size themselves to the window (the screen then leaves them unzoomed). */
    get fitsRoom() {
      return shownFor === "results" && Boolean(view && view.fitsRoom);
    },
  };
}
