/* Multiple-choice poll: participants tick several options (within the poll's limits) and send;
 * results as live bars with the share of people who picked each option. */
import f from "../app.js";
import { choices } from "../components/choices.js";

/** The visible rule for how many options to pick. */
function limitText(text, minimum, maximum) {
  if (maximum === 1) return text.pickOne;
  if (maximum !== null && minimum === maximum) return f.format(text.pickExactly, { count: maximum });
  if (maximum !== null && minimum > 1) return f.format(text.pickBetween, { minimum, maximum });
  if (maximum !== null) return f.format(text.pickUpTo, { maximum });
  if (minimum > 1) return f.format(text.pickAtLeast, { minimum });
  return text.pickAny;
}

f.registerKind("multiple_choice", {
  input(fields, item, context) {
    const text = f.kindTemplate("multiple_choice").dataset;
    const minimum = item.config.min_choices || 1;
    const maximum = item.config.max_choices || null;
    const rule = f.el("p", { className: "pick-rule", id: "choices-hint-" + item.id });
    const ruleText = f.el("span", { className: "pick-rule-text" }, limitText(text, minimum, maximum));
    const counter = f.el("span", { className: "pick-count", "aria-live": "polite" });
    rule.append(ruleText, counter);
    const control = choices(fields, item, context, {
      multiple: true,
      rule: rule,
      none: text.none,
      onChange(input, proceed) {
        count();
        proceed();
      },
    });

    function count() {
      const picked = control.picked().length;
      counter.textContent = maximum === null
        ? f.format(text.chosen, { count: picked })
        : f.format(text.chosenOf, { count: picked, maximum });
      const over = maximum !== null && picked > maximum;
      counter.classList.toggle("over", over);
      control.group.setAttribute("aria-invalid", over ? "true" : "false");
    }

    count();
    return {
      autoSubmit: false,
      read() {
        const picked = control.read();
        if (picked.length < minimum) throw new f.InputError(f.format(text.tooFew, { minimum }));
        if (maximum !== null && picked.length > maximum) {
          throw new f.InputError(f.format(text.tooMany, { count: picked.length, maximum }));
        }
        return picked;
      },
      fill(value) {
        control.fill(Array.isArray(value) ? value : []);
        count();
      },
      disable: control.disable,
    };
  },

  results(container, item, context) {
    const text = f.kindTemplate("multiple_choice").dataset;
    const bars = f.Bars(container);
    const note = f.el("p", { className: "hint several-note" }, text.severalNote);
    note.hidden = item.config.max_choices === 1;
    container.appendChild(note);

    function paint(current, ctx) {
      const mine = ctx && ctx.mine !== undefined ? ctx.mine : (context && context.mine);
      const picked = new Set(Array.isArray(mine) ? mine : []);
      bars.update(current.results, {
        summary: f.role === "participant" ? null : f.t("answered", {
          answers: current.answers, joined: context && context.joined ? context.joined() : "–",
        }),
      });
      container.querySelectorAll(".bar-row[data-option]").forEach((row) => {
        row.classList.toggle("mine", picked.has(row.dataset.option));
      });
    }
    paint(item, context);
    return { update: paint };
  },
});
