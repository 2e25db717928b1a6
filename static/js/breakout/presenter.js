/* The presenter's (and moderator's) breakout: the setup panel (./setup.js) until the round
 * runs, then the clock with extend and recall, a message to all groups, every group live
 * (members, moving people, newest cards) and all cards by prompt, with a star that puts a
 * card on the big screen. */
import f from "../app.js";
import { card as cardComponent } from "../components/card.js";
import { callQueue } from "./help.js";
import { round, store } from "./live.js";
import { setupPanel } from "./setup.js";
import {
  counted, countdown, fmt, follow, groupName, keyed, memberName, promptHeading, promptsOf, s, safeUrl, setText,
} from "./shared.js";

const NEWEST = 3; // cards per group in the presenter's group overview

/** A star toggle that puts a card on the big screen (presenter). */
function starButton(ctx, cardOf) {
  const button = f.el("button", {
    type: "button", className: "bo-star", "aria-pressed": "false", "aria-label": s().star, title: s().star,
  });
  const icon = f.el("span", { "aria-hidden": "true" }, "☆");
  button.appendChild(icon);
  button.addEventListener("click", () => {
    const card = cardOf();
    if (!card || button.getAttribute("aria-disabled") === "true") return;
    const harvested = !card.harvested;
    button.setAttribute("aria-disabled", "true");
    ctx.command("harvest_card", { item_id: round.itemId, card_id: card.id, harvested: harvested }).then((ack) => {
      button.removeAttribute("aria-disabled");
      if (ack && ack.ok) {
        round.details.forEach((group) => {
          group.cards.forEach((each) => {
            if (each.id === ack.card_id) each.harvested = ack.harvested;
          });
        });
        store.notify({ groups: true });
      }
    });
  });
  return {
    node: button,
    paint(card) {
      button.setAttribute("aria-pressed", card.harvested ? "true" : "false");
      setText(icon, card.harvested ? "★" : "☆");
    },
  };
}

