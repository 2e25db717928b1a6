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


def chattr(flag, *paths):
    return subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True).returncode


MALFORMED_FRAMES = [
    '42["vote",{"item_id":',  # broken JSON
    "42" + "1" * 101 + '["get_state",{}]',  # an ack id of 101 digits
    '42["vote",' + "[" * 30_000 + "]" * 30_000 + "]",  # nesting deeper than the decoder goes
    b"\x04binary nobody announced",  # an attachment without its packet
    '450-["vote",{}]',  # a binary event announcing no attachment, then one comes
    "4x",  # no such packet type
]


# -- deletion in another process --------------------------------------------------------


def test_commands_for_a_workshop_deleted_by_the_cli_answer_unknown_workshop(start_server):
    server = start_server(JANITOR_INTERVAL=3600)
    workshop = new_workshop(server)
    item = poll_of(server, workshop)
    presenter = connect(server, workshop)
    participant = connect(server, workshop, "participant")
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    asked = participant.call("ask_question", {"text": "Before the deletion?"})
    assert asked["ok"]

    delete_with_cli(server, workshop)

    question_id = asked["question"]["id"]
    for client, event, payload in [
        (participant, "ask_question", {"text": "After?"}),
        (participant, "upvote_question", {"question_id": question_id}),
        (participant, "vote", {"item_id": item.id, "value": "o1"}),
        (presenter, "hide_question", {"question_id": question_id}),
        (presenter, "set_board", {"open": False}),
        (presenter, "get_state", {}),
    ]:
        ack = client.call(event, payload)
        assert ack["ok"] is False, (event, ack)
        assert ack["error"]["code"] == "unknown_workshop", (event, ack)
    presenter.close()
    participant.close()
    assert "Traceback" not in server.stop()


def test_connections_of_a_workshop_deleted_by_the_cli_are_told_and_closed(start_server):
    server = start_server(JANITOR_INTERVAL=0.3)
    workshop, other = new_workshop(server), new_workshop(server)
    presenter = connect(server, workshop)
    participant = connect(server, workshop, "participant")
    bystander = connect(server, other)

    delete_with_cli(server, workshop)

    for client in (presenter, participant):
        fact = client.wait_for("workshop_deleted")
        assert fact["code"] == "workshop_deleted" and fact["message"]
    deadline = time.monotonic() + 5
    while (presenter.sio.connected or participant.sio.connected) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not presenter.sio.connected and not participant.sio.connected
    assert bystander.state()["workshop"]["id"] == other.id
    bystander.close()
    assert "Traceback" not in server.stop()


# -- storage refusing writes -----------------------------------------------------------


def test_a_storage_fault_answers_storage_unavailable_logs_once_and_recovers(start_server):
    server = start_server()
    workshop = new_workshop(server)
    item = poll_of(server, workshop)
    presenter = connect(server, workshop)
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    voters = [connect(server, workshop, "participant") for _ in range(6)]
    files = [server.database, server.database.with_name(server.database.name + "-wal")]
    if chattr("+i", *files):
        pytest.skip("chattr +i is not available here (needs root and ext4 or similar)")
    try:
        acks = [v.call("vote", {"item_id": item.id, "value": "o1"}) for v in voters[:5]]
        status, body = health(server)
    finally:
        chattr("-i", *files)
    assert status == 503 and body["storage"] == "not writable"
    for ack in acks:
        assert ack["ok"] is False
        assert ack["error"]["code"] == "storage_unavailable"
        assert "could not be saved" in ack["error"]["message"] or ack["error"]["message"]
    # Space (or permission) is back: the next writes succeed and nothing is lost.
    assert voters[0].call("vote", {"item_id": item.id, "value": "o1"})["ok"]
    assert voters[5].call("vote", {"item_id": item.id, "value": "o2"})["ok"]
    assert health(server)[0] == 200
    for client in (presenter, *voters):
        client.close()
    output = server.stop()
    assert "Traceback" not in output
    assert output.count("storage unavailable") == 1, output


# -- idle workshops leave memory --------------------------------------------------------


