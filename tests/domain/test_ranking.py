"""Tests for the ranking poll: configuration, answers, the Borda tally and its results."""

import itertools
import random

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import Answer, get_kind
from facilitation.domain.kinds.base import MAX_OPTIONS, MIN_OPTIONS
from facilitation.domain.kinds.ranking import competition_ranks, one_decimal
from facilitation.domain.workshop import AgendaItem

ranking = get_kind("ranking")

POLL = ranking.validate_config({"options": ["Budget", "People", "Time"]})
A, B, C = "o1", "o2", "o3"


def refusal_of(call, *args):
    """Return the Refusal raised by ``call(*args)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args)
    return refusal.value


def poll_item(config=POLL):
    """The agenda item that ``results`` gets."""
    return AgendaItem("i1", "w1", 0, "ranking", "What matters most?", 5, config)


def answers(*orders):
    """Stored answers a1, a2, … with the given orders."""
    return [Answer(f"a{n}", list(order)) for n, order in enumerate(orders, start=1)]


def results_of(*orders, config=POLL):
    """The results after counting ``orders``."""
    return ranking.results(poll_item(config), ranking.new_tally(config, answers(*orders)), False)


def by_id(results):
    """Result rows keyed by option id."""
    return {row["id"]: row for row in results["options"]}


# -- configuration -------------------------------------------------------------


def test_the_kind_is_registered_as_a_poll():
    assert ranking.name == "ranking"
    assert ranking.collects_answers is True
    assert ranking.label == "Ranking"


def test_options_get_ids_and_the_shared_settings_their_defaults():
    assert POLL == {
        "options": [
            {"id": "o1", "label": "Budget"},
            {"id": "o2", "label": "People"},
            {"id": "o3", "label": "Time"},
        ],
        "results": "presenter",
        "changeable": True,
    }
    assert ranking.validate_config(POLL) == POLL


@pytest.mark.parametrize("count", [0, 1, MAX_OPTIONS + 1])
def test_too_few_or_too_many_options_are_refused(count):
    refusal = refusal_of(ranking.validate_config, {"options": [f"O{n}" for n in range(count)]})

    assert refusal.code == "option_count"
    assert refusal.params == {"minimum": MIN_OPTIONS, "maximum": MAX_OPTIONS}


@pytest.mark.parametrize(
    ("config", "code", "params"),
    [
        ({}, "invalid_config", {"field": "options"}),
        ({"options": "A\nB"}, "invalid_config", {"field": "options"}),
        ({"options": ["A", " "]}, "option_label_required", {"position": 2}),
        ({"options": ["A", "x" * 121]}, "option_label_too_long", {"position": 2, "limit": 120}),
        ({"options": ["Time", "time "]}, "duplicate_option", {"label": "time"}),
        ({"options": ["A", "B"], "results": "everyone"}, "invalid_config", {"field": "results"}),
        ({"options": ["A", "B"], "changeable": "yes"}, "invalid_config", {"field": "changeable"}),
        (["A", "B"], "invalid_config", {"field": "config"}),
    ],
)
def test_bad_configurations_are_refused_naming_the_field(config, code, params):
    refusal = refusal_of(ranking.validate_config, config)

    assert (refusal.code, refusal.params) == (code, params)


def test_twelve_options_are_allowed():
    config = ranking.validate_config({"options": [f"Option {n}" for n in range(MAX_OPTIONS)]})

    assert len(config["options"]) == MAX_OPTIONS


# -- the authoring form ----------------------------------------------------------


def test_form_lines_become_options():
    form = {"options": " Budget \r\n\nPeople\nTime\n", "results": "live", "changeable": "on"}

    config = ranking.validate_config(ranking.from_form(form))

    assert [o["label"] for o in config["options"]] == ["Budget", "People", "Time"]
    assert (config["results"], config["changeable"]) == ("live", True)


@pytest.mark.parametrize("results", ["live", "presenter", "hidden"])
@pytest.mark.parametrize("changeable", [True, False])
def test_form_round_trips(results, changeable):
    config = ranking.validate_config(
        {"options": ["Budget", "People", "Time"], "results": results, "changeable": changeable}
    )

    form = ranking.to_form(config)

    assert form["options"] == "Budget\nPeople\nTime"
    assert ranking.validate_config(ranking.from_form(form)) == config


def test_form_with_one_option_is_refused():
    refusal = refusal_of(ranking.validate_config, ranking.from_form({"options": "Only\n\n"}))

    assert refusal.code == "option_count"


# -- answers ---------------------------------------------------------------------


@pytest.mark.parametrize("order", list(itertools.permutations([A, B, C])))
def test_every_complete_order_is_an_answer(order):
    assert ranking.parse_answer(POLL, list(order)) == list(order)


def test_the_parsed_answer_is_a_copy():
    order = [C, B, A]

    parsed = ranking.parse_answer(POLL, order)
    order.reverse()

    assert parsed == [C, B, A]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (None, "invalid_answer"),
        ("o1,o2,o3", "invalid_answer"),
        ({"o1": 1, "o2": 2, "o3": 3}, "invalid_answer"),
        (3, "invalid_answer"),
        ([A, B, 3], "invalid_answer"),
        ([A, B, None], "invalid_answer"),
        ([A, B, [C]], "invalid_answer"),
        ([[[[[[A]]]]], B, C], "invalid_answer"),
        ([A, B, "o4"], "unknown_option"),
        ([A, B, "O3"], "unknown_option"),
        ([A, B, "x" * 10_000], "unknown_option"),
        ([], "ranking_order"),
        ([A, B], "ranking_order"),
        ([A, B, B], "ranking_order"),
        ([A, A, A], "ranking_order"),
        ([A, B, C, A], "ranking_order"),
        ([A, B, C, "o4"], "ranking_order"),
        ([A] * 100_000, "ranking_order"),
    ],
)
def test_malformed_orders_are_refused(value, code):
    refusal = refusal_of(ranking.parse_answer, POLL, value)

    assert refusal.code == code
    if code == "ranking_order":
        assert refusal.params == {"count": 3}


def test_ids_of_another_poll_are_refused():
    other = ranking.validate_config(
        {"options": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}, "Z"]}
    )

    assert refusal_of(ranking.parse_answer, POLL, ["x", "y", "o3"]).code == "unknown_option"
    assert refusal_of(ranking.parse_answer, other, [A, B, C]).code == "unknown_option"


# -- tally and results -------------------------------------------------------------


def test_one_order_gives_borda_points_from_n_minus_1_down_to_0():
    results = results_of([B, C, A])

    assert results == {
        "answers": 1,
        "max_score": 2,
        "options": [
            {
                "id": B,
                "label": "People",
                "score": 2,
                "average_position": 1.0,
                "positions": [1, 0, 0],
                "rank": 1,
            },
            {
                "id": C,
                "label": "Time",
                "score": 1,
                "average_position": 2.0,
                "positions": [0, 1, 0],
                "rank": 2,
            },
            {
                "id": A,
                "label": "Budget",
                "score": 0,
                "average_position": 3.0,
                "positions": [0, 0, 1],
                "rank": 3,
            },
        ],
    }


def test_scores_average_places_and_distributions_add_up():
    results = results_of([A, B, C], [A, C, B], [B, A, C], [C, B, A])
    rows = by_id(results)

    assert [row["id"] for row in results["options"]] == [A, B, C]
    assert {k: rows[k]["score"] for k in rows} == {A: 5, B: 4, C: 3}
    assert rows[A]["positions"] == [2, 1, 1]
    assert rows[B]["positions"] == [1, 2, 1]
    assert rows[C]["positions"] == [1, 1, 2]
    # (1 + 1 + 2 + 3) / 4 = 1.75 rounds half up to 1.8
    assert rows[A]["average_position"] == 1.8
    assert rows[B]["average_position"] == 2.0
    assert rows[C]["average_position"] == 2.3
    assert results["max_score"] == 8
    for row in results["options"]:
        assert sum(row["positions"]) == results["answers"] == 4
    assert sum(row["score"] for row in results["options"]) == 4 * (0 + 1 + 2)


def test_equal_scores_keep_the_poll_order_and_share_a_rank():
    results = results_of([C, A, B], [B, A, C])

    assert [(row["id"], row["score"], row["rank"]) for row in results["options"]] == [
        (A, 2, 1),
        (B, 2, 1),
        (C, 2, 1),
    ]

    results = results_of([C, B, A], [B, C, A], [A, B, C])

    assert [(row["id"], row["score"], row["rank"]) for row in results["options"]] == [
        (B, 4, 1),
        (C, 3, 2),
        (A, 2, 3),
    ]

    results = results_of([A, C, B], [C, A, B])

    assert [(row["id"], row["rank"]) for row in results["options"]] == [(A, 1), (C, 1), (B, 3)]


def test_results_without_answers_have_no_average():
    results = results_of()

    assert results["answers"] == 0
    assert results["max_score"] == 0
    assert [row["id"] for row in results["options"]] == [A, B, C]
    assert all(row["average_position"] is None for row in results["options"])
    assert all(row["positions"] == [0, 0, 0] for row in results["options"])
    assert [row["rank"] for row in results["options"]] == [1, 1, 1]


def test_a_first_answer_is_counted():
    tally = ranking.new_tally(POLL, [])

    assert ranking.apply(tally, None, Answer("a1", [C, A, B])) is True

    assert ranking.answer_count(tally) == 1
    assert by_id(ranking.results(poll_item(), tally, False))[C]["score"] == 2


def test_a_changed_order_moves_the_scores():
    tally = ranking.new_tally(POLL, answers([A, B, C], [A, C, B]))

    assert ranking.apply(tally, Answer("a1", [A, B, C]), Answer("a1", [C, B, A])) is True

    results = ranking.results(poll_item(), tally, False)
    assert ranking.answer_count(tally) == 2
    assert {row["id"]: row["score"] for row in results["options"]} == {A: 2, B: 1, C: 3}
    assert results["options"][0]["id"] == C


def test_a_repeated_order_or_a_moderation_changes_nothing():
    tally = ranking.new_tally(POLL, answers([A, B, C]))
    before = ranking.results(poll_item(), tally, False)

    assert ranking.apply(tally, Answer("a1", [A, B, C]), Answer("a1", [A, B, C])) is False
    assert ranking.apply(tally, Answer("a1", [A, B, C]), Answer("a1", [A, B, C], True)) is False

    assert ranking.results(poll_item(), tally, False) == before


def test_a_removed_answer_is_no_longer_counted():
    tally = ranking.new_tally(POLL, answers([A, B, C], [C, B, A]))

    assert ranking.apply(tally, Answer("a2", [C, B, A]), None) is True

    assert ranking.results(poll_item(), tally, False) == results_of([A, B, C])


def test_answers_that_do_not_fit_the_poll_are_ignored():
    stale = [Answer("a1", [A, B]), Answer("a2", "o1"), Answer("a3", [A, B, C, "o4"])]

    tally = ranking.new_tally(POLL, [*stale, Answer("a4", [B, A, C])])

    assert ranking.answer_count(tally) == 1
    assert ranking.apply(tally, None, Answer("a5", [A, A, A])) is False


def test_new_tally_of_all_answers_equals_applying_them_one_by_one():
    generator = random.Random(7)
    config = ranking.validate_config({"options": [f"Option {n}" for n in range(6)]})
    ids = [option["id"] for option in config["options"]]
    held, incremental = {}, ranking.new_tally(config, [])
    for _ in range(300):
        who = f"a{generator.randrange(25)}"
        order = generator.sample(ids, len(ids))
        previous = held.get(who)
        current = None if generator.random() < 0.1 else Answer(who, order)
        ranking.apply(incremental, previous, current)
        if current is None:
            held.pop(who, None)
        else:
            held[who] = current

    rebuilt = ranking.new_tally(config, list(held.values()))

    item = poll_item(config)
    assert ranking.results(item, incremental, True) == ranking.results(item, rebuilt, True)
    assert ranking.answer_count(incremental) == len(held)


def test_results_are_the_same_for_presenter_and_everyone_else():
    tally = ranking.new_tally(POLL, answers([A, B, C], [B, A, C]))

    assert ranking.results(poll_item(), tally, True) == ranking.results(poll_item(), tally, False)


def test_results_use_the_items_current_labels():
    tally = ranking.new_tally(POLL, answers([A, B, C]))
    relabelled = {**POLL, "options": [{"id": A, "label": "Money"}, *POLL["options"][1:]]}

    results = ranking.results(poll_item(relabelled), tally, False)

    assert results["options"][0] == {**results["options"][0], "id": A, "label": "Money"}


def test_public_config_shows_the_options():
    assert ranking.public_config(POLL)["options"] == POLL["options"]


# -- helpers -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [(7, 4, 1.8), (9, 4, 2.3), (5, 2, 2.5), (1, 3, 0.3), (2, 3, 0.7), (0, 5, 0.0), (100, 1, 100.0)],
)
def test_one_decimal_rounds_half_up(numerator, denominator, expected):
    assert one_decimal(numerator, denominator) == expected


@pytest.mark.parametrize(
    ("values", "ranks"),
    [([], []), ([5], [1]), ([5, 5, 3], [1, 1, 3]), ([9, 7, 7, 7, 1], [1, 2, 2, 2, 5])],
)
def test_equal_values_share_the_rank(values, ranks):
    assert competition_ranks(values) == ranks
