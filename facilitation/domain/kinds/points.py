"""Points poll ("100 points"): each participant spreads a fixed budget over the options."""

from __future__ import annotations

from ..errors import Refusal
from . import PollKind, register
from .base import N_, option_ids, options_from_lines, validate_options, whole_number
from .ranking import competition_ranks, one_decimal

DEFAULT_TOTAL = 100
MIN_TOTAL = 10
MAX_TOTAL = 1000


class PointsTally:
    """Points per option summed over all participants; moved per answer in O(options)."""

    def __init__(self, ids: list[str], total: int):
        self.total = total
        self.points = {option_id: 0 for option_id in ids}
        self.answers = 0

    def fits(self, split) -> bool:
        """Whether ``split`` spreads exactly this poll's points over its options."""
        return (
            isinstance(split, dict)
            and all(key in self.points for key in split)
            and all(type(amount) is int and amount >= 0 for amount in split.values())
            and sum(split.values()) == self.total
        )

    def apply(self, previous, current) -> bool:
        """Replace one participant's split ``previous`` by ``current`` (either may be None)."""
        if previous == current:
            return False
        changed = False
        for split, step in ((previous, -1), (current, 1)):
            if split is not None and self.fits(split):
                for option_id, amount in split.items():
                    self.points[option_id] += step * amount
                self.answers += step
                changed = True
        return changed


@register
class Points(PollKind):
    """2–12 options and a budget of points (100 unless set) that each participant spreads."""

    name = "points"
    label = N_("100 points")

    def validate_poll(self, config: dict) -> dict:
        """Accept ``{"options": [...], "total"?: 10–1000}``; the budget defaults to 100."""
        options = validate_options(config.get("options"))
        total = whole_number(config.get("total", DEFAULT_TOTAL), "total", MIN_TOTAL, MAX_TOTAL)
        return {"options": options, "total": total}

    def poll_from_form(self, form) -> dict:
        """Options one per line; an empty budget field means the default."""
        total = str(form.get("total") or "").strip() or DEFAULT_TOTAL
        return {"options": options_from_lines(form.get("options")), "total": total}

    def poll_to_form(self, config: dict) -> dict:
        """One option per line, and the budget."""
        return {
            "options": "\n".join(option["label"] for option in config["options"]),
            "total": str(config["total"]),
        }

    def sample_answer(self, config: dict, rng, phrases):
        """The whole budget spread over the options at random."""
        ids, left = option_ids(config), config["total"]
        split = dict.fromkeys(ids, 0)
        while left:
            amount = min(left, rng.randint(1, max(1, config["total"] // 4)))
            split[rng.choice(ids)] += amount
            left -= amount
        return split

    def parse_answer(self, config: dict, value):
        """``{option_id: points}`` over this poll's options adding up to the budget.

        Missing options get 0; the answer is normalized to every option in the poll's order.
        """
        ids, total = option_ids(config), config["total"]
        if not isinstance(value, dict):
            raise Refusal("invalid_answer")
        if len(value) > len(ids) or any(key not in ids for key in value):
            raise Refusal("unknown_option")
        labels = {option["id"]: option["label"] for option in config["options"]}
        for option_id, amount in value.items():
            if isinstance(amount, bool) or not isinstance(amount, int):
                raise Refusal("invalid_answer")
            if not 0 <= amount <= total:
                raise Refusal("points_range", label=labels[option_id], maximum=total)
        given = sum(value.values())
        if given != total:
            raise Refusal("points_total", total=total, sum=given)
        return {option_id: value.get(option_id, 0) for option_id in ids}

    def new_tally(self, config: dict, answers) -> PointsTally:
        """Sum the stored splits once; later answers move the sums directly."""
        tally = PointsTally(option_ids(config), config["total"])
        for answer in answers:
            tally.apply(None, answer.value)
        return tally

    def apply(self, tally: PointsTally, previous, current) -> bool:
        """Move one participant's split."""
        return tally.apply(previous and previous.value, current and current.value)

    def answer_count(self, tally: PointsTally) -> int:
        """Participants who spread their points."""
        return tally.answers

    def results(self, item, tally: PointsTally, moderator: bool) -> dict:
        """Points per option and the average per participant, the most points first.

        Equal totals keep the poll's order and share a rank. ``points`` is the budget
        each participant spread, so ``answers * points`` is every point given.
        """
        rows = []
        for option in item.config["options"]:
            points = tally.points.get(option["id"], 0)
            average = one_decimal(points, tally.answers) if tally.answers else None
            rows.append(
                {"id": option["id"], "label": option["label"], "total": points, "average": average}
            )
        rows.sort(key=lambda row: -row["total"])
        for row, rank in zip(rows, competition_ranks([r["total"] for r in rows]), strict=True):
            row["rank"] = rank
        return {"answers": tally.answers, "points": item.config["total"], "options": rows}

    def answer_lines(self, config: dict, value, translations) -> list[str]:
        """Each option that got points, with its points, in the poll's order."""
        lines = []
        for option in config["options"]:
            points = value.get(option["id"], 0)
            if points:
                lines.append(
                    translations.ngettext(
                        "%(label)s: %(num)s point", "%(label)s: %(num)s points", points
                    )
                    % {"label": option["label"], "num": points}
                )
        return lines
