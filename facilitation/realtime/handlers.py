"""Socket.IO event handlers: validate, call domain and storage, ack, mark what changed.

Every command answers through its ack: ``{"ok": true, ...}`` or
``{"ok": false, "error": {"code", "message"}}``. docs/protocol.md describes
each event; tests/test_protocol_docs.py keeps the two in step.
"""

import functools
import logging
import time
from dataclasses import dataclass, field

from flask import current_app, request
from flask_socketio import ConnectionRefusedError, join_room

from ..domain.errors import Refusal
from ..domain.kinds import get_kind
from ..domain.workshop import (
    Agenda,
    check_answerable,
    check_changeable,
    closed,
    opened,
    reopened,
    reset,
    validate_threshold,
    with_results_revealed,
)
from ..extensions import socketio
from ..messages import problem
from ..security import cookie_days, keys_match, participant_from_cookie
from ..storage.health import is_storage_fault
from ..workshops import end_workshop as end_workshop_in
from .connections import Connection
from .live import ITEM_CLOSED, ITEM_OPENED, ITEM_REOPENED, ITEM_RESET, ITEM_UPDATED, ms
from .payloads import MAX_ID_LENGTH, Payload
from .rate_limits import sender_of
from .rooms import MODERATOR, PARTICIPANT, PRESENTER, ROLES, SCREEN, room
from .topics import Fact, Member, Presence, Tally, fact, register_command

log = logging.getLogger(__name__)

# Which secret of the workshop each role's link carries.
KEY_OF_ROLE = {
    PRESENTER: lambda workshop: workshop.presenter_token,
    MODERATOR: lambda workshop: workshop.moderator_token,
    SCREEN: lambda workshop: workshop.screen_token,
}


def live():
    """The process's live state (see ``realtime.live.Live``)."""
    return current_app.extensions["facilitation.live"]


def failure(code: str, **params) -> dict:
    """An error ack in the connection's language; ``rate_limited`` also says ``retry_after``."""
    error = problem(code, **params)
    if code == "rate_limited":
        error["retry_after"] = params["seconds"]
    return {"ok": False, "error": error}


@dataclass
class Reply:
    """What a command answers: its ack fields, and facts to send once the lock is released."""

    fields: dict = field(default_factory=dict)
    announce: list = field(default_factory=list)


def command(event: str, role: str | tuple[str, ...] | None = None):
    """Register a handler for a client command, with the checks every command shares.

    ``role``: the one role (or the roles) that may send it; others get
    ``<first role>_only``. The wrapped function gets the caller's ``Connection``
    and the payload (a dict) and returns a ``Reply`` (or just its ack fields);
    it runs under ``Live.lock``. A ``Refusal`` becomes an error ack.
    """
    roles = (role,) if isinstance(role, str) else role

    def decorate(function):
        @functools.wraps(function)
        def handler(payload=None, *_ignored):
            state = live()
            if payload is None:
                payload = {}
            if not isinstance(payload, dict):
                return failure("invalid_payload", field="payload")
            try:
                with state.lock:
                    connection = state.connections.get(request.sid)
                    if connection is None:
                        return failure("not_connected")
                    if roles is not None and connection.role not in roles:
                        return failure(f"{roles[0]}_only")
                    if not state.janitor.still_stored(connection.workshop_id):
                        return failure("unknown_workshop")
                    wait = state.command_limits.retry_after(event, sender_of(connection))
                    if wait is not None:
                        return failure("rate_limited", seconds=wait)
                    reply = function(connection, Payload(payload))
            except Refusal as refusal:
                return failure(refusal.code, **refusal.params)
            except UnicodeEncodeError:
                # A lone surrogate in some string: SQLite cannot store it.
                return failure("invalid_payload", field="payload")
            except Exception as error:
                if is_storage_fault(error):
                    state.fault_log.record(error)
                    return failure("storage_unavailable")
                log.exception("handler for %s failed", event)
                return failure("internal_error")
            if not isinstance(reply, Reply):
                reply = Reply(reply or {})
            for name, message, to in reply.announce:
                socketio.emit(name, message, to=to)
            return {"ok": True, **reply.fields}

        register_command(event, roles, function.__doc__)
        socketio.on_event(event, handler)
        return function

    return decorate


# -- connection ------------------------------------------------------------


@socketio.on("connect")
def connect(auth=None):
    """Anyone connects with ``auth = {role, workshop_id, key?}``; refused connects get a reason.

    Participants are identified by their signed workshop cookie, never by the payload.
    """
    state = live()
    try:
        with state.lock:
            connection = _authenticate(auth)
            taken_on = not state.holds(connection.workshop_id)
            state.connections.add(connection)
            if connection.role == PARTICIPANT:
                state.broadcaster.mark(connection.workshop_id, Presence())
                state.broadcaster.mark(connection.workshop_id, Member(connection.participant_id))
    except Refusal as refusal:
        error = problem(refusal.code, **refusal.params)
        raise ConnectionRefusedError(error["message"], error) from None
    except Exception:
        log.exception("connect failed")
        error = problem("internal_error")
        raise ConnectionRefusedError(error["message"], error) from None
    join_room(room(connection.workshop_id, connection.role))
    state.broadcaster.start()
    state.janitor.start()
    state.cluster.start()
    if taken_on:
        # Another process may still hold it (this one took over after a failover, or
        # nginx sends it back here after a restart): it lets go, and this one reloads.
        state.cluster.claim(connection.workshop_id)


