"""Breakout rounds over real Socket.IO connections to a real server process."""

import json
import queue
import time
import uuid

from tests.support import http_request

WELCOME = {"kind": "content", "title": "Welcome", "minutes": 2, "config": {"body": "Hi"}}


def breakout(title="Reflect", grouping=None, **config):
    return {
        "kind": "breakout",
        "title": title,
        "minutes": 15,
        "config": {
            "prompts": ["A?", "B?"],
            "duration": 10,
            "grouping": grouping or {"mode": "count", "count": 2},
            **config,
        },
    }


def workshop_of(*items):
    return {"title": "Retro", "language": "en", "items": [WELCOME, *items]}


RETRO = workshop_of(breakout(), breakout("Notes off", private_notes=False))


def ok(ack):
    assert ack["ok"], ack
    return ack


def refused(ack, code):
    """Whether ``ack`` is a refusal with ``code`` and a readable message."""
    return ack["ok"] is False and ack["error"]["code"] == code and bool(ack["error"]["message"])


def opened(live, definition=RETRO, names=("Anna", "Ben", "Cem", "Dana"), index=1):
    """A workshop whose breakout item ``index`` is open, a presenter, named participants."""
    workshop = live.workshop(definition)
    item = live.items(workshop)[index]
    presenter = live.presenter(workshop)
    people = {name: live.participant(workshop, name) for name in names}
    ok(presenter.call("open_item", {"item_id": item.id}))
    return workshop, item, presenter, people


def started(presenter, item, **extra):
    return ok(presenter.call("start_breakout", {"item_id": item.id, **extra}))


def my_group(client):
    return client.state()["breakout"]["my_group"]


def teams(people):
    """Names by group, groups by number: [["Anna", "Cem"], ["Ben", "Dana"]]."""
    by_number = {}
    for name, client in people.items():
        by_number.setdefault(my_group(client)["number"], []).append(name)
    return [sorted(names) for _, names in sorted(by_number.items())]


def add_card(client, item, text, prompt_id="p1", **extra):
    payload = {"item_id": item.id, "prompt_id": prompt_id, "text": text, **extra}
    return ok(client.call("add_card", payload))["card"]


