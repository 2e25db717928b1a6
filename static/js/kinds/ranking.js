/* Ranking poll: participants put every option in order (move buttons, keyboard, or drag);
 * results as Borda-score bars with each option's distribution over the places. */
import f from "../app.js";

function strings() {
  return f.kindTemplate("ranking").dataset;
}

/** Whether `value` lists exactly the ids in `ids`, each once. */
function isOrderOf(value, ids) {
  return Array.isArray(value) && value.length === ids.length
    && new Set(value).size === ids.length && value.every((id) => ids.includes(id));
}

/** Colour of place `index` (0 = first): a design token (static/css/tokens.css), repeated after the
 * sixth. Each segment also shows its place number, so the colour is never the only cue. */
const PLACE_COLOURS = 6;
function placeColour(index) {
  return "var(--chart-place-" + ((index % PLACE_COLOURS) + 1) + ")";
}

function participantInput(fields, item, context) {
  const text = strings();
  const options = item.config.options;
  const ids = options.map((option) => option.id);
  const list = f.el("ol", { className: "ranking-list" });
  const announcer = f.el("p", { className: "visually-hidden", role: "status", "aria-live": "polite" });
  const rows = new Map();
  let locked = false;
  let drag = null;

  options.forEach((option) => {
    const row = f.el("li", { className: "ranking-row", "data-option": option.id });
    // The place number doubles as the drag handle; the move buttons are the accessible way.
    const handle = f.el("span", { className: "ranking-handle", "aria-hidden": "true", title: text.drag });
    const place = f.el("span", { className: "ranking-place" });
    handle.append(place, f.el("span", { className: "ranking-grip" }, "⠿"));
    const label = f.el("span", { className: "ranking-label" }, option.label);
    const moves = f.el("span", { className: "ranking-moves" });
    const up = f.iconButton("ranking-move up", f.format(text.moveUp, { label: option.label }), "▲");
    const down = f.iconButton("ranking-move down", f.format(text.moveDown, { label: option.label }), "▼");
    moves.append(up, down);
    row.append(handle, label, moves);
    list.appendChild(row);
    rows.set(option.id, { row, place, up, down, handle, label: option.label });
    up.addEventListener("click", () => move(option.id, -1, up));
    down.addEventListener("click", () => move(option.id, 1, down));
    handle.addEventListener("pointerdown", (event) => startDrag(event, option.id));
  });
  // Long words need the room of a second button row on narrow phones (see static/css/kinds/ranking.css).
  const longest = Math.max(...options.flatMap((option) => option.label.split(/\s+/).map((word) => word.length)));
  list.classList.toggle("long-labels", longest > 13);
  fields.append(list, announcer);

  function order() {
    return Array.from(list.children).map((row) => row.dataset.option);
  }

  function renumber() {
    const current = order();
    current.forEach((id, index) => {
      const entry = rows.get(id);
      entry.place.textContent = String(index + 1);
      entry.up.setAttribute("aria-disabled", String(index === 0));
      entry.down.setAttribute("aria-disabled", String(index === current.length - 1));
    });
  }

  function announce(message) {
    // Clearing first makes screen readers repeat an identical message (e.g. "already first").
    announcer.textContent = "";
    window.setTimeout(() => { announcer.textContent = message; }, 30);
  }

  function settle(id) {
    renumber();
    const entry = rows.get(id);
    const place = order().indexOf(id) + 1;
    announce(f.format(text.moved, { label: entry.label, place: place, count: ids.length }));
    entry.row.classList.remove("just-moved");
    void entry.row.offsetWidth; // restart the highlight animation
    entry.row.classList.add("just-moved");
    context.draft.set(order());
    context.changed();
  }

  /** Move one option a place up (-1) or down (+1); the focused button stays with it. */
  function move(id, step, button) {
    if (locked) return;
    const entry = rows.get(id);
    const neighbour = step < 0 ? entry.row.previousElementSibling : entry.row.nextElementSibling;
    if (!neighbour) {
      announce(f.format(step < 0 ? text.atTop : text.atBottom, { label: entry.label }));
      return;
    }
    // Move the neighbour, not the row itself, so the focused button is never taken out of the page.
    if (step < 0) list.insertBefore(neighbour, entry.row.nextElementSibling);
    else list.insertBefore(neighbour, entry.row);
    settle(id);
    if (document.activeElement !== button) button.focus();
  }

  function startDrag(event, id) {
    if (locked || drag || (event.pointerType === "mouse" && event.button !== 0)) return;
    event.preventDefault();
    const entry = rows.get(id);
    const box = entry.row.getBoundingClientRect();
    entry.handle.setPointerCapture(event.pointerId);
    drag = { id, entry, pointer: event.pointerId, grab: event.clientY - box.top, shift: 0, start: order().join() };
    entry.row.classList.add("dragging");
    entry.handle.addEventListener("pointermove", onDrag);
    entry.handle.addEventListener("pointerup", endDrag);
    entry.handle.addEventListener("pointercancel", endDrag);
  }

  function onDrag(event) {
    if (!drag || event.pointerId !== drag.pointer) return;
    const row = drag.entry.row;
    const height = row.offsetHeight;
    const wantedTop = event.clientY - drag.grab;
    const middle = wantedTop + height / 2;
    const centre = (node) => { const box = node.getBoundingClientRect(); return box.top + box.height / 2; };
    let moved = true;
    while (moved) {
      moved = false;
      const next = row.nextElementSibling;
      const previous = row.previousElementSibling;
      if (next && middle > centre(next)) { list.insertBefore(next, row); moved = true; }
      else if (previous && middle < centre(previous)) { list.insertBefore(previous, row.nextElementSibling); moved = true; }
    }
    const layoutTop = row.getBoundingClientRect().top - drag.shift;
    drag.shift = wantedTop - layoutTop;
    row.style.transform = "translateY(" + drag.shift + "px)";
    renumber();
  }

  function endDrag(event) {
    if (!drag || event.pointerId !== drag.pointer) return;
    const { id, entry, start } = drag;
    drag = null;
    entry.handle.removeEventListener("pointermove", onDrag);
    entry.handle.removeEventListener("pointerup", endDrag);
    entry.handle.removeEventListener("pointercancel", endDrag);
    entry.row.classList.remove("dragging");
    entry.row.style.transform = "";
    if (order().join() !== start) settle(id);
  }

  function show(value) {
    f.reorder(list, value.map((id) => rows.get(id).row));
    renumber();
  }

  renumber();
  return {
    hint: text.hint,
    read() {
      return order();
    },
    fill(value) {
      if (isOrderOf(value, ids)) {
        show(value);
        return;
      }
      // Nothing sent yet: keep what this browser already arranged (e.g. after a reconnect).
      const draft = context.draft.get();
      show(isOrderOf(draft, ids) ? draft : ids);
    },
    disable(flag) {
      locked = flag;
      list.classList.toggle("locked", flag);
      rows.forEach((entry) => {
        entry.up.disabled = flag;
        entry.down.disabled = flag;
      });
    },
  };
}

