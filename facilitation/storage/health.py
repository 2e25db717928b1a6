"""Whether the database can be used: checked at start, by /healthz, and on every failed write.

A damaged or read-only file must stop the server at start with one line saying
what to do; a disk that fills up while serving must give voters a clear answer
(``storage_unavailable``) and the log one line a minute, not a traceback per write.
"""

import logging
import sqlite3
import time

log = logging.getLogger(__name__)

# sqlite3 reports these when the file, the disk or the folder will not take a write;
# the write is then not done (nothing is lost) and a later one succeeds again.
STORAGE_FAULTS = (
    "database or disk is full",
    "disk i/o error",
    "attempt to write a readonly database",
    "unable to open database file",
    "database is locked",
)


class StorageProblem(Exception):
    """The database cannot be served; the message says why and what to do, in one line."""


def is_storage_fault(error: BaseException) -> bool:
    """Whether ``error`` means the storage refuses writes now (not a bug in our code)."""
    return isinstance(error, sqlite3.OperationalError) and any(
        text in str(error).lower() for text in STORAGE_FAULTS
    )


def check_intact(db, path) -> None:
    """Refuse a malformed file: ``PRAGMA quick_check`` must answer ``ok``."""
    try:
        rows = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as error:
        raise damaged(path, error) from None
    if rows != ["ok"]:
        raise damaged(path, rows[0] if rows else "no answer")


def check_writable(db, path) -> None:
    """Refuse a file that cannot be written (permissions, read-only disk, no space)."""
    try:
        write_probe(db)
    except sqlite3.DatabaseError as error:
        raise StorageProblem(
            f"The database {path} cannot be written ({error}). Check the permissions of"
            " the file and its folder and the free disk space, then start again."
        ) from None


def write_probe(db) -> None:
    """Commit one tiny write: the header's user_version, set to what it already is.

    It touches no table, needs no migration, and goes through the same journal
    (WAL) and disk as every vote, so it fails exactly when they would.
    """
    version = db.execute("PRAGMA user_version").fetchone()[0]
    db.execute(f"PRAGMA user_version = {int(version)}")


def damaged(path, detail) -> StorageProblem:
    """The one-line refusal for a malformed database file."""
    return StorageProblem(
        f"The database {path} is damaged ({detail}). Stop here: restore it from a"
        " backup, or move it away (the server then starts with an empty database)."
    )


class FaultLog:
    """Logs storage faults at most once per ``interval`` seconds, with how many were seen."""

    def __init__(self, interval: float = 60.0, clock=time.monotonic):
        self.interval = interval
        self.clock = clock
        self._logged_at = None
        self._suppressed = 0

    def record(self, error: BaseException) -> None:
        """Note one failed write; log it unless one was logged less than a minute ago."""
        now = self.clock()
        if self._logged_at is not None and now - self._logged_at < self.interval:
            self._suppressed += 1
            return
        more = f" ({self._suppressed} more since the last report)" if self._suppressed else ""
        log.error("storage unavailable, writes are refused: %s%s", error, more)
        self._logged_at, self._suppressed = now, 0
