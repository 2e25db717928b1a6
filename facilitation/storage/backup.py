"""An online copy of the database: one consistent snapshot while servers keep writing."""

import os
import sqlite3
import tempfile
from pathlib import Path

# How long the copy waits for a lock (a checkpoint, a starting server) before it gives up.
BUSY_SECONDS = 30


def back_up(source: str | Path, dest: Path) -> int:
    """Copy the database at ``source`` to ``dest`` and return the copy's size in bytes.

    ``VACUUM INTO`` on a fresh connection reads one snapshot (in WAL mode writers go
    on meanwhile, and what they have not committed is not in it) into a temp file in
    ``dest``'s folder; the file is flushed to disk and renamed onto ``dest``, so
    ``dest`` is never a half-written copy. An existing ``dest`` is replaced.
    """
    # mode=rw: a wrong path must fail, not create an empty database to back up.
    uri = Path(source).resolve().as_uri() + "?mode=rw"
    fd, temp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS)
        try:
            # VACUUM INTO accepts an empty file; mkstemp made it private (0600).
            connection.execute("VACUUM INTO ?", [temp])
        finally:
            connection.close()
        # SQLite does not fsync what VACUUM INTO writes.
        with open(temp, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temp, dest)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    folder = os.open(dest.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
    return dest.stat().st_size
