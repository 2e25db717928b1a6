/* Word cloud: participants send up to three words or short phrases; the cloud sizes each word
 * by how many people sent it. Words keep their place between updates: a word only moves when
 * a growing neighbour needs the space, and new words settle into free space around the centre. */
import f from "../app.js";
import { room } from "../components/screen_pager.js";
import { Occupied, boxAt, characters, findSpot, hash, tidy, wordKey } from "./word_cloud/layout.js";

const ENTRY_LIMIT = 40;
// The cloud aims to cover this share of its box with text; spirals rarely pack denser.
const FILL = 0.5;
// The rarest word is drawn at least at this share of the most frequent word's size.
const SMALLEST_WEIGHT = 0.28;
const TONES = 4;

function plural(text, one, many, count) {
  return count === 1 ? text[one] : f.format(text[many], { count: count });
}

/** Keep `list`'s children in the order of `entries`, reusing each entry's node by key. */
function syncList(list, nodes, entries, keyOf, render) {
  const wanted = new Set();
  entries.forEach((entry, index) => {
    const key = keyOf(entry);
    wanted.add(key);
    let node = nodes.get(key);
    if (!node) {
      node = f.el("li");
      nodes.set(key, node);
    }
    render(node, entry);
    if (list.children[index] !== node) list.insertBefore(node, list.children[index] || null);
  });
  nodes.forEach((node, key) => {
    if (!wanted.has(key)) {
      node.remove();
      nodes.delete(key);
    }
  });
}

/** The cloud itself: words keyed by their normalized text, laid out in place. */
function Cloud(node) {
  const words = new Map();
  const measure = document.createElement("canvas").getContext("2d");
  const widths = new Map();
  let seen = 0;
  let scheduled = false;
  let lastWidth = 0;
  let lastHeight = 0;
  let resizing = null;
  let mineKeys = new Set();

  function widthPerPixel(text) {
    if (!widths.has(text)) {
      const style = window.getComputedStyle(node);
      measure.font = "700 100px " + style.fontFamily;
      widths.set(text, measure.measureText(text).width / 100);
    }
    return widths.get(text);
  }

  function targetHeight(width) {
    // The big screen: the room the screen leaves below the cloud's top (the cloud is never
    // zoomed there, so its own pixels are the window's; see `fitsRoom` below).
    if (f.role === "screen") return Math.max(260, Math.min(width * 0.75, room(node)));
    if (f.role === "presenter") return Math.max(240, Math.min(width * 0.5, 440));
    return Math.max(220, Math.min(width * 0.8, 360));
  }

  function layout() {
    scheduled = false;
    const width = node.clientWidth;
    if (!width || !words.size) {
      node.style.height = words.size ? "" : "0px";
      return;
    }
    let height = targetHeight(width);
    // A clearly different box gets a fresh layout (old spots would spread the cloud out); a
    // line more or less above the cloud does not.
    if (width !== lastWidth || Math.abs(height - lastHeight) > 0.12 * lastHeight) {
      words.forEach((word) => { word.spot = null; });
    }
    lastWidth = width;
    lastHeight = height;
    const list = Array.from(words.values());
    const top = Math.max(...list.map((word) => word.count));
    const floor = Math.max(12, Math.min(17, width * 0.011));
    list.forEach((word) => {
      word.weight = Math.max(SMALLEST_WEIGHT, Math.sqrt(word.count / top));
      word.unit = widthPerPixel(word.text);
    });
    // The largest font size that lets all words cover about FILL of the box.
    const demand = list.reduce((sum, word) => sum + word.weight * word.weight * (word.unit + 0.3) * 1.15, 0);
    let base = Math.sqrt((width * height * FILL) / demand);
    base = Math.min(base, width * 0.16, height * 0.38);
    list.forEach((word) => { base = Math.min(base, (width * 0.94) / (word.weight * (word.unit + 0.3))); });
    base = Math.max(base, floor);
    list.forEach((word) => {
      // At least the readable floor, unless a very long entry would not fit the width then.
      const widest = (width * 0.98) / (word.unit + 0.3);
      word.size = Math.min(widest, Math.max(floor, Math.round(base * word.weight * 2) / 2));
      word.boxWidth = word.size * (word.unit + 0.3);
      word.boxHeight = word.size * 1.12;
    });
    // Where the readable floor makes the words need more room than the box has, grow the box.
    const needed = list.reduce((sum, word) => sum + word.boxWidth * word.boxHeight, 0);
    height = Math.max(height, needed / (FILL * width));

    // Words already shown keep their spot if it is still free (largest first); new words
    // (most frequent first) spiral out from the centre.
    const placedBefore = list.filter((word) => word.spot).sort((a, b) => b.size - a.size || a.order - b.order);
    const fresh = list.filter((word) => !word.spot).sort((a, b) => b.count - a.count || a.order - b.order);
    const occupied = Occupied();
    const aspect = Math.max(0.6, Math.min(2.4, width / height));
    let halfH = height / 2;
    const halfW = width / 2;
    [...placedBefore, ...fresh].forEach((word) => {
      let x = word.spot ? word.spot.x * base : 0;
      let y = word.spot ? word.spot.y * base : 0;
      let box = boxAt(word, x, y);
      const inside = box.left >= -halfW && box.right <= halfW && box.top >= -halfH && box.bottom <= halfH;
      if (!word.spot || !inside || !occupied.free(box)) {
        let spot = findSpot(word, x, y, occupied, halfW, halfH, aspect);
        if (!spot && word.spot) spot = findSpot(word, 0, 0, occupied, halfW, halfH, aspect);
        // No room left: let the cloud grow taller rather than overlap words.
        while (!spot && halfH < 50 * height) {
          halfH *= 1.2;
          spot = findSpot(word, 0, 0, occupied, halfW, halfH, aspect);
        }
        spot = spot || { x: 0, y: 0 };
        x = spot.x;
        y = spot.y;
        box = boxAt(word, x, y);
      }
      occupied.add(box);
      word.x = x;
      word.y = y;
      word.spot = { x: x / base, y: y / base };
    });

    const reach = Math.max(...list.map((word) => Math.abs(word.y) + word.boxHeight / 2));
    height = Math.max(height, Math.ceil(2 * reach));
    node.style.height = height + "px";
    list.forEach((word) => {
      const left = width / 2 + word.x - (word.size * word.unit) / 2;
      const topEdge = height / 2 + word.y - word.size / 2;
      word.node.style.fontSize = word.size + "px";
      word.node.style.transform = "translate(" + left.toFixed(1) + "px, " + topEdge.toFixed(1) + "px)";
      word.node.classList.toggle("mine", mineKeys.has(word.key));
      if (word.node.classList.contains("entering")) {
        window.requestAnimationFrame(() => word.node.classList.remove("entering"));
      }
    });
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(layout);
  }

  // Wait until resizing stops (screenshots and window drags pass through odd sizes).
  function resized() {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(schedule, 150);
  }
  if (window.ResizeObserver) {
    new ResizeObserver(() => {
      if (node.clientWidth && node.clientWidth !== lastWidth) resized();
    }).observe(node);
  }
  function onResize() {
    if (node.isConnected) resized();
    else window.removeEventListener("resize", onResize);
  }
  window.addEventListener("resize", onResize);

  return {
    update(entries, mine) {
      mineKeys = new Set((mine || []).map(wordKey));
      const wanted = new Set();
      entries.forEach((entry) => {
        const key = wordKey(entry.word);
        wanted.add(key);
        let word = words.get(key);
        if (!word) {
          const element = f.el("span", { className: "wc-word entering wc-tone-" + (hash(key) % TONES), "data-key": key });
          node.appendChild(element);
          word = { key, node: element, order: seen, spot: null };
          seen += 1;
          words.set(key, word);
        }
        if (word.text !== entry.word) {
          word.text = entry.word;
          word.node.textContent = entry.word;
        }
        word.count = entry.count;
        word.node.dataset.count = String(entry.count);
      });
      words.forEach((word, key) => {
        if (!wanted.has(key)) {
          word.node.remove();
          words.delete(key);
        }
      });
      schedule();
    },
  };
}

