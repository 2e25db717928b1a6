/* The rehearsal banner every live page shows while a workshop runs with simulated
 * participants (the snapshot's `workshop.rehearsing`, then `rehearsal_changed`). */
import { listen, onSnapshot } from "./connection.js";

function show(rehearsing) {
  const banner = document.getElementById("rehearsal-banner");
  if (banner) banner.hidden = !rehearsing;
  document.body.classList.toggle("rehearsing", Boolean(rehearsing));
}

onSnapshot((state) => show(state.workshop && state.workshop.rehearsing));
listen("rehearsal_changed", (payload) => show(payload.rehearsing));
