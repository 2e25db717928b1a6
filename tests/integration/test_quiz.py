"""Quiz questions over real Socket.IO: the key stays with the presenter until revealed."""

import json

CITIES = ["Berlin", "Bonn", "Hamburg", "Munich"]
PRIMES = ["2", "4", "7", "9"]


def definition(options=CITIES, correct=("o1",), results="live", threshold=3, **config):
    return {
        "title": "Quiz workshop",
        "language": "en",
        "anonymity_threshold": threshold,
        "items": [
            {
                "kind": "quiz",
                "title": "Which city is the capital?",
                "minutes": 3,
                "config": {
                    "options": options,
                    "correct": list(correct),
                    "results": results,
                    **config,
                },
            }
        ],
    }


def start(live, **options):
    """A workshop with the quiz open; returns (workshop, item, presenter)."""
    workshop = live.workshop(definition(**options))
    item = live.items(workshop)[0]
    presenter = live.presenter(workshop)
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    return workshop, item, presenter


def tally_with(client, item, answers):
    return client.wait_for(
        "tally", lambda p: p["item_id"] == item.id and p["answers"] == answers and p["results"]
    )


def leaks_key(payload) -> bool:
    """Whether a payload carries anything of the key (option labels never say "correct")."""
    return "correct" in json.dumps(payload)


def test_the_key_reaches_participants_only_after_the_reveal(live):
    workshop = live.workshop(definition())
    item = live.items(workshop)[0]
    people = [live.participant(workshop) for _ in range(3)]
    screen = live.screen(workshop)
    presenter = live.presenter(workshop)
    assert presenter.call("open_item", {"item_id": item.id})["ok"]

    for person in people:
        opened = person.wait_for("item_opened", lambda p: p["item"]["id"] == item.id)
        assert opened["item"]["config"]["options"][0]["label"] == "Berlin"
        assert opened["item"]["config"]["multiple"] is False
        assert not leaks_key(opened), opened
        assert not leaks_key(person.state())
    assert not leaks_key(screen.wait_for("item_opened"))
    assert presenter.state()["item"]["config"]["correct"] == ["o1"]

    votes = ["o1", "o2", "o1"]
    for person, value in zip(people, votes, strict=True):
        ack = person.call("vote", {"item_id": item.id, "value": value})
        assert ack == {"ok": True, "item_id": item.id, "value": value}
        assert not leaks_key(ack)

    # Results are live, so participants see the bars from three answers on, without the key.
    for person in people:
        tally = tally_with(person, item, 3)
        counts = {o["label"]: o["count"] for o in tally["results"]["options"]}
        assert counts == {"Berlin": 2, "Bonn": 1, "Hamburg": 0, "Munich": 0}
        assert not leaks_key(tally), tally
        assert not leaks_key(person.state())
    assert not leaks_key(tally_with(screen, item, 3))
    results = tally_with(presenter, item, 3)["results"]
    assert results["correct"] == ["o1"]
    assert (results["correct_count"], results["correct_share"]) == (2, 67)

    # A changed answer moves the share of right answers without giving the key away.
    assert people[1].call("vote", {"item_id": item.id, "value": "o1"})["ok"]
    tally = people[1].wait_for(
        "tally", lambda p: p["item_id"] == item.id and p["results"]["options"][0]["count"] == 3
    )
    assert not leaks_key(tally)
    assert presenter.wait_for("tally", lambda p: p["results"]["correct_share"] == 100)

    assert presenter.call("reveal_results", {"item_id": item.id}) == {
        "ok": True,
        "item_id": item.id,
        "revealed": True,
    }
    for viewer in (*people, screen):
        updated = viewer.wait_for("item_updated", lambda p: p["item"]["id"] == item.id)
        revealed = updated["item"]["results"]
        assert revealed["correct"] == ["o1"]
        assert [o["correct"] for o in revealed["options"]] == [True, False, False, False]
        assert (revealed["correct_count"], revealed["correct_share"]) == (3, 100)
        assert "correct" not in updated["item"]["config"], "the key travels in results only"
    assert people[0].state()["item"]["results"]["correct"] == ["o1"]

    assert presenter.call("hide_results", {"item_id": item.id})["ok"]
    hidden = people[0].wait_for("item_updated", lambda p: p["item"]["revealed"] is False)
    assert not leaks_key(hidden)
    assert not leaks_key(people[0].state())


