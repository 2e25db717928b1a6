/* The countdown everyone sees for an item with `countdown: true` (participants and the big
 * screen): time left until `item.countdown.ends_at` on the server's clock, then "time is up";
 * hidden while the server sends no countdown (untimed, not opened, or a closed poll). */
import f from "../app.js";

/** A countdown element; `update(item)` follows the item, `destroy()` stops its clock. */
export function countdown(className) {
  const node = f.el("p", { className: "countdown " + (className || ""), role: "timer", hidden: true });
  const time = f.el("span", { className: "countdown-time" });
  const note = f.el("span", { className: "countdown-note" });
  node.append(time, note);
  let current = null;
  let timer = null;

  function tick() {
    if (!current) return;
    const left = current.ends_at - f.serverNow();
    const up = left <= 0;
    const text = up ? f.t("time_up") : f.t("remaining", { time: f.formatDuration(left) });
    if (time.textContent !== text) time.textContent = text;
    node.classList.toggle("up", up);
    node.classList.toggle("soon", !up && left <= 60000);
  }

  return {
    node,
    update(item) {
      current = (item && item.countdown) || null;
      node.hidden = !current;
      note.textContent = current && current.auto_close ? f.t("closes_itself") : "";
      note.hidden = !note.textContent;
      if (current && !timer) timer = window.setInterval(tick, 1000);
      if (!current && timer) {
        window.clearInterval(timer);
        timer = null;
      }
      tick();
    },
    destroy() {
      if (timer) window.clearInterval(timer);
      timer = null;
    },
  };
}
