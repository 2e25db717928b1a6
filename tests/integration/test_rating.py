"""A rating scale over real Socket.IO connections to a real server process."""

RATING = {
    "title": "Rating workshop",
    "language": "en",
    "items": [
        {
            "kind": "rating",
            "title": "How likely would you recommend this format?",
            "minutes": 3,
            "config": {
                "minimum": 0,
                "maximum": 10,
                "low_label": "not at all",
                "high_label": "extremely likely",
            },
        },
        {"kind": "rating", "title": "Another scale", "config": {}},
    ],
}


def opened_rating(live, definition=RATING):
    """A workshop with the rating opened by its presenter: (workshop, presenter, item)."""
    workshop = live.workshop(definition)
    presenter = live.presenter(workshop)
    item = live.items(workshop)[0]
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    return workshop, presenter, item


def tally_with(client, item, answers, timeout=5):
    """The first tally for ``item`` with results for ``answers`` participants."""
    return client.wait_for(
        "tally",
        lambda p: p["item_id"] == item.id and p["results"] and p["results"]["answers"] == answers,
        timeout=timeout,
    )


def counts(results):
    return {entry["value"]: entry["count"] for entry in results["distribution"]}


def test_ratings_reach_the_presenter_with_distribution_mean_and_median(live):
    workshop, presenter, item = opened_rating(live)
    screen = live.screen(workshop)
    ratings = [10, 9, 9, 7, 0, 8]
    for value in ratings:
        participant = live.participant(workshop)
        assert participant.call("vote", {"item_id": item.id, "value": value}) == {
            "ok": True,
            "item_id": item.id,
            "value": value,
        }

    for viewer in (presenter, screen):
        results = tally_with(viewer, item, 6)["results"]
        assert [entry["value"] for entry in results["distribution"]] == list(range(11))
        assert counts(results) == {
            **dict.fromkeys(range(11), 0),
            0: 1,
            7: 1,
            8: 1,
            9: 2,
            10: 1,
        }
        assert results["mean"] == 7.2
        assert results["median"] == 8.5
        assert sum(entry["percent"] for entry in results["distribution"]) == 100


def test_a_changed_rating_moves_the_results(live):
    workshop, presenter, item = opened_rating(live)
    first, second = live.participant(workshop), live.participant(workshop)
    assert first.call("vote", {"item_id": item.id, "value": 2})["ok"]
    assert second.call("vote", {"item_id": item.id, "value": 4})["ok"]
    results = tally_with(presenter, item, 2)["results"]
    assert (results["mean"], results["median"]) == (3.0, 3)

    assert first.call("vote", {"item_id": item.id, "value": 10})["ok"]

    results = presenter.wait_for(
        "tally", lambda p: p["item_id"] == item.id and p["results"]["mean"] == 7.0
    )["results"]
    assert results["answers"] == 2
    assert counts(results)[2] == 0
    assert counts(results)[10] == 1
    assert first.state()["my_answers"] == {item.id: 10}


def test_bad_ratings_are_refused_and_change_nothing(live):
    workshop, presenter, item = opened_rating(live)
    participant = live.participant(workshop)
    assert participant.call("vote", {"item_id": item.id, "value": 5})["ok"]
    tally_with(presenter, item, 1)

    cases = [
        (11, "out_of_range"),
        (-1, "out_of_range"),
        (10**40, "out_of_range"),
        (True, "invalid_answer"),
        (False, "invalid_answer"),
        (7.0, "invalid_answer"),
        (7.5, "invalid_answer"),
        ("7", "invalid_answer"),
        (None, "invalid_answer"),
        ([7], "invalid_answer"),
        ({"value": 7}, "invalid_answer"),
        ([[[[[[7]]]]]], "invalid_answer"),
        ("x" * 60_000, "invalid_answer"),
    ]
    for value, code in cases:
        ack = participant.call("vote", {"item_id": item.id, "value": value})
        assert ack["ok"] is False, (value, ack)
        assert ack["error"]["code"] == code, (value, ack["error"])
        assert ack["error"]["message"]

    state = presenter.state()
    assert state["item"]["results"]["answers"] == 1
    assert counts(state["item"]["results"])[5] == 1
    assert state["item"]["results"]["mean"] == 5.0
    assert participant.state()["my_answers"] == {item.id: 5}


def test_the_refusal_for_a_value_off_the_scale_names_the_scale(live):
    workshop, _presenter, item = opened_rating(live)
    participant = live.participant(workshop)

    ack = participant.call("vote", {"item_id": item.id, "value": 11})

    assert "0" in ack["error"]["message"] and "10" in ack["error"]["message"]


def test_live_results_reach_participants_only_from_the_threshold_on(live):
    definition = {
        **RATING,
        "anonymity_threshold": 2,
        "items": [
            {**RATING["items"][0], "config": {**RATING["items"][0]["config"], "results": "live"}}
        ],
    }
    workshop, presenter, item = opened_rating(live, definition)
    first, second = live.participant(workshop), live.participant(workshop)

    assert first.call("vote", {"item_id": item.id, "value": 3})["ok"]
    tally_with(presenter, item, 1)
    assert first.received("tally") == []
    assert first.state()["item"]["results"] is None
    assert first.state()["item"]["results_visible"] is False

    assert second.call("vote", {"item_id": item.id, "value": 6})["ok"]
    for participant in (first, second):
        tally = tally_with(participant, item, 2)
        assert tally["results_visible"] is True
        assert tally["results"]["mean"] == 4.5
        assert counts(tally["results"])[3] == 1


def test_with_presenter_results_participants_never_get_them(live):
    workshop, presenter, item = opened_rating(live, {**RATING, "anonymity_threshold": 1})
    participant = live.participant(workshop)
    screen = live.screen(workshop)

    assert participant.call("vote", {"item_id": item.id, "value": 8})["ok"]

    assert tally_with(screen, item, 1)["results"]["median"] == 8
    tally_with(presenter, item, 1)
    assert participant.received("tally") == []
    assert participant.state()["item"]["results"] is None


def test_a_closed_rating_refuses_votes(live):
    workshop, presenter, item = opened_rating(live)
    participant = live.participant(workshop)
    assert presenter.call("close_item", {"item_id": item.id})["ok"]

    ack = participant.call("vote", {"item_id": item.id, "value": 4})

    assert ack["error"]["code"] == "poll_closed"
    assert presenter.state()["item"]["results"]["answers"] == 0
