"""Rows as domain objects, for every storage mixin."""

from __future__ import annotations

import dataclasses

from ..domain.workshop import Workshop

# The workshops table also holds the board's settings and pin, which ``Workshop`` leaves out.
WORKSHOP_FIELDS = frozenset(field.name for field in dataclasses.fields(Workshop))


def workshop_from_row(row: dict) -> Workshop:
    """A row of ``workshops`` as a ``Workshop``."""
    fields = {name: value for name, value in row.items() if name in WORKSHOP_FIELDS}
    if "rehearsing" in fields:
        fields["rehearsing"] = bool(fields["rehearsing"])
    return Workshop(**fields)
