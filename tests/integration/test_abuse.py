"""Abuse: join floods, command floods and events named like the server's own."""

import time

import pytest

from facilitation.config import DEFAULTS
from facilitation.realtime.rate_limits import POLICIES
from facilitation.storage import Store
from facilitation.workshops import create_workshop
from tests.conftest import POLL
from tests.support import LiveClient, ServerProcess, http_request, join


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """A server with the production join limit (the shared one raises it for the suite)."""
    database = tmp_path_factory.mktemp("abuse") / "abuse.db"
    server = ServerProcess.start(
        database, {"FACILITATION_JOIN_RATE_LIMIT": DEFAULTS["JOIN_RATE_LIMIT"]}
    )
    yield server
    output = server.stop()
    assert "Traceback" not in output
    # No client address in any log line (the printed links name the server's own address).
    logged = [line for line in output.splitlines() if "http://127.0.0.1" not in line]
    assert not [line for line in logged if "127.0.0.1" in line]


def new_workshop(server):
    store = Store(server.database)
    try:
        return create_workshop(store, POLL)
    finally:
        store.close()


def test_forty_people_behind_one_address_all_join_within_a_minute(limited):
    workshop = new_workshop(limited)
    for _ in range(40):
        join(limited.url, workshop.join_code)  # asserts the 302 and the cookie
    store = Store(limited.database)
    assert store.participant_count(workshop.id) == 40
    store.close()


def test_a_join_flood_from_one_address_is_refused_and_stops_adding_participants(limited):
    workshop = new_workshop(limited)
    statuses = []
    for _ in range(200):
        status, headers, body = http_request(
            limited.url,
            "POST",
            f"/j/{workshop.join_code}",
            form={"display_name": ""},
            headers={"Accept-Language": "en"},
        )
        statuses.append(status)
    assert set(statuses) == {302, 429}
    assert "seconds and try again" in body
    assert int(dict(headers)["Retry-After"]) >= 1
    store = Store(limited.database)
    joined = store.participant_count(workshop.id)
    store.close()
    # 120 a minute, shared with the test before: far below the 200 sent.
    assert joined <= 120


def presenter_of(server, workshop):
    auth = {"role": "presenter", "workshop_id": workshop.id, "key": workshop.presenter_token}
    return LiveClient(server.url, auth).connect()


def participant_of(server, workshop):
    cookie = join(server.url, workshop.join_code)
    return LiveClient(server.url, {"role": "participant", "workshop_id": workshop.id}, cookie)


def test_a_vote_flood_is_refused_with_rate_limited_and_changes_nothing(live):
    workshop = live.workshop()
    item = next(i for i in live.items(workshop) if i.kind == "single_choice")
    presenter = live.presenter(workshop)
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    voter = live.participant(workshop)
    allowed = int(POLICIES["vote"].split()[0])
    options = ["o1", "o2"]
    for number in range(allowed):
        assert voter.call("vote", {"item_id": item.id, "value": options[number % 2]})["ok"]
    last = options[(allowed - 1) % 2]
    refused = voter.call("vote", {"item_id": item.id, "value": "o3"})
    assert refused["ok"] is False
    assert refused["error"]["code"] == "rate_limited"
    assert 1 <= refused["error"]["retry_after"] <= 10
    assert str(refused["error"]["retry_after"]) in refused["error"]["message"]
    assert voter.state()["my_answers"] == {item.id: last}
    # Another participant is not affected.
    assert live.participant(workshop).call("vote", {"item_id": item.id, "value": "o3"})["ok"]


def test_a_participant_is_counted_over_all_their_tabs(live):
    workshop = live.workshop()
    cookie = join(live.url, workshop.join_code)
    tabs = [live.participant(workshop, cookie=cookie) for _ in range(2)]
    allowed = int(POLICIES["upvote_question"].split()[0])
    asker = live.participant(workshop)
    question = asker.call("ask_question", {"text": "Counted once per person?"})["question"]
    acks = [
        tabs[n % 2].call("upvote_question", {"question_id": question["id"]})
        for n in range(allowed + 1)
    ]
    assert all(ack["ok"] for ack in acks[:allowed])
    assert acks[-1]["error"]["code"] == "rate_limited"


@pytest.mark.parametrize("event", ["disconnect", "connect", "*"])
def test_events_named_like_the_servers_own_are_refused_like_unknown_ones(live, event):
    workshop = live.workshop()
    presenter = live.presenter(workshop)
    participant = live.participant(workshop)
    before = presenter.state()["presence"]
    assert before["online"] == 1

    for payload in ({}, {"role": "presenter", "workshop_id": workshop.id}, None):
        ack = participant.call(event, payload) if payload is not None else participant.call(event)
        assert ack["ok"] is False and ack["error"]["code"] == "unknown_event", (payload, ack)

    # The connection still works and still counts as online.
    assert participant.state()["role"] == "participant"
    time.sleep(0.5)
    assert presenter.state()["presence"]["online"] == 1
    assert participant.sio.connected
