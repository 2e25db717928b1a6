"""Commitments ("my next small step") over real Socket.IO connections to a real server process.

The point of the kind is that a step not shared stays with its writer; every test checks
what the presenter and the screen receive, not only what they show.
"""

import json

TITLE = "My next small step"
PRIVATE = "Talk to my boss PRIVATESTEP"


def definition(threshold=1, **config):
    """A workshop with a commitment and an open-text poll after it."""
    return {
        "title": "Commitment workshop",
        "language": "en",
        "anonymity_threshold": threshold,
        "items": [
            {"kind": "commitment", "title": TITLE, "minutes": 3, "config": config},
            {"kind": "open_text", "title": "Anything else?", "minutes": 2, "config": {}},
        ],
    }


def start(live, threshold=1, **config):
    """Create the workshop, connect presenter and screen, open the commitment."""
    workshop = live.workshop(definition(threshold, **config))
    item, other = live.items(workshop)
    presenter = live.presenter(workshop)
    screen = live.screen(workshop)
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    return workshop, item, other, presenter, screen


def write(participant, item, text, shared):
    """Send one step and return the ack."""
    return participant.call("vote", {"item_id": item.id, "value": {"text": text, "shared": shared}})


def tally_where(client, item, predicate, timeout=5):
    """The first ``tally`` for ``item`` whose results satisfy ``predicate``."""
    return client.wait_for(
        "tally",
        lambda p: p["item_id"] == item.id and p["results"] and predicate(p["results"]),
        timeout=timeout,
    )


def texts(results):
    return [card["text"] for card in results["cards"]]


def everything(client) -> str:
    """Every message the client received so far, and its current state, as one text."""
    return json.dumps([client.log, client.state()], ensure_ascii=False)


def test_a_shared_step_reaches_the_presenter_an_unshared_one_only_counts(live):
    workshop, item, _, presenter, screen = start(live)
    anna, ben = live.participant(workshop, "Anna"), live.participant(workshop, "Ben")

    ack = write(anna, item, "  Ask my team what slows them down \n", True)
    assert ack == {
        "ok": True,
        "item_id": item.id,
        "value": {"text": "Ask my team what slows them down", "shared": True},
    }
    assert write(ben, item, PRIVATE, False)["ok"]

    tally = tally_where(presenter, item, lambda r: r["answers"] == 2)
    results = tally["results"]
    assert tally["answers"] == 2
    assert results["shared"] == 1 and results["hidden"] == 0 and results["more"] == 0
    assert results["cards"] == [
        {
            "id": results["cards"][0]["id"],
            "text": "Ask my team what slows them down",
            "hidden": False,
        }
    ]
    assert presenter.state()["item"]["results"] == results
    assert "Anna" not in json.dumps(results), "cards carry no names"
    assert ben.state()["my_answers"] == {item.id: {"text": PRIVATE, "shared": False}}
    for viewer in (presenter, screen, anna):
        assert PRIVATE not in everything(viewer)


def test_by_default_the_screen_sees_cards_only_after_the_presenter_reveals(live):
    workshop, item, _, presenter, screen = start(live)
    writer = live.participant(workshop)
    assert write(writer, item, "Five minutes of looking back each Friday", True)["ok"]
    tally_where(presenter, item, lambda r: r["shared"] == 1)

    hidden = screen.wait_for("tally", lambda p: p["item_id"] == item.id and p["answers"] == 1)
    assert hidden["results"] is None and hidden["results_visible"] is False
    assert screen.state()["item"]["results"] is None
    assert "Five minutes" not in everything(screen)

    assert presenter.call("reveal_results", {"item_id": item.id})["ok"]

    shown = screen.wait_for("item_updated", lambda p: p["item"]["id"] == item.id)["item"]
    assert shown["results_visible"] is True
    assert texts(shown["results"]) == ["Five minutes of looking back each Friday"]
    assert "hidden" not in shown["results"]
    assert all("hidden" not in card for card in shown["results"]["cards"])
    assert texts(writer.state()["item"]["results"]) == ["Five minutes of looking back each Friday"]


def test_with_results_for_presenter_and_screen_cards_arrive_and_participants_see_none(live):
    workshop, item, _, presenter, screen = start(live, results="presenter")
    writer, reader = live.participant(workshop), live.participant(workshop)
    assert write(writer, item, "Ask one question more", True)["ok"]
    assert write(reader, item, PRIVATE, False)["ok"]

    tally = tally_where(screen, item, lambda r: r["answers"] == 2)

    assert texts(tally["results"]) == ["Ask one question more"]
    assert reader.state()["item"]["results"] is None
    assert PRIVATE not in everything(screen) and PRIVATE not in everything(writer)


