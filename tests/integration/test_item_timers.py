"""Speaker notes and item timers over real Socket.IO connections to a real server process.

The notes reach the presenter only. A poll with ``auto_close`` closes by itself: to not wait
a minute, the test moves the poll's opening (and so its deadline) back through the storage
API, as if it had been opened a minute ago. The server keeps no timer in memory — its
janitor asks the storage every ``FACILITATION_JANITOR_INTERVAL`` (2 s) for due polls — so
this is the same path a real minute takes, with no clock in the server to bend.
"""

import io
import json
import time
import zipfile

from facilitation.exports import export
from facilitation.storage import Store
from tests.support import http_request

NOTES = "Secret speaker note: mention the pilot in Kassel"

TIMED = {
    "title": "Timed workshop",
    "language": "en",
    "items": [
        {
            "kind": "single_choice",
            "title": "Ready?",
            "minutes": 1,
            "countdown": True,
            "auto_close": True,
            "notes": NOTES,
            "config": {"options": ["Yes", "No"], "results": "live"},
        },
        {
            "kind": "content",
            "title": "Input",
            "minutes": 3,
            "countdown": True,
            "notes": NOTES + " (content)",
            "config": {"body": "Kaizen"},
        },
    ],
}


def moderator(live, workshop):
    return live._client(
        {"role": "moderator", "workshop_id": workshop.id, "key": workshop.moderator_token}
    )


def test_notes_reach_the_presenter_and_nobody_else(live, server):
    workshop = live.workshop(TIMED)
    presenter = live.presenter(workshop)
    others = [live.participant(workshop, "Anna"), live.screen(workshop), moderator(live, workshop)]
    poll, card = live.items(workshop)

    assert presenter.call("open_item", {"item_id": poll.id})["ok"]
    assert presenter.state()["item"]["notes"] == NOTES
    assert presenter.wait_for("item_opened")["item"]["notes"] == NOTES
    for client in others:
        client.wait_for("item_opened")
    participant = others[0]
    assert participant.call("vote", {"item_id": poll.id, "value": "o1"})["ok"]
    assert presenter.call("close_item", {"item_id": poll.id})["ok"]
    assert presenter.call("reopen_item", {"item_id": poll.id})["ok"]
    assert presenter.call("next_item")["ok"]
    assert presenter.state()["item"]["notes"] == NOTES + " (content)"

    for client in others:
        client.wait_for("item_opened", lambda p: p["current_item_id"] == card.id)
        snapshot = client.state()
        assert "notes" not in snapshot["item"]
        assert "auto_close" not in snapshot["item"]
        everything = json.dumps([client.log, snapshot])
        assert "Secret speaker note" not in everything, client.auth["role"]
    for path in (f"/j/{workshop.join_code}", f"/screen/{workshop.id}?key={workshop.screen_token}"):
        status, _, page = http_request(server.url, "GET", path)
        assert status == 200, path
        assert "Secret speaker note" not in page


def test_exports_keep_notes_only_in_the_agenda(live, server):
    workshop = live.workshop(TIMED)
    store = Store(server.database)
    try:
        document = json.loads(export(store, workshop.id, "json"))
        assert document["agenda"]["items"][0]["notes"] == NOTES
        without_agenda = {key: value for key, value in document.items() if key != "agenda"}
        assert "Secret speaker note" not in json.dumps(without_agenda)
        with zipfile.ZipFile(io.BytesIO(export(store, workshop.id, "csv"))) as archive:
            text = "".join(archive.read(name).decode() for name in archive.namelist())
        assert "Secret speaker note" not in text
    finally:
        store.close()


def test_everyone_gets_the_countdown_while_the_poll_is_open(live):
    workshop = live.workshop(TIMED)
    presenter = live.presenter(workshop)
    participant = live.participant(workshop)
    screen = live.screen(workshop)
    poll, _ = live.items(workshop)

    assert presenter.call("open_item", {"item_id": poll.id})["ok"]
    opened = participant.wait_for("item_opened")["item"]
    ends_at = opened["opened_at"] + 60_000
    assert opened["countdown"] == {"ends_at": ends_at, "auto_close": True}
    assert screen.state()["item"]["countdown"] == {"ends_at": ends_at, "auto_close": True}

    assert presenter.call("close_item", {"item_id": poll.id})["ok"]
    assert participant.wait_for("item_closed")["item"]["countdown"] is None


def test_a_poll_closes_by_itself_when_its_time_is_up(live, server):
    workshop = live.workshop(TIMED)
    presenter = live.presenter(workshop)
    participant = live.participant(workshop)
    poll, _ = live.items(workshop)
    assert presenter.call("open_item", {"item_id": poll.id})["ok"]
    participant.wait_for("item_opened")
    assert participant.call("vote", {"item_id": poll.id, "value": "o2"})["ok"]

    store = Store(server.database)
    try:
        item = store.item(workshop.id, poll.id)
        assert item.closes_at == item.opened_at + 60
        # As if opened a minute and a bit ago: the deadline has just passed.
        store.save_item(item.replace(opened_at=item.opened_at - 61, closes_at=item.closes_at - 61))
    finally:
        store.close()

    closed = participant.wait_for("item_closed", timeout=8)
    assert closed["item"]["id"] == poll.id
    assert closed["item"]["status"] == "closed"
    assert closed["item"]["countdown"] is None
    assert presenter.wait_for("item_closed")["item"]["status"] == "closed"
    vote = participant.call("vote", {"item_id": poll.id, "value": "o1"})
    assert vote["ok"] is False and vote["error"]["code"] == "poll_closed"
    assert presenter.state()["item"]["results"]["answers"] == 1

    # Reopened after its time, it stays open until the presenter closes it.
    assert presenter.call("reopen_item", {"item_id": poll.id})["ok"]
    participant.wait_for("item_reopened")
    participant.received("item_closed")
    time.sleep(2.5)
    assert participant.received("item_closed") == []
    assert participant.state()["item"]["status"] == "open"
