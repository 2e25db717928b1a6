"""A word cloud over real Socket.IO connections to a real server process."""

from facilitation.storage import Store

CLOUD = {
    "title": "Word cloud workshop",
    "language": "en",
    "items": [
        {
            "kind": "word_cloud",
            "title": "Which word describes a good culture of mistakes?",
            "minutes": 3,
            "config": {"max_entries": 3},
        },
    ],
}


def opened_cloud(live, definition=CLOUD):
    """A workshop with the word cloud opened by its presenter: (workshop, presenter, item)."""
    workshop = live.workshop(definition)
    presenter = live.presenter(workshop)
    item = live.items(workshop)[0]
    assert presenter.call("open_item", {"item_id": item.id})["ok"]
    return workshop, presenter, item


def tally_where(client, item, check, timeout=5):
    """The first tally for ``item`` whose results satisfy ``check``."""
    return client.wait_for(
        "tally", lambda p: p["item_id"] == item.id and p["results"] and check(p["results"]), timeout
    )


def pairs(results):
    return [(entry["word"], entry["count"]) for entry in results["words"]]


def test_words_reach_presenter_and_screen_counted_per_person(live):
    workshop, presenter, item = opened_cloud(live)
    screen = live.screen(workshop)
    sent = [
        ["Trust", "Openness"],
        ["trust ", "  learning  together"],
        ["TRUST", "Learning Together", "trust"],
        ["Straße"],
        ["STRASSE"],
    ]
    for value in sent:
        ack = live.participant(workshop).call("vote", {"item_id": item.id, "value": value})
        assert ack["ok"] is True, ack
    assert ack["value"] == ["STRASSE"]

    for viewer in (presenter, screen):
        results = tally_where(viewer, item, lambda r: r["answers"] == 5)["results"]
        assert pairs(results) == [
            ("Trust", 3),
            ("learning together", 2),
            ("Openness", 1),
            ("STRASSE", 1),
            ("Straße", 1),
        ]
        assert results["distinct"] == 5


def test_the_ack_carries_the_tidied_entries(live):
    workshop, _presenter, item = opened_cloud(live)
    participant = live.participant(workshop)

    ack = participant.call(
        "vote", {"item_id": item.id, "value": ["  Mut \n zur Lücke", "", "mut zur lücke"]}
    )

    assert ack == {"ok": True, "item_id": item.id, "value": ["Mut zur Lücke"]}
    assert participant.state()["my_answers"] == {item.id: ["Mut zur Lücke"]}


def test_a_changed_answer_moves_the_words(live):
    workshop, presenter, item = opened_cloud(live)
    first, second = live.participant(workshop), live.participant(workshop)
    assert first.call("vote", {"item_id": item.id, "value": ["Mut", "Zeit"]})["ok"]
    assert second.call("vote", {"item_id": item.id, "value": ["Mut"]})["ok"]
    tally_where(presenter, item, lambda r: pairs(r) == [("Mut", 2), ("Zeit", 1)])

    assert first.call("vote", {"item_id": item.id, "value": ["Ruhe"]})["ok"]

    results = tally_where(presenter, item, lambda r: ("Ruhe", 1) in pairs(r))["results"]
    assert pairs(results) == [("Mut", 1), ("Ruhe", 1)]
    assert (results["answers"], results["distinct"]) == (2, 2)


def test_bad_answers_are_refused_and_change_nothing(live):
    workshop, presenter, item = opened_cloud(live)
    participant = live.participant(workshop)
    assert participant.call("vote", {"item_id": item.id, "value": ["Mut"]})["ok"]
    tally_where(presenter, item, lambda r: r["answers"] == 1)

    cases = [
        ("Mut", "invalid_answer"),
        (None, "invalid_answer"),
        (5, "invalid_answer"),
        ({"words": ["Mut"]}, "invalid_answer"),
        (["Mut", 5], "invalid_answer"),
        ([["Mut"]], "invalid_answer"),
        ([[[[[[["deep"]]]]]]], "invalid_answer"),
        ([None], "invalid_answer"),
        (["a", "b", "c", "d"], "too_many_entries"),
        ([f"word {n}" for n in range(500)], "too_many_entries"),
        (["x" * 41], "entry_too_long"),
        (["ok", "x" * 60_000], "entry_too_long"),
        ([], "entry_required"),
        (["", "  ", "\n"], "entry_required"),
    ]
    for value, code in cases:
        ack = participant.call("vote", {"item_id": item.id, "value": value})
        assert ack["ok"] is False, (str(value)[:80], ack)
        assert ack["error"]["code"] == code, (str(value)[:80], ack["error"])
        assert ack["error"]["message"]

    state = presenter.state()
    assert pairs(state["item"]["results"]) == [("Mut", 1)]
    assert state["item"]["results"]["answers"] == 1
    assert participant.state()["my_answers"] == {item.id: ["Mut"]}


def test_refusals_name_the_limits_in_the_participants_language(live):
    workshop, _presenter, item = opened_cloud(
        live, {**CLOUD, "items": [{**CLOUD["items"][0], "config": {"max_entries": 2}}]}
    )
    participant = live.participant(workshop)

    too_many = participant.call("vote", {"item_id": item.id, "value": ["a", "b", "c"]})
    too_long = participant.call("vote", {"item_id": item.id, "value": ["y" * 60]})

    assert "2" in too_many["error"]["message"]
    assert "40" in too_long["error"]["message"]


