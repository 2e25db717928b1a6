"""Tests for the word-cloud kind: configuration, form, entries, counting people per word."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import Answer, get_kind
from facilitation.domain.kinds.word_cloud import MAX_ENTRY, MAX_WORDS_SHOWN
from facilitation.domain.workshop import AgendaItem

word_cloud = get_kind("word_cloud")

THREE = word_cloud.validate_config({})
ONE = word_cloud.validate_config({"max_entries": 1})


def refusal_of(call, *args):
    """Return the Refusal raised by ``call(*args)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args)
    return refusal.value


def item_with(config=THREE):
    """The agenda item that ``results`` gets."""
    return AgendaItem("i1", "w1", 0, "word_cloud", "One word for our culture?", 5, config)


def answers(*values, hidden=()):
    """Stored (already parsed) answers with ids a1, a2, …; positions in ``hidden`` are hidden."""
    return [
        Answer(f"a{n}", word_cloud.parse_answer(THREE, value), n in hidden)
        for n, value in enumerate(values, start=1)
    ]


def results_of(*values, moderator=False):
    """Results for the stored ``values``."""
    tally = word_cloud.new_tally(THREE, answers(*values))
    return word_cloud.results(item_with(), tally, moderator)


def pairs(results):
    """(word, count) in the order of the results."""
    return [(entry["word"], entry["count"]) for entry in results["words"]]


# -- configuration ---------------------------------------------------------------------


def test_word_cloud_is_a_poll_kind_with_a_label():
    assert word_cloud.name == "word_cloud"
    assert word_cloud.collects_answers is True
    assert word_cloud.label == "Word cloud"


def test_an_empty_config_allows_three_entries():
    assert THREE == {"max_entries": 3, "results": "presenter", "changeable": True}


@pytest.mark.parametrize("count", [1, 2, 3, "2"])
def test_one_to_three_entries_can_be_allowed(count):
    assert word_cloud.validate_config({"max_entries": count})["max_entries"] == int(count)


@pytest.mark.parametrize("count", [0, 4, -1, 500, True, 2.0, "many", None, [2]])
def test_other_entry_limits_are_refused(count):
    refusal = refusal_of(word_cloud.validate_config, {"max_entries": count})

    assert refusal.code == "out_of_range"
    assert refusal.params == {"field": "max_entries", "minimum": 1, "maximum": 3}


def test_validated_config_validates_again_to_itself():
    assert word_cloud.validate_config(ONE) == ONE


@pytest.mark.parametrize("config", [["max_entries"], "3", 3])
def test_a_config_that_is_not_an_object_is_refused(config):
    refusal = refusal_of(word_cloud.validate_config, config)

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "config"}


# -- the authoring form ------------------------------------------------------------------


def test_the_form_turns_fields_into_a_config():
    form = {"max_entries": "2", "results": "live", "changeable": "on"}

    assert word_cloud.validate_config(word_cloud.from_form(form)) == {
        "max_entries": 2,
        "results": "live",
        "changeable": True,
    }


def test_an_empty_form_field_takes_the_default():
    assert word_cloud.validate_config(word_cloud.from_form({"max_entries": ""}))["max_entries"] == 3


def test_the_form_shows_the_config():
    assert word_cloud.to_form({**ONE, "results": "hidden", "changeable": False}) == {
        "max_entries": "1",
        "results": "hidden",
        "changeable": "",
    }


@pytest.mark.parametrize("config", [THREE, ONE, {**THREE, "results": "live", "changeable": False}])
def test_the_form_round_trips(config):
    assert word_cloud.validate_config(word_cloud.from_form(word_cloud.to_form(config))) == config


def test_a_form_with_a_wrong_limit_is_refused_naming_it():
    refusal = refusal_of(word_cloud.validate_config, word_cloud.from_form({"max_entries": "9"}))

    assert refusal.code == "out_of_range"
    assert refusal.params["field"] == "max_entries"


# -- answers ---------------------------------------------------------------------------------


def test_entries_are_trimmed_and_single_spaced():
    value = ["  Psychological \n safety ", "Trust\t", " learning"]

    assert word_cloud.parse_answer(THREE, value) == ["Psychological safety", "Trust", "learning"]


def test_empty_entries_are_dropped():
    assert word_cloud.parse_answer(THREE, ["", "Mut", "   "]) == ["Mut"]


def test_an_entry_typed_twice_by_one_person_is_kept_once():
    assert word_cloud.parse_answer(THREE, ["Mut", "mut ", "MUT"]) == ["Mut"]


def test_entries_are_stored_in_composed_unicode():
    decomposed = "Fu\u0308hrung"  # "Führung" with a combining diaeresis, as some keyboards send it

    assert word_cloud.parse_answer(THREE, [decomposed]) == ["F\u00fchrung"]


def test_control_and_direction_characters_are_removed():
    assert word_cloud.parse_answer(THREE, ["Team\u202egeist\x00", "a\u2066b"]) == [
        "Teamgeist",
        "ab",
    ]


