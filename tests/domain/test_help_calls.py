"""Tests for the groups' calls for help: the queue, one call per group, answers, the recall."""

import itertools

import pytest

from facilitation.domain.breakouts import ENDED, FORMING, RUNNING, Breakout, Group, Round
from facilitation.domain.errors import Refusal
from facilitation.domain.help_calls import (
    HANDLED,
    RECALLED,
    WITHDRAWN,
    answered,
    called,
    closed_by_recall,
    handled,
    last_answer,
    open_call,
    queue,
    waiting_call,
    withdrawn,
)
from facilitation.messages import MESSAGES


def a_round(status=RUNNING) -> Breakout:
    """Two groups: Anna and Ben in group 1, Cem in group 2; Dana in none."""
    groups = {"g1": Group("g1", "i1", 1), "g2": Group("g2", "i1", 2, "Kitchen")}
    members = {"anna": "g1", "ben": "g1", "cem": "g2"}
    return Breakout(
        Round("i1", "w1", "count", status), [{"id": "p1", "text": "?"}], groups, members
    )


def ids():
    counter = itertools.count(1)
    return lambda: f"c{next(counter)}"


def keep(breakout, call):
    breakout.calls[call.id] = call
    return call


def code_of(function, *args) -> str:
    with pytest.raises(Refusal) as refusal:
        function(*args)
    assert refusal.value.code in MESSAGES
    return refusal.value.code


def test_calls_queue_oldest_first_and_carry_no_participant():
    breakout, new_id = a_round(), ids()
    second, new = called(breakout, "cem", new_id, 20.0)
    assert new
    keep(breakout, second)
    first, _ = called(breakout, "anna", new_id, 10.0)
    keep(breakout, first)

    assert [call.group_id for call in queue(breakout)] == ["g1", "g2"]
    assert first.item_id == "i1" and first.called_at == 10.0 and first.open
    assert "anna" not in repr(first), "the call is the group's, not a person's"


def test_a_group_calls_once_however_many_members_press():
    breakout, new_id = a_round(), ids()
    call = keep(breakout, called(breakout, "anna", new_id, 10.0)[0])

    again, new = called(breakout, "ben", new_id, 11.0)
    assert (again, new) == (call, False)
    assert called(breakout, "anna", new_id, 12.0) == (call, False)
    assert len(queue(breakout)) == 1
    assert open_call(breakout, "g1") == call and open_call(breakout, "g2") is None


def test_calling_needs_a_running_round_and_a_group():
    for status in (FORMING, ENDED):
        assert code_of(called, a_round(status), "anna", ids(), 1.0) == "breakout_not_running"
    assert code_of(called, a_round(), "dana", ids(), 1.0) == "no_group"


def test_withdrawing_closes_the_groups_call_and_a_new_call_may_follow():
    breakout, new_id = a_round(), ids()
    call = keep(breakout, called(breakout, "anna", new_id, 10.0)[0])

    closed = keep(breakout, withdrawn(breakout, "ben", 15.0))
    assert closed.id == call.id and closed.closed_by == WITHDRAWN and closed.closed_at == 15.0
    assert queue(breakout) == []
    assert withdrawn(breakout, "anna", 16.0) is None, "nothing open: nothing changes"
    assert code_of(withdrawn, breakout, "dana", 16.0) == "no_group"

    again, new = called(breakout, "anna", new_id, 20.0)
    assert new and again.id != call.id


def test_an_answer_goes_to_the_call_which_stays_until_handled():
    breakout, new_id = a_round(), ids()
    call = keep(breakout, called(breakout, "cem", new_id, 10.0)[0])

    reply = keep(breakout, answered(breakout, call.id, "  I'll join\nyou soon ", 30.0))
    assert (reply.answer, reply.answered_at, reply.open) == ("I'll join you soon", 30.0, True)
    assert queue(breakout) == [reply]
    assert last_answer(breakout, "g2") == reply and last_answer(breakout, "g1") is None

    done = keep(breakout, handled(breakout, call.id, 40.0))
    assert done.closed_by == HANDLED and queue(breakout) == []
    assert last_answer(breakout, "g2") == done, "the group keeps the answer it got"


def test_answering_or_handling_refuses_unknown_and_closed_calls_and_bad_text():
    breakout, new_id = a_round(), ids()
    call = keep(breakout, called(breakout, "anna", new_id, 10.0)[0])
    assert code_of(answered, breakout, call.id, "", 11.0) == "text_required"
    assert code_of(answered, breakout, call.id, "x" * 201, 11.0) == "text_too_long"
    assert code_of(answered, breakout, call.id, "a\u202eb", 11.0) == "invalid_text"
    for bad in ("nope", None, 7):
        assert code_of(answered, breakout, bad, "Hi", 11.0) == "unknown_call"
        assert code_of(handled, breakout, bad, 11.0) == "unknown_call"

    keep(breakout, handled(breakout, call.id, 12.0))
    assert code_of(answered, breakout, call.id, "Hi", 13.0) == "call_closed"
    assert code_of(handled, breakout, call.id, 13.0) == "call_closed"
    assert code_of(waiting_call, breakout, call.id) == "call_closed"


def test_the_recall_closes_every_open_call():
    breakout, new_id = a_round(), ids()
    one = keep(breakout, called(breakout, "anna", new_id, 10.0)[0])
    two = keep(breakout, called(breakout, "cem", new_id, 11.0)[0])
    keep(breakout, handled(breakout, one.id, 12.0))

    closed = closed_by_recall(breakout, 50.0)
    assert [(call.id, call.closed_by, call.closed_at) for call in closed] == [
        (two.id, RECALLED, 50.0)
    ]
    for call in closed:
        keep(breakout, call)
    assert queue(breakout) == []
    assert closed_by_recall(breakout, 60.0) == []