/** The breakout `startItem` in `container` for the presenter or a moderator; returns `{update, destroy}`. */
export function presenterView(container, startItem, ctx) {
  const text = s();
  let item = startItem;
  const itemId = item.id;
  const root = f.el("div", { className: "bo bo-presenter" });
  const uid = "bo-" + itemId;
  // A moderator writes to the groups and picks cards; forming, timing and moving stay
  // the presenter's (the server refuses them too).
  const moderatorOnly = f.role === "moderator";

  let busy = false;
  function run(event, payload) {
    if (busy) return Promise.resolve(null);
    busy = true;
    root.classList.add("busy");
    return ctx.command(event, Object.assign({ item_id: itemId }, payload)).then((ack) => {
      busy = false;
      root.classList.remove("busy");
      return ack;
    });
  }

  const setupView = setupPanel(startItem, () => item, ctx, run);
  const panel = setupView.node;

  // -- the running round: clock, time, message, recall
  const controls = f.el("div", { className: "bo-controls" });
  const clockNode = f.el("p", { className: "bo-clock bo-clock-presenter" });
  const clock = countdown(clockNode, itemId, null);
  const buttons = f.el("div", { className: "bo-control-buttons" });
  const plusOne = f.el("button", { type: "button", className: "button", title: text.extendOneLabel }, fmt("extend", { count: 1 }));
  const plusFive = f.el("button", { type: "button", className: "button", title: fmt("extendLabel", { count: 5 }) }, fmt("extend", { count: 5 }));
  const recall = f.el("button", { type: "button", className: "button danger-outline bo-recall" }, text.recall);
  const resume = f.el("button", { type: "button", className: "button" }, text.resume);
  buttons.append(plusOne, plusFive, recall, resume);
  const controlsNote = f.el("p", { className: "bo-controls-note" });
  controls.append(clockNode, controlsNote, buttons);
  plusOne.addEventListener("click", () => run("extend_breakout", { minutes: 1 }));
  plusFive.addEventListener("click", () => run("extend_breakout", { minutes: 5 }));
  resume.addEventListener("click", () => run("extend_breakout", { minutes: 5 }));
  recall.addEventListener("click", () => {
    if (window.confirm(text.confirmRecall)) run("end_breakout", {});
  });

  const messageForm = f.el("form", { className: "bo-message-form", novalidate: true });
  const messageInput = f.el("input", {
    id: uid + "-message", type: "text", maxlength: "200", autocomplete: "off", placeholder: text.messagePlaceholder,
  });
  const messageSend = f.el("button", { type: "submit", className: "button" }, text.messageSend);
  const messageRow = f.el("div", { className: "inline-field" });
  messageRow.append(messageInput, messageSend);
  const messageStatus = f.el("p", { className: "bo-inline-status", role: "status" });
  messageForm.append(f.el("label", { for: uid + "-message" }, text.messageField), messageRow, messageStatus);
  messageForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = messageInput.value.trim();
    if (!value) {
      messageInput.focus();
      return;
    }
    run("breakout_message", { text: value }).then((ack) => {
      if (ack && ack.ok) {
        messageInput.value = "";
        setText(messageStatus, "✓ " + fmt("messageSent", { text: value }));
      }
    });
  });

  const summary = f.el("p", { className: "bo-summary" });
  const summaryText = f.el("span", {});
  // The calls waiting, beside the summary: visible on either tab.
  const callBadge = f.el("span", { className: "bo-call-badge" });
  summary.append(summaryText, callBadge);
  const queue = callQueue(itemId);

  // -- groups and cards
  const tabs = f.el("div", { className: "bo-tabs", role: "tablist", "aria-label": text.groupsTitle });
  const tabGroups = f.el("button", {
    type: "button", role: "tab", className: "bo-tab", id: uid + "-tab-groups", "aria-controls": uid + "-groups", "data-panel": "groups",
  });
  const tabCards = f.el("button", {
    type: "button", role: "tab", className: "bo-tab", id: uid + "-tab-cards", "aria-controls": uid + "-cards", "data-panel": "cards",
  });
  tabs.append(tabGroups, tabCards);
  const groupsPanel = f.el("div", { className: "bo-panel", role: "tabpanel", id: uid + "-groups", "aria-labelledby": uid + "-tab-groups" });
  const cardsPanel = f.el("div", { className: "bo-panel", role: "tabpanel", id: uid + "-cards", "aria-labelledby": uid + "-tab-cards", hidden: true });
  let tab = "groups";
  let tabChosen = false;
  const selectTab = f.tabs(tabs, { groups: groupsPanel, cards: cardsPanel }, (name) => { tab = name; });
  tabs.addEventListener("click", () => { tabChosen = true; });
  tabs.addEventListener("keydown", () => { tabChosen = true; });

  const groupList = f.el("ul", { className: "bo-groups" });
  groupsPanel.appendChild(groupList);
  const updateGroups = keyed(groupList, groupCard, (view, group) => view.paint(group));

  const harvestHint = f.el("p", { className: "hint bo-harvest-hint" }, text.harvestHint);
  const harvestColumns = f.el("div", { className: "bo-harvest-pick" });
  cardsPanel.append(harvestHint, harvestColumns);
  const updateHarvestColumns = keyed(harvestColumns, (prompt) => {
    const node = f.el("section", { className: "bo-pick-prompt" });
    const { node: heading, badge, words } = promptHeading();
    const list = f.el("ul", { className: "bo-cards" });
    const empty = f.el("p", { className: "bo-cards-empty" }, text.noCards);
    node.append(heading, list, empty);
    const cards = keyed(list, (card) => moderatorCard(card, true), (view, card) => view.paint(card));
    return { node, badge, words, cards, empty };
  }, (view, prompt) => {
    setText(view.badge, String(prompt.number));
    setText(view.words, prompt.text);
    view.cards(prompt.cards);
    view.empty.hidden = prompt.cards.length > 0;
  });

  function groupOptions(current) {
    return (round.view ? round.view.groups : []).filter((group) => group.id !== current);
  }

  /** A card as the presenter sees it: text, question number, group, and the star. */
  function moderatorCard(first, withGroup) {
    const where = f.el("span", { className: "bo-card-where" });
    let card = first;
    const star = starButton(ctx, () => card);
    const view = cardComponent({
      className: "bo-card bo-card-moderated",
      textClass: "bo-card-text",
      tags: { className: "bo-card-tags", lead: [where] },
      states: { harvested: "harvested" },
      layout: (parts) => [parts.text, parts.tags, star.node],
    });
    return {
      node: view.node,
      paint(next) {
        card = next;
        view.setText(card.text);
        const prompts = promptsOf(item);
        const index = prompts.findIndex((prompt) => prompt.id === card.prompt_id);
        const parts = [];
        if (!withGroup && index >= 0) parts.push(fmt("questionNumber", { number: index + 1 }));
        if (withGroup) parts.push(card.groupLabel);
        setText(where, parts.join(" · "));
        where.hidden = !parts.length;
        view.setTags({});
        view.setState({ harvested: card.harvested });
        star.paint(card);
      },
    };
  }

  /** One group in the overview: members (online dots, move), counts, newest cards. */
  function groupCard(first) {
    const node = f.el("li", { className: "bo-group" });
    const head = f.el("div", { className: "bo-group-head" });
    const title = f.el("h3", { className: "bo-group-name", dir: "auto" });
    const counts = f.el("span", { className: "bo-group-counts" });
    const video = f.el("a", { className: "bo-group-video", target: "_blank", rel: "noopener" }, text.videoRoom + " ↗");
    const calling = f.el("span", { className: "bo-group-calling" }, text.calling);
    head.append(title, calling, counts, video);
    const memberList = f.el("ul", { className: "bo-members" });
    const empty = f.el("p", { className: "bo-cards-empty" }, text.emptyGroup);
    const newest = f.el("ul", { className: "bo-cards bo-newest", "aria-label": text.newest });
    node.append(head, memberList, empty, newest);
    let group = first;
    const updateMembers = keyed(memberList, (member) => {
      const row = f.el("li", { className: "bo-member" });
      const dot = f.el("span", { className: "bo-dot", "aria-hidden": "true" });
      const name = f.el("span", { className: "bo-member-name", dir: "auto" });
      const state = f.el("span", { className: "visually-hidden" });
      const select = f.el("select", { className: "bo-move" });
      row.append(dot, name, state, select);
      const view = { node: row, dot, name, state, select, member };
      select.addEventListener("change", () => {
        const target = select.value;
        if (!target) return;
        run("move_participant", { number: view.member.number, group_id: target }).then(() => {
          select.value = "";
        });
      });
      return view;
    }, (view, member) => {
      view.member = member;
      const label = memberName(member);
      setText(view.name, label);
      setText(view.state, " (" + (member.online ? text.online : text.offline) + ")");
      view.dot.classList.toggle("online", Boolean(member.online));
      view.node.classList.toggle("offline", !member.online);
      const movable = round.view && (round.view.status === "forming" || round.view.status === "running");
      view.select.hidden = moderatorOnly || !movable;
      view.select.setAttribute("aria-label", fmt("moveLabel", { name: label }));
      const others = groupOptions(group.id);
      const signature = others.map((other) => other.id + ":" + groupName(other)).join("|");
      if (view.select.dataset.options !== signature) {
        view.select.replaceChildren(f.el("option", { value: "" }, text.moveTo),
          ...others.map((other) => f.el("option", { value: other.id }, groupName(other))));
        view.select.dataset.options = signature;
      }
    });
    const updateNewest = keyed(newest, (card) => moderatorCard(card, false), (view, card) => view.paint(card));
    return {
      node,
      paint(next) {
        group = next;
        const detail = round.details.get(group.id) || { members: [], cards: [], video_url: null };
        setText(title, groupName(group));
        const status = round.view ? round.view.status : "waiting";
        calling.hidden = status !== "running" || !round.calls.some((call) => call.group_id === group.id);
        node.classList.toggle("calling", !calling.hidden);
        const parts = [counted(detail.members.length, "peopleOne", "peopleMany")];
        if (status !== "forming") parts.push(counted(detail.cards.length, "cardsOne", "cardsMany"));
        if (group.capacity) parts[0] = fmt("places", { size: detail.members.length, capacity: group.capacity });
        setText(counts, parts.join(" · "));
        const url = safeUrl(detail.video_url);
        video.hidden = !url || status === "ended";
        if (url) {
          video.setAttribute("href", url);
          video.setAttribute("aria-label", fmt("videoRoomLabel", { group: groupName(group) }));
        }
        updateMembers(detail.members.map((member) => Object.assign({ id: member.number }, member)));
        empty.hidden = detail.members.length > 0;
        const latest = detail.cards.slice().sort((a, b) => b.created_at - a.created_at).slice(0, NEWEST);
        updateNewest(latest);
        newest.hidden = !latest.length;
      },
    };
  }

  function allCards() {
    const groups = round.view ? round.view.groups : [];
    const cards = [];
    groups.forEach((group) => {
      const detail = round.details.get(group.id);
      if (!detail) return;
      detail.cards.forEach((card) => cards.push(Object.assign({}, card, {
        groupNumber: group.number, groupLabel: groupName(group),
      })));
    });
    return cards;
  }

  root.append(queue.announcer, panel, controls, messageForm, summary, queue.node, tabs, groupsPanel, cardsPanel);
  container.appendChild(root);
  setupView.checkMode();

  function paint() {
    const view = round.view && round.view.item_id === itemId ? round.view : null;
    const status = view ? view.status : "waiting";
    root.dataset.status = status;
    panel.hidden = moderatorOnly || !(status === "waiting" || status === "forming");
    if (!panel.hidden) setupView.paint();
    controls.hidden = !(status === "running" || status === "ended");
    clock.update();
    plusOne.hidden = moderatorOnly || status !== "running";
    plusFive.hidden = moderatorOnly || status !== "running";
    recall.hidden = moderatorOnly || status !== "running";
    resume.hidden = moderatorOnly || status !== "ended";
    clockNode.hidden = status !== "running";
    setText(controlsNote, status === "ended" ? text.endedNote : "");
    controlsNote.hidden = status !== "ended";
    messageForm.hidden = status !== "running";

    const groups = view ? view.groups : [];
    const hasGroups = status !== "waiting";
    const cards = allCards();
    const picked = cards.filter((card) => card.harvested).length;
    const parts = [];
    if (hasGroups) {
      parts.push(counted(groups.length, "groupsOne", "groupsMany"));
      if (status !== "forming") parts.push(counted(cards.length, "cardsOne", "cardsMany"));
      if (picked) parts.push(fmt("onScreenCount", { count: picked }));
    }
    setText(summaryText, parts.join(" · "));
    summary.hidden = !hasGroups;
    queue.paint();
    const calling = queue.count();
    setText(callBadge, calling ? counted(calling, "callsOne", "callsMany") : "");
    callBadge.hidden = !calling;

    const withCards = status === "running" || status === "ended";
    tabs.hidden = !withCards;
    setText(tabGroups, text.tabGroups + " (" + groups.length + ")");
    setText(tabCards, text.tabCards + " (" + cards.length + ")");
    if (status === "ended" && !tabChosen && tab !== "cards") selectTab("cards");
    if (!withCards && tab !== "groups") selectTab("groups");
    groupsPanel.hidden = !hasGroups || (withCards && tab !== "groups");
    cardsPanel.hidden = !withCards || tab !== "cards";
    updateGroups(hasGroups ? groups : []);
    if (withCards) {
      updateHarvestColumns(promptsOf(item).map((prompt, index) => ({
        id: prompt.id, number: index + 1, text: prompt.text,
        cards: cards.filter((card) => card.prompt_id === prompt.id)
          .sort((a, b) => (a.groupNumber - b.groupNumber) || (a.created_at - b.created_at)),
      })));
    }
  }

  selectTab("groups");
  const clocks = { destroy() { clock.destroy(); queue.destroy(); } };
  return follow(paint, clocks, (next) => { item = next; });
}
