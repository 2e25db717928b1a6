"""Realtime layer: Socket.IO handlers, rooms and the coalescing broadcaster."""

import json
import logging
import re
import time
import warnings

from ..storage.health import FaultLog

# Imported before any ``socketio.init_app`` so the handlers land in
# ``socketio.handlers``, which Flask-SocketIO replays for every app it serves.
from . import (  # noqa: F401  (commands register on import)
    breakout_rounds,
    breakouts,
    handlers,
    help_calls,
    question_board,
    questions,
    rehearsals,
    timekeeping,
    word_clouds,
)
from .cluster import cluster_for
from .janitor import Janitor
from .live import Live
from .rate_limits import CommandLimits

log = logging.getLogger(__name__)


def _transport_logger(name: str) -> logging.Logger:
    """A logger for python-socketio/engineio that writes through ours only, warnings and up.

    Their default loggers add a handler of their own and also propagate to the
    root logger, so every transport error was printed twice.
    """
    logger = logging.getLogger(name)
    logger.setLevel(logging.WARNING)
    return logger


# A Socket.IO EVENT or BINARY_EVENT packet (engineio has already taken off its own
# "4") up to the first character of its event name: type, attachments, namespace,
# ack id, "[" (python-socketio's packet layout).
EVENT_START = re.compile(r'[25](?:\d+-)?(?:/[^,]*,)?\d*\[\s*(?=")')
# Names python-socketio dispatches to the server's own handlers (and "*", which
# Flask-SocketIO's catch-all wrapper cannot take as an event name).
RESERVED_EVENTS = frozenset({"connect", "disconnect", "connect_error", "*"})
_first_string = json.JSONDecoder()


def renamed_reserved_event(data):
    """``data`` with a reserved event name replaced, so that it is refused as unknown.

    A client that sent an event named ``disconnect`` ran the server's disconnect
    handler: the socket stayed open but counted as gone. Other frames come back as
    they are; only the event name is decoded, not the payload.
    """
    if not isinstance(data, str):
        return data
    start = EVENT_START.match(data)
    if start is None:
        return data
    try:
        name, end = _first_string.raw_decode(data, start.end())
    except ValueError:
        return data  # malformed: python-socketio refuses it, the guard closes the connection
    if name not in RESERVED_EVENTS:
        return data
    return data[: start.end()] + '"reserved event"' + data[end:]


class PacketJSON:
    """The JSON of Socket.IO packets, with Python's own limit on integer digits (4,300).

    engineio's default refuses integers of more than 100 digits while decoding,
    before any handler runs, so such a command got no ack at all. Here they
    reach the handlers, which refuse them like any number out of range.
    """

    dumps = staticmethod(json.dumps)
    loads = staticmethod(json.loads)


class InboundBudget:
    """Bytes a connection may send: ``rate`` a second on average, ``burst`` at once.

    eventlet unmasks websocket frames byte by byte (64 KiB cost ~40 ms of the one
    event loop), so a client sending big frames back to back would take the loop
    from everyone. People's commands are a few hundred bytes; a connection over
    its budget is closed.
    """

    def __init__(self, rate: float, burst: float, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self._left: dict[str, tuple[float, float]] = {}

    def spend(self, sid: str, size: int) -> bool:
        """Take ``size`` bytes from ``sid``'s budget; False if it has run out."""
        now = self.clock()
        left, since = self._left.get(sid, (self.burst, now))
        left = min(self.burst, left + (now - since) * self.rate) - size
        self._left[sid] = (left, now)
        return left >= 0

    def forget(self, sid: str) -> None:
        """The connection is gone."""
        self._left.pop(sid, None)


def guard_messages(server, budget: InboundBudget) -> None:
    """Refuse reserved event names like unknown ones, and close a connection that sends
    a frame Socket.IO cannot decode, with one log line.

    Undecodable frames (broken JSON, ids of a hundred digits, attachments nobody
    announced) raise inside python-socketio before any handler runs; engineio
    logged a traceback per frame and kept the connection open.
    """
    handle = server.eio.handlers["message"]
    handle_disconnect = server.eio.handlers["disconnect"]
    # Connections closed for sending too much: their frames may still arrive until the
    # client notices, and are dropped without another log line.
    cut: set[str] = set()

    def guarded(eio_sid, data):
        try:
            if eio_sid in cut:
                return
            if not budget.spend(eio_sid, len(data)):
                if len(cut) > 10_000:
                    cut.clear()
                cut.add(eio_sid)
                log.warning("closed a connection that sent more than its share of bytes")
                server.eio.disconnect(eio_sid)
                return
            handle(eio_sid, renamed_reserved_event(data))
        except Exception as error:
            log.warning(
                "closed a connection that sent a malformed message (%s)", type(error).__name__
            )
            cut.add(eio_sid)
            server.eio.disconnect(eio_sid)
        finally:
            # This runs in the connection's reader loop, which reads the next frame at
            # once if one is waiting: without a yield here one client sending frames back
            # to back would keep every other connection waiting.
            server.eio.sleep(0)

    def disconnected(eio_sid, *args):
        budget.forget(eio_sid)
        return handle_disconnect(eio_sid, *args)

    server.eio.on("message", guarded)
    server.eio.on("disconnect", disconnected)


def init_app(app, socketio):
    """Bind Socket.IO to the app with our settings and create the live state."""
    # Binding in eventlet mode imports eventlet, which announces its bug-fix-only status;
    # we chose it knowingly (STACK.md), and command-line tasks should not print it.
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated", category=Warning)
    queue = {}
    if app.config.get("MESSAGE_QUEUE"):
        queue = {"message_queue": app.config["MESSAGE_QUEUE"], "channel": "facilitation-socketio"}
    socketio.init_app(
        app,
        **queue,
        async_mode=app.config["ASYNC_MODE"],
        max_http_buffer_size=app.config["MAX_MESSAGE_BYTES"],
        ping_interval=20,
        ping_timeout=20,
        json=PacketJSON,
        # A command runs in its connection's reader, not in a greenthread of its own: no
        # handler waits for anything, and a burst of 5,000 votes spawned 5,000 greenthreads
        # at once (CPU, and memory for each one's request context until it ran).
        async_handlers=False,
        logger=_transport_logger("facilitation.socketio"),
        engineio_logger=_transport_logger("facilitation.engineio"),
    )
    # Four of the largest messages at once and four a second: far above what people
    # send (a few hundred bytes a command), far below what a script can.
    limit = app.config["MAX_MESSAGE_BYTES"]
    guard_messages(socketio.server, InboundBudget(rate=4 * limit, burst=4 * limit))
    state = Live(
        app.extensions["facilitation.store"],
        socketio,
        app.config["BROADCAST_INTERVAL"],
        app.extensions["facilitation.links"],
        app.extensions["facilitation.retention"],
    )
    question_board.install(state)
    breakout_rounds.install(state)
    state.command_limits = CommandLimits(app.config["SOCKET_RATE_LIMITS"])
    state.fault_log = FaultLog()
    state.janitor = Janitor(state, app.config["JANITOR_INTERVAL"], app.config["EVICT_AFTER"])
    state.cluster = cluster_for(state, app)
    app.extensions["facilitation.live"] = state
