/* Open text: participants write one free answer (with a live character counter and a draft
 * that survives reconnects); results are a wall of answer cards, newest first. The presenter
 * hides answers and puts one large on the big screen. Text is only ever set as text. */
import f from "../app.js";
import { card as cardView } from "../components/card.js";

function strings() {
  return f.kindTemplate("open_text").dataset;
}

function answersText(count) {
  return count === 1 ? f.t("answers_one") : f.t("answers_many", { count: count });
}

function input(fields, item, context) {
  const text = strings();
  const limit = item.config.max_length || 280;
  const id = "open-text-" + item.id;
  const label = f.el("label", { className: "open-text-label", for: id }, text.fieldLabel);
  const area = f.el("textarea", {
    id: id, className: "open-text-input", rows: 4, autocomplete: "off",
    placeholder: item.config.placeholder || text.placeholder,
    "aria-describedby": id + "-count",
  });
  const meta = f.el("div", { className: "open-text-meta", "aria-live": "off" });
  const shortcut = f.el("span", { className: "open-text-shortcut", "aria-hidden": "true" }, text.shortcut);
  const unsent = f.el("span", { className: "open-text-unsent", hidden: true }, text.unsent);
  const counter = f.el("span", { className: "open-text-counter", id: id + "-count" });
  const counterShown = f.el("span", { "aria-hidden": "true" });
  const counterSpoken = f.el("span", { className: "visually-hidden" });
  counter.append(counterShown, counterSpoken);
  meta.append(shortcut, unsent, counter);
  fields.append(label, area, meta);
  let saved = null; // the answer the server holds for this participant

  function refresh() {
    const value = area.value.trim();
    f.paintCounter(
      { counter: counter, shown: counterShown, spoken: counterSpoken, area: area }, value, limit, text);
    unsent.hidden = area.disabled || value === (saved === null ? "" : saved);
    shortcut.hidden = area.disabled;
  }

  area.addEventListener("input", () => {
    if (area.value.trim() === (saved === null ? "" : saved)) context.draft.clear();
    else context.draft.set(area.value);
    refresh();
    context.changed();
  });
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
      if (f.textLength(value) > limit) throw new f.InputError(f.format(text.tooLong, { limit: limit }));
      return value;
    },
    fill(value, isDraft) {
      saved = isDraft ? null : value;
      let shown = value === null || value === undefined ? "" : value;
      // Text typed but not sent (e.g. before a reconnect or reload) wins over the saved answer.
      const draft = isDraft ? null : context.draft.get();
      if (typeof draft === "string" && draft.trim() !== shown) shown = draft;
      if (area.value !== shown) area.value = shown;
      refresh();
    },
    disable(flag) {
      area.disabled = flag;
      refresh();
    },
  };
}

/**
 * The answers as cards, newest first, keyed by answer id and updated in place. The
 * presenter gets hide/show and highlight buttons; the big screen shows the highlighted
 * answer large above the others; a participant sees their own answer marked.
 */
function results(container, item, context) {
  const text = strings();
  const role = f.role;
  const moderator = Boolean(context && context.moderator);
  const onScreen = role === "screen";
  const root = f.el("div", { className: "open-text-results role-" + role });
  if (role === "participant") root.setAttribute("aria-live", "off");
  const summary = f.el("p", { className: "results-summary" });
  const spotlight = f.el("figure", { className: "open-text-spotlight", hidden: true });
  const spotlightCaption = f.el("figcaption", { className: "open-text-spotlight-caption" },
    onScreen ? null : f.t("on_screen"));
  const spotlightQuote = f.el("blockquote", { className: "open-text-spotlight-text" });
  spotlight.append(spotlightCaption, spotlightQuote);
  if (onScreen) spotlight.setAttribute("aria-label", text.highlightLabel);
  let spotlightButton = null;
  if (moderator) {
    spotlightButton = f.el("button", { type: "button", className: "button open-text-action" }, text.unhighlight);
    spotlightButton.addEventListener("click", () => send(spotlightButton, "highlight_answer", { answer_id: null }));
    spotlight.appendChild(spotlightButton);
  }
  const list = f.el("ol", { className: "open-text-list", "aria-label": text.listLabel });
  const empty = f.el("p", { className: "open-text-empty" }, text.noAnswers);
  const more = f.el("p", { className: "open-text-more", hidden: true });
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
    const view = cardView({
      className: "open-text-card",
      data: { answer: entry.id },
      textId: "open-text-answer-" + entry.id,
      textClass: "open-text-text",
      tags: {
        className: "open-text-tags",
        pillClass: "open-text-tag",
        items: [
          { key: "mine", className: "tag-mine", text: text.mine, hidden: true },
          { key: "hidden", className: "tag-hidden", text: f.t("hidden"), hidden: true },
          { key: "onScreen", className: "tag-on-screen", text: f.t("on_screen"), hidden: true },
        ],
      },
      actions: moderator ? {
        className: "open-text-actions",
        buttonClass: "button open-text-action",
        items: [
          {
            key: "hide",
            onClick(button) {
              send(button, "hide_answer", { answer_id: view.entry.id, hidden: !view.entry.hidden });
            },
          },
          {
            key: "highlight",
            onClick(button) {
              const highlighted = current.results.highlight;
              const on = highlighted && highlighted.id === view.entry.id;
              send(button, "highlight_answer", { answer_id: on ? null : view.entry.id });
            },
          },
        ],
      } : null,
    });
    view.entry = entry;
    cards.set(entry.id, view);
    return view;
  }

  function paint(next, ctx) {
    current = next;
    const data = next.results;
    if (!data) return;
    const mineValue = ctx && ctx.mine !== undefined ? ctx.mine : context && context.mine;
    const highlight = data.highlight || null;
    const highlightId = highlight ? highlight.id : null;
    const visibleCount = data.texts.filter((entry) => !entry.hidden).length + (moderator ? 0 : data.more);

    if (moderator) {
      let line = f.t("answered", {
        answers: data.answers, joined: context.joined ? context.joined() : "–",
      });
      if (data.hidden) line += " · " + f.format(text.hiddenCount, { count: data.hidden });
      summary.textContent = line;
    } else {
      summary.textContent = answersText(visibleCount);
    }

    spotlight.hidden = !highlight;
    if (highlight && spotlightQuote.textContent !== highlight.text) spotlightQuote.textContent = highlight.text;

    const entries = onScreen ? data.texts.filter((entry) => entry.id !== highlightId) : data.texts;
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
      view.setText(entry.text);
      const isMine = role === "participant" && !mineMarked && mineValue !== null
        && mineValue !== undefined && entry.text === mineValue;
      if (isMine) mineMarked = true;
      const isHidden = Boolean(entry.hidden);
      const isHighlighted = entry.id === highlightId;
      view.setTags({ mine: isMine, hidden: isHidden, onScreen: isHighlighted && !onScreen });
      view.setState({ mine: isMine, hidden: isHidden, highlighted: isHighlighted });
      if (moderator) {
        view.setAction("hide", { label: isHidden ? text.show : f.t("hide") });
        view.setAction("highlight", { label: isHighlighted ? text.unhighlight : text.highlight, hidden: isHidden });
      }
      if (list.children[index] !== view.node) list.insertBefore(view.node, list.children[index] || null);
    });

    empty.hidden = data.answers > 0 && (moderator || visibleCount > 0);
    more.hidden = !data.more;
    more.textContent = data.more ? f.format(text.more, { count: data.more }) : "";
  }

  paint(item, context);
  return { update: paint };
}

f.registerKind("open_text", { input, results });
