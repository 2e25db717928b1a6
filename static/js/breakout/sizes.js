/* Group sizes for the presenter's preview: the rules the server deals groups by
 * (sizes_for in facilitation/domain/breakouts.py). tests/cases/group_sizes.json holds the
 * examples both sides are tested against; tests/domain/test_grouping_in_the_browser.py
 * compares the two over every small case. Pure: node imports this module. */

/** `people` split into `groups` groups as evenly as possible, the larger groups first. */
export function balanced(people, groups) {
  const base = Math.floor(people / groups);
  const extra = people % groups;
  const sizes = [];
  for (let index = 0; index < groups; index += 1) sizes.push(index < extra ? base + 1 : base);
  return sizes;
}

/**
 * How many groups of `size`: the fewest none of which is larger than `size` (so groups of
 * that size where possible, the rest one smaller), but fewer when someone would sit alone.
 */
export function groupCountForSize(people, size) {
  let count = Math.max(1, Math.ceil(people / size));
  while (count > 1 && Math.floor(people / count) < 2) count -= 1;
  return count;
}

/** The group sizes for `people` people by `mode` "size" (groups of `size`) or "count" (`count` groups). */
export function sizesFor(people, mode, size, count) {
  if (mode === "size") return balanced(people, groupCountForSize(people, size));
  return balanced(people, Math.max(1, Math.min(count, people)));
}
