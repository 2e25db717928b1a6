"""Checks for configuration fields that every part of the domain uses: numbers, short text."""

import re

from .errors import Refusal

# ASCII digits only: str.isdigit() also accepts "²" or other scripts' digits, which int() refuses.
WHOLE_NUMBER = re.compile(r"-?[0-9]{1,9}")


def whole_number(raw, field: str, minimum: int, maximum: int) -> int:
    """An int within bounds (bools and floats refused), or a Refusal naming ``field``."""
    if isinstance(raw, str) and WHOLE_NUMBER.fullmatch(raw.strip()):
        raw = int(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int) or not minimum <= raw <= maximum:
        raise Refusal("out_of_range", field=field, minimum=minimum, maximum=maximum)
    return raw


def short_text(raw, field: str, limit: int, required: bool = True) -> str:
    """Trimmed single-spaced text of at most ``limit`` characters, or a Refusal naming ``field``."""
    if raw is None and not required:
        return ""
    if not isinstance(raw, str):
        raise Refusal("invalid_config", field=field)
    text = " ".join(raw.split())
    if required and not text:
        raise Refusal("field_required", field=field)
    if len(text) > limit:
        raise Refusal("too_long", field=field, limit=limit)
    return text
