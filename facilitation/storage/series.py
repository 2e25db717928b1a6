"""Series of workshops: grouping, ungrouping, and who sees which series.

A series holds no participant data, but the project's rule is that every table goes
with its workshops: so a series exists only while it holds one. Every write that takes
a workshop out of a series (ungrouping, moving, deleting, purging) drops the series
it left empty, in the same transaction.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from sqlite_utils import Database

from ..domain.errors import Refusal
from ..domain.series import Series
from ..domain.workshop import Workshop, new_id
from .locking import serialized
from .rows import workshop_from_row


@serialized
class SeriesStorage:
    """Mixed into ``Store``: reads and writes of series and their workshops."""

    # What the mixin uses of ``Store``.
    db: Database
    lock: threading.RLock

    if TYPE_CHECKING:

        def workshop(self, workshop_id: str) -> Workshop: ...

    def series(self, series_id) -> Series:
        """The series with this id, or refuse an unknown one."""
        if not isinstance(series_id, str) or not 0 < len(series_id) <= 100:
            raise Refusal("unknown_series")
        row = next(self.db.table("series").rows_where("id = ?", [series_id]), None)
        if row is None:
            raise Refusal("unknown_series")
        return Series(**row)

    def series_owned_by(self, organizer_id: str) -> list[Series]:
        """The organizer's own series, by title (what the grouping form offers)."""
        rows = self.db.table("series").rows_where(
            "owner_id = ?", [organizer_id], order_by="title COLLATE NOCASE, created_at"
        )
        return [Series(**row) for row in rows]

    def series_seen_by(self, organizer_id: str) -> list[Series]:
        """Every series holding a workshop the organizer owns or co-organizes, by title."""
        rows = self.db.query(
            "SELECT DISTINCT s.* FROM series s JOIN workshops w ON w.series_id = s.id"
            " WHERE w.owner_id = ? OR w.id IN"
            " (SELECT workshop_id FROM workshop_shares WHERE organizer_id = ?)"
            " ORDER BY s.title COLLATE NOCASE, s.created_at",
            [organizer_id, organizer_id],
        )
        return [Series(**row) for row in rows]

    def series_workshops(self, series_id: str) -> list:
        """The workshops of a series (in no particular order; the table sorts them)."""
        rows = self.db.table("workshops").rows_where("series_id = ?", [series_id])
        return [workshop_from_row(row) for row in rows]

    def put_in_series(self, workshop, series_id: str):
        """Move the workshop into an existing series; a series it leaves empty goes."""
        self.series(series_id)
        with self.db.atomic():
            self._set_series(workshop.id, series_id)
        return self.workshop(workshop.id)

    def put_in_new_series(self, workshop, owner_id: str, title: str):
        """Start a series (title already validated) with this workshop in it, at once."""
        series_id = new_id()
        with self.db.atomic():
            self.db.table("series").insert(
                {"id": series_id, "owner_id": owner_id, "title": title, "created_at": time.time()}
            )
            self._set_series(workshop.id, series_id)
        return self.workshop(workshop.id)

    def take_out_of_series(self, workshop):
        """Take the workshop out of its series; the series goes if it is left empty."""
        with self.db.atomic():
            self._set_series(workshop.id, None)
        return self.workshop(workshop.id)

    def _set_series(self, workshop_id: str, series_id: str | None) -> None:
        """Within a transaction: change the workshop's series, drop the one left empty."""
        rows = self.db.table("workshops").rows_where("id = ?", [workshop_id], select="series_id")
        left = next(rows, {"series_id": None})["series_id"]
        self.db.execute("UPDATE workshops SET series_id = ? WHERE id = ?", [series_id, workshop_id])
        if left is not None and left != series_id:
            self._drop_series_if_empty(left)

    def _drop_series_if_empty(self, series_id: str | None) -> None:
        """Within a transaction: delete the series once no workshop is in it."""
        if series_id is None:
            return
        if not self.db.table("workshops").count_where("series_id = ?", [series_id]):
            self.db.execute("DELETE FROM series WHERE id = ?", [series_id])
