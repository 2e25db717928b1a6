"""Tests for who sees a poll's results, and the presenter's controls over that.

Covers ``results_visible`` (anonymity threshold, the poll's ``results`` mode and
``revealed``), ``with_results_revealed``, ``reset``, ``check_changeable`` and
``validate_threshold`` from facilitation.domain.workshop.
"""

from itertools import product

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.workshop import (
    CLOSED,
    DEFAULT_ANONYMITY_THRESHOLD,
    MAX_ANONYMITY_THRESHOLD,
    OPEN,
    PENDING,
    AgendaItem,
    Workshop,
    check_changeable,
    closed,
    reopened,
    reset,
    results_visible,
    validate_threshold,
    with_results_revealed,
)

POLL = True  # collects_answers of a poll
CONTENT = False  # collects_answers of a content card
AUDIENCES = ("presenter", "screen", "participant")
RESULTS = ("live", "presenter", "hidden")
THRESHOLD = 3


def make_item(
    results=None, revealed=False, status=OPEN, changeable=None, kind="single_choice", **changes
):
    config = {"options": [{"id": "o1", "label": "A"}, {"id": "o2", "label": "B"}]}
    if results is not None:
        config["results"] = results
    if changeable is not None:
        config["changeable"] = changeable
    return AgendaItem(
        id="i1",
        workshop_id="w1",
        position=0,
        kind=kind,
        title="Poll",
        minutes=5,
        config=config,
        status=status,
        revealed=revealed,
        **changes,
    )


def visible_to(item, answers=THRESHOLD, threshold=THRESHOLD):
    """The audiences that may see ``item``'s results."""
    return {
        audience
        for audience in AUDIENCES
        if results_visible(item, audience, answers=answers, threshold=threshold)
    }


