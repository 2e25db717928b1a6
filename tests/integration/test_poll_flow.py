"""A workshop end to end over real Socket.IO connections to a real server process."""

import pytest

from tests.support import http_request


def poll_item(live, workshop):
    return next(item for item in live.items(workshop) if item.kind == "single_choice")


def open_poll(presenter, item):
    ack = presenter.call("open_item", {"item_id": item.id})
    assert ack == {"ok": True, "current_item_id": item.id}


def final_tally(client, item, answers, timeout=5):
    return client.wait_for(
        "tally",
        # Screens get results null below the anonymity threshold; wait for the full count.
        lambda p: p["item_id"] == item.id and p["results"] and p["results"]["answers"] == answers,
        timeout=timeout,
    )


def test_participant_sees_the_item_the_presenter_opens(live):
    workshop = live.workshop()
    participant = live.participant(workshop, "Anna")
    state = participant.state()
    assert state["item"] is None
    assert state["me"] == {"number": 1, "display_name": "Anna"}
    assert state["workshop"]["title"] == "Test workshop"

    presenter = live.presenter(workshop)
    item = poll_item(live, workshop)
    open_poll(presenter, item)

    opened = participant.wait_for("item_opened")
    assert opened["item"]["id"] == item.id
    assert opened["item"]["status"] == "open"
    assert [o["label"] for o in opened["item"]["config"]["options"]] == [
        "Hide them",
        "Fix them quietly",
        "Learn together",
    ]
    assert opened["item"]["results"] is None, "participants must not see the presenter's results"
    assert opened["item"]["results_visible"] is False
    assert participant.state()["item"]["id"] == item.id


def test_twenty_votes_reach_presenter_and_screen_as_one_correct_tally(live):
    workshop = live.workshop()
    presenter = live.presenter(workshop)
    screen = live.screen(workshop)
    item = poll_item(live, workshop)
    open_poll(presenter, item)
    options = [option["id"] for option in item.config["options"]]

    choices = [options[i % 3] for i in range(20)]
    participants = [live.participant(workshop) for _ in range(20)]
    for participant, choice in zip(participants, choices, strict=True):
        ack = participant.call("vote", {"item_id": item.id, "value": choice})
        assert ack == {"ok": True, "item_id": item.id, "value": choice}

    for viewer in (presenter, screen):
        tally = final_tally(viewer, item, 20)
        counts = {option["id"]: option["count"] for option in tally["results"]["options"]}
        assert counts == {options[0]: 7, options[1]: 7, options[2]: 6}
        assert sum(option["percent"] for option in tally["results"]["options"]) == 100
    assert presenter.state()["item"]["results"]["answers"] == 20


def test_votes_are_coalesced_not_broadcast_one_by_one(live):
    workshop = live.workshop()
    presenter = live.presenter(workshop)
    item = poll_item(live, workshop)
    open_poll(presenter, item)
    options = [option["id"] for option in item.config["options"]]
    participants = [live.participant(workshop) for _ in range(10)]
    presenter.received("tally")
    for round_number in range(5):
        for participant in participants:
            value = options[(round_number + hash(participant)) % 3]
            assert participant.call("vote", {"item_id": item.id, "value": value})["ok"]
    final_tally(presenter, item, 10)
    tallies = presenter.received("tally")
    assert len(tallies) < 25, f"{len(tallies) + 1} tally messages for 50 votes"


def test_a_changed_vote_moves_and_a_repeated_vote_changes_nothing(live):
    workshop = live.workshop()
    presenter = live.presenter(workshop)
    item = poll_item(live, workshop)
    open_poll(presenter, item)
    first, second = item.config["options"][0]["id"], item.config["options"][1]["id"]
    participant = live.participant(workshop)

    for _ in range(3):
        assert participant.call("vote", {"item_id": item.id, "value": first})["ok"]
    tally = final_tally(presenter, item, 1)
    assert tally["results"]["options"][0]["count"] == 1

    assert participant.call("vote", {"item_id": item.id, "value": second})["ok"]
    tally = presenter.wait_for(
        "tally", lambda p: p["results"]["options"][1]["count"] == 1 and p["results"]["answers"] == 1
    )
    assert tally["results"]["options"][0]["count"] == 0
    assert participant.state()["my_answers"] == {item.id: second}


def test_closed_poll_refuses_votes_and_shows_results_to_participants(live):
    workshop = live.workshop()
    presenter = live.presenter(workshop)
    item = poll_item(live, workshop)
    open_poll(presenter, item)
    voter, late = live.participant(workshop), live.participant(workshop)
    option = item.config["options"][2]["id"]
    assert voter.call("vote", {"item_id": item.id, "value": option})["ok"]

    assert presenter.call("close_item", {"item_id": item.id}) == {
        "ok": True,
        "item_id": item.id,
        "status": "closed",
    }
    closed = voter.wait_for("item_closed")
    assert closed["item"]["status"] == "closed"
    assert closed["item"]["results"] is None, "closing alone reveals nothing"

    ack = late.call("vote", {"item_id": item.id, "value": option})
    assert ack["ok"] is False
    assert ack["error"]["code"] == "poll_closed"
    assert "geschlossen" in ack["error"]["message"], "German is the default language"
    assert late.state()["my_answers"] == {}
    assert presenter.state()["item"]["results"]["answers"] == 1

    assert presenter.call("reopen_item", {"item_id": item.id})["ok"]
    assert late.call("vote", {"item_id": item.id, "value": option})["ok"]
    final_tally(presenter, item, 2)


