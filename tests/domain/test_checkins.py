"""The Kaizen check's rules: what a check-in may say, and what the organizer may see."""

import pytest

from facilitation.domain.checkins import MAX_LEARNED, CheckIn, CheckInSummary, parse_check_in
from facilitation.domain.errors import Refusal


def test_a_check_in_is_a_status_and_one_tidy_line():
    assert parse_check_in("done", "  Small steps\n beat plans ") == (
        "done",
        "Small steps beat plans",
    )
    assert parse_check_in("partly", "") == ("partly", "")
    assert parse_check_in("not_yet", None) == ("not_yet", "")


@pytest.mark.parametrize("status", ["", "DONE", "finished", None, 1, ["done"]])
def test_an_unknown_status_is_refused(status):
    with pytest.raises(Refusal) as refused:
        parse_check_in(status, "")
    assert refused.value.code == "invalid_check_in_status"


def test_what_was_learned_is_limited_and_plain_text():
    parse_check_in("done", "x" * MAX_LEARNED)
    with pytest.raises(Refusal) as refused:
        parse_check_in("done", "x" * (MAX_LEARNED + 1))
    assert refused.value.code == "learned_too_long"
    assert refused.value.params == {"limit": MAX_LEARNED}
    for bad in ["bell\x07", 42, {"text": "x"}]:
        with pytest.raises(Refusal) as refused:
            parse_check_in("done", bad)
        assert refused.value.code == "invalid_learned"


def check_ins(*answers):
    return [CheckIn("w", f"p{n}", status, learned) for n, (status, learned) in enumerate(answers)]


def test_the_summary_counts_answered_check_ins_and_sorts_learnings():
    summary = CheckInSummary.of(
        10,
        check_ins(
            ("done", "zebra crossing"),
            ("partly", ""),
            ("done", "Ask earlier"),
            (None, ""),
            ("not_yet", "bigger than thought"),
        ),
        threshold=3,
    )
    assert summary.checked == 4
    assert summary.counts == {"done": 2, "partly": 1, "not_yet": 1}
    assert summary.learnings == ["Ask earlier", "bigger than thought", "zebra crossing"]
    assert summary.as_dict() == {
        "steps": 10,
        "checked": 4,
        "shown": True,
        "counts": {"done": 2, "partly": 1, "not_yet": 1},
        "learnings": ["Ask earlier", "bigger than thought", "zebra crossing"],
    }


def test_below_the_threshold_only_the_number_of_check_ins_is_given():
    summary = CheckInSummary.of(5, check_ins(("done", "secret line"), ("partly", "")), 3)
    assert not summary.shown
    assert summary.as_dict() == {"steps": 5, "checked": 2, "shown": False}
    assert "secret line" not in repr(summary.as_dict())
    assert CheckInSummary.of(1, check_ins(("done", "")), 1).shown
