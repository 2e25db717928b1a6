"""Tests for the open-text kind: configuration, the length rules, the tally and its results."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import Answer, get_kind
from facilitation.domain.kinds.open_text import (
    DEFAULT_MAX_LENGTH,
    MAX_LISTED,
    MAX_MAX_LENGTH,
    MAX_PLACEHOLDER,
    MIN_MAX_LENGTH,
    same_answer,
)
from facilitation.domain.workshop import AgendaItem
from facilitation.messages import MESSAGES

open_text = get_kind("open_text")
CONFIG = open_text.validate_config({})


def refusal_of(call, *args):
    """Return the Refusal raised by ``call(*args)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args)
    return refusal.value


def item(highlight=None, config=CONFIG):
    """The agenda item that ``results`` gets."""
    return AgendaItem("i1", "w1", 0, "open_text", "What helps you?", 5, config, highlight=highlight)


def answers(*texts, hidden=()):
    """Stored answers a1, a2, … (oldest first); the positions in ``hidden`` are hidden."""
    return [Answer(f"a{n}", text, n in hidden) for n, text in enumerate(texts, start=1)]


def listed(results):
    """The listed answers as (id, text) pairs, in the order sent."""
    return [(entry["id"], entry["text"]) for entry in results["texts"]]


# -- configuration ----------------------------------------------------------------


def test_kind_is_registered_as_a_poll():
    assert open_text.name == "open_text"
    assert open_text.collects_answers is True
    assert open_text.label == "Open text"


def test_defaults():
    assert CONFIG == {
        "max_length": DEFAULT_MAX_LENGTH,
        "placeholder": "",
        "results": "presenter",
        "changeable": True,
    }
    assert DEFAULT_MAX_LENGTH == 280


def test_own_fields_are_kept_and_tidied():
    config = open_text.validate_config(
        {"max_length": 500, "placeholder": "  One  idea,\n please ", "results": "live"}
    )

    assert config == {
        "max_length": 500,
        "placeholder": "One idea, please",
        "results": "live",
        "changeable": True,
    }
    assert open_text.validate_config(config) == config


@pytest.mark.parametrize("max_length", [MIN_MAX_LENGTH, 100, MAX_MAX_LENGTH, "300"])
def test_allowed_lengths(max_length):
    config = open_text.validate_config({"max_length": max_length})

    assert config["max_length"] == int(max_length)


@pytest.mark.parametrize(
    "max_length",
    [MIN_MAX_LENGTH - 1, MAX_MAX_LENGTH + 1, 0, -5, 280.0, True, None, "", "x", [280]]
    + ["5000", "--50", "5\u00b2", "\u00b2", "\u0665\u0660", "9" * 5000],
)
def test_lengths_outside_the_range_are_refused(max_length):
    refusal = refusal_of(open_text.validate_config, {"max_length": max_length})

    assert refusal.code == "out_of_range"
    assert refusal.params == {
        "field": "max_length",
        "minimum": MIN_MAX_LENGTH,
        "maximum": MAX_MAX_LENGTH,
    }


def test_placeholder_at_the_limit_is_accepted_and_longer_is_refused():
    assert open_text.validate_config({"placeholder": "x" * MAX_PLACEHOLDER})["placeholder"] == (
        "x" * MAX_PLACEHOLDER
    )

    refusal = refusal_of(open_text.validate_config, {"placeholder": "x" * (MAX_PLACEHOLDER + 1)})

    assert refusal.code == "too_long"
    assert refusal.params == {"field": "placeholder", "limit": MAX_PLACEHOLDER}


@pytest.mark.parametrize("placeholder", [5, ["hint"], {"text": "hint"}, True])
def test_placeholder_that_is_not_text_is_refused(placeholder):
    refusal = refusal_of(open_text.validate_config, {"placeholder": placeholder})

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "placeholder"}


@pytest.mark.parametrize(
    ("config", "field"),
    [({"results": "everyone"}, "results"), ({"changeable": "yes"}, "changeable"), ([], "config")],
)
def test_shared_settings_are_checked(config, field):
    refusal = refusal_of(open_text.validate_config, config)

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": field}


