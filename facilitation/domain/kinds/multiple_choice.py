"""Multiple-choice poll: each participant picks several options, within the poll's limits."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..errors import Refusal
from . import PollKind, register
from .base import N_, option_ids, option_labels, options_from_lines, validate_options, whole_number


class SelectionTally:
    """Counts per option and respondents for answers that pick one or several options.

    A participant's answer is one option id or a list of them; ``is_right``
    (for quizzes) says whether a whole answer is right, and ``right`` counts those.
    """

    def __init__(self, option_ids: Iterable[str], is_right: Callable | None = None):
        self.counts = {option_id: 0 for option_id in option_ids}
        self.respondents = 0
        self.right = 0
        self.is_right = is_right

    @classmethod
    def from_answers(cls, option_ids, values, is_right=None) -> SelectionTally:
        """Build a tally from stored answer values."""
        tally = cls(option_ids, is_right)
        for value in values:
            tally.apply(None, value)
        return tally

    def apply(self, previous, current) -> bool:
        """Replace one participant's answer ``previous`` by ``current`` (either may be None)."""
        if previous == current:
            return False
        self._count(previous, -1)
        self._count(current, 1)
        return True

    def _count(self, value, step: int) -> None:
        if value is None:
            return
        self.respondents += step
        for option_id in picks(value):
            if option_id in self.counts:
                self.counts[option_id] += step
        if self.is_right is not None and self.is_right(value):
            self.right += step


def picks(value) -> tuple:
    """The option ids of an answer that is one id or a list of ids."""
    return (value,) if isinstance(value, str) else tuple(value)


def share(count: int, total: int) -> int:
    """``count`` as a whole percentage of ``total`` (half rounds up; 0 when nobody answered)."""
    return (count * 200 + total) // (total * 2) if total else 0


def parse_picks(config: dict, value, minimum: int, maximum: int) -> list[str]:
    """A list of distinct option ids of this poll, ``minimum`` to ``maximum`` long, in poll order.

    The length is checked before the entries, so a huge list costs nothing.
    """
    if not isinstance(value, list):
        raise Refusal("invalid_answer")
    if len(value) > maximum:
        raise Refusal("too_many_choices", maximum=maximum)
    ids = option_ids(config)
    for entry in value:
        if not isinstance(entry, str):
            raise Refusal("invalid_answer")
        if entry not in ids:
            raise Refusal("unknown_option")
    if len(set(value)) != len(value):
        raise Refusal("invalid_answer")
    if len(value) < minimum:
        raise Refusal("too_few_choices", minimum=minimum)
    chosen = set(value)
    return [option_id for option_id in ids if option_id in chosen]


@register
class MultipleChoice(PollKind):
    """A question with 2–12 options; each participant picks several, within the poll's limits.

    ``min_choices`` defaults to 1; ``max_choices`` None means no upper limit.
    """

    name = "multiple_choice"
    label = N_("Multiple choice")

    def validate_poll(self, config: dict) -> dict:
        """Accept ``{"options", "max_choices"?, "min_choices"?}``; limits must fit the options."""
        options = validate_options(config.get("options"))
        count = len(options)
        maximum = config.get("max_choices")
        if maximum is not None:
            maximum = whole_number(maximum, "max_choices", 1, count)
        minimum = config.get("min_choices")
        if minimum is None:
            minimum = 1
        minimum = whole_number(minimum, "min_choices", 1, maximum or count)
        return {"options": options, "min_choices": minimum, "max_choices": maximum}

    def poll_from_form(self, form) -> dict:
        """Options one per line; empty limit fields mean "at least one" and "no upper limit"."""
        return {
            "options": options_from_lines(form.get("options")),
            "min_choices": (form.get("min_choices") or "").strip() or None,
            "max_choices": (form.get("max_choices") or "").strip() or None,
        }

    def poll_to_form(self, config: dict) -> dict:
        """One option per line; the limits as numbers (no upper limit: empty)."""
        maximum = config.get("max_choices")
        return {
            "options": "\n".join(option["label"] for option in config["options"]),
            "min_choices": str(config.get("min_choices", 1)),
            "max_choices": "" if maximum is None else str(maximum),
        }

    def sample_answer(self, config: dict, rng, phrases):
        """A random set of options within the poll's limits, in the poll's order."""
        ids = option_ids(config)
        low = config.get("min_choices", 1)
        high = config.get("max_choices") or len(ids)
        picked = set(rng.sample(ids, rng.randint(low, max(low, min(high, 3)))))
        return [option_id for option_id in ids if option_id in picked]

    def parse_answer(self, config: dict, value):
        """A list of distinct option ids within the limits, kept in the poll's order."""
        maximum = config.get("max_choices") or len(config["options"])
        return parse_picks(config, value, config.get("min_choices", 1), maximum)

    def new_tally(self, config: dict, answers) -> SelectionTally:
        """Count the stored answers once; later answers move the counts directly."""
        return SelectionTally.from_answers(option_ids(config), [a.value for a in answers])

    def apply(self, tally: SelectionTally, previous, current) -> bool:
        """Move one participant's picks."""
        return tally.apply(previous and previous.value, current and current.value)

    def answer_count(self, tally: SelectionTally) -> int:
        """Participants holding an answer."""
        return tally.respondents

    def results(self, item, tally: SelectionTally, moderator: bool) -> dict:
        """Per option the count and the percentage of participants who picked it.

        People pick several options, so the percentages need not add up to 100.
        """
        answers = tally.respondents
        return {
            "answers": answers,
            "options": [
                {
                    "id": option["id"],
                    "label": option["label"],
                    "count": tally.counts[option["id"]],
                    "percent": share(tally.counts[option["id"]], answers),
                }
                for option in item.config["options"]
            ],
        }

    def answer_lines(self, config: dict, value, translations) -> list[str]:
        """One line per picked option."""
        return option_labels(config, value)
