"""Open-text polls over real Socket.IO connections to a real server process."""

QUESTION = "What helps your team to learn from mistakes?"


def definition(threshold=1, **config):
    """A workshop with two open-text polls; the first one is the one we answer."""
    return {
        "title": "Open text workshop",
        "language": "en",
        "anonymity_threshold": threshold,
        "items": [
            {"kind": "open_text", "title": QUESTION, "minutes": 5, "config": config},
            {"kind": "open_text", "title": "And what hinders it?", "minutes": 5, "config": {}},
        ],
    }


def start(live, threshold=1, **config):
    """Create the workshop, connect the presenter and open the first poll."""
    workshop = live.workshop(definition(threshold, **config))
    first, second = live.items(workshop)
    presenter = live.presenter(workshop)
    assert presenter.call("open_item", {"item_id": first.id})["ok"]
    return workshop, first, second, presenter


def answer(participant, item, text):
    """Send ``text`` and return the ack."""
    return participant.call("vote", {"item_id": item.id, "value": text})


def texts(payload):
    """The listed answer texts of a ``tally`` or ItemView, newest first."""
    return [entry["text"] for entry in payload["results"]["texts"]]


def tally_where(client, item, predicate, timeout=5):
    """The first ``tally`` for ``item`` whose results satisfy ``predicate``."""
    return client.wait_for(
        "tally", lambda p: p["item_id"] == item.id and predicate(p["results"]), timeout=timeout
    )


def tally_with(client, item, expected_texts):
    """Wait for a ``tally`` listing exactly ``expected_texts`` (newest first)."""
    return tally_where(client, item, lambda r: [e["text"] for e in r["texts"]] == expected_texts)


def entry_of(results, text):
    """The listed entry with ``text``."""
    return next(entry for entry in results["texts"] if entry["text"] == text)


def test_answers_reach_the_presenter_newest_first_and_a_change_moves_them(live):
    workshop, item, _, presenter = start(live, results="presenter")
    screen = live.screen(workshop)
    anna, ben, cem = (live.participant(workshop, name) for name in ("Anna", "Ben", "Cem"))

    assert answer(anna, item, "  Talking openly\n") == {
        "ok": True,
        "item_id": item.id,
        "value": "Talking openly",
    }
    tally_with(presenter, item, ["Talking openly"])
    assert answer(ben, item, "Time to reflect")["ok"]
    tally_with(presenter, item, ["Time to reflect", "Talking openly"])
    assert answer(cem, item, "Coffee")["ok"]

    tally = tally_with(presenter, item, ["Coffee", "Time to reflect", "Talking openly"])
    assert tally["answers"] == 3
    assert tally["results"]["answers"] == 3
    assert tally["results"]["more"] == 0
    assert tally["results"]["hidden"] == 0
    assert all(entry["hidden"] is False for entry in tally["results"]["texts"])
    assert len({entry["id"] for entry in tally["results"]["texts"]}) == 3
    shown = tally_with(screen, item, ["Coffee", "Time to reflect", "Talking openly"])
    assert all("hidden" not in entry for entry in shown["results"]["texts"])
    assert "Anna" not in str(shown) and "Anna" not in str(tally), "answers carry no names"

    anna_id = entry_of(tally["results"], "Talking openly")["id"]
    assert answer(anna, item, "Talking openly, without blame")["ok"]
    tally = tally_with(
        presenter, item, ["Talking openly, without blame", "Coffee", "Time to reflect"]
    )
    assert tally["results"]["answers"] == 3, "a changed answer is not a second answer"
    assert tally["results"]["texts"][0]["id"] == anna_id, "the answer keeps its id"
    assert anna.state()["my_answers"] == {item.id: "Talking openly, without blame"}
    state = presenter.state()["item"]
    assert texts(state) == ["Talking openly, without blame", "Coffee", "Time to reflect"]


