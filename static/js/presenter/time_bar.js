/* The presenter's time: the current item's clock (one clock, also during a breakout round),
 * the planned and the projected end, the slip coloured only when it matters, and what an
 * overrun costs — the two proposals of `replan_options`, applied in one click. The
 * arithmetic is in ./timeplan.js. */
import f from "../app.js";
import { round } from "../breakout/live.js";
import { actualMinutes, projection } from "./timeplan.js";

const $ = (id) => document.getElementById(id);
const bar = $("time-bar");
const text = bar ? bar.dataset : {};

/** A clock time ("10:04") in the page's language, on this device's time zone. */
function clockTime(ms) {
  return new Date(ms).toLocaleTimeString(document.documentElement.lang || undefined, {
    hour: "2-digit", minute: "2-digit",
  });
}

/** When the round of the breakout shown now ends (null unless one runs). */
function roundEnds(item) {
  const view = round.view;
  if (!item || !view || view.item_id !== item.id || view.status !== "running") return null;
  return view.ends_at;
}

/**
 * The time bar of the page. `run(event, payload)` sends a presenter command (showing
 * errors); returns `{tick(state), agendaMeta(entry), agendaExtra(entry)}`.
 */
export function timeBar(run) {
  const panel = $("replan");
  const winBack = $("win-back");
  const done = $("replan-done");

  function itemClock(state, shown) {
    const timer = $("item-timer");
    const item = state.item;
    // A running breakout round has its own clock on the page: the item shows no second one.
    if (!item || !item.opened_at || roundEnds(item)) {
      timer.textContent = "";
      timer.classList.remove("over");
      return;
    }
    if (!item.minutes || shown.itemLeft === null) {
      timer.textContent = f.formatDuration(f.serverNow() - item.opened_at);
      timer.classList.remove("over");
      return;
    }
    const over = shown.itemLeft < 0;
    timer.textContent = over
      ? f.t("overrun", { time: f.formatDuration(-shown.itemLeft) })
      : f.t("remaining", { time: f.formatDuration(shown.itemLeft) });
    timer.classList.toggle("over", over);
  }

  /** Paint the clocks for `state` (called every second and after every message). */
  function tick(state) {
    const time = state.agenda && state.agenda.time;
    if (!bar || !time) return;
    // Once the workshop has ended there is no end to project.
    bar.hidden = Boolean(state.workshop.ended_at);
    const shown = projection(time, f.serverNow(), roundEnds(state.item));
    itemClock(state, shown);
    $("time-planned").textContent = clockTime(shown.plannedEnd);
    $("time-projected").textContent = clockTime(shown.projected);
    const slip = $("time-slip");
    const minutes = Math.abs(shown.slipMinutes);
    slip.textContent = shown.level === "on-time" ? text.onTime
      : f.format(shown.slip > 0 ? text.behind : text.ahead, { minutes: minutes });
    const cell = $("time-slip-cell");
    cell.classList.toggle("behind", shown.level === "behind");
    cell.classList.toggle("late", shown.level === "late");
    const behind = shown.level === "behind" || shown.level === "late";
    const ended = Boolean(state.workshop.ended_at);
    winBack.hidden = !behind || ended;
    if (!winBack.hidden) {
      const label = f.format(text.winBack, { minutes: minutes });
      if (winBack.textContent !== label) winBack.textContent = label;
    }
    if (winBack.hidden && !panel.hidden) close(false);
  }

  function close(focus) {
    panel.hidden = true;
    winBack.setAttribute("aria-expanded", "false");
    if (focus && !winBack.hidden) winBack.focus();
  }

  function showOptions(options) {
    const changes = $("replan-changes");
    changes.replaceChildren(...options.shorten.changes.map((change) => f.el("li", {}, f.format(text.shortenList, {
      title: change.title, before: change.minutes, after: change.new_minutes,
    }))));
    const shorten = $("replan-shorten");
    shorten.hidden = options.shorten.saved === 0;
    shorten.textContent = f.format(text.shortenApply, { minutes: options.shorten.saved });
    if (options.shorten.saved === 0) changes.replaceChildren(f.el("li", {}, text.shortenNone));
    const select = $("replan-drop-item");
    select.replaceChildren(...options.drop.map((option) => f.el("option", { value: option.item_id },
      f.format(text.dropOption, { title: option.title, minutes: option.saved }))));
    select.disabled = options.drop.length === 0;
    $("replan-drop").disabled = options.drop.length === 0;
    if (options.drop.length === 0) select.appendChild(f.el("option", {}, text.dropNone));
    panel.hidden = false;
    winBack.setAttribute("aria-expanded", "true");
    (shorten.hidden ? select : shorten).focus();
  }

  function applied(ack) {
    if (!ack.ok) return;
    close(false);
    done.textContent = f.format(text.applied, { minutes: ack.saved });
    done.hidden = false;
    window.setTimeout(() => { done.hidden = true; }, 8000);
  }

  if (bar) {
    winBack.addEventListener("click", () => {
      if (!panel.hidden) {
        close(true);
        return;
      }
      done.hidden = true;
      run("replan_options", {}).then((ack) => { if (ack.ok) showOptions(ack); });
    });
    $("replan-cancel").addEventListener("click", () => close(true));
    panel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") close(true);
    });
    $("replan-shorten").addEventListener("click", () => run("replan", { plan: "shorten" }).then(applied));
    $("replan-drop").addEventListener("click", () => {
      run("replan", { plan: "drop", item_id: $("replan-drop-item").value }).then(applied);
    });
  }

  return {
    tick,
    /** The agenda line's time: planned minutes, and what the item took once it was left. */
    agendaMeta(entry, current) {
      if (entry.skipped) return [text.dropped];
      const took = actualMinutes(entry);
      const parts = [entry.minutes + " min"];
      if (took !== null && !current) parts.push(f.format(text.took, { minutes: took }));
      return parts;
    },
    /** A "Restore" button under a dropped agenda item (null for the others). */
    agendaExtra(entry) {
      if (!entry.skipped) return null;
      const button = f.el("button", {
        type: "button", className: "button compact agenda-restore", "aria-label": text.restore + ": " + entry.title,
      }, text.restore);
      button.addEventListener("click", () => run("restore_item", { item_id: entry.id }));
      return button;
    },
  };
}
