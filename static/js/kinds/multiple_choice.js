/* Multiple-choice poll: participants tick several options (within the poll's limits) and send;
 * results as live bars with the share of people who picked each option. */
import f from "../app.js";

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
    const options = item.config.options;
    const minimum = item.config.min_choices || 1;
    const maximum = item.config.max_choices || null;
    const hintId = "choices-hint-" + item.id;
    const group = f.el("fieldset", { className: "choices", "aria-describedby": hintId });
    group.appendChild(f.el("legend", { className: "visually-hidden" }, item.title));
    const rule = f.el("p", { className: "pick-rule", id: hintId });
    const ruleText = f.el("span", { className: "pick-rule-text" }, limitText(text, minimum, maximum));
    const counter = f.el("span", { className: "pick-count", "aria-live": "polite" });
    rule.append(ruleText, counter);
    group.appendChild(rule);
    const inputs = options.map((option, index) => {
      const id = "choice-" + item.id + "-" + index;
      const label = f.el("label", { className: "choice multi", for: id });
      const input = f.el("input", { type: "checkbox", name: "choice-" + item.id, id: id, value: option.id });
      label.append(input, f.el("span", { className: "choice-mark", "aria-hidden": "true" }),
        f.el("span", { className: "choice-label" }, option.label));
      group.appendChild(label);
      input.addEventListener("change", () => {
        count();
        context.draft.set(chosen());
        context.changed();
      });
      return input;
    });
    fields.appendChild(group);

    function chosen() {
      return inputs.filter((input) => input.checked).map((input) => input.value);
    }

    function count() {
      const picked = chosen().length;
      counter.textContent = maximum === null
        ? f.format(text.chosen, { count: picked })
        : f.format(text.chosenOf, { count: picked, maximum });
      const over = maximum !== null && picked > maximum;
      counter.classList.toggle("over", over);
      group.setAttribute("aria-invalid", over ? "true" : "false");
    }

    count();
    return {
      read() {
        const picked = chosen();
        if (picked.length === 0) throw new f.InputError(text.none);
        if (picked.length < minimum) throw new f.InputError(f.format(text.tooFew, { minimum }));
        if (maximum !== null && picked.length > maximum) {
          throw new f.InputError(f.format(text.tooMany, { count: picked.length, maximum }));
        }
        return picked;
      },
      fill(value) {
        const picked = Array.isArray(value) ? value : [];
        inputs.forEach((input) => { input.checked = picked.includes(input.value); });
        count();
      },
      disable(flag) {
        inputs.forEach((input) => { input.disabled = flag; });
      },
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
