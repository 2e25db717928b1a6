"""Tests for the grid poll (facilitation/domain/kinds/grid.py): config, form, answers, tally."""

import random

import pytest
from werkzeug.datastructures import MultiDict

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import Answer, get_kind
from facilitation.domain.kinds.base import MAX_LABEL
from facilitation.domain.kinds.grid import AXIS_LIMIT, MAX_AXIS_LABEL, MAX_ITEMS, MAX_SPAN, MIN_SPAN
from facilitation.domain.workshop import AgendaItem
from facilitation.messages import MESSAGES

grid = get_kind("grid")

RAW = {
    "items": ["Online training", "Buddy system", "Wiki"],
    "x": {"label": "Effort", "low_label": "little", "high_label": "a lot"},
    "y": {"label": "Impact", "minimum": 0, "maximum": 4},
}
CONFIG = grid.validate_config(RAW)


def refusal_of(call, *args):
    """The Refusal raised by ``call(*args)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args)
    return refusal.value


def config_with(**changes):
    """RAW with top-level keys replaced."""
    return {**RAW, **changes}


def axis_with(name="x", **changes):
    """RAW with fields of one axis replaced (a value of ``...`` removes the field)."""
    axis = {**RAW[name], **changes}
    return config_with(**{name: {k: v for k, v in axis.items() if v is not ...}})


def answers(*values, hidden=()):
    """Stored answers a1, a2, …; positions in ``hidden`` are hidden."""
    return [Answer(f"a{n}", value, n in hidden) for n, value in enumerate(values, start=1)]


def results_of(tally, config=CONFIG, moderator=False):
    """Results as presenter and screen receive them."""
    return grid.results(AgendaItem("i1", "w1", 0, "grid", "Grid", 5, config), tally, moderator)


def averages(results):
    """``{item_id: (count, x, y)}`` from results."""
    return {row["id"]: (row["count"], row["x"], row["y"]) for row in results["items"]}


# -- configuration ------------------------------------------------------------------------


def test_a_grid_has_its_items_axes_with_defaults_and_the_shared_settings():
    assert grid.name == "grid"
    assert grid.collects_answers is True
    assert CONFIG == {
        "items": [
            {"id": "o1", "label": "Online training"},
            {"id": "o2", "label": "Buddy system"},
            {"id": "o3", "label": "Wiki"},
        ],
        "x": {
            "label": "Effort",
            "minimum": 1,
            "maximum": 10,
            "low_label": "little",
            "high_label": "a lot",
        },
        "y": {"label": "Impact", "minimum": 0, "maximum": 4, "low_label": "", "high_label": ""},
        "results": "presenter",
        "changeable": True,
    }


def test_a_validated_config_validates_to_itself_and_the_input_is_not_changed():
    raw = {
        "items": [" A ", {"id": "k", "label": "B"}],
        "x": {"label": " X  axis "},
        "y": {"label": "Y"},
    }
    before = {
        "items": [" A ", {"id": "k", "label": "B"}],
        "x": {"label": " X  axis "},
        "y": {"label": "Y"},
    }

    config = grid.validate_config(raw)

    assert raw == before
    assert config["x"]["label"] == "X axis"
    assert [item["id"] for item in config["items"]] == ["o1", "k"]
    assert grid.validate_config(config) == config


@pytest.mark.parametrize("count", [1, 5, MAX_ITEMS])
def test_one_to_twelve_items_are_allowed(count):
    config = grid.validate_config(config_with(items=[f"Item {n}" for n in range(count)]))

    assert len(config["items"]) == count


@pytest.mark.parametrize("count", [0, MAX_ITEMS + 1])
def test_too_few_or_too_many_items_are_refused(count):
    refusal = refusal_of(grid.validate_config, config_with(items=[f"I{n}" for n in range(count)]))

    assert (refusal.code, refusal.params) == ("option_count", {"minimum": 1, "maximum": MAX_ITEMS})


@pytest.mark.parametrize(
    ("items", "code", "params"),
    [
        (None, "invalid_config", {"field": "items"}),
        ("A\nB", "invalid_config", {"field": "items"}),
        (["A", " "], "option_label_required", {"position": 2}),
        (
            ["A", "x" * (MAX_LABEL + 1)],
            "option_label_too_long",
            {"position": 2, "limit": MAX_LABEL},
        ),
        (["Wiki", "wiki "], "duplicate_option", {"label": "wiki"}),
        (["A", 3], "invalid_config", {"field": "items[2]"}),
    ],
)
def test_bad_items_are_refused_naming_the_problem(items, code, params):
    refusal = refusal_of(grid.validate_config, config_with(items=items))

    assert (refusal.code, refusal.params) == (code, params)


@pytest.mark.parametrize("name", ["x", "y"])
def test_an_axis_needs_a_label(name):
    for label in ("", "   ", ...):
        refusal = refusal_of(grid.validate_config, axis_with(name, label=label))
        assert (refusal.code, refusal.params) == ("field_required", {"field": f"{name}.label"})
    for label in (None, 5, ["Effort"]):
        refusal = refusal_of(grid.validate_config, axis_with(name, label=label))
        assert (refusal.code, refusal.params) == ("invalid_config", {"field": f"{name}.label"})


@pytest.mark.parametrize("name", ["x", "y"])
def test_a_missing_or_malformed_axis_is_refused(name):
    missing = refusal_of(grid.validate_config, {k: v for k, v in RAW.items() if k != name})
    assert (missing.code, missing.params) == ("field_required", {"field": f"{name}.label"})
    for bad in ("Effort", ["Effort"], 5):
        refusal = refusal_of(grid.validate_config, config_with(**{name: bad}))
        assert (refusal.code, refusal.params) == ("invalid_config", {"field": name})


@pytest.mark.parametrize("field", ["label", "low_label", "high_label"])
def test_axis_texts_have_a_limit(field):
    at_limit = grid.validate_config(axis_with("y", **{field: "y" * MAX_AXIS_LABEL}))
    assert at_limit["y"][field] == "y" * MAX_AXIS_LABEL

    refusal = refusal_of(
        grid.validate_config, axis_with("y", **{field: "y" * (MAX_AXIS_LABEL + 1)})
    )

    assert (refusal.code, refusal.params) == ("too_long", {"field": f"y.{field}", "limit": 60})


@pytest.mark.parametrize("field", ["low_label", "high_label"])
def test_end_labels_must_be_text(field):
    refusal = refusal_of(grid.validate_config, axis_with("x", **{field: 5}))

    assert (refusal.code, refusal.params) == ("invalid_config", {"field": f"x.{field}"})


@pytest.mark.parametrize("field", ["minimum", "maximum"])
@pytest.mark.parametrize("value", [1.5, True, "3", [1], AXIS_LIMIT + 1, -AXIS_LIMIT - 1])
def test_scale_ends_must_be_whole_numbers_within_bounds(field, value):
    refusal = refusal_of(grid.validate_config, axis_with("x", **{field: value}))

    assert refusal.code == "out_of_range"
    assert refusal.params == {
        "field": f"x.{field}",
        "minimum": -AXIS_LIMIT,
        "maximum": AXIS_LIMIT,
    }


@pytest.mark.parametrize(
    ("minimum", "maximum"),
    [(1, 3), (0, 100), (-5, 5), (-100, 0), (1, 101), (AXIS_LIMIT - 2, AXIS_LIMIT)],
)
def test_scales_of_two_to_a_hundred_steps_are_allowed(minimum, maximum):
    config = grid.validate_config(axis_with("x", minimum=minimum, maximum=maximum))

    assert (config["x"]["minimum"], config["x"]["maximum"]) == (minimum, maximum)


@pytest.mark.parametrize(
    ("minimum", "maximum"), [(1, 2), (5, 5), (10, 1), (0, MAX_SPAN + 1), (None, 11 + MAX_SPAN)]
)
def test_scales_that_are_too_short_too_long_or_reversed_are_refused(minimum, maximum):
    refusal = refusal_of(grid.validate_config, axis_with("y", minimum=minimum, maximum=maximum))

    assert refusal.code == "axis_range"
    assert refusal.params == {
        "field": "y.maximum",
        "axis": "Impact",
        "minimum": MIN_SPAN,
        "maximum": MAX_SPAN,
    }


def test_the_axis_range_message_exists_and_takes_its_params():
    text = MESSAGES["axis_range"] % {"axis": "Impact", "minimum": 2, "maximum": 100}

    assert "Impact" in text and "2" in text and "100" in text


def test_shared_settings_are_checked_too():
    refusal = refusal_of(grid.validate_config, config_with(results="everyone"))

    assert (refusal.code, refusal.params) == ("invalid_config", {"field": "results"})


# -- authoring form -----------------------------------------------------------------------

FORM = {
    "items": "Online training\n\n  Buddy system \nWiki\n",
    "x_label": "Effort",
    "x_minimum": "1",
    "x_maximum": "10",
    "x_low_label": "little",
    "x_high_label": "a lot",
    "y_label": "Impact",
    "y_minimum": " 0 ",
    "y_maximum": "4",
    "y_low_label": "",
    "y_high_label": "",
    "results": "live",
    "changeable": "on",
}


def test_the_form_becomes_the_same_config_as_the_definition():
    config = grid.validate_config(grid.from_form(MultiDict(FORM)))

    assert config == {**CONFIG, "results": "live"}


def test_the_form_round_trips():
    values = grid.to_form(CONFIG)

    assert values["items"] == "Online training\nBuddy system\nWiki"
    assert values["x_minimum"] == "1" and values["y_maximum"] == "4"
    assert values["x_low_label"] == "little" and values["y_high_label"] == ""
    assert grid.validate_config(grid.from_form(MultiDict(values))) == CONFIG


def test_blank_numbers_in_the_form_mean_the_defaults_and_minus_signs_count():
    form = {**FORM, "x_minimum": "", "x_maximum": " ", "y_minimum": "−3", "y_maximum": "-1"}

    config = grid.validate_config(grid.from_form(MultiDict(form)))

    assert (config["x"]["minimum"], config["x"]["maximum"]) == (1, 10)
    assert (config["y"]["minimum"], config["y"]["maximum"]) == (-3, -1)


@pytest.mark.parametrize("typed", ["2.5", "abc", "--5", "²", "1e2", "5-", "9" * 5000, "1" * 10])
def test_a_typed_number_that_is_not_whole_is_refused_naming_the_field(typed):
    refusal = refusal_of(
        grid.validate_config, grid.from_form(MultiDict({**FORM, "x_maximum": typed}))
    )

    assert (refusal.code, refusal.params["field"]) == ("out_of_range", "x.maximum")


def test_an_empty_form_is_refused_for_its_items():
    refusal = refusal_of(grid.validate_config, grid.from_form(MultiDict({})))

    assert refusal.code == "option_count"


def test_a_form_without_an_axis_name_is_refused_naming_it():
    refusal = refusal_of(grid.validate_config, grid.from_form(MultiDict({**FORM, "y_label": " "})))

    assert (refusal.code, refusal.params) == ("field_required", {"field": "y.label"})


# -- answers ------------------------------------------------------------------------------


def test_an_answer_places_some_or_all_items_and_comes_back_in_the_polls_order():
    assert grid.parse_answer(CONFIG, {"o2": [10, 0]}) == {"o2": [10, 0]}
    assert grid.parse_answer(CONFIG, {"o3": [1, 4], "o1": [5, 2], "o2": [7, 3]}) == {
        "o1": [5, 2],
        "o2": [7, 3],
        "o3": [1, 4],
    }
    assert list(grid.parse_answer(CONFIG, {"o3": [1, 4], "o1": [5, 2]})) == ["o1", "o3"]


@pytest.mark.parametrize(
    "value",
    [
        None,
        "o1",
        5,
        True,
        ["o1", [1, 1]],
        [["o1", [1, 1]]],
        {},
        {"o1": None},
        {"o1": 5},
        {"o1": "5,3"},
        {"o1": [5]},
        {"o1": [5, 3, 1]},
        {"o1": []},
        {"o1": {"x": 5, "y": 3}},
        {"o1": [5.0, 3]},
        {"o1": [5, 2.5]},
        {"o1": [True, 3]},
        {"o1": [5, False]},
        {"o1": ["5", 3]},
        {"o1": [None, 3]},
        {"o1": [[5], 3]},
        {"o1": [5, 3], "o2": [[[[[1]]]], 1]},
    ],
)
def test_answers_of_the_wrong_shape_are_refused(value):
    assert refusal_of(grid.parse_answer, CONFIG, value).code == "invalid_answer"


@pytest.mark.parametrize(
    "value",
    [
        {"o4": [1, 1]},
        {"o1": [1, 1], "O2": [1, 1]},
        {"Wiki": [1, 1]},
        {"": [1, 1]},
        {"o1 ": [1, 1]},
        {"o1": [1, 1], "x" * 10_000: [1, 1]},
    ],
)
def test_ids_from_elsewhere_are_refused(value):
    assert refusal_of(grid.parse_answer, CONFIG, value).code == "unknown_option"


def test_more_entries_than_items_are_refused_before_looking_at_them():
    flood = {f"k{n}": [1, 1] for n in range(100_000)}

    assert refusal_of(grid.parse_answer, CONFIG, flood).code == "invalid_answer"


@pytest.mark.parametrize(
    ("point", "axis"),
    [
        ([0, 2], "x"),
        ([11, 2], "x"),
        ([-5, 2], "x"),
        ([5, -1], "y"),
        ([5, 5], "y"),
        ([10**30, 1], "x"),
    ],
)
def test_coordinates_outside_the_scale_are_refused_naming_the_axis(point, axis):
    refusal = refusal_of(grid.parse_answer, CONFIG, {"o2": [1, 1], "o1": point})

    expected = {"x": ("Effort", 1, 10), "y": ("Impact", 0, 4)}[axis]
    assert refusal.code == "out_of_range"
    assert (
        refusal.params["field"],
        refusal.params["minimum"],
        refusal.params["maximum"],
    ) == expected


def test_the_ends_of_each_scale_are_valid_coordinates():
    assert grid.parse_answer(CONFIG, {"o1": [1, 0], "o2": [10, 4]}) == {"o1": [1, 0], "o2": [10, 4]}


# -- tally and results --------------------------------------------------------------------


def test_results_without_answers_have_no_averages():
    results = results_of(grid.new_tally(CONFIG, []))

    assert results == {
        "answers": 0,
        "x": CONFIG["x"],
        "y": CONFIG["y"],
        "items": [
            {"id": "o1", "label": "Online training", "count": 0, "x": None, "y": None},
            {"id": "o2", "label": "Buddy system", "count": 0, "x": None, "y": None},
            {"id": "o3", "label": "Wiki", "count": 0, "x": None, "y": None},
        ],
    }
    assert grid.answer_count(grid.new_tally(CONFIG, [])) == 0


def test_a_first_answer_places_its_items():
    tally = grid.new_tally(CONFIG, [])

    assert grid.apply(tally, None, Answer("a1", {"o1": [3, 4]})) is True

    assert grid.answer_count(tally) == 1
    assert averages(results_of(tally)) == {
        "o1": (1, 3.0, 4.0),
        "o2": (0, None, None),
        "o3": (0, None, None),
    }


@pytest.mark.parametrize("moderator", [False, True])
def test_each_item_averages_only_the_participants_who_placed_it(moderator):
    tally = grid.new_tally(
        CONFIG,
        answers({"o1": [1, 0], "o2": [10, 4]}, {"o1": [2, 1]}, {"o1": [4, 1], "o3": [5, 2]}),
    )

    results = results_of(tally, moderator=moderator)

    assert results["answers"] == 3
    assert averages(results) == {
        "o1": (3, 2.3, 0.7),
        "o2": (1, 10.0, 4.0),
        "o3": (1, 5.0, 2.0),
    }


def test_averages_have_one_decimal_and_halves_round_away_from_zero():
    config = grid.validate_config(axis_with("x", minimum=-10, maximum=10))
    values = [({"o1": [x, y], "o2": [-x, y]}) for x, y in [(1, 1), (0, 2), (0, 2), (0, 2)]]

    rows = averages(results_of(grid.new_tally(config, answers(*values)), config))

    # 1/4 = 0.25 -> 0.3 (Python's round() would give 0.2), 7/4 = 1.75 -> 1.8
    assert rows["o1"] == (4, 0.3, 1.8)
    assert rows["o2"] == (4, -0.3, 1.8)


def test_averages_of_thirds_are_rounded_to_one_decimal():
    tally = grid.new_tally(CONFIG, answers({"o1": [1, 0]}, {"o1": [1, 0]}, {"o1": [2, 2]}))

    assert averages(results_of(tally))["o1"] == (3, 1.3, 0.7)


def test_a_changed_answer_moves_the_averages_and_the_count_of_participants_stays():
    tally = grid.new_tally(CONFIG, answers({"o1": [2, 2]}, {"o1": [4, 4]}))
    assert averages(results_of(tally))["o1"] == (2, 3.0, 3.0)

    changed = grid.apply(
        tally, Answer("a1", {"o1": [2, 2]}), Answer("a1", {"o1": [10, 4], "o2": [1, 0]})
    )

    assert changed is True
    assert grid.answer_count(tally) == 2
    rows = averages(results_of(tally))
    assert rows["o1"] == (2, 7.0, 4.0)
    assert rows["o2"] == (1, 1.0, 0.0)


def test_dropping_an_item_from_a_changed_answer_takes_it_out_of_that_items_average():
    tally = grid.new_tally(CONFIG, answers({"o1": [2, 2], "o2": [6, 3]}, {"o2": [8, 1]}))

    grid.apply(tally, Answer("a1", {"o1": [2, 2], "o2": [6, 3]}), Answer("a1", {"o1": [2, 2]}))

    rows = averages(results_of(tally))
    assert rows["o2"] == (1, 8.0, 1.0)
    assert rows["o1"] == (1, 2.0, 2.0)


def test_a_repeated_answer_changes_nothing():
    tally = grid.new_tally(CONFIG, answers({"o1": [2, 2]}))
    before = results_of(tally)

    assert grid.apply(tally, Answer("a1", {"o1": [2, 2]}), Answer("a1", {"o1": [2, 2]})) is False
    assert grid.apply(tally, None, None) is False

    assert results_of(tally) == before


def test_a_removed_answer_is_no_longer_counted():
    tally = grid.new_tally(CONFIG, answers({"o1": [2, 2]}, {"o1": [4, 3], "o3": [9, 4]}))

    assert grid.apply(tally, Answer("a2", {"o1": [4, 3], "o3": [9, 4]}), None) is True

    assert grid.answer_count(tally) == 1
    assert averages(results_of(tally)) == {
        "o1": (1, 2.0, 2.0),
        "o2": (0, None, None),
        "o3": (0, None, None),
    }


def test_hiding_an_answer_changes_no_numbers():
    tally = grid.new_tally(CONFIG, answers({"o1": [2, 2]}))
    before = results_of(tally)

    assert (
        grid.apply(tally, Answer("a1", {"o1": [2, 2]}), Answer("a1", {"o1": [2, 2]}, True)) is False
    )

    assert results_of(tally) == before
    assert results_of(grid.new_tally(CONFIG, answers({"o1": [2, 2]}, hidden={1}))) == before


def test_ties_two_items_at_the_same_average_are_both_listed():
    tally = grid.new_tally(
        CONFIG, answers({"o1": [5, 2], "o2": [5, 2]}, {"o1": [5, 2], "o2": [5, 2]})
    )

    rows = averages(results_of(tally))

    assert rows["o1"] == rows["o2"] == (2, 5.0, 2.0)


def test_results_follow_the_items_order_and_labels_of_the_config():
    tally = grid.new_tally(CONFIG, answers({"o3": [1, 1]}))

    results = results_of(tally)

    assert [(row["id"], row["label"]) for row in results["items"]] == [
        ("o1", "Online training"),
        ("o2", "Buddy system"),
        ("o3", "Wiki"),
    ]
    assert results["x"]["label"] == "Effort" and results["y"]["maximum"] == 4


def test_a_tally_of_all_answers_equals_applying_them_one_by_one():
    generator = random.Random(7)
    ids = ["o1", "o2", "o3"]
    held = {}
    tally = grid.new_tally(CONFIG, [])
    for _ in range(300):
        participant = f"a{generator.randrange(12)}"
        if generator.random() < 0.15:
            current = None
        else:
            chosen = generator.sample(ids, generator.randint(1, 3))
            value = {i: [generator.randint(1, 10), generator.randint(0, 4)] for i in chosen}
            current = Answer(participant, grid.parse_answer(CONFIG, value))
        grid.apply(tally, held.get(participant), current)
        if current is None:
            held.pop(participant, None)
        else:
            held[participant] = current

    rebuilt = grid.new_tally(CONFIG, list(held.values()))

    assert rebuilt == tally
    assert results_of(rebuilt) == results_of(tally)
    assert grid.answer_count(tally) == len(held)
    for row in results_of(tally)["items"]:
        placed = [a.value[row["id"]] for a in held.values() if row["id"] in a.value]
        assert row["count"] == len(placed)
        if placed:
            assert row["x"] == pytest.approx(sum(p[0] for p in placed) / len(placed), abs=0.05)
            assert row["y"] == pytest.approx(sum(p[1] for p in placed) / len(placed), abs=0.05)


def test_participants_see_the_whole_config():
    assert grid.public_config(CONFIG) == CONFIG
