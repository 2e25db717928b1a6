"""Rate limits of socket commands: the one policy table, counted in memory.

Socket.IO events are not HTTP requests, so these use the ``limits`` library
directly (Flask-Limiter, which limits joins per client address, is built on
it). Counters live in this process's memory only; nothing is written to disk
or logs. A participant is counted over all their tabs, a presenter or screen
per connection. The numbers are far above what a person does by hand (a vote
changed every second, a card every two seconds) and far below a script.
"""

import math
import threading
import time

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

# command -> limit. Commands not listed get DEFAULT_LIMIT.
POLICIES = {
    # participants
    "vote": "30 per 10 seconds",
    "ask_question": "20 per minute",  # the board's own limit (5 a minute) says more
    "upvote_question": "60 per minute",
    "unvote_question": "60 per minute",
    "choose_group": "30 per minute",
    "add_card": "60 per minute",
    "edit_card": "120 per minute",
    "delete_card": "60 per minute",
    "save_note": "60 per minute",
    "call_facilitator": "30 per minute",
    "withdraw_call": "30 per minute",
    # everyone: snapshots are the most expensive reads
    "get_state": "60 per minute",
    "get_breakout": "120 per minute",
}
# Presenter commands and anything else: a moderating presenter clicks fast, a script faster.
DEFAULT_LIMIT = "300 per minute"


class SweptMemoryStorage(MemoryStorage):
    """limits' memory storage, with its expired entries swept every ``SWEEP_EVERY`` seconds.

    The library sweeps 0.01 s after any hit, over every key: in a burst of 5,000 votes
    from 5,000 participants that is a hundred walks a second over 5,000 keys, on the
    event loop everyone waits for. Expired entries never let anything through that
    should not pass (a moving window reads only its own span); sweeping them is
    housekeeping, and every few seconds is enough.
    """

    SWEEP_EVERY = 5.0

    def _MemoryStorage__schedule_expiry(self) -> None:  # replaces the library's 0.01 s
        if not self.timer.is_alive():
            self.timer = threading.Timer(self.SWEEP_EVERY, self._MemoryStorage__expire_events)
            self.timer.daemon = True
            self.timer.start()


class CommandLimits:
    """Checks one command of one sender against ``POLICIES``."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.storage = SweptMemoryStorage()
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.limits = {event: parse(text) for event, text in POLICIES.items()}
        self.default = parse(DEFAULT_LIMIT)

    def retry_after(self, event: str, sender: str) -> int | None:
        """Count one ``event`` from ``sender``; None if allowed, else whole seconds to wait."""
        if not self.enabled:
            return None
        limit = self.limits.get(event, self.default)
        if self.limiter.hit(limit, event, sender):
            return None
        reset_at = self.limiter.get_window_stats(limit, event, sender).reset_time
        return max(1, math.ceil(reset_at - time.time()))


def sender_of(connection) -> str:
    """Whom a limit counts: the participant (all tabs together), else the connection."""
    return f"p:{connection.participant_id}" if connection.participant_id else f"c:{connection.sid}"
