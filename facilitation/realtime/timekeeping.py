"""Socket.IO commands that keep the workshop's time: what an overrun costs and how to win
it back (``domain.timeplan``), applied in one click, and bringing a dropped item back.

The presenter asks ``replan_options`` for the two proposals at this moment; ``replan``
computes the chosen one again on the server (nothing the page sends is trusted but its
choice) and applies it in one transaction. Items that have started never change.
"""

from __future__ import annotations

import time

from ..domain.errors import Refusal
from ..domain.timeplan import DROP, PLANS, droppings, shortening, target_minutes
from ..domain.workshop import Workshop
from .handlers import Reply, command, live
from .rooms import PRESENTER


def _need(workshop: Workshop, items) -> int:
    """Whole minutes the projected end lies past the planned end (0 when on time)."""
    return max(0, live().time_plan(workshop, items, time.time()).slip_minutes)


def _options(workshop: Workshop, items) -> dict:
    """The slip and both proposals, as the presenter's page shows them."""
    need = _need(workshop, items)
    titles = {item.id: item.title for item in items}
    shorten = shortening(items, workshop.current_item_id, need)
    return {
        "slip_minutes": need,
        "shorten": {
            "saved": shorten.saved,
            "changes": [
                {"item_id": key, "title": titles[key], "minutes": before, "new_minutes": after}
                for key, before, after in shorten.changes
            ],
        },
        "drop": [
            {"item_id": option.item_id, "title": option.title, "saved": option.saved}
            for option in droppings(items, workshop.current_item_id, need)
        ],
    }


@command("replan_options", role=PRESENTER)
def replan_options(connection, payload):
    """The presenter asks what the current overrun costs and how to win the time back."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    return _options(workshop, state.store.items(workshop.id))


@command("replan", role=PRESENTER)
def replan(connection, payload):
    """The presenter applies a proposal: ``shorten`` the items not started yet in
    proportion, or ``drop`` the item ``item_id`` (one that has not started)."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    if workshop.ended_at is not None:
        raise Refusal("workshop_ended")
    plan = payload.required("plan")
    if plan not in PLANS:
        raise Refusal("invalid_plan")
    items = state.store.items(workshop.id)
    target = target_minutes(workshop.planned_minutes, items)
    need = _need(workshop, items)
    if plan == DROP:
        item_id = payload.item_id()
        option = next(
            (o for o in droppings(items, workshop.current_item_id, need) if o.item_id == item_id),
            None,
        )
        if option is None:
            raise Refusal("not_replannable")
        state.store.replan(workshop.id, {}, [item_id], target)
        saved = option.saved
    else:
        if need <= 0:
            raise Refusal("on_time")
        shorten = shortening(items, workshop.current_item_id, need)
        if not shorten.changes:
            raise Refusal("nothing_to_shorten")
        minutes = {key: after for key, _, after in shorten.changes}
        state.store.replan(workshop.id, minutes, [], target)
        saved = shorten.saved
    workshop = state.store.workshop(workshop.id)
    return Reply({"plan": plan, "saved": saved}, state.announce_agenda(workshop))


@command("restore_item", role=PRESENTER)
def restore_item(connection, payload):
    """The presenter brings an item a replan dropped back onto the agenda."""
    state = live()
    workshop = state.store.workshop(connection.workshop_id)
    item = state.store.item(workshop.id, payload.item_id())
    if not item.skipped:
        raise Refusal("not_dropped")
    state.store.save_item(item.replace(skipped=False))
    return Reply({"item_id": item.id}, state.announce_agenda(workshop))
