/* 2×2 grid poll: participants place items with two sliders each; results as a live scatter plot
 * (one numbered dot per item at its average position) with the same figures in a table. */
import f from "../app.js";
import { placeLabels, separate, ticks } from "./grid/layout.js";

const SVG = "http://www.w3.org/2000/svg";
const AXES = ["x", "y"];
// Label size in SVG units. The drawing's width in units is chosen so that, once the
// viewBox is scaled to the page, a label is as large as the text around the chart: readable
// on a phone and on the big screen alike.
const FONT = 16;
const TICK = 13;
const DOT = 12;

function strings() {
  return f.kindTemplate("grid").dataset;
}

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs || {}).forEach(([name, value]) => node.setAttribute(name, value));
  return node;
}

function middle(axis) {
  return Math.floor((axis.minimum + axis.maximum) / 2);
}

function decimal(value) {
  if (value === null || value === undefined) return "–";
  return Number(value).toLocaleString(document.documentElement.lang || undefined, {
    minimumFractionDigits: 1, maximumFractionDigits: 1,
  });
}

function lowEnd(axis) {
  return axis.low_label ? axis.minimum + " · " + axis.low_label : String(axis.minimum);
}

function highEnd(axis) {
  return axis.high_label ? axis.high_label + " · " + axis.maximum : String(axis.maximum);
}

function shortLabel(label, chars) {
  return label.length > chars ? label.slice(0, chars - 1).trimEnd() + "…" : label;
}

// -- participant: two sliders per item --------------------------------------------------

function input(fields, item, context) {
  const text = strings();
  const config = item.config;
  fields.appendChild(f.el("p", { className: "hint grid-intro" }, text.intro));
  const list = f.el("div", { className: "grid-items" });
  fields.appendChild(list);

  function valueText(slider, rated) {
    const value = Number(slider.range.value);
    let spoken = String(value);
    if (value === slider.axis.minimum && slider.axis.low_label) spoken += " (" + slider.axis.low_label + ")";
    if (value === slider.axis.maximum && slider.axis.high_label) spoken += " (" + slider.axis.high_label + ")";
    return rated ? spoken : spoken + ", " + text.notRated;
  }

  const rows = config.items.map((entry, index) => {
    const prefix = "grid-" + item.id + "-" + index;
    const box = f.el("fieldset", { className: "grid-item skipped", "data-item": entry.id });
    const legend = f.el("legend", { className: "grid-item-label" });
    legend.append(f.el("span", { className: "grid-badge", "aria-hidden": "true" }, String(index + 1)),
      f.el("span", {}, entry.label));
    const include = f.el("input", { type: "checkbox", id: prefix + "-rate" });
    const rate = f.el("label", { className: "grid-rate", for: prefix + "-rate" });
    rate.append(include, f.el("span", {}, text.rate));
    box.append(legend, rate);

    const sliders = AXES.map((name) => {
      const axis = config[name];
      const id = prefix + "-" + name;
      const head = f.el("div", { className: "grid-slider-head" });
      const shown = f.el("span", { className: "grid-value", "aria-hidden": "true" });
      head.append(f.el("label", { for: id }, axis.label), shown);
      const range = f.el("input", {
        type: "range", id: id, min: axis.minimum, max: axis.maximum, step: 1,
        value: middle(axis), "aria-describedby": id + "-ends",
      });
      const ends = f.el("div", { className: "grid-ends", id: id + "-ends" });
      ends.append(f.el("span", {}, lowEnd(axis)), f.el("span", {}, highEnd(axis)));
      const wrap = f.el("div", { className: "grid-slider grid-slider-" + name });
      wrap.append(head, range, ends);
      box.appendChild(wrap);
      const slider = { axis, range, shown };
      range.addEventListener("input", () => {
        include.checked = true;
        sync();
        changed();
      });
      return slider;
    });

    function sync() {
      const rated = include.checked;
      box.classList.toggle("skipped", !rated);
      sliders.forEach((slider) => {
        slider.shown.textContent = rated ? slider.range.value : "–";
        slider.range.setAttribute("aria-valuetext", valueText(slider, rated));
      });
    }

    include.addEventListener("change", () => {
      sync();
      changed();
    });
    list.appendChild(box);
    sync();
    return { id: entry.id, include, sliders, sync };
  });

  function current() {
    const value = {};
    rows.forEach((row) => {
      if (row.include.checked) value[row.id] = row.sliders.map((slider) => Number(slider.range.value));
    });
    return value;
  }

  function changed() {
    const value = current();
    if (Object.keys(value).length) context.draft.set(value);
    else context.draft.clear();
    context.changed();
  }

  return {
    get hint() {
      const count = rows.filter((row) => row.include.checked).length;
      return f.format(text.progress, { count: count, total: rows.length });
    },
    read() {
      const value = current();
      if (!Object.keys(value).length) throw new f.InputError(text.none);
      return value;
    },
    fill(value) {
      rows.forEach((row) => {
        const point = value && Array.isArray(value[row.id]) ? value[row.id] : null;
        row.include.checked = Boolean(point);
        row.sliders.forEach((slider, index) => {
          slider.range.value = point ? point[index] : middle(slider.axis);
        });
        row.sync();
      });
    },
    disable(flag) {
      rows.forEach((row) => {
        row.include.disabled = flag;
        row.sliders.forEach((slider) => { slider.range.disabled = flag; });
      });
    },
  };
}