def test_an_idle_workshop_leaves_memory_and_comes_back_unchanged(start_server):
    server = start_server(EVICT_AFTER=0.5, JANITOR_INTERVAL=0.2)
    workshop = new_workshop(server)
    item = poll_of(server, workshop)
    presenter = connect(server, workshop)
    voter = connect(server, workshop, "participant")
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    assert voter.call("vote", {"item_id": item.id, "value": "o2"})["ok"]
    assert voter.call("ask_question", {"text": "Still there later?"})["ok"]
    before = presenter.state()
    assert health(server)[1]["workshops_in_memory"] == 1
    presenter.close()
    voter.close()

    deadline = time.monotonic() + 5
    while health(server)[1]["workshops_in_memory"] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert health(server)[1]["workshops_in_memory"] == 0

    presenter = connect(server, workshop)
    after = presenter.state()
    assert after["item"]["results"] == before["item"]["results"]
    assert after["board"]["questions"] == before["board"]["questions"]
    presenter.close()
    assert "Traceback" not in server.stop()


# -- malformed frames and odd strings ---------------------------------------------------


@pytest.mark.parametrize("frame", MALFORMED_FRAMES, ids=range(len(MALFORMED_FRAMES)))
def test_a_malformed_frame_closes_the_connection_with_one_log_line(start_server, frame):
    server = start_server()
    workshop = new_workshop(server)
    raw = RawSocket(
        server.url,
        {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token},
    )
    raw.send(frame)
    if isinstance(frame, str) and frame.startswith("450-"):
        raw.send(b"\x04unexpected attachment")
    assert raw.closed_by_server()
    raw.close()
    others = connect(server, workshop)
    assert others.state()["workshop"]["id"] == workshop.id
    others.close()
    output = server.stop()
    assert "Traceback" not in output
    assert output.count("malformed message") == 1, output


def test_lone_surrogates_in_ids_answer_unknown_not_internal_error(start_server):
    server = start_server()
    workshop = new_workshop(server)
    presenter = connect(server, workshop)
    participant = connect(server, workshop, "participant")
    surrogate = "\ud800"
    raw = RawSocket(
        server.url,
        {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token},
    )
    # json.dumps writes "\ud800" as an escape, which decodes to a lone surrogate on the server.
    cases = [
        (presenter, "open_item", {"item_id": surrogate}, "unknown_item"),
        (participant, "vote", {"item_id": "a" + surrogate, "value": "o1"}, "unknown_item"),
        (participant, "ask_question", {"text": "Why" + surrogate}, None),
        (participant, "upvote_question", {"question_id": surrogate}, "unknown_question"),
        (presenter, "form_groups", {"item_id": surrogate}, "unknown_item"),
    ]
    for number, (client, event, payload, code) in enumerate(cases):
        raw.send(f"42{number}" + json.dumps([event, payload]))
        ack = json.loads(raw.receive_packet(f"43{number}")[len(f"43{number}") :])[0]
        if client is participant:
            ack = client.call(event, payload)
        assert ack["ok"] is False, (event, ack)
        assert ack["error"]["code"] != "internal_error", (event, ack)
        if code:
            assert ack["error"]["code"] in (code, "presenter_only"), (event, ack)
    refused = LiveClient(server.url, {"role": "presenter", "workshop_id": surrogate, "key": "k"})
    with pytest.raises(socketio.exceptions.ConnectionError):
        refused.connect()
    assert refused.refusal["data"]["code"] == "unknown_workshop", refused.refusal
    raw.close()
    presenter.close()
    participant.close()
    assert "Traceback" not in server.stop()


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
    presenter.close()
    assert "Traceback" not in server.stop()


def test_a_client_flooding_big_frames_is_cut_off_and_others_keep_voting(start_server):
    server = start_server()
    workshop = new_workshop(server)
    item = poll_of(server, workshop)
    presenter = connect(server, workshop)
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    voter = connect(server, workshop, "participant")
    flooder = RawSocket(
        server.url,
        {"role": "participant", "workshop_id": workshop.id},
        join(server.url, workshop.join_code),
    )
    frame = "42" + json.dumps(["vote", {"item_id": item.id, "value": "x" * 60_000}])
    for _ in range(20):
        try:
            flooder.send(frame)
        except OSError:
            break
    assert flooder.closed_by_server()
    flooder.close()
    started = time.monotonic()
    assert voter.call("vote", {"item_id": item.id, "value": "o1"})["ok"]
    assert time.monotonic() - started < 1
    voter.close()
    presenter.close()
    output = server.stop()
    assert output.count("more than its share of bytes") == 1, output
    assert "Traceback" not in output