def test_an_entry_at_the_limit_is_accepted():
    entry = "ä" * MAX_ENTRY

    assert word_cloud.parse_answer(THREE, [f"  {entry}  "]) == [entry]


@pytest.mark.parametrize("entry", ["x" * (MAX_ENTRY + 1), "x" * 1_000_000, "a " * 30])
def test_a_too_long_entry_is_refused(entry):
    refusal = refusal_of(word_cloud.parse_answer, THREE, ["ok", entry])

    assert refusal.code == "entry_too_long"
    assert refusal.params == {"limit": MAX_ENTRY}


@pytest.mark.parametrize("value", [[], [""], ["  ", "\n"], ["\u202e"]])
def test_an_answer_without_any_word_is_refused(value):
    assert refusal_of(word_cloud.parse_answer, THREE, value).code == "entry_required"


@pytest.mark.parametrize(
    ("config", "value"),
    [
        (THREE, ["a", "b", "c", "d"]),
        (THREE, [f"word{n}" for n in range(500)]),
        (ONE, ["a", "b"]),
        (ONE, ["a", ""]),
    ],
)
def test_more_entries_than_allowed_are_refused(config, value):
    refusal = refusal_of(word_cloud.parse_answer, config, value)

    assert refusal.code == "too_many_entries"
    assert refusal.params == {"maximum": config["max_entries"]}


@pytest.mark.parametrize(
    "value",
    ["Trust", None, 3, True, {"0": "Trust"}, ["Trust", 3], [["Trust"]], [None], [{"w": "x"}]],
)
def test_an_answer_that_is_not_a_list_of_texts_is_refused(value):
    assert refusal_of(word_cloud.parse_answer, THREE, value).code == "invalid_answer"


# -- counting --------------------------------------------------------------------------------


def test_results_count_people_per_word_most_frequent_first():
    results = results_of(["Trust", "Mut"], ["trust"], ["Mut", "Zeit"], ["TRUST"])

    assert results == {
        "answers": 4,
        "distinct": 3,
        "words": [
            {"word": "Trust", "count": 3},
            {"word": "Mut", "count": 2},
            {"word": "Zeit", "count": 1},
        ],
    }


def test_equal_counts_are_sorted_by_word():
    assert pairs(results_of(["zeit", "Mut"], ["Angst"])) == [
        ("Angst", 1),
        ("Mut", 1),
        ("zeit", 1),
    ]


def test_case_does_not_split_a_word_but_sharp_s_and_ss_stay_different():
    results = results_of(["Straße"], ["straße"], ["STRASSE"], ["Strasse"])

    assert pairs(results) == [("STRASSE", 2), ("Straße", 2)]
    assert results["distinct"] == 2


def test_umlauts_are_not_folded():
    assert pairs(results_of(["Führung"], ["Fuhrung"], ["führung"])) == [
        ("Führung", 2),
        ("Fuhrung", 1),
    ]


def test_inner_spaces_and_composition_do_not_split_a_word():
    assert pairs(results_of(["Psychologische  Sicherheit"], ["psychologische sicherheit "])) == [
        ("Psychologische Sicherheit", 2)
    ]
    assert pairs(results_of(["Fu\u0308hrung"], ["Führung"])) == [("Führung", 2)]


def test_the_most_used_spelling_is_shown():
    results = results_of(["agile"], ["Agile"], ["Agile"], ["AGILE"])

    assert pairs(results) == [("Agile", 4)]


def test_among_equally_used_spellings_the_first_one_is_shown():
    assert pairs(results_of(["teamwork"], ["Teamwork"])) == [("teamwork", 2)]
    assert pairs(results_of(["Teamwork"], ["teamwork"])) == [("Teamwork", 2)]


def test_one_persons_repeated_word_counts_once_even_if_stored_twice():
    stored = [Answer("a1", ["Mut", "mut"]), Answer("a2", ["Mut"])]

    tally = word_cloud.new_tally(THREE, stored)

    assert pairs(word_cloud.results(item_with(), tally, False)) == [("Mut", 2)]


def test_a_changed_answer_moves_its_words():
    tally = word_cloud.new_tally(THREE, answers(["Mut", "Zeit"], ["Mut"]))

    changed = word_cloud.apply(tally, Answer("a1", ["Mut", "Zeit"]), Answer("a1", ["Ruhe"]))

    assert changed is True
    results = word_cloud.results(item_with(), tally, False)
    assert pairs(results) == [("Mut", 1), ("Ruhe", 1)]
    assert (results["answers"], results["distinct"]) == (2, 2)


def test_the_same_answer_again_changes_nothing():
    tally = word_cloud.new_tally(THREE, answers(["Mut"]))

    assert word_cloud.apply(tally, Answer("a1", ["Mut"]), Answer("a1", ["Mut"])) is False
    assert pairs(word_cloud.results(item_with(), tally, False)) == [("Mut", 1)]