def refusal_of(call, *args, **kwargs):
    """Return the Refusal raised by ``call(*args, **kwargs)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args, **kwargs)
    return refusal.value


# -- results_visible -------------------------------------------------------------


@pytest.mark.parametrize(
    ("results", "revealed", "expected"),
    [
        ("live", False, {"presenter", "screen", "participant"}),
        ("presenter", False, {"presenter", "screen"}),
        ("hidden", False, {"presenter"}),
        ("live", True, {"presenter", "screen", "participant"}),
        ("presenter", True, {"presenter", "screen", "participant"}),
        ("hidden", True, {"presenter", "screen", "participant"}),
    ],
)
def test_at_the_threshold_the_mode_and_revealing_decide(results, revealed, expected):
    item = make_item(results=results, revealed=revealed)

    assert visible_to(item, answers=THRESHOLD) == expected
    assert visible_to(item, answers=THRESHOLD + 10) == expected


@pytest.mark.parametrize("results", RESULTS)
@pytest.mark.parametrize("revealed", [False, True])
def test_below_the_threshold_only_the_presenter_sees_results(results, revealed):
    item = make_item(results=results, revealed=revealed)

    for answers in (0, 1, THRESHOLD - 1):
        assert visible_to(item, answers=answers) == {"presenter"}, answers


def test_the_presenter_always_sees_results():
    for results, revealed, status in product(RESULTS, (False, True), (PENDING, OPEN, CLOSED)):
        item = make_item(results=results, revealed=revealed, status=status)
        for answers in (0, 1, 100):
            assert results_visible(item, "presenter", answers, THRESHOLD) is True, item


def test_a_poll_without_a_results_setting_shows_results_to_presenter_and_screen():
    """Polls stored before the setting existed behave like ``results: presenter``."""
    item = make_item()
    assert "results" not in item.config

    assert visible_to(item) == {"presenter", "screen"}


@pytest.mark.parametrize("status", [PENDING, OPEN, CLOSED])
def test_status_alone_does_not_decide_visibility(status):
    """Closing a poll no longer shows its results to participants by itself."""
    assert visible_to(make_item(results="presenter", status=status)) == {"presenter", "screen"}
    assert visible_to(make_item(results="hidden", status=status)) == {"presenter"}
    assert visible_to(make_item(results="live", status=status)) == set(AUDIENCES)


def test_threshold_of_one_shows_results_from_the_first_answer():
    item = make_item(results="live")

    assert visible_to(item, answers=0, threshold=1) == {"presenter"}
    assert visible_to(item, answers=1, threshold=1) == set(AUDIENCES)


def test_raising_the_threshold_hides_results_again():
    item = make_item(results="live", revealed=True)

    assert visible_to(item, answers=4, threshold=4) == set(AUDIENCES)
    assert visible_to(item, answers=4, threshold=5) == {"presenter"}


def test_a_new_workshop_uses_the_default_threshold():
    workshop = Workshop("w1", "Workshop", "en", "ABCDEF", "p", "s")

    assert workshop.anonymity_threshold == DEFAULT_ANONYMITY_THRESHOLD
    assert DEFAULT_ANONYMITY_THRESHOLD > 1  # small groups are protected by default


# -- revealing and closing ----------------------------------------------------------


def test_revealing_shows_results_to_everyone_and_hiding_takes_them_back():
    item = make_item(results="hidden")

    shown = with_results_revealed(item, True, POLL)
    assert shown.revealed is True
    assert visible_to(shown) == set(AUDIENCES)

    hidden_again = with_results_revealed(shown, False, POLL)
    assert hidden_again.revealed is False
    assert visible_to(hidden_again) == {"presenter"}


def test_revealing_returns_a_copy_and_keeps_everything_else():
    item = make_item(results="hidden", status=CLOSED, highlight="a1")

    shown = with_results_revealed(item, True, POLL)

    assert item.revealed is False
    assert shown == item.replace(revealed=True)


@pytest.mark.parametrize("revealed", [True, False])
def test_revealing_content_is_refused(revealed):
    item = make_item(kind="content")

    assert refusal_of(with_results_revealed, item, revealed, CONTENT).code == "not_answerable"


def test_closing_a_poll_reveals_nothing_by_itself():
    item = closed(make_item(results="presenter", status=OPEN), POLL)

    assert item.revealed is False
    assert "participant" not in visible_to(item)


def test_closing_and_reopening_keep_a_reveal():
    item = with_results_revealed(make_item(results="hidden"), True, POLL)

    item = closed(item, POLL)
    assert item.revealed is True
    item = reopened(item, POLL, 0.0)
    assert item.revealed is True
    assert visible_to(item) == set(AUDIENCES)


# -- reset ---------------------------------------------------------------------------


def test_reset_hides_revealed_results_and_clears_the_highlight():
    item = make_item(results="hidden", revealed=True, highlight="a1", status=CLOSED, opened_at=7.0)

    fresh = reset(item, POLL)

    assert fresh.revealed is False
    assert fresh.highlight is None
    assert fresh.status == CLOSED
    assert fresh.opened_at == 7.0
    assert fresh.config == item.config
    assert item.revealed is True  # a copy


def test_reset_of_content_is_refused():
    assert refusal_of(reset, make_item(kind="content"), CONTENT).code == "not_answerable"


# -- changing one's answer ------------------------------------------------------------


@pytest.mark.parametrize("changeable", [None, True, False])
def test_a_first_answer_is_always_accepted(changeable):
    assert check_changeable(make_item(changeable=changeable), already_answered=False) is None


@pytest.mark.parametrize("changeable", [None, True])
def test_changeable_polls_accept_a_changed_answer(changeable):
    assert check_changeable(make_item(changeable=changeable), already_answered=True) is None


def test_a_poll_that_is_not_changeable_refuses_a_second_answer():
    refusal = refusal_of(check_changeable, make_item(changeable=False), already_answered=True)

    assert refusal.code == "not_changeable"


# -- the anonymity threshold -----------------------------------------------------------


@pytest.mark.parametrize("threshold", [1, 2, DEFAULT_ANONYMITY_THRESHOLD, MAX_ANONYMITY_THRESHOLD])
def test_valid_thresholds_are_returned(threshold):
    assert validate_threshold(threshold) == threshold


@pytest.mark.parametrize(
    "threshold", [0, -1, MAX_ANONYMITY_THRESHOLD + 1, 51, True, False, 3.0, "3", None, [3]]
)
def test_invalid_thresholds_are_refused(threshold):
    refusal = refusal_of(validate_threshold, threshold)

    assert refusal.code == "out_of_range"
    assert refusal.params == {
        "field": "anonymity_threshold",
        "minimum": 1,
        "maximum": MAX_ANONYMITY_THRESHOLD,
    }


def test_the_largest_threshold_is_50():
    assert MAX_ANONYMITY_THRESHOLD == 50
