"""A ranking poll over real Socket.IO connections: orders reach the presenter as Borda scores."""

import time

OPTIONS = ["Budget", "People", "Time", "Space"]
B, P, T, S = "o1", "o2", "o3", "o4"


def definition(results="presenter", threshold=1):
    """A workshop with one ranking poll."""
    return {
        "title": "Ranking workshop",
        "language": "en",
        "anonymity_threshold": threshold,
        "items": [
            {
                "kind": "ranking",
                "title": "What do we need most?",
                "minutes": 5,
                "config": {"options": OPTIONS, "results": results},
            }
        ],
    }


def opened(live, results="presenter", threshold=1):
    """A workshop whose ranking poll the presenter has opened: (workshop, presenter, item)."""
    workshop = live.workshop(definition(results, threshold))
    presenter = live.presenter(workshop)
    item = live.items(workshop)[0]
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    return workshop, presenter, item


def tally_with(client, item, answers, timeout=5):
    """The first tally for ``item`` counting ``answers`` participants."""
    return client.wait_for(
        "tally",
        lambda p: p["item_id"] == item.id and p["results"] and p["results"]["answers"] == answers,
        timeout=timeout,
    )


def scores(results):
    """(id, score, rank) in the order the results list them."""
    return [(o["id"], o["score"], o["rank"]) for o in results["options"]]


def test_orders_reach_presenter_and_screen_as_borda_scores(live):
    workshop, presenter, item = opened(live)
    screen = live.screen(workshop)
    orders = [[P, B, T, S], [P, T, B, S], [B, P, S, T]]
    for order in orders:
        ack = live.participant(workshop).call("vote", {"item_id": item.id, "value": order})
        assert ack == {"ok": True, "item_id": item.id, "value": order}

    for viewer in (presenter, screen):
        results = tally_with(viewer, item, 3)["results"]
        assert scores(results) == [(P, 8, 1), (B, 6, 2), (T, 3, 3), (S, 1, 4)]
        assert results["max_score"] == 9
        rows = {o["id"]: o for o in results["options"]}
        assert rows[P]["positions"] == [2, 1, 0, 0]
        assert rows[P]["average_position"] == 1.3
        assert rows[S]["positions"] == [0, 0, 1, 2]
        assert rows[S]["average_position"] == 3.7
        assert rows[B]["label"] == "Budget"
    assert presenter.state()["item"]["results"]["options"][0]["id"] == P


def test_a_changed_order_moves_the_scores_and_a_repeat_changes_nothing(live):
    workshop, presenter, item = opened(live)
    anna, ben = live.participant(workshop), live.participant(workshop)
    assert anna.call("vote", {"item_id": item.id, "value": [B, P, T, S]})["ok"]
    assert ben.call("vote", {"item_id": item.id, "value": [B, T, P, S]})["ok"]
    assert scores(tally_with(presenter, item, 2)["results"])[0] == (B, 6, 1)

    assert anna.call("vote", {"item_id": item.id, "value": [S, T, P, B]})["ok"]
    results = presenter.wait_for(
        "tally", lambda p: p["results"]["options"][0]["id"] == T and p["results"]["answers"] == 2
    )["results"]
    assert scores(results) == [(T, 4, 1), (B, 3, 2), (S, 3, 2), (P, 2, 4)]

    assert anna.call("vote", {"item_id": item.id, "value": [S, T, P, B]})["ok"]
    assert anna.state()["my_answers"] == {item.id: [S, T, P, B]}
    assert presenter.state()["item"]["results"] == results


def test_bad_orders_are_refused_and_change_nothing(live):
    workshop, presenter, item = opened(live)
    other_workshop, _, other_item = opened(live)
    participant = live.participant(workshop)
    good = [T, S, B, P]
    assert participant.call("vote", {"item_id": item.id, "value": good})["ok"]
    before = tally_with(presenter, item, 1)["results"]

    cases = [
        (None, "invalid_answer"),
        ("o1", "invalid_answer"),
        ({"o1": 1}, "invalid_answer"),
        ([B, P, T, 4], "invalid_answer"),
        ([B, P, T, [S]], "invalid_answer"),
        ([[[[[[[[B]]]]]]], P, T, S], "invalid_answer"),
        ([B, P, T, "o5"], "unknown_option"),
        ([B, P, T, "x" * 60_000], "unknown_option"),
        ([B, P, T], "ranking_order"),
        ([], "ranking_order"),
        ([B, P, T, T], "ranking_order"),
        ([B, P, T, S, B], "ranking_order"),
        ([B] * 3_000, "ranking_order"),
    ]
    for value, code in cases:
        ack = participant.call("vote", {"item_id": item.id, "value": value})
        assert ack["ok"] is False, (value, ack)
        assert ack["error"]["code"] == code, (str(value)[:80], ack["error"])
        assert ack["error"]["message"]
    ack = participant.call("vote", {"item_id": other_item.id, "value": good})
    assert ack["error"]["code"] == "unknown_item"

    time.sleep(0.4)
    assert not [t for t in presenter.received("tally") if t["item_id"] == item.id]
    assert presenter.state()["item"]["results"] == before
    assert participant.state()["my_answers"] == {item.id: good}
    assert live.presenter(other_workshop).state()["item"]["answers"] == 0


def test_the_refusal_names_the_number_of_options_in_the_connection_language(live):
    workshop, _, item = opened(live)
    ack = live.participant(workshop).call("vote", {"item_id": item.id, "value": [B, P]})

    assert ack["error"]["code"] == "ranking_order"
    assert "4" in ack["error"]["message"]


def test_a_poll_that_takes_one_answer_refuses_a_changed_order(live):
    spec = definition()
    spec["items"][0]["config"]["changeable"] = False
    workshop = live.workshop(spec)
    presenter = live.presenter(workshop)
    item = live.items(workshop)[0]
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    participant = live.participant(workshop)
    assert participant.call("vote", {"item_id": item.id, "value": [B, P, T, S]})["ok"]

    ack = participant.call("vote", {"item_id": item.id, "value": [S, T, P, B]})

    assert ack["error"]["code"] == "not_changeable"
    assert participant.call("vote", {"item_id": item.id, "value": [B, P, T, S]})["ok"]
    assert scores(tally_with(presenter, item, 1)["results"])[0] == (B, 3, 1)


def test_live_results_reach_participants_once_the_threshold_is_met(live):
    workshop, presenter, item = opened(live, results="live", threshold=3)
    people = [live.participant(workshop) for _ in range(3)]
    for person in people[:2]:
        assert person.call("vote", {"item_id": item.id, "value": [T, B, P, S]})["ok"]
    tally_with(presenter, item, 2)
    time.sleep(0.4)
    for person in people:
        assert person.received("tally") == [], "results before the threshold was reached"
        assert person.state()["item"]["results"] is None

    assert people[2].call("vote", {"item_id": item.id, "value": [B, T, P, S]})["ok"]

    for person in people:
        seen = tally_with(person, item, 3)
        assert seen["results_visible"] is True
        assert scores(seen["results"])[:2] == [(T, 8, 1), (B, 7, 2)]
    assert people[0].state()["item"]["results"]["answers"] == 3


def test_presenter_results_are_not_sent_to_participants(live):
    workshop, presenter, item = opened(live, results="presenter", threshold=1)
    participant = live.participant(workshop)
    assert participant.call("vote", {"item_id": item.id, "value": [S, T, P, B]})["ok"]
    tally_with(presenter, item, 1)
    time.sleep(0.4)

    assert participant.received("tally") == []
    assert participant.state()["item"]["results"] is None
