"""Grid polls against a real server: placements travel to the presenter as average positions."""

import pytest

ITEMS = ["Online training", "Buddy system", "Wiki"]


def grid_workshop(results="presenter", threshold=1, changeable=True):
    """A workshop whose only item is a grid: x = effort 1–10, y = impact 0–4."""
    return {
        "title": "Prioritising",
        "language": "en",
        "anonymity_threshold": threshold,
        "items": [
            {
                "kind": "grid",
                "title": "Where do our ideas stand?",
                "minutes": 5,
                "config": {
                    "items": ITEMS,
                    "x": {"label": "Effort", "low_label": "little", "high_label": "a lot"},
                    "y": {"label": "Impact", "minimum": 0, "maximum": 4},
                    "results": results,
                    "changeable": changeable,
                },
            }
        ],
    }


def start(live, **settings):
    """Create the workshop, let the presenter open the grid; return (workshop, item, presenter)."""
    workshop = live.workshop(grid_workshop(**settings))
    item = live.items(workshop)[0]
    presenter = live.presenter(workshop)
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    return workshop, item, presenter


def place(client, item, value):
    """Send a placement; it must be accepted."""
    ack = client.call("vote", {"item_id": item.id, "value": value})
    assert ack["ok"], ack
    return ack


def averages(payload):
    """``{label: (count, x, y)}`` from a tally or item view."""
    return {row["label"]: (row["count"], row["x"], row["y"]) for row in payload["results"]["items"]}


def tally_with(client, item, predicate, timeout=5):
    """The first tally for ``item`` whose results satisfy ``predicate``."""
    return client.wait_for(
        "tally",
        lambda p: p["item_id"] == item.id and p["results"] and predicate(p["results"]),
        timeout=timeout,
    )


def test_placements_reach_presenter_and_screen_as_averages_per_item(live):
    workshop, item, presenter = start(live)
    screen = live.screen(workshop)
    anna, ben, cem = (live.participant(workshop) for _ in range(3))

    ack = place(anna, item, {"o2": [10, 4], "o1": [1, 0]})
    assert ack == {"ok": True, "item_id": item.id, "value": {"o1": [1, 0], "o2": [10, 4]}}
    place(ben, item, {"o1": [2, 1]})
    place(cem, item, {"o1": [4, 1], "o3": [5, 2]})

    for viewer in (presenter, screen):
        tally = tally_with(viewer, item, lambda r: r["answers"] == 3)
        assert averages(tally) == {
            "Online training": (3, 2.3, 0.7),
            "Buddy system": (1, 10.0, 4.0),
            "Wiki": (1, 5.0, 2.0),
        }
        assert tally["results"]["x"]["label"] == "Effort"
        assert tally["results"]["x"]["high_label"] == "a lot"
        assert (tally["results"]["y"]["minimum"], tally["results"]["y"]["maximum"]) == (0, 4)
    assert averages(presenter.state()["item"])["Wiki"] == (1, 5.0, 2.0)
    assert anna.state()["my_answers"] == {item.id: {"o1": [1, 0], "o2": [10, 4]}}


def test_an_item_nobody_placed_has_no_average(live):
    workshop, item, presenter = start(live)
    place(live.participant(workshop), item, {"o3": [7, 3]})

    tally = tally_with(presenter, item, lambda r: r["answers"] == 1)

    assert averages(tally) == {
        "Online training": (0, None, None),
        "Buddy system": (0, None, None),
        "Wiki": (1, 7.0, 3.0),
    }


def test_a_changed_answer_moves_the_averages(live):
    workshop, item, presenter = start(live)
    anna, ben = live.participant(workshop), live.participant(workshop)
    place(anna, item, {"o1": [2, 2], "o2": [6, 3]})
    place(ben, item, {"o1": [4, 4], "o2": [8, 1]})
    tally = tally_with(presenter, item, lambda r: r["answers"] == 2)
    assert averages(tally)["Online training"] == (2, 3.0, 3.0)
    assert averages(tally)["Buddy system"] == (2, 7.0, 2.0)

    # Anna moves one item and no longer places the other.
    place(anna, item, {"o1": [10, 4]})
    tally = tally_with(presenter, item, lambda r: r["items"][0]["x"] == 7.0)

    assert tally["results"]["answers"] == 2
    assert averages(tally) == {
        "Online training": (2, 7.0, 4.0),
        "Buddy system": (1, 8.0, 1.0),
        "Wiki": (0, None, None),
    }
    assert anna.state()["my_answers"] == {item.id: {"o1": [10, 4]}}


def test_a_repeated_answer_is_accepted_once_even_in_another_key_order(live):
    workshop, item, presenter = start(live, changeable=False)
    anna = live.participant(workshop)
    place(anna, item, {"o1": [3, 1], "o3": [9, 4]})

    assert anna.call("vote", {"item_id": item.id, "value": {"o3": [9, 4], "o1": [3, 1]}})["ok"]
    refused = anna.call("vote", {"item_id": item.id, "value": {"o1": [4, 1], "o3": [9, 4]}})

    assert refused["ok"] is False and refused["error"]["code"] == "not_changeable"
    tally = tally_with(presenter, item, lambda r: r["answers"] == 1)
    assert averages(tally)["Online training"] == (1, 3.0, 1.0)


