/* Single-choice poll: participants tap one option (sent at once); results as live bars. */
import f from "../app.js";
import { choices } from "../components/choices.js";

f.registerKind("single_choice", {
  input(fields, item, context) {
    const text = f.kindTemplate("single_choice").dataset;
    return choices(fields, item, context, { hint: text.choose, none: text.choose });
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
