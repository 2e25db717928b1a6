/* The participant's breakout: the waiting room with the prompts, their group (members,
 * video room, countdown), choosing a named group where the breakout lets them, the group's
 * board (./cards.js), a private note, and back in the plenary at the recall. */
import f from "../app.js";
import { groupBoard } from "./cards.js";
import { callBox, groupAnswerBanner } from "./help.js";
import { notes, outbox, round, store } from "./live.js";
import {
  counted, countdown, fmt, follow, groupName, keyed, memberName, messageBanner, promptList, safeUrl, s, setText,
} from "./shared.js";

const MAX_NOTE = 5000;

/** The breakout `startItem` in `container` for a participant; returns `{update, destroy}`. */
export function participantView(container, startItem) {
  const text = s();
  let item = startItem;
  const itemId = item.id;
  const root = f.el("div", { className: "bo bo-participant" });
  const announcer = f.el("p", { className: "visually-hidden", role: "status" });
  const banner = messageBanner(itemId);
  const answerBanner = groupAnswerBanner(itemId);

  // Before the groups: what the round will be about.
  const intro = f.el("section", { className: "bo-intro" });
  const introTitle = f.el("h2", { className: "bo-intro-title" }, text.waitingTitle);
  const introText = f.el("p", { className: "bo-intro-text" }, text.waitingText);
  const introPrompts = promptList("bo-intro-prompts");
  const introMeta = f.el("p", { className: "hint bo-intro-meta" });
  const introPulse = f.el("div", { className: "pulse", "aria-hidden": "true" });
  intro.append(introTitle, introText, introPrompts.node, introMeta, introPulse);

  // The back in the plenary heading.
  const ended = f.el("section", { className: "bo-ended" });
  const endedTitle = f.el("h2", { className: "bo-ended-title", tabindex: "-1" }, text.endedTitle);
  const endedText = f.el("p", { className: "bo-ended-text" });
  ended.append(endedTitle, endedText);

  // The group: name, members, video room, the clock.
  const head = f.el("section", { className: "bo-group-card", "aria-labelledby": "bo-group-title" });
  const headTop = f.el("div", { className: "bo-group-top" });
  const headNames = f.el("div", { className: "bo-group-names" });
  const headEyebrow = f.el("p", { className: "bo-eyebrow" }, text.yourGroup);
  const headTitle = f.el("h2", { className: "bo-group-title", id: "bo-group-title", tabindex: "-1", dir: "auto" });
  headNames.append(headEyebrow, headTitle);
  const clockNode = f.el("p", { className: "bo-clock", "aria-label": text.clockLabel });
  headTop.append(headNames, clockNode);
  const members = f.el("ul", { className: "bo-members-line", "aria-label": text.membersLabel });
  const updateMembers = keyed(members, () => {
    const node = f.el("li", { className: "bo-member-chip", dir: "auto" });
    return { node };
  }, (view, member) => {
    setText(view.node, member.me ? memberName(member) + " (" + text.you + ")" : memberName(member));
    view.node.classList.toggle("me", Boolean(member.me));
  });
  const video = f.el("a", { className: "button primary big bo-video", target: "_blank", rel: "noopener" });
  video.append(f.el("span", {}, text.video), f.el("span", { "aria-hidden": "true" }, " ↗"),
    f.el("span", { className: "visually-hidden" }, " (" + text.videoHint + ")"));
  const formingText = f.el("p", { className: "bo-forming-text" }, text.formingText);
  const clock = countdown(clockNode, itemId, (message) => setText(announcer, message));
  // The group's call for the facilitator.
  const help = callBox(itemId, (message) => setText(announcer, message));
  head.append(headTop, members, video, help.node, formingText);

  const noGroup = f.el("p", { className: "bo-no-group" }, text.noGroup);

  // Choosing a named group.
  const picker = f.el("section", { className: "bo-picker" });
  const pickerTitle = f.el("h2", { className: "bo-picker-title" }, text.chooseTitle);
  const pickerHint = f.el("p", { className: "hint" }, text.chooseHint);
  const pickerList = f.el("ul", { className: "bo-picker-list" });
  const pickerError = f.el("p", { className: "error", role: "alert", hidden: true });
  picker.append(pickerTitle, pickerHint, pickerList, pickerError);
  const switcher = f.el("details", { className: "bo-switch" });
  const switcherSummary = f.el("summary", {}, text.switchGroup);
  switcher.appendChild(switcherSummary);
  let choosing = null;
  const updatePicker = keyed(pickerList, (group) => {
    const node = f.el("li", { className: "bo-pick" });
    const name = f.el("span", { className: "bo-pick-name", dir: "auto" });
    const places = f.el("span", { className: "bo-pick-places" });
    const info = f.el("span", { className: "bo-pick-info" });
    info.append(name, places);
    const mark = f.el("span", { className: "bo-pick-mine" }, text.yourGroup);
    const join = f.el("button", { type: "button", className: "button bo-pick-join" }, text.join);
    node.append(info, mark, join);
    const view = { node, name, places, mark, join, group: group };
    join.addEventListener("click", () => choose(view));
    return view;
  }, (view, group) => {
    view.group = group;
    setText(view.name, groupName(group));
    setText(view.places, group.capacity
      ? fmt("places", { size: group.size, capacity: group.capacity })
      : counted(group.size, "peopleOne", "peopleMany"));
    const mine = Boolean(round.myGroup && round.myGroup.id === group.id);
    const full = !mine && group.capacity !== null && group.capacity !== undefined && group.size >= group.capacity;
    view.node.classList.toggle("mine", mine);
    view.node.classList.toggle("full", full);
    view.mark.hidden = !mine;
    view.join.hidden = mine;
    view.join.disabled = full;
    setText(view.join, full ? text.full : text.join);
    view.join.setAttribute("aria-label", full ? groupName(group) + ": " + text.full : fmt("joinLabel", { group: groupName(group) }));
  });

  function choose(view) {
    if (choosing) return;
    choosing = view.group.id;
    pickerError.hidden = true;
    f.command("choose_group", { item_id: itemId, group_id: view.group.id }).then((ack) => {
      choosing = null;
      if (ack && ack.ok) {
        round.myGroup = ack.group;
        switcher.open = false;
        setText(announcer, fmt("joined", { group: groupName(ack.group) }));
        store.notify({ group: true });
        headTitle.focus({ preventScroll: false });
      } else if (ack) {
        pickerError.textContent = ack.error.message;
        pickerError.hidden = false;
      }
    });
  }

  // The group's board: one column per prompt with its cards and an add field.
  const groupBoardView = groupBoard(itemId, () => item);
  const board = groupBoardView.node;

  // The private note.
  const note = f.el("section", { className: "bo-note" });
  const noteId = "bo-note-" + itemId;
  const noteLabel = f.el("label", { for: noteId, className: "bo-note-label" }, text.noteLabel);
  const noteHint = f.el("p", { className: "hint", id: noteId + "-hint" }, text.noteHint);
  const noteArea = f.el("textarea", {
    id: noteId, className: "bo-note-text", rows: 4, maxlength: String(MAX_NOTE), "aria-describedby": noteId + "-hint",
  });
  const noteMeta = f.el("div", { className: "bo-note-meta" });
  const noteStatus = f.el("p", { className: "bo-note-status" });
  const noteSave = f.el("button", { type: "button", className: "button compact" }, text.noteSave);
  noteMeta.append(noteStatus, noteSave);
  note.append(noteLabel, noteHint, noteArea, noteMeta);
  const storedNote = notes.draft(itemId);
  noteArea.value = storedNote !== null ? storedNote : round.note;
  if (storedNote !== null && storedNote !== round.note) notes.status = "unsaved";
  noteArea.addEventListener("input", () => notes.changed(itemId, noteArea.value));
  noteSave.addEventListener("click", () => {
    notes.store(itemId).set(noteArea.value);
    notes.save(itemId).then((ok) => {
      setText(announcer, ok ? text.noteSaved : (notes.message || text.noteUnsaved));
    });
  });

  function paintNote() {
    const draft = notes.draft(itemId);
    if (document.activeElement !== noteArea && draft === null && noteArea.value !== round.note) {
      noteArea.value = round.note;
    }
    const states = { saved: "✓ " + text.noteSaved, unsaved: text.noteUnsaved, saving: text.noteSaving };
    const line = notes.status === "error" ? notes.message : (noteArea.value || notes.status !== "saved" ? states[notes.status] : "");
    setText(noteStatus, line);
    noteStatus.classList.toggle("error", notes.status === "error");
    noteStatus.classList.toggle("confirmed", notes.status === "saved");
  }

  root.append(announcer, banner.node, answerBanner.node, intro, ended, noGroup, picker, head, switcher, board, note);
  container.appendChild(root);

  function paint(what) {
    const view = round.view;
    if (!view || view.item_id !== itemId) {
      // The state of this breakout is on its way (get_breakout): show the waiting room.
      [ended, noGroup, picker, head, switcher, board, note].forEach((node) => { node.hidden = true; });
      intro.hidden = false;
      introPrompts.update(item);
      introMeta.textContent = "";
      return;
    }
    const status = view.status;
    const group = round.myGroup;
    const choosingMode = view.mode === "choose";
    const active = status === "forming" || status === "running";
    banner.update();
    answerBanner.update();
    clock.update();
    help.paint();

    intro.hidden = status !== "waiting";
    introPrompts.update(item);
    introMeta.textContent = fmt("duration", { count: view.duration })
      + (view.private_notes ? " · " + text.notesHint : "");

    ended.hidden = status !== "ended";
    const anyCards = Boolean(group && (group.cards.length || outbox.pending(itemId).length));
    setText(endedText, anyCards ? text.endedText : text.endedNoCards);

    head.hidden = !group || status === "waiting";
    if (group) {
      setText(headTitle, groupName(group));
      updateMembers(group.members.map((member) => Object.assign({ id: member.number }, member)));
      const url = safeUrl(group.video_url);
      video.hidden = !url || status === "ended";
      if (url && video.getAttribute("href") !== url) video.setAttribute("href", url);
    }
    formingText.hidden = status !== "forming";
    headEyebrow.hidden = false;

    const pickable = choosingMode && active;
    picker.hidden = !pickable;
    if (pickable) {
      updatePicker(view.groups || []);
      // With a group, the choice moves into "Switch group"; without one it is the page.
      if (group && picker.parentNode !== switcher) switcher.appendChild(picker);
      if (!group && picker.parentNode === switcher) root.insertBefore(picker, head);
      pickerTitle.hidden = Boolean(group);
    }
    switcher.hidden = !(pickable && group);
    noGroup.hidden = Boolean(group) || choosingMode || status === "waiting"
      || (status === "ended" && !group);

    board.hidden = !group || (status !== "running" && status !== "ended");
    groupBoardView.title.hidden = status === "ended";
    groupBoardView.hint.hidden = status === "ended";
    // At the recall an open edit is sent first: painting the ended round closes the editor.
    if (status === "ended" && what && what.round) groupBoardView.flushEdits();
    if (!board.hidden) groupBoardView.paint();

    note.hidden = !view.private_notes || status === "waiting" || (!group && status !== "ended");
    if (!note.hidden) paintNote();
    root.dataset.status = status;
  }

  let lastStatus = null;
  function onChange(what) {
    const status = round.view && round.view.item_id === itemId ? round.view.status : null;
    const changedStatus = status !== lastStatus;
    paint(Object.assign({}, what, { round: changedStatus || (what && what.round) }));
    if (changedStatus && lastStatus !== null && status === "ended") endedTitle.focus({ preventScroll: false });
    lastStatus = status;
  }

  return follow(onChange, clock, (next) => { item = next; });
}