BAD_ANSWERS = [
    (None, "invalid_answer"),
    ("o1", "invalid_answer"),
    (7, "invalid_answer"),
    ([["o1", [1, 1]]], "invalid_answer"),
    ({}, "invalid_answer"),
    ({"o1": [5]}, "invalid_answer"),
    ({"o1": [5, 2, 1]}, "invalid_answer"),
    ({"o1": 5}, "invalid_answer"),
    ({"o1": {"x": 5, "y": 2}}, "invalid_answer"),
    ({"o1": [5.5, 2]}, "invalid_answer"),
    ({"o1": [5.0, 2]}, "invalid_answer"),
    ({"o1": [True, 2]}, "invalid_answer"),
    ({"o1": ["5", 2]}, "invalid_answer"),
    ({"o1": [5, None]}, "invalid_answer"),
    ({"o1": [[[[[[5]]]]], 2]}, "invalid_answer"),
    ({f"k{n}": [1, 1] for n in range(3000)}, "invalid_answer"),
    ({"o9": [5, 2]}, "unknown_option"),
    ({"o1": [5, 2], "Wiki": [1, 1]}, "unknown_option"),
    ({"x" * 60_000: [5, 2]}, "unknown_option"),
    ({"o1": [0, 2]}, "out_of_range"),
    ({"o1": [11, 2]}, "out_of_range"),
    ({"o1": [5, -1]}, "out_of_range"),
    ({"o2": [1, 1], "o1": [5, 5]}, "out_of_range"),
    ({"o1": [10**40, 2]}, "out_of_range"),
]


def test_bad_answers_are_refused_with_their_code_and_change_nothing(live, server):
    workshop, item, presenter = start(live)
    voter = live.participant(workshop)
    place(voter, item, {"o1": [3, 1]})
    before = tally_with(presenter, item, lambda r: r["answers"] == 1)["results"]

    for value, code in BAD_ANSWERS:
        ack = voter.call("vote", {"item_id": item.id, "value": value})
        shown = repr(value)[:80]
        assert ack["ok"] is False, (shown, ack)
        assert ack["error"]["code"] == code, (shown, ack["error"])
        assert ack["error"]["message"]

    assert server.alive()
    assert presenter.state()["item"]["results"] == before
    assert voter.state()["my_answers"] == {item.id: {"o1": [3, 1]}}


def test_an_out_of_range_refusal_names_the_scale_in_the_participants_language(live):
    workshop, item, _presenter = start(live)
    voter = live.participant(workshop)

    ack = voter.call("vote", {"item_id": item.id, "value": {"o1": [5, 9]}})

    assert ack["error"]["code"] == "out_of_range"
    assert "Impact" in ack["error"]["message"] and "4" in ack["error"]["message"]


@pytest.mark.parametrize("results", ["live", "presenter"])
def test_participants_see_live_results_only_from_the_threshold_on(live, results):
    workshop, item, presenter = start(live, results=results, threshold=3)
    screen = live.screen(workshop)
    people = [live.participant(workshop) for _ in range(3)]
    place(people[0], item, {"o1": [2, 0]})
    place(people[1], item, {"o1": [4, 2], "o2": [6, 3]})

    hidden = screen.wait_for("tally", lambda p: p["answers"] == 2)
    assert hidden["results"] is None and hidden["results_visible"] is False
    assert presenter.wait_for("tally", lambda p: p["answers"] == 2)["results"]["answers"] == 2
    assert people[0].state()["item"]["results"] is None
    assert people[0].received("tally") == [], "no tally for participants below the threshold"

    place(people[2], item, {"o1": [9, 4]})

    shown = tally_with(screen, item, lambda r: r["answers"] == 3)
    assert averages(shown)["Online training"] == (3, 5.0, 2.0)
    if results == "live":
        mine = tally_with(people[0], item, lambda r: r["answers"] == 3)
        assert averages(mine) == {
            "Online training": (3, 5.0, 2.0),
            "Buddy system": (1, 6.0, 3.0),
            "Wiki": (0, None, None),
        }
        assert people[1].state()["item"]["results"]["answers"] == 3
    else:
        assert people[0].state()["item"]["results"] is None
        assert people[0].received("tally") == []


def test_a_closed_grid_refuses_placements_and_keeps_the_averages(live):
    workshop, item, presenter = start(live)
    voter, late = live.participant(workshop), live.participant(workshop)
    place(voter, item, {"o2": [8, 3]})
    assert presenter.call("close_item", {"item_id": item.id})["ok"]

    ack = late.call("vote", {"item_id": item.id, "value": {"o2": [1, 1]}})

    assert ack["error"]["code"] == "poll_closed"
    assert averages(presenter.state()["item"])["Buddy system"] == (1, 8.0, 3.0)
