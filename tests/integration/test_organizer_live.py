"""What the organizer's side does to live connections, and the moderator role, with a real
server process, real Socket.IO clients and real HTTP sessions."""

import re
import time

import pytest
import requests
import socketio

from facilitation.accounts import hash_password
from facilitation.storage import Store
from tests.conftest import POLL

PASSWORD = "a long enough password"
BOARD_AND_POLL = {
    "title": "Town hall",
    "language": "en",
    "anonymity_threshold": 3,
    "items": [
        {"kind": "question_board", "title": "Questions", "minutes": 5, "config": {}},
        {
            "kind": "single_choice",
            "title": "Coffee or tea?",
            "minutes": 2,
            "config": {"options": ["Coffee", "Tea"], "results": "live"},
        },
        {
            "kind": "breakout",
            "title": "Groups",
            "minutes": 10,
            "config": {"prompts": ["What next?"], "duration": 5},
        },
    ],
}
# Every command a moderator may not send, with a payload that would otherwise pass.
FORBIDDEN = [
    ("open_item", "item"),
    ("next_item", None),
    ("previous_item", None),
    ("close_item", "item"),
    ("reopen_item", "item"),
    ("reveal_results", "item"),
    ("hide_results", "item"),
    ("reset_item", "item"),
    ("hide_answer", "item"),
    ("highlight_answer", "item"),
    ("set_threshold", None),
    ("end_workshop", None),
    ("form_groups", "breakout"),
    ("start_breakout", "breakout"),
    ("extend_breakout", "breakout"),
    ("end_breakout", "breakout"),
    ("move_participant", "breakout"),
    ("set_video_link", None),
]


@pytest.fixture
def store(server):
    """The server's database, opened beside it (as the CLI would)."""
    opened = Store(server.database)
    yield opened
    opened.close()


class Organizer:
    """A signed-in browser session of an organizer against the real server."""

    def __init__(self, server, store, email):
        person = store.organizer_by_email(email) or store.add_organizer(email)
        store.update_organizer(person, password_hash=hash_password(PASSWORD))
        self.id = person.id
        self.url = server.url
        self.http = requests.Session()
        self.post(
            "/organize/sign-in", {"email": email, "password": PASSWORD}, page="/organize/sign-in"
        )

    def token(self, page):
        text = self.http.get(self.url + page, timeout=5).text
        return re.search(r'name="csrf_token" value="([^"]+)"', text).group(1)

    def post(self, path, data=None, page="/organize/"):
        form = {**(data or {}), "csrf_token": self.token(page)}
        response = self.http.post(self.url + path, data=form, allow_redirects=False, timeout=5)
        assert response.status_code == 302, (path, response.status_code, response.text[:500])
        return response

    def close(self):
        self.http.close()


@pytest.fixture
def organizer(server, store):
    person = Organizer(server, store, "organizer@example.org")
    yield person
    person.close()


def disconnected(client, timeout=5):
    """Wait until the server closed ``client``'s connection."""
    deadline = time.monotonic() + timeout
    while client.sio.connected and time.monotonic() < deadline:
        time.sleep(0.05)
    return not client.sio.connected


def refused_connection(live, workshop, **auth):
    with pytest.raises(socketio.exceptions.ConnectionError):
        live._client({"workshop_id": workshop.id, **auth})


# -- the moderator --------------------------------------------------------------------


def moderator(live, workshop):
    return live._client(
        {"role": "moderator", "workshop_id": workshop.id, "key": workshop.moderator_token}
    )


def test_a_moderator_moderates_the_board_but_never_drives_the_agenda(live, store):
    workshop = live.workshop(BOARD_AND_POLL)
    board, poll, breakout = live.items(workshop)
    presenter = live.presenter(workshop)
    mod = moderator(live, workshop)
    participant = live.participant(workshop)
    assert mod.call("set_board", {"premoderation": True})["ok"]
    asked = participant.call("ask_question", {"text": "Will this be recorded?"})["question"]
    seen = mod.wait_for(
        "questions_changed", lambda p: any(q["id"] == asked["id"] for q in p["questions"])
    )
    assert seen["questions"][0]["status"] == "pending", "the moderator sees the queue"
    assert mod.call("approve_question", {"question_id": asked["id"]})["ok"]
    participant.wait_for(
        "questions_changed", lambda p: any(q["id"] == asked["id"] for q in p["questions"])
    )
    assert mod.call("answer_question", {"question_id": asked["id"]})["ok"]
    assert mod.call("pin_question", {"question_id": asked["id"]})["ok"]
    assert mod.call("edit_question", {"question_id": asked["id"], "text": "Is it recorded?"})["ok"]
    before = store.export_workshop(workshop.id)["items"]
    payloads = {"item": {"item_id": poll.id}, "breakout": {"item_id": breakout.id}, None: {}}
    for event, target in FORBIDDEN:
        ack = mod.call(event, {**payloads[target], "threshold": 1, "answer_id": None, "minutes": 1})
        assert ack["ok"] is False and ack["error"]["code"] == "presenter_only", (event, ack)
    assert store.export_workshop(workshop.id)["items"] == before
    assert store.workshop(workshop.id).anonymity_threshold == 3
    # Breakout messages and the harvest are the moderator's too (refused here only because
    # no round runs yet, not for the role).
    presenter.call("open_item", {"item_id": breakout.id})
    ack = mod.call("breakout_message", {"item_id": breakout.id, "text": "Five minutes left"})
    assert ack["error"]["code"] in {"breakout_not_started", "breakout_not_running"}, ack
    ack = mod.call("harvest_card", {"item_id": breakout.id, "card_id": "nope", "harvested": True})
    assert ack["error"]["code"] != "presenter_only", ack


