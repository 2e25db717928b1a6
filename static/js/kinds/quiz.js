/* Quiz question: participants pick one answer (or several); the results mark the correct
 * options once the key is part of them (presenter always, everyone else after the reveal). */
import f from "../app.js";
import { choices, picksOf } from "../components/choices.js";

/** How the participant's own answer compares with the key: right, partly, wrong or none. */
function verdict(mine, correct, multiple) {
  const picks = picksOf(mine);
  if (!picks.length) return "none";
  const key = new Set(correct);
  if (!multiple) return key.has(picks[0]) ? "right" : "wrong";
  const hits = picks.filter((id) => key.has(id)).length;
  if (hits === key.size && picks.length === key.size) return "right";
  return hits > 0 ? "partly" : "wrong";
}

/** Result bars keyed by option id, with the correct options marked by icon and text. */
function QuizBars(container, text) {
  const root = f.el("div", { className: "results quiz-results" });
  const summary = f.el("p", { className: "results-summary" });
  const feedback = f.el("p", { className: "quiz-feedback", role: "status" });
  const score = f.el("p", { className: "quiz-score" });
  const list = f.el("ol", { className: "bars" });
  root.append(summary, feedback, score, list);
  container.appendChild(root);
  const rows = new Map();

  function row(option) {
    if (rows.has(option.id)) return rows.get(option.id);
    const item = f.el("li", { className: "bar-row", "data-option": option.id });
    const label = f.el("span", { className: "bar-label" });
    const name = f.el("span", { className: "quiz-option" });
    const key = f.el("span", { className: "quiz-key" });
    key.append(f.el("span", { className: "quiz-key-icon", "aria-hidden": "true" }, "✓"),
      f.el("span", {}, text.correct));
    const mine = f.el("span", { className: "quiz-mine" }, "(" + text.yourAnswer + ")");
    label.append(name, " ", key, " ", mine);
    const track = f.el("span", { className: "bar-track", "aria-hidden": "true" });
    const fill = f.el("span", { className: "bar-fill" });
    const figures = f.el("span", { className: "bar-figures" });
    track.appendChild(fill);
    item.append(label, track, figures);
    list.appendChild(item);
    const entry = { item, name, key, mine, fill, figures };
    rows.set(option.id, entry);
    return entry;
  }

  return {
    update(results, options) {
      const keyed = Array.isArray(results.correct);
      const picks = new Set(picksOf(options.mine));
      root.classList.toggle("keyed", keyed);
      summary.textContent = options.summary
        || (results.answers ? f.votesText(results.answers) : f.t("no_votes"));
      score.hidden = !keyed;
      if (keyed) {
        score.textContent = f.format(text.correctShare, {
          percent: results.correct_share, count: results.correct_count, answers: results.answers,
        });
      }
      const state = keyed && options.feedback ? verdict(options.mine, results.correct, results.multiple) : null;
      feedback.hidden = !state;
      feedback.className = "quiz-feedback" + (state ? " " + state : "");
      if (state) {
        const several = results.correct.length > 1 ? "Several" : "";
        const message = {
          right: text.mineRight,
          partly: text.minePartly,
          wrong: text["mineWrong" + several],
          none: text["mineNone" + several],
        }[state];
        if (feedback.textContent !== message) feedback.textContent = message;
      }
      results.options.forEach((option) => {
        const entry = row(option);
        const correct = keyed && option.correct === true;
        const own = picks.has(option.id);
        entry.name.textContent = option.label;
        entry.key.hidden = !correct;
        entry.mine.hidden = !own;
        entry.figures.textContent = option.count + " · " + option.percent + " %";
        entry.fill.style.width = option.percent + "%";
        entry.item.classList.toggle("correct", correct);
        entry.item.classList.toggle("own", own);
        let spoken = option.label + ": " + f.votesText(option.count) + ", " + option.percent + " %";
        if (correct) spoken += ", " + text.correct;
        if (own) spoken += ", " + text.yourAnswer;
        entry.item.setAttribute("aria-label", spoken);
      });
    },
  };
}

f.registerKind("quiz", {
  input(fields, item, context) {
    const text = f.kindTemplate("quiz").dataset;
    const multiple = item.config.multiple === true;
    const rule = multiple
      ? f.el("p", { className: "pick-rule", id: "quiz-hint-" + item.id }, text.pickSeveral) : null;
    return choices(fields, item, context, {
      multiple: multiple,
      prefix: "quiz",
      rule: rule,
      // One tap answers, unless the first answer is final: then a tap must not commit it.
      autoSubmit: !multiple && item.config.changeable !== false,
      hint: multiple ? "" : text.pickOne,
      none: text.none,
    });
  },

  results(container, item, context) {
    const text = f.kindTemplate("quiz").dataset;
    const bars = QuizBars(container, text);
    const moderator = Boolean(context && context.moderator);
    const keyNote = f.el("p", { className: "hint quiz-key-note" });
    const reveal = f.el("button", { type: "button", className: "button" }, text.reveal);
    if (moderator) {
      container.append(keyNote, reveal);
      reveal.addEventListener("click", () => {
        reveal.disabled = true;
        context.command("reveal_results", { item_id: item.id }).then(() => { reveal.disabled = false; });
      });
    }

    function paint(current, ctx) {
      const mine = ctx && ctx.mine !== undefined ? ctx.mine : (context && context.mine);
      const participant = f.role === "participant";
      bars.update(current.results, {
        mine: participant ? mine : null,
        feedback: participant,
        summary: participant ? null : f.t("answered", {
          answers: current.answers, joined: context && context.joined ? context.joined() : "–",
        }),
      });
      if (moderator) {
        const stillChangeable = current.status === "open" && current.config.changeable !== false;
        keyNote.textContent = current.revealed ? text.keyPublic
          : text.keyPrivate + (stillChangeable ? " " + text.closeFirst : "");
        // The shared "show results" button is not offered for live results; the key still needs one.
        reveal.hidden = current.revealed || current.config.results !== "live";
      }
    }
    paint(item, context);
    return { update: paint };
  },
});