def collect(client, until, timeout=5):
    """Every (event, payload) ``client`` received, up to the first for which ``until`` holds."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            name, payload = client.events.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            continue
        seen.append((name, payload))
        if until(name, payload):
            return seen
    raise AssertionError(f"the closing event did not arrive; saw {[n for n, _ in seen]}")


def settle(sender, item, **clients):
    """Every event each named client received until all marked before this call reached it.

    Two messages from the presenter, the second sent once all clients saw the
    first: facts of a beat go out before those of the next.
    """
    seen = {name: [] for name in clients}
    for _ in range(2):
        text = f"sync {uuid.uuid4().hex[:8]}"
        ok(sender.call("breakout_message", {"item_id": item.id, "text": text}))
        for name, client in clients.items():
            seen[name] += collect(
                client, lambda n, p, t=text: n == "breakout_changed" and p["message"] == t
            )
    return seen


def texts(group):
    return sorted(card["text"] for card in group["cards"])


def group_fact(item, predicate):
    """A predicate for ``group_changed`` of ``item`` whose group satisfies ``predicate``."""
    return lambda p: p["item_id"] == item.id and p["group"] is not None and predicate(p["group"])


def online_of(fact, name):
    """Whether ``name`` is online according to a ``breakout_groups`` fact (None: not in it)."""
    for group in fact["groups"]:
        for member in group["members"]:
            if member["display_name"] == name:
                return member["online"]
    return None


def without_clock(state):
    state = dict(state)
    state.pop("server_time")
    return state


# -- boards and notes ----------------------------------------------------------


def test_cards_reach_only_their_own_group(live):
    workshop, item, presenter, people = opened(live)
    screen = live.screen(workshop)
    started(presenter, item)
    (one, two) = teams(people)
    assert len(one) == len(two) == 2
    for name, client in people.items():
        card = add_card(client, item, f"Card of {name}\nsecond line")
        assert card["mine"] is True and card["text"] == f"Card of {name}\nsecond line"

    heard = settle(presenter, item, presenter=presenter, screen=screen, **people)

    for team, others in [(one, two), (two, one)]:
        for name in team:
            state = people[name].state()["breakout"]
            assert texts(state["my_group"]) == sorted(f"Card of {n}\nsecond line" for n in team)
            assert [c["mine"] for c in state["my_group"]["cards"] if name in c["text"]] == [True]
            assert state["cards"] == 4
            facts = [p["group"] for n, p in heard[name] if n == "group_changed" and p["group"]]
            assert any(texts(group) == texts(state["my_group"]) for group in facts)
            leaked = json.dumps([state, heard[name]])
            for other in others:
                assert f"Card of {other}" not in leaked, f"{name} saw {other}'s card"
            assert not {"breakout_groups", "harvest_changed"} & {n for n, _ in heard[name]}
            assert all(
                set(card) == {"id", "prompt_id", "text", "mine", "created_at", "updated_at"}
                for card in state["my_group"]["cards"]
            )
    screen_sees = json.dumps([screen.state(), heard["screen"]])
    assert "Card of" not in screen_sees, "cards reach the screen only when harvested"
    assert not {"group_changed", "breakout_groups"} & {n for n, _ in heard["screen"]}
    # The screen's count of cards follows without the cards themselves.
    counts = [p["cards"] for n, p in heard["screen"] if n == "breakout_changed"]
    assert counts and counts[-1] == 4, counts
    details = presenter.state()["breakout"]["group_details"]
    assert sorted(text for group in details for text in texts(group)) == sorted(
        f"Card of {name}\nsecond line" for name in people
    )


def test_private_notes_reach_no_one_else(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben"))
    screen = live.screen(workshop)
    anna, ben = people["Anna"], people["Ben"]
    started(presenter, item, grouping={"mode": "count", "count": 1})

    ack = ok(anna.call("save_note", {"item_id": item.id, "text": "  My secret\n\nthought  "}))
    assert ack["text"] == "My secret\nthought"
    ok(ben.call("save_note", {"item_id": item.id, "text": "Ben's own"}))
    add_card(anna, item, "A shared card")
    heard = settle(presenter, item, presenter=presenter, screen=screen, **people)

    assert anna.state()["breakout"]["note"] == "My secret\nthought"
    assert ben.state()["breakout"]["note"] == "Ben's own"
    for name, client in [("presenter", presenter), ("screen", screen), ("Ben", ben)]:
        seen = json.dumps([client.state(), heard[name]])
        assert "My secret" not in seen, name
        assert "A shared card" in seen or name == "screen"
    assert "Ben's own" not in json.dumps([anna.state(), heard["Anna"]])

    # After a reconnect the note is still there, and an empty text clears it.
    again = live.participant(workshop, cookie=anna.cookie)
    assert again.state()["breakout"]["note"] == "My secret\nthought"
    assert ok(again.call("save_note", {"item_id": item.id, "text": " \n "}))["text"] == ""
    assert anna.state()["breakout"]["note"] == ""


def test_the_recall_reaches_everyone_and_late_cards_are_still_kept(live):
    workshop, item, presenter, people = opened(live)
    screen = live.screen(workshop)
    started(presenter, item)
    anna = people["Anna"]
    mates = [n for team in teams(people) if "Anna" in team for n in team if n != "Anna"]

    ack = ok(presenter.call("end_breakout", {"item_id": item.id}))
    assert ack["status"] == "ended"
    for client in [presenter, screen, *people.values()]:
        fact = client.wait_for("breakout_changed", lambda p: p["status"] == "ended")
        assert fact["item_id"] == item.id and fact["ended_at"] >= fact["started_at"]
        assert client.state()["breakout"]["status"] == "ended"

    # What was unsent when the recall came still arrives and is kept.
    late = add_card(anna, item, "Typed just before the recall", client_id="late-1")
    for name in mates:
        people[name].wait_for(
            "group_changed", group_fact(item, lambda g: late["id"] in {c["id"] for c in g["cards"]})
        )
    assert refused(presenter.call("end_breakout", {"item_id": item.id}), "breakout_not_running")
    message = {"item_id": item.id, "text": "Hello?"}
    assert refused(presenter.call("breakout_message", message), "breakout_not_running")
    assert refused(
        presenter.call("move_participant", {"item_id": item.id, "number": 1, "group_id": "x"}),
        "unknown_group",
    )

    # Someone who comes only now is not put into a group.
    latecomer = live.participant(workshop, "Eve")
    assert latecomer.state()["breakout"]["my_group"] is None
    assert refused(latecomer.call("add_card", {**message, "prompt_id": "p1"}), "no_group")

    # Extending an ended round resumes it, counting from now.
    before = time.time() * 1000
    resumed = ok(presenter.call("extend_breakout", {"item_id": item.id, "minutes": 2}))
    assert resumed["status"] == "running"
    assert before + 120_000 - 1000 <= resumed["ends_at"] <= time.time() * 1000 + 120_000 + 1000
    fact = screen.wait_for("breakout_changed", lambda p: p["status"] == "running")
    assert (fact["ends_at"], fact["ended_at"]) == (resumed["ends_at"], None)


def test_a_card_resent_after_a_reconnect_is_stored_once(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben"))
    anna, ben = people["Anna"], people["Ben"]
    started(presenter, item, grouping={"mode": "count", "count": 1})

    first = add_card(anna, item, "Sent twice", client_id="draft-1")
    anna.close()
    presenter.wait_for("breakout_groups", lambda p: online_of(p, "Anna") is False)
    again = live.participant(workshop, cookie=anna.cookie)
    presenter.wait_for("breakout_groups", lambda p: online_of(p, "Anna") is True)
    resent = add_card(again, item, "Sent twice", client_id="draft-1")
    assert resent == first
    # The nonce answers the stored card, whatever the resend says.
    assert add_card(again, item, "Changed meanwhile", "p2", client_id="draft-1") == first
    other = add_card(again, item, "Sent twice", client_id="draft-2")
    assert other["id"] != first["id"]

    heard = settle(presenter, item, ben=ben)["ben"]
    for name, payload in heard:
        if name == "group_changed" and payload["group"]:
            ids = [card["id"] for card in payload["group"]["cards"]]
            assert ids.count(first["id"]) <= 1
    assert [c["id"] for c in ben.state()["breakout"]["my_group"]["cards"]] == [
        first["id"],
        other["id"],
    ]
    assert [c["text"] for c in again.state()["breakout"]["my_group"]["cards"]] == [
        "Sent twice",
        "Sent twice",
    ]
    assert presenter.state()["breakout"]["cards"] == 2

    # Also after the recall a resend finds the stored card.
    ok(presenter.call("end_breakout", {"item_id": item.id}))
    assert add_card(again, item, "Sent twice", client_id="draft-1") == first
    assert presenter.state()["breakout"]["cards"] == 2


def test_nobody_writes_on_another_groups_board(live):
    workshop, item, presenter, people = opened(live)
    started(presenter, item)
    (one, two) = teams(people)
    mine = {name: add_card(people[name], item, f"By {name}") for name in people}
    writer, mate, stranger = people[one[0]], people[one[1]], people[two[0]]
    card = mine[one[0]]

    for client, code in [(stranger, "unknown_card"), (mate, "not_your_card")]:
        edit = {"item_id": item.id, "card_id": card["id"], "text": "Defaced"}
        assert refused(client.call("edit_card", edit), code)
        assert refused(
            client.call("delete_card", {"item_id": item.id, "card_id": card["id"]}), code
        )

    # add_card ignores where the payload says it should go.
    other_group = my_group(stranger)["id"]
    smuggled = add_card(
        writer, item, "Smuggled", group_id=other_group, participant_id="x", number=3
    )
    assert "Smuggled" in texts(my_group(writer))
    assert "Smuggled" not in texts(my_group(stranger))
    assert f"By {one[0]}" in texts(my_group(mate))

    # The author may edit and delete their own card; the group sees it.
    edit = {"item_id": item.id, "card_id": card["id"], "text": " Better\r\nwording "}
    assert ok(writer.call("edit_card", edit))["card"]["text"] == "Better\nwording"
    mate.wait_for("group_changed", group_fact(item, lambda g: "Better\nwording" in texts(g)))
    ack = ok(writer.call("delete_card", {"item_id": item.id, "card_id": smuggled["id"]}))
    assert ack["card_id"] == smuggled["id"]
    mate.wait_for("group_changed", group_fact(item, lambda g: "Smuggled" not in texts(g)))
    assert texts(my_group(mate)) == sorted(["Better\nwording", f"By {one[1]}"])
    assert refused(
        writer.call("delete_card", {"item_id": item.id, "card_id": smuggled["id"]}), "unknown_card"
    )


PRESENTER_COMMANDS = [
    "form_groups",
    "start_breakout",
    "extend_breakout",
    "end_breakout",
    "breakout_message",
    "move_participant",
    "harvest_card",
    "set_video_link",
]
PARTICIPANT_COMMANDS = ["choose_group", "add_card", "edit_card", "delete_card", "save_note"]


def test_presenter_commands_are_refused_for_everyone_else(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben"))
    screen = live.screen(workshop)
    started(presenter, item, grouping={"mode": "count", "count": 1})
    anna = people["Anna"]
    card = add_card(anna, item, "Mine")
    before = presenter.state()
    payload = {
        "item_id": item.id,
        "minutes": 5,
        "text": "Hijacked",
        "number": 1,
        "group_id": my_group(anna)["id"],
        "card_id": card["id"],
        "video_link": "https://evil.example.org/{group}",
        "prompt_id": "p1",
    }

    for command in PRESENTER_COMMANDS:
        for client in (anna, screen):
            assert refused(client.call(command, payload), "presenter_only"), command
    for command in PARTICIPANT_COMMANDS:
        for client in (presenter, screen):
            assert refused(client.call(command, payload), "participant_only"), command

    after = presenter.state()
    assert without_clock(after) == without_clock(before)
    assert after["breakout"]["video_link"] == ""
    assert after["breakout"]["harvest"] == []


# -- forming groups ------------------------------------------------------------


def test_groups_form_from_those_online_and_can_be_formed_again_until_the_start(live):
    workshop = live.workshop(RETRO)
    item = live.items(workshop)[1]
    presenter = live.presenter(workshop)
    people = {name: live.participant(workshop, name) for name in ("Anna", "Ben", "Cem")}
    live.participant(workshop, "Gone").close()
    presenter.wait_for("presence", lambda p: p == {"joined": 4, "online": 3})
    assert refused(presenter.call("form_groups", {"item_id": item.id}), "not_current")
    ok(presenter.call("open_item", {"item_id": item.id}))
    assert people["Anna"].state()["breakout"]["status"] == "waiting"

    assert ok(presenter.call("form_groups", {"item_id": item.id}))["groups"] == 2
    details = presenter.state()["breakout"]["group_details"]
    dealt = sorted(member["display_name"] for group in details for member in group["members"])
    assert dealt == ["Anna", "Ben", "Cem"], "only those online are dealt"
    assert sorted(map(len, teams(people))) == [1, 2]
    assert people["Anna"].state()["breakout"]["status"] == "forming"
    add = {"item_id": item.id, "prompt_id": "p1", "text": "Too early"}
    assert refused(people["Anna"].call("add_card", add), "breakout_not_running")
    for command in ("extend_breakout", "end_breakout"):
        assert refused(
            presenter.call(command, {"item_id": item.id, "minutes": 5}), "breakout_not_running"
        )

    ack = presenter.call(
        "form_groups", {"item_id": item.id, "grouping": {"mode": "count", "count": 1}}
    )
    assert ok(ack)["groups"] == 1
    for client in people.values():
        client.wait_for("group_changed", lambda p: p["group"] is None)
        fact = client.wait_for("group_changed", group_fact(item, lambda g: len(g["members"]) == 3))
        assert [m["display_name"] for m in fact["group"]["members"]] == ["Anna", "Ben", "Cem"]
        assert sum(m["me"] for m in fact["group"]["members"]) == 1
    assert teams(people) == [["Anna", "Ben", "Cem"]]
    bad = {"item_id": item.id, "grouping": {"mode": "size", "size": 1}}
    assert refused(presenter.call("form_groups", bad), "out_of_range")
    assert teams(people) == [["Anna", "Ben", "Cem"]]

    started(presenter, item)  # keeps the groups formed before
    assert teams(people) == [["Anna", "Ben", "Cem"]]
    assert refused(presenter.call("form_groups", {"item_id": item.id}), "breakout_started")
    assert refused(presenter.call("start_breakout", {"item_id": item.id}), "breakout_started")


def test_nobody_online_means_no_groups(live):
    workshop = live.workshop(RETRO)
    item = live.items(workshop)[1]
    presenter = live.presenter(workshop)
    ok(presenter.call("open_item", {"item_id": item.id}))
    assert refused(presenter.call("start_breakout", {"item_id": item.id}), "nobody_online")
    assert presenter.state()["breakout"]["status"] == "waiting"


def test_a_latecomer_joins_the_smallest_group(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben", "Cem"))
    started(presenter, item)
    (big, small) = sorted(teams(people), key=len, reverse=True)
    small_group = my_group(people[small[0]])

    dana = live.participant(workshop, "Dana")
    placed = dana.state()["breakout"]["my_group"]
    assert placed["id"] == small_group["id"]
    assert [m["display_name"] for m in placed["members"]] == sorted([small[0], "Dana"])
    # In a beat the round (with its sizes) goes out before the groups.
    presenter.wait_for("breakout_changed", lambda p: [g["size"] for g in p["groups"]] == [2, 2])
    fact = presenter.wait_for(
        "breakout_groups",
        lambda p: any(
            g["id"] == small_group["id"] and "Dana" in [m["display_name"] for m in g["members"]]
            for g in p["groups"]
        ),
    )
    dana_entry = next(
        m for g in fact["groups"] for m in g["members"] if m["display_name"] == "Dana"
    )
    assert dana_entry["online"] is True
    people[small[0]].wait_for("group_changed", group_fact(item, lambda g: len(g["members"]) == 2))

    # Two groups of two now: the next one goes to group 1.
    eve = live.participant(workshop, "Eve")
    assert eve.state()["breakout"]["my_group"]["number"] == 1
    assert dana.state()["breakout"]["my_group"]["id"] == small_group["id"], "asked again: same"


def test_a_breakout_that_becomes_current_again_gives_its_state_and_places_newcomers(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben"))
    welcome = live.items(workshop)[0]
    started(presenter, item)
    people["Anna"].wait_for("group_changed", group_fact(item, lambda g: True))  # beat is out
    ok(presenter.call("open_item", {"item_id": welcome.id}))
    cem = live.participant(workshop, "Cem")
    assert "breakout" not in cem.state(), "the breakout shows only while it is current"
    assert refused(cem.call("get_breakout", {"item_id": item.id}), "not_current")

    ok(presenter.call("open_item", {"item_id": item.id}))
    cem.wait_for("item_opened", lambda p: p["current_item_id"] == item.id)
    round_ = ok(cem.call("get_breakout", {"item_id": item.id}))["breakout"]
    assert round_["status"] == "running" and [g["size"] for g in round_["groups"]] == [2, 1]
    assert round_["my_group"]["number"] == 1, "the smallest group, the lowest number on a tie"
    names = [m["display_name"] for m in round_["my_group"]["members"]]
    assert "Cem" in names and len(names) == 2
    assert (
        ok(cem.call("get_breakout", {"item_id": item.id}))["breakout"]["my_group"]
        == (round_["my_group"])
    ), "asking again changes nothing"
    for client in people.values():
        client.wait_for("breakout_changed", lambda p: [g["size"] for g in p["groups"]] == [2, 1])
    mate = next(c for c in people.values() if my_group(c)["number"] == 1)
    mate.wait_for("group_changed", group_fact(item, lambda g: len(g["members"]) == 2))
    details = ok(presenter.call("get_breakout", {"item_id": item.id}))["breakout"]
    assert {m["display_name"] for m in details["group_details"][0]["members"]} >= {"Cem"}
    assert refused(presenter.call("get_breakout", {"item_id": welcome.id}), "not_breakout")


def test_the_presenter_moves_someone_and_their_cards_stay(live):
    workshop, item, presenter, people = opened(live)
    started(presenter, item)
    (one, two) = teams(people)
    mover, stays, hosts = people[one[0]], people[one[1]], [people[n] for n in two]
    card = add_card(mover, item, "Written in the first group")
    # Once the mate saw the card, whatever the old group hears next comes from the move.
    stays.wait_for("group_changed", group_fact(item, lambda g: len(g["cards"]) == 1))
    target = my_group(hosts[0])
    number = mover.state()["me"]["number"]

    ack = ok(
        presenter.call(
            "move_participant", {"item_id": item.id, "number": number, "group_id": target["id"]}
        )
    )
    assert (ack["number"], ack["group_id"]) == (number, target["id"])

    left = stays.wait_for("group_changed", group_fact(item, lambda g: len(g["members"]) == 1))
    left = left["group"]
    assert texts(left) == ["Written in the first group"]
    for host in hosts:
        joined = host.wait_for("group_changed", group_fact(item, lambda g: len(g["members"]) == 3))
        joined = joined["group"]
        assert one[0] in [m["display_name"] for m in joined["members"]]
        assert "Written in the first group" not in texts(joined)
    moved = mover.wait_for("group_changed", group_fact(item, lambda g: g["id"] == target["id"]))
    moved = moved["group"]
    assert "Written in the first group" not in texts(moved)
    edit = {"item_id": item.id, "card_id": card["id"], "text": "Changed"}
    assert refused(mover.call("edit_card", edit), "unknown_card")
    assert "Written in the first group" in texts(my_group(stays))
    assert sorted(g["size"] for g in presenter.state()["breakout"]["groups"]) == [1, 3]

    move = {"item_id": item.id, "number": 99, "group_id": target["id"]}
    assert refused(presenter.call("move_participant", move), "unknown_participant")


def test_people_choose_named_groups_within_capacity(live):
    grouping = {"mode": "choose", "groups": [{"name": "Red", "capacity": 1}, "Blue"]}
    definition = workshop_of(breakout(grouping=grouping))
    workshop, item, presenter, people = opened(live, definition, names=("Anna", "Ben"))
    anna, ben = people["Anna"], people["Ben"]
    started(presenter, item)
    state = anna.state()["breakout"]
    assert state["my_group"] is None
    red, blue = (g["id"] for g in state["groups"])
    assert [(g["name"], g["capacity"], g["size"]) for g in state["groups"]] == [
        ("Red", 1, 0),
        ("Blue", None, 0),
    ]
    assert refused(
        anna.call("add_card", {"item_id": item.id, "prompt_id": "p1", "text": "Hi"}), "no_group"
    )

    chosen = ok(anna.call("choose_group", {"item_id": item.id, "group_id": red}))["group"]
    assert chosen["name"] == "Red" and [m["me"] for m in chosen["members"]] == [True]
    full = ben.call("choose_group", {"item_id": item.id, "group_id": red})
    assert refused(full, "group_full") and "Red" in full["error"]["message"]
    ok(ben.call("choose_group", {"item_id": item.id, "group_id": blue}))
    ok(anna.call("choose_group", {"item_id": item.id, "group_id": red}))  # staying is fine
    ok(anna.call("choose_group", {"item_id": item.id, "group_id": blue}))
    ok(ben.call("choose_group", {"item_id": item.id, "group_id": red}))  # room again
    anna.wait_for(
        "group_changed", group_fact(item, lambda g: g["id"] == blue and len(g["members"]) == 1)
    )
    presenter.wait_for("breakout_changed", lambda p: [g["size"] for g in p["groups"]] == [1, 1])

    cem = live.participant(workshop, "Cem")
    assert cem.state()["breakout"]["my_group"] is None, "nobody is placed where people choose"
    cem_number = cem.state()["me"]["number"]
    move = {"item_id": item.id, "number": cem_number, "group_id": red}
    ok(presenter.call("move_participant", move))  # the presenter may overfill a group
    assert my_group(cem)["name"] == "Red"
    assert refused(
        cem.call("choose_group", {"item_id": item.id, "group_id": "nope"}), "unknown_group"
    )
    ok(presenter.call("end_breakout", {"item_id": item.id}))
    assert refused(
        cem.call("choose_group", {"item_id": item.id, "group_id": blue}), "breakout_not_running"
    )


def test_a_later_breakout_reuses_the_groups_of_an_earlier_one(live):
    definition = workshop_of(breakout(), breakout("Reflect again", grouping={"mode": "previous"}))
    workshop, first, presenter, people = opened(live, definition)
    second = live.items(workshop)[2]
    started(presenter, first)
    before = teams(people)
    first_ids = {my_group(people[name])["id"] for name in people}
    ok(presenter.call("end_breakout", {"item_id": first.id}))
    eve = live.participant(workshop, "Eve")

    ok(presenter.call("open_item", {"item_id": second.id}))
    assert presenter.state()["breakout"]["previous"] == [{"item_id": first.id, "title": "Reflect"}]
    ack = started(presenter, second)
    assert ack["status"] == "running"
    # Eve is dealt when the groups are formed, not only once she asks for her state.
    details = presenter.state()["breakout"]["group_details"]
    assert [len(group["members"]) for group in details] == [3, 2]
    assert "Eve" in [member["display_name"] for member in details[0]["members"]]

    people["Eve"] = eve
    after = teams(people)
    assert [[n for n in team if n != "Eve"] for team in after] == before
    assert "Eve" in after[0], "the newcomer goes to the smallest group, the lowest number on a tie"
    assert not {my_group(people[name])["id"] for name in people} & first_ids
    assert people["Anna"].state()["breakout"]["mode"] == "previous"
    # The earlier round is left as it was.
    ok(presenter.call("open_item", {"item_id": first.id}))
    assert teams({n: c for n, c in people.items() if n != "Eve"}) == before
    assert eve.state()["breakout"]["my_group"] is None


def test_previous_groups_need_an_earlier_breakout(live):
    workshop, item, presenter, _ = opened(live, names=("Anna",))
    ack = presenter.call("start_breakout", {"item_id": item.id, "grouping": {"mode": "previous"}})
    assert refused(ack, "no_previous_groups")


# -- harvest, video, clock -----------------------------------------------------


def test_harvested_cards_reach_the_screen_by_prompt(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben"))
    screen = live.screen(workshop)
    anna, ben = people["Anna"], people["Ben"]
    started(presenter, item, grouping={"mode": "count", "count": 1})
    second = add_card(anna, item, "On the second prompt", "p2")
    first = add_card(ben, item, "On the first prompt", "p1")
    add_card(ben, item, "Not picked", "p1")

    for card in (second, first):
        ack = ok(presenter.call("harvest_card", {"item_id": item.id, "card_id": card["id"]}))
        assert ack["harvested"] is True
    fact = screen.wait_for("harvest_changed", lambda p: len(p["harvest"]) == 2)
    assert fact["harvest"] == [
        {
            "id": first["id"],
            "prompt_id": "p1",
            "text": "On the first prompt",
            "group": 1,
            "group_name": "",
        },
        {
            "id": second["id"],
            "prompt_id": "p2",
            "text": "On the second prompt",
            "group": 1,
            "group_name": "",
        },
    ]
    assert screen.state()["breakout"]["harvest"] == fact["harvest"]
    assert presenter.state()["breakout"]["harvest"] == fact["harvest"]

    edit = {"item_id": item.id, "card_id": second["id"], "text": "Reworded"}
    ok(anna.call("edit_card", edit))
    screen.wait_for(
        "harvest_changed", lambda p: [c["text"] for c in p["harvest"]][-1:] == ["Reworded"]
    )
    take_off = {"item_id": item.id, "card_id": first["id"], "harvested": False}
    assert ok(presenter.call("harvest_card", take_off))["harvested"] is False
    fact = screen.wait_for("harvest_changed", lambda p: len(p["harvest"]) == 1)
    assert [c["id"] for c in fact["harvest"]] == [second["id"]]
    ok(anna.call("delete_card", {"item_id": item.id, "card_id": second["id"]}))
    screen.wait_for("harvest_changed", lambda p: p["harvest"] == [])
    assert "harvest_changed" not in [n for n, _ in settle(presenter, item, anna=anna)["anna"]]


def test_the_video_link_reaches_every_group(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben", "Cem"))
    started(presenter, item)
    template = "https://meet.example.org/kaizen-{workshop}-{group}"
    assert my_group(people["Anna"])["video_url"] is None

    assert ok(presenter.call("set_video_link", {"video_link": f"  {template} "}))["video_link"] == (
        template
    )
    for client in people.values():
        fact = client.wait_for("group_changed", group_fact(item, lambda g: g["video_url"]))
        number = fact["group"]["number"]
        assert fact["group"]["video_url"] == (
            f"https://meet.example.org/kaizen-{workshop.id}-{number}"
        )
    state = presenter.state()["breakout"]
    assert state["video_link"] == template
    assert [g["video_url"][-2:] for g in state["group_details"]] == ["-1", "-2"]

    ok(presenter.call("set_video_link", {"video_link": ""}))
    for client in people.values():
        client.wait_for("group_changed", group_fact(item, lambda g: g["video_url"] is None))
    assert presenter.state()["breakout"]["video_link"] == ""


def test_everyone_sees_the_same_clock_and_extensions_move_it(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben"))
    screen = live.screen(workshop)
    before = time.time() * 1000
    ack = started(presenter, item)
    after = time.time() * 1000
    clients = [presenter, screen, *people.values()]

    ends_at = ack["ends_at"]
    assert before + 600_000 - 1000 <= ends_at <= after + 600_000 + 1000
    for client in clients:
        asked = time.time() * 1000
        state = client.state()
        view = state["breakout"]
        assert (view["status"], view["ends_at"], view["duration"]) == ("running", ends_at, 10)
        assert view["ends_at"] - view["started_at"] == 600_000
        assert asked - 1000 <= state["server_time"] <= time.time() * 1000 + 1000
        assert 590_000 <= view["ends_at"] - state["server_time"] <= 600_000

    extended = ok(presenter.call("extend_breakout", {"item_id": item.id, "minutes": 5}))
    assert extended["ends_at"] == ends_at + 300_000
    text = {"item_id": item.id, "text": "  Five   more minutes "}
    ok(presenter.call("breakout_message", text))
    for client in clients:
        fact = client.wait_for("breakout_changed", lambda p: p["message"] == "Five more minutes")
        assert fact["ends_at"] == ends_at + 300_000
        assert fact["message_at"] >= fact["started_at"]
        assert client.state()["breakout"]["ends_at"] == ends_at + 300_000


# -- bad input -----------------------------------------------------------------


def test_bad_input_is_refused_with_a_clear_code_and_changes_nothing(live):
    workshop, item, presenter, people = opened(live, names=("Anna", "Ben"))
    anna = people["Anna"]
    welcome, _, notes_off = live.items(workshop)
    started(presenter, item, grouping={"mode": "count", "count": 1})
    card = add_card(anna, item, "Keep me")
    ok(anna.call("save_note", {"item_id": item.id, "text": "Keep this note"}))
    i = item.id
    group = my_group(anna)["id"]
    p = presenter
    elsewhere = live.items(live.workshop(RETRO))[1].id  # a breakout of another workshop
    rows = [
        (p, "start_breakout", {}, "invalid_payload"),
        (p, "start_breakout", {"item_id": elsewhere}, "unknown_item"),
        (p, "end_breakout", {"item_id": elsewhere}, "unknown_item"),
        (anna, "add_card", {"item_id": elsewhere, "prompt_id": "p1", "text": "Hi"}, "unknown_item"),
        (anna, "save_note", {"item_id": elsewhere, "text": "Hi"}, "unknown_item"),
        (p, "start_breakout", {"item_id": 5}, "unknown_item"),
        (p, "start_breakout", {"item_id": "nope"}, "unknown_item"),
        (p, "start_breakout", {"item_id": welcome.id}, "not_breakout"),
        (p, "start_breakout", {"item_id": notes_off.id}, "not_current"),
        (p, "form_groups", {"item_id": i}, "breakout_started"),
        (p, "end_breakout", {"item_id": notes_off.id}, "breakout_not_started"),
        (p, "end_breakout", "not a dict", "invalid_payload"),
        (p, "end_breakout", [i], "invalid_payload"),
        (p, "extend_breakout", {"item_id": i}, "invalid_payload"),
        (p, "extend_breakout", {"item_id": i, "minutes": 0}, "out_of_range"),
        (p, "extend_breakout", {"item_id": i, "minutes": 61}, "out_of_range"),
        (p, "extend_breakout", {"item_id": i, "minutes": "ten"}, "out_of_range"),
        (p, "extend_breakout", {"item_id": i, "minutes": 2.5}, "out_of_range"),
        (p, "breakout_message", {"item_id": i}, "invalid_payload"),
        (p, "breakout_message", {"item_id": i, "text": 5}, "invalid_payload"),
        (p, "breakout_message", {"item_id": i, "text": "  "}, "text_required"),
        (p, "breakout_message", {"item_id": i, "text": "x" * 201}, "text_too_long"),
        (p, "breakout_message", {"item_id": i, "text": "left\u202eright"}, "invalid_text"),
        (p, "move_participant", {"item_id": i, "group_id": group}, "invalid_payload"),
        (p, "move_participant", {"item_id": i, "number": 1}, "invalid_payload"),
        (
            p,
            "move_participant",
            {"item_id": i, "number": "1", "group_id": group},
            "unknown_participant",
        ),
        (
            p,
            "move_participant",
            {"item_id": i, "number": True, "group_id": group},
            "unknown_participant",
        ),
        (
            p,
            "move_participant",
            {"item_id": i, "number": 99, "group_id": group},
            "unknown_participant",
        ),
        (p, "move_participant", {"item_id": i, "number": 1, "group_id": "nope"}, "unknown_group"),
        (p, "move_participant", {"item_id": i, "number": 1, "group_id": 7}, "unknown_group"),
        (p, "harvest_card", {"item_id": i}, "invalid_payload"),
        (p, "harvest_card", {"item_id": i, "card_id": "nope"}, "unknown_card"),
        (
            p,
            "harvest_card",
            {"item_id": i, "card_id": card["id"], "harvested": "yes"},
            "invalid_payload",
        ),
        (p, "set_video_link", {}, "invalid_payload"),
        (p, "set_video_link", {"video_link": 5}, "invalid_payload"),
        (p, "set_video_link", {"video_link": "ftp://x.org/{group}"}, "video_link_invalid"),
        (p, "set_video_link", {"video_link": "https://x.org/{room}"}, "video_link_placeholder"),
        (p, "set_video_link", {"video_link": "https://x.org/" + "a" * 490}, "too_long"),
        (anna, "add_card", {"item_id": i, "prompt_id": "p1", "text": "x" * 600}, "text_too_long"),
        (anna, "add_card", {"item_id": i, "prompt_id": "p9", "text": "Hi"}, "unknown_prompt"),
        (anna, "add_card", {"item_id": i, "text": "Hi"}, "unknown_prompt"),
        (anna, "add_card", {"item_id": i, "prompt_id": ["p1"], "text": "Hi"}, "unknown_prompt"),
        (anna, "add_card", {"item_id": i, "prompt_id": "p1"}, "invalid_payload"),
        (anna, "add_card", {"item_id": i, "prompt_id": "p1", "text": 42}, "invalid_payload"),
        (anna, "add_card", {"item_id": i, "prompt_id": "p1", "text": " \n "}, "text_required"),
        (anna, "add_card", {"item_id": i, "prompt_id": "p1", "text": "a\x07"}, "invalid_text"),
        (
            anna,
            "add_card",
            {"item_id": i, "prompt_id": "p1", "text": "Hi", "client_id": 5},
            "invalid_payload",
        ),
        (
            anna,
            "add_card",
            {"item_id": i, "prompt_id": "p1", "text": "Hi", "client_id": "x" * 65},
            "invalid_payload",
        ),
        (anna, "add_card", {"prompt_id": "p1", "text": "Hi"}, "invalid_payload"),
        (anna, "add_card", {"item_id": 7, "prompt_id": "p1", "text": "Hi"}, "unknown_item"),
        (
            anna,
            "add_card",
            {"item_id": welcome.id, "prompt_id": "p1", "text": "Hi"},
            "not_breakout",
        ),
        (
            anna,
            "add_card",
            {"item_id": notes_off.id, "prompt_id": "p1", "text": "Hi"},
            "breakout_not_started",
        ),
        (anna, "edit_card", {"item_id": i, "card_id": "nope", "text": "Hi"}, "unknown_card"),
        (anna, "edit_card", {"item_id": i, "text": "Hi"}, "invalid_payload"),
        (anna, "edit_card", {"item_id": i, "card_id": card["id"]}, "invalid_payload"),
        (
            anna,
            "edit_card",
            {"item_id": i, "card_id": card["id"], "text": "x" * 600},
            "text_too_long",
        ),
        (anna, "edit_card", {"item_id": i, "card_id": card["id"], "text": ""}, "text_required"),
        (anna, "delete_card", {"item_id": i, "card_id": 5}, "unknown_card"),
        (anna, "delete_card", {"item_id": i}, "invalid_payload"),
        (anna, "save_note", {"item_id": i, "text": "x" * 6000}, "text_too_long"),
        (anna, "save_note", {"item_id": i, "text": None}, "invalid_payload"),
        (anna, "save_note", {"item_id": i}, "invalid_payload"),
        (anna, "save_note", {"item_id": i, "text": "a\u202eb"}, "invalid_text"),
        (anna, "save_note", {"item_id": welcome.id, "text": "Hi"}, "not_breakout"),
        (anna, "save_note", {"item_id": notes_off.id, "text": "Hi"}, "notes_off"),
        (anna, "choose_group", {"item_id": i, "group_id": group}, "not_choosing"),
    ]
    clients = [presenter, *people.values()]
    before = [without_clock(client.state()) for client in clients]

    for client, command, payload, code in rows:
        ack = client.call(command, payload)
        assert refused(ack, code), (command, payload, ack)

    assert [without_clock(client.state()) for client in clients] == before
    assert my_group(anna)["cards"][0]["text"] == "Keep me"
    assert anna.state()["breakout"]["note"] == "Keep this note"
    assert anna.call("no_such_command", {})["error"]["code"] == "unknown_event"


def test_a_breakout_with_groups_can_no_longer_be_edited(live, server):
    workshop, item, presenter, _people = opened(live, names=("Anna", "Ben"))
    ok(presenter.call("form_groups", {"item_id": item.id}))
    agenda = presenter.wait_for("agenda_changed")["agenda"]
    assert next(entry for entry in agenda["items"] if entry["id"] == item.id)["status"] == "open"
    status, _headers, _body = http_request(
        server.url,
        "POST",
        f"/presenter/{workshop.id}/items/{item.id}/edit?key={workshop.presenter_token}",
        form={"title": "Changed", "minutes": "5", "prompt_1": "New?", "duration": "5"},
    )
    assert status == 400
    assert live.items(workshop)[1].title == item.title