def test_public_config_tells_participants_the_length_and_hint():
    config = open_text.validate_config({"max_length": 40, "placeholder": "A word or two"})

    public = open_text.public_config(config)

    assert public["max_length"] == 40
    assert public["placeholder"] == "A word or two"


# -- the authoring form -----------------------------------------------------------


def test_form_fields_become_a_config():
    form = {"max_length": " 120 ", "placeholder": "Your idea"}
    form.update(results="live", changeable="on")

    config = open_text.validate_config(open_text.from_form(form))

    assert config == {
        "max_length": 120,
        "placeholder": "Your idea",
        "results": "live",
        "changeable": True,
    }


def test_an_empty_length_field_means_the_default():
    config = open_text.validate_config(open_text.from_form({"max_length": "  ", "placeholder": ""}))

    assert config["max_length"] == DEFAULT_MAX_LENGTH
    assert config["placeholder"] == ""
    assert config["changeable"] is False, "an unticked checkbox is not sent by browsers"


def test_a_wrong_length_in_the_form_is_refused_naming_the_field():
    refusal = refusal_of(open_text.validate_config, open_text.from_form({"max_length": "5000"}))

    assert refusal.code == "out_of_range"
    assert refusal.params["field"] == "max_length"


@pytest.mark.parametrize("results", ["live", "presenter", "hidden"])
@pytest.mark.parametrize("changeable", [True, False])
def test_form_round_trips(results, changeable):
    config = open_text.validate_config(
        {"max_length": 64, "placeholder": "Hint", "results": results, "changeable": changeable}
    )

    form = open_text.to_form(config)

    assert form["max_length"] == "64"
    assert form["placeholder"] == "Hint"
    assert open_text.validate_config(open_text.from_form(form)) == config


# -- answers: the length rules ------------------------------------------------------

SHORT = open_text.validate_config({"max_length": 20})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Trust", "Trust"),
        ("  Trust each other \n", "Trust each other"),
        ("Line one\r\nLine two", "Line one\nLine two"),
        ("a\n\n\n\n\nb", "a\n\nb"),
        ("end   \nnext", "end\nnext"),
        ("Tabs\tstay", "Tabs\tstay"),
        ("<b>bold</b>", "<b>bold</b>"),
        ("Straße & Co. 👩‍💻", "Straße & Co. 👩‍💻"),
    ],
)
def test_answers_are_trimmed_and_kept_as_written(value, expected):
    assert open_text.parse_answer(CONFIG, value) == expected


def test_answer_of_exactly_the_limit_is_accepted():
    assert open_text.parse_answer(SHORT, "x" * 20) == "x" * 20


def test_answer_one_over_the_limit_is_refused_with_the_limit():
    refusal = refusal_of(open_text.parse_answer, SHORT, "x" * 21)

    assert refusal.code == "answer_too_long"
    assert refusal.params == {"limit": 20}


def test_the_limit_counts_after_trimming():
    assert open_text.parse_answer(SHORT, "   " + "x" * 20 + "\n\n   ") == "x" * 20


def test_the_limit_counts_characters_not_bytes_or_utf16_units():
    emoji = "😀" * 20  # 20 characters, 80 UTF-8 bytes, 40 UTF-16 units

    assert open_text.parse_answer(SHORT, emoji) == emoji
    assert refusal_of(open_text.parse_answer, SHORT, emoji + "😀").code == "answer_too_long"


def test_the_configured_limit_applies():
    config = open_text.validate_config({"max_length": 1000})

    assert len(open_text.parse_answer(config, "y" * 1000)) == 1000
    assert len(open_text.parse_answer(CONFIG, "y" * 280)) == 280
    assert refusal_of(open_text.parse_answer, CONFIG, "y" * 281).params == {"limit": 280}


