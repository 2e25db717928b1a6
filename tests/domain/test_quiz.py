"""Tests for the quiz kind: the key, its secrecy, answers, tally of right answers and results."""

import json
import random

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import Answer, get_kind
from facilitation.domain.kinds.base import MAX_OPTIONS, MIN_OPTIONS
from facilitation.domain.workshop import AgendaItem

quiz = get_kind("quiz")

CAPITALS = ["Berlin", "Bonn", "Hamburg", "Munich"]
PRIMES = ["2", "4", "7", "9"]


def refusal_of(call, *args, **kwargs):
    """Return the Refusal raised by ``call(*args, **kwargs)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args, **kwargs)
    return refusal.value


def single(**fields):
    """Which city is Germany's capital? One answer, o1 is right."""
    return quiz.validate_config({"options": CAPITALS, "correct": ["o1"], **fields})


def several(**fields):
    """Which numbers are prime? o1 and o3 are right; several answers."""
    return quiz.validate_config({"options": PRIMES, "correct": ["o3", "o1"], **fields})


def item_for(poll_config, revealed=False):
    return AgendaItem("i1", "w1", 1, "quiz", "Quiz", 5, poll_config, revealed=revealed)


def answers(*values):
    return [Answer(f"a{n}", value) for n, value in enumerate(values)]


def by_id(results, field):
    return {option["id"]: option[field] for option in results["options"]}


# -- configuration -----------------------------------------------------------------


def test_one_correct_option_means_one_answer():
    assert single() == {
        "options": [
            {"id": "o1", "label": "Berlin"},
            {"id": "o2", "label": "Bonn"},
            {"id": "o3", "label": "Hamburg"},
            {"id": "o4", "label": "Munich"},
        ],
        "correct": ["o1"],
        "multiple": False,
        "results": "presenter",
        "changeable": True,
    }


def test_several_correct_options_mean_several_answers_and_keep_the_poll_order():
    poll = several()

    assert poll["correct"] == ["o1", "o3"]
    assert poll["multiple"] is True
    assert quiz.validate_config(poll) == poll


def test_multiple_can_be_set_either_way():
    assert single(multiple=True)["multiple"] is True
    assert several(multiple=False)["multiple"] is False