def test_a_reveal_before_the_threshold_shows_the_key_once_it_is_met(live):
    workshop, item, presenter = start(live, results="hidden", threshold=3)
    people = [live.participant(workshop) for _ in range(3)]
    for person in people[:2]:
        assert person.call("vote", {"item_id": item.id, "value": "o3"})["ok"]
    tally_with(presenter, item, 2)

    assert presenter.call("reveal_results", {"item_id": item.id})["ok"]
    updated = people[0].wait_for("item_updated", lambda p: p["item"]["revealed"] is True)
    assert updated["item"]["results"] is None
    assert not leaks_key(updated)
    assert people[0].received("tally") == []

    assert people[2].call("vote", {"item_id": item.id, "value": "o1"})["ok"]
    for person in people:
        results = tally_with(person, item, 3)["results"]
        assert results["correct"] == ["o1"]
        assert (results["correct_count"], results["correct_share"]) == (1, 33)


def test_several_correct_options_take_a_list_and_count_exact_answers(live):
    workshop, item, presenter = start(
        live, options=PRIMES, correct=("o3", "o1"), results="presenter", threshold=1
    )
    people = [live.participant(workshop) for _ in range(4)]
    opened = people[0].state()["item"]
    assert opened["config"]["multiple"] is True
    assert not leaks_key(opened)

    votes = [["o3", "o1"], ["o1"], ["o1", "o2", "o3"], ["o1", "o3"]]
    for person, value in zip(people, votes, strict=True):
        ack = person.call("vote", {"item_id": item.id, "value": value})
        assert ack["value"] == sorted(value)

    results = tally_with(presenter, item, 4)["results"]
    assert results["correct"] == ["o1", "o3"]
    assert (results["correct_count"], results["correct_share"]) == (2, 50)
    assert [(o["count"], o["percent"]) for o in results["options"]] == [
        (4, 100),
        (1, 25),
        (3, 75),
        (0, 0),
    ]
    screen_results = live.screen(workshop).state()["item"]["results"]
    assert screen_results["answers"] == 4
    assert not leaks_key(screen_results), "the big screen gets the key only with the reveal"


def test_bad_answers_are_refused_and_change_nothing(live):
    workshop, item, presenter = start(live, threshold=1)
    person = live.participant(workshop)
    assert person.call("vote", {"item_id": item.id, "value": "o2"})["ok"]
    before = tally_with(presenter, item, 1)["results"]

    cases = [
        (["o1"], "invalid_answer"),
        (None, "invalid_answer"),
        (1, "invalid_answer"),
        (True, "invalid_answer"),
        ({"id": "o1"}, "invalid_answer"),
        ([[[[["o1"]]]]], "invalid_answer"),
        ("o9", "unknown_option"),
        ("correct", "unknown_option"),
        ("x" * 60_000, "unknown_option"),
    ]
    for value, code in cases:
        ack = person.call("vote", {"item_id": item.id, "value": value})
        assert ack["ok"] is False, (repr(value)[:40], ack)
        assert ack["error"]["code"] == code, (repr(value)[:40], ack["error"])

    several_workshop, several, several_presenter = start(
        live, options=PRIMES, correct=("o1", "o3"), threshold=1
    )
    other = live.participant(several_workshop)
    for value, code in [
        ("o1", "invalid_answer"),
        ([], "too_few_choices"),
        (["o1", "o1"], "invalid_answer"),
        (["o1", 3], "invalid_answer"),
        (["o5"], "unknown_option"),
        (["o1"] * 1000, "too_many_choices"),
    ]:
        ack = other.call("vote", {"item_id": several.id, "value": value})
        assert ack["ok"] is False and ack["error"]["code"] == code, (repr(value)[:40], ack)

    assert presenter.state()["item"]["results"] == before
    assert person.state()["my_answers"] == {item.id: "o2"}
    assert several_presenter.state()["item"]["answers"] == 0
    assert other.state()["my_answers"] == {}
