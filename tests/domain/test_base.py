"""Tests for facilitation.domain.kinds.base: shared poll settings and the helpers kinds use."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import ActivityKind, Answer, PollKind
from facilitation.domain.kinds.base import (
    MAX_LABEL,
    MAX_OPTION_ID,
    MAX_OPTIONS,
    MIN_OPTIONS,
    N_,
    RESULTS_MODES,
    option_ids,
    options_from_lines,
    short_text,
    validate_options,
    whole_number,
)


class Rating(PollKind):
    """A minimal poll kind (not registered) with one field of its own."""

    name = "test_rating"

    def validate_poll(self, config):
        return {"scale": whole_number(config.get("scale", 5), "scale", 2, 10)}

    def poll_from_form(self, form):
        return {"scale": form.get("scale", "")}

    def poll_to_form(self, config):
        return {"scale": str(config["scale"])}


rating = Rating()


def refusal_of(call, *args, **kwargs):
    """Return the Refusal raised by ``call(*args, **kwargs)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args, **kwargs)
    return refusal.value


# -- answers and the kind interface ------------------------------------------------


def test_an_answer_is_visible_unless_hidden():
    answer = Answer("a1", "o1")

    assert answer.hidden is False
    assert Answer("a1", "o1", hidden=True).hidden is True
    assert answer == Answer("a1", "o1", False)


def test_answers_cannot_be_changed_in_place():
    answer = Answer("a1", "o1")

    with pytest.raises(AttributeError):
        answer.value = "o2"


def test_the_default_kind_takes_no_answers():
    kind = ActivityKind()

    assert kind.collects_answers is False
    assert kind.validate_config(None) == {}
    assert kind.validate_config({"x": 1}) == {"x": 1}
    assert refusal_of(kind.parse_answer, {}, "o1").code == "not_answerable"
    assert kind.new_tally({}, [Answer("a1", "o1")]) is None
    assert kind.apply(None, None, Answer("a1", "o1")) is False
    assert kind.answer_count(None) == 0
    assert kind.results(None, None, True) is None
    assert kind.from_form({"x": "1"}) == {}
    assert kind.to_form({"x": 1}) == {}
    assert kind.public_config({"x": 1}) == {"x": 1}


def test_n_marks_text_without_changing_it():
    assert N_("Single choice") == "Single choice"


# -- shared poll settings ------------------------------------------------------------


def test_poll_kinds_collect_answers():
    assert rating.collects_answers is True


def test_poll_settings_default_to_results_for_the_presenter_and_changeable_answers():
    assert rating.validate_config({}) == {"scale": 5, "results": "presenter", "changeable": True}
    assert rating.validate_config(None) == {
        "scale": 5,
        "results": "presenter",
        "changeable": True,
    }


@pytest.mark.parametrize("results", RESULTS_MODES)
@pytest.mark.parametrize("changeable", [True, False])
def test_every_results_mode_and_changeable_setting_is_kept(results, changeable):
    config = rating.validate_config({"scale": 3, "results": results, "changeable": changeable})

    assert config == {"scale": 3, "results": results, "changeable": changeable}
    assert rating.validate_config(config) == config


def test_the_results_modes_are_live_presenter_and_hidden():
    assert set(RESULTS_MODES) == {"live", "presenter", "hidden"}


@pytest.mark.parametrize("results", ["", "Live", "everyone", None, 1, ["live"], True])
def test_an_unknown_results_mode_is_refused(results):
    refusal = refusal_of(rating.validate_config, {"results": results})

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "results"}


@pytest.mark.parametrize("changeable", ["on", "", "true", 1, 0, None, []])
def test_changeable_must_be_true_or_false(changeable):
    refusal = refusal_of(rating.validate_config, {"changeable": changeable})

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "changeable"}


def test_the_kinds_own_fields_are_validated_too():
    refusal = refusal_of(rating.validate_config, {"scale": 11, "results": "live"})

    assert refusal.code == "out_of_range"
    assert refusal.params["field"] == "scale"


@pytest.mark.parametrize("config", [["live"], "live", 5])
def test_a_poll_config_that_is_not_an_object_is_refused(config):
    refusal = refusal_of(rating.validate_config, config)

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "config"}


def test_poll_settings_do_not_leak_unknown_keys():
    config = rating.validate_config({"scale": 4, "script": "<x>"})

    assert "script" not in config


@pytest.mark.parametrize("results", RESULTS_MODES)
def test_from_form_reads_the_results_radio(results):
    assert rating.from_form({"scale": "4", "results": results})["results"] == results