def _authenticate(auth) -> Connection:
    if not isinstance(auth, dict):
        raise Refusal("invalid_role")
    role, workshop_id = auth.get("role"), auth.get("workshop_id")
    if role not in ROLES:
        raise Refusal("invalid_role")
    if not isinstance(workshop_id, str) or len(workshop_id) > MAX_ID_LENGTH:
        raise Refusal("unknown_workshop")
    store = live().store
    workshop = store.workshop(workshop_id)
    if role == PARTICIPANT:
        participant_id = participant_from_cookie(
            current_app.secret_key, workshop.id, request.cookies, cookie_days(workshop)
        )
        if participant_id is None or store.participant(workshop.id, participant_id) is None:
            raise Refusal("not_joined")
        return Connection(request.sid, workshop.id, role, participant_id)
    if not keys_match(auth.get("key"), KEY_OF_ROLE[role](workshop)):
        raise Refusal("invalid_token")
    return Connection(request.sid, workshop.id, role)


@socketio.on("disconnect")
def disconnect(*_reason):
    """Forget the connection; presenters see the online count drop with the next beat."""
    state = live()
    with state.lock:
        connection = state.connections.remove(request.sid)
        if connection and connection.role == PARTICIPANT:
            state.broadcaster.mark(connection.workshop_id, Presence())
            state.broadcaster.mark(connection.workshop_id, Member(connection.participant_id))


@socketio.on("*")
def unknown_event(event, *_args):
    """Any event we do not know gets an error ack instead of silence."""
    return failure("unknown_event")


# -- everyone --------------------------------------------------------------


@command("get_state")
def get_state(connection, payload):
    """Any client asks for its full snapshot, e.g. after every (re)connect."""
    return {"state": live().snapshot(connection)}


# -- participants ----------------------------------------------------------


@command("vote", role=PARTICIPANT)
def vote(connection, payload):
    """A participant answers the current poll; presenter and screen get the next tally beat."""
    state = live()
    raw_value = payload.required("value")
    workshop = state.store.workshop(connection.workshop_id)
    item = state.store.item(workshop.id, payload.item_id())
    kind = get_kind(item.kind)
    check_answerable(workshop, item, kind.collects_answers)
    value = kind.parse_answer(item.config, raw_value)
    # Load the tally before the write so the stored answer is not counted twice.
    state.tallies.get(item)
    previous, current = state.store.save_answer(
        item,
        connection.participant_id,
        value,
        check=lambda mine: check_changeable(item, mine is not None and mine.value != value),
    )
    if state.tallies.apply(item, previous, current):
        state.broadcaster.mark(workshop.id, Tally(item.id))
    return {"item_id": item.id, "value": value}


# -- presenter -------------------------------------------------------------


def _show(workshop, item) -> Reply:
    """Make ``item`` (None: the lobby) current for everyone and announce it."""
    state = live()
    if workshop.ended_at is not None:
        raise Refusal("workshop_ended")
    now = time.time()
    if item is not None and item.id != workshop.current_item_id:
        item = opened(item, now, get_kind(item.kind).collects_answers)
    workshop = state.store.set_current_item(workshop, item, now)
    return Reply(
        {"current_item_id": workshop.current_item_id},
        state.announce_item(ITEM_OPENED, workshop, item),
    )


@command("open_item", role=PRESENTER)
def open_item(connection, payload):
    """The presenter shows an item (or the lobby with ``item_id: null``) to everyone."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    item_id = payload.item_id(allow_none=True)
    item = None if item_id is None else state.store.item(workshop.id, item_id)
    return _show(workshop, item)


@command("next_item", role=PRESENTER)
def next_item(connection, payload):
    """The presenter moves to the next agenda item."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    item = Agenda(state.store.items(workshop.id)).next_after(workshop.current_item_id)
    if item is None:
        raise Refusal("at_end")
    return _show(workshop, item)


@command("previous_item", role=PRESENTER)
def previous_item(connection, payload):
    """The presenter moves back to the previous agenda item."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    item = Agenda(state.store.items(workshop.id)).previous_before(workshop.current_item_id)
    if item is None:
        raise Refusal("at_start")
    return _show(workshop, item)


def _presenter_item(connection, payload):
    """The workshop and the item named in a presenter's payload."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    return workshop, state.store.item(workshop.id, payload.item_id())


def _update(workshop, item, event: Fact, fields: dict) -> Reply:
    """Save ``item``'s live state and tell everyone what they now see of it."""
    state = live()
    state.store.save_item(item)
    return Reply({"item_id": item.id, **fields}, state.announce_item(event, workshop, item))


