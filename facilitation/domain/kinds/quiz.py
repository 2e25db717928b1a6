"""Quiz question: options with a key of correct ones that participants see only once revealed."""

from ..errors import Refusal
from ..tally import percentages
from . import PollKind, register
from .base import N_, option_ids, option_labels, options_from_lines, validate_options
from .multiple_choice import SelectionTally, parse_picks, share

CORRECT_MARK = "*"
# How many options participants may pick, as the authoring form offers it.
PICK_AUTO, PICK_ONE, PICK_SEVERAL = "auto", "one", "several"


@register
class Quiz(PollKind):
    """A question with 2–12 options of which ``correct`` are right.

    With ``multiple`` participants pick a set of options and are right when it
    is exactly the key; otherwise they pick one and are right when it is one
    of the correct options. The key stays with the presenter until revealed.
    """

    name = "quiz"
    label = N_("Quiz")

    def validate_poll(self, config: dict) -> dict:
        """Accept ``{"options", "correct": [ids], "multiple"?}``; the key must name options.

        ``multiple`` defaults to true when more than one option is correct.
        """
        options = validate_options(config.get("options"))
        ids = [option["id"] for option in options]
        correct = config.get("correct")
        if correct is None or correct == []:
            raise Refusal("correct_required", field="correct")
        if not isinstance(correct, list) or len(correct) > len(ids):
            raise Refusal("invalid_config", field="correct")
        if any(not isinstance(key, str) or key not in ids for key in correct):
            raise Refusal("invalid_config", field="correct")
        if len(set(correct)) != len(correct):
            raise Refusal("invalid_config", field="correct")
        multiple = config.get("multiple")
        if multiple is None:
            multiple = len(correct) > 1
        if not isinstance(multiple, bool):
            raise Refusal("invalid_config", field="multiple")
        keys = set(correct)
        return {
            "options": options,
            "correct": [option_id for option_id in ids if option_id in keys],
            "multiple": multiple,
        }

    def poll_from_form(self, form) -> dict:
        """Options one per line, correct ones starting with ``*``; ``pick``: auto, one, several."""
        labels, correct = [], []
        for position, line in enumerate(options_from_lines(form.get("options")), start=1):
            if line.startswith(CORRECT_MARK):
                correct.append(f"o{position}")
                line = line[len(CORRECT_MARK) :].strip()
            labels.append(line)
        pick = form.get("pick", PICK_AUTO)
        multiple = {PICK_ONE: False, PICK_SEVERAL: True}.get(pick)
        return {"options": labels, "correct": correct, "multiple": multiple}

    def poll_to_form(self, config: dict) -> dict:
        """One option per line, the correct ones marked with ``*``."""
        keys = set(config["correct"])
        lines = [
            (f"{CORRECT_MARK} " if option["id"] in keys else "") + option["label"]
            for option in config["options"]
        ]
        if config["multiple"] == (len(keys) > 1):
            pick = PICK_AUTO
        else:
            pick = PICK_SEVERAL if config["multiple"] else PICK_ONE
        return {"options": "\n".join(lines), "pick": pick}

    def public_config(self, config: dict) -> dict:
        """Everything but the key."""
        return {name: value for name, value in config.items() if name != "correct"}

    def sample_answer(self, config: dict, rng, phrases):
        """One option (or with ``multiple`` one or two), as people guess without the key."""
        ids = option_ids(config)
        if config["multiple"]:
            picked = set(rng.sample(ids, min(len(ids), rng.randint(1, 2))))
            return [option_id for option_id in ids if option_id in picked]
        return rng.choice(ids)

    def parse_answer(self, config: dict, value):
        """One option id, or with ``multiple`` a list of distinct ids in the poll's order."""
        if config["multiple"]:
            return parse_picks(config, value, 1, len(config["options"]))
        if not isinstance(value, str):
            raise Refusal("invalid_answer")
        if value not in option_ids(config):
            raise Refusal("unknown_option")
        return value

    def new_tally(self, config: dict, answers) -> SelectionTally:
        """Count the stored answers and how many of them are right."""
        return SelectionTally.from_answers(
            option_ids(config), [a.value for a in answers], self.judge(config)
        )

    def judge(self, config: dict):
        """Whether an answer is right: exactly the key, or (one pick) one of the correct options."""
        keys = frozenset(config["correct"])
        if config["multiple"]:
            return lambda value: isinstance(value, list) and frozenset(value) == keys
        return lambda value: isinstance(value, str) and value in keys

    def apply(self, tally: SelectionTally, previous, current) -> bool:
        """Move one participant's answer."""
        return tally.apply(previous and previous.value, current and current.value)

    def answer_count(self, tally: SelectionTally) -> int:
        """Participants holding an answer."""
        return tally.respondents

    def results(self, item, tally: SelectionTally, moderator: bool) -> dict:
        """Count and share of participants per option; the key only for the presenter or revealed.

        How many got it right is part of the key: a participant who changes
        their answer and watches that share move would learn the key.
        """
        options = item.config["options"]
        answers = tally.respondents
        counts = [tally.counts[option["id"]] for option in options]
        if item.config["multiple"]:
            shares = [share(count, answers) for count in counts]
        else:
            shares = percentages(counts)
        results = {
            "answers": answers,
            "multiple": item.config["multiple"],
            "options": [
                {"id": option["id"], "label": option["label"], "count": count, "percent": percent}
                for option, count, percent in zip(options, counts, shares, strict=True)
            ],
        }
        if moderator or item.revealed:
            keys = set(item.config["correct"])
            for option in results["options"]:
                option["correct"] = option["id"] in keys
            results["correct"] = list(item.config["correct"])
            results["correct_count"] = tally.right
            results["correct_share"] = share(tally.right, answers)
        return results

    def answer_lines(self, config: dict, value, translations) -> list[str]:
        """The picked options, then whether the answer was right."""
        _ = translations.gettext
        verdict = _("Right answer") if self.judge(config)(value) else _("Not right")
        return [*option_labels(config, value), verdict]
