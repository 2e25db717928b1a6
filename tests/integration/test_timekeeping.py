"""Keeping time over real Socket.IO connections: the time actually spent on each item, the
time plan in the presenter's agenda, and winning an overrun back by shortening or dropping.

Time passing is simulated by moving the stored opening times back, as the server reads
them from the database for every command.
"""

import time

from tests.support import move_back

MINUTE = 60

DEFINITION = {
    "title": "An hour, planned",
    "language": "en",
    "items": [
        {"kind": "content", "title": f"Item {index}", "minutes": minutes, "config": {"body": "x"}}
        for index, minutes in enumerate([5, 10, 20, 15, 10])
    ],
}


def set_up(live):
    workshop = live.workshop(DEFINITION)
    items = live.items(workshop)
    presenter = live.presenter(workshop)
    assert presenter.call("open_item", {"item_id": items[0].id})["ok"]
    return workshop, items, presenter


def agenda(presenter):
    return presenter.call("get_state")["state"]["agenda"]


def projected_slip(plan) -> float:
    """The slip in minutes as docs/protocol.md tells a client to compute it."""
    now = time.time() * 1000
    base = plan["current_ends_at"] or plan["start"] or now
    projected = max(now, base) + plan["remaining_seconds"] * 1000
    return (projected - plan["planned_end"]) / 60000


def test_an_overrun_is_carried_forward_and_shortening_wins_it_back(live):
    workshop, items, presenter = set_up(live)
    on_plan = agenda(presenter)["time"]
    assert abs(on_plan["planned_end"] - on_plan["start"] - 60 * MINUTE * 1000) < 1
    assert abs(projected_slip(on_plan)) < 0.1

    # The 5-minute opening took 9: the next item starts with its full time, 4 minutes late.
    move_back(live.storage, workshop, items[0], 9)
    assert presenter.call("next_item")["ok"]
    shown = agenda(presenter)
    assert 535 <= shown["items"][0]["spent_seconds"] <= 545
    assert shown["items"][0]["started"] and not shown["items"][2]["started"]
    assert 3.9 < projected_slip(shown["time"]) < 4.1

    options = presenter.call("replan_options")
    assert options["slip_minutes"] == 4
    assert options["shorten"]["saved"] == 4
    assert [
        (c["title"], c["minutes"], c["new_minutes"]) for c in options["shorten"]["changes"]
    ] == [
        ("Item 2", 20, 18),
        ("Item 3", 15, 14),
        ("Item 4", 10, 9),
    ]
    assert [option["title"] for option in options["drop"]] == ["Item 4", "Item 3", "Item 2"]

    ack = presenter.call("replan", {"plan": "shorten"})
    assert ack == {"ok": True, "plan": "shorten", "saved": 4}
    changed = presenter.wait_for("agenda_changed")["agenda"]
    assert [entry["minutes"] for entry in changed["items"]] == [5, 10, 18, 14, 9]
    # The target stays an hour: the workshop is on time again.
    assert abs(projected_slip(changed["time"])) < 0.1
    assert presenter.call("replan", {"plan": "shorten"})["error"]["code"] == "on_time"
    assert live.storage.workshop(workshop.id).planned_minutes == 60


def test_dropping_an_item_passes_it_by_until_it_is_restored(live):
    workshop, items, presenter = set_up(live)
    move_back(live.storage, workshop, items[0], 20)  # 15 minutes over
    options = presenter.call("replan_options")
    assert options["slip_minutes"] == 15
    assert options["drop"][0]["title"] == "Item 3"  # the shortest that wins back 15

    ack = presenter.call("replan", {"plan": "drop", "item_id": items[3].id})
    assert ack == {"ok": True, "plan": "drop", "saved": 15}
    shown = agenda(presenter)
    assert [entry["skipped"] for entry in shown["items"]] == [False, False, False, True, False]
    assert shown["total_minutes"] == 45
    assert abs(projected_slip(shown["time"])) < 0.1

    # Navigation passes the dropped item by, both ways.
    for expected in (1, 2, 4):
        assert presenter.call("next_item")["current_item_id"] == items[expected].id
    assert presenter.call("previous_item")["current_item_id"] == items[2].id

    assert presenter.call("restore_item", {"item_id": items[3].id}) == {
        "ok": True,
        "item_id": items[3].id,
    }
    assert not agenda(presenter)["items"][3]["skipped"]
    assert presenter.call("next_item")["current_item_id"] == items[3].id


def test_replanning_refuses_what_it_must_not_change(live):
    workshop, items, presenter = set_up(live)
    move_back(live.storage, workshop, items[0], 20)

    def code(event, payload):
        return presenter.call(event, payload)["error"]["code"]

    assert code("replan", {"plan": "drop", "item_id": items[0].id}) == "not_replannable"
    assert code("replan", {"plan": "everything"}) == "invalid_plan"
    assert code("replan", {"plan": ["shorten"]}) == "invalid_plan"
    assert code("replan", {}) == "invalid_payload"
    assert code("replan", {"plan": "drop"}) == "invalid_payload"
    assert code("replan", {"plan": "drop", "item_id": "nope"}) == "not_replannable"
    assert code("restore_item", {"item_id": items[2].id}) == "not_dropped"
    assert code("restore_item", {"item_id": "nope"}) == "unknown_item"
    participant = live.participant(workshop, "Ana")
    refused = participant.call("replan", {"plan": "shorten"})
    assert refused["error"]["code"] == "presenter_only"
    # Nothing changed on the way.
    assert [item.minutes for item in live.items(workshop)] == [5, 10, 20, 15, 10]
    assert not any(item.skipped for item in live.items(workshop))


def test_the_presenters_agenda_reaches_nobody_else(live):
    workshop, items, presenter = set_up(live)
    screen = live.screen(workshop)
    participant = live.participant(workshop, "Ana")
    for client in (screen, participant):
        assert "agenda" not in client.call("get_state")["state"]
