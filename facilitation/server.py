"""Start the server: demo data if empty, the three links, then Socket.IO on eventlet."""

import errno
import gc
import logging
import re
import socket
import sys
import time

from .accounts import ensure_first_organizer
from .cli import ensure_demo, print_links
from .extensions import socketio
from .retention import run_purges

log = logging.getLogger("facilitation.access")


# Paths whose rest is a secret: an organizer's one-time sign-in link, a participant's
# private check-in link, the key of a participant's takeaway.
SECRET_PATHS = re.compile(r"^(/organize/welcome/|/check/|/j/[^/]+/takeaway/)")


def loggable_path(path: str) -> str:
    """The request path as the access log may write it: secrets in the path are cut off."""
    secret = SECRET_PATHS.match(path)
    return secret.group(1) + "…" if secret else path


class AccessLog:
    """WSGI middleware that logs method, path, status and duration.

    It leaves out query strings (presenter and screen keys travel there), secrets
    in paths (one-time links) and client addresses (we store no IP addresses).
    """

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        status_holder = {}

        def remember_status(status, headers, exc_info=None):
            status_holder["status"] = status.split(" ", 1)[0]
            return start_response(status, headers, exc_info)

        try:
            return self.wsgi_app(environ, remember_status)
        finally:
            path = environ.get("PATH_INFO", "")
            if not path.startswith("/socket.io"):
                log.info(
                    "%s %s %s %.1fms",
                    environ.get("REQUEST_METHOD"),
                    loggable_path(path),
                    status_holder.get("status", "-"),
                    (time.perf_counter() - started) * 1000,
                )


def apply_mask(data, mask, length=None, offset=0) -> bytes:
    """Unmask a websocket frame's bytes as eventlet's ``_apply_mask`` does, in one XOR.

    eventlet joins one ``bytes`` object per byte: a 64 KiB frame held the event
    loop, and so everyone, for ~40 ms, and a client sending such frames back to
    back could stall the server. Here the frame and the repeated 4-byte key are
    XORed as two integers.
    """
    if length is None:
        length = len(data)
    key = bytes(mask[(offset + index) % 4] for index in range(4))
    stream = (key * (length // 4 + 1))[:length]
    unmasked = int.from_bytes(data[:length], "big") ^ int.from_bytes(stream, "big")
    return unmasked.to_bytes(length, "big")


def fast_websocket_unmasking() -> None:
    """Give eventlet's websocket server the unmasking above (eventlet mode only)."""
    from eventlet import websocket

    websocket.RFC6455WebSocket._apply_mask = staticmethod(apply_mask)


def port_taken(host: str, port: int) -> OSError | None:
    """The error of binding ``host:port`` without SO_REUSEPORT, or None if it is free.

    ``eventlet.listen`` sets SO_REUSEPORT, so a second server on a busy port would
    bind silently and the two would split a workshop's connections. A bind without
    that option fails while any other socket listens there.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        return error
    family, _type, _proto, _name, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            return error
    return None


def _refuse_port(host, port, error) -> None:
    reason = "the address is in use" if error.errno == errno.EADDRINUSE else error.strerror
    print(
        f"Cannot listen on {host}:{port} ({reason or error}). "
        "Is another server running there? Choose another port with FACILITATION_PORT.",
        file=sys.stderr,
    )
    sys.exit(1)


def tune_garbage_collection() -> None:
    """Fewer, cheaper collections while serving.

    A 5,000-vote burst spent 14 % of its CPU in the garbage collector, and each full
    collection stopped everyone for 0.4 s, walking every object of the process: the
    modules, the app and all connections. What exists at start is frozen (never
    walked again), and the youngest generation is collected after 10,000 new objects
    instead of 700, so a burst triggers a fourteenth of the collections.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def serve(app) -> None:
    """Run the app until interrupted, printing the links people need first."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    host, port = app.config["HOST"], int(app.config["PORT"])
    error = port_taken(host, port)
    if error is not None:
        _refuse_port(host, port, error)
    app.extensions["facilitation.store"].check()
    with app.app_context():
        organizer, sign_in_link = ensure_first_organizer(app)
        if app.config["LOAD_DEMO"]:
            workshop = ensure_demo(app, organizer.id)
            print("\nfacilitation is running. Open these links:\n", flush=True)
            print_links(app, workshop, echo=lambda line: print(line, flush=True))
            organizer_line = sign_in_link or app.extensions["facilitation.links"].organizer_url()
            print(f"Organizer:   {organizer_line}", flush=True)
            if sign_in_link:
                print(
                    "             (one-time link, valid 24 hours: choose your password)", flush=True
                )
            print(flush=True)
        elif sign_in_link:
            print(f"Organizer:   {sign_in_link}", flush=True)
    run_purges(app, socketio)
    app.wsgi_app = AccessLog(app.wsgi_app)
    tune_garbage_collection()
    options = {"log_output": False}
    if app.config["ASYNC_MODE"] == "eventlet":
        options["max_size"] = app.config["MAX_CONNECTIONS"]
        fast_websocket_unmasking()
    elif app.config["ASYNC_MODE"] == "threading":
        options["allow_unsafe_werkzeug"] = True
        # Werkzeug's own log writes client addresses and query strings (keys), and
        # reports the frames left over when a websocket closes as bad requests.
        logging.getLogger("werkzeug").setLevel(logging.CRITICAL)
    try:
        if app.config["ASYNC_MODE"] == "eventlet":
            _serve_eventlet(app, host, port, options)
        else:
            socketio.run(app, host=host, port=port, **options)
    except KeyboardInterrupt:
        sys.exit(0)
    except OSError as error:
        _refuse_port(host, port, error)


def _serve_eventlet(app, host: str, port: int, options: dict) -> None:
    """What ``socketio.run`` does under eventlet, with a listen backlog of our choosing.

    ``eventlet.listen`` queues 50 connections not yet accepted; a room of 5,000 joining
    within seconds overflows that, and each refused handshake costs its client a second
    (the SYN is sent again). ``LISTEN_BACKLOG`` (the kernel caps it at somaxconn).
    """
    import eventlet
    import eventlet.wsgi

    family, _type, _proto, _name, address = socket.getaddrinfo(host, port)[0]
    listener = eventlet.listen(address, family, backlog=int(app.config["LISTEN_BACKLOG"]))
    eventlet.wsgi.server(listener, app, **options)
