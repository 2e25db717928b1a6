"""Ranking poll: each participant puts all options in order; results by Borda count."""

from __future__ import annotations

from ..errors import Refusal
from . import register
from .base import N_, OptionsPoll, option_ids, option_labels


def one_decimal(numerator: int, denominator: int) -> float:
    """``numerator / denominator`` rounded half up to one decimal, exactly (no float drift)."""
    tenths = (20 * numerator + denominator) // (2 * denominator)
    return tenths / 10


def competition_ranks(values: list) -> list[int]:
    """Ranks for values already sorted best first: equal values share a rank (1, 2, 2, 4)."""
    ranks: list[int] = []
    for index, value in enumerate(values):
        ranks.append(ranks[-1] if index and value == values[index - 1] else index + 1)
    return ranks


class RankingTally:
    """How often each option was put at each place; moved per answer in O(options)."""

    def __init__(self, ids: list[str]):
        self.ids = list(ids)
        self.positions = {option_id: [0] * len(self.ids) for option_id in self.ids}
        self.answers = 0

    def fits(self, order) -> bool:
        """Whether ``order`` ranks exactly this tally's options (stale answers are ignored)."""
        return (
            isinstance(order, list)
            and len(order) == len(self.ids)
            and all(isinstance(option_id, str) for option_id in order)
            and set(order) == set(self.ids)
        )

    def apply(self, previous, current) -> bool:
        """Replace one participant's order ``previous`` by ``current`` (either may be None)."""
        if previous == current:
            return False
        changed = False
        for order, step in ((previous, -1), (current, 1)):
            if order is not None and self.fits(order):
                for place, option_id in enumerate(order):
                    self.positions[option_id][place] += step
                self.answers += step
                changed = True
        return changed


@register
class Ranking(OptionsPoll):
    """2–12 options that every participant puts in order, best first."""

    name = "ranking"
    label = N_("Ranking")

    def sample_answer(self, config: dict, rng, phrases):
        """Every option once, shuffled."""
        ids = option_ids(config)
        rng.shuffle(ids)
        return ids

    def parse_answer(self, config: dict, value):
        """An answer lists every option id of this poll exactly once, best first."""
        ids = option_ids(config)
        if not isinstance(value, list):
            raise Refusal("invalid_answer")
        if len(value) > len(ids):
            raise Refusal("ranking_order", count=len(ids))
        if not all(isinstance(option_id, str) for option_id in value):
            raise Refusal("invalid_answer")
        if any(option_id not in ids for option_id in value):
            raise Refusal("unknown_option")
        if len(set(value)) != len(ids) or len(value) != len(ids):
            raise Refusal("ranking_order", count=len(ids))
        return list(value)

    def new_tally(self, config: dict, answers) -> RankingTally:
        """Count the stored orders once; later answers move the counts directly."""
        tally = RankingTally(option_ids(config))
        for answer in answers:
            tally.apply(None, answer.value)
        return tally

    def apply(self, tally: RankingTally, previous, current) -> bool:
        """Move one participant's order."""
        return tally.apply(previous and previous.value, current and current.value)

    def answer_count(self, tally: RankingTally) -> int:
        """Participants who sent an order."""
        return tally.answers

    def results(self, item, tally: RankingTally, moderator: bool) -> dict:
        """Borda score (n−1 points for a first place … 0 for the last), average place, places.

        Options come best first; equal scores keep the poll's order and share a rank.
        """
        options = item.config["options"]
        last = len(options) - 1
        rows = []
        for option in options:
            places = tally.positions.get(option["id"], [0] * len(options))
            score = sum(count * (last - place) for place, count in enumerate(places))
            placed = sum(count * (place + 1) for place, count in enumerate(places))
            rows.append(
                {
                    "id": option["id"],
                    "label": option["label"],
                    "score": score,
                    "average_position": (
                        one_decimal(placed, tally.answers) if tally.answers else None
                    ),
                    "positions": list(places),
                }
            )
        rows.sort(key=lambda row: -row["score"])
        for row, rank in zip(rows, competition_ranks([r["score"] for r in rows]), strict=True):
            row["rank"] = rank
        return {"answers": tally.answers, "max_score": tally.answers * last, "options": rows}

    def answer_lines(self, config: dict, value, translations) -> list[str]:
        """The options in the participant's order, numbered."""
        return [f"{place}. {label}" for place, label in enumerate(option_labels(config, value), 1)]
