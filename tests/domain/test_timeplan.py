"""The time plan: time left, planned and projected end, slip, and the two replans."""

import pytest

from facilitation.domain.timeplan import (
    MINUTE,
    droppings,
    plan_start,
    shortening,
    started,
    target_minutes,
    time_plan,
)
from facilitation.domain.workshop import Agenda, AgendaItem

START = 1_800_000_000.0  # the workshop began here (seconds since the epoch)


def item(key, minutes, **state):
    return AgendaItem(
        key, "w", position=int(key[1:]), kind="content", title=key.upper(), minutes=minutes, **state
    )


def agenda(*items):
    return list(items)


# A 60-minute workshop: 5 + 10 + 20 + 15 + 10.
def canonical(**current):
    return agenda(
        item("i0", 5, opened_at=START, spent_seconds=5 * MINUTE),
        item("i1", 10, **current),
        item("i2", 20),
        item("i3", 15),
        item("i4", 10),
    )


def test_on_plan_the_projected_end_is_the_planned_end():
    now = START + 8 * MINUTE  # three minutes into the 10-minute item i1
    items = canonical(opened_at=START + 5 * MINUTE)
    plan = time_plan(items, "i1", now, START)
    assert plan.planned_end == START + 60 * MINUTE
    assert plan.current_left == 7 * MINUTE
    assert plan.projected_end == plan.planned_end
    assert plan.slip == 0 and plan.slip_minutes == 0


def test_an_overrun_moves_the_projected_end_minute_by_minute():
    # i1 opened at 5 min and still runs at 19 min: 4 minutes over its 10.
    items = canonical(opened_at=START + 5 * MINUTE)
    plan = time_plan(items, "i1", START + 19 * MINUTE, START)
    assert plan.current_left == -4 * MINUTE
    assert plan.projected_end == START + 64 * MINUTE
    assert plan.slip_minutes == 4


def test_a_slow_earlier_item_is_carried_forward():
    # i0 took 9 minutes instead of 5; i1 just opened and has its full 10 minutes.
    items = agenda(
        item("i0", 5, opened_at=START, spent_seconds=9 * MINUTE),
        item("i1", 10, opened_at=START + 9 * MINUTE),
        item("i2", 45),
    )
    plan = time_plan(items, "i1", START + 9 * MINUTE, START)
    assert plan.current_left == 10 * MINUTE
    assert plan.slip_minutes == 4


def test_a_revisited_item_keeps_what_was_spent_on_it_before():
    items = agenda(item("i0", 10, opened_at=START + 20 * MINUTE, spent_seconds=6 * MINUTE))
    plan = time_plan(items, "i0", START + 21 * MINUTE, START)
    assert plan.current_left == 3 * MINUTE


def test_ahead_of_plan_the_slip_is_negative():
    items = agenda(
        item("i0", 10, opened_at=START, spent_seconds=4 * MINUTE),
        item("i1", 10, opened_at=START + 4 * MINUTE),
    )
    plan = time_plan(items, "i1", START + 4 * MINUTE, START)
    assert plan.slip == -6 * MINUTE
    assert plan.slip_minutes == -6


@pytest.mark.parametrize(
    ("over", "minutes"), [(10, 0), (29, 0), (30, 1), (4 * MINUTE + 29, 4), (4 * MINUTE + 30, 5)]
)
def test_the_slip_in_minutes_is_rounded_half_up(over, minutes):
    items = canonical(opened_at=START + 5 * MINUTE)
    plan = time_plan(items, "i1", START + 15 * MINUTE + over, START)
    assert plan.slip == over
    assert plan.slip_minutes == minutes


def test_in_the_lobby_everything_not_started_is_still_to_come():
    items = agenda(item("i0", 5, opened_at=START, spent_seconds=7 * MINUTE), item("i1", 10))
    plan = time_plan(items, None, START + 7 * MINUTE, START)
    assert plan.current_left is None
    assert plan.projected_end == START + 17 * MINUTE
    assert plan.slip_minutes == 2


def test_before_the_start_the_plan_counts_from_the_planned_start():
    items = agenda(item("i0", 30), item("i1", 30))
    plan = time_plan(items, None, START - 15 * MINUTE, START)
    assert plan.planned_end == START + 60 * MINUTE
    assert plan.projected_end == plan.planned_end


def test_the_organizers_planned_length_is_the_target():
    items = canonical(opened_at=START + 5 * MINUTE)
    plan = time_plan(items, "i1", START + 8 * MINUTE, START, planned_minutes=75)
    assert plan.planned_end == START + 75 * MINUTE
    assert plan.slip_minutes == -15
    assert target_minutes(None, items) == 60
    assert target_minutes(75, items) == 75


