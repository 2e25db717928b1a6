"""Keeping the live state in step with the database and with who is connected.

Every ``interval`` seconds the janitor

- closes the connections of workshops that another process deleted (``flask
  delete``): SQLite's ``data_version`` tells cheaply whether anyone else wrote
  at all, and only then are the workshops held in memory looked up;
- evicts the live state (tallies, board, breakout rounds) of workshops that had
  no connection for ``evict_after`` seconds; it is loaded again when needed;
- closes polls whose time is up (``timers.py``).
"""

import logging
import time

from .lifecycle import close_workshop
from .timers import close_due_polls

log = logging.getLogger(__name__)


class Janitor:
    """The background sweep over the workshops this process holds in memory."""

    def __init__(
        self, state, interval: float, evict_after: float, clock=time.monotonic, wall=time.time
    ):
        self.state = state
        # The wall clock polls close by (deadlines are epoch seconds).
        self.wall = wall
        self.interval = interval
        self.evict_after = evict_after
        self.clock = clock
        self.last_connected: dict[str, float] = {}
        self._data_version = None
        self._running = False

    def start(self) -> None:
        """Start the sweep once (idempotent)."""
        if not self._running:
            self._running = True
            self.state.socketio.start_background_task(self._run)

    def _run(self) -> None:
        while True:
            self.state.socketio.sleep(self.interval)
            try:
                self.sweep()
            except Exception:
                log.exception("janitor sweep failed")

    def still_stored(self, workshop_id: str) -> bool:
        """Whether the workshop still exists; a lookup only if another process wrote since
        the last sweep (so a command right after ``flask delete`` answers ``unknown_workshop``).
        """
        store = self.state.store
        if store.changed_elsewhere() == self._data_version:
            return True
        return bool(store.existing_workshop_ids([workshop_id]))

    def held(self) -> set[str]:
        """The workshops with any live state or connection in this process."""
        return self.state.held()

    def sweep(self) -> None:
        """Close due polls and deleted workshops' connections, then evict idle workshops."""
        for name, message, to in close_due_polls(self.state, self.wall()):
            self.state.socketio.emit(name, message, to=to)
        state, now = self.state, self.clock()
        with state.lock:
            held = self.held()
            deleted = set()
            version = state.store.changed_elsewhere()
            if version != self._data_version:
                self._data_version = version
                deleted = held - state.store.existing_workshop_ids(held)
        for workshop_id in deleted:
            log.info("workshop %s was deleted elsewhere; closing its connections", workshop_id)
            close_workshop(state, workshop_id, "workshop_deleted", "workshop_deleted")
            self.last_connected.pop(workshop_id, None)
        with state.lock:
            connected = state.connections.workshop_ids()
            for workshop_id in connected:
                self.last_connected[workshop_id] = now
            for workshop_id in self.held() - connected:
                since = self.last_connected.setdefault(workshop_id, now)
                if now - since >= self.evict_after:
                    state.forget_workshop(workshop_id)
                    del self.last_connected[workshop_id]
            for workshop_id in set(self.last_connected) - self.held():
                del self.last_connected[workshop_id]