def test_a_huge_answer_is_refused_as_too_long():
    refusal = refusal_of(open_text.parse_answer, CONFIG, "z" * 1_000_000)

    assert refusal.code == "answer_too_long"
    assert refusal.params == {"limit": 280}


@pytest.mark.parametrize("value", ["", " ", "\n\n", " \t \r\n ", "\u3000\u00a0"])
def test_empty_or_blank_answers_are_refused(value):
    assert refusal_of(open_text.parse_answer, CONFIG, value).code == "answer_required"


@pytest.mark.parametrize(
    "value", [None, 5, 2.5, True, ["text"], {"text": "hi"}, [[[["deep"]]]], ("a",), b"bytes"]
)
def test_answers_that_are_not_one_text_are_refused(value):
    assert refusal_of(open_text.parse_answer, CONFIG, value).code == "invalid_answer"


@pytest.mark.parametrize("value", ["nul\x00byte", "bell\x07", "escape\x1b[31m", "lone \ud800"])
def test_control_characters_and_lone_surrogates_are_refused(value):
    assert refusal_of(open_text.parse_answer, CONFIG, value).code == "invalid_answer"


def test_refusal_codes_have_messages():
    assert "%(limit)s" in MESSAGES["answer_too_long"]
    assert MESSAGES["answer_required"]


# -- the tally ---------------------------------------------------------------------


def test_a_first_answer_is_counted_and_listed_first():
    tally = open_text.new_tally(CONFIG, answers("Trust", "Time"))

    assert open_text.apply(tally, None, Answer("a3", "Coffee")) is True

    assert open_text.answer_count(tally) == 3
    assert listed(open_text.results(item(), tally, False)) == [
        ("a3", "Coffee"),
        ("a2", "Time"),
        ("a1", "Trust"),
    ]


def test_a_changed_answer_replaces_the_old_text_and_becomes_the_newest():
    tally = open_text.new_tally(CONFIG, answers("Trust", "Time"))

    assert open_text.apply(tally, Answer("a1", "Trust"), Answer("a1", "More trust")) is True

    assert open_text.answer_count(tally) == 2
    assert listed(open_text.results(item(), tally, False)) == [("a1", "More trust"), ("a2", "Time")]


def test_a_repeated_answer_changes_nothing():
    tally = open_text.new_tally(CONFIG, answers("Trust", "Time"))

    assert open_text.apply(tally, Answer("a1", "Trust"), Answer("a1", "Trust")) is False

    assert listed(open_text.results(item(), tally, False)) == [("a2", "Time"), ("a1", "Trust")]


def test_a_removed_answer_is_no_longer_counted_or_listed():
    tally = open_text.new_tally(CONFIG, answers("Trust", "Time", hidden={2}))

    assert open_text.apply(tally, Answer("a2", "Time", True), None) is True
    assert open_text.apply(tally, Answer("a9", "never stored"), None) is False

    results = open_text.results(item(), tally, True)
    assert results["answers"] == 1
    assert results["hidden"] == 0
    assert listed(results) == [("a1", "Trust")]


def test_identical_texts_of_different_people_are_both_listed():
    tally = open_text.new_tally(CONFIG, answers("Trust", "Trust"))

    results = open_text.results(item(), tally, False)

    assert results["answers"] == 2
    assert listed(results) == [("a2", "Trust"), ("a1", "Trust")]


def test_hiding_only_changes_the_flag_and_keeps_the_place():
    tally = open_text.new_tally(CONFIG, answers("Trust", "Rude remark", "Time"))

    assert open_text.apply(tally, Answer("a2", "Rude remark"), Answer("a2", "Rude remark", True))
    assert (
        open_text.apply(tally, Answer("a2", "Rude remark", True), Answer("a2", "Rude remark", True))
        is False
    )

    assert open_text.answer_count(tally) == 3, "a hidden answer was still given"
    public = open_text.results(item(), tally, False)
    assert listed(public) == [("a3", "Time"), ("a1", "Trust")]
    assert all("hidden" not in entry for entry in public["texts"])
    moderated = open_text.results(item(), tally, True)
    assert [(e["id"], e["hidden"]) for e in moderated["texts"]] == [
        ("a3", False),
        ("a2", True),
        ("a1", False),
    ]
    assert moderated["hidden"] == 1

    assert open_text.apply(tally, Answer("a2", "Rude remark", True), Answer("a2", "Rude remark"))
    assert listed(open_text.results(item(), tally, False)) == [
        ("a3", "Time"),
        ("a2", "Rude remark"),
        ("a1", "Trust"),
    ]
    assert open_text.results(item(), tally, True)["hidden"] == 0


