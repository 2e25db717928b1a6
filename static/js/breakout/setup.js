/* The presenter's setup panel (waiting, forming): how the groups are formed (by size, by
 * number, named groups to choose, as in an earlier breakout) with a preview of the sizes,
 * forming and starting, and the workshop's video room link. */
import f from "../app.js";
import { round } from "./live.js";
import { fmt, s, setText } from "./shared.js";
import { sizesFor } from "./sizes.js";

/** What the presenter last chose in the setup panel, kept across re-renders. */
const setups = new Map();

function setupFor(item) {
  if (!setups.has(item.id)) {
    const grouping = (item.config && item.config.grouping) || { mode: "size", size: 4 };
    const named = grouping.groups || [];
    setups.set(item.id, {
      mode: grouping.mode || "size",
      size: String(grouping.size || 4),
      count: String(grouping.count || 3),
      names: named.map((group) => group.name).join("\n"),
      capacity: String((named.find((group) => group.capacity) || {}).capacity || ""),
      previous: "",
    });
  }
  return setups.get(item.id);
}

/**
 * The setup panel of `startItem`; `currentItem()` gives the item as shown now, `run(event,
 * payload)` sends one of the round's commands (one at a time). Returns `{node, paint, checkMode}`.
 */
export function setupPanel(startItem, currentItem, ctx, run) {
  const text = s();
  const itemId = startItem.id;
  const setup = setupFor(startItem);
  const uid = "bo-" + itemId;

  const panel = f.el("form", { className: "bo-setup", novalidate: true, "aria-labelledby": uid + "-setup" });
  const panelTitle = f.el("h2", { className: "bo-setup-title", id: uid + "-setup" }, text.setupTitle);
  const modes = f.el("fieldset", { className: "bo-modes" });
  modes.appendChild(f.el("legend", {}, text.modeLegend));
  const radios = {};

  function mode(name, label, fields) {
    const wrap = f.el("div", { className: "bo-mode", "data-mode": name });
    const radio = f.el("input", { type: "radio", name: uid + "-mode", value: name });
    radios[name] = radio;
    const radioLabel = f.el("label", { className: "radio" });
    radioLabel.append(radio, " " + label);
    const box = f.el("div", { className: "bo-mode-fields" });
    fields.forEach((field) => box.appendChild(field));
    wrap.append(radioLabel, box);
    modes.appendChild(wrap);
    radio.addEventListener("change", () => {
      setup.mode = name;
      paintSetup();
    });
    return box;
  }

  function numberField(id, label, min, max, key) {
    const wrap = f.el("div", { className: "bo-field" });
    const labelNode = f.el("label", { for: id }, label);
    const input = f.el("input", {
      id: id, type: "number", min: String(min), max: String(max), inputmode: "numeric", className: "narrow-input",
    });
    input.value = setup[key];
    input.addEventListener("input", () => {
      setup[key] = input.value;
      paintPreview();
    });
    wrap.append(labelNode, input);
    return wrap;
  }

  const sizeField = numberField(uid + "-size", text.sizeLabel, 2, 20, "size");
  const countField = numberField(uid + "-count", text.countLabel, 1, 100, "count");
  const namesWrap = f.el("div", { className: "bo-field bo-field-wide" });
  const names = f.el("textarea", { id: uid + "-names", rows: 4 });
  names.value = setup.names;
  names.addEventListener("input", () => {
    setup.names = names.value;
    paintPreview();
  });
  namesWrap.append(f.el("label", { for: uid + "-names" }, text.namesLabel), names);
  const capacityField = numberField(uid + "-capacity", text.capacityLabel, 1, 100, "capacity");
  const previousWrap = f.el("div", { className: "bo-field" });
  const previousSelect = f.el("select", { id: uid + "-previous" });
  previousSelect.addEventListener("change", () => {
    setup.previous = previousSelect.value;
    paintPreview();
  });
  const noPrevious = f.el("p", { className: "hint" }, text.noPrevious);
  previousWrap.append(f.el("label", { for: uid + "-previous" }, text.previousLabel), previousSelect, noPrevious);
  mode("size", text.modeSize, [sizeField]);
  mode("count", text.modeCount, [countField]);
  mode("choose", text.modeChoose, [namesWrap, capacityField]);
  mode("previous", text.modePrevious, [previousWrap]);
  const preview = f.el("p", { className: "bo-preview" });
  const latecomers = f.el("p", { className: "hint" }, text.latecomers);
  const setupActions = f.el("div", { className: "bo-actions" });
  const formButton = f.el("button", { type: "button", className: "button" }, text.formGroups);
  const startButton = f.el("button", { type: "submit", className: "button primary big" });
  setupActions.append(formButton, startButton);

  const videoBox = f.el("div", { className: "bo-video-setup" });
  const videoInput = f.el("input", {
    id: uid + "-video", type: "url", inputmode: "url", maxlength: "500", autocomplete: "off",
    placeholder: "https://meet.example.org/kaizen-{workshop}-{group}", "aria-describedby": uid + "-video-help",
  });
  const videoSave = f.el("button", { type: "button", className: "button compact" }, text.videoSave);
  const videoRow = f.el("div", { className: "inline-field" });
  videoRow.append(videoInput, videoSave);
  const videoHelp = f.el("p", { className: "hint", id: uid + "-video-help" }, text.videoHelp);
  const videoStatus = f.el("p", { className: "bo-inline-status", role: "status" });
  videoBox.append(f.el("label", { for: uid + "-video" }, text.videoLabel), videoRow, videoHelp, videoStatus);
  videoInput.value = round.videoLink;
  let videoTouched = false;
  videoInput.addEventListener("input", () => {
    videoTouched = true;
    setText(videoStatus, "");
  });
  videoSave.addEventListener("click", () => {
    ctx.command("set_video_link", { video_link: videoInput.value }).then((ack) => {
      if (ack && ack.ok) {
        round.videoLink = ack.video_link;
        videoTouched = false;
        videoInput.value = ack.video_link;
        setText(videoStatus, "✓ " + (ack.video_link ? text.videoSaved : text.videoRemoved));
      }
    });
  });
  videoInput.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      videoSave.click();
    }
  });
  // Once groups are formed, how they were formed folds away: moving people and starting matter.
  const settings = f.el("details", { className: "bo-settings", open: true });
  const settingsSummary = f.el("summary", {}, text.changeGrouping);
  settings.append(settingsSummary, modes, preview, latecomers);
  panel.append(panelTitle, settings, setupActions, videoBox);

  function grouping() {
    if (setup.mode === "size") return { mode: "size", size: setup.size.trim() };
    if (setup.mode === "count") return { mode: "count", count: setup.count.trim() };
    if (setup.mode === "choose") {
      const capacity = setup.capacity.trim();
      return {
        mode: "choose",
        groups: setup.names.split("\n").map((name) => name.trim()).filter(Boolean)
          .map((name) => ({ name: name, capacity: capacity || null })),
      };
    }
    const chosen = setup.previous || (round.previous.length ? round.previous[round.previous.length - 1].item_id : "");
    return chosen ? { mode: "previous", item_id: chosen } : { mode: "previous" };
  }

  formButton.addEventListener("click", () => run("form_groups", { grouping: grouping() }));
  panel.addEventListener("submit", (event) => {
    event.preventDefault();
    const waiting = round.view && round.view.status === "waiting";
    run("start_breakout", waiting ? { grouping: grouping() } : {});
  });

  function paintPreview() {
    const online = round.online || 0;
    let line = "";
    if (setup.mode === "size" || setup.mode === "count") {
      const wanted = Number(setup.mode === "size" ? setup.size : setup.count);
      const valid = Number.isInteger(wanted) && wanted >= (setup.mode === "size" ? 2 : 1);
      if (!online) line = text.previewNobody;
      else if (valid) {
        const sizes = sizesFor(online, setup.mode, wanted, wanted);
        const low = Math.min(...sizes);
        const high = Math.max(...sizes);
        const size = low === high ? String(low) : low + "–" + high;
        line = sizes.length === 1
          ? fmt("previewOne", { online: online, size: size })
          : fmt("previewMany", { online: online, groups: sizes.length, size: size });
      }
    } else if (setup.mode === "choose") {
      const count = setup.names.split("\n").filter((name) => name.trim()).length;
      line = fmt("previewChoose", { count: count });
    } else {
      const chosen = round.previous.find((entry) => entry.item_id === (setup.previous || previousSelect.value));
      line = chosen ? fmt("previewPrevious", { title: chosen.title }) : text.noPrevious;
    }
    setText(preview, line);
    latecomers.hidden = setup.mode === "choose";
  }

  let wasForming = false;
  function paintSetup() {
    Object.entries(radios).forEach(([name, radio]) => {
      radio.checked = setup.mode === name;
      radio.closest(".bo-mode").classList.toggle("selected", setup.mode === name);
      radio.closest(".bo-mode").querySelector(".bo-mode-fields").hidden = setup.mode !== name;
    });
    // The earlier breakouts (newest last on the server; the newest is the default).
    const options = round.previous.map((entry) => entry.item_id + "\u0000" + entry.title).join("\n");
    if (previousSelect.dataset.options !== options) {
      previousSelect.replaceChildren(...round.previous.slice().reverse()
        .map((entry) => f.el("option", { value: entry.item_id }, entry.title)));
      previousSelect.dataset.options = options;
      if (setup.previous) previousSelect.value = setup.previous;
    }
    previousSelect.hidden = !round.previous.length;
    previousWrap.querySelector("label").hidden = !round.previous.length;
    noPrevious.hidden = round.previous.length > 0;
    radios.previous.disabled = !round.previous.length && setup.mode !== "previous";
    const view = round.view;
    const forming = view && view.status === "forming";
    setText(formButton, forming ? text.formAgain : text.formGroups);
    setText(panelTitle, forming ? text.formedTitle : text.setupTitle);
    if (forming !== wasForming) {
      settings.open = !forming;
      wasForming = forming;
    }
    settingsSummary.hidden = !forming;
    setText(startButton, fmt("start", { minutes: view ? view.duration : (currentItem().config.duration || "") }));
    if (!videoTouched && document.activeElement !== videoInput && videoInput.value !== round.videoLink) {
      videoInput.value = round.videoLink;
    }
    paintPreview();
  }

  return {
    node: panel,
    paint: paintSetup,
    /** Check the radio of the chosen mode (once the panel is in the page). */
    checkMode() {
      Object.entries(radios).forEach(([name, radio]) => { radio.checked = setup.mode === name; });
    },
  };
}
