"""Question board as an agenda item: the workshop's board becomes the main activity.

The board itself belongs to the workshop (``domain/questions.py``) and is open
whatever is on the agenda; this kind only puts it centre stage: participants
see the board instead of a poll, the big screen shows the top questions.
"""

from ..errors import Refusal
from . import ActivityKind, register
from .base import N_

MAX_PROMPT = 200


@register
class QuestionBoard(ActivityKind):
    """Shows the question board; collects no answers of its own."""

    name = "question_board"
    label = N_("Question board")

    def validate_config(self, config) -> dict:
        """Accept ``{}`` or ``{"prompt": str}`` (at most 200 characters; empty means none)."""
        config = super().validate_config(config)
        prompt = config.get("prompt")
        if prompt is None:
            return {}
        if not isinstance(prompt, str):
            raise Refusal("invalid_config", field="prompt")
        prompt = " ".join(prompt.split())
        if len(prompt) > MAX_PROMPT:
            raise Refusal("too_long", field="prompt", limit=MAX_PROMPT)
        return {"prompt": prompt} if prompt else {}

    def from_form(self, form) -> dict:
        """The optional prompt field."""
        return {"prompt": form.get("prompt", "")}

    def to_form(self, config: dict) -> dict:
        """The stored prompt, if any."""
        return {"prompt": config.get("prompt", "")}
