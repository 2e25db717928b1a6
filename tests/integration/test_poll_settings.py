"""What every poll shares: who sees results, the anonymity threshold, reveal, reset, one answer."""

from tests.support import post_form


def poll(results="presenter", changeable=True, threshold=3):
    return {
        "title": "Settings",
        "language": "en",
        "anonymity_threshold": threshold,
        "items": [
            {
                "kind": "single_choice",
                "title": "Pick one",
                "minutes": 3,
                "config": {
                    "options": ["A", "B", "C"],
                    "results": results,
                    "changeable": changeable,
                },
            }
        ],
    }


def start(live, definition):
    workshop = live.workshop(definition)
    item = live.items(workshop)[0]
    presenter = live.presenter(workshop)
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    return workshop, item, presenter


def vote(client, item, option="o1"):
    ack = client.call("vote", {"item_id": item.id, "value": option})
    assert ack["ok"], ack
    return ack


def test_below_the_threshold_only_the_presenter_sees_results(live):
    workshop, item, presenter = start(live, poll(results="live", threshold=3))
    screen = live.screen(workshop)
    people = [live.participant(workshop) for _ in range(3)]
    vote(people[0], item)
    vote(people[1], item, "o2")

    shown = screen.wait_for("tally", lambda p: p["answers"] == 2)
    assert shown["results"] is None and shown["results_visible"] is False
    assert presenter.wait_for("tally", lambda p: p["answers"] == 2)["results"]["answers"] == 2
    assert people[0].state()["item"]["results"] is None
    assert people[0].received("tally") == [], "participants get no tally below the threshold"

    vote(people[2], item, "o2")
    assert screen.wait_for("tally", lambda p: p["answers"] == 3)["results"]["answers"] == 3
    live_results = people[0].wait_for("tally", lambda p: p["answers"] == 3)
    assert [o["count"] for o in live_results["results"]["options"]] == [1, 2, 0]


def test_presenter_mode_keeps_results_from_participants_until_revealed(live):
    workshop, item, presenter = start(live, poll(results="presenter", threshold=1))
    screen, voter = live.screen(workshop), live.participant(workshop)
    vote(voter, item)
    assert screen.wait_for("tally", lambda p: p["answers"] == 1)["results"] is not None
    assert voter.state()["item"]["results"] is None

    assert presenter.call("reveal_results", {"item_id": item.id}) == {
        "ok": True,
        "item_id": item.id,
        "revealed": True,
    }
    revealed = voter.wait_for("item_updated")
    assert revealed["item"]["revealed"] is True
    assert revealed["item"]["results"]["answers"] == 1

    assert presenter.call("hide_results", {"item_id": item.id})["revealed"] is False
    assert voter.wait_for("item_updated")["item"]["results"] is None


def test_hidden_mode_shows_nothing_to_the_screen_until_revealed(live):
    workshop, item, presenter = start(live, poll(results="hidden", threshold=1))
    screen, voter = live.screen(workshop), live.participant(workshop)
    vote(voter, item)
    tally = screen.wait_for("tally", lambda p: p["answers"] == 1)
    assert tally["results"] is None
    assert presenter.state()["item"]["results"]["answers"] == 1
    assert presenter.call("reveal_results", {"item_id": item.id})["ok"]
    assert screen.wait_for("item_updated")["item"]["results"]["answers"] == 1


def test_reset_deletes_every_answer_for_everyone(live):
    workshop, item, presenter = start(live, poll(results="live", threshold=1))
    people = [live.participant(workshop) for _ in range(3)]
    for person in people:
        vote(person, item, "o3")
    presenter.wait_for("tally", lambda p: p["answers"] == 3)
    assert presenter.call("reveal_results", {"item_id": item.id})["ok"]

    assert presenter.call("reset_item", {"item_id": item.id}) == {
        "ok": True,
        "item_id": item.id,
        "answers": 0,
    }
    reset = people[0].wait_for("item_reset")
    assert reset["item"]["answers"] == 0 and reset["item"]["revealed"] is False
    assert people[0].state()["my_answers"] == {}
    assert presenter.state()["item"]["results"]["answers"] == 0

    vote(people[1], item, "o2")
    counts = presenter.wait_for("tally", lambda p: p["answers"] == 1)["results"]["options"]
    assert [o["count"] for o in counts] == [0, 1, 0]


