/* Commitment ("my next small step"): participants write one step (with a live character
 * counter and a draft that survives reconnects) and may tick "share anonymously". Results
 * are the counts and a grid of the shared steps as cards, newest first; the presenter hides
 * cards and puts one large on the big screen. Text is only ever set as text. */
import f from "../app.js";
import { cardWall } from "../components/card_wall.js";
import { textField } from "../components/text_field.js";

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
  const field = textField({
    id, prefix: "commitment", rows: 3, placeholder: item.config.placeholder || text.placeholder, strings: text,
  });
  const { area, unsent } = field;
  const shareId = id + "-share";
  const share = f.el("input", { type: "checkbox", id: shareId, "aria-describedby": shareId + "-hint" });
  const shareLabel = f.el("label", { className: "choice multi commitment-share", for: shareId });
  const shareText = f.el("span", { className: "choice-label" });
  shareText.append(
    f.el("span", { className: "commitment-share-title" }, text.share),
    f.el("span", { className: "commitment-share-hint", id: shareId + "-hint" }, text.shareHint));
  shareLabel.append(share, f.el("span", { className: "choice-mark", "aria-hidden": "true" }), shareText);
  const privacy = f.el("p", { className: "commitment-privacy", hidden: true });
  fields.append(field.label, area, field.meta, shareLabel, privacy);
  let saved = null; // the step the server holds for this participant

  function current() {
    return { text: area.value, shared: share.checked };
  }

  function refresh() {
    field.paint(LIMIT);
    unsent.hidden = area.disabled || sameStep(current(), saved);
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

/** The counts and the shared steps as cards (see components/card_wall.js). */
function results(container, item, context) {
  const text = strings();
  return cardWall(container, item, context, {
    prefix: "commitment",
    listClass: "commitment-cards",
    summaryClass: "commitment-summary",
    textId: (entry) => "commitment-step-" + entry.id,
    strings: {
      mine: text.mine, hidden: text.hiddenMark, onScreen: text.onScreen, show: text.show, hide: text.hide,
      highlight: text.highlight, unhighlight: text.unhighlight, highlightLabel: text.highlightLabel,
      listLabel: text.listLabel, empty: text.noCards, more: text.more,
    },
    entries: (data) => data.cards,
    summary(data, ctx, moderator) {
      const line = countsLine(text, data.answers, data.shared);
      return moderator && data.hidden ? line + " · " + f.format(text.hiddenCount, { count: data.hidden }) : line;
    },
    isMine(entry, mine) {
      const step = asStep(mine);
      return step !== null && step.shared && entry.text === step.text;
    },
    emptyHidden: (data) => data.cards.length > 0,
    hideEmptyList: true,
  });
}

f.registerKind("commitment", { input, results, screenPages: true });