def test_live_results_reach_participants_only_from_the_threshold_on(live):
    definition = {
        **CLOUD,
        "anonymity_threshold": 3,
        "items": [{**CLOUD["items"][0], "config": {"results": "live"}}],
    }
    workshop, presenter, item = opened_cloud(live, definition)
    people = [live.participant(workshop) for _ in range(3)]

    for person, words in zip(people[:2], [["Mut"], ["Mut", "Zeit"]], strict=True):
        assert person.call("vote", {"item_id": item.id, "value": words})["ok"]
    tally_where(presenter, item, lambda r: r["answers"] == 2)
    assert people[0].received("tally") == []
    assert people[0].state()["item"]["results"] is None

    assert people[2].call("vote", {"item_id": item.id, "value": ["Ruhe"]})["ok"]
    for person in people:
        tally = tally_where(person, item, lambda r: r["answers"] == 3)
        assert tally["results_visible"] is True
        assert pairs(tally["results"]) == [("Mut", 2), ("Ruhe", 1), ("Zeit", 1)]


def test_an_answer_the_presenter_hides_leaves_the_screens_cloud(live, server):
    workshop, presenter, item = opened_cloud(live, {**CLOUD, "anonymity_threshold": 1})
    screen = live.screen(workshop)
    rude, kind = live.participant(workshop), live.participant(workshop)
    assert rude.call("vote", {"item_id": item.id, "value": ["Idiots"]})["ok"]
    assert kind.call("vote", {"item_id": item.id, "value": ["Kindness"]})["ok"]
    tally_where(screen, item, lambda r: r["answers"] == 2)
    store = Store(server.database)
    answer = next(a for a in store.answers(item.id) if a.value == ["Idiots"])
    store.close()

    assert presenter.call("hide_answer", {"item_id": item.id, "answer_id": answer.id})["ok"]

    on_screen = tally_where(screen, item, lambda r: len(r["words"]) == 1)["results"]
    assert pairs(on_screen) == [("Kindness", 1)]
    assert "hidden_words" not in on_screen
    for_presenter = tally_where(presenter, item, lambda r: "hidden_words" in r)["results"]
    assert for_presenter["hidden_words"] == [{"word": "Idiots", "count": 1, "hidden": True}]
    assert for_presenter["answers"] == 2


def test_the_presenter_hides_a_word_from_the_cloud_and_shows_it_again(live):
    workshop, presenter, item = opened_cloud(live, {**CLOUD, "anonymity_threshold": 1})
    screen = live.screen(workshop)
    voters = [live.participant(workshop) for _ in range(3)]
    for voter, words in zip(voters, [["Idiots"], ["Kindness"], ["idiots", "Calm"]], strict=True):
        assert voter.call("vote", {"item_id": item.id, "value": words})["ok"]
    tally_where(screen, item, lambda r: r["answers"] == 3)

    ack = presenter.call("hide_word", {"item_id": item.id, "word": " IDIOTS "})
    assert ack == {"ok": True, "item_id": item.id, "word": "IDIOTS", "hidden": True, "answers": 2}
    on_screen = tally_where(screen, item, lambda r: len(r["words"]) == 1)["results"]
    assert pairs(on_screen) == [("Kindness", 1)]  # the whole answers are hidden, "Calm" too
    for_presenter = tally_where(presenter, item, lambda r: "hidden_words" in r)["results"]
    assert {entry["word"] for entry in for_presenter["hidden_words"]} == {"Idiots", "Calm"}

    shown = presenter.call("hide_word", {"item_id": item.id, "word": "idiots", "hidden": False})
    assert shown["ok"] and shown["answers"] == 2
    back = tally_where(screen, item, lambda r: len(r["words"]) == 3)["results"]
    assert sorted(pairs(back)) == [("Calm", 1), ("Idiots", 2), ("Kindness", 1)]


def test_hiding_a_word_is_refused_with_a_reason(live):
    workshop, presenter, item = opened_cloud(live)
    participant = live.participant(workshop)
    assert participant.call("vote", {"item_id": item.id, "value": ["Calm"]})["ok"]
    other = live.workshop()
    content = next(i for i in live.items(other) if i.kind == "content")
    cases = [
        (presenter, {"item_id": item.id, "word": "Nobody said this"}, "unknown_answer"),
        (presenter, {"item_id": item.id}, "invalid_payload"),
        (presenter, {"item_id": item.id, "word": "   "}, "invalid_payload"),
        (presenter, {"item_id": item.id, "word": "Calm", "hidden": "yes"}, "invalid_payload"),
        (presenter, {"item_id": content.id, "word": "Calm"}, "unknown_item"),
        (participant, {"item_id": item.id, "word": "Calm"}, "presenter_only"),
    ]
    for client, payload, code in cases:
        ack = client.call("hide_word", payload)
        assert ack["ok"] is False and ack["error"]["code"] == code, (payload, ack)
    own_content = live.workshop(
        {
            **CLOUD,
            "items": [
                *CLOUD["items"],
                {"kind": "content", "title": "Text", "minutes": 1, "config": {"body": "x"}},
            ],
        }
    )
    own_presenter = live.presenter(own_content)
    text_item = live.items(own_content)[1]
    refused = own_presenter.call("hide_word", {"item_id": text_item.id, "word": "Calm"})
    assert refused["error"]["code"] == "not_word_cloud"
