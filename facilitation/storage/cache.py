"""What the store read last, kept while the database cannot have changed it."""

from collections.abc import Callable
from typing import Any

from sqlite_utils import Database


class ReadCache:
    """Mixed into ``Store``: workshops and items as last read.

    Every vote reads its workshop and its item; in a burst nothing but answers
    changes, so they come from memory. What is kept stays valid while the database
    is at ``_cache_key``: no commit by another connection (SQLite's ``data_version``)
    and no write through this one (``total_changes``) but answers.
    """

    # What the mixin uses of ``Store``.
    db: Database
    _cache: dict[tuple, Any]
    _cache_key: tuple[int, int] | None

    def _database_state(self) -> tuple[int, int]:
        """Where the database stands: another connection's commits (``data_version``) and
        this connection's own row changes (``total_changes``)."""
        version = self.db.conn.execute("PRAGMA data_version").fetchone()[0]
        return version, self.db.conn.total_changes

    def _cached(self, key: tuple, read: Callable[[], Any]) -> Any:
        """``read()``, or what it gave last time while the database has not changed since.

        Every vote reads its workshop and item; in a burst nothing but answers changes,
        so they come from memory. Any other write through this connection, and any
        commit by another process, empties the cache.
        """
        state = self._database_state()
        if state != self._cache_key or len(self._cache) > 1000:
            self._cache.clear()
            self._cache_key = state
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = read()
        return found

    def _answers_written(self, state_before: tuple[int, int]) -> None:
        """An answer was written: what the cache holds is still true (answers are not in it)."""
        if state_before == self._cache_key:
            self._cache_key = self._database_state()
