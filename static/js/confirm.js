/* Forms that change something for good ask first, naming what they change (data-confirm).
 * Loaded by every page with such forms: the organizer's workspace and the authoring forms. */
document.querySelectorAll("form[data-confirm]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
});
