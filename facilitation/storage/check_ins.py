"""Storage of the Kaizen check: who was offered it (by link hash) and how their step went.

Mixed into ``Store``; like it, every public method runs under the store's lock
and commits before it returns.
"""

from __future__ import annotations

import threading
import time

from sqlite_utils import Database

from ..domain.checkins import CheckIn
from .locking import serialized

# The columns a ``CheckIn`` has (its link's hash stays in the database).
FIELDS = ("workshop_id", "participant_id", "status", "learned", "checked_at")


@serialized
class CheckInStorage:
    """Check-in reads and writes."""

    # What the mixin uses of ``Store``.
    db: Database
    lock: threading.RLock

    def offer_check_in(self, workshop_id: str, participant_id: str, token_hash: str) -> CheckIn:
        """Make sure the participant's check-in exists and opens with ``token_hash``."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO check_ins (workshop_id, participant_id, token_hash, offered_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (workshop_id, participant_id)"
                " DO UPDATE SET token_hash = excluded.token_hash",
                [workshop_id, participant_id, token_hash, time.time()],
            )
        row = self.db.table("check_ins").get((workshop_id, participant_id))
        return CheckIn(**{name: row[name] for name in FIELDS})

    def check_in_of(self, workshop_id: str, participant_id: str) -> CheckIn | None:
        """The participant's check-in, None if it was never offered."""
        rows = self.db.table("check_ins").rows_where(
            "workshop_id = ? AND participant_id = ?",
            [workshop_id, participant_id],
            select=", ".join(FIELDS),
        )
        row = next(rows, None)
        return None if row is None else CheckIn(**row)

    def check_in_by_token(self, token_hash: str) -> CheckIn | None:
        """The check-in its private link opens, None for an unknown link."""
        rows = self.db.table("check_ins").rows_where(
            "token_hash = ?", [token_hash], select=", ".join(FIELDS)
        )
        row = next(rows, None)
        return None if row is None else CheckIn(**row)

    def save_check_in(self, check_in: CheckIn, status: str, learned: str) -> CheckIn:
        """Store how the step went (a later check-in replaces the earlier one)."""
        now = time.time()
        self.db.execute(
            "UPDATE check_ins SET status = ?, learned = ?, checked_at = ?"
            " WHERE workshop_id = ? AND participant_id = ?",
            [status, learned, now, check_in.workshop_id, check_in.participant_id],
        )
        return CheckIn(check_in.workshop_id, check_in.participant_id, status, learned, now)

    def check_ins(self, workshop_id: str) -> list[CheckIn]:
        """Every check-in of the workshop that was answered, in no meaningful order."""
        rows = self.db.table("check_ins").rows_where(
            "workshop_id = ? AND status IS NOT NULL",
            [workshop_id],
            select=", ".join(FIELDS),
            order_by="status, learned",
        )
        return [CheckIn(**row) for row in rows]

    def step_authors(self, item_id: str) -> list[str]:
        """Who answered a next-step item; participant ids stay inside the server."""
        rows = self.db.table("answers").rows_where(
            "item_id = ?", [item_id], select="participant_id"
        )
        return [row["participant_id"] for row in rows]
