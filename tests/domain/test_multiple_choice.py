"""Tests for the multiple-choice poll kind: configuration, form, answers, tally and results."""

import random

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import Answer, get_kind
from facilitation.domain.kinds.base import MAX_OPTIONS, MIN_OPTIONS
from facilitation.domain.workshop import AgendaItem

multiple_choice = get_kind("multiple_choice")

FOUR = ["Coffee", "Tea", "Water", "Juice"]


def refusal_of(call, *args, **kwargs):
    """Return the Refusal raised by ``call(*args, **kwargs)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args, **kwargs)
    return refusal.value


def config(**fields):
    return multiple_choice.validate_config({"options": FOUR, **fields})


def item_for(poll_config):
    return AgendaItem("i1", "w1", 1, "multiple_choice", "What do you drink?", 5, poll_config)


def answers(*values):
    return [Answer(f"a{n}", value) for n, value in enumerate(values)]


def counts(results):
    return {option["id"]: option["count"] for option in results["options"]}


def percents(results):
    return {option["id"]: option["percent"] for option in results["options"]}


# -- configuration -----------------------------------------------------------------


def test_defaults_are_at_least_one_and_no_upper_limit():
    assert config() == {
        "options": [
            {"id": "o1", "label": "Coffee"},
            {"id": "o2", "label": "Tea"},
            {"id": "o3", "label": "Water"},
            {"id": "o4", "label": "Juice"},
        ],
        "min_choices": 1,
        "max_choices": None,
        "results": "presenter",
        "changeable": True,
    }


def test_limits_are_kept_and_the_config_validates_again_to_itself():
    once = config(min_choices=2, max_choices=3, results="live", changeable=False)

    assert (once["min_choices"], once["max_choices"]) == (2, 3)
    assert multiple_choice.validate_config(once) == once


def test_limits_typed_as_digits_become_numbers():
    assert config(min_choices=" 2 ", max_choices="4")["max_choices"] == 4


@pytest.mark.parametrize("count", [MIN_OPTIONS, MAX_OPTIONS])
def test_two_to_twelve_options_are_allowed(count):
    poll = multiple_choice.validate_config({"options": [f"Option {n}" for n in range(count)]})

    assert len(poll["options"]) == count


@pytest.mark.parametrize("count", [0, 1, MAX_OPTIONS + 1])
def test_too_few_or_too_many_options_are_refused(count):
    refusal = refusal_of(
        multiple_choice.validate_config, {"options": [f"Option {n}" for n in range(count)]}
    )

    assert refusal.code == "option_count"
    assert refusal.params == {"minimum": MIN_OPTIONS, "maximum": MAX_OPTIONS}


@pytest.mark.parametrize("options", [None, "Coffee\nTea", {"a": "b"}])
def test_options_that_are_not_a_list_are_refused(options):
    refusal = refusal_of(multiple_choice.validate_config, {"options": options})

    assert (refusal.code, refusal.params) == ("invalid_config", {"field": "options"})


def test_duplicate_option_labels_are_refused():
    refusal = refusal_of(multiple_choice.validate_config, {"options": ["Tea", "tea "]})

    assert refusal.code == "duplicate_option"


@pytest.mark.parametrize("maximum", [0, -1, 5, 99, 2.5, True, "many", "", [2]])
def test_max_choices_outside_one_to_the_number_of_options_is_refused(maximum):
    refusal = refusal_of(config, max_choices=maximum)

    assert refusal.code == "out_of_range"
    assert refusal.params == {"field": "max_choices", "minimum": 1, "maximum": 4}


@pytest.mark.parametrize("minimum", [0, 5, False, "x", 1.0])
def test_min_choices_outside_one_to_the_number_of_options_is_refused(minimum):
    refusal = refusal_of(config, min_choices=minimum)

    assert refusal.code == "out_of_range"
    assert refusal.params == {"field": "min_choices", "minimum": 1, "maximum": 4}


def test_min_choices_above_max_choices_is_refused_naming_the_maximum():
    refusal = refusal_of(config, min_choices=3, max_choices=2)

    assert refusal.code == "out_of_range"
    assert refusal.params == {"field": "min_choices", "minimum": 1, "maximum": 2}


def test_shared_poll_settings_are_checked():
    assert refusal_of(config, results="everyone").params == {"field": "results"}
    assert refusal_of(config, changeable="yes").params == {"field": "changeable"}


def test_participants_see_the_whole_config():
    poll = config(max_choices=2)

    assert multiple_choice.public_config(poll) == poll


# -- authoring form ----------------------------------------------------------------


def test_form_fields_become_a_config():
    form = {
        "options": "Coffee\r\n\r\n  Tea \nWater\n",
        "min_choices": "1",
        "max_choices": "2",
        "results": "live",
        "changeable": "on",
    }

    poll = multiple_choice.validate_config(multiple_choice.from_form(form))

    assert [o["label"] for o in poll["options"]] == ["Coffee", "Tea", "Water"]
    assert (poll["min_choices"], poll["max_choices"]) == (1, 2)
    assert (poll["results"], poll["changeable"]) == ("live", True)


def test_empty_limit_fields_mean_one_and_no_limit():
    poll = multiple_choice.validate_config(
        multiple_choice.from_form({"options": "A\nB", "min_choices": " ", "max_choices": ""})
    )

    assert (poll["min_choices"], poll["max_choices"]) == (1, None)


def test_a_limit_that_is_not_a_number_is_refused_from_the_form():
    refusal = refusal_of(
        multiple_choice.validate_config,
        multiple_choice.from_form({"options": "A\nB", "max_choices": "two"}),
    )

    assert (refusal.code, refusal.params["field"]) == ("out_of_range", "max_choices")


@pytest.mark.parametrize(
    ("minimum", "maximum"), [(1, None), (2, 3), (4, 4), (1, 1)], ids=["open", "2-3", "4", "one"]
)
def test_form_round_trip_keeps_the_config(minimum, maximum):
    poll = config(min_choices=minimum, max_choices=maximum, results="hidden", changeable=False)

    form = multiple_choice.to_form(poll)

    assert form["options"] == "Coffee\nTea\nWater\nJuice"
    assert form["max_choices"] == ("" if maximum is None else str(maximum))
    assert multiple_choice.validate_config(multiple_choice.from_form(form)) == poll


# -- answers -------------------------------------------------------------------------


def test_an_answer_is_normalized_to_the_poll_order():
    assert multiple_choice.parse_answer(config(), ["o4", "o1", "o3"]) == ["o1", "o3", "o4"]


def test_a_single_pick_and_all_picks_are_valid_without_limit():
    poll = config()

    assert multiple_choice.parse_answer(poll, ["o2"]) == ["o2"]
    assert multiple_choice.parse_answer(poll, ["o1", "o2", "o3", "o4"]) == ["o1", "o2", "o3", "o4"]


def test_answers_at_the_limits_are_valid():
    poll = config(min_choices=2, max_choices=3)

    assert multiple_choice.parse_answer(poll, ["o1", "o2"]) == ["o1", "o2"]
    assert multiple_choice.parse_answer(poll, ["o3", "o2", "o1"]) == ["o1", "o2", "o3"]


def test_more_picks_than_allowed_are_refused_with_the_limit():
    refusal = refusal_of(multiple_choice.parse_answer, config(max_choices=2), ["o1", "o2", "o3"])

    assert (refusal.code, refusal.params) == ("too_many_choices", {"maximum": 2})


def test_fewer_picks_than_required_are_refused_with_the_minimum():
    refusal = refusal_of(multiple_choice.parse_answer, config(min_choices=2), ["o1"])

    assert (refusal.code, refusal.params) == ("too_few_choices", {"minimum": 2})


def test_an_empty_answer_is_refused():
    refusal = refusal_of(multiple_choice.parse_answer, config(), [])

    assert (refusal.code, refusal.params) == ("too_few_choices", {"minimum": 1})


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("o1", "invalid_answer"),
        (None, "invalid_answer"),
        (1, "invalid_answer"),
        (True, "invalid_answer"),
        ({"o1": True}, "invalid_answer"),
        (("o1",), "invalid_answer"),
        ([1], "invalid_answer"),
        ([None], "invalid_answer"),
        ([["o1"]], "invalid_answer"),
        ([{"id": "o1"}], "invalid_answer"),
        (["o1", "o1"], "invalid_answer"),
        (["o1", "o5"], "unknown_option"),
        (["O1"], "unknown_option"),
        (["x" * 100_000], "unknown_option"),
        (["o1", "o2", "o3", "o4", "o1"], "too_many_choices"),
        (["o1"] * 100_000, "too_many_choices"),
        ([[[[[[["o1"]]]]]]], "invalid_answer"),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_malformed_answers_are_refused(value, code):
    assert refusal_of(multiple_choice.parse_answer, config(), value).code == code


def test_ids_of_another_poll_are_refused():
    other = multiple_choice.validate_config(
        {"options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}]}
    )

    assert refusal_of(multiple_choice.parse_answer, config(), ["yes"]).code == "unknown_option"
    assert refusal_of(multiple_choice.parse_answer, other, ["o1"]).code == "unknown_option"


# -- tally ---------------------------------------------------------------------------


def test_first_answers_count_each_pick_and_each_person_once():
    poll = config()
    tally = multiple_choice.new_tally(poll, [])

    assert multiple_choice.apply(tally, None, Answer("a1", ["o1", "o2"])) is True
    assert multiple_choice.apply(tally, None, Answer("a2", ["o2"])) is True

    assert tally.counts == {"o1": 1, "o2": 2, "o3": 0, "o4": 0}
    assert multiple_choice.answer_count(tally) == 2


def test_a_changed_answer_moves_only_the_changed_picks():
    poll = config()
    tally = multiple_choice.new_tally(poll, answers(["o1", "o2"], ["o2", "o3"]))

    changed = multiple_choice.apply(tally, Answer("a0", ["o1", "o2"]), Answer("a0", ["o2", "o4"]))

    assert changed is True
    assert tally.counts == {"o1": 0, "o2": 2, "o3": 1, "o4": 1}
    assert multiple_choice.answer_count(tally) == 2


def test_a_repeated_answer_changes_nothing():
    tally = multiple_choice.new_tally(config(), answers(["o1", "o3"]))

    assert multiple_choice.apply(tally, Answer("a0", ["o1", "o3"]), Answer("a0", ["o1", "o3"])) is (
        False
    )
    assert tally.counts == {"o1": 1, "o2": 0, "o3": 1, "o4": 0}


def test_a_removed_answer_takes_its_picks_and_its_person_away():
    tally = multiple_choice.new_tally(config(), answers(["o1", "o3"], ["o3"]))

    assert multiple_choice.apply(tally, Answer("a0", ["o1", "o3"]), None) is True

    assert tally.counts == {"o1": 0, "o2": 0, "o3": 1, "o4": 0}
    assert multiple_choice.answer_count(tally) == 1


def test_hiding_an_answer_does_not_change_the_counts():
    tally = multiple_choice.new_tally(config(), answers(["o1"]))

    assert multiple_choice.apply(tally, Answer("a0", ["o1"]), Answer("a0", ["o1"], True)) is False
    assert tally.counts["o1"] == 1


def test_a_new_tally_equals_applying_the_answers_one_by_one():
    poll = config()
    generator = random.Random(7)
    ids = ["o1", "o2", "o3", "o4"]
    stored = answers(*[sorted(generator.sample(ids, generator.randint(1, 4))) for _ in range(40)])

    built = multiple_choice.new_tally(poll, stored)
    stepped = multiple_choice.new_tally(poll, [])
    for answer in stored:
        multiple_choice.apply(stepped, None, answer)

    assert built.counts == stepped.counts
    assert built.respondents == stepped.respondents == 40


# -- results -------------------------------------------------------------------------


def test_results_before_any_answer_are_all_zero():
    poll = config()
    results = multiple_choice.results(item_for(poll), multiple_choice.new_tally(poll, []), True)

    assert results["answers"] == 0
    assert [o["label"] for o in results["options"]] == FOUR
    assert all(o["count"] == 0 and o["percent"] == 0 for o in results["options"])


def test_percentages_are_shares_of_the_people_who_answered():
    poll = config()
    tally = multiple_choice.new_tally(
        poll, answers(["o1", "o2"], ["o1", "o2", "o3"], ["o1"], ["o2", "o3", "o4"])
    )

    results = multiple_choice.results(item_for(poll), tally, False)

    assert results["answers"] == 4
    assert counts(results) == {"o1": 3, "o2": 3, "o3": 2, "o4": 1}
    assert percents(results) == {"o1": 75, "o2": 75, "o3": 50, "o4": 25}
    assert sum(percents(results).values()) == 225, "several picks per person exceed 100"


def test_percentages_are_rounded_half_up():
    poll = config()
    tally = multiple_choice.new_tally(poll, answers(["o1", "o2"], ["o1"], ["o3"]))

    assert percents(multiple_choice.results(item_for(poll), tally, False)) == {
        "o1": 67,
        "o2": 33,
        "o3": 33,
        "o4": 0,
    }
    tally = multiple_choice.new_tally(poll, answers(*[["o1"]] * 1 + [["o2"]] * 7))
    assert percents(multiple_choice.results(item_for(poll), tally, False))["o1"] == 13  # 12.5


def test_ties_keep_the_poll_order_and_equal_numbers():
    poll = config()
    tally = multiple_choice.new_tally(poll, answers(["o2", "o4"], ["o2", "o4"]))

    results = multiple_choice.results(item_for(poll), tally, True)

    assert [o["id"] for o in results["options"]] == ["o1", "o2", "o3", "o4"]
    assert results["options"][1] == {"id": "o2", "label": "Tea", "count": 2, "percent": 100}
    assert results["options"][3] == {"id": "o4", "label": "Juice", "count": 2, "percent": 100}


def test_results_are_the_same_for_presenter_and_others():
    poll = config()
    tally = multiple_choice.new_tally(poll, answers(["o1"], ["o1", "o3"]))

    assert multiple_choice.results(item_for(poll), tally, True) == multiple_choice.results(
        item_for(poll), tally, False
    )
