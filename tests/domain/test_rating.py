"""Tests for the rating-scale kind: configuration, form, answers, tally, mean and median."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import Answer, get_kind
from facilitation.domain.kinds.rating import MAX_END_LABEL
from facilitation.domain.workshop import AgendaItem

rating = get_kind("rating")

FIVE = rating.validate_config(
    {"minimum": 1, "maximum": 5, "low_label": "Not at all", "high_label": "Completely"}
)
ELEVEN = rating.validate_config({"minimum": 0, "maximum": 10})


def refusal_of(call, *args):
    """Return the Refusal raised by ``call(*args)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args)
    return refusal.value


def item_with(config):
    """The agenda item that ``results`` gets."""
    return AgendaItem("i1", "w1", 0, "rating", "How useful was this?", 5, config)


def answers(*values):
    """Stored answers with ids a1, a2, …"""
    return [Answer(f"a{n}", value) for n, value in enumerate(values, start=1)]


def results_of(config, *values):
    """Results for the stored ``values``."""
    return rating.results(item_with(config), rating.new_tally(config, answers(*values)), False)


def counts(results):
    """Count per value, lowest value first."""
    return [entry["count"] for entry in results["distribution"]]


# -- configuration ---------------------------------------------------------------------


def test_rating_is_a_poll_kind_with_a_label():
    assert rating.name == "rating"
    assert rating.collects_answers is True
    assert rating.label == "Rating scale"


def test_an_empty_config_is_a_one_to_five_scale_without_labels():
    assert rating.validate_config({}) == {
        "minimum": 1,
        "maximum": 5,
        "low_label": "",
        "high_label": "",
        "results": "presenter",
        "changeable": True,
    }


def test_a_full_config_is_kept_with_tidied_labels():
    config = rating.validate_config(
        {
            "minimum": 0,
            "maximum": 10,
            "low_label": "  not\n likely ",
            "high_label": "very likely",
            "results": "live",
            "changeable": False,
        }
    )

    assert config == {
        "minimum": 0,
        "maximum": 10,
        "low_label": "not likely",
        "high_label": "very likely",
        "results": "live",
        "changeable": False,
    }


def test_validated_config_validates_again_to_itself():
    assert rating.validate_config(FIVE) == FIVE
    assert rating.validate_config(ELEVEN) == ELEVEN


@pytest.mark.parametrize(("minimum", "maximum"), [(0, 2), (1, 3), (1, 5), (1, 7), (0, 10), (1, 10)])
def test_allowed_scales(minimum, maximum):
    config = rating.validate_config({"minimum": minimum, "maximum": maximum})

    assert (config["minimum"], config["maximum"]) == (minimum, maximum)


@pytest.mark.parametrize("minimum", [-1, 2, 5, True, 1.0, "one", None, [1]])
def test_a_minimum_other_than_0_or_1_is_refused(minimum):
    refusal = refusal_of(rating.validate_config, {"minimum": minimum, "maximum": 5})

    assert refusal.code == "out_of_range"
    assert refusal.params == {"field": "minimum", "minimum": 0, "maximum": 1}


@pytest.mark.parametrize(
    ("minimum", "maximum", "lowest"),
    [(1, 2, 3), (1, 1, 3), (0, 1, 2), (1, 11, 3), (0, 100, 2), (1, False, 3), (1, 4.5, 3)],
)
def test_a_scale_with_fewer_than_three_steps_or_beyond_ten_is_refused(minimum, maximum, lowest):
    refusal = refusal_of(rating.validate_config, {"minimum": minimum, "maximum": maximum})

    assert refusal.code == "out_of_range"
    assert refusal.params == {"field": "maximum", "minimum": lowest, "maximum": 10}


def test_numbers_typed_as_text_are_accepted():
    config = rating.validate_config({"minimum": " 0 ", "maximum": "10"})

    assert (config["minimum"], config["maximum"]) == (0, 10)


@pytest.mark.parametrize("field", ["low_label", "high_label"])
def test_an_end_label_at_the_limit_is_accepted(field):
    config = rating.validate_config({field: "x" * MAX_END_LABEL})

    assert config[field] == "x" * MAX_END_LABEL


