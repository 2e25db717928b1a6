/* Points poll ("100 points"): participants spread a budget of points with −/+ buttons or by
 * typing, with a live "points left" counter; results as bars of the points per option. */
import f from "../app.js";

function strings() {
  return f.kindTemplate("points").dataset;
}

/** The −/+ steps offered for a budget: small budgets move by 1, 5, 10; large ones by more. */
function stepsFor(total) {
  if (total >= 500) return [1, 10, 50];
  if (total >= 200) return [1, 10, 25];
  if (total >= 50) return [1, 5, 10];
  return [1, 2, 5];
}

function participantInput(fields, item, context) {
  const text = strings();
  const total = item.config.total;
  const options = item.config.options;
  const steps = stepsFor(total);
  let step = steps[1];
  let locked = false;

  const counter = f.el("p", { className: "points-counter", role: "status", "aria-live": "polite" });
  const meter = f.el("span", { className: "points-meter", "aria-hidden": "true" });
  const meterFill = f.el("span", { className: "points-meter-fill" });
  meter.appendChild(meterFill);
  const counterText = f.el("span", { className: "points-counter-text" });
  counter.append(counterText, meter);

  const stepGroup = f.el("div", { className: "points-steps", role: "radiogroup", "aria-label": text.step });
  stepGroup.appendChild(f.el("span", { className: "points-steps-label", "aria-hidden": "true" }, text.step));
  const stepInputs = steps.map((value) => {
    const id = "points-step-" + item.id + "-" + value;
    const input = f.el("input", { type: "radio", name: "points-step-" + item.id, id: id, value: String(value) });
    input.checked = value === step;
    input.addEventListener("change", () => { if (input.checked) step = value; });
    const label = f.el("label", { className: "points-step", for: id });
    label.append(input, f.el("span", {}, "±" + value));
    stepGroup.appendChild(label);
    return input;
  });

  const list = f.el("ul", { className: "points-list" });
  const rows = options.map((option, index) => {
    const id = "points-" + item.id + "-" + index;
    const row = f.el("li", { className: "points-row", "data-option": option.id });
    const label = f.el("label", { className: "points-label", for: id }, option.label);
    const controls = f.el("span", { className: "points-controls" });
    const less = f.iconButton("points-step-button less", f.format(text.less, { label: option.label }), "−");
    const more = f.iconButton("points-step-button more", f.format(text.more, { label: option.label }), "+");
    const input = f.el("input", {
      type: "text", id: id, className: "points-input", inputmode: "numeric", pattern: "[0-9]*",
      autocomplete: "off", maxlength: String(String(total).length), value: "0",
    });
    const share = f.el("span", { className: "points-share", "aria-hidden": "true" });
    const shareFill = f.el("span", { className: "points-share-fill" });
    share.appendChild(shareFill);
    controls.append(less, input, more);
    row.append(label, controls, share);
    list.appendChild(row);
    const entry = { id: option.id, input, less, more, shareFill };
    less.addEventListener("click", () => change(entry, -step));
    more.addEventListener("click", () => change(entry, step));
    input.addEventListener("input", () => {
      let digits = input.value.replace(/\D+/g, "").slice(0, String(total).length);
      if (digits && parseInt(digits, 10) > total) digits = String(total);
      if (digits !== input.value) input.value = digits;
      edited();
    });
    input.addEventListener("blur", () => { input.value = String(valueOf(entry)); });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowUp" || event.key === "ArrowDown") {
        event.preventDefault();
        change(entry, event.key === "ArrowUp" ? step : -step);
      }
    });
    return entry;
  });

  const clear = f.el("button", { type: "button", className: "button ghost points-clear" }, text.clear);
  clear.addEventListener("click", () => {
    rows.forEach((entry) => { entry.input.value = "0"; });
    edited();
    if (rows[0]) rows[0].input.focus();
  });
  const longest = Math.max(...options.flatMap((option) => option.label.split(/\s+/).map((word) => word.length)));
  list.classList.toggle("long-labels", longest > 13);
  fields.append(counter, stepGroup, list, clear);

  function valueOf(entry) {
    const value = parseInt(entry.input.value, 10);
    return Number.isFinite(value) ? Math.min(Math.max(value, 0), total) : 0;
  }

  function given() {
    return rows.reduce((sum, entry) => sum + valueOf(entry), 0);
  }

  function split() {
    const value = {};
    rows.forEach((entry) => { value[entry.id] = valueOf(entry); });
    return value;
  }

  /** Add `delta` points to one option, never below 0 nor beyond the points still left. */
  function change(entry, delta) {
    if (locked) return;
    const current = valueOf(entry);
    const left = total - given();
    const next = delta > 0 ? current + Math.max(0, Math.min(delta, left)) : Math.max(0, current + delta);
    if (next === current) {
      counter.classList.remove("nudge");
      void counter.offsetWidth; // restart the nudge animation
      counter.classList.add("nudge");
      return;
    }
    entry.input.value = String(next);
    edited();
  }

  function sendButton() {
    const form = fields.closest("form");
    return form ? form.querySelector(".poll-actions button[type='submit']") : null;
  }

  function paintCounter() {
    const sum = given();
    const left = total - sum;
    counter.classList.toggle("done", left === 0);
    counter.classList.toggle("over", left < 0);
    if (left === 0) counterText.textContent = f.format(text.done, { total: f.number(total) });
    else if (left > 0) counterText.textContent = f.format(text.left, { left: f.number(left), total: f.number(total) });
    else counterText.textContent = left === -1 ? text.overOne : f.format(text.overMany, { over: f.number(-left) });
    meterFill.style.width = Math.min(100, (100 * sum) / total) + "%";
    rows.forEach((entry) => {
      const value = valueOf(entry);
      entry.shareFill.style.width = (100 * value) / total + "%";
      entry.less.setAttribute("aria-disabled", String(value === 0));
      entry.more.setAttribute("aria-disabled", String(left <= 0));
      entry.input.setAttribute("aria-invalid", String(left < 0));
    });
    // The panel owns the send button (added after input() returns); it stays disabled
    // until exactly the budget is spread. The server checks the sum again.
    const send = sendButton();
    if (send) send.disabled = locked || left !== 0;
  }

  function edited() {
    paintCounter();
    context.draft.set(split());
    context.changed();
  }

  function show(value) {
    rows.forEach((entry) => {
      const amount = value && Number.isInteger(value[entry.id]) ? value[entry.id] : 0;
      entry.input.value = String(Math.min(Math.max(amount, 0), total));
    });
    paintCounter();
  }

  function isSplit(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  show(null);
  return {
    hint: f.format(text.hint, { total: f.number(total) }),
    read() {
      const sum = given();
      if (sum !== total) throw new f.InputError(f.format(text.incomplete, { total: f.number(total), sum: f.number(sum) }));
      return split();
    },
    fill(value) {
      if (isSplit(value)) {
        show(value);
        return;
      }
      // Nothing sent yet: keep what this browser already spread (e.g. after a reconnect).
      const draft = context.draft.get();
      show(isSplit(draft) ? draft : null);
    },
    disable(flag) {
      locked = flag;
      rows.forEach((entry) => {
        entry.input.disabled = flag;
        entry.less.disabled = flag;
        entry.more.disabled = flag;
      });
      stepInputs.forEach((input) => { input.disabled = flag; });
      clear.disabled = flag;
      clear.hidden = flag;
      stepGroup.hidden = flag;
      paintCounter();
    },
  };
}

