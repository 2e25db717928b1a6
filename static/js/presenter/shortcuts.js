/* The presenter's keyboard shortcuts: one key per action, listed in the "?" dialog. The
 * dialog's rows (templates/presenter/shortcuts.html) are the key map: each names its keys
 * (`data-keys`, as KeyboardEvent.key values) and the buttons it presses (`data-targets`, a
 * selector), so the keys, the translated list and every button's `aria-keyshortcuts` come
 * from one place. A shortcut presses the button itself: confirmations stay as they are.
 * Pure helpers first; nothing touches `document` at import. */

/** Where typed keys belong to a field, never to a shortcut. */
export const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
/** Where the arrow keys already mean something (tabs, radio groups, sliders). */
const ARROW_OWNERS = '[role="tab"], [role="radio"], [role="slider"], [role="listbox"], [role="menu"]';

/** The rows' key map: `[{keys: ["ArrowRight", "N"], targets, offScreen}]` (selectors). */
export function keyMap(rows) {
  return rows.map((row) => ({
    keys: row.keys.split(" ").filter(Boolean),
    targets: row.targets || "",
    offScreen: row.offScreen || "",
  }));
}

/** Whether `event` (its `key` and modifiers) presses one of `keys`; Ctrl, Alt and Meta never do. */
export function pressed(keys, event) {
  if (event.ctrlKey || event.altKey || event.metaKey) return false;
  const key = String(event.key || "").toLowerCase();
  return keys.some((wanted) => wanted.toLowerCase() === key);
}

/** Whether a key pressed on `target` is typing (or arrowing) that a shortcut must leave alone. */
export function typingIn(target, key) {
  if (!target || !target.closest) return false;
  if (target.isContentEditable || target.closest(TYPING)) return true;
  return String(key).startsWith("Arrow") && Boolean(target.closest(ARROW_OWNERS));
}

function usable(button) {
  return !button.disabled && !button.hidden && button.getClientRects().length > 0;
}

/**
 * Install the shortcuts of `dialog` (a `<dialog>` opened by `opener`). `beforePress(button)`
 * runs before a shortcut presses a button (the page uses it to keep the focus on the agenda).
 */
export function installShortcuts(dialog, opener, beforePress) {
  const rows = keyMap(Array.from(dialog.querySelectorAll("tr[data-keys]"), (row) => row.dataset));
  let returnTo = null;

  /** Give every button a shortcut presses its `aria-keyshortcuts` (also buttons added later). */
  function mark() {
    rows.forEach((row) => {
      if (!row.targets) return;
      const value = row.keys.join(" ");
      document.querySelectorAll(row.targets).forEach((button) => {
        if (button.getAttribute("aria-keyshortcuts") !== value) button.setAttribute("aria-keyshortcuts", value);
      });
    });
  }
  mark();
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(() => {
      queued = false;
      mark();
    });
  }).observe(document.body, { childList: true, subtree: true });

  /** The button a row presses now: the only usable one, or (S on every card) the one on the
   * focused card, else one that takes something off the big screen. */
  function targetOf(row) {
    const buttons = Array.from(document.querySelectorAll(row.targets)).filter(usable);
    if (buttons.length <= 1) return buttons[0] || null;
    const active = document.activeElement;
    const card = active && active.closest ? active.closest("li") : null;
    const onCard = card ? buttons.find((button) => card.contains(button)) : null;
    if (onCard) return onCard;
    return (row.offScreen && buttons.find((button) => button.matches(row.offScreen))) || null;
  }

  opener.addEventListener("click", () => {
    returnTo = document.activeElement;
    dialog.showModal();
  });
  dialog.querySelector("[data-close]").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    const back = returnTo && returnTo.isConnected ? returnTo : opener;
    returnTo = null;
    back.focus();
  });

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || dialog.open) return; // the open dialog closes with Escape itself
    if (typingIn(event.target, event.key)) return;
    const row = rows.find((candidate) => candidate.targets && pressed(candidate.keys, event));
    if (!row) return;
    const button = targetOf(row);
    if (!button) return;
    event.preventDefault();
    if (beforePress) beforePress(button);
    button.click();
  });
}