def test_dropped_items_are_not_to_come_and_not_in_the_target():
    items = agenda(item("i0", 10, opened_at=START), item("i1", 20, skipped=True), item("i2", 30))
    plan = time_plan(items, "i0", START, START)
    assert plan.projected_end == START + 40 * MINUTE
    assert target_minutes(None, items) == 40


def test_an_item_that_was_shown_has_started():
    assert started(item("i0", 5, opened_at=START), None)
    assert started(item("i0", 5), "i0")
    assert not started(item("i0", 5), "i1")


# -- shortening -----------------------------------------------------------------------


def minutes_after(plan, items):
    changed = {key: after for key, _, after in plan.changes}
    return [changed.get(each.id, each.minutes) for each in items]


def test_shortening_cuts_later_items_in_proportion_and_exactly():
    items = canonical(opened_at=START + 5 * MINUTE)
    plan = shortening(items, "i1", 9)  # 20 + 15 + 10 = 45 minutes to cut 9 from
    assert plan.saved == 9
    assert minutes_after(plan, items) == [5, 10, 16, 12, 8]


def test_shortening_leaves_started_items_and_the_current_one_alone():
    items = canonical(opened_at=START + 5 * MINUTE)
    plan = shortening(items, "i1", 5)
    assert {key for key, _, _ in plan.changes} <= {"i2", "i3", "i4"}


def test_shortening_keeps_a_minute_for_each_item_and_wins_back_what_it_can():
    items = agenda(item("i0", 5, opened_at=START), item("i1", 3), item("i2", 2))
    plan = shortening(items, "i0", 10)
    assert plan.saved == 3
    assert minutes_after(plan, items) == [5, 1, 1]


def test_shortening_rounds_by_largest_remainder():
    items = agenda(item("i0", 5, opened_at=START), item("i1", 7), item("i2", 7), item("i3", 7))
    plan = shortening(items, "i0", 2)
    assert plan.saved == 2
    assert sorted(before - after for _, before, after in plan.changes) == [1, 1]


@pytest.mark.parametrize("need", [0, -3])
def test_nothing_to_win_back_changes_nothing(need):
    assert shortening(canonical(opened_at=START), "i1", need).changes == ()


def test_nothing_left_to_shorten():
    items = agenda(item("i0", 5, opened_at=START), item("i1", 1))
    assert shortening(items, "i0", 4).saved == 0


# -- dropping -------------------------------------------------------------------------


def test_dropping_proposes_the_shortest_item_that_wins_back_enough_first():
    items = canonical(opened_at=START + 5 * MINUTE)
    options = droppings(items, "i1", 12)
    assert [option.item_id for option in options] == ["i3", "i2", "i4"]
    assert options[0].saved == 15 and options[0].title == "I3"


def test_dropping_without_a_long_enough_item_proposes_the_longest_first():
    items = canonical(opened_at=START + 5 * MINUTE)
    assert [option.item_id for option in droppings(items, "i1", 30)] == ["i2", "i3", "i4"]


def test_dropping_never_proposes_started_or_dropped_items():
    items = agenda(
        item("i0", 30, opened_at=START),
        item("i1", 30, skipped=True),
        item("i2", 30, opened_at=START, spent_seconds=60),
        item("i3", 5),
    )
    assert [option.item_id for option in droppings(items, "i0", 3)] == ["i3"]


# -- navigation passes dropped items by -------------------------------------------------


def test_next_and_previous_pass_dropped_items_by():
    items = agenda(item("i0", 5), item("i1", 5, skipped=True), item("i2", 5))
    navigation = Agenda(items)
    assert navigation.next_after("i0").id == "i2"
    assert navigation.previous_before("i2").id == "i0"
    assert navigation.next_after(None).id == "i0"
    assert navigation.total_minutes == 10
    assert navigation.planned_start("i2") == 5


def test_the_plan_counts_from_the_planned_start_on_the_day_it_runs():
    planned = START + 10 * MINUTE
    assert plan_start(START, planned) == planned  # began 10 minutes early: the plan holds
    assert plan_start(None, planned) == planned
    assert plan_start(START, START + 3 * 24 * 60 * MINUTE) == START  # run on another day
    assert plan_start(START, None) == START
    assert plan_start(None, None) is None


def test_a_late_start_is_slip():
    items = agenda(item("i0", 30), item("i1", 30))
    plan = time_plan(items, None, START + 10 * MINUTE, plan_start(None, START))
    assert plan.slip_minutes == 10
