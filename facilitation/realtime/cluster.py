"""The server processes of one instance, and what they tell each other about workshops.

A workshop's live state (tallies, board, rounds) and its connections belong to one
process at a time: nginx sends every Socket.IO request of a workshop to the same
process (``hash $arg_workshop consistent``, docs/deploy.md). Pages and forms are
served by any process, so a change made there (an organizer deletes the workshop,
rotates a key or edits the agenda, the purge removes it) has to reach the owner.

- ``Local`` (no message queue, one process): a change applies at once, here.
- ``Cluster`` (``MESSAGE_QUEUE`` set): the change applies here and is published on
  one Redis channel; every other process applies it to what it holds. Facts to a
  workshop's rooms travel through Flask-SocketIO's own message queue; the changes
  here only concern a process's own connections and memory.

A process that takes on a workshop (its first connection there, e.g. after the old
owner died and nginx moved it) *claims* it: a process still holding it closes its
transports (the clients reconnect and nginx brings them to the new owner), forgets
it and answers *released*, and the new owner reloads it from SQLite, so that votes
the old owner acknowledged in the meantime are counted too.
"""

from __future__ import annotations

import json
import logging
import uuid

from .lifecycle import close_role, close_workshop, move_connections

log = logging.getLogger(__name__)

CHANNEL = "facilitation:workshops"
# What one process may tell the others; anything else on the channel is ignored.
CHANGES = frozenset({"deleted", "key_rotated", "changed", "claimed", "released"})


class Local:
    """One process: every change applies here, at once."""

    def __init__(self, state, app):
        self.state = state
        self.app = app
        self.process_id = uuid.uuid4().hex

    def start(self) -> None:
        """Nothing to listen to with one process."""

    def deleted(self, workshop_id: str, language: str | None = None) -> None:
        """The workshop was deleted: its connections are told why and closed, its state goes."""
        self._tell({"change": "deleted", "workshop_id": workshop_id, "language": language})

    def key_rotated(self, workshop_id: str, role: str, language: str | None = None) -> None:
        """One role's key was replaced: the connections that used the old one are closed."""
        change = {"change": "key_rotated", "workshop_id": workshop_id, "role": role}
        self._tell({**change, "language": language})

    def changed(self, workshop_id: str) -> None:
        """The workshop was edited elsewhere: whoever holds it loads it again from SQLite."""
        self._tell({"change": "changed", "workshop_id": workshop_id})

    def claim(self, workshop_id: str) -> None:
        """This process takes on the workshop; with one process nobody else has it."""

    def _tell(self, message: dict) -> None:
        self.apply(message)

    def apply(self, message: dict) -> None:
        """Apply one change to the connections and memory of this process."""
        state, workshop_id = self.state, message["workshop_id"]
        change = message["change"]
        if change == "deleted":
            close_workshop(
                state, workshop_id, "workshop_deleted", "workshop_deleted", message.get("language")
            )
        elif change == "key_rotated":
            close_role(state, workshop_id, message["role"], "key_rotated", message.get("language"))
        elif change == "changed":
            with state.lock:
                if state.holds(workshop_id):
                    state.reload(workshop_id)


class Cluster(Local):
    """Several processes joined by Redis: changes are applied here and published to all."""

    def __init__(self, state, app, url: str):
        super().__init__(state, app)
        import redis  # only needed with a message queue

        self.redis = redis.Redis.from_url(url)
        self._running = False

    def start(self) -> None:
        """Listen on the channel in the background (idempotent)."""
        if not self._running:
            self._running = True
            pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
            pubsub.subscribe(CHANNEL)
            self.state.socketio.start_background_task(self._listen, pubsub)

    def claim(self, workshop_id: str) -> None:
        """Tell the others that this process owns the workshop now."""
        self._publish({"change": "claimed", "workshop_id": workshop_id})

    def _tell(self, message: dict) -> None:
        self.apply(message)
        self._publish(message)

    def _publish(self, message: dict) -> None:
        import redis

        try:
            self.redis.publish(CHANNEL, json.dumps({**message, "from": self.process_id}))
        except redis.RedisError as error:
            # The change itself is stored; a deletion still reaches the owner through its
            # janitor (SQLite's data_version), a rotated key at its next connection.
            log.warning(
                "could not tell the other processes that workshop %s %s (%s)",
                message["workshop_id"],
                message["change"],
                type(error).__name__,
            )

    def _listen(self, pubsub) -> None:
        while True:
            try:
                for raw in pubsub.listen():
                    self.receive(raw.get("data"))
            except Exception:
                log.exception("listening for workshop changes failed; listening again")
                self.state.socketio.sleep(1)

    def receive(self, data) -> None:
        """One message from the channel: apply it unless it came from here or makes no sense."""
        try:
            message = json.loads(data)
            if not isinstance(message, dict) or message.get("from") == self.process_id:
                return
            if message.get("change") not in CHANGES or not isinstance(
                message.get("workshop_id"), str
            ):
                return
        except (TypeError, ValueError):
            return
        with self.app.app_context():
            try:
                self.apply(message)
            except Exception:
                log.exception("applying a workshop change (%s) failed", message["change"])

    def apply(self, message: dict) -> None:
        """As ``Local.apply``, plus the hand-over of a workshop between processes."""
        workshop_id, change = message["workshop_id"], message["change"]
        if change == "claimed":
            if move_connections(self.state, workshop_id):
                log.info("workshop %s moved to another process", workshop_id)
                self._publish({"change": "released", "workshop_id": workshop_id})
        elif change == "released":
            # What the old owner acknowledged until now is stored: load it as after an edit.
            super().apply({**message, "change": "changed"})
        else:
            super().apply(message)


def cluster_for(state, app):
    """``Cluster`` when the app has a message queue, else ``Local``."""
    url = app.config.get("MESSAGE_QUEUE")
    return Cluster(state, app, url) if url else Local(state, app)
