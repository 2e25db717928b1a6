"""Faults from outside the protocol: deletion by another process, storage that refuses
writes, idle workshops leaving memory, malformed frames and odd strings."""

import json
import subprocess
import sys
import time

import pytest
import socketio

from facilitation.storage import Store
from facilitation.workshops import create_workshop
from tests.conftest import POLL
from tests.support import ROOT, LiveClient, RawSocket, ServerProcess, http_request, join, server_env


@pytest.fixture
def start_server(tmp_path):
    """Start servers with settings of their own; stop them and check their logs at the end."""
    started = []

    def start(**settings):
        env = {f"FACILITATION_{name}": str(value) for name, value in settings.items()}
        server = ServerProcess.start(tmp_path / f"faults{len(started)}.db", env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def connect(server, workshop, role="presenter", cookie=None):
    if role == "participant":
        auth = {"role": role, "workshop_id": workshop.id}
        cookie = cookie or join(server.url, workshop.join_code)
    else:
        key = workshop.presenter_token if role == "presenter" else workshop.screen_token
        auth = {"role": role, "workshop_id": workshop.id, "key": key}
    return LiveClient(server.url, auth, cookie).connect()


def new_workshop(server, definition=POLL):
    store = Store(server.database)
    try:
        return create_workshop(store, definition)
    finally:
        store.close()


def poll_of(server, workshop):
    store = Store(server.database)
    try:
        return next(i for i in store.items(workshop.id) if i.kind == "single_choice")
    finally:
        store.close()


def delete_with_cli(server, workshop):
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "facilitation", "delete", workshop.id, "--yes"],
        cwd=ROOT,
        env=server_env(server.database, server.port),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr


def health(server) -> tuple[int, dict]:
    status, _headers, body = http_request(server.url, "GET", "/healthz")
    return status, json.loads(body)


# -- deletion in another process --------------------------------------------------------


def test_a_message_over_the_limit_closes_the_connection_and_one_under_it_is_answered(
    start_server,
):
    server = start_server()
    workshop = new_workshop(server)
    presenter = connect(server, workshop)
    ack = presenter.call("set_board", {"word_filter": ["x" * 60_000]})
    assert ack["error"]["code"] == "entry_too_long"
    with pytest.raises(socketio.exceptions.TimeoutError):
        presenter.call("set_board", {"word_filter": ["x" * 70_000]}, timeout=3)
    assert not presenter.sio.connected
    assert "Traceback" not in server.stop()
