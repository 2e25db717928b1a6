/* The organizer's workspace: copy buttons, errors brought into view, reordering by drag.
 * Every action also works without JavaScript (plain forms and links). */
// Copy a link: the button says "Copied" for a moment.
document.querySelectorAll("[data-copy]").forEach((button) => {
  const label = button.textContent;
  button.addEventListener("click", () => {
    const input = document.getElementById(button.dataset.copy);
    input.select();
    const done = () => {
      button.textContent = button.dataset.copied;
      setTimeout(() => { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, () => { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
});

// A refused form comes back as a new page, scrolled to the top; its message may be far
// below (the file upload on "New workshop", the settings beside a long agenda, on a phone
// below it). Bring the message into view and put the cursor into the field it names.
const problem = document.querySelector("main .error[role=alert]:not([hidden])");
if (problem) {
  const form = problem.closest("form") || problem.closest("section") || document;
  const field = form.querySelector("[aria-invalid=true]:not([disabled])");
  problem.scrollIntoView({ block: "start" });
  if (field) field.focus({ preventScroll: true });
}

// After "move up/down" the moved item keeps the keyboard focus on the same button.
const moved = document.querySelector(".editor-item[data-moved]");
if (moved) {
  const button = moved.querySelector(`button[value="${moved.dataset.moved}"]:not([disabled])`) ||
    moved.querySelector("button[name=direction]:not([disabled])");
  if (button) button.focus();
}

// Drag and drop: the new order is sent at once; started items never move.
const list = document.getElementById("editor-items");
if (list) sortable(list);

/** Let the agenda editor's rows be dragged into a new order. */
function sortable(list) {
  // Say that rows can be dragged, where a mouse can (touch screens have no HTML drag).
  if (list.querySelector(".editor-item[draggable=true]") && window.matchMedia("(pointer: fine)").matches) {
    const hint = document.createElement("p");
    hint.className = "hint drag-hint";
    hint.textContent = list.dataset.dragHint;
    list.before(hint);
  }
  let dragged = null;
  list.addEventListener("dragstart", (event) => {
    const item = event.target.closest(".editor-item");
    if (!item || item.classList.contains("locked")) return;
    dragged = item;
    item.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.item);
  });
  list.addEventListener("dragover", (event) => {
    if (!dragged) return;
    event.preventDefault();
    const over = event.target.closest(".editor-item");
    if (!over || over === dragged || over.classList.contains("locked")) return;
    const box = over.getBoundingClientRect();
    const after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });
  list.addEventListener("dragend", () => {
    if (!dragged) return;
    dragged.classList.remove("dragging");
    dragged = null;
    const order = Array.from(list.querySelectorAll(".editor-item")).map((node) => node.dataset.item);
    const error = document.getElementById("order-error");
    const failed = (message) => {
      error.textContent = message || list.dataset.orderFailed;
      error.hidden = false;
    };
    fetch(list.dataset.orderUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": list.dataset.csrf },
      body: JSON.stringify({ order }),
      credentials: "same-origin",
    }).then((response) => response.json()).then((answer) => {
      if (answer.ok) window.location.reload();
      else failed(answer.error && answer.error.message);
    }).catch(() => failed()); // offline, or an HTML error page (signed out meanwhile)
  });
}
