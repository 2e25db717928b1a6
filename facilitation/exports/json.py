"""JSON: everything of the other formats plus the agenda in the shape ``flask import`` takes."""

from __future__ import annotations

import json

from ..agenda_files import definition_of
from .content import Export, Table


def write(export: Export, store) -> bytes:
    """The export as UTF-8 JSON; ``agenda`` re-imports as a new workshop."""
    return json.dumps(document(export, store), ensure_ascii=False, indent=2).encode("utf-8")


def document(export: Export, store) -> dict:
    """The export as a JSON-ready dict (tables as header and rows)."""
    workshop = export.workshop
    polls = {item.position: _poll(item) for item in export.items}
    return {
        # The agenda as ``flask import`` takes it, so that an export imports again.
        "agenda": definition_of(store, workshop.id),
        "workshop": {
            "title": workshop.title,
            "language": workshop.language,
            "created_at": workshop.created_at,
            "started_at": workshop.started_at,
            "ended_at": workshop.ended_at,
            "anonymity_threshold": workshop.anonymity_threshold,
            "facts": [[label, value] for label, value in export.facts],
        },
        "participants": export.joined,
        "overview": _table(export.overview),
        "items": [{**entry, **polls.get(entry["position"], {})} for entry in export.timeline],
        "questions": _table(export.questions),
        "cards": _table(export.cards),
        "check_ins": export.check_ins.as_dict() if export.check_ins else None,
    }


def _poll(item) -> dict:
    """A poll's results and raw answers, or only the notice below the threshold."""
    if not item.shown:
        return {"shown": False, "notice": item.notice}
    return {
        "shown": True,
        "summary": [[label, value] for label, value in item.summary],
        "results": _table(item.results) if item.results else None,
        "answers": _table(item.raw) if item.raw else None,
    }


def _table(table: Table) -> dict:
    return {"header": table.header, "rows": table.rows}
