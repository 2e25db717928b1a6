"""Breakout reflection: prompts for small groups, a timer, shared group boards.

The configuration says what groups reflect on and how groups are formed by
default; the round itself (groups, cards, clock) lives in
``domain/breakouts.py`` and starts when the presenter starts it.
"""

from ..breakouts import (
    BY_SIZE,
    CHOOSE,
    MAX_DURATION,
    MAX_PROMPTS,
    PREVIOUS,
    validate_grouping,
    validate_prompts,
)
from ..errors import Refusal
from . import ActivityKind, register
from .base import N_, options_from_lines, whole_number

DEFAULT_GROUPING = {"mode": BY_SIZE, "size": 4}
DEFAULT_DURATION = 10


@register
class Breakout(ActivityKind):
    """Groups reflect on 1–5 prompts for a set time, each group on its own board."""

    name = "breakout"
    label = N_("Breakout reflection")

    def validate_config(self, config) -> dict:
        """``prompts`` (1–5), ``duration`` (minutes), ``grouping``, ``private_notes``."""
        config = super().validate_config(config)
        prompts = validate_prompts(config.get("prompts"))
        duration = whole_number(
            config.get("duration", DEFAULT_DURATION), "duration", 1, MAX_DURATION
        )
        grouping = validate_grouping(config.get("grouping", DEFAULT_GROUPING))
        # Item ids differ between installations: "previous" here means the latest earlier round.
        grouping.pop("item_id", None)
        private_notes = config.get("private_notes", True)
        if not isinstance(private_notes, bool):
            raise Refusal("invalid_config", field="private_notes")
        return {
            "prompts": prompts,
            "duration": duration,
            "grouping": grouping,
            "private_notes": private_notes,
        }

    def from_form(self, form) -> dict:
        """Prompt fields 1–5, the duration, the grouping fields and the notes checkbox."""
        prompts = [form.get(f"prompt_{n}", "") for n in range(1, MAX_PROMPTS + 1)]
        mode = form.get("grouping_mode", BY_SIZE)
        grouping = {"mode": mode}
        if mode == BY_SIZE:
            grouping["size"] = form.get("group_size", "")
        elif mode == CHOOSE:
            capacity = form.get("group_capacity", "").strip() or None
            grouping["groups"] = [
                {"name": name, "capacity": capacity}
                for name in options_from_lines(form.get("group_names"))
            ]
        elif mode != PREVIOUS:
            grouping["count"] = form.get("group_count", "")
        return {
            "prompts": [
                {"text": prompt, "position": number}
                for number, prompt in enumerate(prompts, start=1)
                if prompt.strip()
            ],
            "duration": form.get("duration", ""),
            "grouping": grouping,
            "private_notes": form.get("private_notes") == "on",
        }

    def to_form(self, config: dict) -> dict:
        """Form values for an existing breakout."""
        values = {f"prompt_{n}": p["text"] for n, p in enumerate(config["prompts"], start=1)}
        grouping = config["grouping"]
        values.update(
            duration=str(config["duration"]),
            grouping_mode=grouping["mode"],
            group_size=str(grouping.get("size", "")),
            group_count=str(grouping.get("count", "")),
            group_names="\n".join(group["name"] for group in grouping.get("groups", [])),
            group_capacity=next(
                (str(g["capacity"]) for g in grouping.get("groups", []) if g["capacity"]), ""
            ),
            private_notes="on" if config["private_notes"] else "",
        )
        return values