def test_reconnect_keeps_identity_and_vote(live):
    workshop = live.workshop()
    presenter = live.presenter(workshop)
    item = poll_item(live, workshop)
    open_poll(presenter, item)
    participant = live.participant(workshop, "Berta")
    cookie = participant.cookie
    option = item.config["options"][1]["id"]
    assert participant.call("vote", {"item_id": item.id, "value": option})["ok"]
    before = participant.state()["me"]
    participant.close()

    again = live.participant(workshop, cookie=cookie)
    state = again.state()
    assert state["me"] == before
    assert state["my_answers"] == {item.id: option}
    assert state["item"]["id"] == item.id
    assert again.call("vote", {"item_id": item.id, "value": option})["ok"]
    assert presenter.state()["item"]["results"]["answers"] == 1


def test_navigation_next_previous_and_lobby_reach_everyone(live):
    workshop = live.workshop()
    items = live.items(workshop)
    presenter, participant, screen = (
        live.presenter(workshop),
        live.participant(workshop),
        live.screen(workshop),
    )
    assert presenter.call("previous_item")["error"]["code"] == "at_start"
    for expected in items:
        assert presenter.call("next_item") == {"ok": True, "current_item_id": expected.id}
        for viewer in (participant, screen, presenter):
            opened = viewer.wait_for("item_opened", lambda p, e=expected: p["item"]["id"] == e.id)
            assert opened["item"]["title"] == expected.title
    assert presenter.call("next_item")["error"]["code"] == "at_end"
    assert presenter.call("previous_item")["current_item_id"] == items[-2].id

    agenda = presenter.state()["agenda"]
    assert [entry["planned_start"] for entry in agenda["items"]] == [0, 2, 7]
    assert agenda["total_minutes"] == 17
    assert agenda["started_at"] is not None

    assert presenter.call("open_item", {"item_id": None}) == {"ok": True, "current_item_id": None}
    assert (
        participant.wait_for("item_opened", lambda p: p["item"] is None)["current_item_id"] is None
    )


def test_participants_and_screens_cannot_use_presenter_events(live):
    workshop = live.workshop()
    item = poll_item(live, workshop)
    participant, screen = live.participant(workshop), live.screen(workshop)
    for client in (participant, screen):
        for event, payload in [
            ("open_item", {"item_id": item.id}),
            ("next_item", {}),
            ("previous_item", {}),
            ("close_item", {"item_id": item.id}),
            ("reopen_item", {"item_id": item.id}),
        ]:
            ack = client.call(event, payload)
            assert ack["ok"] is False and ack["error"]["code"] == "presenter_only", (event, ack)
    assert live.presenter(workshop).state()["current_item_id"] is None
    assert screen.call("vote", {"item_id": item.id, "value": "o1"})["error"]["code"] == (
        "participant_only"
    )


@pytest.mark.parametrize(
    ("auth", "use_cookie", "code"),
    [
        ({"role": "presenter", "key": "wrong"}, False, "invalid_token"),
        ({"role": "screen", "key": ""}, False, "invalid_token"),
        ({"role": "presenter"}, False, "invalid_token"),
        ({"role": "participant"}, False, "not_joined"),
        ({"role": "admin"}, False, "invalid_role"),
        ({"role": "participant", "workshop_id": "nope"}, True, "unknown_workshop"),
        ({"role": "participant", "workshop_id": 5}, True, "unknown_workshop"),
    ],
)
def test_connections_without_the_right_secret_are_refused(live, auth, use_cookie, code):
    import socketio

    from tests.support import LiveClient, join

    workshop = live.workshop()
    cookie = join(live.url, workshop.join_code) if use_cookie else None
    client = LiveClient(live.url, {"workshop_id": workshop.id, **auth}, cookie)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect()
    assert client.refusal["data"]["code"] == code
    assert client.refusal["message"] == client.refusal["data"]["message"]


def test_a_cookie_for_one_workshop_does_not_open_another(live):
    first, second = live.workshop(), live.workshop()
    import socketio

    from tests.support import LiveClient, join

    cookie = join(live.url, first.join_code)
    client = LiveClient(live.url, {"role": "participant", "workshop_id": second.id}, cookie)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect()
    assert client.refusal["data"]["code"] == "not_joined"


