"""Single-choice poll: each participant picks one option and may change it while open."""

from ..errors import Refusal
from ..tally import ChoiceTally, percentages
from . import ActivityKind, register

MIN_OPTIONS = 2
MAX_OPTIONS = 12
MAX_LABEL = 120
MAX_OPTION_ID = 32


@register
class SingleChoice(ActivityKind):
    """A question with 2–12 options; one vote per participant."""

    name = "single_choice"
    collects_answers = True

    def validate_config(self, config) -> dict:
        """Accept ``{"options": [{"id"?, "label"} | str]}``; give each option an id."""
        config = super().validate_config(config)
        options = config.get("options")
        if not isinstance(options, list):
            raise Refusal("invalid_config", field="options")
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            raise Refusal("option_count", minimum=MIN_OPTIONS, maximum=MAX_OPTIONS)
        cleaned, seen_labels, seen_ids = [], set(), set()
        for index, option in enumerate(options, start=1):
            if isinstance(option, str):
                option = {"label": option}
            if not isinstance(option, dict):
                raise Refusal("invalid_config", field=f"options[{index}]")
            label = option.get("label")
            if not isinstance(label, str) or not label.strip():
                raise Refusal("option_label_required", position=index)
            label = " ".join(label.split())
            if len(label) > MAX_LABEL:
                raise Refusal("option_label_too_long", position=index, limit=MAX_LABEL)
            if label.casefold() in seen_labels:
                raise Refusal("duplicate_option", label=label)
            option_id = option.get("id", f"o{index}")
            if not isinstance(option_id, str) or not 0 < len(option_id) <= MAX_OPTION_ID:
                raise Refusal("invalid_config", field=f"options[{index}].id")
            if option_id in seen_ids:
                raise Refusal("invalid_config", field=f"options[{index}].id")
            seen_labels.add(label.casefold())
            seen_ids.add(option_id)
            cleaned.append({"id": option_id, "label": label})
        return {"options": cleaned}

    def parse_answer(self, config: dict, value):
        """An answer is the id of one of this poll's options."""
        if not isinstance(value, str):
            raise Refusal("invalid_answer")
        if value not in {option["id"] for option in config["options"]}:
            raise Refusal("unknown_option")
        return value

    def new_tally(self, config: dict, answers) -> ChoiceTally:
        """Count the stored votes once; later votes move the counts directly."""
        return ChoiceTally.from_answers((o["id"] for o in config["options"]), answers)

    def apply(self, tally: ChoiceTally, previous, current) -> bool:
        """Move one vote."""
        return tally.apply(previous, current)

    def results(self, config: dict, tally: ChoiceTally) -> dict:
        """Counts and whole percentages (adding up to 100) per option, in the poll's order."""
        counts = [tally.counts[option["id"]] for option in config["options"]]
        shares = percentages(counts)
        return {
            "answers": tally.total,
            "options": [
                {"id": option["id"], "label": option["label"], "count": count, "percent": share}
                for option, count, share in zip(config["options"], counts, shares, strict=True)
            ],
        }
