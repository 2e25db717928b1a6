"""Multiple-choice polls over real Socket.IO connections to a real server process."""

DRINKS = ["Coffee", "Tea", "Water", "Juice"]


def definition(results="presenter", threshold=1, **config):
    return {
        "title": "Multiple choice workshop",
        "language": "en",
        "anonymity_threshold": threshold,
        "items": [
            {
                "kind": "multiple_choice",
                "title": "What do you drink in the morning?",
                "minutes": 5,
                "config": {"options": DRINKS, "results": results, **config},
            }
        ],
    }


def start(live, **options):
    """A workshop with the poll open; returns (workshop, item, presenter)."""
    workshop = live.workshop(definition(**options))
    item = live.items(workshop)[0]
    presenter = live.presenter(workshop)
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    return workshop, item, presenter


def tally_with(client, item, answers):
    return client.wait_for(
        "tally", lambda p: p["item_id"] == item.id and p["answers"] == answers and p["results"]
    )


def figures(results):
    return {option["label"]: (option["count"], option["percent"]) for option in results["options"]}


def test_picks_reach_presenter_and_screen_as_shares_of_people(live):
    workshop, item, presenter = start(live, max_choices=3)
    screen = live.screen(workshop)
    people = [live.participant(workshop) for _ in range(4)]
    picks = [["o1", "o2"], ["o2", "o1", "o3"], ["o1"], ["o4", "o2"]]

    for person, value in zip(people, picks, strict=True):
        ack = person.call("vote", {"item_id": item.id, "value": value})
        assert ack == {"ok": True, "item_id": item.id, "value": sorted(value)}

    for viewer in (presenter, screen):
        results = tally_with(viewer, item, 4)["results"]
        assert results["answers"] == 4
        assert figures(results) == {
            "Coffee": (3, 75),
            "Tea": (3, 75),
            "Water": (1, 25),
            "Juice": (1, 25),
        }
    assert figures(presenter.state()["item"]["results"])["Tea"] == (3, 75)


def test_a_changed_answer_moves_the_picks(live):
    workshop, item, presenter = start(live)
    person, other = live.participant(workshop), live.participant(workshop)
    assert other.call("vote", {"item_id": item.id, "value": ["o3"]})["ok"]
    assert person.call("vote", {"item_id": item.id, "value": ["o1", "o2"]})["ok"]
    assert figures(tally_with(presenter, item, 2)["results"])["Coffee"] == (1, 50)

    ack = person.call("vote", {"item_id": item.id, "value": ["o3", "o4"]})

    assert ack["value"] == ["o3", "o4"]
    results = presenter.wait_for(
        "tally", lambda p: p["item_id"] == item.id and p["results"]["options"][2]["count"] == 2
    )["results"]
    assert figures(results) == {
        "Coffee": (0, 0),
        "Tea": (0, 0),
        "Water": (2, 100),
        "Juice": (1, 50),
    }
    assert results["answers"] == 2
    assert person.state()["my_answers"] == {item.id: ["o3", "o4"]}


def test_bad_answers_are_refused_and_change_nothing(live):
    workshop, item, presenter = start(live, min_choices=2, max_choices=3)
    other_workshop = live.workshop(definition())
    foreign = live.items(other_workshop)[0]
    person = live.participant(workshop)
    assert person.call("vote", {"item_id": item.id, "value": ["o1", "o2"]})["ok"]
    before = tally_with(presenter, item, 1)["results"]

    cases = [
        ("o1", "invalid_answer"),
        (None, "invalid_answer"),
        (7, "invalid_answer"),
        ({"o1": True, "o2": True}, "invalid_answer"),
        (["o1", 2], "invalid_answer"),
        (["o1", ["o2"]], "invalid_answer"),
        (["o1", "o1"], "invalid_answer"),
        ([[[[[["o1"]]]]], "o2"], "invalid_answer"),
        (["o1", "o9"], "unknown_option"),
        (["o1", "x" * 60_000], "unknown_option"),
        (["o1"], "too_few_choices"),
        ([], "too_few_choices"),
        (["o1", "o2", "o3", "o4"], "too_many_choices"),
        (["o1"] * 10_000, "too_many_choices"),
    ]
    for value, code in cases:
        ack = person.call("vote", {"item_id": item.id, "value": value})
        assert ack["ok"] is False, (repr(value)[:40], ack)
        assert ack["error"]["code"] == code, (repr(value)[:40], ack["error"])
        assert ack["error"]["message"]
    too_many = person.call("vote", {"item_id": item.id, "value": ["o1", "o2", "o3", "o4"]})
    assert "3" in too_many["error"]["message"], "the message names the limit"
    ack = person.call("vote", {"item_id": foreign.id, "value": ["o1", "o2"]})
    assert ack["error"]["code"] == "unknown_item"

    state = presenter.state()
    assert state["item"]["results"] == before
    assert person.state()["my_answers"] == {item.id: ["o1", "o2"]}


def test_live_results_reach_participants_only_from_the_threshold_on(live):
    workshop, item, presenter = start(live, results="live", threshold=3)
    people = [live.participant(workshop) for _ in range(3)]
    for person in people[:2]:
        assert person.call("vote", {"item_id": item.id, "value": ["o1", "o2"]})["ok"]
    tally_with(presenter, item, 2)

    for person in people:
        assert person.received("tally") == []
        state = person.state()["item"]
        assert (state["results_visible"], state["results"]) == (False, None)
        assert state["answers"] == 2

    assert people[2].call("vote", {"item_id": item.id, "value": ["o2"]})["ok"]

    for person in people:
        results = tally_with(person, item, 3)["results"]
        assert figures(results)["Tea"] == (3, 100)
        assert figures(results)["Coffee"] == (2, 67)
    assert people[0].state()["item"]["results_visible"] is True


def test_a_single_choice_limit_still_takes_a_list(live):
    workshop, item, presenter = start(live, max_choices=1)
    person = live.participant(workshop)

    assert person.call("vote", {"item_id": item.id, "value": ["o4"]})["value"] == ["o4"]
    error = person.call("vote", {"item_id": item.id, "value": ["o3", "o4"]})["error"]
    assert error["code"] == "too_many_choices" and "1" in error["message"]
    assert figures(tally_with(presenter, item, 1)["results"])["Juice"] == (1, 100)
