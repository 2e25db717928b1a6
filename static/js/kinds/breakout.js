/* Breakout reflection: small groups reflect on 1–5 prompts for a set time, each group on its
 * own board of cards. The client is the feature folder static/js/breakout/:
 * - store.js (the round, fed by snapshots and the breakout facts) and live.js (the page's
 *   store wired to its connection), outbox.js (drafts, unsent cards, the private note: nothing
 *   typed is lost), clock.js (the countdown from the server's clock), sizes.js (group sizes);
 * - the views, which only render the store: participant.js (+ cards.js, the group's board),
 *   presenter.js (+ setup.js, forming the groups), screen.js; shared.js has their small pieces.
 * This module only registers the kind and picks the view for the page's role. */
import f from "../app.js";
import { hidden, showing } from "../breakout/live.js";
import { participantView } from "../breakout/participant.js";
import { presenterView } from "../breakout/presenter.js";
import { screenView } from "../breakout/screen.js";

function render(container, item, ctx) {
  showing(item.id);
  let view;
  if (f.role === "participant") view = participantView(container, item);
  else if (f.role === "presenter" || f.role === "moderator") view = presenterView(container, item, ctx || {});
  else view = screenView(container, item);
  return {
    update: view.update,
    destroy() {
      hidden(item.id);
      view.destroy();
    },
  };
}
f.registerKind("breakout", { render, screenPages: true });