def test_a_moderator_sees_results_like_the_screen_never_below_the_threshold(live):
    workshop = live.workshop(BOARD_AND_POLL)
    poll = live.items(workshop)[1]
    presenter = live.presenter(workshop)
    mod = moderator(live, workshop)
    presenter.call("open_item", {"item_id": poll.id})
    voter = live.participant(workshop)
    assert voter.call("vote", {"item_id": poll.id, "value": "o1"})["ok"]
    tally = mod.wait_for("tally", lambda p: p["answers"] == 1)
    assert tally["results_visible"] is False and tally["results"] is None
    assert presenter.wait_for("tally", lambda p: p["answers"] == 1)["results"] is not None
    assert mod.state()["item"]["results"] is None
    for _ in range(2):
        live.participant(workshop).call("vote", {"item_id": poll.id, "value": "o2"})
    assert mod.wait_for("tally", lambda p: p["answers"] == 3)["results_visible"] is True


def test_the_moderator_page_needs_its_own_key(live, server):
    workshop = live.workshop(BOARD_AND_POLL)
    page = requests.get(
        f"{server.url}/moderator/{workshop.id}?key={workshop.moderator_token}", timeout=5
    )
    assert page.status_code == 200 and 'data-role="moderator"' in page.text
    for key in (workshop.presenter_token, workshop.screen_token, "nope"):
        assert (
            requests.get(f"{server.url}/moderator/{workshop.id}?key={key}", timeout=5).status_code
            == 404
        )
    refused_connection(live, workshop, role="moderator", key=workshop.presenter_token)


# -- keys, ending and deleting from the organizer's pages --------------------------------


def test_rotating_a_key_closes_the_pages_that_used_it(live, store, organizer):
    workshop = live.workshop(POLL)
    store.db["workshops"].update(workshop.id, {"owner_id": organizer.id})
    old_presenter = live.presenter(workshop)
    screen = live.screen(workshop)
    organizer.post(f"/organize/w/{workshop.id}/rotate/presenter", page=f"/organize/w/{workshop.id}")
    fact = old_presenter.wait_for("key_rotated")
    assert fact["code"] == "key_rotated" and "replaced" in fact["message"]
    assert disconnected(old_presenter)
    assert screen.sio.connected and screen.call("get_state")["ok"]
    refused_connection(live, workshop, role="presenter", key=workshop.presenter_token)
    assert live.presenter(workshop, key=store.workshop(workshop.id).presenter_token).state()


def test_deleting_from_the_browser_closes_every_connection_and_forgets_the_workshop(
    live, store, organizer, server
):
    workshop = live.workshop(BOARD_AND_POLL)
    store.db["workshops"].update(workshop.id, {"owner_id": organizer.id})
    presenter = live.presenter(workshop)
    participant = live.participant(workshop)
    participant.call("ask_question", {"text": "Still there?"})
    organizer.post(f"/organize/w/{workshop.id}/delete", page=f"/organize/w/{workshop.id}")
    for client in (presenter, participant):
        fact = client.wait_for("workshop_deleted")
        assert fact["code"] == "workshop_deleted" and "deleted" in fact["message"]
        assert disconnected(client)
    refused_connection(live, workshop, role="presenter", key=workshop.presenter_token)
    assert store.db["questions"].count_where("workshop_id = ?", [workshop.id]) == 0
    assert server.alive()


def test_ending_from_the_presenter_shows_everyone_the_closing_view(live, store):
    workshop = live.workshop(POLL)
    poll = live.items(workshop)[1]
    presenter = live.presenter(workshop)
    participant = live.participant(workshop)
    presenter.call("open_item", {"item_id": poll.id})
    ack = presenter.call("end_workshop")
    assert ack["ok"] and ack["ended_at"]
    opened = participant.wait_for("item_opened", lambda p: p["current_item_id"] is None)
    assert opened["item"] is None
    ended = participant.wait_for("workshop_ended")
    assert ended["ended_at"] == ack["ended_at"] and ended["deletes_at"] > ended["ended_at"]
    assert store.item(workshop.id, poll.id).status == "closed"
    state = participant.state()
    assert state["workshop"]["ended_at"] == ack["ended_at"]
    again = presenter.call("open_item", {"item_id": poll.id})
    assert again["error"]["code"] == "workshop_ended"
    assert presenter.call("end_workshop")["error"]["code"] == "workshop_ended"
    assert participant.call("end_workshop")["error"]["code"] == "presenter_only"


def test_ending_from_the_workshop_page_reaches_live_pages(live, store, organizer):
    workshop = live.workshop(POLL)
    store.db["workshops"].update(workshop.id, {"owner_id": organizer.id})
    screen = live.screen(workshop)
    organizer.post(f"/organize/w/{workshop.id}/end", page=f"/organize/w/{workshop.id}")
    assert screen.wait_for("workshop_ended")["ended_at"]
    assert store.workshop(workshop.id).ended_at is not None