def test_from_form_without_a_results_choice_uses_the_default():
    assert rating.from_form({"scale": "4"})["results"] == "presenter"


@pytest.mark.parametrize(
    ("form", "changeable"),
    [({"changeable": "on"}, True), ({}, False), ({"changeable": ""}, False)],
)
def test_from_form_reads_the_changeable_checkbox(form, changeable):
    """A browser sends an unticked checkbox not at all and a ticked one as ``on``."""
    assert rating.from_form({"scale": "4", **form})["changeable"] is changeable


def test_from_form_includes_the_kinds_own_fields():
    form = {"scale": "4", "results": "live", "changeable": "on"}

    assert rating.from_form(form) == {"scale": "4", "results": "live", "changeable": True}
    assert rating.validate_config(rating.from_form(form)) == {
        "scale": 4,
        "results": "live",
        "changeable": True,
    }


def test_from_form_refuses_a_tampered_results_value_on_validation():
    refusal = refusal_of(rating.validate_config, rating.from_form({"results": "everyone"}))

    assert refusal.params == {"field": "results"}


@pytest.mark.parametrize(("changeable", "checkbox"), [(True, "on"), (False, "")])
def test_to_form_shows_the_settings(changeable, checkbox):
    config = rating.validate_config({"scale": 7, "results": "hidden", "changeable": changeable})

    assert rating.to_form(config) == {"scale": "7", "results": "hidden", "changeable": checkbox}


def test_to_form_of_a_config_without_settings_shows_the_defaults():
    assert rating.to_form({"scale": 7}) == {
        "scale": "7",
        "results": "presenter",
        "changeable": "on",
    }


@pytest.mark.parametrize("results", RESULTS_MODES)
@pytest.mark.parametrize("changeable", [True, False])
def test_form_values_round_trip(results, changeable):
    config = rating.validate_config({"scale": 6, "results": results, "changeable": changeable})

    assert rating.validate_config(rating.from_form(rating.to_form(config))) == config


# -- validate_options ----------------------------------------------------------------


def test_options_get_ids_by_position_unless_given():
    assert validate_options(["A", {"label": "B"}, {"id": "c", "label": "C"}]) == [
        {"id": "o1", "label": "A"},
        {"id": "o2", "label": "B"},
        {"id": "c", "label": "C"},
    ]


def test_option_labels_are_single_spaced_and_trimmed():
    assert validate_options(["  A\t a ", "B\n\nb"]) == [
        {"id": "o1", "label": "A a"},
        {"id": "o2", "label": "B b"},
    ]


def test_option_objects_lose_unknown_keys():
    options = validate_options([{"label": "A", "color": "red"}, "B"])

    assert options[0] == {"id": "o1", "label": "A"}


def test_option_limits_can_be_chosen_by_the_kind():
    assert len(validate_options(["A"], minimum=1, maximum=1)) == 1

    refusal = refusal_of(validate_options, ["A", "B"], minimum=1, maximum=1)
    assert refusal.code == "option_count"
    assert refusal.params == {"minimum": 1, "maximum": 1}


@pytest.mark.parametrize("count", [MIN_OPTIONS - 1, MAX_OPTIONS + 1])
def test_default_option_limits(count):
    refusal = refusal_of(validate_options, [f"Option {n}" for n in range(count)])

    assert refusal.params == {"minimum": MIN_OPTIONS, "maximum": MAX_OPTIONS}


def test_refusals_name_the_field_they_were_given():
    assert refusal_of(validate_options, "A", field="choices").params == {"field": "choices"}
    assert refusal_of(validate_options, ["A", 5], field="choices").params == {"field": "choices[2]"}
    assert refusal_of(
        validate_options, ["A", {"id": "", "label": "B"}], field="choices"
    ).params == {"field": "choices[2].id"}


def test_label_length_counts_after_collapsing_whitespace():
    label = "x" * (MAX_LABEL - 1) + "   y"

    with pytest.raises(Refusal) as refusal:
        validate_options([label, "B"])
    assert refusal.value.code == "option_label_too_long"

    assert validate_options(["x" * (MAX_LABEL - 2) + "   y", "B"])[0]["label"].endswith(" y")


@pytest.mark.parametrize("length", [1, MAX_OPTION_ID])
def test_option_ids_up_to_the_limit_are_kept(length):
    option_id = "i" * length

    assert validate_options([{"id": option_id, "label": "A"}, "B"])[0]["id"] == option_id


