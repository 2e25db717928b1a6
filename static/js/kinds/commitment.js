/* Commitment ("my next small step"): participants write one step (with a live character
 * counter and a draft that survives reconnects) and may tick "share anonymously". Results
 * are the counts and a grid of the shared steps as cards, newest first; the presenter hides
 * cards and puts one large on the big screen. Text is only ever set as text. */
import f from "../app.js";

const LIMIT = 280;

function strings() {
  return f.kindTemplate("commitment").dataset;
}

/** A step as the page keeps it: `{text, shared}`, whatever came in (null stays null). */
function asStep(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return { text: value, shared: false };
  return { text: typeof value.text === "string" ? value.text : "", shared: value.shared === true };
}

function sameStep(a, b) {
  const left = a || { text: "", shared: false };
  const right = b || { text: "", shared: false };
  return left.text.trim() === right.text.trim() && left.shared === right.shared;
}

/** "12 steps written · 5 shared anonymously" */
function countsLine(text, written, shared) {
  const steps = written === 1 ? text.writtenOne : f.format(text.writtenMany, { count: written });
  return steps + " · " + f.format(text.sharedCount, { count: shared });
}

function input(fields, item, context) {
  const text = strings();
  const id = "commitment-" + item.id;
  const label = f.el("label", { className: "commitment-label", for: id }, text.fieldLabel);
  const area = f.el("textarea", {
    id: id, className: "commitment-input", rows: 3, autocomplete: "off",
    placeholder: item.config.placeholder || text.placeholder,
    "aria-describedby": id + "-count",
  });
  const meta = f.el("div", { className: "commitment-meta", "aria-live": "off" });
  const shortcut = f.el("span", { className: "commitment-shortcut", "aria-hidden": "true" }, text.shortcut);
  const unsent = f.el("span", { className: "commitment-unsent", hidden: true }, text.unsent);
  const counter = f.el("span", { className: "commitment-counter", id: id + "-count" });
  const counterShown = f.el("span", { "aria-hidden": "true" });
  const counterSpoken = f.el("span", { className: "visually-hidden" });
  counter.append(counterShown, counterSpoken);
  meta.append(shortcut, unsent, counter);
  const shareId = id + "-share";
  const share = f.el("input", { type: "checkbox", id: shareId, "aria-describedby": shareId + "-hint" });
  const shareLabel = f.el("label", { className: "choice multi commitment-share", for: shareId });
  const shareText = f.el("span", { className: "choice-label" });
  shareText.append(
    f.el("span", { className: "commitment-share-title" }, text.share),
    f.el("span", { className: "commitment-share-hint", id: shareId + "-hint" }, text.shareHint));
  shareLabel.append(share, f.el("span", { className: "choice-mark", "aria-hidden": "true" }), shareText);
  const privacy = f.el("p", { className: "commitment-privacy", hidden: true });
  fields.append(label, area, meta, shareLabel, privacy);
  let saved = null; // the step the server holds for this participant

  function current() {
    return { text: area.value, shared: share.checked };
  }

  function refresh() {
    const value = area.value.trim();
    f.paintCounter(
      { counter: counter, shown: counterShown, spoken: counterSpoken, area: area }, value, LIMIT, text);
    unsent.hidden = area.disabled || sameStep(current(), saved);
    shortcut.hidden = area.disabled;
    privacy.hidden = saved === null;
    if (saved !== null) {
      privacy.textContent = saved.shared ? "✓ " + text.sharedNote : text.privateNote;
      privacy.classList.toggle("is-shared", saved.shared);
    }
  }

  function changed() {
    if (sameStep(current(), saved)) context.draft.clear();
    else context.draft.set(current());
    refresh();
    context.changed();
  }

  area.addEventListener("input", changed);
  share.addEventListener("change", changed);
  area.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    const form = area.form;
    if (form && form.requestSubmit) form.requestSubmit();
    else if (form) form.dispatchEvent(new Event("submit", { cancelable: true }));
  });
  refresh();

  return {
    hint: text.hint,
    read() {
      const value = area.value.trim();
      if (!value) throw new f.InputError(text.empty);
      if (f.textLength(value) > LIMIT) throw new f.InputError(f.format(text.tooLong, { limit: LIMIT }));
      return { text: value, shared: share.checked };
    },
    fill(value, isDraft) {
      const step = asStep(value);
      saved = isDraft ? null : step;
      let shown = step || { text: "", shared: false };
      // A step typed but not sent (e.g. before a reconnect or reload) wins over the saved one.
      const draft = isDraft ? null : asStep(context.draft.get());
      if (draft && !sameStep(draft, shown)) shown = draft;
      if (area.value !== shown.text) area.value = shown.text;
      share.checked = shown.shared;
      refresh();
    },
    disable(flag) {
      area.disabled = flag;
      share.disabled = flag;
      refresh();
    },
  };
}

/**
 * The counts and the shared steps as cards, newest first, keyed by answer id and updated
 * in place. The presenter gets hide/show and highlight buttons; the big screen shows the
 * highlighted step large above the others; a participant sees their own shared step marked.
 */
