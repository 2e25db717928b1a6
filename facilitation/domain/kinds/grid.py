"""Grid poll (2×2 matrix): participants place items on two scales, e.g. effort and impact."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..errors import Refusal
from . import PollKind, register
from .base import N_, options_from_lines, short_text, validate_options, whole_number

MIN_ITEMS = 1
MAX_ITEMS = 12
MAX_AXIS_LABEL = 60
# The ends of a scale stay within this bound, so averages and sums stay small and exact.
AXIS_LIMIT = 1000
MIN_SPAN = 2
MAX_SPAN = 100
DEFAULT_MINIMUM = 1
DEFAULT_MAXIMUM = 10
AXES = ("x", "y")
END_LABELS = ("low_label", "high_label")
# At most nine digits: int() refuses (ValueError) strings of thousands of digits.
WHOLE_NUMBER = re.compile(r"[-−]?[0-9]{1,9}")


def _scale_end(raw, default: int, field_name: str) -> int:
    """One end of a scale: a whole number (``None`` means the default)."""
    if raw is None:
        return default
    if isinstance(raw, str):
        raise Refusal("out_of_range", field=field_name, minimum=-AXIS_LIMIT, maximum=AXIS_LIMIT)
    return whole_number(raw, field_name, -AXIS_LIMIT, AXIS_LIMIT)


def validate_axis(raw, name: str) -> dict:
    """Normalize one axis ``{label, minimum?, maximum?, low_label?, high_label?}``."""
    if raw is None:
        raise Refusal("field_required", field=f"{name}.label")
    if not isinstance(raw, dict):
        raise Refusal("invalid_config", field=name)
    label = short_text(raw.get("label", ""), f"{name}.label", MAX_AXIS_LABEL)
    minimum = _scale_end(raw.get("minimum"), DEFAULT_MINIMUM, f"{name}.minimum")
    maximum = _scale_end(raw.get("maximum"), DEFAULT_MAXIMUM, f"{name}.maximum")
    if not MIN_SPAN <= maximum - minimum <= MAX_SPAN:
        raise Refusal(
            "axis_range", field=f"{name}.maximum", axis=label, minimum=MIN_SPAN, maximum=MAX_SPAN
        )
    axis = {"label": label, "minimum": minimum, "maximum": maximum}
    for end in END_LABELS:
        axis[end] = short_text(raw.get(end), f"{name}.{end}", MAX_AXIS_LABEL, required=False)
    return axis


def _number_from_form(text):
    """A typed number as int; blank means the default; anything else stays text (refused)."""
    text = str(text or "").strip()
    if not text:
        return None
    if WHOLE_NUMBER.fullmatch(text):
        return int(text.replace("−", "-"))
    return text


def _average(total: int, count: int) -> float | None:
    """``total / count`` to one decimal (halves away from zero), or None without answers."""
    if count == 0:
        return None
    exact = Decimal(total) / Decimal(count)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass
class GridTally:
    """Per item: how many participants placed it and the sums of their coordinates."""

    counts: dict[str, int]
    sums: dict[str, list[int]] = field(default_factory=dict)
    total: int = 0

    @classmethod
    def empty(cls, item_ids) -> GridTally:
        """A tally without answers for these item ids."""
        ids = list(item_ids)
        return cls({i: 0 for i in ids}, {i: [0, 0] for i in ids})

    def move(self, value, step: int) -> None:
        """Add (``step`` 1) or take away (``step`` -1) one participant's placements."""
        for item_id, (x, y) in value.items():
            if item_id in self.counts:
                self.counts[item_id] += step
                self.sums[item_id][0] += step * x
                self.sums[item_id][1] += step * y