// -- results: scatter plot and table ------------------------------------------------------

function results(container, item, context) {
  const text = strings();
  const config = item.results || item.config;
  const root = f.el("div", { className: "results grid-results" });
  const summary = f.el("p", { className: "results-summary" });
  const figure = f.el("figure", { className: "grid-figure" });
  const caption = f.el("figcaption", { className: "visually-hidden" });
  const scale = (axis) => f.format(text.scale, {
    label: axis.label, minimum: lowEnd(axis), maximum: highEnd(axis),
  });
  caption.textContent = f.format(text.axes, { x: scale(config.x), y: scale(config.y) });
  const yCaption = f.el("div", { className: "grid-caption grid-caption-y", "aria-hidden": "true" });
  yCaption.append(f.el("span", { className: "grid-end" }, config.y.low_label || ""),
    f.el("span", { className: "grid-axis-name" }, config.y.label),
    f.el("span", { className: "grid-end" }, config.y.high_label || ""));
  const xCaption = f.el("div", { className: "grid-caption grid-caption-x", "aria-hidden": "true" });
  xCaption.append(f.el("span", { className: "grid-end" }, config.x.low_label || ""),
    f.el("span", { className: "grid-axis-name" }, config.x.label),
    f.el("span", { className: "grid-end" }, config.x.high_label || ""));
  const plot = svg("svg", { class: "grid-plot", role: "img", "aria-label": text.chart });
  const background = svg("g", { class: "grid-background" });
  const dots = svg("g", { class: "grid-dots" });
  plot.append(background, dots);
  figure.append(caption, yCaption, plot, xCaption);

  const table = f.el("table", { className: "grid-table" });
  table.appendChild(f.el("caption", { className: "visually-hidden" }, text.table));
  // Two header rows: "Average" spans the two axes, so narrow phones need no long headers.
  const thead = f.el("thead");
  const top = f.el("tr");
  const axesRow = f.el("tr");
  top.append(f.el("th", { scope: "col", rowspan: 2, className: "grid-col-item" }, text.item),
    f.el("th", { scope: "col", rowspan: 2, className: "num" }, text.count),
    f.el("th", { scope: "colgroup", colspan: 2, className: "grid-col-averages" }, text.averages));
  AXES.forEach((name) => {
    axesRow.appendChild(f.el("th", {
      scope: "col", className: "num", "aria-label": f.format(text.average, { axis: config[name].label }),
    }, config[name].label));
  });
  thead.append(top, axesRow);
  const tbody = f.el("tbody");
  table.append(thead, tbody);
  const tableBox = f.el("div", { className: "grid-table-box" });
  tableBox.appendChild(table);
  root.append(summary, figure, tableBox);
  container.appendChild(root);

  const entries = new Map();
  const labelChoices = new Map();
  let current = item;
  let layout = null;
  let mine = context && context.mine !== undefined ? context.mine : null;

  function entry(row, index) {
    if (entries.has(row.id)) return entries.get(row.id);
    const group = svg("g", { class: "grid-point empty", "data-item": row.id });
    const title = svg("title");
    const circle = svg("circle", { r: 10, cx: 0, cy: 0 });
    const number = svg("text", { class: "grid-number", "text-anchor": "middle", "dominant-baseline": "central" });
    number.textContent = String(index + 1);
    const label = svg("text", { class: "grid-label", "dominant-baseline": "central" });
    group.append(title, circle, number, label);
    dots.appendChild(group);
    const tr = f.el("tr", { "data-item": row.id });
    const cells = [0, 1, 2, 3].map((column) => f.el(column === 0 ? "th" : "td",
      { className: column === 0 ? "grid-col-item" : "num", scope: column === 0 ? "row" : null }));
    const name = f.el("span", { className: "grid-item-name" });
    const cell = f.el("span", { className: "grid-item-cell" });
    cell.append(f.el("span", { className: "grid-badge", "aria-hidden": "true" }, String(index + 1)), name);
    cells[0].appendChild(cell);
    tr.append(...cells);
    tbody.appendChild(tr);
    const made = { group, title, circle, number, label, cells, name, placed: false };
    entries.set(row.id, made);
    return made;
  }

  function drawBackground(size, frame, axes) {
    background.replaceChildren();
    const midX = size.sx((axes.x.minimum + axes.x.maximum) / 2);
    const midY = size.sy((axes.y.minimum + axes.y.maximum) / 2);
    [[frame.x0, frame.y0, midX, midY, "q-top-left"], [midX, frame.y0, frame.x1, midY, "q-top-right"],
      [frame.x0, midY, midX, frame.y1, "q-bottom-left"], [midX, midY, frame.x1, frame.y1, "q-bottom-right"]]
      .forEach(([x0, y0, x1, y1, name]) => {
        background.appendChild(svg("rect", { class: "grid-quadrant " + name, x: x0, y: y0, width: x1 - x0, height: y1 - y0 }));
      });
    ticks(axes.x, size.compact ? 6 : 11).forEach((value) => {
      const x = size.sx(value);
      background.appendChild(svg("line", { class: "grid-line", x1: x, x2: x, y1: frame.y0, y2: frame.y1 }));
      const label = svg("text", { class: "grid-tick", x: x, y: frame.y1 + size.tick + 4, "text-anchor": "middle" });
      label.textContent = String(value);
      background.appendChild(label);
    });
    ticks(axes.y, size.height < 380 ? 6 : 11).forEach((value) => {
      const y = size.sy(value);
      background.appendChild(svg("line", { class: "grid-line", x1: frame.x0, x2: frame.x1, y1: y, y2: y }));
      const label = svg("text", { class: "grid-tick", x: frame.x0 - 6, y: y, "text-anchor": "end", "dominant-baseline": "central" });
      label.textContent = String(value);
      background.appendChild(label);
    });
    background.appendChild(svg("line", { class: "grid-mid", x1: midX, x2: midX, y1: frame.y0, y2: frame.y1 }));
    background.appendChild(svg("line", { class: "grid-mid", x1: frame.x0, x2: frame.x1, y1: midY, y2: midY }));
    background.appendChild(svg("rect", { class: "grid-frame", x: frame.x0, y: frame.y0, width: frame.x1 - frame.x0, height: frame.y1 - frame.y0 }));
  }

  function geometry(width, axes) {
    const compact = width < 520;
    const height = Math.round(width * (compact ? 0.95 : 0.62));
    const digits = Math.max(String(axes.y.minimum).length, String(axes.y.maximum).length);
    const frame = {
      x0: Math.round(digits * TICK * 0.62 + 12), x1: width - 6, y0: 6, y1: height - TICK - 12,
    };
    const inset = DOT + 6;
    const spanX = axes.x.maximum - axes.x.minimum;
    const spanY = axes.y.maximum - axes.y.minimum;
    const size = {
      width, height, compact, font: FONT, tick: TICK, dot: DOT, chars: compact ? 18 : 28,
      sx: (v) => frame.x0 + inset + ((v - axes.x.minimum) / spanX) * (frame.x1 - frame.x0 - 2 * inset),
      sy: (v) => frame.y1 - inset - ((v - axes.y.minimum) / spanY) * (frame.y1 - frame.y0 - 2 * inset),
    };
    return { size, frame };
  }

  /** Pick the drawing width for the chart's size on the page; true if it changed. */
  function chooseLayout() {
    const pixels = plot.getBoundingClientRect().width;
    const fontPixels = parseFloat(window.getComputedStyle(figure).fontSize) || 16;
    let width = 720;
    if (pixels) width = Math.round(Math.min(960, Math.max(300, (pixels * FONT) / fontPixels)) / 20) * 20;
    if (layout && layout.size.width === width) return false;
    layout = geometry(width, config);
    plot.setAttribute("viewBox", "0 0 " + layout.size.width + " " + layout.size.height);
    drawBackground(layout.size, layout.frame, config);
    xCaption.style.paddingLeft = (layout.frame.x0 / layout.size.width) * 100 + "%";
    entries.forEach((made) => { made.placed = false; });
    return true;
  }

  function alignYCaption() {
    const height = plot.getBoundingClientRect().height;
    if (!height || !layout) return;
    const ratio = height / layout.size.height;
    yCaption.style.paddingTop = layout.frame.y0 * ratio + "px";
    yCaption.style.paddingBottom = (layout.size.height - layout.frame.y1) * ratio + "px";
  }

  function move(node, x, y, instant) {
    if (instant) node.classList.add("instant");
    node.style.transform = "translate(" + x.toFixed(1) + "px, " + y.toFixed(1) + "px)";
    if (instant) {
      node.getBoundingClientRect();
      node.classList.remove("instant");
    }
  }

  function paint(next, ctx) {
    current = next;
    const results = current.results;
    if (!results) return;
    chooseLayout();
    const { size, frame } = layout;
    if (ctx && ctx.mine !== undefined) mine = ctx.mine;
    summary.textContent = f.role === "participant"
      ? (results.answers === 1 ? f.t("answers_one") : f.t("answers_many", { count: results.answers }))
      : f.t("answered", { answers: results.answers, joined: context && context.joined ? context.joined() : "–" });

    const shown = [];
    results.items.forEach((row, index) => {
      const made = entry(row, index);
      const placed = row.count > 0 && row.x !== null && row.y !== null;
      const [, count, averageX, averageY] = made.cells;
      made.name.textContent = row.label;
      count.textContent = String(row.count);
      averageX.textContent = decimal(row.x);
      averageY.textContent = decimal(row.y);
      made.cells[0].parentNode.classList.toggle("empty", !placed);
      made.cells[0].parentNode.classList.toggle("mine", Boolean(mine && mine[row.id]));
      made.title.textContent = placed
        ? f.format(text.point, {
          label: row.label, x_label: results.x.label, x: decimal(row.x),
          y_label: results.y.label, y: decimal(row.y), count: row.count,
        })
        : f.format(text.unplaced, { label: row.label });
      made.group.classList.toggle("empty", !placed);
      if (placed) {
        shown.push({ id: row.id, made, px: size.sx(row.x), py: size.sy(row.y), short: shortLabel(row.label, size.chars) });
      } else {
        made.placed = false;
      }
    });

    separate(shown, size, frame);
    placeLabels(shown, frame, size, labelChoices);
    shown.forEach((point) => {
      const made = point.made;
      const instant = !made.placed;
      made.circle.setAttribute("r", size.dot);
      made.label.textContent = point.short;
      made.label.setAttribute("text-anchor", point.label.anchor);
      move(made.group, point.px, point.py, instant);
      move(made.label, point.label.offsetX, point.label.offsetY, instant);
      made.placed = true;
    });
    alignYCaption();
  }

  if (window.ResizeObserver) {
    new ResizeObserver(() => {
      if (chooseLayout()) paint(current, null);
      else alignYCaption();
    }).observe(figure);
  }
  paint(item, context);
  return { update: paint };
}

/** Before results may be shown: the items to place and the two axes. */
function pending(item) {
  const text = strings();
  const config = item.config;
  const root = f.el("div", { className: "grid-pending" });
  const list = f.el("ol", { className: "pending-options" });
  config.items.forEach((entry) => list.appendChild(f.el("li", { className: "pending-option", dir: "auto" }, entry.label)));
  const scale = (axis) => f.format(text.scale, { label: axis.label, minimum: lowEnd(axis), maximum: highEnd(axis) });
  root.append(list, f.el("p", { className: "grid-pending-axes" }, f.format(text.axes, { x: scale(config.x), y: scale(config.y) })));
  return root;
}

f.registerKind("grid", { input, results, pending });
