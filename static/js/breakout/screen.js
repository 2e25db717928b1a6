/* The big screen's breakout: the presenter's message, the countdown, the round's status,
 * the prompts, and the cards the presenter picked, by prompt. */
import f from "../app.js";
import { card } from "../components/card.js";
import { screenPager } from "../components/screen_pager.js";
import { round } from "./live.js";
import { counted, countdown, fmt, follow, keyed, messageBanner, promptHeading, promptList, promptsOf, s, setText } from "./shared.js";

/** The breakout `startItem` in `container` for the big screen; returns `{update, destroy}`. */
export function screenView(container, startItem) {
  const text = s();
  let item = startItem;
  const itemId = item.id;
  const root = f.el("div", { className: "bo bo-screen" });
  const banner = messageBanner(itemId);
  const top = f.el("div", { className: "bo-screen-top" });
  const clockNode = f.el("p", { className: "bo-clock bo-screen-clock" });
  const clock = countdown(clockNode, itemId, null);
  const status = f.el("p", { className: "bo-screen-status" });
  top.append(clockNode, status);
  const prompts = promptList("bo-screen-prompts");
  const harvest = f.el("section", { className: "bo-harvest", "aria-labelledby": "bo-harvest-title" });
  const harvestTitle = f.el("h2", { className: "bo-harvest-title", id: "bo-harvest-title" }, text.harvestTitle);
  const harvestColumns = f.el("div", { className: "bo-harvest-columns" });
  harvest.append(harvestTitle, harvestColumns);
  const updateColumns = keyed(harvestColumns, () => {
    const node = f.el("section", { className: "bo-harvest-prompt" });
    const { node: heading, badge, words } = promptHeading();
    const list = f.el("ul", { className: "bo-harvest-cards" });
    node.append(heading, list);
    const cards = keyed(list, () => {
      const where = f.el("p", { className: "bo-harvest-group", dir: "auto" });
      const view = card({ className: "bo-harvest-card", textClass: "bo-card-text", layout: (parts) => [parts.text, where] });
      return { node: view.node, view, where };
    }, (shown, entry) => {
      shown.view.setText(entry.text);
      setText(shown.where, entry.group_name || fmt("group", { number: entry.group }));
    });
    return { node, badge, words, cards };
  }, (view, prompt) => {
    setText(view.badge, String(prompt.number));
    setText(view.words, prompt.text);
    view.cards(prompt.cards);
  });
  // The prompts' card lists turn their pages together when they do not fit.
  const pager = screenPager(itemId, () => Array.from(harvestColumns.querySelectorAll(".bo-harvest-cards")));
  root.append(banner.node, top, prompts.node, harvest, pager.node);
  container.appendChild(root);

  function paint() {
    const view = round.view && round.view.item_id === itemId ? round.view : null;
    const state = view ? view.status : "waiting";
    root.dataset.status = state;
    banner.update();
    clock.update();
    const picked = round.itemId === itemId ? round.harvest : [];
    const columns = promptsOf(item).map((prompt, index) => ({
      id: prompt.id, number: index + 1, text: prompt.text,
      cards: picked.filter((card) => card.prompt_id === prompt.id),
    })).filter((column) => column.cards.length);
    updateColumns(columns);
    harvest.hidden = !columns.length;
    root.classList.toggle("has-harvest", columns.length > 0);
    const count = picked.length;
    root.dataset.density = count > 12 ? "lots" : (count > 6 ? "many" : "few");
    prompts.update(item);
    prompts.node.hidden = columns.length > 0;
    let line = "";
    if (state === "waiting") line = text.screenWaiting;
    else if (state === "forming") line = text.screenForming;
    else if (state === "running") {
      line = counted(view.groups.length, "groupsOne", "groupsMany") + " · " + counted(view.cards, "cardsOne", "cardsMany");
    } else if (state === "ended") line = text.screenEnded;
    setText(status, line);
    pager.refresh();
  }

  const view = follow(paint, clock, (next) => { item = next; });
  return {
    update: view.update,
    destroy() {
      view.destroy();
      pager.destroy();
    },
  };
}
