"""Helpers for tests that talk to a real server process."""

from __future__ import annotations

import http.client
import os
import queue
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import socketio

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 20) -> None:
    """Block until the server accepts connections (or fail with its output)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text(errors='replace')}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start in time")


def server_env(database: Path, port: int, extra_env: dict | None = None) -> dict:
    """The environment of a test server: its database and port, no demo, a fixed secret.

    All tests join from 127.0.0.1, so the per-address join limit is raised here;
    tests of that limit pass their own ``FACILITATION_JOIN_RATE_LIMIT``.
    """
    env = dict(os.environ)
    env.update(
        {
            "FACILITATION_DATABASE": str(database),
            "FACILITATION_PORT": str(port),
            "FACILITATION_LOAD_DEMO": "false",
            "FACILITATION_SECRET_KEY": "integration-test-secret",
            "FACILITATION_JOIN_RATE_LIMIT": "100000 per minute",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra_env or {})
    return env


@dataclass
class ServerProcess:
    """A real facilitation server (wsgi.py on eventlet) on 127.0.0.1."""

    process: subprocess.Popen
    port: int
    database: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    def start(
        cls,
        database: Path,
        extra_env: dict | None = None,
        port: int | None = None,
        log: Path | None = None,
    ) -> ServerProcess:
        """Start ``wsgi.py`` against ``database`` and wait until it listens (on ``port``,
        else a free one); its output goes to ``log`` (else next to the database)."""
        port = port or free_port()
        env = server_env(database, port, extra_env)
        # The server's output goes to a file: a pipe nobody reads fills up after a
        # few hundred log lines and then freezes the server.
        log = log or Path(str(database) + ".log")
        with open(log, "w") as handle:
            process = subprocess.Popen(
                [sys.executable, str(ROOT / "wsgi.py")],
                cwd=ROOT,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                text=True,
            )
        wait_for_port(port, process, log)
        return cls(process, port, database, log)

    def stop(self) -> str:
        """Stop the server (once) and return what it printed."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.log.read_text(errors="replace")

    def alive(self) -> bool:
        """Whether the server still answers its health check."""
        status, _, _ = http_request(self.url, "GET", "/healthz")
        return status == 200


