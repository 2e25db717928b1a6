/* Shared client for every live page: the facade `f` over the core modules (strings, dom,
 * clock, connection, bars, panels, drafts) and the registry of activity kinds. Each role
 * page's entry module imports it; it loads the activity kinds' modules. */
import { format, number, paintCounter, setStrings, t, textLength } from "./core/strings.js";
import { clone, el, iconButton, kindLabel, kindTemplate, markContent, reorder, tabs } from "./core/dom.js";
import { formatDuration, serverNow } from "./core/clock.js";
import { command, connect, itemEvents, listen, onSnapshot, online, reporting } from "./core/connection.js";
import { Bars, votesText } from "./core/bars.js";
import { InputError, answerPanel, resultsPanel, withTally } from "./core/panels.js";
import { draftStore } from "./core/drafts.js";
import "./core/rehearsal.js"; // the rehearsal banner on every live page

const body = document.body;
setStrings(JSON.parse(document.getElementById("strings").textContent));
const kinds = {};

/** A number in the page's language (decimal comma and thousands dots in German). */
function pageNumber(value, decimals) {
  return number(value, decimals);
}

const facilitation = {
  role: body.dataset.role,
  t, format, number: pageNumber, reorder, textLength, paintCounter, tabs, el, iconButton, markContent, clone, kindTemplate, kindLabel, serverNow, formatDuration,
  votesText, Bars, connect, itemEvents, listen, onSnapshot, command, reporting, withTally, online,
  InputError, draftStore,
  kinds,
  /** Called by each static/js/kinds/<name>.js module. */
  registerKind(name, module) {
    kinds[name] = module;
  },
  /** Render `item` for this page's role; returns the view (with `update(item)`). */
  renderItem(container, item, context) {
    const kind = kinds[item.kind];
    context = context || {};
    container.replaceChildren();
    if (!kind) {
      container.appendChild(el("p", {}, item.title));
      return { update() {} };
    }
    if (kind.render) return kind.render(container, item, context) || { update() {} };
    if (facilitation.role === "participant") {
      return answerPanel(container, item, kind, context);
    }
    return resultsPanel(container, item, kind, context);
  },
};

export default facilitation;
