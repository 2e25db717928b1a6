/* The current item's speaker notes, which only the presenter's snapshot and facts carry:
 * a collapsible panel under the current item, hidden while the item has none. */

/** The panel in `details` (a `<details>` with `[data-notes-text]`); `update(item)` shows its notes. */
export function notesPanel(details) {
  const text = details.querySelector("[data-notes-text]");
  return {
    update(item) {
      const notes = (item && item.notes) || "";
      details.hidden = !notes;
      if (text.textContent !== notes) text.textContent = notes;
    },
  };
}
