/* Open text: participants write one free answer (with a live character counter and a draft
 * that survives reconnects); results are a wall of answer cards, newest first. The presenter
 * hides answers and puts one large on the big screen. Text is only ever set as text. */
import f from "../app.js";
import { cardWall } from "../components/card_wall.js";
import { textField } from "../components/text_field.js";

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
  const field = textField({
    id, prefix: "open-text", rows: 4, placeholder: item.config.placeholder || text.placeholder, strings: text,
  });
  const { area, unsent } = field;
  fields.append(field.label, area, field.meta);
  let saved = null; // the answer the server holds for this participant

  function refresh() {
    field.paint(limit);
    unsent.hidden = area.disabled || area.value.trim() === (saved === null ? "" : saved);
  }

  area.addEventListener("input", () => {
    if (area.value.trim() === (saved === null ? "" : saved)) context.draft.clear();
    else context.draft.set(area.value);
    refresh();
    context.changed();
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

/** The answers as cards (see components/card_wall.js); hidden ones only for the presenter. */
function results(container, item, context) {
  const text = strings();
  return cardWall(container, item, context, {
    prefix: "open-text",
    listClass: "open-text-list",
    textId: (entry) => "open-text-answer-" + entry.id,
    strings: {
      mine: text.mine, hidden: f.t("hidden"), onScreen: f.t("on_screen"), show: text.show, hide: f.t("hide"),
      highlight: text.highlight, unhighlight: text.unhighlight, highlightLabel: text.highlightLabel,
      listLabel: text.listLabel, empty: text.noAnswers, more: text.more, sameCount: text.sameCount,
    },
    entries: (data) => data.texts,
    // The big screen shows identical answers once, with how many sent them.
    screenEntries: (data) => data.groups || data.texts,
    summary(data, ctx, moderator) {
      if (!moderator) return answersText(visibleCount(data, moderator));
      const line = f.t("answered", { answers: data.answers, joined: ctx.joined ? ctx.joined() : "–" });
      return data.hidden ? line + " · " + f.format(text.hiddenCount, { count: data.hidden }) : line;
    },
    isMine: (entry, mine) => mine !== null && mine !== undefined && entry.text === mine,
    emptyHidden: (data, moderator) => data.answers > 0 && (moderator || visibleCount(data, moderator) > 0),
  });
}

/** How many answers others can see (the listed ones not hidden, plus those not listed). */
function visibleCount(data, moderator) {
  return data.texts.filter((entry) => !entry.hidden).length + (moderator ? 0 : data.more);
}

f.registerKind("open_text", { input, results, screenPages: true });
