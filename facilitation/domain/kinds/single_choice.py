"""Single-choice poll: each participant picks one option and may change it while open."""

from ..errors import Refusal
from ..tally import ChoiceTally, percentages
from . import register
from .base import N_, OptionsPoll, option_ids, option_labels


@register
class SingleChoice(OptionsPoll):
    """A question with 2–12 options; one vote per participant."""

    name = "single_choice"
    label = N_("Single choice")

    def sample_answer(self, config: dict, rng, phrases):
        """One option, the earlier ones a little more often (as in a real room)."""
        ids = option_ids(config)
        return rng.choices(ids, weights=range(len(ids) + 1, 1, -1))[0]

    def parse_answer(self, config: dict, value):
        """An answer is the id of one of this poll's options."""
        if not isinstance(value, str):
            raise Refusal("invalid_answer")
        if value not in option_ids(config):
            raise Refusal("unknown_option")
        return value

    def new_tally(self, config: dict, answers) -> ChoiceTally:
        """Count the stored votes once; later votes move the counts directly."""
        return ChoiceTally.from_answers(option_ids(config), [a.value for a in answers])

    def apply(self, tally: ChoiceTally, previous, current) -> bool:
        """Move one vote."""
        return tally.apply(previous and previous.value, current and current.value)

    def answer_count(self, tally: ChoiceTally) -> int:
        """Participants holding a vote."""
        return tally.total

    def results(self, item, tally: ChoiceTally, moderator: bool) -> dict:
        """Counts and whole percentages (adding up to 100) per option, in the poll's order."""
        options = item.config["options"]
        counts = [tally.counts[option["id"]] for option in options]
        shares = percentages(counts)
        return {
            "answers": tally.total,
            "options": [
                {"id": option["id"], "label": option["label"], "count": count, "percent": share}
                for option, count, share in zip(options, counts, shares, strict=True)
            ],
        }

    def answer_lines(self, config: dict, value, translations) -> list[str]:
        """The picked option's label."""
        return option_labels(config, value)