@pytest.mark.parametrize("field", ["low_label", "high_label"])
def test_a_too_long_end_label_is_refused(field):
    refusal = refusal_of(rating.validate_config, {field: "x" * (MAX_END_LABEL + 1)})

    assert refusal.code == "too_long"
    assert refusal.params == {"field": field, "limit": MAX_END_LABEL}


@pytest.mark.parametrize("field", ["low_label", "high_label"])
@pytest.mark.parametrize("label", [5, ["x"], {"text": "x"}, True])
def test_an_end_label_that_is_not_text_is_refused(field, label):
    refusal = refusal_of(rating.validate_config, {field: label})

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": field}


def test_blank_end_labels_are_no_labels():
    config = rating.validate_config({"low_label": "   ", "high_label": None})

    assert (config["low_label"], config["high_label"]) == ("", "")


@pytest.mark.parametrize("config", [["minimum"], "1-5", 5])
def test_a_config_that_is_not_an_object_is_refused(config):
    refusal = refusal_of(rating.validate_config, config)

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "config"}


def test_unknown_keys_are_dropped():
    assert "script" not in rating.validate_config({"script": "<x>"})


# -- the authoring form ------------------------------------------------------------------


def test_the_form_turns_fields_into_a_config():
    form = {
        "minimum": "0",
        "maximum": "10",
        "low_label": " unlikely ",
        "high_label": "",
        "results": "live",
        "changeable": "on",
    }

    assert rating.validate_config(rating.from_form(form)) == {
        "minimum": 0,
        "maximum": 10,
        "low_label": "unlikely",
        "high_label": "",
        "results": "live",
        "changeable": True,
    }


def test_empty_numbers_in_the_form_take_the_defaults():
    config = rating.validate_config(rating.from_form({"minimum": "", "maximum": " "}))

    assert (config["minimum"], config["maximum"]) == (1, 5)


def test_the_form_shows_the_config():
    assert rating.to_form({**FIVE, "changeable": False}) == {
        "minimum": "1",
        "maximum": "5",
        "low_label": "Not at all",
        "high_label": "Completely",
        "results": "presenter",
        "changeable": "",
    }


@pytest.mark.parametrize(
    "config", [FIVE, ELEVEN, {**FIVE, "results": "hidden", "changeable": False}]
)
def test_the_form_round_trips(config):
    assert rating.validate_config(rating.from_form(rating.to_form(config))) == config


def test_a_form_with_a_wrong_maximum_is_refused_naming_it():
    refusal = refusal_of(rating.validate_config, rating.from_form({"maximum": "12"}))

    assert refusal.code == "out_of_range"
    assert refusal.params["field"] == "maximum"


# -- answers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 2, 3, 4, 5])
def test_every_value_on_the_scale_is_an_answer(value):
    assert rating.parse_answer(FIVE, value) == value


def test_zero_is_an_answer_on_a_scale_from_zero():
    assert rating.parse_answer(ELEVEN, 0) == 0
    assert rating.parse_answer(ELEVEN, 10) == 10


@pytest.mark.parametrize("value", [0, 6, -1, 10, 10**30])
def test_a_value_off_the_scale_is_refused(value):
    refusal = refusal_of(rating.parse_answer, FIVE, value)

    assert refusal.code == "out_of_range"
    assert refusal.params == {"field": "value", "minimum": 1, "maximum": 5}


@pytest.mark.parametrize("value", [True, False, 3.0, 2.5, "3", "", None, [3], {"value": 3}, [[[]]]])
def test_an_answer_that_is_not_a_whole_number_is_refused(value):
    assert refusal_of(rating.parse_answer, FIVE, value).code == "invalid_answer"


# -- tally and results ---------------------------------------------------------------------


def test_results_list_every_value_with_count_and_share():
    assert results_of(FIVE, 4, 5, 4, 2) == {
        "answers": 4,
        "mean": 3.8,
        "median": 4,
        "distribution": [
            {"value": 1, "count": 0, "percent": 0},
            {"value": 2, "count": 1, "percent": 25},
            {"value": 3, "count": 0, "percent": 0},
            {"value": 4, "count": 2, "percent": 50},
            {"value": 5, "count": 1, "percent": 25},
        ],
    }


