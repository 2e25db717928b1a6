/* The question board on the big screen: the top questions (also the presenter's preview of
 * the `question_board` item) and the pinned question over whatever the screen shows. */
import f from "../app.js";
import { byTop, pinned, subscribe, withStatus } from "./store.js";
import { arrange } from "./view.js";
import { screenPager } from "../components/screen_pager.js";

const SCREEN_TOP = 6;

/**
 * The top open questions by votes, large: the `question_board` item on the big screen.
 * `options.pageFor`: the item's id where the list pages through what does not fit (the
 * big screen), the top question first.
 */
export function topQuestions(container, options) {
  const limit = (options && options.limit) || SCREEN_TOP;
  const list = f.el("ol", { className: "board-top", "aria-label": options && options.label });
  const empty = f.el("p", { className: "board-top-empty" }, options && options.empty);
  container.append(list, empty);
  const pager = options && options.pageFor ? screenPager(options.pageFor, () => [list]) : null;
  if (pager) container.appendChild(pager.node);
  const rows = new Map();

  function row(id) {
    if (rows.has(id)) return rows.get(id);
    const node = f.el("li", { className: "board-top-row", "data-question": id });
    const votes = f.el("span", { className: "board-top-votes" });
    const count = f.el("span", { className: "board-top-count" });
    const spoken = f.el("span", { className: "visually-hidden" });
    votes.append(f.el("span", { className: "upvote-arrow", "aria-hidden": "true" }, "▲"), count, spoken);
    const body = f.el("div", { className: "board-top-body" });
    const textNode = f.el("p", { className: "question-text", dir: "auto" });
    const name = f.el("p", { className: "board-top-name", dir: "auto" });
    body.append(textNode, name);
    node.append(votes, body);
    const view = { node, count, spoken, textNode, name };
    rows.set(id, view);
    return view;
  }

  function render() {
    const top = withStatus("visible").sort(byTop).slice(0, limit);
    const wanted = top.map((question) => {
      const view = row(question.id);
      if (view.textNode.textContent !== question.text) view.textNode.textContent = question.text;
      const name = question.name || "";
      if (view.name.textContent !== name) view.name.textContent = name;
      view.name.hidden = !name;
      view.count.textContent = String(question.votes || 0);
      view.count.setAttribute("aria-hidden", "true");
      view.spoken.textContent = f.votesText(question.votes || 0);
      view.node.classList.toggle("long", f.textLength(question.text) > 140);
      return view.node;
    });
    const keep = new Set(top.map((question) => question.id));
    rows.forEach((view, id) => {
      if (!keep.has(id)) {
        view.node.remove();
        rows.delete(id);
      }
    });
    arrange(list, wanted);
    empty.hidden = top.length > 0;
    if (pager) pager.refresh();
  }

  const stop = subscribe(render);
  render();
  return {
    update: render,
    destroy() {
      stop();
      if (pager) pager.destroy();
    },
  };
}

/** The pinned question, very large over whatever the screen shows; gone when unpinned. */
export function pinnedOverlay(node) {
  const textNode = node.querySelector(".now-discussing-text");
  const nameNode = node.querySelector(".now-discussing-name");
  function render() {
    const question = pinned();
    node.hidden = !question;
    document.body.classList.toggle("question-pinned", Boolean(question));
    if (!question) return;
    if (textNode.textContent !== question.text) textNode.textContent = question.text;
    const chars = f.textLength(question.text);
    node.dataset.size = chars <= 70 ? "xl" : chars <= 150 ? "l" : "m";
    const name = question.name || "";
    if (nameNode.textContent !== name) nameNode.textContent = name;
    nameNode.hidden = !name;
  }
  subscribe(render);
  render();
  return { update: render };
}