def test_malformed_payloads_get_error_acks_and_change_nothing(live, server):
    workshop, other = live.workshop(), live.workshop()
    presenter = live.presenter(workshop)
    item = poll_item(live, workshop)
    foreign = poll_item(live, other)
    open_poll(presenter, item)
    participant = live.participant(workshop)
    good = item.config["options"][0]["id"]
    assert participant.call("vote", {"item_id": item.id, "value": good})["ok"]
    final_tally(presenter, item, 1)

    # The largest a message may be is 64 KiB (FACILITATION_MAX_MESSAGE_BYTES).
    largest = "x" * 60_000
    cases = [
        ("vote", None, "invalid_payload"),
        ("vote", "hello", "invalid_payload"),
        ("vote", [item.id, good], "invalid_payload"),
        ("vote", {}, "invalid_payload"),
        ("vote", {"item_id": item.id}, "invalid_payload"),
        ("vote", {"value": good}, "invalid_payload"),
        ("vote", {"item_id": 42, "value": good}, "unknown_item"),
        ("vote", {"item_id": "no-such-item", "value": good}, "unknown_item"),
        ("vote", {"item_id": foreign.id, "value": good}, "unknown_item"),
        ("vote", {"item_id": largest, "value": good}, "unknown_item"),
        ("vote", {"item_id": item.id, "value": largest}, "unknown_option"),
        ("vote", {"item_id": item.id, "value": 1}, "invalid_answer"),
        ("vote", {"item_id": item.id, "value": None}, "invalid_answer"),
        ("vote", {"item_id": item.id, "value": {"id": good}}, "invalid_answer"),
        ("vote", {"item_id": item.id, "value": "o99"}, "unknown_option"),
        ("get_state", "not a dict", "invalid_payload"),
        ("no_such_event", {"x": 1}, "unknown_event"),
        ("__proto__", None, "unknown_event"),
    ]
    for event, payload, code in cases:
        ack = participant.call(event, payload) if payload is not None else participant.call(event)
        assert ack["ok"] is False, (event, payload if payload != largest else "60 kB", ack)
        assert ack["error"]["code"] == code, (event, ack["error"])
        assert ack["error"]["message"]

    presenter_cases = [
        ("open_item", {}, "invalid_payload"),
        ("open_item", {"item_id": ["x"]}, "unknown_item"),
        ("open_item", {"item_id": foreign.id}, "unknown_item"),
        ("open_item", {"item_id": largest}, "unknown_item"),
        ("close_item", {"item_id": 3.5}, "unknown_item"),
        ("close_item", {"item_id": live.items(workshop)[0].id}, "not_answerable"),
        ("reopen_item", {"item_id": item.id}, "not_closed"),
        ("next_item", "x", "invalid_payload"),
    ]
    for event, payload, code in presenter_cases:
        ack = presenter.call(event, payload)
        assert ack["ok"] is False and ack["error"]["code"] == code, (event, ack)

    assert server.alive()
    state = presenter.state()
    assert state["current_item_id"] == item.id
    assert state["item"]["status"] == "open"
    assert state["item"]["results"]["answers"] == 1
    assert state["item"]["results"]["options"][0]["count"] == 1
    assert participant.state()["my_answers"] == {item.id: good}


def test_vote_on_an_item_that_is_not_current_is_refused(live):
    workshop = live.workshop()
    presenter = live.presenter(workshop)
    item = poll_item(live, workshop)
    open_poll(presenter, item)
    participant = live.participant(workshop)
    assert presenter.call("next_item")["ok"]
    ack = participant.call("vote", {"item_id": item.id, "value": item.config["options"][0]["id"]})
    assert ack["error"]["code"] == "not_current"


def test_error_messages_follow_the_connection_language(live):
    workshop = live.workshop()
    from tests.support import LiveClient, join

    open_poll(live.presenter(workshop), poll_item(live, workshop))
    cookie = join(live.url, workshop.join_code)
    for language, word in [("de", "Umfrage"), ("en", "poll")]:
        client = LiveClient(
            live.url,
            {"role": "participant", "workshop_id": workshop.id},
            f"{cookie}; lang={language}",
        ).connect()
        ack = client.call("vote", {"item_id": poll_item(live, workshop).id, "value": "o9"})
        client.close()
        assert word in ack["error"]["message"], ack


def test_participant_count_reaches_the_presenter(live):
    workshop = live.workshop()
    presenter = live.presenter(workshop)
    people = [live.participant(workshop) for _ in range(3)]
    presence = presenter.wait_for("presence", lambda p: p["online"] == 3)
    assert presence["joined"] == 3
    people[0].close()
    assert presenter.wait_for("presence", lambda p: p["online"] == 2)["joined"] == 3


def test_pages_answer_plain_http_without_tracebacks(live):
    workshop = live.workshop()
    assert http_request(live.url, "GET", f"/j/{workshop.join_code}")[0] == 200
    assert http_request(live.url, "GET", "/j/NOPE99")[0] == 404
    assert http_request(live.url, "GET", f"/presenter/{workshop.id}?key=wrong")[0] == 404
    assert http_request(live.url, "GET", f"/screen/{workshop.id}")[0] == 404
    status, _, body = http_request(
        live.url, "POST", f"/j/{workshop.join_code}", form={"display_name": "x" * 500}
    )
    assert status == 400 and "40" in body


def test_no_name_is_null_in_every_view(live):
    workshop = live.workshop()
    anonymous = live.participant(workshop)
    assert anonymous.state()["me"] == {"number": 1, "display_name": None}
    asked = anonymous.call("ask_question", {"text": "Anonymous?"})
    assert asked["question"]["name"] is None