f.registerKind("word_cloud", {
  input(fields, item, context) {
    const text = f.kindTemplate("word_cloud").dataset;
    const count = item.config.max_entries || 3;
    const hintId = "word-cloud-hint-" + item.id;
    const hint = count === 1
      ? f.format(text.hintOne, { limit: ENTRY_LIMIT })
      : f.format(text.hintMany, { count: count, limit: ENTRY_LIMIT });
    const group = f.el("fieldset", { className: "word-cloud-input", "aria-describedby": hintId });
    group.appendChild(f.el("legend", { className: "visually-hidden" }, item.title));
    group.appendChild(f.el("p", { className: "word-cloud-hint", id: hintId }, hint));
    let focused = null;
    const inputs = [];
    for (let index = 0; index < count; index += 1) {
      const id = "word-" + item.id + "-" + index;
      const name = count === 1 ? text.entryOne : f.format(text.entry, { number: index + 1 });
      const input = f.el("input", {
        type: "text", id: id, name: id, maxlength: String(ENTRY_LIMIT), autocomplete: "off",
        enterkeyhint: "send", placeholder: name, className: "word-cloud-entry",
      });
      group.append(f.el("label", { className: "visually-hidden", for: id }, name), input);
      input.addEventListener("input", () => {
        const typed = inputs.map((field) => field.value);
        if (typed.some((value) => value.trim())) context.draft.set(typed);
        else context.draft.clear();
        context.changed();
      });
      inputs.push(input);
    }
    fields.appendChild(group);

    return {
      read() {
        const entries = inputs.map((input) => tidy(input.value)).filter(Boolean);
        if (!entries.length) throw new f.InputError(text.required);
        if (entries.some((entry) => characters(entry) > ENTRY_LIMIT)) {
          throw new f.InputError(f.format(text.tooLong, { limit: ENTRY_LIMIT }));
        }
        return entries;
      },
      fill(value, isDraft) {
        // Unsent typing wins over the saved answer (a reconnect must not wipe it).
        const draft = isDraft ? null : context.draft.get();
        const typed = Array.isArray(draft) && draft.some((entry) => typeof entry === "string" && entry.trim());
        const shown = typed ? draft : (Array.isArray(value) ? value : []);
        inputs.forEach((input, index) => {
          input.value = typeof shown[index] === "string" ? shown[index] : "";
        });
      },
      disable(flag) {
        // Sending disables the fields; give the keyboard focus back where it was afterwards.
        if (flag && inputs.includes(document.activeElement)) focused = document.activeElement;
        inputs.forEach((input) => { input.disabled = flag; });
        if (!flag && focused) {
          if (!document.activeElement || document.activeElement === document.body) focused.focus();
          focused = null;
        }
      },
    };
  },

  results(container, item, context) {
    const text = f.kindTemplate("word_cloud").dataset;
    const root = f.el("div", { className: "results word-cloud-results" });
    const summary = f.el("p", { className: "results-summary" });
    const cloudNode = f.el("div", { className: "word-cloud", "aria-hidden": "true" });
    const empty = f.el("p", { className: "word-cloud-empty" }, text.empty);
    const more = f.el("p", { className: "word-cloud-more hint" });
    const list = f.el("ol", { className: "visually-hidden", "aria-label": text.list });
    const hiddenBox = f.el("div", { className: "word-cloud-hidden" });
    const hiddenList = f.el("ul", { className: "word-cloud-hidden-list" });
    hiddenBox.append(f.el("p", { className: "hint" }, text.hiddenWords), hiddenList);
    root.append(summary, more, cloudNode, empty, list, hiddenBox);
    // Presenters can take a word out of the cloud (every answer that has it) and back.
    const moderator = Boolean(context && context.moderator);
    const moderation = f.el("details", { className: "word-cloud-moderation", hidden: !moderator });
    const moderationList = f.el("ul", { className: "word-cloud-moderation-list" });
    moderation.append(f.el("summary", {}, text.hideWords), moderationList);
    root.appendChild(moderation);
    const moderationNodes = new Map();
    let shownItemId = item.id;
    container.appendChild(root);
    const cloud = Cloud(cloudNode);
    const listNodes = new Map();
    const hiddenNodes = new Map();
    const mentions = (count) => plural(text, "mentionsOne", "mentionsMany", count);

    function paint(current, ctx) {
      const results = current.results;
      const mine = ctx && ctx.mine !== undefined ? ctx.mine : (context && context.mine);
      const answered = f.role === "participant"
        ? (results.answers === 1 ? f.t("answers_one") : f.t("answers_many", { count: results.answers }))
        : f.t("answered", { answers: current.answers, joined: context && context.joined ? context.joined() : "–" });
      summary.textContent = answered + " · " + plural(text, "distinctOne", "distinctMany", results.distinct);
      empty.hidden = results.words.length > 0;
      more.hidden = results.distinct <= results.words.length;
      more.textContent = f.format(text.more, { count: results.words.length });
      cloud.update(results.words, Array.isArray(mine) ? mine : []);
      syncList(list, listNodes, results.words, (entry) => wordKey(entry.word), (node, entry) => {
        node.textContent = entry.word + ": " + mentions(entry.count);
      });
      const hiddenWords = results.hidden_words || [];
      hiddenBox.hidden = hiddenWords.length === 0;
      syncList(hiddenList, hiddenNodes, hiddenWords, (entry) => wordKey(entry.word), (node, entry) => {
        node.textContent = entry.word + " (" + entry.count + ")";
      });
      if (moderator) {
        shownItemId = current.id;
        const entries = results.words.map((entry) => ({ word: entry.word, hidden: false }))
          .concat(hiddenWords.map((entry) => ({ word: entry.word, hidden: true })));
        syncList(moderationList, moderationNodes, entries, (entry) => wordKey(entry.word) + (entry.hidden ? "/h" : ""), paintWord);
      }
    }

    /** One word with its button: "Hide" takes it out of the cloud, "Show" brings it back. */
    function paintWord(node, entry) {
      if (!node.firstChild) {
        node.append(f.el("span", { className: "word-cloud-moderation-word", dir: "auto" }),
          f.el("button", { type: "button", className: "button word-cloud-moderation-action" }));
        node.lastChild.addEventListener("click", () => {
          const button = node.lastChild;
          button.disabled = true;
          const payload = { item_id: shownItemId, word: node.dataset.word, hidden: node.dataset.hidden !== "true" };
          context.command("hide_word", payload).then(() => { button.disabled = false; });
        });
      }
      node.dataset.word = entry.word;
      node.dataset.hidden = String(entry.hidden);
      node.firstChild.textContent = entry.word;
      node.lastChild.textContent = entry.hidden ? text.showWord : text.hideWord;
      node.lastChild.setAttribute("aria-label", (entry.hidden ? text.showWord : text.hideWord) + ": " + entry.word);
    }

    paint(item, context);
    // The cloud sizes itself to the room it has. Zooming it as well would change its width in
    // its own pixels, and a new width lays every word out afresh: the words would jump.
    return { update: paint, fitsRoom: true };
  },
});