def test_duplicate_label_refusal_names_the_tidied_label():
    refusal = refusal_of(validate_options, ["Yes", "  YES  "])

    assert refusal.code == "duplicate_option"
    assert refusal.params == {"label": "YES"}


def test_validate_options_does_not_change_its_input():
    raw = [{"label": " A "}, "B"]

    validate_options(raw)

    assert raw == [{"label": " A "}, "B"]


def test_option_ids_lists_ids_in_order():
    config = {"options": validate_options(["A", {"id": "x", "label": "B"}, "C"])}

    assert option_ids(config) == ["o1", "x", "o3"]


# -- options_from_lines --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("Yes\nNo", ["Yes", "No"]),
        ("  Yes  \r\n\r\n No \n", ["Yes", "No"]),
        ("\n\n   \n", []),
        ("", []),
        (None, []),
        ("One line", ["One line"]),
        ("Very   helpful\nNot\thelpful", ["Very   helpful", "Not\thelpful"]),
    ],
)
def test_options_from_lines(text, options):
    assert options_from_lines(text) == options


def test_options_from_lines_feed_validate_options():
    lines = options_from_lines(" Very   helpful \n\nNot helpful\n")

    assert validate_options(lines) == [
        {"id": "o1", "label": "Very helpful"},
        {"id": "o2", "label": "Not helpful"},
    ]


# -- whole_number --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "number"),
    [(0, 0), (10, 10), (5, 5), ("5", 5), (" 7 ", 7), ("007", 7), ("10", 10), ("0", 0)],
)
def test_whole_numbers_within_bounds_are_accepted(raw, number):
    assert whole_number(raw, "scale", 0, 10) == number


def test_negative_numbers_are_accepted_when_the_bounds_allow():
    assert whole_number("-3", "offset", -5, 5) == -3
    assert whole_number(-5, "offset", -5, 5) == -5


@pytest.mark.parametrize(
    "raw",
    [
        -1,
        11,
        "11",
        "-1",
        True,
        False,
        5.0,
        "5.0",
        "5,0",
        "",
        "   ",
        "five",
        "0x5",
        "1e1",
        None,
        [5],
        "5 5",
    ],
)
def test_other_values_are_refused_naming_the_field(raw):
    refusal = refusal_of(whole_number, raw, "scale", 0, 10)

    assert refusal.code == "out_of_range"
    assert refusal.params == {"field": "scale", "minimum": 0, "maximum": 10}


@pytest.mark.parametrize(
    "raw",
    ["--5", "-", "\u00b2", "5\u00b2", "9" * 5000],
    ids=["double-minus", "minus-only", "superscript-two", "five-squared", "5000-digits"],
)
def test_odd_digit_strings_are_refused_not_crashed_on(raw):
    """Form input can be anything; it must become a refusal, never a ValueError (a 500)."""
    refusal = refusal_of(whole_number, raw, "scale", 0, 10)

    assert refusal.code == "out_of_range"


# -- short_text ----------------------------------------------------------------------


def test_short_text_is_trimmed_and_single_spaced():
    assert short_text("  Hello\n  world\t! ", "prompt", 20) == "Hello world !"


def test_short_text_at_the_limit_is_accepted():
    assert short_text("x" * 10, "prompt", 10) == "x" * 10
    assert short_text("  " + "x" * 10 + "  ", "prompt", 10) == "x" * 10


@pytest.mark.parametrize("required", [True, False])
def test_too_long_short_text_is_refused(required):
    refusal = refusal_of(short_text, "x" * 11, "prompt", 10, required=required)

    assert refusal.code == "too_long"
    assert refusal.params == {"field": "prompt", "limit": 10}


@pytest.mark.parametrize("raw", ["", "   ", "\n\t"])
def test_required_short_text_must_not_be_blank(raw):
    refusal = refusal_of(short_text, raw, "prompt", 10)

    assert refusal.code == "field_required"
    assert refusal.params == {"field": "prompt"}


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_optional_short_text_may_be_missing_or_blank(raw):
    assert short_text(raw, "prompt", 10, required=False) == ""


@pytest.mark.parametrize("raw", [5, ["x"], {"x": 1}, True, b"x"])
@pytest.mark.parametrize("required", [True, False])
def test_short_text_that_is_not_text_is_refused(raw, required):
    refusal = refusal_of(short_text, raw, "prompt", 10, required=required)

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "prompt"}


def test_missing_required_short_text_is_refused():
    refusal = refusal_of(short_text, None, "prompt", 10)

    assert refusal.code in {"field_required", "invalid_config"}
    assert refusal.params == {"field": "prompt"}
