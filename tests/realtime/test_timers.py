"""Tests for facilitation.realtime.timers: the sweep that closes polls whose time is up.

The sweep takes ``now`` as an argument (the janitor passes the wall clock), so these tests
run it at chosen moments in-process; tests/integration/test_item_timers.py runs the real one.
"""

from facilitation.domain.workshop import CLOSED, OPEN, opened
from facilitation.realtime.rooms import ROLES, room
from facilitation.realtime.timers import close_due_polls
from facilitation.workshops import create_workshop

T0 = 2_000_000_000.0
DEFINITION = {
    "title": "Timers",
    "language": "en",
    "items": [
        {
            "kind": "single_choice",
            "title": "Ready?",
            "minutes": 2,
            "auto_close": True,
            "config": {"options": ["Yes", "No"]},
        },
        {
            "kind": "single_choice",
            "title": "Untimed",
            "minutes": 2,
            "config": {"options": ["A", "B"]},
        },
    ],
}


def open_both(store):
    workshop = create_workshop(store, DEFINITION)
    timed, untimed = store.items(workshop.id)
    store.set_current_item(workshop, opened(untimed, T0, True))
    workshop = store.set_current_item(workshop, opened(timed, T0, True))
    return workshop, timed, untimed


def test_nothing_closes_before_the_time_is_up(app, store):
    workshop, timed, _ = open_both(store)
    live = app.extensions["facilitation.live"]
    assert store.item(workshop.id, timed.id).closes_at == T0 + 120
    assert close_due_polls(live, T0 + 119.9) == []
    assert store.item(workshop.id, timed.id).status == OPEN


def test_a_due_poll_is_closed_in_storage_then_announced_to_everyone(app, store):
    workshop, timed, untimed = open_both(store)
    live = app.extensions["facilitation.live"]

    messages = close_due_polls(live, T0 + 120)

    closed = store.item(workshop.id, timed.id)
    assert (closed.status, closed.closes_at) == (CLOSED, None)
    assert store.item(workshop.id, untimed.id).status == OPEN, "only polls with auto_close"
    assert sorted(to for _, _, to in messages) == sorted(room(workshop.id, r) for r in ROLES)
    for name, payload, _ in messages:
        assert name == "item_closed"
        assert payload["item"]["id"] == timed.id and payload["item"]["status"] == CLOSED
    assert close_due_polls(live, T0 + 500) == [], "closed once"
