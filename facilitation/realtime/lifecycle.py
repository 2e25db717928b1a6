"""A workshop's live connections when it changes as a whole: deleted, ended, keys rotated.

These run outside socket handlers (organizer pages, the purge, the CLI's server
side, a message from another process: ``cluster.py``) and send their facts
themselves, after the live state was changed under ``Live.lock``. They concern this
process's own connections only: their facts are not sent through the message queue,
since every process that holds some of the workshop's connections runs them itself.
"""

from flask_babel import force_locale

from ..messages import problem
from .rooms import ROLES
from .topics import FACTS, fact


def _closing_fact(code: str, language: str | None) -> dict:
    """The payload of a fact that ends connections: a code and a reason in ``language``."""
    with force_locale(language or "en"):
        return {"code": code, "message": problem(code)["message"]}


WORKSHOP_DELETED = fact(
    "workshop_deleted",
    ROLES,
    _closing_fact,
    "The workshop was deleted; the server then closes the connection.",
)
KEY_ROTATED = fact(
    "key_rotated",
    ROLES,
    _closing_fact,
    "The key this connection used was replaced; the server then closes the connection.",
    to_connections=True,
)


def close_workshop(state, workshop_id: str, event: str, code: str, language=None) -> int:
    """Tell every connection of the workshop ``event`` (with the reason ``code``), close
    them and drop the workshop's live state; return how many connections were closed.

    ``language``: the workshop's, for the reason's text.
    """
    with state.lock:
        sids = state.connections.of_workshop(workshop_id)
        for sid in sids:
            state.connections.remove(sid)
        state.forget_workshop(workshop_id)
    payload = _closing_fact(code, language)
    for message in FACTS[event].to_rooms(workshop_id, payload):
        state.socketio.emit(message.event, message.payload, to=message.to, ignore_queue=True)
    for sid in sids:
        state.socketio.server.disconnect(sid, namespace="/", ignore_queue=True)
    return len(sids)


def close_role(state, workshop_id: str, role: str, code: str, language=None) -> int:
    """Close the connections of one role in one workshop (its key was rotated), saying why."""
    with state.lock:
        sids = [
            sid
            for sid in state.connections.of_workshop(workshop_id)
            if state.connections.get(sid).role == role
        ]
        for sid in sids:
            state.connections.remove(sid)
    payload = _closing_fact(code, language)
    for sid in sids:
        message = KEY_ROTATED.to(payload, sid)
        state.socketio.emit(message.event, message.payload, to=message.to, ignore_queue=True)
        state.socketio.server.disconnect(sid, namespace="/", ignore_queue=True)
    return len(sids)


def move_connections(state, workshop_id: str) -> int:
    """Hand the workshop over to another process: close the transports of its connections
    here without a reason (the clients reconnect, and nginx sends them to the process that
    owns the workshop now) and forget its live state; return how many were closed."""
    with state.lock:
        if not state.holds(workshop_id):
            return 0
        sids = state.connections.of_workshop(workshop_id)
        for sid in sids:
            state.connections.remove(sid)
        state.forget_workshop(workshop_id)
    server = state.socketio.server
    for sid in sids:
        drop_transport(server, sid)
    return len(sids)


def drop_transport(server, sid: str) -> None:
    """Close a connection's transport as a network failure would, without Engine.IO's close
    packet: after a close packet clients take the end as final; after a dropped transport
    they reconnect (the browser's Socket.IO client and python-socketio alike)."""
    eio_sid = server.manager.eio_sid_from_sid(sid, "/")
    try:
        socket = server.eio._get_socket(eio_sid)
    except KeyError:
        return  # already gone
    socket.close(wait=False, abort=True)
    server.eio.sockets.pop(eio_sid, None)
