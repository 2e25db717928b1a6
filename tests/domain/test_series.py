"""Across a series: which questions recur, what each workshop shows, and the trend."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.series import (
    Measure,
    Run,
    build_table,
    question_key,
    validate_series_title,
)


def rating(title, mean, answers=5, threshold=3, scale=(1, 5)):
    return Measure("rating", title, answers, threshold, mean, scale)


def words(title, top, answers=5, threshold=3):
    return Measure("word_cloud", title, answers, threshold, tuple(top), numeric=False)


def run(number, *measures, joined=8):
    return Run(f"w{number}", f"Symposium {number}", "de", f"2021-0{number}-01", joined, measures)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Wie zufrieden sind Sie?", "wie zufrieden sind sie"),
        ("Wie  zufrieden\tsind Sie ?", "Wie zufrieden sind Sie…"),
        ("WAS NEHMEN SIE MIT?!", "Was nehmen Sie mit"),
        ("Straße", "STRASSE"),
    ],
)
def test_titles_match_without_case_spacing_or_end_punctuation(one, other):
    assert question_key(one) == question_key(other)


def test_different_words_are_different_questions():
    assert question_key("Wie zufrieden?") != question_key("Wie hilfreich?")
    assert question_key("Ja, oder?") != question_key("Ja oder")


def test_only_questions_in_two_workshops_become_columns():
    table = build_table(
        [
            run(1, rating("Wie hilfreich?", 3.8), rating("Nur einmal", 2.0)),
            run(2, rating("wie hilfreich", 4.2)),
            run(3, words("Was bremst?", ["Zeit (3)"]), rating("Wie hilfreich ?", 4.5)),
        ]
    )
    assert [column.label for column in table.columns] == ["Wie hilfreich?"]
    assert [cell.value for cell in table.columns[0].cells] == [3.8, 4.2, 4.5]


def test_a_rating_and_a_word_cloud_with_the_same_title_do_not_mix():
    table = build_table(
        [run(1, rating("Ideen", 3.0)), run(2, words("Ideen", ["Mut (2)"]))],
    )
    assert table.columns == []


def test_numbers_come_before_words_and_missing_workshops_are_marked():
    table = build_table(
        [
            run(1, words("Was bremst?", ["Zeit (4)", "Angst (2)"]), rating("Zufrieden?", 4.0)),
            run(2, words("was bremst", ["Geld (3)"])),
            run(3, rating("zufrieden", 3.5)),
        ]
    )
    assert [(c.label, c.numeric) for c in table.columns] == [
        ("Zufrieden?", True),
        ("Was bremst?", False),
    ]
    ratings, clouds = table.columns
    assert ratings.cells[1].missing and not ratings.cells[1].hidden
    assert clouds.cells[0].value == ("Zeit (4)", "Angst (2)")
    assert clouds.cells[2].missing


def test_a_result_below_the_threshold_is_hidden_and_carries_no_value():
    table = build_table(
        [
            run(1, rating("Zufrieden?", 4.0, answers=5, threshold=3)),
            # A value that came in anyway never reaches the table.
            run(2, rating("Zufrieden?", 1.0, answers=2, threshold=3)),
            run(3, words("Zufrieden?", ["x (1)"], answers=1, threshold=5)),
            run(4, words("Zufrieden?", ["y (4)"], answers=5, threshold=5)),
        ]
    )
    numbers, texts = table.columns
    assert numbers.cells[1].hidden and numbers.cells[1].value is None
    assert numbers.cells[1].answers is None, "not even the count below the threshold"
    assert texts.cells[2].hidden and texts.cells[2].value is None
    assert table.has_hidden


def test_a_workshop_asking_twice_counts_its_first_question():
    table = build_table(
        [run(1, rating("Q", 2.0), rating("q!", 5.0)), run(2, rating("Q", 3.0))],
    )
    assert [cell.value for cell in table.columns[0].cells] == [2.0, 3.0]


def test_the_trend_follows_the_scale_and_breaks_at_a_hidden_value():
    table = build_table(
        [
            run(1, rating("Q", 1.0)),
            run(2, rating("Q", 5.0)),
            run(3, rating("Q", 3.0, answers=1)),
            run(4, rating("Q", 3.0)),
        ]
    )
    trend = table.columns[0].trend()
    assert trend.bounds == (1, 5)
    points = trend.points
    assert [point.number for point in points] == [1, 2, 3, 4]
    assert points[0].y == trend.bottom and points[1].y == trend.top
    assert points[2].y is None and points[2].value is None
    assert points[0].x < points[1].x < points[2].x < points[3].x
    assert [[p.number for p in segment] for segment in trend.segments] == [[1, 2], [4]]


def test_the_trend_spans_the_widest_scale_when_scales_differ():
    table = build_table(
        [run(1, rating("Q", 4.0, scale=(1, 5))), run(2, rating("Q", 7.0, scale=(0, 10)))]
    )
    assert table.columns[0].scale == (0, 10)
    assert table.columns[0].trend().bounds == (0, 10)


def test_a_column_of_words_has_no_trend():
    table = build_table([run(1, words("W", ["a (1)"])), run(2, words("W", ["b (1)"]))])
    assert table.columns[0].trend() is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "series_title_required"),
        ("   ", "series_title_required"),
        ("x" * 201, "series_title_too_long"),
        (None, "series_title_required"),
    ],
)
def test_a_series_name_must_be_given_and_short(raw, code):
    with pytest.raises(Refusal) as refused:
        validate_series_title(raw)
    assert refused.value.code == code


def test_a_series_name_is_tidied():
    assert validate_series_title("  Symposium   2021 ") == "Symposium 2021"
