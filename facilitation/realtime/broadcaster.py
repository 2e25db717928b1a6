"""The per-workshop coalescing broadcaster.

Handlers only *mark* what changed (a topic such as ``Tally(item_id)``, see ``topics``);
every ``interval`` seconds the broadcaster asks ``publish`` for the messages of
each changed workshop and sends them once per room. However many votes arrive,
a presenter receives at most one aggregate per interval.
"""

import logging

from .topics import Topic

log = logging.getLogger(__name__)


class Broadcaster:
    """Collects changed topics per workshop and flushes them on a fixed beat."""

    def __init__(self, socketio, interval: float, publish, lock):
        self.socketio = socketio
        self.interval = interval
        self.publish = publish
        self.lock = lock
        self._pending: dict[str, set[Topic]] = {}
        self._running = False

    def mark(self, workshop_id: str, topic: Topic) -> None:
        """Note that ``topic`` of ``workshop_id`` changed; it goes out with the next beat.

        Callers hold ``lock``.
        """
        self._pending.setdefault(workshop_id, set()).add(topic)

    def discard(self, workshop_id: str) -> None:
        """Forget what was marked for ``workshop_id`` (it was deleted). Callers hold ``lock``."""
        self._pending.pop(workshop_id, None)

    def start(self) -> None:
        """Start the background beat once (idempotent)."""
        if not self._running:
            self._running = True
            self.socketio.start_background_task(self._run)

    def _run(self) -> None:
        while True:
            self.socketio.sleep(self.interval)
            self.flush()

    def flush(self) -> None:
        """Send one message per changed topic and room; a failure never stops the beat.

        Messages are built under ``lock`` and sent after it is released.
        """
        messages = []
        with self.lock:
            pending, self._pending = self._pending, {}
            for workshop_id, topics in pending.items():
                try:
                    messages.extend(self.publish(workshop_id, topics))
                except Exception:
                    log.exception("broadcast for workshop %s failed", workshop_id)
        for event, payload, room in messages:
            self.socketio.emit(event, payload, to=room)