function results(container, item, context) {
  const text = strings();
  const role = f.role;
  const moderator = Boolean(context && context.moderator);
  const onScreen = role === "screen";
  const root = f.el("div", { className: "commitment-results role-" + role });
  if (role === "participant") root.setAttribute("aria-live", "off");
  const summary = f.el("p", { className: "results-summary commitment-summary" });
  const spotlight = f.el("figure", { className: "commitment-spotlight", hidden: true });
  const spotlightCaption = f.el("figcaption", { className: "commitment-spotlight-caption" },
    onScreen ? null : text.onScreen);
  const spotlightQuote = f.el("blockquote", { className: "commitment-spotlight-text" });
  spotlight.append(spotlightCaption, spotlightQuote);
  if (onScreen) spotlight.setAttribute("aria-label", text.highlightLabel);
  let spotlightButton = null;
  if (moderator) {
    spotlightButton = f.el("button", { type: "button", className: "button commitment-action" }, text.unhighlight);
    spotlightButton.addEventListener("click", () => send(spotlightButton, "highlight_answer", { answer_id: null }));
    spotlight.appendChild(spotlightButton);
  }
  const list = f.el("ol", { className: "commitment-cards", "aria-label": text.listLabel });
  const empty = f.el("p", { className: "commitment-empty" }, text.noCards);
  const more = f.el("p", { className: "commitment-more", hidden: true });
  root.append(summary, spotlight, list, empty, more);
  container.appendChild(root);
  const cards = new Map();
  let current = item;

  /** Send a presenter command; the button waits for the answer so it is not pressed twice. */
  function send(button, event, payload) {
    button.disabled = true;
    return context.command(event, Object.assign({ item_id: current.id }, payload)).then(() => {
      button.disabled = false;
    });
  }

  function card(entry) {
    if (cards.has(entry.id)) return cards.get(entry.id);
    const node = f.el("li", { className: "commitment-card", "data-answer": entry.id });
    const textId = "commitment-step-" + entry.id;
    const body = f.el("p", { className: "commitment-text", id: textId, dir: "auto" });
    const tags = f.el("p", { className: "commitment-tags" });
    const mine = f.el("span", { className: "commitment-tag tag-mine", hidden: true }, text.mine);
    const hiddenMark = f.el("span", { className: "commitment-tag tag-hidden", hidden: true }, text.hiddenMark);
    const shown = f.el("span", { className: "commitment-tag tag-on-screen", hidden: true }, text.onScreen);
    tags.append(mine, hiddenMark, shown);
    node.append(body, tags);
    const view = { node, body, tags, mine, hiddenMark, shown, entry };
    if (moderator) {
      const actions = f.el("div", { className: "commitment-actions" });
      view.hide = f.el("button", { type: "button", className: "button commitment-action", "aria-describedby": textId });
      view.highlight = f.el("button", { type: "button", className: "button commitment-action", "aria-describedby": textId });
      view.hide.addEventListener("click", () => {
        send(view.hide, "hide_answer", { answer_id: view.entry.id, hidden: !view.entry.hidden });
      });
      view.highlight.addEventListener("click", () => {
        const highlighted = current.results.highlight;
        const on = highlighted && highlighted.id === view.entry.id;
        send(view.highlight, "highlight_answer", { answer_id: on ? null : view.entry.id });
      });
      actions.append(view.hide, view.highlight);
      node.appendChild(actions);
    }
    cards.set(entry.id, view);
    return view;
  }

  function paint(next, ctx) {
    current = next;
    const data = next.results;
    if (!data) return;
    const mineValue = asStep(ctx && ctx.mine !== undefined ? ctx.mine : context && context.mine);
    const highlight = data.highlight || null;
    const highlightId = highlight ? highlight.id : null;

    let line = countsLine(text, data.answers, data.shared);
    if (moderator && data.hidden) line += " · " + f.format(text.hiddenCount, { count: data.hidden });
    summary.textContent = line;

    spotlight.hidden = !highlight;
    if (highlight && spotlightQuote.textContent !== highlight.text) spotlightQuote.textContent = highlight.text;

    const entries = onScreen ? data.cards.filter((entry) => entry.id !== highlightId) : data.cards;
    const wanted = new Set(entries.map((entry) => entry.id));
    cards.forEach((view, id) => {
      if (!wanted.has(id)) {
        view.node.remove();
        cards.delete(id);
      }
    });
    let mineMarked = false;
    entries.forEach((entry, index) => {
      const view = card(entry);
      view.entry = entry;
      if (view.body.textContent !== entry.text) view.body.textContent = entry.text;
      const isMine = role === "participant" && !mineMarked && mineValue !== null
        && mineValue.shared && entry.text === mineValue.text;
      if (isMine) mineMarked = true;
      const isHidden = Boolean(entry.hidden);
      const isHighlighted = entry.id === highlightId;
      view.mine.hidden = !isMine;
      view.hiddenMark.hidden = !isHidden;
      view.shown.hidden = !isHighlighted || onScreen;
      view.tags.hidden = view.mine.hidden && view.hiddenMark.hidden && view.shown.hidden;
      view.node.classList.toggle("mine", isMine);
      view.node.classList.toggle("is-hidden", isHidden);
      view.node.classList.toggle("highlighted", isHighlighted);
      if (moderator) {
        view.hide.textContent = isHidden ? text.show : text.hide;
        view.highlight.textContent = isHighlighted ? text.unhighlight : text.highlight;
        view.highlight.hidden = isHidden;
      }
      if (list.children[index] !== view.node) list.insertBefore(view.node, list.children[index] || null);
    });

    list.hidden = entries.length === 0;
    empty.hidden = data.cards.length > 0;
    more.hidden = !data.more;
    more.textContent = data.more ? f.format(text.more, { count: data.more }) : "";
  }

  paint(item, context);
  return { update: paint };
}

f.registerKind("commitment", { input, results });
