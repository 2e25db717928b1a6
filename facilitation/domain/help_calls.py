"""Calls for help from breakout groups: a group calls the facilitator, who answers or handles it.

Plain Python. A call belongs to a group, not to the person who pressed the
button: it carries no participant, a group has at most one open call, and
everyone in the group sees it. The facilitator's queue is the open calls,
oldest first; an answer is a short message to that group only. The recall
closes every open call.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .breakouts import Breakout, clean_message
from .errors import Refusal

HANDLED = "handled"  # the facilitator marked it handled
WITHDRAWN = "withdrawn"  # the group said it is fine again
RECALLED = "ended"  # the round ended while the call was open


@dataclass(frozen=True)
class HelpCall:
    """One call of a group for the facilitator (epoch seconds); open until ``closed_at``."""

    id: str
    item_id: str
    group_id: str
    called_at: float
    answer: str = ""
    answered_at: float | None = None
    closed_at: float | None = None
    closed_by: str | None = None

    def replace(self, **changes) -> HelpCall:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    @property
    def open(self) -> bool:
        """Whether the call still waits in the facilitator's queue."""
        return self.closed_at is None


def queue(breakout: Breakout) -> list[HelpCall]:
    """The open calls, oldest first: the facilitator's queue."""
    waiting = [call for call in breakout.calls.values() if call.open]
    return sorted(waiting, key=lambda call: (call.called_at, call.id))


def open_call(breakout: Breakout, group_id: str) -> HelpCall | None:
    """The group's open call, if it has one."""
    return next((call for call in queue(breakout) if call.group_id == group_id), None)


def last_answer(breakout: Breakout, group_id: str) -> HelpCall | None:
    """The group's most recently answered call (open or closed), for the group's message."""
    answered = [
        call
        for call in breakout.calls.values()
        if call.group_id == group_id and call.answered_at is not None
    ]
    return max(answered, key=lambda call: (call.answered_at, call.id), default=None)


def called(breakout: Breakout, participant_id: str, new_id, now: float) -> tuple[HelpCall, bool]:
    """The participant's group calls the facilitator; returns the call and whether it is new.

    Only while the round runs (``breakout_not_running``) and only from a group
    (``no_group``). A group that already called keeps its one open call: a second
    press, also by another member, queues nothing.
    """
    if not breakout.round.running:
        raise Refusal("breakout_not_running")
    group = breakout.writable_group(participant_id)
    existing = open_call(breakout, group.id)
    if existing is not None:
        return existing, False
    return HelpCall(new_id(), breakout.item_id, group.id, now), True


def withdrawn(breakout: Breakout, participant_id: str, now: float) -> HelpCall | None:
    """The group is fine again: its open call closed, or None if it had none (nothing changes)."""
    group = breakout.writable_group(participant_id)
    call = open_call(breakout, group.id)
    if call is None:
        return None
    return call.replace(closed_at=now, closed_by=WITHDRAWN)


def waiting_call(breakout: Breakout, call_id) -> HelpCall:
    """An open call of this round: ``unknown_call`` if there is none, ``call_closed`` if it
    was handled, withdrawn or closed by the recall."""
    call = breakout.calls.get(call_id) if isinstance(call_id, str) else None
    if call is None:
        raise Refusal("unknown_call")
    if not call.open:
        raise Refusal("call_closed")
    return call


def answered(breakout: Breakout, call_id, text, now: float) -> HelpCall:
    """The facilitator answers a call with a short message to that group (one line, 1–200
    characters, as the message to all groups); the call stays in the queue until handled."""
    call = waiting_call(breakout, call_id)
    return call.replace(answer=clean_message(text), answered_at=now)


def handled(breakout: Breakout, call_id, now: float) -> HelpCall:
    """The facilitator marks a call handled: it leaves the queue."""
    return waiting_call(breakout, call_id).replace(closed_at=now, closed_by=HANDLED)


def closed_by_recall(breakout: Breakout, now: float) -> list[HelpCall]:
    """At the recall every open call is closed (a resumed round starts with an empty queue)."""
    return [call.replace(closed_at=now, closed_by=RECALLED) for call in queue(breakout)]
