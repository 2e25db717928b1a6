// The presenter's shortcut keys: which key presses count, and when typing wins.
import { test } from "node:test";
import assert from "node:assert/strict";
import { keyMap, pressed, typingIn } from "../../static/js/presenter/shortcuts.js";

const key = (name, modifiers = {}) => ({ key: name, ctrlKey: false, altKey: false, metaKey: false, ...modifiers });

test("the rows become the key map", () => {
  const map = keyMap([{ keys: "ArrowRight N", targets: "#next" }, { keys: "Escape", targets: "" }]);
  assert.deepEqual(map, [
    { keys: ["ArrowRight", "N"], targets: "#next", offScreen: "" },
    { keys: ["Escape"], targets: "", offScreen: "" },
  ]);
});

test("a letter counts in either case, an arrow by its name", () => {
  assert.equal(pressed(["ArrowRight", "N"], key("n")), true);
  assert.equal(pressed(["ArrowRight", "N"], key("N")), true);
  assert.equal(pressed(["ArrowRight", "N"], key("ArrowRight")), true);
  assert.equal(pressed(["ArrowRight", "N"], key("m")), false);
  assert.equal(pressed(["?"], key("?")), true);
});

test("Ctrl, Alt and Meta never press a shortcut", () => {
  for (const modifier of ["ctrlKey", "altKey", "metaKey"]) {
    assert.equal(pressed(["N"], key("n", { [modifier]: true })), false, modifier);
  }
});

/** A stand-in for an element: `closest(selector)` finds what the test says it is inside. */
function element(inside, editable = false) {
  return { isContentEditable: editable, closest: (selector) => (inside.some((s) => selector.includes(s)) ? {} : null) };
}

test("keys typed into fields, editable text or arrowed in tabs stay there", () => {
  assert.equal(typingIn(element(["input"]), "n"), true);
  assert.equal(typingIn(element(["textarea"]), "n"), true);
  assert.equal(typingIn(element([], true), "n"), true);
  assert.equal(typingIn(element(['[role="tab"]']), "ArrowRight"), true);
  assert.equal(typingIn(element(['[role="tab"]']), "n"), false);
  assert.equal(typingIn(element([]), "n"), false);
  assert.equal(typingIn(null, "n"), false);
});
