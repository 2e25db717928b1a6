"""Reading a command's payload: each field checked once, here, before the domain sees it.

A handler asks ``payload.item_id()`` or ``payload.optional_bool("hidden")``
and gets a value of the right type or a ``Refusal``: ``invalid_payload`` with
the ``field`` when a field is missing or of the wrong type, ``unknown_…`` when
a string cannot be an id. Text, answers and settings whose rules belong to
the domain are taken with ``payload.required`` and cleaned there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.errors import Refusal

MAX_ID_LENGTH = 64
# A client's nonce for an ask or a card: a resend with the same one stores once.
MAX_CLIENT_ID = 64


def _is_id(value: Any) -> bool:
    """Whether ``value`` is a string an id can be (1–64 characters)."""
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH


class Payload:
    """The fields of one command's payload (a JSON object)."""

    def __init__(self, fields: Mapping[str, Any]):
        self._fields = fields

    def __contains__(self, name: str) -> bool:
        return name in self._fields

    def required(self, name: str) -> Any:
        """The field as sent (any JSON value); ``invalid_payload`` if it is missing."""
        if name not in self._fields:
            raise Refusal("invalid_payload", field=name)
        return self._fields[name]

    def optional(self, name: str) -> Any:
        """The field as sent, or None if it is missing."""
        return self._fields.get(name)

    def text(self, name: str) -> str:
        """A required string field; missing or anything else is ``invalid_payload``."""
        value = self._fields.get(name)
        if not isinstance(value, str):
            raise Refusal("invalid_payload", field=name)
        return value

    def optional_bool(self, name: str, default: bool = True) -> bool:
        """A true/false field, ``default`` if missing; anything else is ``invalid_payload``."""
        value = self._fields.get(name, default)
        if not isinstance(value, bool):
            raise Refusal("invalid_payload", field=name)
        return value

    def id(self, name: str, unknown: str) -> str:
        """A required id (not yet looked up): ``invalid_payload`` if missing, ``unknown`` if it
        is not a string of 1–64 characters."""
        value = self.required(name)
        if not _is_id(value):
            raise Refusal(unknown)
        return value

    def item_id(self, name: str = "item_id", allow_none: bool = False) -> str | None:
        """The item id (``null`` allowed where ``allow_none``): an odd one is ``unknown_item``."""
        if allow_none and name in self._fields and self._fields[name] is None:
            return None
        return self.id(name, "unknown_item")

    def question_id(self, allow_none: bool = False) -> str | None:
        """The ``question_id`` (not yet looked up).

        Missing or not a string is ``invalid_payload``; a string no id can be
        (empty or overlong) is ``unknown_question``.
        """
        value = self.required("question_id")
        if value is None and allow_none:
            return None
        if not isinstance(value, str):
            raise Refusal("invalid_payload", field="question_id")
        if not _is_id(value):
            raise Refusal("unknown_question")
        return value

    def client_id(self) -> str | None:
        """The optional ``client_id`` of an ask or a card (1–64 characters)."""
        value = self._fields.get("client_id")
        if value is None:
            return None
        if not isinstance(value, str) or not 0 < len(value) <= MAX_CLIENT_ID:
            raise Refusal("invalid_payload", field="client_id")
        return value

    def whole_number(self, name: str, unknown: str) -> int:
        """A required integer (true and false are not numbers): ``unknown`` if it is none."""
        value = self.required(name)
        if not isinstance(value, int) or isinstance(value, bool):
            raise Refusal(unknown)
        return value

    def board_changes(self) -> dict[str, Any]:
        """What ``set_board`` changes: ``open`` and ``premoderation`` (true/false) and the
        ``word_filter`` as sent, each only if present (see ``questions.changed_settings``)."""
        changes: dict[str, Any] = {}
        for name in ("open", "premoderation"):
            if name in self._fields:
                changes[name] = self.optional_bool(name)
        if "word_filter" in self._fields:
            changes["word_filter"] = self._fields["word_filter"]
        return changes
