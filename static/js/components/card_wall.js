/* A wall of answer cards with a spotlight: open text answers and shared next steps. Newest
 * first, keyed by answer id and updated in place. The presenter gets hide/show and highlight
 * buttons; the big screen shows the highlighted card large above the others (and not again
 * in the list); a participant sees their own card marked. Each kind names the parts with its
 * own class prefix, so its CSS and tests find what they always found. */
import f from "../app.js";
import { card as cardView } from "./card.js";
import { screenPager } from "./screen_pager.js";

/**
 * Build the wall in `container` for `item`. `options`:
 * - `prefix`: the kind's class prefix ("open-text", "commitment"); `textId(entry)`;
 * - `listClass`, `summaryClass` (extra class of the summary line);
 * - `strings`: {mine, hidden, onScreen, show, hide, highlight, unhighlight, highlightLabel,
 *   listLabel, empty, more};
 * - `entries(results)`: the cards' entries ({id, text, hidden?});
 * - `screenEntries(results)`: on the big screen, entries instead (e.g. identical answers
 *   grouped, {id, text, count}); a count above 1 shows as a pill (`strings.sameCount`);
 * - `summary(results, context, moderator)`: the summary line;
 * - `isMine(entry, mine)`: whether an entry is the participant's own answer `mine`;
 * - `emptyHidden(results, moderator)`; `hideEmptyList`: hide the list without entries.
 * On the big screen the wall pages through what does not fit (components/screen_pager.js).
 * Returns the view with `update(item, context)` and `destroy()`.
 */
export function cardWall(container, item, context, options) {
  const text = options.strings;
  const prefix = options.prefix;
  const role = f.role;
  const moderator = Boolean(context && context.moderator);
  const onScreen = role === "screen";
  const root = f.el("div", { className: prefix + "-results role-" + role });
  if (role === "participant") root.setAttribute("aria-live", "off");
  const summary = f.el("p", {
    className: ["results-summary", options.summaryClass].filter(Boolean).join(" "),
  });
  const spotlight = f.el("figure", { className: prefix + "-spotlight", hidden: true });
  const spotlightCaption = f.el("figcaption", { className: prefix + "-spotlight-caption" },
    onScreen ? null : text.onScreen);
  const spotlightQuote = f.el("blockquote", { className: prefix + "-spotlight-text" });
  spotlight.append(spotlightCaption, spotlightQuote);
  if (onScreen) spotlight.setAttribute("aria-label", text.highlightLabel);
  if (moderator) {
    const button = f.el("button", {
      type: "button", className: "button " + prefix + "-action", "data-action": "unhighlight",
    }, text.unhighlight);
    button.addEventListener("click", () => send(button, "highlight_answer", { answer_id: null }));
    spotlight.appendChild(button);
  }
  const list = f.el("ol", { className: options.listClass, "aria-label": text.listLabel });
  const empty = f.el("p", { className: prefix + "-empty" }, text.empty);
  const more = f.el("p", { className: prefix + "-more", hidden: true });
  root.append(summary, spotlight, list, empty, more);
  const pager = onScreen ? screenPager(item.id, () => [list]) : null;
  if (pager) root.appendChild(pager.node);
  container.appendChild(root);
  const cards = new Map();
  let current = item;

  /** Send a presenter command; the button waits for the answer so it is not pressed twice. */
  function send(button, event, payload) {
    button.disabled = true;
    return context.command(event, Object.assign({ item_id: current.id }, payload)).then(() => {
      button.disabled = false;
    });
  }

  function card(entry) {
    if (cards.has(entry.id)) return cards.get(entry.id);
    const count = onScreen ? f.el("span", { className: "tag " + prefix + "-tag tag-count", hidden: true }) : null;
    const view = cardView({
      className: prefix + "-card",
      data: { answer: entry.id },
      textId: options.textId(entry),
      textClass: prefix + "-text",
      tags: {
        className: prefix + "-tags",
        pillClass: prefix + "-tag",
        lead: count ? [count] : [],
        items: [
          { key: "mine", className: "tag-mine", text: text.mine, hidden: true },
          { key: "hidden", className: "tag-hidden", text: text.hidden, hidden: true },
          { key: "onScreen", className: "tag-on-screen", text: text.onScreen, hidden: true },
        ],
      },
      actions: moderator ? {
        className: prefix + "-actions",
        buttonClass: "button " + prefix + "-action",
        items: [
          {
            key: "hide",
            onClick(button) {
              send(button, "hide_answer", { answer_id: view.entry.id, hidden: !view.entry.hidden });
            },
          },
          {
            key: "highlight",
            onClick(button) {
              const highlighted = current.results.highlight;
              const on = highlighted && highlighted.id === view.entry.id;
              send(button, "highlight_answer", { answer_id: on ? null : view.entry.id });
            },
          },
        ],
      } : null,
    });
    view.entry = entry;
    view.count = count;
    cards.set(entry.id, view);
    return view;
  }

  function paint(next, ctx) {
    current = next;
    const data = next.results;
    if (!data) return;
    const mine = ctx && ctx.mine !== undefined ? ctx.mine : context && context.mine;
    const highlight = data.highlight || null;
    const highlightId = highlight ? highlight.id : null;
    summary.textContent = options.summary(data, context, moderator);

    spotlight.hidden = !highlight;
    if (highlight && spotlightQuote.textContent !== highlight.text) spotlightQuote.textContent = highlight.text;

    const all = onScreen && options.screenEntries ? options.screenEntries(data) : options.entries(data);
    const entries = onScreen ? all.filter((entry) => entry.id !== highlightId) : all;
    const wanted = new Set(entries.map((entry) => entry.id));
    cards.forEach((view, id) => {
      if (!wanted.has(id)) {
        view.node.remove();
        cards.delete(id);
      }
    });
    let mineMarked = false;
    entries.forEach((entry, index) => {
      const view = card(entry);
      view.entry = entry;
      view.setText(entry.text);
      const isMine = role === "participant" && !mineMarked && options.isMine(entry, mine);
      if (isMine) mineMarked = true;
      const isHidden = Boolean(entry.hidden);
      const isHighlighted = entry.id === highlightId;
      if (view.count) {
        const many = (entry.count || 1) > 1;
        view.count.hidden = !many;
        view.count.textContent = many ? f.format(text.sameCount, { count: entry.count }) : "";
        view.node.classList.toggle("grouped", many);
      }
      view.setTags({ mine: isMine, hidden: isHidden, onScreen: isHighlighted && !onScreen });
      view.setState({ mine: isMine, hidden: isHidden, highlighted: isHighlighted });
      if (moderator) {
        view.setAction("hide", { label: isHidden ? text.show : text.hide });
        view.setAction("highlight", { label: isHighlighted ? text.unhighlight : text.highlight, hidden: isHidden });
      }
      if (list.children[index] !== view.node) list.insertBefore(view.node, list.children[index] || null);
    });

    if (options.hideEmptyList) list.hidden = entries.length === 0;
    empty.hidden = options.emptyHidden(data, moderator);
    more.hidden = !data.more;
    more.textContent = data.more ? f.format(text.more, { count: data.more }) : "";
    if (pager) pager.refresh();
  }

  paint(item, context);
  return {
    update: paint,
    destroy() {
      if (pager) pager.destroy();
    },
  };
}
