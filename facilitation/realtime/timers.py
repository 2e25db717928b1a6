"""Polls that close by themselves when their time is up (``auto_close`` in the agenda).

The deadline is stored with the item (``closes_at``, set when it opens or reopens), so
nothing is held in memory: the janitor's sweep asks the storage for the polls that are
due and closes each through the same domain and storage path as the presenter's
``close_item`` — committed first, then ``item_closed`` to everyone. A restarted server
closes what came due while it was down at its first sweep (the janitor starts with the
first connection).
"""

import logging
import time

from ..domain.errors import Refusal
from ..domain.kinds import get_kind
from ..domain.workshop import closed, is_due
from .live import ITEM_CLOSED

log = logging.getLogger(__name__)


def close_due_polls(state, now: float | None = None) -> list:
    """Close every open poll whose time is up; return the messages to send (after the lock).

    ``now`` defaults to the wall clock; the sweep runs under ``state.lock`` like a handler.
    """
    now = time.time() if now is None else now
    messages = []
    with state.lock:
        for item in state.store.due_items(now):
            if not is_due(item, now):
                continue
            try:
                item = closed(item, get_kind(item.kind).collects_answers)
                workshop = state.store.workshop(item.workshop_id)
            except Refusal:
                continue  # closed or deleted meanwhile
            state.store.save_item(item)
            log.info("closed poll %s of workshop %s: its time is up", item.id, workshop.id)
            messages.extend(state.announce_item(ITEM_CLOSED, workshop, item))
    return messages