def test_a_poll_that_takes_one_answer_refuses_a_change(live):
    workshop, item, presenter = start(live, poll(changeable=False, threshold=1))
    voter = live.participant(workshop)
    vote(voter, item, "o1")
    vote(voter, item, "o1")
    refused = voter.call("vote", {"item_id": item.id, "value": "o2"})
    assert refused["ok"] is False and refused["error"]["code"] == "not_changeable"
    assert voter.state()["my_answers"] == {item.id: "o1"}
    assert presenter.state()["item"]["results"]["options"][0]["count"] == 1


def test_the_presenter_changes_the_threshold_and_only_the_presenter(live):
    workshop, item, presenter = start(live, poll(results="presenter", threshold=5))
    screen, voter = live.screen(workshop), live.participant(workshop)
    vote(voter, item)
    assert screen.wait_for("tally", lambda p: p["answers"] == 1)["results"] is None

    for bad in (0, 51, "3", None, True, 2.5):
        ack = presenter.call("set_threshold", {"threshold": bad})
        assert ack["ok"] is False and ack["error"]["code"] == "out_of_range", bad
    missing = presenter.call("set_threshold", {})
    assert missing["ok"] is False and missing["error"]["code"] == "invalid_payload"
    assert voter.call("set_threshold", {"threshold": 1})["error"]["code"] == "presenter_only"
    assert screen.call("reset_item", {"item_id": item.id})["error"]["code"] == "presenter_only"

    assert presenter.call("set_threshold", {"threshold": 1}) == {
        "ok": True,
        "anonymity_threshold": 1,
    }
    updated = screen.wait_for("item_updated")
    assert updated["item"]["threshold"] == 1 and updated["item"]["results"]["answers"] == 1


def test_presenter_commands_refuse_content_items_and_foreign_ids(live):
    workshop, item, presenter = start(live, poll())
    other = live.workshop(poll())
    foreign = live.items(other)[0]
    content = live.workshop(
        {"title": "C", "items": [{"kind": "content", "title": "Text", "config": {"body": "x"}}]}
    )
    for command in ("reveal_results", "hide_results", "reset_item"):
        assert presenter.call(command, {"item_id": foreign.id})["error"]["code"] == "unknown_item"
        assert presenter.call(command, {})["error"]["code"] == "invalid_payload"
    text_presenter = live.presenter(content)
    text_item = live.items(content)[0]
    ack = text_presenter.call("reveal_results", {"item_id": text_item.id})
    assert ack["error"]["code"] == "not_answerable"
    assert (
        presenter.call("hide_answer", {"item_id": item.id, "answer_id": "nope"})["error"]["code"]
        == "unknown_answer"
    )
    assert (
        presenter.call("hide_answer", {"item_id": item.id, "answer_id": "x", "hidden": "yes"})[
            "error"
        ]["code"]
        == "invalid_payload"
    )
    assert (
        presenter.call("highlight_answer", {"item_id": item.id, "answer_id": 7})["error"]["code"]
        == "unknown_answer"
    )


def test_presenters_hear_about_activities_added_from_the_form(live):
    workshop, item, presenter = start(live, poll())
    status, _, _ = post_form(
        live.url,
        f"/presenter/{workshop.id}/items/new?key={workshop.presenter_token}&kind=single_choice",
        {"title": "Another?", "minutes": "2", "options": "Yes\nNo", "results": "live"},
    )
    assert status == 302
    changed = presenter.wait_for("agenda_changed")
    assert [entry["title"] for entry in changed["agenda"]["items"]] == ["Pick one", "Another?"]