def test_results_without_answers_have_no_mean_or_median():
    results = results_of(ELEVEN)

    assert results["answers"] == 0
    assert results["mean"] is None
    assert results["median"] is None
    assert [entry["value"] for entry in results["distribution"]] == list(range(11))
    assert counts(results) == [0] * 11


@pytest.mark.parametrize(
    ("values", "mean", "median"),
    [
        ((3,), 3.0, 3),
        ((1, 2), 1.5, 1.5),
        ((1, 5), 3.0, 3),
        ((2, 3, 3, 4), 3.0, 3),
        ((1, 1, 2, 5), 2.3, 1.5),
        ((1, 2, 2), 1.7, 2),
        ((1, 1, 1, 2), 1.3, 1),
        ((2, 2, 2, 3), 2.3, 2),
        ((5, 5, 5, 5, 1), 4.2, 5),
    ],
)
def test_mean_has_one_decimal_and_median_takes_the_middle(values, mean, median):
    results = results_of(FIVE, *values)

    assert results["mean"] == mean
    assert results["median"] == median


def test_mean_rounds_half_up_like_people_do():
    # 1, 2, 3, 3 -> 2.25: a float round() would give 2.2
    assert results_of(FIVE, 1, 2, 3, 3)["mean"] == 2.3
    # 0, 0, 0, 1 on 0-10 -> 0.25
    assert results_of(ELEVEN, 0, 0, 0, 1)["mean"] == 0.3


def test_zero_ratings_count_in_mean_and_median():
    results = results_of(ELEVEN, 0, 0, 10)

    assert counts(results)[0] == 2
    assert results["mean"] == 3.3
    assert results["median"] == 0


def test_a_changed_rating_moves():
    tally = rating.new_tally(FIVE, answers(2))

    assert rating.apply(tally, Answer("a1", 2), Answer("a1", 5)) is True
    assert rating.apply(tally, Answer("a1", 5), Answer("a1", 5)) is False

    results = rating.results(item_with(FIVE), tally, False)
    assert counts(results) == [0, 0, 0, 0, 1]
    assert rating.answer_count(tally) == 1
    assert results["mean"] == 5.0


def test_a_first_rating_is_counted():
    tally = rating.new_tally(ELEVEN, answers(7))

    assert rating.apply(tally, None, Answer("a2", 0)) is True

    assert rating.answer_count(tally) == 2
    results = rating.results(item_with(ELEVEN), tally, False)
    assert results["median"] == 3.5
    assert counts(results)[0] == 1


def test_a_removed_rating_is_no_longer_counted():
    tally = rating.new_tally(FIVE, answers(1, 3))

    assert rating.apply(tally, Answer("a1", 1), None) is True

    results = rating.results(item_with(FIVE), tally, False)
    assert rating.answer_count(tally) == 1
    assert counts(results) == [0, 0, 1, 0, 0]
    assert (results["mean"], results["median"]) == (3.0, 3)


def test_removing_the_last_rating_empties_the_results():
    tally = rating.new_tally(FIVE, answers(4))

    rating.apply(tally, Answer("a1", 4), None)

    results = rating.results(item_with(FIVE), tally, False)
    assert (results["answers"], results["mean"], results["median"]) == (0, None, None)


def test_ties_show_every_leading_value_and_shares_add_up_to_100():
    results = results_of(FIVE, 1, 3, 5)

    assert counts(results) == [1, 0, 1, 0, 1]
    assert sum(entry["percent"] for entry in results["distribution"]) == 100
    assert results["median"] == 3


def test_new_tally_equals_applying_the_answers_one_by_one():
    stored = answers(1, 5, 5, 3, 2, 5, 4)
    one_by_one = rating.new_tally(FIVE, [])
    for answer in stored:
        rating.apply(one_by_one, None, answer)

    at_once = rating.new_tally(FIVE, stored)

    assert at_once.counts == one_by_one.counts
    assert rating.results(item_with(FIVE), at_once, True) == rating.results(
        item_with(FIVE), one_by_one, True
    )


def test_moderator_and_everyone_see_the_same_numbers():
    tally = rating.new_tally(FIVE, answers(2, 4))

    assert rating.results(item_with(FIVE), tally, True) == rating.results(
        item_with(FIVE), tally, False
    )


def test_public_config_shows_the_scale_and_labels():
    assert rating.public_config(FIVE) == FIVE
