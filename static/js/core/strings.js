/* Strings for the page: {placeholder} filling, the page's translated strings, numbers in the
 * page's language, character counts as the server makes them. Pure: nothing runs at import. */

let table = {};

/** Use `strings` (key → translated text, from the page's JSON block) for `t`. */
export function setStrings(strings) {
  table = strings || {};
}

/** Fill {placeholders} in `text` (a string from the page or a kind's partial). */
export function format(text, params) {
  let result = text || "";
  Object.entries(params || {}).forEach(([name, value]) => {
    result = result.split("{" + name + "}").join(String(value));
  });
  return result;
}

/** A translated string from the page, with {placeholders} filled in. */
export function t(key, params) {
  return format(table[key] || key, params);
}

/** The page's language (the `lang` of <html>), or undefined outside a page. */
function pageLanguage() {
  const root = globalThis.document && globalThis.document.documentElement;
  return (root && root.lang) || undefined;
}

/**
 * A number in the page's language (decimal comma and thousands dots in German);
 * `language` overrides the page's.
 */
export function number(value, decimals, language) {
  return Number(value).toLocaleString(language || pageLanguage(), {
    minimumFractionDigits: decimals || 0, maximumFractionDigits: decimals || 0,
  });
}

/** Characters as the server counts them (code points, so an emoji is not two). */
export function textLength(text) {
  return Array.from(text || "").length;
}

/**
 * What the "12 / 280" counter under a text area says: `shown`, `spoken` and whether the
 * text is `over` or `near` the limit. `strings` = {counter, overLimit, counterLabel}.
 */
export function counterState(value, limit, strings) {
  const count = textLength(value);
  const over = count - limit;
  return {
    count: count,
    shown: format(strings.counter, { count: count, limit: limit }),
    spoken: over > 0
      ? format(strings.overLimit, { count: over })
      : format(strings.counterLabel, { count: count, limit: limit }),
    over: over > 0,
    near: over <= 0 && limit - count <= Math.max(10, Math.round(limit / 10)),
  };
}

/**
 * The live "12 / 280" counter under a text area: `parts` = {counter, shown, spoken,
 * area}, `strings` = {counter, overLimit, counterLabel}. Marks the area invalid over
 * the limit; returns how many characters the trimmed value has.
 */
export function paintCounter(parts, value, limit, strings) {
  const state = counterState(value, limit, strings);
  parts.shown.textContent = state.shown;
  parts.spoken.textContent = state.spoken;
  parts.counter.classList.toggle("over", state.over);
  parts.counter.classList.toggle("near", state.near);
  parts.area.setAttribute("aria-invalid", state.over ? "true" : "false");
  return state.count;
}