@command("close_item", role=PRESENTER)
def close_item(connection, payload):
    """The presenter closes a poll: later votes are refused with ``poll_closed``."""
    workshop, item = _presenter_item(connection, payload)
    item = closed(item, get_kind(item.kind).collects_answers)
    return _update(workshop, item, ITEM_CLOSED, {"status": item.status})


@command("reopen_item", role=PRESENTER)
def reopen_item(connection, payload):
    """The presenter opens a closed poll for answers again."""
    workshop, item = _presenter_item(connection, payload)
    item = reopened(item, get_kind(item.kind).collects_answers, time.time())
    return _update(workshop, item, ITEM_REOPENED, {"status": item.status})


@command("reveal_results", role=PRESENTER)
def reveal_results(connection, payload):
    """The presenter shows a poll's results to everyone (still subject to the threshold)."""
    workshop, item = _presenter_item(connection, payload)
    item = with_results_revealed(item, True, get_kind(item.kind).collects_answers)
    return _update(workshop, item, ITEM_UPDATED, {"revealed": True})


@command("hide_results", role=PRESENTER)
def hide_results(connection, payload):
    """The presenter takes revealed results back to the poll's own visibility setting."""
    workshop, item = _presenter_item(connection, payload)
    item = with_results_revealed(item, False, get_kind(item.kind).collects_answers)
    return _update(workshop, item, ITEM_UPDATED, {"revealed": False})


@command("reset_item", role=PRESENTER)
def reset_item(connection, payload):
    """The presenter deletes every answer to a poll (the page asks for confirmation first)."""
    state = live()
    workshop, item = _presenter_item(connection, payload)
    item = reset(item, get_kind(item.kind).collects_answers)
    state.store.delete_answers(item)
    state.tallies.forget(item.id)
    return _update(workshop, item, ITEM_RESET, {"answers": 0})


@command("hide_answer", role=PRESENTER)
def hide_answer(connection, payload):
    """The presenter hides one answer from everyone else (``hidden: false`` shows it again)."""
    state = live()
    workshop, item = _presenter_item(connection, payload)
    hidden = payload.optional_bool("hidden")
    answer_id = payload.required("answer_id")
    state.tallies.get(item)
    before = next((a for a in state.store.answers(item.id) if a.id == answer_id), None)
    if before is None:
        raise Refusal("unknown_answer")
    after = state.store.set_answer_hidden(item, before.id, hidden)
    if item.highlight == after.id and hidden:
        item = item.replace(highlight=None)
        state.store.save_item(item)
    if state.tallies.apply(item, before, after):
        state.broadcaster.mark(workshop.id, Tally(item.id))
    return {"item_id": item.id, "answer_id": after.id, "hidden": after.hidden}


@command("highlight_answer", role=PRESENTER)
def highlight_answer(connection, payload):
    """The presenter puts one answer large on the big screen (``answer_id: null`` clears it)."""
    state = live()
    workshop, item = _presenter_item(connection, payload)
    answer_id = payload.required("answer_id")
    if answer_id is not None:
        answer = next((a for a in state.store.answers(item.id) if a.id == answer_id), None)
        if answer is None or answer.hidden:
            raise Refusal("unknown_answer")
    return _update(
        workshop, item.replace(highlight=answer_id), ITEM_UPDATED, {"highlight": answer_id}
    )


def _page_turned(item_id: str) -> dict:
    """The payload of ``screen_page_turned``."""
    return {"item_id": item_id}


SCREEN_PAGE_TURNED = fact(
    "screen_page_turned",
    (SCREEN,),
    _page_turned,
    "The presenter asked the big screen for the next page of what it shows.",
)


@command("turn_screen_page", role=PRESENTER)
def turn_screen_page(connection, payload):
    """The presenter turns the big screen to its next page (answers, cards, questions that do
    not fit at once); the screens of the workshop receive ``screen_page_turned``."""
    workshop, item = _presenter_item(connection, payload)
    if item.id != workshop.current_item_id:
        raise Refusal("not_current")
    return Reply(
        {"item_id": item.id}, SCREEN_PAGE_TURNED.to_rooms(workshop.id, _page_turned(item.id))
    )


@command("end_workshop", role=PRESENTER)
def end_workshop(connection, payload):
    """The presenter ends the workshop: polls close, everyone sees the closing view."""
    state = live()
    workshop = end_workshop_in(
        state.store, state.store.workshop(connection.workshop_id), time.time()
    )
    return Reply({"ended_at": ms(workshop.ended_at)}, state.announce_end(workshop))


@command("set_threshold", role=PRESENTER)
def set_threshold(connection, payload):
    """The presenter changes the workshop's anonymity threshold (1 turns it off)."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    threshold = validate_threshold(payload.required("threshold"))
    workshop = state.store.set_threshold(workshop, threshold)
    current = None
    if workshop.current_item_id:
        current = state.store.item(workshop.id, workshop.current_item_id)
    return Reply(
        {"anonymity_threshold": workshop.anonymity_threshold},
        state.announce_item(ITEM_UPDATED, workshop, current),
    )