@register
class Grid(PollKind):
    """Participants place 1–12 items on two scales (x and y); results are average positions."""

    name = "grid"
    label = N_("2×2 grid")

    def validate_poll(self, config: dict) -> dict:
        """Accept ``{"items": [...], "x": axis, "y": axis}``; each axis spans 2 to 100 steps."""
        return {
            "items": validate_options(
                config.get("items"), field="items", minimum=MIN_ITEMS, maximum=MAX_ITEMS
            ),
            **{name: validate_axis(config.get(name), name) for name in AXES},
        }

    def poll_from_form(self, form) -> dict:
        """Items one per line; per axis its label, lowest and highest value and end labels."""
        config: dict[str, Any] = {"items": options_from_lines(form.get("items"))}
        for name in AXES:
            config[name] = {
                "label": form.get(f"{name}_label", ""),
                "minimum": _number_from_form(form.get(f"{name}_minimum")),
                "maximum": _number_from_form(form.get(f"{name}_maximum")),
                **{end: form.get(f"{name}_{end}", "") for end in END_LABELS},
            }
        return config

    def poll_to_form(self, config: dict) -> dict:
        """One item per line and each axis's fields."""
        values = {"items": "\n".join(item["label"] for item in config["items"])}
        for name in AXES:
            axis = config[name]
            values[f"{name}_label"] = axis["label"]
            values[f"{name}_minimum"] = str(axis["minimum"])
            values[f"{name}_maximum"] = str(axis["maximum"])
            for end in END_LABELS:
                values[f"{name}_{end}"] = axis[end]
        return values

    def sample_answer(self, config: dict, rng, phrases):
        """Every item somewhere on both scales."""
        ends = [(config[axis]["minimum"], config[axis]["maximum"]) for axis in AXES]
        return {item["id"]: [rng.randint(*end) for end in ends] for item in config["items"]}

    def parse_answer(self, config: dict, value):
        """An answer is ``{item_id: [x, y]}`` for at least one item, whole numbers on each scale.

        The normalized answer lists the items in the poll's order, so a repeated
        answer is stored as the same value.
        """
        items = config["items"]
        if not isinstance(value, dict) or not 0 < len(value) <= len(items):
            raise Refusal("invalid_answer")
        known = {item["id"] for item in items}
        if any(not isinstance(key, str) or key not in known for key in value):
            raise Refusal("unknown_option")
        answer = {}
        for item in items:
            if item["id"] not in value:
                continue
            point = value[item["id"]]
            if not isinstance(point, list) or len(point) != len(AXES):
                raise Refusal("invalid_answer")
            for coordinate, name in zip(point, AXES, strict=True):
                axis = config[name]
                if isinstance(coordinate, bool) or not isinstance(coordinate, int):
                    raise Refusal("invalid_answer")
                if not axis["minimum"] <= coordinate <= axis["maximum"]:
                    raise Refusal(
                        "out_of_range",
                        field=axis["label"],
                        minimum=axis["minimum"],
                        maximum=axis["maximum"],
                    )
            answer[item["id"]] = list(point)
        return answer

    def new_tally(self, config: dict, answers) -> GridTally:
        """Sum the stored placements once; later answers move the sums directly."""
        tally = GridTally.empty(item["id"] for item in config["items"])
        for answer in answers:
            self.apply(tally, None, answer)
        return tally

    def apply(self, tally: GridTally, previous, current) -> bool:
        """Replace one participant's placements; hiding an answer changes no numbers."""
        if previous is None and current is None:
            return False
        if previous is not None and current is not None and previous.value == current.value:
            return False
        if previous is not None:
            tally.move(previous.value, -1)
            tally.total -= 1
        if current is not None:
            tally.move(current.value, 1)
            tally.total += 1
        return True

    def answer_count(self, tally: GridTally) -> int:
        """Participants who placed at least one item."""
        return tally.total

    def results(self, item, tally: GridTally, moderator: bool) -> dict:
        """Per item (in the poll's order) how many placed it and its average x and y."""
        config = item.config
        rows = []
        for entry in config["items"]:
            count = tally.counts.get(entry["id"], 0)
            x, y = tally.sums.get(entry["id"], (0, 0))
            rows.append(
                {
                    "id": entry["id"],
                    "label": entry["label"],
                    "count": count,
                    "x": _average(x, count),
                    "y": _average(y, count),
                }
            )
        return {
            "answers": tally.total,
            "x": dict(config["x"]),
            "y": dict(config["y"]),
            "items": rows,
        }

    def answer_lines(self, config: dict, value, translations) -> list[str]:
        """Each placed item with its position on both axes."""
        labels = {item["id"]: item["label"] for item in config["items"]}
        x, y = config["x"]["label"], config["y"]["label"]
        return [
            f"{labels.get(item_id, item_id)}: {x} {point[0]}, {y} {point[1]}"
            for item_id, point in value.items()
        ]
