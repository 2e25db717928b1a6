"""Breakout groups call the facilitator, over real Socket.IO connections to a real server."""

import json

from tests.integration.test_breakouts import collect, ok, opened, refused, settle, started


def grouped(people, group_id):
    """The names of those in the group ``group_id``."""
    return sorted(
        n for n, c in people.items() if c.state()["breakout"]["my_group"]["id"] == group_id
    )


def test_a_group_calls_the_presenter_answers_that_group_only_and_marks_it_handled(live):
    workshop, item, presenter, people = opened(live)
    screen = live.screen(workshop)
    started(presenter, item)
    anna = people["Anna"]
    group = anna.state()["breakout"]["my_group"]
    mates = [name for name in grouped(people, group["id"]) if name != "Anna"]
    others = [name for name in people if name not in mates and name != "Anna"]
    assert group["call"] is None and group["answer"] is None
    assert len(mates) == 1 and len(others) == 2

    first = ok(anna.call("call_facilitator", {"item_id": item.id}))["call"]
    again = ok(people[mates[0]].call("call_facilitator", {"item_id": item.id}))["call"]
    assert again == first, "the group's call, queued once however often it is pressed"

    fact = presenter.wait_for("help_calls", lambda p: p["item_id"] == item.id and p["calls"])
    (queued,) = fact["calls"]
    assert queued == {
        "id": first["id"],
        "group_id": group["id"],
        "group": group["number"],
        "group_name": "",
        "called_at": first["called_at"],
        "answer": "",
        "answered_at": None,
    }
    assert presenter.state()["breakout"]["calls"] == [queued]
    mate = people[mates[0]]
    assert mate.state()["breakout"]["my_group"]["call"] == first
    mate.wait_for("group_changed", lambda p: p["group"] and p["group"]["call"] == first)
    for name in others:
        assert people[name].state()["breakout"]["my_group"]["call"] is None

    # A second group calls later: the queue is oldest first.
    second = ok(people[others[0]].call("call_facilitator", {"item_id": item.id}))["call"]
    calls = presenter.state()["breakout"]["calls"]
    assert [c["id"] for c in calls] == [first["id"], second["id"]]

    # The answer reaches the calling group only; the call stays, answered, until handled.
    answer = {"item_id": item.id, "call_id": first["id"], "text": "  I'll join you\nin a minute "}
    answered = ok(presenter.call("answer_call", answer))["call"]
    assert answered["answer"] == "I'll join you in a minute" and answered["answered_at"]
    heard = settle(presenter, item, presenter=presenter, screen=screen, **people)
    for name, client in people.items():
        mine = client.state()["breakout"]["my_group"]["answer"]
        if name == "Anna" or name in mates:
            assert mine == {"text": "I'll join you in a minute", "at": answered["answered_at"]}
        else:
            assert mine is None
            assert "join you in a minute" not in json.dumps(heard[name]), name
    assert [c["answer"] for c in presenter.state()["breakout"]["calls"]][0] == answered["answer"]

    ok(presenter.call("handle_call", {"item_id": item.id, "call_id": first["id"]}))
    assert [c["id"] for c in presenter.state()["breakout"]["calls"]] == [second["id"]]
    state = anna.state()["breakout"]["my_group"]
    assert state["call"] is None and state["answer"]["text"] == "I'll join you in a minute"
    presenter.wait_for("help_calls", lambda p: [c["id"] for c in p["calls"]] == [second["id"]])

    # The withdrawal ("we are fine again") empties the queue; the screen heard nothing of it.
    ok(people[others[1]].call("withdraw_call", {"item_id": item.id}))
    assert ok(people[others[1]].call("withdraw_call", {"item_id": item.id}))["call"] is None
    assert presenter.state()["breakout"]["calls"] == []
    heard = settle(presenter, item, screen=screen)
    seen = json.dumps([screen.state(), screen.log, heard])
    assert "help_calls" not in seen and first["id"] not in seen and "join you" not in seen
    assert "calls" not in screen.state()["breakout"]


