/* The presenter's authoring form, progressively enhanced (the form works without it):
 * "Use this question" in the coaching library fills the next empty prompt field, and a
 * grouping mode shows only its own fields. Loaded by templates/presenter/item_form.html. */
function promptFields() {
  return Array.from(document.querySelectorAll('input[name^="prompt_"]'))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}

function coachingLibrary(library) {
  const status = library.querySelector(".coaching-status");
  let clear = null;
  library.querySelectorAll(".coaching-use").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const question = button.dataset.question;
      const fields = promptFields();
      const already = fields.find((field) => field.value.trim() === question);
      const target = already || fields.find((field) => !field.value.trim());
      window.clearTimeout(clear);
      if (!target) {
        status.textContent = status.dataset.full;
        return;
      }
      target.value = question;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      const number = fields.indexOf(target) + 1;
      status.textContent = status.dataset.filled.split("{number}").join(String(number));
      clear = window.setTimeout(() => { status.textContent = ""; }, 6000);
    });
  });
}

function groupingModes(fieldset) {
  const options = Array.from(fieldset.querySelectorAll(".grouping-mode"));
  function paint() {
    options.forEach((option) => {
      const radio = option.querySelector('input[type="radio"]');
      const fields = option.querySelector(".grouping-fields");
      // A field the server complained about stays visible whatever is chosen.
      const invalid = fields && fields.querySelector('[aria-invalid="true"]');
      if (fields) fields.hidden = !radio.checked && !invalid;
    });
  }
  fieldset.addEventListener("change", paint);
  paint();
}

const library = document.querySelector(".coaching-library");
if (library) coachingLibrary(library);
const modes = document.querySelector(".grouping-modes");
if (modes) groupingModes(modes);
