"""Exports of one workshop's results: Excel, CSV (a ZIP), JSON and the printable record
(HTML and PDF), from storage reads only.

``content.build`` gathers what all formats carry and applies the privacy rules
once; ``xlsx``, ``csv``, ``json`` and ``record`` lay it out. No Flask request is needed.
"""

from __future__ import annotations

import datetime as dt

from . import csv, json, record, xlsx
from .content import build

FORMATS = {
    # format: (media type, file extension, binary)
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", True),
    "csv": ("application/zip", "zip", True),
    "json": ("application/json", "json", False),
    "pdf": ("application/pdf", "pdf", True),
}


def export(
    store,
    workshop_id: str,
    fmt: str,
    zone: dt.tzinfo = dt.UTC,
    delimiter=None,
    deletes: str = "",
) -> bytes:
    """The workshop's export in ``fmt`` (xlsx, csv, json or pdf) as bytes.

    ``delimiter`` applies to CSV only (default: ``;`` for German, ``,`` for English);
    ``deletes`` to the PDF only: when the data goes, as the record's footer says it.
    Refuses an unknown workshop with ``Refusal("unknown_workshop")``.
    """
    content = build(store, workshop_id, zone)
    if fmt == "xlsx":
        return xlsx.write(content)
    if fmt == "csv":
        return csv.write(content, delimiter)
    if fmt == "json":
        return json.write(content, store)
    if fmt == "pdf":
        return record.render_pdf(content, store, deletes)
    raise ValueError(f"unknown export format {fmt!r}")