def test_markup_comes_back_verbatim_as_text(live):
    workshop, item, _, presenter = start(live, results="live")
    screen = live.screen(workshop)
    attacks = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
    people = [live.participant(workshop) for _ in attacks]

    for person, attack in zip(people, attacks, strict=True):
        assert answer(person, item, attack) == {"ok": True, "item_id": item.id, "value": attack}

    expected = list(reversed(attacks))
    for viewer in (presenter, screen, people[0]):
        tally = tally_with(viewer, item, expected)
        for entry in tally["results"]["texts"]:
            assert isinstance(entry["text"], str)
    assert texts(presenter.state()["item"]) == expected
    assert texts(people[1].state()["item"]) == expected
    assert people[0].state()["my_answers"] == {item.id: attacks[0]}

    answer_id = entry_of(presenter.state()["item"]["results"], attacks[1])["id"]
    assert presenter.call("highlight_answer", {"item_id": item.id, "answer_id": answer_id})["ok"]
    updated = screen.wait_for("item_updated", lambda p: p["item"]["results"]["highlight"])
    assert updated["item"]["results"]["highlight"] == {"id": answer_id, "text": attacks[1]}


def test_bad_answers_are_refused_and_change_nothing(live):
    workshop, item, other, presenter = start(live, results="presenter", max_length=40)
    participant = live.participant(workshop)
    assert answer(participant, item, "Trust")["ok"]
    before = tally_with(presenter, item, ["Trust"])["results"]

    cases = [
        (None, "invalid_answer"),
        (5, "invalid_answer"),
        (True, "invalid_answer"),
        (["Trust"], "invalid_answer"),
        ({"text": "Trust"}, "invalid_answer"),
        ([[[[[[["deep"]]]]]]], "invalid_answer"),
        ("nul\x00byte", "invalid_answer"),
        ("", "answer_required"),
        ("   \n\t  ", "answer_required"),
        ("x" * 41, "answer_too_long"),
        ("y" * 60_000, "answer_too_long"),
    ]
    for value, code in cases:
        ack = answer(participant, item, value)
        assert ack["ok"] is False, (value if not isinstance(value, str) else value[:50], ack)
        assert ack["error"]["code"] == code, (str(value)[:50], ack["error"])
        assert ack["error"]["message"]
    too_long = answer(participant, item, "x" * 41)["error"]["message"]
    assert "40" in too_long, too_long

    ack = participant.call("vote", {"item_id": other.id, "value": "Elsewhere"})
    assert ack["error"]["code"] == "not_current"

    assert answer(participant, item, "x" * 40)["ok"], "exactly the limit is fine"
    assert answer(participant, item, "Trust")["ok"]
    state = presenter.state()["item"]
    assert state["results"] == before
    assert participant.state()["my_answers"] == {item.id: "Trust"}


def test_an_answer_that_may_not_change_stays(live):
    workshop, item, _, presenter = start(live, changeable=False)
    participant = live.participant(workshop)
    assert answer(participant, item, "First thought")["ok"]
    assert answer(participant, item, "First thought")["ok"], "sending the same again is fine"

    ack = answer(participant, item, "Second thought")

    assert ack["error"]["code"] == "not_changeable"
    assert texts(presenter.state()["item"]) == ["First thought"]


def test_live_results_reach_participants_only_from_the_threshold_on(live):
    workshop, item, _, presenter = start(live, threshold=3, results="live")
    screen = live.screen(workshop)
    people = [live.participant(workshop) for _ in range(3)]

    assert answer(people[0], item, "One")["ok"]
    assert answer(people[1], item, "Two")["ok"]
    tally_with(presenter, item, ["Two", "One"])
    # Beats may fall between the two answers: wait for the count of two, then check it.
    below = screen.wait_for("tally", lambda p: p["item_id"] == item.id and p["answers"] == 2)
    assert below["results"] is None
    assert people[0].received("tally") == []
    assert people[0].state()["item"]["results"] is None

    assert answer(people[2], item, "Three")["ok"]
    for viewer in (people[0], people[2], screen):
        tally = tally_with(viewer, item, ["Three", "Two", "One"])
        assert tally["results_visible"] is True
        assert all("hidden" not in entry for entry in tally["results"]["texts"])
    assert texts(people[1].state()["item"]) == ["Three", "Two", "One"]


