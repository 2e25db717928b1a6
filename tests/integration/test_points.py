"""A points poll ("100 points") over real Socket.IO connections: splits add up at the presenter."""

import time

from tests.support import http_request, post_form

OPTIONS = ["Training", "Tools", "Time"]
TR, TO, TI = "o1", "o2", "o3"


def definition(results="presenter", threshold=1, total=None):
    """A workshop with one points poll (budget 100 unless ``total``)."""
    config = {"options": OPTIONS, "results": results}
    if total is not None:
        config["total"] = total
    return {
        "title": "Points workshop",
        "language": "en",
        "anonymity_threshold": threshold,
        "items": [
            {"kind": "points", "title": "Where should money go?", "minutes": 5, "config": config}
        ],
    }


def opened(live, **settings):
    """A workshop whose points poll the presenter has opened: (workshop, presenter, item)."""
    workshop = live.workshop(definition(**settings))
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


def totals(results):
    """(id, total, average, rank) in the order the results list them."""
    return [(o["id"], o["total"], o["average"], o["rank"]) for o in results["options"]]


def test_splits_reach_presenter_and_screen_as_totals_and_averages(live):
    workshop, presenter, item = opened(live)
    screen = live.screen(workshop)
    splits = [{TR: 100}, {TO: 50, TI: 50}, {TR: 10, TO: 60, TI: 30}]
    for split in splits:
        ack = live.participant(workshop).call("vote", {"item_id": item.id, "value": split})
        assert ack["ok"], ack
        assert ack["value"] == {TR: 0, TO: 0, TI: 0, **split}, "normalized to every option"

    for viewer in (presenter, screen):
        results = tally_with(viewer, item, 3)["results"]
        assert totals(results) == [(TR, 110, 36.7, 1), (TO, 110, 36.7, 1), (TI, 80, 26.7, 3)]
        assert results["points"] == 100
        assert results["options"][2]["label"] == "Time"
    assert presenter.state()["item"]["config"]["total"] == 100


def test_participants_see_the_budget_of_the_poll(live):
    workshop, _, item = opened(live, total=30)
    participant = live.participant(workshop)

    assert participant.state()["item"]["config"]["total"] == 30
    assert participant.call("vote", {"item_id": item.id, "value": {TR: 30}})["ok"]
    ack = participant.call("vote", {"item_id": item.id, "value": {TR: 100}})
    assert ack["error"]["code"] == "points_range"
    assert "30" in ack["error"]["message"]


def test_a_changed_split_moves_the_points_and_a_repeat_changes_nothing(live):
    workshop, presenter, item = opened(live)
    anna, ben = live.participant(workshop), live.participant(workshop)
    assert anna.call("vote", {"item_id": item.id, "value": {TR: 70, TO: 30}})["ok"]
    assert ben.call("vote", {"item_id": item.id, "value": {TR: 40, TI: 60}})["ok"]
    assert totals(tally_with(presenter, item, 2)["results"])[0] == (TR, 110, 55.0, 1)

    assert anna.call("vote", {"item_id": item.id, "value": {TI: 100}})["ok"]
    results = presenter.wait_for(
        "tally", lambda p: p["results"]["options"][0]["id"] == TI and p["results"]["answers"] == 2
    )["results"]
    assert totals(results) == [(TI, 160, 80.0, 1), (TR, 40, 20.0, 2), (TO, 0, 0.0, 3)]

    assert anna.call("vote", {"item_id": item.id, "value": {TR: 0, TI: 100}})["ok"]
    assert anna.state()["my_answers"] == {item.id: {TR: 0, TO: 0, TI: 100}}
    assert presenter.state()["item"]["results"] == results


