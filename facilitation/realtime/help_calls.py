"""Socket.IO commands of breakout groups' calls for help.

A participant calls the facilitator for their group (or withdraws the call);
a presenter or moderator answers a call with a message to that group or marks
it handled. Handlers let ``domain.help_calls`` decide, commit, keep the call in
the round in memory and mark the topics: the group's members get their group
(``group_changed``, with its call and answer), presenters and moderators the
queue (``help_calls``). The big screen hears nothing of it.
"""

from __future__ import annotations

import time

from ..domain.errors import Refusal
from ..domain.help_calls import HelpCall, answered, called, handled, withdrawn
from ..domain.workshop import new_id
from .breakout_rounds import mark
from .breakout_views import call_view
from .breakouts import _round_of
from .handlers import command, live
from .live import ms
from .rooms import PARTICIPANT, STAFF
from .topics import CallsChanged, GroupChanged


def _changed(breakout, call: HelpCall) -> None:
    """Keep the changed call and tell its group and the staff with the next beat."""
    breakout.calls[call.id] = call
    mark(breakout, CallsChanged(breakout.item_id), GroupChanged(breakout.item_id, call.group_id))


def _group_call(call: HelpCall | None) -> dict | None:
    """The call as its group sees it in an ack."""
    return call and {"id": call.id, "called_at": ms(call.called_at)}


@command("call_facilitator", role=PARTICIPANT)
def call_facilitator(connection, payload):
    """A participant calls the facilitator for their group; a group has one call at a time."""
    state = live()
    item, breakout = _round_of(connection, payload)
    if state.store.workshop(connection.workshop_id).current_item_id != item.id:
        raise Refusal("not_current")
    call, new = called(breakout, connection.participant_id, new_id, time.time())
    if new:
        state.store.add_call(call, connection.workshop_id)
        _changed(breakout, call)
    return {"item_id": item.id, "call": _group_call(call)}


@command("withdraw_call", role=PARTICIPANT)
def withdraw_call(connection, payload):
    """A participant says their group is fine again: the group's open call leaves the queue."""
    state = live()
    item, breakout = _round_of(connection, payload)
    call = withdrawn(breakout, connection.participant_id, time.time())
    if call is not None:
        state.store.save_call(call)
        _changed(breakout, call)
    return {"item_id": item.id, "call": None}


@command("answer_call", role=STAFF)
def answer_call(connection, payload):
    """A presenter or moderator answers a call with a short message to that group only."""
    state = live()
    item, breakout = _round_of(connection, payload)
    call_id = payload.id("call_id", "unknown_call")
    call = answered(breakout, call_id, payload.required("text"), time.time())
    state.store.save_call(call)
    _changed(breakout, call)
    return {"item_id": item.id, "call": call_view(breakout, call)}


@command("handle_call", role=STAFF)
def handle_call(connection, payload):
    """A presenter or moderator marks a call handled: it leaves the queue."""
    state = live()
    item, breakout = _round_of(connection, payload)
    call = handled(breakout, payload.id("call_id", "unknown_call"), time.time())
    state.store.save_call(call)
    _changed(breakout, call)
    return {"item_id": item.id, "call_id": call.id}