function resultsView(container, item, context) {
  const text = strings();
  const root = f.el("div", { className: "results ranking-results" });
  const summary = f.el("p", { className: "results-summary" });
  const legend = f.el("p", { className: "ranking-legend", "aria-hidden": "true" });
  const list = f.el("ol", { className: "bars ranking-bars" });
  const how = f.el("p", { className: "ranking-how hint" });
  root.append(summary, legend, list, how);
  container.appendChild(root);
  const rows = new Map();
  let legendFor = null;

  function paintLegend(count) {
    if (legendFor === count) return;
    legendFor = count;
    legend.replaceChildren(f.el("span", { className: "ranking-legend-title" }, text.places));
    for (let index = 0; index < count; index += 1) {
      const key = f.el("span", { className: "ranking-legend-key" });
      const swatch = f.el("span", { className: "ranking-swatch" });
      swatch.style.background = placeColour(index);
      key.append(swatch, document.createTextNode(String(index + 1)));
      legend.appendChild(key);
    }
  }

  function row(option, count) {
    if (rows.has(option.id)) return rows.get(option.id);
    const node = f.el("li", { className: "bar-row ranking-result", "data-option": option.id });
    const rank = f.el("span", { className: "ranking-rank", "aria-hidden": "true" });
    const spokenRank = f.el("span", { className: "visually-hidden" });
    const label = f.el("span", { className: "bar-label" });
    const figures = f.el("span", { className: "bar-figures", "aria-hidden": "true" });
    const track = f.el("span", { className: "bar-track", "aria-hidden": "true" });
    const bar = f.el("span", { className: "bar-fill" });
    const spread = f.el("span", { className: "ranking-spread", "aria-hidden": "true" });
    const spoken = f.el("span", { className: "visually-hidden" });
    track.appendChild(bar);
    const segments = [];
    for (let index = 0; index < count; index += 1) {
      const segment = f.el("span", { className: "ranking-segment" }, String(index + 1));
      segment.style.background = placeColour(index);
      spread.appendChild(segment);
      segments.push(segment);
    }
    const head = f.el("span", { className: "ranking-head" });
    head.append(spokenRank, label, figures, spoken);
    node.append(rank, head, track, spread);
    const entry = { item: node, rank, spokenRank, label, figures, bar, segments, spoken };
    rows.set(option.id, entry);
    return entry;
  }

  function paint(current, ctx) {
    const results = current.results;
    const count = results.options.length;
    const mine = ctx && ctx.mine !== undefined ? ctx.mine : context && context.mine;
    const myOrder = Array.isArray(mine) ? mine : null;
    summary.textContent = f.role === "participant"
      ? (results.answers ? f.votesText(results.answers) : f.t("no_votes"))
      : f.t("answered", { answers: results.answers, joined: context && context.joined ? context.joined() : "–" });
    paintLegend(count);
    root.classList.toggle("many", count > 6);
    how.textContent = f.format(text.how, { points: count - 1 });
    const shared = new Map();
    results.options.forEach((option) => shared.set(option.rank, (shared.get(option.rank) || 0) + 1));
    const ordered = results.options.map((option) => {
      const entry = row(option, count);
      const tied = shared.get(option.rank) > 1;
      const score = option.score === 1 ? text.scoreOne : f.format(text.scoreMany, { score: f.number(option.score) });
      const average = option.average_position === null ? null
        : f.format(text.average, { average: f.number(option.average_position, 1) });
      const myPlace = myOrder ? myOrder.indexOf(option.id) + 1 : 0;
      entry.rank.textContent = String(option.rank);
      entry.item.classList.toggle("tied", tied);
      entry.item.classList.toggle("leading", results.answers > 0 && option.rank === 1);
      entry.label.textContent = option.label;
      entry.figures.textContent = [score, average, myPlace ? f.format(text.yourPlace, { place: myPlace }) : null]
        .filter(Boolean).join(" · ");
      entry.bar.style.width = (results.max_score ? (100 * option.score) / results.max_score : 0) + "%";
      entry.segments.forEach((segment, index) => {
        const people = option.positions[index] || 0;
        segment.style.width = (results.answers ? (100 * people) / results.answers : 0) + "%";
        segment.hidden = people === 0;
        segment.title = f.format(text.placeCount, { place: index + 1, count: people });
      });
      const places = option.positions
        .map((people, index) => (people ? f.format(text.placeCount, { place: index + 1, count: people }) : null))
        .filter(Boolean).join(", ");
      entry.spokenRank.textContent = f.format(tied ? text.rankShared : text.rank, { rank: option.rank }) + ": ";
      entry.spoken.textContent = ": " + [score, average, places,
        myPlace ? f.format(text.yourPlace, { place: myPlace }) : null].filter(Boolean).join(", ") + ".";
      return entry.item;
    });
    f.reorder(list, ordered);
  }

  paint(item, context);
  return { update: paint };
}

f.registerKind("ranking", { input: participantInput, results: resultsView });
