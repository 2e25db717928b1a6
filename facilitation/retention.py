"""Retention: when a workshop's data is deleted, and the purge that deletes it.

The rule itself is domain logic (``domain.workshop.retention_ends_at``); this
module applies it to the instance's settings (default days, time zone) and runs
the purge: at server start, then every hour, and by ``flask purge``.
"""

import logging
import time
from zoneinfo import ZoneInfo

from .domain.errors import Refusal
from .domain.workshop import Agenda, retention_ends_at

log = logging.getLogger(__name__)

PURGE_INTERVAL = 3600


class Retention:
    """The instance's retention settings applied to workshops."""

    def __init__(self, config):
        self.default_days = int(config["RETENTION_DAYS"])
        self.zone = ZoneInfo(config["TIMEZONE"])

    def deletes_at(self, workshop, total_minutes: int) -> float | None:
        """Epoch seconds at which ``workshop`` is purged (None: not scheduled yet)."""
        return retention_ends_at(workshop, total_minutes, self.default_days, self.zone)

    def deletes_at_stored(self, store, workshop) -> float | None:
        """``deletes_at`` with the agenda's planned minutes read from ``store``."""
        return self.deletes_at(workshop, Agenda(store.items(workshop.id)).total_minutes)

    def expired(self, store, now: float | None = None) -> list:
        """The workshops whose retention has run out."""
        now = time.time() if now is None else now
        workshops = store.workshops()
        minutes = store.library(workshop.id for workshop in workshops)
        return [
            workshop
            for workshop in workshops
            if (when := self.deletes_at(workshop, minutes[workshop.id]["minutes"])) is not None
            and when <= now
        ]


def purge(app, now: float | None = None) -> list[str]:
    """Delete every workshop past its retention, closing its live connections; return ids."""
    store = app.extensions["facilitation.store"]
    live = app.extensions.get("facilitation.live")
    deleted = []
    for workshop in app.extensions["facilitation.retention"].expired(store, now):
        try:
            store.delete_workshop(workshop.id)
        except Refusal:
            continue  # another process purged it a moment ago
        if live is not None:
            live.cluster.deleted(workshop.id, workshop.language)
        deleted.append(workshop.id)
    if deleted:
        log.info("purge: deleted %d workshop(s) past their retention", len(deleted))
    return deleted


def run_purges(app, socketio) -> None:
    """Purge now and then every PURGE_INTERVAL seconds, in the server's background."""

    def loop():
        while True:
            with app.app_context():
                try:
                    purge(app)
                except Exception:
                    log.exception("purge failed")
            socketio.sleep(PURGE_INTERVAL)

    socketio.start_background_task(loop)