def test_bad_splits_are_refused_and_change_nothing(live):
    workshop, presenter, item = opened(live)
    other_workshop, _, other_item = opened(live)
    participant = live.participant(workshop)
    good = {TR: 20, TO: 30, TI: 50}
    assert participant.call("vote", {"item_id": item.id, "value": good})["ok"]
    before = tally_with(presenter, item, 1)["results"]

    cases = [
        (None, "invalid_answer"),
        ([20, 30, 50], "invalid_answer"),
        ("o1:100", "invalid_answer"),
        ({TR: "100"}, "invalid_answer"),
        ({TR: 50.5, TO: 49.5}, "invalid_answer"),
        ({TR: True, TO: 99}, "invalid_answer"),
        ({TR: {"a": {"b": {"c": [1]}}}}, "invalid_answer"),
        ({"o9": 100}, "unknown_option"),
        ({TR: 50, TO: 25, TI: 25, "o4": 0}, "unknown_option"),
        ({f"k{n}": 0 for n in range(3_000)}, "unknown_option"),
        ({TR: -50, TO: 150}, "points_range"),
        ({TR: 10**30}, "points_range"),
        ({}, "points_total"),
        ({TR: 99}, "points_total"),
        ({TR: 60, TO: 60}, "points_total"),
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


def test_the_total_refusal_names_budget_and_sum(live):
    workshop, _, item = opened(live)
    participant = live.participant(workshop)

    ack = participant.call("vote", {"item_id": item.id, "value": {TR: 60, TO: 30}})

    assert ack["error"]["code"] == "points_total"
    assert "100" in ack["error"]["message"] and "90" in ack["error"]["message"]


def test_live_results_reach_participants_once_the_threshold_is_met(live):
    workshop, presenter, item = opened(live, results="live", threshold=3)
    people = [live.participant(workshop) for _ in range(3)]
    for person in people[:2]:
        assert person.call("vote", {"item_id": item.id, "value": {TO: 100}})["ok"]
    tally_with(presenter, item, 2)
    time.sleep(0.4)
    for person in people:
        assert person.received("tally") == [], "results before the threshold was reached"
        assert person.state()["item"]["results"] is None

    assert people[2].call("vote", {"item_id": item.id, "value": {TR: 40, TO: 60}})["ok"]

    for person in people:
        seen = tally_with(person, item, 3)
        assert seen["results_visible"] is True
        assert totals(seen["results"])[:2] == [(TO, 260, 86.7, 1), (TR, 40, 13.3, 2)]
    assert people[0].state()["item"]["results"]["answers"] == 3


def test_closing_refuses_further_splits(live):
    workshop, presenter, item = opened(live)
    participant = live.participant(workshop)
    assert presenter.call("close_item", {"item_id": item.id})["ok"]

    ack = participant.call("vote", {"item_id": item.id, "value": {TR: 100}})

    assert ack["error"]["code"] == "poll_closed"
    assert presenter.state()["item"]["results"]["answers"] == 0


def test_the_authoring_form_sets_the_budget_and_refuses_a_bad_one(live):
    workshop = live.workshop({"title": "Empty", "language": "en", "items": []})
    path = f"/presenter/{workshop.id}/items/new?kind=points&key={workshop.presenter_token}"
    form = {"title": "Budget", "minutes": "5", "options": "Training\nTools", "results": "live"}

    status, _, page = http_request(live.url, "GET", path, headers={"Accept-Language": "en"})
    assert status == 200
    assert 'name="total"' in page and 'value="100"' in page

    status, _, page = post_form(
        live.url, path, {**form, "total": "5"}, headers={"Accept-Language": "en"}
    )
    assert status == 400
    assert "Points to spread" in page and "10" in page and "1000" in page
    assert 'id="total"' in page and 'aria-invalid="true"' in page
    assert live.items(workshop) == []

    status, _, _ = post_form(live.url, path, {**form, "total": "50"})
    assert status == 302
    (item,) = live.items(workshop)
    assert (item.kind, item.config["total"]) == ("points", 50)
    assert [o["label"] for o in item.config["options"]] == ["Training", "Tools"]