def test_correct_refers_to_given_option_ids():
    poll = quiz.validate_config(
        {"options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}], "correct": ["no"]}
    )

    assert poll["correct"] == ["no"]


@pytest.mark.parametrize("count", [MIN_OPTIONS, MAX_OPTIONS])
def test_two_to_twelve_options_are_allowed(count):
    poll = quiz.validate_config({"options": [f"{n}" for n in range(count)], "correct": ["o1"]})

    assert len(poll["options"]) == count


@pytest.mark.parametrize("count", [1, MAX_OPTIONS + 1])
def test_too_few_or_too_many_options_are_refused(count):
    refusal = refusal_of(
        quiz.validate_config, {"options": [f"{n}" for n in range(count)], "correct": ["o1"]}
    )

    assert (refusal.code, refusal.params) == (
        "option_count",
        {"minimum": MIN_OPTIONS, "maximum": MAX_OPTIONS},
    )


@pytest.mark.parametrize("correct", [None, []])
def test_a_quiz_without_a_key_is_refused(correct):
    fields = {"options": CAPITALS} if correct is None else {"options": CAPITALS, "correct": []}

    refusal = refusal_of(quiz.validate_config, fields)

    assert (refusal.code, refusal.params) == ("correct_required", {"field": "correct"})


@pytest.mark.parametrize(
    "correct",
    ["o1", {"o1": True}, 1, ["o9"], ["Berlin"], [1], [None], [["o1"]], ["o1", "o1"], ["o1"] * 500],
    ids=lambda v: repr(v)[:20],
)
def test_a_malformed_key_is_refused(correct):
    refusal = refusal_of(quiz.validate_config, {"options": CAPITALS, "correct": correct})

    assert (refusal.code, refusal.params) == ("invalid_config", {"field": "correct"})


@pytest.mark.parametrize("multiple", ["yes", 1, 0, [], "true"])
def test_multiple_must_be_a_boolean(multiple):
    refusal = refusal_of(single, multiple=multiple)

    assert (refusal.code, refusal.params) == ("invalid_config", {"field": "multiple"})


# -- the key stays secret ------------------------------------------------------------


@pytest.mark.parametrize("make", [single, several])
def test_participants_config_has_no_key(make):
    poll = make()

    public = quiz.public_config(poll)

    assert "correct" not in public
    assert public == {name: value for name, value in poll.items() if name != "correct"}
    assert poll["correct"], "public_config must not change the stored config"


def test_results_hide_the_key_and_the_right_share_until_revealed():
    poll = single()
    tally = quiz.new_tally(poll, answers("o1", "o2"))

    results = quiz.results(item_for(poll), tally, moderator=False)

    assert set(results) == {"answers", "multiple", "options"}
    assert all(set(option) == {"id", "label", "count", "percent"} for option in results["options"])
    assert "correct" not in json.dumps(results)


def test_the_presenter_sees_the_key_before_the_reveal():
    poll = single()
    tally = quiz.new_tally(poll, answers("o1", "o2"))

    results = quiz.results(item_for(poll), tally, moderator=True)

    assert results["correct"] == ["o1"]
    assert by_id(results, "correct") == {"o1": True, "o2": False, "o3": False, "o4": False}
    assert (results["correct_count"], results["correct_share"]) == (1, 50)


def test_everyone_sees_the_key_once_revealed():
    poll = several()
    tally = quiz.new_tally(poll, answers(["o1", "o3"]))

    results = quiz.results(item_for(poll, revealed=True), tally, moderator=False)

    assert results["correct"] == ["o1", "o3"]
    assert by_id(results, "correct") == {"o1": True, "o2": False, "o3": True, "o4": False}
    assert results["correct_share"] == 100


# -- authoring form ------------------------------------------------------------------


def test_lines_starting_with_an_asterisk_are_the_correct_options():
    form = {"options": "*Berlin\r\n\r\nBonn\n  *  Hamburg \nMunich", "pick": "auto"}

    poll = quiz.validate_config(quiz.from_form(form))

    assert [o["label"] for o in poll["options"]] == ["Berlin", "Bonn", "Hamburg", "Munich"]
    assert poll["correct"] == ["o1", "o3"]
    assert poll["multiple"] is True


@pytest.mark.parametrize(
    ("pick", "stars", "multiple"),
    [
        ("auto", 1, False),
        ("auto", 2, True),
        ("one", 2, False),
        ("several", 1, True),
        (None, 1, False),
        ("nonsense", 2, True),
    ],
)
def test_the_pick_field_sets_multiple(pick, stars, multiple):
    lines = [("*" if n < stars else "") + label for n, label in enumerate(CAPITALS)]
    form = {"options": "\n".join(lines)}
    if pick is not None:
        form["pick"] = pick

    assert quiz.validate_config(quiz.from_form(form))["multiple"] is multiple


def test_a_form_without_a_marked_option_is_refused():
    refusal = refusal_of(quiz.validate_config, quiz.from_form({"options": "Berlin\nBonn"}))

    assert (refusal.code, refusal.params) == ("correct_required", {"field": "correct"})


def test_a_line_with_only_an_asterisk_is_an_option_without_text():
    refusal = refusal_of(quiz.validate_config, quiz.from_form({"options": "Berlin\n*\nBonn"}))

    assert (refusal.code, refusal.params) == ("option_label_required", {"position": 2})


@pytest.mark.parametrize(
    "poll",
    [single(), several(), single(multiple=True), several(multiple=False, results="live")],
    ids=["one", "several", "one-key-several-picks", "several-keys-one-pick"],
)
def test_form_round_trip_keeps_the_config(poll):
    form = quiz.to_form(poll)

    assert quiz.validate_config(quiz.from_form(form)) == poll


def test_to_form_marks_the_correct_lines():
    assert quiz.to_form(several())["options"] == "* 2\n4\n* 7\n9"
    assert quiz.to_form(several())["pick"] == "auto"
    assert quiz.to_form(single(multiple=True))["pick"] == "several"
    assert quiz.to_form(several(multiple=False))["pick"] == "one"


# -- answers -------------------------------------------------------------------------


def test_a_single_answer_is_one_option_id():
    assert quiz.parse_answer(single(), "o3") == "o3"


def test_several_answers_are_normalized_to_the_poll_order():
    assert quiz.parse_answer(several(), ["o4", "o1"]) == ["o1", "o4"]
    assert quiz.parse_answer(several(), ["o2"]) == ["o2"]
    assert quiz.parse_answer(several(), ["o4", "o3", "o2", "o1"]) == ["o1", "o2", "o3", "o4"]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (["o1"], "invalid_answer"),
        (None, "invalid_answer"),
        (1, "invalid_answer"),
        ({"id": "o1"}, "invalid_answer"),
        ("o9", "unknown_option"),
        ("", "unknown_option"),
        ("x" * 100_000, "unknown_option"),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_malformed_single_answers_are_refused(value, code):
    assert refusal_of(quiz.parse_answer, single(), value).code == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("o1", "invalid_answer"),
        (None, "invalid_answer"),
        ([1], "invalid_answer"),
        ([["o1"]], "invalid_answer"),
        (["o1", "o1"], "invalid_answer"),
        (["o9"], "unknown_option"),
        ([], "too_few_choices"),
        (["o1"] * 10_000, "too_many_choices"),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_malformed_multiple_answers_are_refused(value, code):
    assert refusal_of(quiz.parse_answer, several(), value).code == code


# -- tally ---------------------------------------------------------------------------


def test_one_pick_is_right_when_it_is_a_correct_option():
    poll = several(multiple=False)
    tally = quiz.new_tally(poll, answers("o1", "o3", "o2"))

    assert tally.right == 2


def test_several_picks_are_right_only_when_they_are_exactly_the_key():
    poll = several()
    tally = quiz.new_tally(poll, answers(["o1", "o3"], ["o1"], ["o1", "o2", "o3"], ["o3", "o1"]))

    assert tally.right == 2
    assert quiz.answer_count(tally) == 4
    assert tally.counts == {"o1": 4, "o2": 1, "o3": 3, "o4": 0}


def test_a_changed_answer_moves_counts_and_right_answers():
    poll = single()
    tally = quiz.new_tally(poll, answers("o2", "o1"))

    assert quiz.apply(tally, Answer("a0", "o2"), Answer("a0", "o1")) is True

    assert tally.counts == {"o1": 2, "o2": 0, "o3": 0, "o4": 0}
    assert (tally.right, quiz.answer_count(tally)) == (2, 2)

    assert quiz.apply(tally, Answer("a0", "o1"), Answer("a0", "o4")) is True
    assert (tally.right, tally.counts["o4"]) == (1, 1)


def test_a_removed_answer_leaves_the_tally():
    poll = several()
    tally = quiz.new_tally(poll, answers(["o1", "o3"], ["o2"]))

    assert quiz.apply(tally, Answer("a0", ["o1", "o3"]), None) is True

    assert (quiz.answer_count(tally), tally.right) == (1, 0)
    assert tally.counts == {"o1": 0, "o2": 1, "o3": 0, "o4": 0}


def test_a_repeated_or_hidden_answer_changes_nothing():
    poll = single()
    tally = quiz.new_tally(poll, answers("o1"))

    assert quiz.apply(tally, Answer("a0", "o1"), Answer("a0", "o1")) is False
    assert quiz.apply(tally, Answer("a0", "o1"), Answer("a0", "o1", True)) is False
    assert (tally.right, tally.counts["o1"]) == (1, 1)


def test_a_new_tally_equals_applying_the_answers_one_by_one():
    poll = several()
    generator = random.Random(11)
    ids = ["o1", "o2", "o3", "o4"]
    stored = answers(*[sorted(generator.sample(ids, generator.randint(1, 3))) for _ in range(50)])

    built = quiz.new_tally(poll, stored)
    stepped = quiz.new_tally(poll, [])
    for answer in stored:
        quiz.apply(stepped, None, answer)

    assert (built.counts, built.respondents, built.right) == (
        stepped.counts,
        stepped.respondents,
        stepped.right,
    )
    assert built.right == sum(1 for a in stored if a.value == ["o1", "o3"])


# -- results -------------------------------------------------------------------------


def test_single_answer_shares_add_up_to_100():
    poll = single()
    tally = quiz.new_tally(poll, answers("o1", "o2", "o3"))

    results = quiz.results(item_for(poll), tally, True)

    assert by_id(results, "count") == {"o1": 1, "o2": 1, "o3": 1, "o4": 0}
    assert sum(by_id(results, "percent").values()) == 100
    assert results["multiple"] is False
    assert (results["correct_count"], results["correct_share"]) == (1, 33)


def test_multiple_answer_shares_are_of_the_people_who_answered():
    poll = several()
    tally = quiz.new_tally(poll, answers(["o1", "o3"], ["o1"], ["o1", "o2"], ["o3", "o1"]))

    results = quiz.results(item_for(poll), tally, True)

    assert results["answers"] == 4
    assert by_id(results, "percent") == {"o1": 100, "o2": 25, "o3": 50, "o4": 0}
    assert (results["correct_count"], results["correct_share"]) == (2, 50)


def test_results_without_answers_are_zero():
    poll = several()

    results = quiz.results(item_for(poll), quiz.new_tally(poll, []), True)

    assert results["answers"] == 0
    assert (results["correct_count"], results["correct_share"]) == (0, 0)
    assert all(option["percent"] == 0 for option in results["options"])


def test_results_name_no_participant():
    poll = single()
    tally = quiz.new_tally(poll, [Answer("secret-answer-id", "o1")])

    assert "secret-answer-id" not in json.dumps(quiz.results(item_for(poll), tally, True))
