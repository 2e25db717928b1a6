"""All reads and writes of the SQLite database, returning domain objects.

Every write is committed before the method returns, so a caller may
acknowledge it right after. Nothing here emits or yields to other greenlets.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from ..domain.errors import Refusal
from ..domain.kinds import Answer
from ..domain.workshop import (
    AgendaItem,
    Participant,
    Workshop,
    new_id,
    new_join_code,
    new_token,
)
from .agenda import AgendaStorage, storable
from .breakouts import BreakoutStorage
from .cache import ReadCache
from .check_ins import CheckInStorage
from .database import Database
from .health import StorageProblem, check_intact, check_writable, damaged, write_probe
from .locking import serialized
from .migrations import migrations
from .organizers import OrganizerStorage
from .questions import QuestionStorage
from .rows import workshop_from_row
from .schema import tables_by_workshop
from .series import SeriesStorage

# What a workshop definition may set besides its title, language and items.
WORKSHOP_SETTINGS = (
    "anonymity_threshold",
    "video_link",
    "planned_date",
    "planned_start",
    "planned_minutes",
    "retention_days",
)


# How long a statement waits for another process's write lock (several server processes
# share the file; each write holds it for well under a millisecond).
BUSY_SECONDS = 5.0

# The keys a workshop has; each can be replaced (rotated) on its own.
KEY_FIELDS = {
    "presenter": "presenter_token",
    "moderator": "moderator_token",
    "screen": "screen_token",
}


@serialized
class Store(
    ReadCache,
    AgendaStorage,
    QuestionStorage,
    BreakoutStorage,
    OrganizerStorage,
    CheckInStorage,
    SeriesStorage,
):
    """The one place that talks to SQLite (through sqlite-utils)."""

    def __init__(self, path: str | Path):
        self.lock = threading.RLock()
        self.path = path
        self._cache: dict[tuple, object] = {}  # see ReadCache
        self._cache_key: tuple[int, int] | None = None
        if str(path) == ":memory:":
            self.db = Database(memory=True)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            # One connection, usable from any thread: callers serialize access
            # (the realtime layer holds ``Live.lock``), so threading mode works too.
            # The busy timeout comes first: processes starting together wait for each
            # other's switch to WAL and migrations instead of failing "database is locked".
            self.db = Database(
                sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_SECONDS)
            )
            try:
                self.db.enable_wal()
            except sqlite3.DatabaseError as error:
                # A garbage header fails here, before any check could run.
                if "not a database" in str(error) or "malformed" in str(error):
                    raise damaged(path, error) from None
                raise StorageProblem(
                    f"The database {path} cannot be opened ({error}). Check the"
                    " permissions of the file and its folder, then start again."
                ) from None
            # With WAL, NORMAL still commits every write before we acknowledge it and
            # never corrupts the file; only a power cut or OS crash can undo the last
            # commits. FULL fsyncs each vote and stalled the event loop for all
            # (upvote ack p50 1.5 s instead of 5 ms at 1,000 participants).
            self.db.execute("PRAGMA synchronous = NORMAL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        # One process migrates at a time (BEGIN IMMEDIATE); the next finds nothing pending.
        with self.db.atomic():
            migrations.apply(self.db)

    def check(self) -> None:
        """Refuse to serve a malformed or read-only database (``StorageProblem``, one line)."""
        check_intact(self.db, self.path)
        check_writable(self.db, self.path)

    def writable(self) -> bool:
        """Whether a write can be committed right now (for /healthz)."""
        try:
            write_probe(self.db)
        except sqlite3.DatabaseError:
            return False
        return True

    def changed_elsewhere(self) -> int:
        """SQLite's ``data_version``: it changes when another connection (a CLI) commits."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def existing_workshop_ids(self, workshop_ids) -> set[str]:
        """Those of ``workshop_ids`` that are still stored."""
        ids = list(workshop_ids)
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(f"SELECT id FROM workshops WHERE id IN ({marks})", ids)
        return {row[0] for row in rows.fetchall()}

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # -- workshops -------------------------------------------------------

    def create_workshop(self, title: str, language: str, items: list[dict], **settings) -> Workshop:
        """Store a new workshop with its agenda (already validated) and fresh secrets.

        ``settings``: any of WORKSHOP_SETTINGS (threshold, video link, the plan,
        retention), ``owner_id`` and ``series_id`` (an existing series).
        """
        unknown = set(settings) - set(WORKSHOP_SETTINGS) - {"owner_id", "series_id"}
        if unknown:
            raise TypeError(f"unknown workshop settings: {sorted(unknown)}")
        now = time.time()
        workshop_id = new_id()
        with self.db.atomic():
            join_code = self._unused_join_code()
            self.db.table("workshops").insert(
                {
                    "id": workshop_id,
                    "title": title,
                    "language": language,
                    "join_code": join_code,
                    "presenter_token": new_token(),
                    "screen_token": new_token(),
                    "moderator_token": new_token(),
                    "current_item_id": None,
                    "started_at": None,
                    "created_at": now,
                    **{name: value for name, value in settings.items() if value is not None},
                }
            )
            for position, item in enumerate(items):
                self._insert_item(workshop_id, position, item)
        return self.workshop(workshop_id)

    def update_workshop(self, workshop: Workshop, **settings) -> Workshop:
        """Change a workshop's title, language or settings (already validated)."""
        allowed = {"title", "language", *WORKSHOP_SETTINGS}
        unknown = set(settings) - allowed
        if unknown:
            raise TypeError(f"unknown workshop settings: {sorted(unknown)}")
        if settings:
            self.db.table("workshops").update(workshop.id, settings)
        return self.workshop(workshop.id)

    def _unused_join_code(self) -> str:
        for _ in range(100):
            code = new_join_code()
            if not self.db.table("workshops").count_where("join_code = ?", [code]):
                return code
        raise RuntimeError("no free join code after 100 tries")

    def workshop(self, workshop_id: str) -> Workshop:
        """Return the workshop or refuse an unknown id."""
        if not storable(workshop_id):
            raise Refusal("unknown_workshop")
        return self._cached(("workshop", workshop_id), lambda: self._read_workshop(workshop_id))

    def _read_workshop(self, workshop_id: str) -> Workshop:
        # db.query, not table().rows_where(): that first lists every table (sqlite_master)
        # to see whether this one exists.
        row = next(self.db.query("SELECT * FROM workshops WHERE id = ?", [workshop_id]), None)
        if row is None:
            raise Refusal("unknown_workshop")
        return workshop_from_row(row)

    def workshop_by_code(self, join_code: str) -> Workshop:
        """Return the workshop with this join code or refuse."""
        if not storable(join_code):
            raise Refusal("unknown_workshop")
        row = next(self.db.query("SELECT * FROM workshops WHERE join_code = ?", [join_code]), None)
        if row is None:
            raise Refusal("unknown_workshop")
        return workshop_from_row(row)

    def workshops(self) -> list[Workshop]:
        """All workshops, oldest first."""
        rows = self.db.table("workshops").rows_where(order_by="created_at")
        return [workshop_from_row(row) for row in rows]

    def library(self, workshop_ids) -> dict[str, dict]:
        """Per workshop: participants joined and the agenda's planned minutes."""
        ids = list(workshop_ids)
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        rows = self.db.query(
            "SELECT w.id,"
            " (SELECT COUNT(*) FROM participants p WHERE p.workshop_id = w.id) AS joined,"
            " (SELECT COALESCE(SUM(minutes), 0) FROM agenda_items a WHERE a.workshop_id = w.id)"
            " AS minutes"
            f" FROM workshops w WHERE w.id IN ({marks})",
            ids,
        )
        return {row["id"]: row for row in rows}

    def rotate_key(self, workshop: Workshop, role: str) -> Workshop:
        """Replace the presenter, moderator or screen key: the old link stops working."""
        if role not in KEY_FIELDS:
            raise Refusal("invalid_role")
        self.db.table("workshops").update(workshop.id, {KEY_FIELDS[role]: new_token()})
        return self.workshop(workshop.id)

    def end_workshop(self, workshop: Workshop, closed_items: list, now: float) -> Workshop:
        """Record the end in one transaction: ``closed_items`` saved, the current item's
        time counted, everyone back to the lobby, ``ended_at`` set."""
        with self.db.atomic():
            for item in closed_items:
                self.save_item(item)
            self._leave_current(workshop, now)
            self.db.table("workshops").update(
                workshop.id, {"ended_at": now, "current_item_id": None}
            )
        return self.workshop(workshop.id)

    def _leave_current(self, workshop: Workshop, now: float) -> None:
        """Add the time the current item was shown to what was spent on it."""
        if workshop.current_item_id is None:
            return
        rows = self.db.table("agenda_items").rows_where("id = ?", [workshop.current_item_id])
        row = next(rows, None)
        if row is not None and row["opened_at"] is not None:
            self.db.execute(
                "UPDATE agenda_items SET spent_seconds = spent_seconds + ? WHERE id = ?",
                [max(0.0, now - row["opened_at"]), row["id"]],
            )

    def start_rehearsal(self, workshop: Workshop) -> Workshop:
        """Mark the workshop as a rehearsal (what happens in it goes with ``go_live``)."""
        self.db.execute("UPDATE workshops SET rehearsing = 1 WHERE id = ?", [workshop.id])
        return self.workshop(workshop.id)

    def go_live(self, workshop: Workshop) -> Workshop:
        """End a rehearsal in one transaction: everything people did goes (participants,
        answers, questions, breakout rounds, check-ins: every row of the workshop's tables
        but its agenda and who organizes it), the agenda is as before its first item
        opened, and the workshop is live-ready again."""
        keep = {"workshops", "agenda_items", "workshop_shares"}
        with self.db.atomic():
            for table in tables_by_workshop(self.db):
                if table not in keep:
                    self.db.execute(f"DELETE FROM [{table}] WHERE workshop_id = ?", [workshop.id])
            self.db.execute(
                "UPDATE agenda_items SET status = 'pending', opened_at = NULL, revealed = 0,"
                " highlight = NULL, spent_seconds = 0, skipped = 0, closes_at = NULL"
                " WHERE workshop_id = ?",
                [workshop.id],
            )
            self.db.execute(
                "UPDATE workshops SET rehearsing = 0, current_item_id = NULL, started_at = NULL,"
                " ended_at = NULL, pinned_question_id = NULL WHERE id = ?",
                [workshop.id],
            )
        return self.workshop(workshop.id)

    def set_current_item(
        self, workshop: Workshop, item: AgendaItem | None, now: float | None = None
    ) -> Workshop:
        """Make ``item`` (None: the lobby) what everyone sees; also saves the item's status.

        When another item was current, the time it was shown (up to ``now``) is added to
        what was spent on it.
        """
        started_at = workshop.started_at
        if item is not None and started_at is None:
            started_at = item.opened_at
        changing = item is None or item.id != workshop.current_item_id
        with self.db.atomic():
            if changing and now is not None:
                self._leave_current(workshop, now)
            if item is not None:
                self.save_item(item)
            self.db.execute(
                "UPDATE workshops SET current_item_id = ?, started_at = ? WHERE id = ?",
                [item.id if item else None, started_at, workshop.id],
            )
        return self.workshop(workshop.id)

    def set_threshold(self, workshop: Workshop, threshold: int) -> Workshop:
        """Store the workshop's anonymity threshold."""
        self.db.execute(
            "UPDATE workshops SET anonymity_threshold = ? WHERE id = ?", [threshold, workshop.id]
        )
        return self.workshop(workshop.id)

    # -- participants ------------------------------------------------------

    def add_participant(self, workshop_id: str, display_name: str) -> Participant:
        """Register a participant with the next free number in this workshop."""
        participant_id = new_id()
        with self.db.atomic():
            number = next(
                self.db.query(
                    "SELECT COALESCE(MAX(number), 0) + 1 AS n FROM participants"
                    " WHERE workshop_id = ?",
                    [workshop_id],
                )
            )["n"]
            # A plain INSERT: sqlite-utils' insert() reads the table's columns first.
            self.db.execute(
                "INSERT INTO participants (id, workshop_id, number, display_name, joined_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [participant_id, workshop_id, number, display_name, time.time()],
            )
        return Participant(participant_id, workshop_id, number, display_name)

    def participant(self, workshop_id: str, participant_id: str) -> Participant | None:
        """Return the participant of this workshop, or None (e.g. after the workshop was reset)."""
        rows = self.db.query(
            "SELECT id, workshop_id, number, display_name FROM participants"
            " WHERE id = ? AND workshop_id = ?",
            [participant_id, workshop_id],
        )
        row = next(rows, None)
        return None if row is None else Participant(**row)

    def participant_count(self, workshop_id: str) -> int:
        """How many people have joined this workshop."""
        return self.db.table("participants").count_where("workshop_id = ?", [workshop_id])

    # -- answers -----------------------------------------------------------

    def answer_of(self, item: AgendaItem, participant_id: str) -> Answer | None:
        """The participant's current answer to ``item``, if any."""
        rows = list(
            self.db.query(
                "SELECT id, value, hidden FROM answers WHERE item_id = ? AND participant_id = ?",
                [item.id, participant_id],
            )
        )
        return _answer(rows[0]) if rows else None

    def save_answer(self, item: AgendaItem, participant_id: str, value, check=None):
        """Store the participant's answer, replacing theirs; return ``(previous, current)``.

        ``check(previous)`` may refuse the write (it runs in the same transaction,
        so nothing changes). A changed answer keeps its id (and a moderator's
        hiding); a repeated one writes nothing.
        """
        encoded = json.dumps(value, ensure_ascii=False)
        before = self._database_state()
        with self.db.atomic():
            previous = self.answer_of(item, participant_id)
            if check is not None:
                check(previous)
            if previous is not None and json.dumps(previous.value, ensure_ascii=False) == encoded:
                return previous, previous
            answer_id = previous.id if previous else new_id()
            self.db.execute(
                "INSERT INTO answers (id, item_id, participant_id, workshop_id, value, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (item_id, participant_id)"
                " DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at",
                [answer_id, item.id, participant_id, item.workshop_id, encoded, time.time()],
            )
        self._answers_written(before)
        return previous, Answer(answer_id, value, previous.hidden if previous else False)

    def answers(self, item_id: str) -> list[Answer]:
        """All current answers to one item, oldest first."""
        return [
            _answer(row)
            for row in self.db.query(
                "SELECT id, value, hidden FROM answers WHERE item_id = ? ORDER BY answered_at",
                [item_id],
            )
        ]

    def set_answer_hidden(self, item: AgendaItem, answer_id, hidden: bool) -> Answer:
        """Hide an answer from everyone but the presenter (or show it again)."""
        if not isinstance(answer_id, str):
            raise Refusal("unknown_answer")
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE answers SET hidden = ? WHERE id = ? AND item_id = ?",
                [int(hidden), answer_id, item.id],
            )
            if cursor.rowcount != 1:
                raise Refusal("unknown_answer")
        rows = self.db.query("SELECT id, value, hidden FROM answers WHERE id = ?", [answer_id])
        return _answer(next(rows))

    def delete_answers(self, item: AgendaItem) -> None:
        """Remove every answer to ``item`` (a reset)."""
        self.db.execute("DELETE FROM answers WHERE item_id = ?", [item.id])

    def answers_of(self, workshop_id: str, participant_id: str) -> dict:
        """The participant's own answers in this workshop, by item id."""
        return {
            row["item_id"]: json.loads(row["value"])
            for row in self.db.query(
                "SELECT item_id, value FROM answers WHERE workshop_id = ? AND participant_id = ?",
                [workshop_id, participant_id],
            )
        }

    # -- the workshop as a unit -------------------------------------------

    def export_workshop(self, workshop_id: str) -> dict:
        """Everything stored about one workshop, without secrets or identities.

        Answers carry no participant (not even a number) and no time, and each
        item's answers are sorted by value: nobody can follow one person from
        item to item by number, position or timestamp.
        """
        workshop = self.workshop(workshop_id)
        items = self.items(workshop_id)
        answers: dict[str, list] = {}
        for row in self.db.query(
            "SELECT item_id, value, hidden FROM answers WHERE workshop_id = ?"
            " ORDER BY item_id, value, hidden",
            [workshop_id],
        ):
            answers.setdefault(row["item_id"], []).append(
                {"value": json.loads(row["value"]), "hidden": bool(row["hidden"])}
            )
        breakouts = self._export_breakouts(workshop_id)
        return {
            # The agenda as ``flask import`` takes it, so that an export imports again.
            "agenda": self.definition(workshop_id),
            "workshop": {
                "title": workshop.title,
                "language": workshop.language,
                "created_at": workshop.created_at,
                "started_at": workshop.started_at,
                "anonymity_threshold": workshop.anonymity_threshold,
                "video_link": self.video_link(workshop_id),
            },
            "participants": self.participant_count(workshop_id),
            "items": [
                {
                    "id": item.id,
                    "position": item.position,
                    "kind": item.kind,
                    "title": item.title,
                    "minutes": item.minutes,
                    "config": item.config,
                    "status": item.status,
                    **({"breakout": breakouts[item.id]} if item.id in breakouts else {}),
                    "answers": answers.get(item.id, []),
                }
                for item in items
            ],
            "questions": self._export_questions(workshop_id),
        }

    def definition(self, workshop_id: str) -> dict:
        """The workshop's agenda and settings in the shape of an agenda file (no answers)."""
        workshop = self.workshop(workshop_id)
        return {
            "title": workshop.title,
            "language": workshop.language,
            "planned_date": workshop.planned_date,
            "planned_start": workshop.planned_start,
            "planned_minutes": workshop.planned_minutes,
            "retention_days": workshop.retention_days,
            "anonymity_threshold": workshop.anonymity_threshold,
            "video_link": self.video_link(workshop_id),
            "items": [
                {
                    "kind": item.kind,
                    "title": item.title,
                    "minutes": item.minutes,
                    "config": item.config,
                    "notes": item.notes,
                    "countdown": item.countdown,
                    "auto_close": item.auto_close,
                }
                for item in self.items(workshop_id)
            ],
        }

    def _export_questions(self, workshop_id: str) -> list[dict]:
        """The board's questions without askers: whether a name was given, not the name."""
        rows = self.db.query(
            "SELECT q.text, q.name, q.status, q.edited, q.filtered, q.created_at, q.answered_at,"
            " (SELECT COUNT(*) FROM question_votes v WHERE v.question_id = q.id) AS votes"
            " FROM questions q WHERE q.workshop_id = ? ORDER BY q.created_at, q.rowid",
            [workshop_id],
        )
        return [
            {
                "text": row["text"],
                "named": bool(row["name"]),
                "status": row["status"],
                "votes": row["votes"],
                "edited": bool(row["edited"]),
                "filtered": bool(row["filtered"]),
                "created_at": row["created_at"],
                "answered_at": row["answered_at"],
            }
            for row in rows
        ]

    def delete_workshop(self, workshop_id: str) -> None:
        """Delete the workshop and every row that belongs to it, in one transaction; a series
        it leaves empty goes with it."""
        workshop = self.workshop(workshop_id)
        with self.db.atomic():
            for table in tables_by_workshop(self.db):
                key = "id" if table == "workshops" else "workshop_id"
                self.db.execute(f"DELETE FROM {table} WHERE {key} = ?", [workshop_id])
            self._drop_series_if_empty(workshop.series_id)


def _answer(row: dict) -> Answer:
    return Answer(row["id"], json.loads(row["value"]), bool(row["hidden"]))
