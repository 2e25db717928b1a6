/* Live horizontal bars for choice results, keyed by option id and updated in place. */
import { t } from "./strings.js";
import { clone, el } from "./dom.js";

/** "1 vote" / "12 votes" in the page's language. */
export function votesText(count) {
  return count === 1 ? t("votes_one") : t("votes_many", { count: count });
}

/**
 * Live bar chart for choice results. Rows are keyed by option id and updated
 * in place, so changing numbers animate instead of flickering.
 */
export function Bars(container) {
  const root = clone("results-bars");
  const summary = root.querySelector(".results-summary");
  const list = root.querySelector(".bars");
  const rows = new Map();
  container.appendChild(root);

  function row(option) {
    if (rows.has(option.id)) return rows.get(option.id);
    const item = el("li", { className: "bar-row", "data-option": option.id });
    const label = el("span", { className: "bar-label" });
    const track = el("span", { className: "bar-track", "aria-hidden": "true" });
    const fill = el("span", { className: "bar-fill" });
    const figures = el("span", { className: "bar-figures" });
    track.appendChild(fill);
    item.append(label, track, figures);
    list.appendChild(item);
    const entry = { item, label, fill, figures };
    rows.set(option.id, entry);
    return entry;
  }

  return {
    update(results, options) {
      const highlight = (options && options.highlight) || null;
      if (!results) {
        root.hidden = true;
        return;
      }
      root.hidden = false;
      summary.textContent = options && options.summary
        ? options.summary
        : (results.answers ? votesText(results.answers) : t("no_votes"));
      const top = Math.max(0, ...results.options.map((o) => o.count));
      results.options.forEach((option) => {
        const entry = row(option);
        entry.label.textContent = option.label;
        entry.figures.textContent = option.count + " · " + option.percent + " %";
        entry.fill.style.width = option.percent + "%";
        entry.item.classList.toggle("leading", top > 0 && option.count === top);
        entry.item.classList.toggle("mine", highlight === option.id);
        entry.item.setAttribute("aria-label",
          option.label + ": " + votesText(option.count) + ", " + option.percent + " %");
      });
    },
  };
}