def test_unsharing_a_step_removes_its_card_everywhere(live):
    workshop, item, _, presenter, screen = start(live, results="live")
    writer, other = live.participant(workshop), live.participant(workshop)
    assert write(other, item, "Celebrate one fixed mistake", True)["ok"]
    assert write(writer, item, "Tell the team about my mistake", True)["ok"]
    both = ["Tell the team about my mistake", "Celebrate one fixed mistake"]
    answer_id = tally_where(presenter, item, lambda r: texts(r) == both)["results"]["cards"][0][
        "id"
    ]
    tally_where(screen, item, lambda r: texts(r) == both)
    assert presenter.call("highlight_answer", {"item_id": item.id, "answer_id": answer_id})["ok"]
    spotlight = {"id": answer_id, "text": "Tell the team about my mistake"}
    screen.wait_for("item_updated", lambda p: p["item"]["results"]["highlight"] == spotlight)

    assert write(writer, item, "Tell the team about my mistake", False)["ok"]

    for viewer in (presenter, screen, other):
        tally = tally_where(viewer, item, lambda r: texts(r) == ["Celebrate one fixed mistake"])
        assert tally["results"]["answers"] == 2 and tally["results"]["shared"] == 1
        assert tally["results"]["highlight"] is None, "an unshared step is highlighted nowhere"
    assert writer.state()["my_answers"] == {
        item.id: {"text": "Tell the team about my mistake", "shared": False}
    }

    assert write(writer, item, PRIVATE, False)["ok"]
    assert write(writer, item, "Tell the team, then ask for theirs", True)["ok"]
    tally = tally_where(
        presenter, item, lambda r: texts(r)[0] == "Tell the team, then ask for theirs"
    )
    assert tally["results"]["cards"][0]["id"] == answer_id, "the step keeps its id"
    for viewer in (presenter, screen, other):
        assert PRIVATE not in everything(viewer)


def test_the_presenter_hides_a_shared_step_from_everyone_else(live):
    workshop, item, _, presenter, screen = start(live, results="live")
    kind, rude = live.participant(workshop), live.participant(workshop)
    assert write(kind, item, "Listen first", True)["ok"]
    assert write(rude, item, "Nothing, this is nonsense", True)["ok"]
    results = tally_where(presenter, item, lambda r: r["shared"] == 2)["results"]
    rude_id = next(c["id"] for c in results["cards"] if c["text"].startswith("Nothing"))

    ack = presenter.call("hide_answer", {"item_id": item.id, "answer_id": rude_id})

    assert ack == {"ok": True, "item_id": item.id, "answer_id": rude_id, "hidden": True}
    for viewer in (screen, kind):
        tally = tally_where(viewer, item, lambda r: texts(r) == ["Listen first"])
        assert tally["results"]["shared"] == 1 and tally["results"]["answers"] == 2
    moderated = tally_where(presenter, item, lambda r: r["hidden"] == 1)["results"]
    assert [(c["text"], c["hidden"]) for c in moderated["cards"]] == [
        ("Nothing, this is nonsense", True),
        ("Listen first", False),
    ]
    ack = presenter.call("highlight_answer", {"item_id": item.id, "answer_id": rude_id})
    assert ack["ok"] is False and ack["error"]["code"] == "unknown_answer"


def test_bad_steps_are_refused_with_their_code_and_change_nothing(live):
    workshop, item, other, presenter, _screen = start(live)
    participant = live.participant(workshop)
    assert write(participant, item, "Trust", True)["ok"]
    before = tally_where(presenter, item, lambda r: texts(r) == ["Trust"])["results"]

    cases = [
        (None, "invalid_answer"),
        ("Trust", "invalid_answer"),
        (["Trust", True], "invalid_answer"),
        ({"text": "Trust"}, "invalid_answer"),
        ({"text": "Trust", "shared": "true"}, "invalid_answer"),
        ({"text": "Trust", "shared": False, "participant": "Anna"}, "invalid_answer"),
        ({"text": {"$gt": ""}, "shared": False}, "invalid_answer"),
        ({"text": "nul\x00byte", "shared": False}, "invalid_answer"),
        ({"text": "   ", "shared": True}, "step_required"),
        ({"text": "x" * 281, "shared": False}, "step_too_long"),
        ({"text": "y" * 60_000, "shared": True}, "step_too_long"),
    ]
    for value, code in cases:
        ack = participant.call("vote", {"item_id": item.id, "value": value})
        assert ack["ok"] is False, (str(value)[:50], ack)
        assert ack["error"]["code"] == code, (str(value)[:50], ack["error"])
        assert ack["error"]["message"]
    assert "280" in write(participant, item, "x" * 281, True)["error"]["message"]
    elsewhere = participant.call(
        "vote", {"item_id": other.id, "value": {"text": "A", "shared": True}}
    )
    assert elsewhere["error"]["code"] == "not_current"

    assert presenter.state()["item"]["results"] == before
    assert participant.state()["my_answers"] == {item.id: {"text": "Trust", "shared": True}}
    assert write(participant, item, "x" * 280, False)["ok"], "exactly the limit is fine"


def test_below_the_threshold_the_screen_gets_no_cards_even_when_revealed(live):
    workshop, item, _, presenter, screen = start(live, threshold=3, results="live")
    people = [live.participant(workshop) for _ in range(3)]
    assert write(people[0], item, "One", True)["ok"]
    assert write(people[1], item, PRIVATE, False)["ok"]
    tally_where(presenter, item, lambda r: r["answers"] == 2)
    below = screen.wait_for("tally", lambda p: p["item_id"] == item.id and p["answers"] == 2)
    assert below["results"] is None

    assert write(people[2], item, "Three", True)["ok"]

    tally = tally_where(screen, item, lambda r: r["answers"] == 3)
    assert texts(tally["results"]) == ["Three", "One"] and tally["results"]["shared"] == 2
    assert PRIVATE not in everything(screen)
