"""Content card: a title and text shown to everyone, for an input talk or an instruction."""

from ..errors import Refusal
from . import ActivityKind, register
from .base import N_

MAX_BODY = 5000


@register
class Content(ActivityKind):
    """Shows text; collects nothing."""

    name = "content"
    label = N_("Content")

    def validate_config(self, config) -> dict:
        """Accept ``{"body": str}``; paragraphs are separated by blank lines."""
        config = super().validate_config(config)
        body = config.get("body", "")
        if not isinstance(body, str):
            raise Refusal("invalid_config", field="body")
        body = body.strip()
        if len(body) > MAX_BODY:
            raise Refusal("too_long", field="body", limit=MAX_BODY)
        return {"body": body}

    def from_form(self, form) -> dict:
        """The text area's content."""
        return {"body": form.get("body", "")}

    def to_form(self, config: dict) -> dict:
        """The stored text."""
        return {"body": config.get("body", "")}
