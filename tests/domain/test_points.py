"""Tests for the points poll ("100 points"): configuration, answers, the tally and its results."""

import random

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import Answer, get_kind
from facilitation.domain.kinds.base import MAX_OPTIONS, MIN_OPTIONS
from facilitation.domain.workshop import AgendaItem

points = get_kind("points")

POLL = points.validate_config({"options": ["Training", "Tools", "Time"]})
A, B, C = "o1", "o2", "o3"


def refusal_of(call, *args):
    """Return the Refusal raised by ``call(*args)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args)
    return refusal.value


def poll_item(config=POLL):
    """The agenda item that ``results`` gets."""
    return AgendaItem("i1", "w1", 0, "points", "Where should the money go?", 5, config)


def answers(*splits):
    """Stored answers a1, a2, … with the given splits."""
    return [Answer(f"a{n}", split) for n, split in enumerate(splits, start=1)]


def results_of(*splits, config=POLL):
    """The results after counting ``splits``."""
    return points.results(poll_item(config), points.new_tally(config, answers(*splits)), False)


def split(a=0, b=0, c=0):
    """A normalized answer for POLL."""
    return {A: a, B: b, C: c}


# -- configuration -------------------------------------------------------------


def test_the_kind_is_registered_as_a_poll():
    assert points.name == "points"
    assert points.collects_answers is True
    assert points.label == "100 points"


def test_the_budget_defaults_to_100():
    assert POLL == {
        "options": [
            {"id": "o1", "label": "Training"},
            {"id": "o2", "label": "Tools"},
            {"id": "o3", "label": "Time"},
        ],
        "total": 100,
        "results": "presenter",
        "changeable": True,
    }
    assert points.validate_config(POLL) == POLL


@pytest.mark.parametrize(("total", "expected"), [(10, 10), (1000, 1000), ("250", 250), (60, 60)])
def test_budgets_from_10_to_1000_are_allowed(total, expected):
    config = points.validate_config({"options": ["A", "B"], "total": total})

    assert config["total"] == expected


@pytest.mark.parametrize("total", [9, 1001, 0, -100, 10.5, "100 points", "", None, True, [100]])
def test_other_budgets_are_refused_naming_the_field(total):
    refusal = refusal_of(points.validate_config, {"options": ["A", "B"], "total": total})

    assert refusal.code == "out_of_range"
    assert refusal.params == {"field": "total", "minimum": 10, "maximum": 1000}


@pytest.mark.parametrize("count", [0, 1, MAX_OPTIONS + 1])
def test_too_few_or_too_many_options_are_refused(count):
    refusal = refusal_of(points.validate_config, {"options": [f"O{n}" for n in range(count)]})

    assert refusal.code == "option_count"
    assert refusal.params == {"minimum": MIN_OPTIONS, "maximum": MAX_OPTIONS}


@pytest.mark.parametrize(
    ("config", "code", "params"),
    [
        ({}, "invalid_config", {"field": "options"}),
        ({"options": ["A", ""]}, "option_label_required", {"position": 2}),
        ({"options": ["A", "x" * 121]}, "option_label_too_long", {"position": 2, "limit": 120}),
        ({"options": ["Tools", "TOOLS"]}, "duplicate_option", {"label": "TOOLS"}),
        ({"options": ["A", "B"], "results": 1}, "invalid_config", {"field": "results"}),
        ({"options": ["A", "B"], "changeable": None}, "invalid_config", {"field": "changeable"}),
        ("A, B", "invalid_config", {"field": "config"}),
    ],
)
def test_bad_configurations_are_refused_naming_the_field(config, code, params):
    refusal = refusal_of(points.validate_config, config)

    assert (refusal.code, refusal.params) == (code, params)


# -- the authoring form ----------------------------------------------------------


def test_form_lines_become_options_and_the_budget_a_number():
    form = {"options": "Training\r\n\r\n Tools \nTime", "total": " 50 ", "results": "hidden"}

    config = points.validate_config(points.from_form(form))

    assert [o["label"] for o in config["options"]] == ["Training", "Tools", "Time"]
    assert config["total"] == 50
    assert (config["results"], config["changeable"]) == ("hidden", False)


@pytest.mark.parametrize("form_total", [None, "", "   "])
def test_an_empty_budget_field_means_100(form_total):
    form = {"options": "A\nB"}
    if form_total is not None:
        form["total"] = form_total

    assert points.validate_config(points.from_form(form))["total"] == 100


def test_a_bad_budget_in_the_form_is_refused_naming_the_field():
    form = {"options": "A\nB", "total": "5"}

    refusal = refusal_of(points.validate_config, points.from_form(form))

    assert (refusal.code, refusal.params["field"]) == ("out_of_range", "total")


@pytest.mark.parametrize("total", [10, 100, 1000])
@pytest.mark.parametrize("results", ["live", "presenter", "hidden"])
def test_form_round_trips(total, results):
    config = points.validate_config(
        {"options": ["Training", "Tools"], "total": total, "results": results, "changeable": True}
    )

    form = points.to_form(config)

    assert form["options"] == "Training\nTools"
    assert form["total"] == str(total)
    assert points.validate_config(points.from_form(form)) == config


# -- answers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "normalized"),
    [
        ({A: 100}, split(100)),
        ({A: 50, B: 25, C: 25}, split(50, 25, 25)),
        ({C: 1, B: 99}, split(0, 99, 1)),
        ({A: 0, B: 0, C: 100}, split(0, 0, 100)),
    ],
)
def test_splits_adding_up_to_the_budget_are_answers(value, normalized):
    parsed = points.parse_answer(POLL, value)

    assert parsed == normalized
    assert list(parsed) == [A, B, C], "normalized to the poll's order"


def test_the_budget_of_the_poll_counts():
    config = points.validate_config({"options": ["A", "B"], "total": 10})

    assert points.parse_answer(config, {A: 3, B: 7}) == {A: 3, B: 7}
    refusal = refusal_of(points.parse_answer, config, {A: 50, B: 50})
    assert refusal.code == "points_range"
    assert refusal.params == {"label": "A", "maximum": 10}


@pytest.mark.parametrize(
    ("value", "code", "params"),
    [
        (None, "invalid_answer", {}),
        ([50, 50], "invalid_answer", {}),
        ("o1=100", "invalid_answer", {}),
        (100, "invalid_answer", {}),
        ({A: "100"}, "invalid_answer", {}),
        ({A: 99.5, B: 0.5}, "invalid_answer", {}),
        ({A: 100.0}, "invalid_answer", {}),
        ({A: True, B: 99}, "invalid_answer", {}),
        ({A: None, B: 100}, "invalid_answer", {}),
        ({A: [100]}, "invalid_answer", {}),
        ({A: {"x": {"y": {"z": 1}}}}, "invalid_answer", {}),
        ({"o4": 100}, "unknown_option", {}),
        ({A: 50, "O2": 50}, "unknown_option", {}),
        ({A: 25, B: 25, C: 25, "o4": 25}, "unknown_option", {}),
        ({f"x{n}": 0 for n in range(10_000)}, "unknown_option", {}),
        ({A: -10, B: 110}, "points_range", {"label": "Training", "maximum": 100}),
        ({A: 0, B: 101}, "points_range", {"label": "Tools", "maximum": 100}),
        ({A: 10**100}, "points_range", {"label": "Training", "maximum": 100}),
        ({}, "points_total", {"total": 100, "sum": 0}),
        ({A: 50, B: 49}, "points_total", {"total": 100, "sum": 99}),
        ({A: 50, B: 50, C: 1}, "points_total", {"total": 100, "sum": 101}),
        ({A: 0, B: 0, C: 0}, "points_total", {"total": 100, "sum": 0}),
    ],
)
def test_malformed_splits_are_refused(value, code, params):
    refusal = refusal_of(points.parse_answer, POLL, value)

    assert refusal.code == code
    if params:
        assert refusal.params == params


# -- tally and results -------------------------------------------------------------


def test_one_split_gives_points_and_averages():
    assert results_of(split(20, 50, 30)) == {
        "answers": 1,
        "points": 100,
        "options": [
            {"id": B, "label": "Tools", "total": 50, "average": 50.0, "rank": 1},
            {"id": C, "label": "Time", "total": 30, "average": 30.0, "rank": 2},
            {"id": A, "label": "Training", "total": 20, "average": 20.0, "rank": 3},
        ],
    }


def test_points_add_up_over_participants_and_average_per_participant():
    results = results_of(split(100), split(0, 50, 50), split(10, 60, 30))
    rows = {row["id"]: row for row in results["options"]}

    assert results["answers"] == 3
    assert [row["id"] for row in results["options"]] == [A, B, C]
    assert {k: rows[k]["total"] for k in rows} == {A: 110, B: 110, C: 80}
    assert {k: rows[k]["average"] for k in rows} == {A: 36.7, B: 36.7, C: 26.7}
    assert [row["rank"] for row in results["options"]] == [1, 1, 3]
    assert sum(row["total"] for row in results["options"]) == 3 * 100


def test_averages_round_half_up():
    results = results_of(split(1, 99), split(0, 100), split(0, 100), split(0, 100))

    assert {row["id"]: row["average"] for row in results["options"]} == {A: 0.3, B: 99.8, C: 0.0}


def test_equal_totals_keep_the_poll_order():
    results = results_of(split(0, 50, 50))

    assert [(row["id"], row["rank"]) for row in results["options"]] == [(B, 1), (C, 1), (A, 3)]


def test_results_without_answers():
    results = results_of()

    assert results["answers"] == 0
    assert [row["id"] for row in results["options"]] == [A, B, C]
    assert all(row["total"] == 0 for row in results["options"])
    assert all(row["average"] is None for row in results["options"])


def test_a_first_answer_is_counted():
    tally = points.new_tally(POLL, [])

    assert points.apply(tally, None, Answer("a1", split(0, 0, 100))) is True

    assert points.answer_count(tally) == 1
    assert points.results(poll_item(), tally, False)["options"][0]["id"] == C


def test_a_changed_split_moves_the_points():
    tally = points.new_tally(POLL, answers(split(100), split(50, 50)))

    assert points.apply(tally, Answer("a1", split(100)), Answer("a1", split(0, 0, 100))) is True

    assert points.answer_count(tally) == 2
    assert points.results(poll_item(), tally, False) == results_of(split(0, 0, 100), split(50, 50))


def test_a_repeated_split_or_a_moderation_changes_nothing():
    tally = points.new_tally(POLL, answers(split(100)))

    assert points.apply(tally, Answer("a1", split(100)), Answer("a1", split(100))) is False
    assert points.apply(tally, Answer("a1", split(100)), Answer("a1", split(100), True)) is False
    assert points.results(poll_item(), tally, False) == results_of(split(100))


def test_a_removed_answer_is_no_longer_counted():
    tally = points.new_tally(POLL, answers(split(100), split(0, 100)))

    assert points.apply(tally, Answer("a1", split(100)), None) is True

    assert points.results(poll_item(), tally, False) == results_of(split(0, 100))


def test_answers_that_do_not_fit_the_poll_are_ignored():
    stale = [Answer("a1", {A: 50}), Answer("a2", {"o9": 100}), Answer("a3", [A])]

    tally = points.new_tally(POLL, [*stale, Answer("a4", split(0, 100))])

    assert points.answer_count(tally) == 1
    assert points.apply(tally, None, Answer("a5", {A: -100, B: 200})) is False


def test_new_tally_of_all_answers_equals_applying_them_one_by_one():
    generator = random.Random(11)
    config = points.validate_config({"options": [f"O{n}" for n in range(5)], "total": 60})
    ids = [option["id"] for option in config["options"]]
    held, incremental = {}, points.new_tally(config, [])
    for _ in range(300):
        who = f"a{generator.randrange(25)}"
        cuts = sorted(generator.randint(0, 60) for _ in range(len(ids) - 1))
        amounts = [b - a for a, b in zip([0, *cuts], [*cuts, 60], strict=True)]
        value = points.parse_answer(config, dict(zip(ids, amounts, strict=True)))
        current = None if generator.random() < 0.1 else Answer(who, value)
        points.apply(incremental, held.get(who), current)
        if current is None:
            held.pop(who, None)
        else:
            held[who] = current

    rebuilt = points.new_tally(config, list(held.values()))

    item = poll_item(config)
    assert points.results(item, incremental, True) == points.results(item, rebuilt, True)
    assert points.answer_count(incremental) == len(held)
    assert sum(row["total"] for row in points.results(item, rebuilt, True)["options"]) == (
        60 * len(held)
    )


def test_results_are_the_same_for_presenter_and_everyone_else():
    tally = points.new_tally(POLL, answers(split(100), split(0, 40, 60)))

    assert points.results(poll_item(), tally, True) == points.results(poll_item(), tally, False)


def test_public_config_shows_options_and_budget():
    public = points.public_config(POLL)

    assert public["options"] == POLL["options"]
    assert public["total"] == 100
