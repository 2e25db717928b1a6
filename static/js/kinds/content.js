/* Content card: paragraphs of text, the same for every role. */
import f from "../app.js";
import { fitToRoom } from "../components/screen_pager.js";

f.registerKind("content", {
  render(container, item) {
    const card = f.clone("kind-content");
    const bodyNode = f.markContent(card.querySelector(".content-body"));
    (item.config.body || "").split(/\n\s*\n/).forEach((paragraph) => {
      if (paragraph.trim()) bodyNode.appendChild(f.el("p", {}, paragraph.trim()));
    });
    container.appendChild(card);
    // The big screen does not scroll: a long text takes a smaller type instead.
    const fit = f.role === "screen" ? fitToRoom(bodyNode) : null;
    return {
      update() {},
      destroy() {
        if (fit) fit.destroy();
      },
    };
  },
});
