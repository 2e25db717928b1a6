"""Tests for the item timers of facilitation.domain.workshop: countdowns, closing by itself,
and the speaker notes' checks."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.workshop import (
    CLOSED,
    MAX_NOTES,
    OPEN,
    PENDING,
    AgendaItem,
    armed_deadline,
    closed,
    countdown_end,
    deadline,
    is_due,
    opened,
    reopened,
    validate_notes,
    validate_timers,
)

POLL = True
CONTENT = False
T0 = 1_000_000.0


def poll(**changes):
    base = dict(
        id="i1",
        workshop_id="w1",
        position=0,
        kind="single_choice",
        title="Q",
        minutes=5,
        auto_close=True,
    )
    return AgendaItem(**{**base, **changes})


def test_opening_a_poll_that_closes_by_itself_arms_its_deadline():
    item = opened(poll(), T0, POLL)
    assert item.status == OPEN
    assert deadline(item) == T0 + 300
    assert item.closes_at == T0 + 300


def test_a_poll_without_auto_close_or_minutes_is_never_armed():
    assert opened(poll(auto_close=False), T0, POLL).closes_at is None
    assert opened(poll(minutes=0), T0, POLL).closes_at is None


def test_a_closed_poll_opened_again_stays_closed_and_unarmed():
    item = opened(poll(status=CLOSED), T0, POLL)
    assert item.status == CLOSED
    assert item.closes_at is None


def test_time_spent_on_earlier_showings_counts():
    item = opened(poll(countdown=True, spent_seconds=120.0), T0, POLL)
    assert deadline(item) == item.closes_at == T0 + 180
    assert countdown_end(item, POLL) == T0 + 180
    overrun = opened(poll(spent_seconds=400.0), T0, POLL)
    assert overrun.closes_at is None, "already over its time: it stays open"


def test_due_exactly_when_the_time_is_up():
    item = opened(poll(), T0, POLL)
    assert not is_due(item, T0 + 299.9)
    assert is_due(item, T0 + 300)
    assert is_due(item, T0 + 3600)


def test_closing_disarms_so_a_closed_poll_is_never_due():
    item = closed(opened(poll(), T0, POLL), POLL)
    assert item.closes_at is None
    assert not is_due(item, T0 + 3600)


def test_reopened_within_its_time_it_closes_at_the_same_moment():
    item = closed(opened(poll(), T0, POLL), POLL)
    again = reopened(item, POLL, T0 + 60)
    assert again.closes_at == T0 + 300
    assert is_due(again, T0 + 300)


def test_reopened_after_its_time_it_stays_open_until_closed_by_hand():
    item = closed(opened(poll(), T0, POLL), POLL)
    again = reopened(item, POLL, T0 + 301)
    assert again.status == OPEN
    assert again.closes_at is None
    assert not is_due(again, T0 + 10_000)


def test_armed_deadline_needs_an_open_poll_with_time_ahead():
    item = opened(poll(), T0, POLL)
    assert armed_deadline(item, T0) == T0 + 300
    assert armed_deadline(item, T0 + 300) is None
    assert armed_deadline(item.replace(status=PENDING), T0) is None


def test_countdown_is_shown_while_a_poll_is_open_and_for_content_while_current():
    item = opened(poll(countdown=True), T0, POLL)
    assert countdown_end(item, POLL) == T0 + 300
    assert countdown_end(closed(item, POLL), POLL) is None
    card = opened(poll(kind="content", countdown=True, auto_close=False), T0, CONTENT)
    assert card.status == PENDING
    assert countdown_end(card, CONTENT) == T0 + 300


def test_no_countdown_without_the_setting_minutes_or_opening():
    assert countdown_end(opened(poll(countdown=False), T0, POLL), POLL) is None
    assert countdown_end(opened(poll(countdown=True, minutes=0), T0, POLL), POLL) is None
    assert countdown_end(poll(countdown=True, status=OPEN), POLL) is None


def test_timers_need_minutes_and_auto_close_needs_a_poll():
    assert validate_timers(True, True, 5, POLL) == {"countdown": True, "auto_close": True}
    with pytest.raises(Refusal) as refusal:
        validate_timers(True, False, 0, POLL)
    assert refusal.value.code == "timer_needs_minutes"
    with pytest.raises(Refusal) as refusal:
        validate_timers(False, True, 5, CONTENT)
    assert refusal.value.code == "auto_close_needs_poll"
    with pytest.raises(Refusal) as refusal:
        validate_timers("yes", False, 5, POLL)
    assert refusal.value.params["field"] == "countdown"


def test_notes_are_text_up_to_the_limit():
    assert validate_notes(None) == ""
    assert validate_notes("  Line one\r\nLine two  ") == "Line one\nLine two"
    assert validate_notes("x" * MAX_NOTES) == "x" * MAX_NOTES
    with pytest.raises(Refusal) as refusal:
        validate_notes("x" * (MAX_NOTES + 1))
    assert refusal.value.code == "notes_too_long"
    with pytest.raises(Refusal) as refusal:
        validate_notes(["not", "text"])
    assert refusal.value.code == "invalid_config"