function resultsView(container, item, context) {
  const text = strings();
  const root = f.el("div", { className: "results points-results" });
  const summary = f.el("p", { className: "results-summary" });
  const list = f.el("ol", { className: "bars points-bars" });
  const how = f.el("p", { className: "points-how hint" });
  root.append(summary, list, how);
  container.appendChild(root);
  const rows = new Map();

  function row(option) {
    if (rows.has(option.id)) return rows.get(option.id);
    const node = f.el("li", { className: "bar-row points-result", "data-option": option.id });
    const label = f.el("span", { className: "bar-label" });
    const figures = f.el("span", { className: "bar-figures", "aria-hidden": "true" });
    const track = f.el("span", { className: "bar-track", "aria-hidden": "true" });
    const bar = f.el("span", { className: "bar-fill" });
    const spoken = f.el("span", { className: "visually-hidden" });
    track.appendChild(bar);
    const head = f.el("span", { className: "points-head" });
    head.append(label, figures, spoken);
    node.append(head, track);
    const entry = { item: node, label, figures, bar, spoken };
    rows.set(option.id, entry);
    return entry;
  }

  function paint(current, ctx) {
    const results = current.results;
    const mine = ctx && ctx.mine !== undefined ? ctx.mine : context && context.mine;
    const myPoints = mine && typeof mine === "object" && !Array.isArray(mine) ? mine : null;
    summary.textContent = f.role === "participant"
      ? (results.answers ? f.votesText(results.answers) : f.t("no_votes"))
      : f.t("answered", { answers: results.answers, joined: context && context.joined ? context.joined() : "–" });
    how.textContent = f.format(text.how, { total: f.number(results.points) });
    root.classList.toggle("many", results.options.length > 6);
    // Bars are scaled to the option with the most points, so differences stay visible
    // even when the points are spread over many options.
    const top = Math.max(0, ...results.options.map((option) => option.total));
    const ordered = results.options.map((option) => {
      const entry = row(option);
      const points = option.total === 1 ? text.pointsOne : f.format(text.pointsMany, { points: f.number(option.total) });
      const average = option.average === null ? null : f.format(text.average, { average: f.number(option.average, 1) });
      const yours = myPoints && Number.isInteger(myPoints[option.id])
        ? f.format(text.yours, { points: f.number(myPoints[option.id]) }) : null;
      entry.label.textContent = option.label;
      entry.figures.textContent = [points, average, yours].filter(Boolean).join(" · ");
      entry.spoken.textContent = ": " + [points, average, yours].filter(Boolean).join(", ") + ".";
      entry.bar.style.width = (top ? (100 * option.total) / top : 0) + "%";
      entry.item.classList.toggle("leading", option.total > 0 && option.rank === 1);
      return entry.item;
    });
    f.reorder(list, ordered);
  }

  paint(item, context);
  return { update: paint };
}

f.registerKind("points", { input: participantInput, results: resultsView });
