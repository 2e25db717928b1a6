"""The agenda of a workshop in SQLite: its items, their order and their live state."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

from sqlite_utils import Database

from ..domain.errors import Refusal
from ..domain.workshop import AgendaItem, new_id
from .locking import serialized


@serialized
class AgendaStorage:
    """Mixed into ``Store``: reads and writes of agenda items."""

    # What the mixin uses of ``Store``.
    db: Database
    lock: threading.RLock
    _cached: Callable[[tuple, Callable[[], AgendaItem]], AgendaItem]

    def _insert_item(self, workshop_id: str, position: int, item: dict) -> str:
        item_id = new_id()
        self.db.table("agenda_items").insert(
            {
                "id": item_id,
                "workshop_id": workshop_id,
                "position": position,
                "kind": item["kind"],
                "title": item["title"],
                "minutes": item["minutes"],
                "config": json.dumps(item["config"], ensure_ascii=False),
                "status": "pending",
                "opened_at": None,
                "notes": item.get("notes", ""),
                "countdown": int(item.get("countdown", False)),
                "auto_close": int(item.get("auto_close", False)),
            }
        )
        return item_id

    def items(self, workshop_id: str) -> list[AgendaItem]:
        """The workshop's agenda items in order."""
        rows = self.db.table("agenda_items").rows_where(
            "workshop_id = ?", [workshop_id], order_by="position"
        )
        return [_item(row) for row in rows]

    def item(self, workshop_id: str, item_id) -> AgendaItem:
        """Return one item of this workshop or refuse an id from elsewhere."""
        if not storable(item_id):
            raise Refusal("unknown_item")
        return self._cached(
            ("item", workshop_id, item_id), lambda: self._read_item(workshop_id, item_id)
        )

    def _read_item(self, workshop_id: str, item_id: str) -> AgendaItem:
        rows = self.db.query(
            "SELECT * FROM agenda_items WHERE id = ? AND workshop_id = ?", [item_id, workshop_id]
        )
        row = next(rows, None)
        if row is None:
            raise Refusal("unknown_item")
        return _item(row)

    def save_item(self, item: AgendaItem) -> None:
        """Store an item's live state: status, opening time, revealed results, highlight,
        the time spent on it, whether a replan left it out, and when it closes by itself."""
        self.db.execute(
            "UPDATE agenda_items SET status = ?, opened_at = ?, revealed = ?, highlight = ?,"
            " spent_seconds = ?, skipped = ?, closes_at = ? WHERE id = ?",
            [
                item.status,
                item.opened_at,
                int(item.revealed),
                item.highlight,
                item.spent_seconds,
                int(item.skipped),
                item.closes_at,
                item.id,
            ],
        )

    def due_items(self, now: float) -> list[AgendaItem]:
        """Open polls of any workshop whose time to close by themselves has come."""
        rows = self.db.query(
            "SELECT * FROM agenda_items WHERE closes_at IS NOT NULL AND closes_at <= ?"
            " AND status = 'open' ORDER BY closes_at",
            [now],
        )
        return [_item(row) for row in rows]

    def replan(
        self, workshop_id: str, minutes: dict[str, int], dropped: list[str], planned_minutes: int
    ) -> None:
        """Apply a replan in one transaction: new ``minutes`` per item id, the items
        ``dropped`` left out, and the workshop's planned length fixed at ``planned_minutes``
        (so that the target does not move with the agenda)."""
        with self.db.atomic():
            for item_id, value in minutes.items():
                self.db.execute(
                    "UPDATE agenda_items SET minutes = ? WHERE id = ? AND workshop_id = ?",
                    [value, item_id, workshop_id],
                )
            for item_id in dropped:
                self.db.execute(
                    "UPDATE agenda_items SET skipped = 1 WHERE id = ? AND workshop_id = ?",
                    [item_id, workshop_id],
                )
            self.db.execute(
                "UPDATE workshops SET planned_minutes = ? WHERE id = ?",
                [planned_minutes, workshop_id],
            )

    def add_item(self, workshop_id: str, definition: dict, after=None) -> AgendaItem:
        """Add a validated item (kind, title, minutes, config): at the end, or right after
        the item ``after``."""
        with self.db.atomic():
            ids = self._item_ids(workshop_id)
            position = len(ids) if after is None else ids.index(after.id) + 1
            item_id = self._insert_item(workshop_id, len(ids), definition)
            ids.insert(position, item_id)
            self._renumber(ids)
        return self.item(workshop_id, item_id)

    def _item_ids(self, workshop_id: str) -> list[str]:
        rows = self.db.query(
            "SELECT id FROM agenda_items WHERE workshop_id = ? ORDER BY position", [workshop_id]
        )
        return [row["id"] for row in rows]

    def _renumber(self, ids: list[str]) -> None:
        """Give the items ``ids`` the positions 0, 1, ... in that order (unique on the way)."""
        for position, item_id in enumerate(ids):
            self.db.execute(
                "UPDATE agenda_items SET position = ? WHERE id = ?", [-1 - position, item_id]
            )
        for item_id in ids:
            self.db.execute(
                "UPDATE agenda_items SET position = -1 - position WHERE id = ?", [item_id]
            )

    def reorder_items(self, workshop_id: str, ids: list[str]) -> None:
        """Put the agenda in the order ``ids`` (which must name each item exactly once)."""
        with self.db.atomic():
            if sorted(ids) != sorted(self._item_ids(workshop_id)):
                raise Refusal("invalid_order")
            self._renumber(ids)

    def update_item(self, item: AgendaItem, definition: dict) -> AgendaItem:
        """Replace a pending item's title, minutes, configuration, notes and timers."""
        self.db.execute(
            "UPDATE agenda_items SET title = ?, minutes = ?, config = ?, notes = ?,"
            " countdown = ?, auto_close = ? WHERE id = ?",
            [
                definition["title"],
                definition["minutes"],
                json.dumps(definition["config"], ensure_ascii=False),
                definition.get("notes", ""),
                int(definition.get("countdown", False)),
                int(definition.get("auto_close", False)),
                item.id,
            ],
        )
        return self.item(item.workshop_id, item.id)

    def delete_item(self, item: AgendaItem) -> None:
        """Remove an item and close the gap in the agenda's positions."""
        with self.db.atomic():
            self.db.execute("DELETE FROM answers WHERE item_id = ?", [item.id])
            self.db.execute("DELETE FROM agenda_items WHERE id = ?", [item.id])
            self._renumber(self._item_ids(item.workshop_id))


def storable(text) -> bool:
    """Whether ``text`` is a string SQLite can take (no lone surrogates, which UTF-8 lacks)."""
    if not isinstance(text, str):
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _item(row: dict) -> AgendaItem:
    row = dict(row)
    row["config"] = json.loads(row["config"])
    for flag in ("revealed", "skipped", "countdown", "auto_close"):
        row[flag] = bool(row[flag])
    return AgendaItem(**row)