def test_the_presenter_hides_an_answer_from_everyone_else_and_shows_it_again(live):
    workshop, item, _, presenter = start(live, results="live")
    screen = live.screen(workshop)
    kind, rude, calm = (live.participant(workshop) for _ in range(3))
    assert answer(kind, item, "Listen first")["ok"]
    assert answer(rude, item, "This is all nonsense")["ok"]
    assert answer(calm, item, "Ask questions")["ok"]
    everyone = ["Ask questions", "This is all nonsense", "Listen first"]
    results = tally_with(presenter, item, everyone)["results"]
    rude_id = entry_of(results, "This is all nonsense")["id"]
    for viewer in (screen, kind):
        tally_with(viewer, item, everyone)

    ack = presenter.call("hide_answer", {"item_id": item.id, "answer_id": rude_id, "hidden": True})

    assert ack == {"ok": True, "item_id": item.id, "answer_id": rude_id, "hidden": True}
    for viewer in (screen, kind, rude):
        tally = tally_with(viewer, item, ["Ask questions", "Listen first"])
        assert tally["results"]["answers"] == 3
        assert "This is all nonsense" not in str(tally)
    moderated = tally_where(presenter, item, lambda r: r["hidden"] == 1)["results"]
    assert [(e["text"], e["hidden"]) for e in moderated["texts"]] == [
        ("Ask questions", False),
        ("This is all nonsense", True),
        ("Listen first", False),
    ]
    assert texts(screen.state()["item"]) == ["Ask questions", "Listen first"]
    assert texts(calm.state()["item"]) == ["Ask questions", "Listen first"]
    assert rude.state()["my_answers"] == {item.id: "This is all nonsense"}

    ack = presenter.call("hide_answer", {"item_id": item.id, "answer_id": rude_id, "hidden": False})

    assert ack["ok"] and ack["hidden"] is False
    for viewer in (screen, kind):
        tally_with(viewer, item, everyone)
    shown = tally_where(presenter, item, lambda r: r["hidden"] == 0)["results"]
    assert [e["hidden"] for e in shown["texts"]] == [False, False, False]


def test_the_presenter_highlights_an_answer_on_the_big_screen(live):
    workshop, item, other, presenter = start(live, results="live")
    screen = live.screen(workshop)
    writer, reader, heckler = (live.participant(workshop) for _ in range(3))
    assert answer(writer, item, "Celebrate fixed mistakes")["ok"]
    assert answer(heckler, item, "Blame the intern")["ok"]
    results = tally_with(presenter, item, ["Blame the intern", "Celebrate fixed mistakes"])[
        "results"
    ]
    good = entry_of(results, "Celebrate fixed mistakes")["id"]
    bad = entry_of(results, "Blame the intern")["id"]

    ack = presenter.call("highlight_answer", {"item_id": item.id, "answer_id": good})

    assert ack == {"ok": True, "item_id": item.id, "highlight": good}
    spotlight = {"id": good, "text": "Celebrate fixed mistakes"}
    updated = screen.wait_for("item_updated", lambda p: p["item"]["id"] == item.id)
    assert updated["item"]["results"]["highlight"] == spotlight
    assert reader.wait_for("item_updated")["item"]["results"]["highlight"] == spotlight
    assert presenter.state()["item"]["results"]["highlight"] == spotlight
    assert screen.state()["item"]["results"]["highlight"] == spotlight

    assert presenter.call("hide_answer", {"item_id": item.id, "answer_id": bad})["ok"]
    ack = presenter.call("highlight_answer", {"item_id": item.id, "answer_id": bad})
    assert ack["ok"] is False and ack["error"]["code"] == "unknown_answer"
    assert screen.state()["item"]["results"]["highlight"] == spotlight

    elsewhere = live.participant(workshop)
    assert presenter.call("open_item", {"item_id": other.id})["ok"]
    assert answer(elsewhere, other, "Fear")["ok"]
    foreign = tally_with(presenter, other, ["Fear"])["results"]["texts"][0]["id"]
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    for command, payload in [
        ("hide_answer", {"item_id": item.id, "answer_id": foreign}),
        ("highlight_answer", {"item_id": item.id, "answer_id": foreign}),
        ("hide_answer", {"item_id": other.id, "answer_id": good}),
        ("highlight_answer", {"item_id": item.id, "answer_id": "no-such-answer"}),
        ("hide_answer", {"item_id": item.id, "answer_id": ["x"]}),
    ]:
        ack = presenter.call(command, payload)
        assert ack["ok"] is False and ack["error"]["code"] == "unknown_answer", (command, ack)
    assert texts(presenter.state()["item"]) == ["Blame the intern", "Celebrate fixed mistakes"]
    assert presenter.call("open_item", {"item_id": other.id})["ok"]
    other_state = presenter.state()["item"]["results"]
    assert other_state["hidden"] == 0 and other_state["highlight"] is None
    assert presenter.call("open_item", {"item_id": item.id})["ok"]

    for client in (writer, screen):
        for command, payload in [
            ("hide_answer", {"item_id": item.id, "answer_id": good, "hidden": True}),
            ("highlight_answer", {"item_id": item.id, "answer_id": None}),
        ]:
            ack = client.call(command, payload)
            assert ack["ok"] is False and ack["error"]["code"] == "presenter_only", (command, ack)
    assert screen.state()["item"]["results"]["highlight"] == spotlight
    assert texts(screen.state()["item"]) == ["Celebrate fixed mistakes"]

    assert presenter.call("hide_answer", {"item_id": item.id, "answer_id": good})["ok"]
    tally = tally_where(screen, item, lambda r: r["texts"] == [])
    assert tally["results"]["highlight"] is None, "hiding the highlighted answer removes it"

    assert presenter.call("hide_answer", {"item_id": item.id, "answer_id": good, "hidden": False})[
        "ok"
    ]
    assert presenter.call("highlight_answer", {"item_id": item.id, "answer_id": good})["ok"]
    screen.wait_for("item_updated", lambda p: p["item"]["results"]["highlight"] == spotlight)
    assert presenter.call("highlight_answer", {"item_id": item.id, "answer_id": None}) == {
        "ok": True,
        "item_id": item.id,
        "highlight": None,
    }
    cleared = screen.wait_for("item_updated", lambda p: p["item"]["results"]["highlight"] is None)
    assert texts(cleared["item"]) == ["Celebrate fixed mistakes"]