def test_a_first_answer_is_counted():
    tally = word_cloud.new_tally(THREE, [])

    assert word_cloud.apply(tally, None, Answer("a1", ["Mut", "Zeit"])) is True

    assert word_cloud.answer_count(tally) == 1
    assert pairs(word_cloud.results(item_with(), tally, False)) == [("Mut", 1), ("Zeit", 1)]


def test_a_removed_answer_takes_its_words_and_spellings_away():
    tally = word_cloud.new_tally(THREE, answers(["MUT"], ["Mut"], ["Mut"], ["Zeit"]))
    assert pairs(word_cloud.results(item_with(), tally, False))[0] == ("Mut", 3)

    word_cloud.apply(tally, Answer("a2", ["Mut"]), None)
    word_cloud.apply(tally, Answer("a3", ["Mut"]), None)

    results = word_cloud.results(item_with(), tally, False)
    assert pairs(results) == [("MUT", 1), ("Zeit", 1)]
    assert word_cloud.answer_count(tally) == 2

    word_cloud.apply(tally, Answer("a1", ["MUT"]), None)
    word_cloud.apply(tally, Answer("a4", ["Zeit"]), None)
    assert word_cloud.results(item_with(), tally, False) == {
        "answers": 0,
        "distinct": 0,
        "words": [],
    }


def test_results_show_the_200_most_frequent_words_but_count_all():
    stored = [Answer("a0", ["popular"]), Answer("a1", ["popular"])]
    stored += [Answer(f"b{n}", [f"word {n:03}"]) for n in range(250)]

    tally = word_cloud.new_tally(THREE, stored)
    results = word_cloud.results(item_with(), tally, False)

    assert len(results["words"]) == MAX_WORDS_SHOWN == 200
    assert results["words"][0] == {"word": "popular", "count": 2}
    assert results["words"][-1] == {"word": "word 198", "count": 1}
    assert results["distinct"] == 251
    assert results["answers"] == 252


def test_new_tally_equals_applying_the_answers_one_by_one():
    stored = answers(["Mut", "Zeit"], ["mut"], ["Ruhe", "ZEIT", "Mut"], ["Straße"], ["STRASSE"])
    one_by_one = word_cloud.new_tally(THREE, [])
    for answer in stored:
        word_cloud.apply(one_by_one, None, answer)

    at_once = word_cloud.new_tally(THREE, stored)

    assert at_once == one_by_one
    assert word_cloud.results(item_with(), at_once, True) == word_cloud.results(
        item_with(), one_by_one, True
    )


def test_changes_then_removals_leave_the_same_tally_as_counting_what_is_left():
    tally = word_cloud.new_tally(THREE, answers(["Mut"], ["Zeit", "Mut"], ["Ruhe"]))
    word_cloud.apply(tally, Answer("a2", ["Zeit", "Mut"]), Answer("a2", ["Ruhe"]))
    word_cloud.apply(tally, Answer("a1", ["Mut"]), None)

    assert tally == word_cloud.new_tally(THREE, answers(["Ruhe"], ["Ruhe"]))


# -- answers the presenter hid ------------------------------------------------------------


def test_hidden_answers_leave_the_cloud_but_still_count_as_answered():
    tally = word_cloud.new_tally(THREE, answers(["Mut"], ["Idiot", "Mut"], hidden={2}))

    public = word_cloud.results(item_with(), tally, False)
    assert pairs(public) == [("Mut", 1)]
    assert public["answers"] == 2
    assert "hidden_words" not in public


def test_the_presenter_also_sees_words_of_hidden_answers_marked_hidden():
    tally = word_cloud.new_tally(THREE, answers(["Mut"], ["Idiot", "Mut"], hidden={2}))

    results = word_cloud.results(item_with(), tally, True)

    assert pairs(results) == [("Mut", 1)]
    assert results["hidden_words"] == [
        {"word": "Idiot", "count": 1, "hidden": True},
        {"word": "Mut", "count": 1, "hidden": True},
    ]


def test_hiding_and_showing_an_answer_moves_its_words():
    tally = word_cloud.new_tally(THREE, answers(["Idiot"], ["Mut"]))

    assert word_cloud.apply(tally, Answer("a1", ["Idiot"]), Answer("a1", ["Idiot"], True)) is True
    assert pairs(word_cloud.results(item_with(), tally, False)) == [("Mut", 1)]

    assert word_cloud.apply(tally, Answer("a1", ["Idiot"], True), Answer("a1", ["Idiot"])) is True
    assert pairs(word_cloud.results(item_with(), tally, False)) == [("Idiot", 1), ("Mut", 1)]
    assert "hidden_words" not in word_cloud.results(item_with(), tally, True)


def test_public_config_shows_the_entry_limit():
    assert word_cloud.public_config(ONE)["max_entries"] == 1
