/* Single-choice poll: participants tap one option; presenter and screen see live bars. */
(function () {
  "use strict";
  const f = window.facilitation;

  function participantView(container, item, context) {
    const template = f.kindTemplate("single_choice");
    const text = template.dataset;
    const form = f.clone("kind-single_choice");
    const choices = form.querySelector(".choices");
    const status = form.querySelector(".poll-status");
    form.querySelector(".item-legend").textContent = item.title;
    let current = item;
    let mine = context.myAnswer === undefined ? null : context.myAnswer;
    let sending = null;
    const results = f.Bars(container);

    const inputs = current.config.options.map((option, index) => {
      const id = "choice-" + item.id + "-" + index;
      const label = f.el("label", { className: "choice", for: id });
      const input = f.el("input", { type: "radio", name: "choice-" + item.id, id: id, value: option.id });
      const mark = f.el("span", { className: "choice-mark", "aria-hidden": "true" });
      const caption = f.el("span", { className: "choice-label" }, option.label);
      label.append(input, mark, caption);
      choices.appendChild(label);
      input.addEventListener("change", () => vote(option.id));
      return input;
    });

    function vote(optionId) {
      sending = optionId;
      paint();
      context.submit(optionId).then((ack) => {
        if (sending !== optionId) return;
        sending = null;
        if (ack.ok) {
          mine = ack.value;
          paint();
        } else {
          paint(ack.error.message);
        }
      });
    }

    function paint(errorMessage) {
      const open = current.status === "open";
      const selected = sending || mine;
      inputs.forEach((input) => {
        input.checked = input.value === selected;
        input.disabled = !open;
        input.closest(".choice").classList.toggle("chosen", input.value === mine && !sending);
      });
      form.classList.toggle("closed", !open);
      status.classList.toggle("error", Boolean(errorMessage));
      status.classList.toggle("confirmed", !errorMessage && !sending && mine !== null && open);
      if (errorMessage) status.textContent = errorMessage;
      else if (sending) status.textContent = text.sending;
      else if (!open) status.textContent = mine !== null ? text.closedVoted : text.closed;
      else if (mine !== null) status.textContent = "✓ " + text.voted;
      else status.textContent = text.choose;
      results.update(current.results || null, { highlight: mine });
    }

    container.prepend(form);
    paint();
    return {
      update(next) {
        current = next;
        paint();
      },
      /** After a reconnect: the server's truth for this participant's vote. */
      setMine(value) {
        mine = value === undefined ? null : value;
        paint();
      },
      pending() {
        return sending;
      },
    };
  }

  function resultsView(container, item, context) {
    const bars = f.Bars(container);
    function paint(current) {
      const results = current.results;
      const summary = results && context.joined !== undefined
        ? f.t("answered", { answers: results.answers, joined: context.joined() })
        : null;
      bars.update(results, { summary: summary });
    }
    paint(item);
    return { update: paint };
  }

  f.registerKind("single_choice", {
    render(container, item, context) {
      return f.role === "participant"
        ? participantView(container, item, context)
        : resultsView(container, item, context);
    },
  });
})();
