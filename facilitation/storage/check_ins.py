"""Storage of the Kaizen check: who was offered it (by link hash) and how their step went.

Mixed into ``Store``; like it, every public method runs under the store's lock
and commits before it returns.
"""

from __future__ import annotations

import time

from ..domain.checkins import CheckIn
from .locking import serialized

FIELDS = "workshop_id, participant_id, status, learned, checked_at"


@serialized
class CheckInStorage:
    """Check-in reads and writes (``self.db`` and ``self.lock`` come from ``Store``)."""

    def offer_check_in(self, workshop_id: str, participant_id: str, token_hash: str) -> CheckIn:
        """Make sure the participant's check-in exists and opens with ``token_hash``."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO check_ins (workshop_id, participant_id, token_hash, offered_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (workshop_id, participant_id)"
                " DO UPDATE SET token_hash = excluded.token_hash",
                [workshop_id, participant_id, token_hash, time.time()],
            )
        return self.check_in_of(workshop_id, participant_id)

    def check_in_of(self, workshop_id: str, participant_id: str) -> CheckIn | None:
        """The participant's check-in, None if it was never offered."""
        rows = list(
            self.db.query(
                f"SELECT {FIELDS} FROM check_ins WHERE workshop_id = ? AND participant_id = ?",
                [workshop_id, participant_id],
            )
        )
        return CheckIn(**rows[0]) if rows else None

    def check_in_by_token(self, token_hash: str) -> CheckIn | None:
        """The check-in its private link opens, None for an unknown link."""
        rows = list(
            self.db.query(f"SELECT {FIELDS} FROM check_ins WHERE token_hash = ?", [token_hash])
        )
        return CheckIn(**rows[0]) if rows else None

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
        return [
            CheckIn(**row)
            for row in self.db.query(
                f"SELECT {FIELDS} FROM check_ins WHERE workshop_id = ? AND status IS NOT NULL"
                " ORDER BY status, learned",
                [workshop_id],
            )
        ]

    def step_authors(self, item_id: str) -> list[str]:
        """Who answered a next-step item; participant ids stay inside the server."""
        return [
            row["participant_id"]
            for row in self.db.query(
                "SELECT participant_id FROM answers WHERE item_id = ?", [item_id]
            )
        ]
