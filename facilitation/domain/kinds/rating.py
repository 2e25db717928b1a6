"""Rating scale: each participant picks one whole number on a scale such as 1–5 or 0–10."""

from decimal import ROUND_HALF_UP, Decimal

from ..errors import Refusal
from ..tally import ChoiceTally, percentages
from . import PollKind, register
from .base import N_, short_text, whole_number

LOWEST_MINIMUM = 0
HIGHEST_MINIMUM = 1
HIGHEST_MAXIMUM = 10
MIN_STEPS = 3
MAX_END_LABEL = 60
DEFAULT_MINIMUM = 1
DEFAULT_MAXIMUM = 5
FORM_FIELDS = ("minimum", "maximum", "low_label", "high_label")


def scale(config: dict) -> range:
    """Every value of the configured scale, lowest first."""
    return range(config["minimum"], config["maximum"] + 1)


def one_decimal(value: Decimal) -> float:
    """``value`` rounded half up to one decimal (3.25 -> 3.3, as people round)."""
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def mean_of(counts: dict[int, int]) -> float | None:
    """The mean of the counted values, one decimal; None without values."""
    total = sum(counts.values())
    if not total:
        return None
    return one_decimal(Decimal(sum(value * count for value, count in counts.items())) / total)


def median_of(counts: dict[int, int]) -> int | float | None:
    """The median of the counted values (the mean of the two middle ones for an even count)."""
    total = sum(counts.values())
    if not total:
        return None
    wanted = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value in sorted(counts):
        seen += counts[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
    low, high = found
    return low if low == high else (low + high) / 2


@register
class Rating(PollKind):
    """A scale from 0 or 1 up to at most 10 (at least three steps), with optional end labels."""

    name = "rating"
    label = N_("Rating scale")

    def validate_poll(self, config: dict) -> dict:
        """Accept ``{"minimum"?, "maximum"?, "low_label"?, "high_label"?}`` (default 1–5)."""
        minimum = whole_number(
            config.get("minimum", DEFAULT_MINIMUM), "minimum", LOWEST_MINIMUM, HIGHEST_MINIMUM
        )
        maximum = whole_number(
            config.get("maximum", DEFAULT_MAXIMUM),
            "maximum",
            minimum + MIN_STEPS - 1,
            HIGHEST_MAXIMUM,
        )
        return {
            "minimum": minimum,
            "maximum": maximum,
            "low_label": short_text(config.get("low_label"), "low_label", MAX_END_LABEL, False),
            "high_label": short_text(config.get("high_label"), "high_label", MAX_END_LABEL, False),
        }

    def poll_from_form(self, form) -> dict:
        """Two numbers and two optional labels; a number left empty takes its default."""
        values = {}
        for field in FORM_FIELDS:
            value = form.get(field)
            if value is not None and (field.endswith("_label") or value.strip()):
                values[field] = value
        return values

    def poll_to_form(self, config: dict) -> dict:
        """The numbers as text, the labels as they are."""
        return {
            "minimum": str(config["minimum"]),
            "maximum": str(config["maximum"]),
            "low_label": config["low_label"],
            "high_label": config["high_label"],
        }

    def sample_answer(self, config: dict, rng, phrases):
        """A value on the scale, most often above the middle."""
        values = list(scale(config))
        return rng.choices(values, weights=[1 + index for index in range(len(values))])[0]

    def parse_answer(self, config: dict, value):
        """An answer is one whole number on the scale (no bools, floats or numeric strings)."""
        if isinstance(value, bool) or not isinstance(value, int):
            raise Refusal("invalid_answer")
        if value not in scale(config):
            raise Refusal(
                "out_of_range", field="value", minimum=config["minimum"], maximum=config["maximum"]
            )
        return value

    def new_tally(self, config: dict, answers) -> ChoiceTally:
        """Count the stored ratings once; later ones move the counts directly."""
        return ChoiceTally.from_answers(scale(config), [a.value for a in answers])

    def apply(self, tally: ChoiceTally, previous, current) -> bool:
        """Move one rating."""
        return tally.apply(previous and previous.value, current and current.value)

    def answer_count(self, tally: ChoiceTally) -> int:
        """Participants holding a rating."""
        return tally.total

    def results(self, item, tally: ChoiceTally, moderator: bool) -> dict:
        """Count and share per value (every value, lowest first), mean and median."""
        counts = {value: tally.counts.get(value, 0) for value in scale(item.config)}
        shares = percentages(list(counts.values()))
        return {
            "answers": sum(counts.values()),
            "mean": mean_of(counts),
            "median": median_of(counts),
            "distribution": [
                {"value": value, "count": count, "percent": share}
                for (value, count), share in zip(counts.items(), shares, strict=True)
            ],
        }

    def answer_lines(self, config: dict, value, translations) -> list[str]:
        """The value and the scale it was given on."""
        line = translations.gettext("%(value)s on the scale from %(minimum)s to %(maximum)s") % {
            "value": value,
            "minimum": config["minimum"],
            "maximum": config["maximum"],
        }
        return [line]