def http_request(base_url, method, path, form=None, cookie=None, headers=None):
    """One HTTP request without following redirects; returns (status, headers, body)."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    body = urlencode(form) if form is not None else None
    all_headers = dict(headers or {})
    if body is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookie:
        all_headers["Cookie"] = cookie
    connection.request(method, path, body=body, headers=all_headers)
    response = connection.getresponse()
    result = (response.status, response.getheaders(), response.read().decode())
    connection.close()
    return result


def post_form(base_url, path, form, headers=None):
    """Load the form at ``path`` as a browser would (session cookie, CSRF token), then post
    ``form`` to it; returns (status, headers, body)."""
    status, page_headers, page = http_request(base_url, "GET", path, headers=headers)
    assert status == 200, (status, page[:500])
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    cookies = [value for name, value in page_headers if name.lower() == "set-cookie"]
    cookie = "; ".join(value.split(";", 1)[0] for value in cookies)
    return http_request(
        base_url, "POST", path, {**form, "csrf_token": token}, cookie=cookie, headers=headers
    )


def join(base_url, join_code, display_name="") -> str:
    """Join a workshop through its form, as a browser does; return the participant cookie."""
    status, headers, _ = http_request(
        base_url, "POST", f"/j/{join_code}", form={"display_name": display_name}
    )
    assert status == 302, status
    cookies = [value for name, value in headers if name.lower() == "set-cookie"]
    assert cookies, "joining set no cookie"
    return cookies[0].split(";", 1)[0]


def socket_url(base_url: str, auth) -> str:
    """The Socket.IO URL with the workshop in its query, as the pages connect (nginx routes
    a workshop's connections to one process by it)."""
    workshop_id = auth.get("workshop_id") if isinstance(auth, dict) else None
    if not isinstance(workshop_id, str):
        return base_url
    try:
        return f"{base_url}?{urlencode({'workshop': workshop_id})}"
    except UnicodeEncodeError:
        return base_url  # a test's malformed id (lone surrogates) goes in `auth` alone


class LiveClient:
    """A real python-socketio client that records every event it receives."""

    def __init__(self, base_url: str, auth: dict, cookie: str | None = None):
        self.base_url = base_url
        self.auth = auth
        self.cookie = cookie
        self.events: queue.Queue = queue.Queue()
        # Everything received, never consumed: for checks that a text reached nobody.
        self.log: list = []
        self.refusal = None
        self.sio = socketio.Client(reconnection=False)

        @self.sio.on("*")
        def any_event(event, *args):
            self.log.append((event, args[0] if args else None))
            self.events.put((event, args[0] if args else None))

        @self.sio.event
        def connect_error(data=None):
            self.refusal = data

    def connect(self) -> LiveClient:
        """Connect over websocket; raises ``socketio.exceptions.ConnectionError`` if refused."""
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.sio.connect(
            socket_url(self.base_url, self.auth),
            headers=headers,
            auth=self.auth,
            transports=["websocket"],
            wait_timeout=5,
        )
        return self

    def call(self, event: str, data=None, timeout: float = 5):
        """Emit ``event`` and return the server's ack."""
        return self.sio.call(event, data, timeout=timeout)

    def state(self) -> dict:
        """The snapshot from ``get_state``."""
        ack = self.call("get_state")
        assert ack["ok"], ack
        return ack["state"]

    def wait_for(self, event: str, predicate=lambda payload: True, timeout: float = 5):
        """The first ``event`` whose payload satisfies ``predicate``; earlier ones are dropped."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {event!r} matching within {timeout}s")
            try:
                name, payload = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            if name == event and predicate(payload):
                return payload

    def received(self, event: str) -> list:
        """All ``event`` payloads received so far (consumes the queue)."""
        found = []
        while True:
            try:
                name, payload = self.events.get_nowait()
            except queue.Empty:
                return found
            if name == event:
                found.append(payload)

    def close(self) -> None:
        """Disconnect (and close the websocket also when the server closed it first)."""
        if self.sio.connected:
            self.sio.disconnect()
        websocket = getattr(self.sio.eio, "ws", None)
        if websocket is not None:
            websocket.shutdown()


class RawSocket:
    """A websocket that speaks Engine.IO/Socket.IO frames by hand, to send what no client would."""

    def __init__(self, base_url: str, auth: dict, cookie: str | None = None):
        import json

        import websocket

        host = urlsplit(base_url).netloc
        self.ws = websocket.create_connection(
            f"ws://{host}/socket.io/?EIO=4&transport=websocket",
            header=[f"Cookie: {cookie}"] if cookie else [],
            timeout=5,
        )
        opened = self.ws.recv()
        assert opened.startswith("0"), opened
        self.ws.send("40" + json.dumps(auth))
        connected = self.receive_packet("40")
        assert connected.startswith("40{"), connected

    def send(self, frame) -> None:
        """Send one frame as it is (text, or bytes as a binary frame)."""
        if isinstance(frame, bytes):
            self.ws.send_binary(frame)
        else:
            self.ws.send(frame)

    def receive_packet(self, prefix: str, timeout: float = 5) -> str:
        """The next frame starting with ``prefix`` (pings are answered, others skipped)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            frame = self.ws.recv()
            if frame == "2":
                self.ws.send("3")
            elif isinstance(frame, str) and frame.startswith(prefix):
                return frame
        raise AssertionError(f"no frame starting with {prefix!r}")

    def closed_by_server(self, timeout: float = 5) -> bool:
        """Whether the server closes the connection within ``timeout`` seconds."""
        import websocket

        deadline = time.monotonic() + timeout
        self.ws.settimeout(0.5)
        while time.monotonic() < deadline:
            try:
                frame = self.ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            except (websocket.WebSocketConnectionClosedException, ConnectionError, OSError):
                return True
            if frame in ("", None, "1"):  # nothing more, or Engine.IO's close packet
                return True
            if frame == "2":
                self.ws.send("3")
        return False

    def close(self) -> None:
        """Close our side (also when the server closed first, so no socket is left open)."""
        self.ws.close()
        self.ws.shutdown()


def move_back(store, workshop, item, minutes: float) -> None:
    """Pretend ``minutes`` have passed since ``item`` (and the workshop) began, in the
    server's database (the server reads opening times from it for every command)."""
    seconds = minutes * 60
    store.db.execute(
        "UPDATE agenda_items SET opened_at = opened_at - ? WHERE id = ?", [seconds, item.id]
    )
    store.db.execute(
        "UPDATE workshops SET started_at = started_at - ? WHERE id = ?", [seconds, workshop.id]
    )
    store.db.conn.commit()