def test_a_hidden_answer_that_is_changed_stays_hidden():
    tally = open_text.new_tally(CONFIG, answers("Rude", "Time", hidden={1}))

    assert open_text.apply(tally, Answer("a1", "Rude", True), Answer("a1", "Ruder", True))

    assert listed(open_text.results(item(), tally, False)) == [("a2", "Time")]
    assert open_text.results(item(), tally, True)["hidden"] == 1


def test_new_tally_equals_applying_the_answers_one_by_one():
    stored = answers("Trust", "Time", "Coffee", "Noise", hidden={2, 4})

    one_by_one = open_text.new_tally(CONFIG, [])
    for answer in stored:
        open_text.apply(one_by_one, None, answer)

    built = open_text.new_tally(CONFIG, stored)
    assert built == one_by_one
    for moderator in (False, True):
        assert open_text.results(item(), built, moderator) == open_text.results(
            item(), one_by_one, moderator
        )


def test_after_a_change_and_a_moderation_the_tally_matches_the_stored_order():
    tally = open_text.new_tally(CONFIG, answers("Trust", "Time", "Coffee"))
    open_text.apply(tally, Answer("a1", "Trust"), Answer("a1", "Trust!"))
    open_text.apply(tally, Answer("a3", "Coffee"), Answer("a3", "Coffee", True))

    # Storage orders by the time of the last change; hiding does not change that time.
    stored = [Answer("a2", "Time"), Answer("a3", "Coffee", True), Answer("a1", "Trust!")]
    assert tally == open_text.new_tally(CONFIG, stored)


# -- results -----------------------------------------------------------------------


def test_results_without_answers():
    tally = open_text.new_tally(CONFIG, [])

    assert open_text.results(item(), tally, False) == {
        "answers": 0,
        "texts": [],
        "more": 0,
        "highlight": None,
        "groups": [],
    }
    assert open_text.results(item(), tally, True)["hidden"] == 0


def test_results_shape_for_everyone_and_for_the_presenter():
    tally = open_text.new_tally(CONFIG, answers("Trust", "Time", hidden={1}))

    assert open_text.results(item(highlight="a2"), tally, False) == {
        "answers": 2,
        "texts": [{"id": "a2", "text": "Time"}],
        "more": 0,
        "highlight": {"id": "a2", "text": "Time"},
        "groups": [{"id": "a2", "text": "Time", "count": 1}],
    }
    assert open_text.results(item(highlight="a2"), tally, True) == {
        "answers": 2,
        "texts": [
            {"id": "a2", "text": "Time", "hidden": False},
            {"id": "a1", "text": "Trust", "hidden": True},
        ],
        "more": 0,
        "highlight": {"id": "a2", "text": "Time"},
        "hidden": 1,
    }


def test_the_highlight_follows_a_changed_text():
    tally = open_text.new_tally(CONFIG, answers("Trust"))
    open_text.apply(tally, Answer("a1", "Trust"), Answer("a1", "Deep trust"))

    assert open_text.results(item(highlight="a1"), tally, False)["highlight"] == {
        "id": "a1",
        "text": "Deep trust",
    }


@pytest.mark.parametrize("highlight", ["a1", "gone", None])
def test_a_hidden_or_missing_answer_is_never_highlighted(highlight):
    tally = open_text.new_tally(CONFIG, answers("Rude", "Time", hidden={1}))

    for moderator in (False, True):
        assert open_text.results(item(highlight=highlight), tally, moderator)["highlight"] is None


