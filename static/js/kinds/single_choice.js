/* Single-choice poll: participants tap one option (sent at once while they may change it;
 * with `changeable: false` only the Send button sends, so arrowing through the radio
 * buttons never locks in an answer); results as live bars. */
import f from "../app.js";
import { choices } from "../components/choices.js";

f.registerKind("single_choice", {
  input(fields, item, context) {
    const text = f.kindTemplate("single_choice").dataset;
    const final = item.config.changeable === false;
    return choices(fields, item, context, {
      hint: final ? text.chooseFinal : text.choose,
      none: final ? text.chooseFinal : text.choose,
      autoSubmit: !final,
    });
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
