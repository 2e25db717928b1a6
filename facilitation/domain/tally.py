"""Running counts of answers, kept in memory and updated per answer."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


class ChoiceTally:
    """Counts per option for polls where each participant holds one choice.

    ``apply(previous, current)`` moves one participant's vote; it is O(1), so a
    vote never needs an aggregate query.
    """

    def __init__(self, option_ids: Iterable[Hashable]):
        self.counts: dict[Hashable, int] = {option_id: 0 for option_id in option_ids}

    @classmethod
    def from_answers(cls, option_ids: Iterable[Hashable], answers: Iterable) -> ChoiceTally:
        """Build a tally from stored answers (used once, when an item is first needed)."""
        tally = cls(option_ids)
        for answer in answers:
            tally.apply(None, answer)
        return tally

    def apply(self, previous, current) -> bool:
        """Move a vote from ``previous`` to ``current`` (either may be None); True if changed."""
        changed = False
        if previous == current:
            return changed
        if previous in self.counts:
            self.counts[previous] -= 1
            changed = True
        if current in self.counts:
            self.counts[current] += 1
            changed = True
        return changed

    @property
    def total(self) -> int:
        """How many participants currently hold a vote."""
        return sum(self.counts.values())


def percentages(counts: list[int]) -> list[int]:
    """Whole percentages that add up to exactly 100 (largest remainder), or all 0."""
    total = sum(counts)
    if total == 0:
        return [0 for _ in counts]
    floors = [count * 100 // total for count in counts]
    # Whole-number remainders, so equal shares tie exactly and the earlier option
    # wins the tie (float noise would decide it otherwise).
    remainders = [count * 100 % total for count in counts]
    missing = 100 - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda i: (-remainders[i], i))
    for index in by_remainder[:missing]:
        floors[index] += 1
    return floors
