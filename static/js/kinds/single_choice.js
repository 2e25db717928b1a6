/* Single-choice poll: participants tap one option (sent at once); results as live bars. */
import f from "../app.js";

f.registerKind("single_choice", {
  input(fields, item, context) {
    const text = f.kindTemplate("single_choice").dataset;
    const group = f.el("fieldset", { className: "choices" });
    group.appendChild(f.el("legend", { className: "visually-hidden" }, item.title));
    const inputs = item.config.options.map((option, index) => {
      const id = "choice-" + item.id + "-" + index;
      const label = f.el("label", { className: "choice", for: id });
      const input = f.el("input", { type: "radio", name: "choice-" + item.id, id: id, value: option.id });
      label.append(input, f.el("span", { className: "choice-mark", "aria-hidden": "true" }),
        f.el("span", { className: "choice-label" }, option.label));
      group.appendChild(label);
      input.addEventListener("change", () => context.changed());
      return input;
    });
    fields.appendChild(group);
    return {
      autoSubmit: true,
      hint: text.choose,
      read() {
        const chosen = inputs.find((input) => input.checked);
        if (!chosen) throw new f.InputError(text.choose);
        return chosen.value;
      },
      fill(value) {
        inputs.forEach((input) => { input.checked = input.value === value; });
      },
      disable(flag) {
        inputs.forEach((input) => { input.disabled = flag; });
      },
    };
  },

  results(container, item, context) {
    const bars = f.Bars(container);
    function paint(current, ctx) {
      const mine = ctx && ctx.mine !== undefined ? ctx.mine : (context && context.mine);
      bars.update(current.results, {
        highlight: mine,
        summary: f.role === "participant" ? null : f.t("answered", {
          answers: current.answers, joined: context && context.joined ? context.joined() : "–",
        }),
      });
    }
    paint(item, context);
    return { update: paint };
  },
});
