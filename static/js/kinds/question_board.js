/* Question board as the current agenda item. Participants get the workshop's board (the same
 * one as in their Questions tab, lent to the activity) as their main activity; the big screen
 * and the presenter's current-item card show the top questions by votes. */
import f from "../app.js";
import board from "../board/index.js";

function strings() {
  return f.kindTemplate("question_board").dataset;
}

function prompt(container, item) {
  const node = f.el("p", { className: "board-prompt lead", dir: "auto" });
  container.appendChild(node);
  return function update(next) {
    const text = (next.config && next.config.prompt) || "";
    if (node.textContent !== text) node.textContent = text;
    node.hidden = !text;
  };
}

function render(container, item) {
  const text = strings();
  const showPrompt = prompt(container, item);
  showPrompt(item);

  if (f.role === "participant") {
    const release = board.host(container);
    return {
      update: showPrompt,
      destroy() {
        if (release) release();
      },
    };
  }

  const box = f.el("div", { className: "board-top-box role-" + f.role });
  if (f.role === "presenter") box.appendChild(f.el("h2", { className: "board-top-heading" }, text.topHeading));
  container.appendChild(box);
  const top = board.topQuestions(box, {
    label: text.topLabel,
    empty: text.screenEmpty,
    // The big screen pages through the top 30, as many a page as fit.
    limit: f.role === "screen" ? 30 : 5,
    pageFor: f.role === "screen" ? item.id : null,
  });
  if (f.role === "presenter") {
    const note = f.el("p", { className: "hint board-top-note" }, text.previewNote);
    const open = f.el("button", { type: "button", className: "button" }, text.openPanel);
    open.addEventListener("click", () => document.dispatchEvent(new CustomEvent("facilitation:show-questions")));
    container.append(note, open);
  }
  return {
    update(next) {
      showPrompt(next);
      top.update();
    },
    destroy: top.destroy,
  };
}

f.registerKind("question_board", { render, screenPages: true });
