/* Rating scale: participants tap one number (sent at once; with the arrow keys it is sent once
 * they pause); results as vertical bars per value with mean and median in large type. */
import f from "../app.js";
import { choices } from "../components/choices.js";

// Arrow keys move the choice through the scale; wait this long for the next key before sending.
const KEYBOARD_PAUSE_MS = 900;
const NAVIGATION_KEYS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"];

function values(config) {
  const list = [];
  for (let value = config.minimum; value <= config.maximum; value += 1) list.push(value);
  return list;
}

const language = document.documentElement.lang || undefined;
const oneDecimal = new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToOneDecimal = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });

function formatNumber(value, always) {
  if (value === null || value === undefined) return "–";
  return (always ? oneDecimal : upToOneDecimal).format(value);
}

/** The end labels under the lowest and highest value ("0 = …" where the scale wraps). */
function endLabels(config) {
  const ends = f.el("div", { className: "rating-ends", "aria-hidden": "true" });
  [["low", config.minimum, config.low_label], ["high", config.maximum, config.high_label]]
    .forEach(([side, value, label]) => {
      const end = f.el("span", { className: "rating-end " + side });
      if (label) {
        end.append(f.el("span", { className: "rating-end-value" }, value + " = "), label);
      }
      ends.appendChild(end);
    });
  return ends;
}

/** Columns per row: the whole scale, or two rows where many steps meet a narrow screen. */
function layoutScale(node, count) {
  node.style.setProperty("--steps", String(count));
  node.style.setProperty("--half", String(Math.ceil(count / 2)));
  node.classList.toggle("many", count > 7);
}

/** Before results may be shown: the scale itself, its ends labelled, large on the screen. */
function pending(item) {
  const config = item.config;
  const text = f.kindTemplate("rating").dataset;
  const root = f.el("div", { className: "rating-pending" });
  const scale = f.el("ol", {
    className: "rating-pending-scale",
    "aria-label": f.format(text.scale, { minimum: config.minimum, maximum: config.maximum }),
  });
  values(config).forEach((value) => scale.appendChild(f.el("li", { className: "rating-pending-step" }, String(value))));
  layoutScale(scale, values(config).length);
  root.append(scale, endLabels(config));
  return root;
}

