"""Exports of one workshop's results: Excel, CSV (a ZIP) and JSON, from storage reads only.

``content.build`` gathers what all formats carry and applies the privacy rules
once; ``xlsx``, ``csv`` and ``json`` lay it out. No Flask request is needed.
"""

from __future__ import annotations

import datetime as dt

from . import csv, json, xlsx
from .content import build

FORMATS = {
    # format: (media type, file extension, binary)
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", True),
    "csv": ("application/zip", "zip", True),
    "json": ("application/json", "json", False),
}


def export(store, workshop_id: str, fmt: str, zone: dt.tzinfo = dt.UTC, delimiter=None) -> bytes:
    """The workshop's export in ``fmt`` (xlsx, csv or json) as bytes.

    ``delimiter`` applies to CSV only (default: ``;`` for German, ``,`` for English).
    Refuses an unknown workshop with ``Refusal("unknown_workshop")``.
    """
    content = build(store, workshop_id, zone)
    if fmt == "xlsx":
        return xlsx.write(content)
    if fmt == "csv":
        return csv.write(content, delimiter)
    if fmt == "json":
        return json.write(content, store)
    raise ValueError(f"unknown export format {fmt!r}")
