/* The presenter's rehearsal controls: start one with simulated participants (before anyone
 * real joined), add more, and "Go live", which wipes what the rehearsal produced. */
const $ = (id) => document.getElementById(id);

/** Wire the controls to `run(event, payload)`; returns `render(state)`. */
export function rehearsalControls(run) {
  const control = $("rehearsal-control");
  const goLive = $("go-live");
  $("rehearse-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const count = Number($("rehearse-count").value);
    const button = $("rehearse-start");
    button.disabled = true;
    run("start_rehearsal", { participants: Number.isInteger(count) ? count : $("rehearse-count").value })
      .then((ack) => {
        button.disabled = false;
        if (ack.ok) control.open = false;
      });
  });
  goLive.addEventListener("click", () => {
    if (!window.confirm(goLive.dataset.confirm)) return;
    goLive.disabled = true;
    run("go_live", {}).then(() => { goLive.disabled = false; });
  });

  return function render(state) {
    const rehearsing = Boolean(state.workshop.rehearsing);
    const ended = Boolean(state.workshop.ended_at);
    // Before anyone real joined, or to add people to a rehearsal.
    control.hidden = ended || (!rehearsing && state.presence.joined > 0);
    goLive.hidden = !rehearsing;
  };
}