f.registerKind("rating", {
  pending,
  input(fields, item, context) {
    const text = f.kindTemplate("rating").dataset;
    const config = item.config;
    const final = config.changeable === false; // only Send sends (arrowing never locks in a value)
    const scaleValues = values(config);
    let keyed = 0;
    let pending = null;
    let focusLost = false;

    function send() {
      window.clearTimeout(pending);
      pending = null;
      context.changed();
    }

    const control = choices(fields, item, context, {
      prefix: "rating",
      className: "rating-input",
      choiceClassName: "rating-step",
      list: f.el("div", { className: "rating-scale" }),
      choices: scaleValues.map((value) => ({ value: value, label: String(value), key: value })),
      content(choice) {
        const nodes = [f.el("span", { className: "rating-number" }, choice.label)];
        const value = choice.value;
        const end = value === config.minimum ? config.low_label : value === config.maximum ? config.high_label : "";
        if (end) nodes.push(f.el("span", { className: "visually-hidden" }, " – " + end));
        return nodes;
      },
      hint: final ? text.chooseFinal : text.choose,
      none: final ? text.chooseFinal : text.choose,
      parse: Number,
      onChange() {
        // An answer that cannot be changed is sent only with Send.
        if (final) return;
        // A tap sends at once; arrow keys wait for a pause so passing values are not sent.
        if (Date.now() - keyed < 200) {
          window.clearTimeout(pending);
          pending = window.setTimeout(send, KEYBOARD_PAUSE_MS);
        } else {
          send();
        }
      },
      setup(input) {
        input.addEventListener("keydown", (event) => {
          if (NAVIGATION_KEYS.includes(event.key)) keyed = Date.now();
          if (event.key === "Enter") {
            event.preventDefault();
            if (input.checked && !final) send();
          }
        });
      },
    });
    const group = control.group;
    const inputs = control.inputs;
    layoutScale(group, scaleValues.length);
    group.appendChild(endLabels(config));

    return {
      autoSubmit: !final,
      hint: final ? text.chooseFinal : text.choose,
      read: control.read,
      fill(value) {
        if (pending !== null) return;
        control.fill(value === null ? null : String(value));
      },
      disable(flag) {
        // Disabling the focused radio while a vote is sent drops keyboard focus; put it back.
        if (flag && inputs.includes(document.activeElement)) focusLost = true;
        control.disable(flag);
        if (!flag && focusLost) {
          focusLost = false;
          const target = inputs.find((input) => input.checked) || inputs[0];
          if (!document.activeElement || document.activeElement === document.body) target.focus();
        }
      },
    };
  },

  results(container, item, context) {
    const text = f.kindTemplate("rating").dataset;
    const config = item.config;
    const root = f.el("div", { className: "results rating-results" });
    const summary = f.el("p", { className: "results-summary" });
    const stats = f.el("div", { className: "rating-stats" });
    const statNodes = {};
    [["mean", text.mean], ["median", text.median]].forEach(([name, label]) => {
      const stat = f.el("p", { className: "rating-stat " + name });
      statNodes[name] = f.el("span", { className: "rating-stat-value" });
      stat.append(f.el("span", { className: "rating-stat-label" }, label), statNodes[name]);
      stats.appendChild(stat);
    });
    const chart = f.el("div", { className: "rating-chart" });
    const list = f.el("ol", { className: "rating-columns", "aria-label": text.distribution });
    const meanRow = f.el("div", { className: "rating-mean-row", "aria-hidden": "true" });
    const marker = f.el("span", { className: "rating-mean-marker" });
    meanRow.appendChild(marker);
    chart.append(list, meanRow, endLabels(config));
    layoutScale(chart, values(config).length);
    const body = f.el("div", { className: "rating-results-body" });
    body.append(chart, stats);
    root.append(summary, body);
    container.appendChild(root);
    const columns = new Map();

    function column(value) {
      if (columns.has(value)) return columns.get(value);
      const li = f.el("li", { className: "rating-column", "data-value": String(value) });
      const count = f.el("span", { className: "rating-column-count" });
      const track = f.el("span", { className: "rating-column-track", "aria-hidden": "true" });
      const bar = f.el("span", { className: "rating-column-bar" });
      const label = f.el("span", { className: "rating-column-value", "aria-hidden": "true" }, String(value));
      const spoken = f.el("span", { className: "visually-hidden" });
      bar.appendChild(count);
      track.appendChild(bar);
      li.append(track, label, spoken);
      list.appendChild(li);
      const entry = { li, count, bar, spoken };
      columns.set(value, entry);
      return entry;
    }

    function paint(current, ctx) {
      const results = current.results;
      const mine = ctx && ctx.mine !== undefined ? ctx.mine : (context && context.mine);
      summary.textContent = f.role === "participant"
        ? (results.answers === 1 ? f.t("answers_one") : f.t("answers_many", { count: results.answers }))
        : f.t("answered", { answers: current.answers, joined: context && context.joined ? context.joined() : "–" });
      statNodes.mean.textContent = formatNumber(results.mean, true);
      statNodes.median.textContent = formatNumber(results.median, false);
      const top = Math.max(0, ...results.distribution.map((entry) => entry.count));
      results.distribution.forEach((entry) => {
        const node = column(entry.value);
        node.count.textContent = String(entry.count);
        node.bar.style.height = (top ? (entry.count / top) * 100 : 0) + "%";
        node.li.classList.toggle("leading", top > 0 && entry.count === top);
        node.li.classList.toggle("empty", entry.count === 0);
        node.li.classList.toggle("mine", mine === entry.value);
        node.spoken.textContent = entry.value + ": " + f.votesText(entry.count) + ", " + entry.percent + " %";
      });
      marker.hidden = results.mean === null;
      if (results.mean !== null) {
        const steps = config.maximum - config.minimum + 1;
        const share = ((results.mean - config.minimum + 0.5) / steps) * 100;
        // Near the ends the label would stick out of the chart; keep it inside.
        marker.style.left = "clamp(3.2em, " + share.toFixed(2) + "%, calc(100% - 3.2em))";
        marker.textContent = "▲ " + f.format(text.meanMarker, { value: formatNumber(results.mean, true) });
      }
    }

    paint(item, context);
    return { update: paint };
  },
});