def test_only_the_newest_answers_are_listed_and_the_rest_counted():
    total = MAX_LISTED + 50
    stored = answers(*(f"Idea {n}" for n in range(1, total + 1)), hidden={total, total - 1})
    tally = open_text.new_tally(CONFIG, stored)

    public = open_text.results(item(), tally, False)
    assert public["answers"] == total
    assert len(public["texts"]) == MAX_LISTED
    assert public["texts"][0]["text"] == f"Idea {total - 2}", "the two newest are hidden"
    assert public["more"] == total - 2 - MAX_LISTED

    moderated = open_text.results(item(), tally, True)
    assert len(moderated["texts"]) == MAX_LISTED
    assert moderated["texts"][0] == {"id": f"a{total}", "text": f"Idea {total}", "hidden": True}
    assert moderated["more"] == total - MAX_LISTED


def test_the_highlight_is_sent_even_when_it_is_too_old_to_be_listed():
    stored = answers(*(f"Idea {n}" for n in range(MAX_LISTED + 5)))
    tally = open_text.new_tally(CONFIG, stored)

    results = open_text.results(item(highlight="a1"), tally, False)

    assert "a1" not in {entry["id"] for entry in results["texts"]}
    assert results["highlight"] == {"id": "a1", "text": "Idea 0"}


# -- identical answers grouped (the big screen) --------------------------------------


def groups(tally, highlight=None):
    """The grouped answers as (id, text, count), in the order sent."""
    results = open_text.results(item(highlight=highlight), tally, False)
    return [(group["id"], group["text"], group["count"]) for group in results["groups"]]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Trust", "trust"),
        ("  TRUST ", "trust"),
        ("more\n  time", "more time"),
        ("Fehler\tfeiern", "fehler feiern"),
        ("Straße", "strasse"),
    ],
)
def test_same_answer_ignores_case_and_whitespace(text, key):
    assert same_answer(text) == key


def test_identical_answers_are_one_group_with_a_count():
    tally = open_text.new_tally(
        CONFIG, answers("Trust", "time", "trust ", "Time", "TRUST", "more  time", "More time")
    )

    assert groups(tally) == [("a7", "More time", 2), ("a5", "TRUST", 3), ("a4", "Time", 2)]


def test_groups_are_ordered_by_their_newest_answer():
    tally = open_text.new_tally(CONFIG, answers("Trust", "Time", "Trust"))
    assert groups(tally) == [("a3", "Trust", 2), ("a2", "Time", 1)]

    open_text.apply(tally, None, Answer("a4", "time"))
    assert groups(tally) == [("a4", "time", 2), ("a3", "Trust", 2)]


def test_a_changed_answer_leaves_its_group():
    tally = open_text.new_tally(CONFIG, answers("Trust", "Trust"))
    open_text.apply(tally, Answer("a1", "Trust"), Answer("a1", "Courage"))

    assert groups(tally) == [("a1", "Courage", 1), ("a2", "Trust", 1)]


def test_hidden_answers_are_not_counted_and_the_presenter_gets_no_groups():
    tally = open_text.new_tally(CONFIG, answers("Rude", "rude", "Time", hidden={2}))

    assert groups(tally) == [("a3", "Time", 1), ("a1", "Rude", 1)]
    assert "groups" not in open_text.results(item(), tally, True)


def test_the_group_of_the_highlighted_answer_is_named_by_it():
    tally = open_text.new_tally(CONFIG, answers("Trust", "trust", "Time"))

    assert groups(tally, highlight="a1") == [("a3", "Time", 1), ("a1", "Trust", 2)]


def test_at_most_max_listed_groups_are_sent():
    tally = open_text.new_tally(CONFIG, answers(*(f"Idea {n}" for n in range(MAX_LISTED + 5))))

    listed_groups = groups(tally)
    assert len(listed_groups) == MAX_LISTED
    assert listed_groups[0][1] == f"Idea {MAX_LISTED + 4}"