def test_a_reset_forgets_answers_highlight_and_hiding(live):
    workshop, item, _, presenter = start(live, results="live")
    participant = live.participant(workshop)
    assert answer(participant, item, "Keep going")["ok"]
    answer_id = tally_with(presenter, item, ["Keep going"])["results"]["texts"][0]["id"]
    assert presenter.call("highlight_answer", {"item_id": item.id, "answer_id": answer_id})["ok"]

    assert presenter.call("reset_item", {"item_id": item.id})["ok"]

    assert presenter.state()["item"]["results"] == {
        "answers": 0,
        "texts": [],
        "more": 0,
        "highlight": None,
        "hidden": 0,
    }
    assert participant.state()["my_answers"] == {}
    assert answer(participant, item, "Start again")["ok"]
    tally_with(presenter, item, ["Start again"])


def test_the_screen_gets_identical_answers_grouped(live):
    workshop, item, _, presenter = start(live, results="presenter")
    screen = live.screen(workshop)
    for text in ("More time", "more  time", "Trust", "MORE TIME"):
        assert answer(live.participant(workshop), item, text)["ok"]

    results = tally_where(screen, item, lambda r: r["answers"] == 4)["results"]

    assert [(g["text"], g["count"]) for g in results["groups"]] == [
        ("MORE TIME", 3),
        ("Trust", 1),
    ]
    assert "groups" not in presenter.state()["item"]["results"]


def test_the_presenter_turns_the_big_screens_page(live):
    workshop, item, second, presenter = start(live)
    screen = live.screen(workshop)
    participant = live.participant(workshop)

    ack = presenter.call("turn_screen_page", {"item_id": item.id})

    assert ack == {"ok": True, "item_id": item.id}
    assert screen.wait_for("screen_page_turned") == {"item_id": item.id}
    participant.state()  # a round trip: anything sent to it before has arrived
    assert participant.received("screen_page_turned") == []
    refused = presenter.call("turn_screen_page", {"item_id": second.id})
    assert refused["error"]["code"] == "not_current"
    assert participant.call("turn_screen_page", {"item_id": item.id})["error"]["code"] == (
        "presenter_only"
    )
    assert presenter.call("turn_screen_page", {})["error"]["code"] == "invalid_payload"
