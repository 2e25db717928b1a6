"""sqlite-utils' Database, with transactions that take the write lock when they begin.

Several server processes share one SQLite file. A transaction that begins with a
plain ``BEGIN`` reads first and asks for the write lock only at its first write;
if another process committed in between, SQLite cannot let it write on its older
snapshot and fails at once with ``SQLITE_BUSY`` (the busy timeout does not help).
``BEGIN IMMEDIATE`` takes the write lock first, so a transaction waits its turn
(up to the busy timeout) and then reads what the other process committed.
"""

import contextlib
from collections.abc import Generator

from sqlite_utils import Database as _Database


class Database(_Database):
    """A sqlite-utils database whose outermost ``atomic()`` block is ``BEGIN IMMEDIATE``."""

    @contextlib.contextmanager
    def atomic(self) -> Generator["Database", None, None]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise
