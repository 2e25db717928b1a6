"""A rehearsal over real connections: simulated participants (real Socket.IO clients in a
helper process) join and answer, ask and upvote; "Go live" leaves nothing of it behind."""

import time

WORKSHOP = {
    "title": "Rehearsed",
    "language": "de",
    "items": [
        {"kind": "word_cloud", "title": "Ein Wort", "minutes": 3, "config": {"max_entries": 2}},
        {
            "kind": "single_choice",
            "title": "Wie?",
            "minutes": 2,
            "config": {"options": ["Gut", "Mittel", "Schlecht"], "results": "live"},
        },
    ],
}


def eventually(check, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.3)


def rows(live, table, workshop):
    return live.storage.db.execute(
        f"SELECT COUNT(*) FROM {table} WHERE workshop_id = ?", [workshop.id]
    ).fetchone()[0]


def test_simulated_people_fill_the_workshop_and_go_live_wipes_it(live):
    workshop = live.workshop(WORKSHOP)
    cloud, choice = live.items(workshop)
    presenter = live.presenter(workshop)
    screen = live.screen(workshop)
    ack = presenter.call("start_rehearsal", {"participants": 20})
    assert ack == {"ok": True, "rehearsing": True, "participants": 20}
    assert presenter.wait_for("rehearsal_changed") == {"rehearsing": True}
    assert screen.wait_for("rehearsal_changed") == {"rehearsing": True}
    assert presenter.call("get_state")["state"]["workshop"]["rehearsing"] is True
    assert presenter.wait_for("presence", lambda p: p["joined"] == 20)["joined"] == 20
    assert eventually(lambda: presenter.call("get_state")["state"]["presence"]["online"] >= 18)

    # They answer every kind through the same commands as people: a word cloud fills.
    assert presenter.call("open_item", {"item_id": cloud.id})["ok"]
    tally = presenter.wait_for("tally", lambda p: p["answers"] >= 18, timeout=30)
    assert tally["results"]["words"], tally
    assert presenter.call("open_item", {"item_id": choice.id})["ok"]
    assert presenter.wait_for(
        "tally", lambda p: p["item_id"] == choice.id and p["answers"] >= 18, timeout=30
    )
    assert eventually(lambda: rows(live, "questions", workshop) > 0, timeout=45)
    assert rows(live, "answers", workshop) >= 36

    # More people can join the rehearsal, not more than 200 in all.
    refused = presenter.call("start_rehearsal", {"participants": 190})
    assert refused["error"]["code"] == "too_many_simulated"

    ack = presenter.call("go_live")
    assert ack["ok"] and ack["rehearsing"] is False and ack["removed"] >= 18
    assert screen.wait_for("rehearsal_changed") == {"rehearsing": False}
    state = presenter.call("get_state")["state"]
    assert state["workshop"]["rehearsing"] is False
    assert state["current_item_id"] is None and state["presence"]["joined"] == 0
    assert [entry["status"] for entry in state["agenda"]["items"]] == ["pending", "pending"]
    assert state["agenda"]["started_at"] is None
    for table in ("participants", "answers", "questions", "question_votes"):
        assert rows(live, table, workshop) == 0, table
    stored = live.storage.workshop(workshop.id)
    assert not stored.rehearsing and stored.started_at is None
    # Nobody of the rehearsal comes back: the simulated people are gone for good.
    time.sleep(2)
    assert presenter.call("get_state")["state"]["presence"] == {"joined": 0, "online": 0}


def test_a_rehearsal_refuses_what_does_not_fit(live):
    workshop = live.workshop(WORKSHOP)
    presenter = live.presenter(workshop)

    def code(event, payload=None):
        return presenter.call(event, payload or {})["error"]["code"]

    assert code("go_live") == "not_rehearsing"
    assert code("start_rehearsal", {"participants": 4}) == "out_of_range"
    assert code("start_rehearsal", {"participants": "20"}) == "out_of_range"
    assert code("start_rehearsal") == "invalid_payload"
    person = live.participant(workshop, "Echt")
    assert person.call("start_rehearsal", {"participants": 5})["error"]["code"] == "presenter_only"
    # A real person joined: this workshop is live, it can no longer be rehearsed.
    assert code("start_rehearsal", {"participants": 5}) == "already_live"
    assert not live.storage.workshop(workshop.id).rehearsing
