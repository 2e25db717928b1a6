"""The workshop's time: what is left of the current item, the planned and the projected end,
the slip, and the two ways to win lost time back (shorten later items, or drop one).

Everything is in seconds since the epoch (``now``, ends) or in seconds (lengths); item
lengths on the agenda are whole minutes. An item has *started* once it was shown; items
that have started are never replanned.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .workshop import AgendaItem

MINUTE = 60
# Below this slip the cockpit says "on time"; from it on the slip is shown, and from
# ``LATE`` on it is coloured as a warning.
ON_TIME = MINUTE
LATE = 3 * MINUTE
SHORTEN = "shorten"
DROP = "drop"
PLANS = (SHORTEN, DROP)


def started(item: AgendaItem, current_item_id: str | None) -> bool:
    """Whether ``item`` has been shown (it is current, or it was and time was spent on it)."""
    return item.id == current_item_id or item.spent_seconds > 0 or item.opened_at is not None


def spent(item: AgendaItem, current_item_id: str | None, now: float) -> float:
    """Seconds spent on ``item`` so far, its current showing included."""
    running = 0.0
    if item.id == current_item_id and item.opened_at is not None:
        running = max(0.0, now - item.opened_at)
    return item.spent_seconds + running


@dataclass(frozen=True)
class TimePlan:
    """Where the workshop stands against its plan at ``now``."""

    now: float
    # When the workshop began or is planned to begin (None: not begun, no plan).
    start: float | None
    # When the plan says the workshop ends (its start plus the target length).
    planned_end: float
    # When the current item's timebox ends (None in the lobby).
    current_ends_at: float | None
    # Planned seconds of the items not started yet (dropped ones left out).
    remaining: int

    @property
    def current_left(self) -> float | None:
        """Seconds left in the current item (negative: its overrun); None in the lobby."""
        return None if self.current_ends_at is None else self.current_ends_at - self.now

    @property
    def projected_end(self) -> float:
        """When the workshop ends if everything still to come takes its planned time."""
        base = self.current_ends_at if self.current_ends_at is not None else self.start
        return max(self.now, base or self.now) + self.remaining

    @property
    def slip(self) -> float:
        """Seconds the projected end lies after the planned end (negative: ahead of plan)."""
        return self.projected_end - self.planned_end

    @property
    def slip_minutes(self) -> int:
        """The slip in whole minutes, rounded half away from zero (4:29 late is 4, 4:30 is 5);
        what is left over is within ``ON_TIME``."""
        minutes = math.floor(abs(self.slip) / MINUTE + 0.5)
        return minutes if self.slip >= 0 else -minutes


def target_minutes(planned_minutes: int | None, items: list[AgendaItem]) -> int:
    """The workshop's planned length: the organizer's, or else what the agenda adds up to."""
    if planned_minutes:
        return planned_minutes
    return sum(item.minutes for item in items if not item.skipped)


def time_plan(
    items: list[AgendaItem],
    current_item_id: str | None,
    now: float,
    start: float | None,
    planned_minutes: int | None = None,
) -> TimePlan:
    """The time plan of an agenda at ``now``.

    ``start`` is when the workshop began (or is planned to begin; None: not yet, counted
    from ``now``); ``planned_minutes`` the organizer's planned length, if any.
    """
    anchor = now if start is None else start
    planned_end = anchor + target_minutes(planned_minutes, items) * MINUTE
    current_ends_at = None
    remaining = 0
    for item in items:
        if item.id == current_item_id:
            left = item.minutes * MINUTE - item.spent_seconds
            current_ends_at = (item.opened_at or now) + left
        elif not item.skipped and not started(item, current_item_id):
            remaining += item.minutes * MINUTE
    return TimePlan(now, start, planned_end, current_ends_at, remaining)


def plan_start(started_at: float | None, planned_start: float | None) -> float | None:
    """What the plan counts from: the planned start time when there is one for the day
    the workshop runs (within 12 hours of when it began), else when it began."""
    if planned_start is not None and (
        started_at is None or abs(started_at - planned_start) <= 12 * 60 * MINUTE
    ):
        return planned_start
    return started_at


@dataclass(frozen=True)
class Shortening:
    """Shorten the items not started yet in proportion to their length."""

    # (item id, minutes now, minutes after), for the items that change.
    changes: tuple[tuple[str, int, int], ...]

    @property
    def saved(self) -> int:
        """Minutes won back."""
        return sum(before - after for _, before, after in self.changes)


@dataclass(frozen=True)
class Dropping:
    """Leave out one item not started yet."""

    item_id: str
    title: str
    saved: int


def replannable(items: list[AgendaItem], current_item_id: str | None) -> list[AgendaItem]:
    """The items a replan may change: not started, not dropped, with a timebox."""
    return [
        item
        for item in items
        if not item.skipped and item.minutes > 0 and not started(item, current_item_id)
    ]


def shortening(items: list[AgendaItem], current_item_id: str | None, need: int) -> Shortening:
    """Win back ``need`` minutes (as many as can be) by shortening the items not started
    yet in proportion to their length; each keeps at least one minute.

    The minutes are split by largest remainder, so the cuts add up exactly.
    """
    candidates = replannable(items, current_item_id)
    spare = {item.id: item.minutes - 1 for item in candidates}
    goal = min(max(need, 0), sum(spare.values()))
    total = sum(item.minutes for item in candidates)
    if goal <= 0 or total <= 0:
        return Shortening(())
    shares = {item.id: goal * item.minutes / total for item in candidates}
    cuts = {item_id: min(math.floor(share), spare[item_id]) for item_id, share in shares.items()}
    order = sorted(candidates, key=lambda item: (-(shares[item.id] % 1), -item.minutes))
    while sum(cuts.values()) < goal:
        for item in order:
            if sum(cuts.values()) >= goal:
                break
            if cuts[item.id] < spare[item.id]:
                cuts[item.id] += 1
    changes = tuple(
        (item.id, item.minutes, item.minutes - cuts[item.id])
        for item in candidates
        if cuts[item.id] > 0
    )
    return Shortening(changes)


def droppings(items: list[AgendaItem], current_item_id: str | None, need: int) -> list[Dropping]:
    """The items that could be left out, best first: those that win back ``need`` minutes
    (the shortest of them first), then the others (the longest first)."""
    candidates = replannable(items, current_item_id)
    covering = sorted((i for i in candidates if i.minutes >= need), key=lambda i: i.minutes)
    short = sorted((i for i in candidates if i.minutes < need), key=lambda i: -i.minutes)
    return [Dropping(item.id, item.title, item.minutes) for item in covering + short]