def test_the_recall_closes_open_calls_and_the_call_survives_a_reconnect(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben"))
    started(presenter, item, grouping={"mode": "count", "count": 1})
    call = ok(people["Anna"].call("call_facilitator", {"item_id": item.id}))["call"]

    again = live.participant(workshop, cookie=people["Anna"].cookie)
    assert again.state()["breakout"]["my_group"]["call"] == call
    moderator = live._client(
        {"role": "moderator", "workshop_id": workshop.id, "key": workshop.moderator_token}
    )
    assert [c["id"] for c in moderator.state()["breakout"]["calls"]] == [call["id"]]
    reply = {"item_id": item.id, "call_id": call["id"], "text": "A moderator writes"}
    assert ok(moderator.call("answer_call", reply))["call"]["answer"] == "A moderator writes"
    moderator.wait_for("help_calls", lambda p: p["calls"][0]["answer"] == "A moderator writes")
    assert again.state()["breakout"]["my_group"]["answer"]["text"] == "A moderator writes"

    ok(presenter.call("end_breakout", {"item_id": item.id}))
    collect(presenter, lambda n, p: n == "help_calls" and p["calls"] == [])
    assert presenter.state()["breakout"]["calls"] == []
    assert again.state()["breakout"]["my_group"]["call"] is None
    closed = {"item_id": item.id, "call_id": call["id"]}
    assert refused(presenter.call("handle_call", closed), "call_closed")
    assert refused(presenter.call("answer_call", {**closed, "text": "Hi"}), "call_closed")
    assert refused(again.call("call_facilitator", {"item_id": item.id}), "breakout_not_running")

    # A resumed round starts with an empty queue; the group may call again.
    ok(presenter.call("extend_breakout", {"item_id": item.id, "minutes": 5}))
    assert presenter.state()["breakout"]["calls"] == []
    fresh = ok(again.call("call_facilitator", {"item_id": item.id}))["call"]
    assert fresh["id"] != call["id"]


def test_bad_calls_answers_and_senders_are_refused_readably(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben"))
    screen = live.screen(workshop)
    anna = people["Anna"]
    call = {"item_id": item.id}
    assert refused(anna.call("call_facilitator", call), "breakout_not_started")
    ok(presenter.call("form_groups", {"item_id": item.id}))
    assert refused(anna.call("call_facilitator", call), "breakout_not_running")
    started(presenter, item)

    welcome = live.items(workshop)[0]
    assert refused(anna.call("call_facilitator", {"item_id": welcome.id}), "not_breakout")
    assert refused(anna.call("call_facilitator", {}), "invalid_payload")
    assert refused(anna.call("call_facilitator", {"item_id": "nope"}), "unknown_item")
    assert refused(presenter.call("call_facilitator", call), "participant_only")
    assert refused(screen.call("withdraw_call", call), "participant_only")

    queued = ok(anna.call("call_facilitator", call))["call"]
    answer = {**call, "call_id": queued["id"], "text": "Hello"}
    assert refused(anna.call("answer_call", answer), "presenter_only")
    assert refused(screen.call("handle_call", answer), "presenter_only")
    assert refused(presenter.call("answer_call", {**answer, "call_id": "nope"}), "unknown_call")
    assert refused(presenter.call("answer_call", {**answer, "call_id": 7}), "unknown_call")
    assert refused(presenter.call("handle_call", call), "invalid_payload")
    assert refused(presenter.call("answer_call", {**answer, "text": "  "}), "text_required")
    too_long = presenter.call("answer_call", {**answer, "text": "x" * 201})
    assert refused(too_long, "text_too_long")
    assert refused(presenter.call("answer_call", {**answer, "text": "a\u202eb"}), "invalid_text")
    assert refused(presenter.call("answer_call", {**answer, "text": 5}), "invalid_payload")
    assert [c["answer"] for c in presenter.state()["breakout"]["calls"]] == [""]


def test_someone_without_a_group_cannot_call(live):
    workshop, item, presenter, people = opened(live, names=("Anna",))
    started(presenter, item, grouping={"mode": "choose", "groups": ["Garden", "Kitchen"]})
    anna = people["Anna"]
    assert refused(anna.call("call_facilitator", {"item_id": item.id}), "no_group")
    assert refused(anna.call("withdraw_call", {"item_id": item.id}), "no_group")
    assert presenter.state()["breakout"]["calls"] == []
