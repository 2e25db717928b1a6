"""Tests for facilitation.domain.tally: running vote counts and whole percentages."""

import random

import pytest

from facilitation.domain.tally import ChoiceTally, percentages

OPTIONS = ["o1", "o2", "o3"]


def test_new_tally_counts_zero_for_every_option_in_order():
    tally = ChoiceTally(OPTIONS)

    assert list(tally.counts) == OPTIONS
    assert tally.counts == {"o1": 0, "o2": 0, "o3": 0}
    assert tally.total == 0


def test_first_vote_adds_one_count():
    tally = ChoiceTally(OPTIONS)

    assert tally.apply(None, "o2") is True
    assert tally.counts == {"o1": 0, "o2": 1, "o3": 0}
    assert tally.total == 1


def test_changed_vote_moves_exactly_one_count():
    tally = ChoiceTally.from_answers(OPTIONS, ["o1", "o1", "o3"])

    assert tally.apply("o1", "o2") is True
    assert tally.counts == {"o1": 1, "o2": 1, "o3": 1}
    assert tally.total == 3


def test_repeated_identical_vote_changes_nothing():
    tally = ChoiceTally.from_answers(OPTIONS, ["o1", "o2"])
    before = dict(tally.counts)

    assert tally.apply("o2", "o2") is False
    assert tally.counts == before


def test_repeated_absence_of_vote_changes_nothing():
    tally = ChoiceTally(OPTIONS)

    assert tally.apply(None, None) is False
    assert tally.total == 0


def test_removed_vote_takes_its_count_away():
    tally = ChoiceTally.from_answers(OPTIONS, ["o1", "o3"])

    assert tally.apply("o3", None) is True
    assert tally.counts == {"o1": 1, "o2": 0, "o3": 0}
    assert tally.total == 1


def test_unknown_option_ids_are_ignored_in_counts():
    tally = ChoiceTally.from_answers(OPTIONS, ["o1"])

    tally.apply(None, "nope")
    tally.apply("nope", "gone")

    assert tally.counts == {"o1": 1, "o2": 0, "o3": 0}
    assert "nope" not in tally.counts
    assert tally.total == 1


def test_apply_with_only_unknown_ids_reports_no_change():
    """``apply`` returns whether counts changed; a move between unknown ids changes none."""
    tally = ChoiceTally(OPTIONS)

    assert tally.apply(None, "nope") is False
    assert tally.apply("nope", "gone") is False
    assert tally.counts == {"o1": 0, "o2": 0, "o3": 0}


def test_moving_from_unknown_to_known_option_counts_the_new_vote():
    tally = ChoiceTally(OPTIONS)

    assert tally.apply("nope", "o1") is True
    assert tally.counts == {"o1": 1, "o2": 0, "o3": 0}


def test_from_answers_counts_stored_votes():
    tally = ChoiceTally.from_answers(OPTIONS, ["o2", "o1", "o2", "o2", "unknown"])

    assert tally.counts == {"o1": 1, "o2": 3, "o3": 0}
    assert tally.total == 4


def test_from_answers_accepts_generators():
    tally = ChoiceTally.from_answers((o for o in OPTIONS), (a for a in ["o3", "o3"]))

    assert tally.counts == {"o1": 0, "o2": 0, "o3": 2}


def test_from_answers_without_answers_is_empty():
    tally = ChoiceTally.from_answers(OPTIONS, [])

    assert tally.total == 0


def test_total_follows_a_sequence_of_votes():
    tally = ChoiceTally(OPTIONS)
    tally.apply(None, "o1")  # participant A
    tally.apply(None, "o2")  # participant B
    tally.apply("o1", "o3")  # A changes
    tally.apply("o2", None)  # B withdraws
    tally.apply(None, "o3")  # C

    assert tally.counts == {"o1": 0, "o2": 0, "o3": 2}
    assert tally.total == 2


# -- percentages -------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ([1], [100]),
        ([1, 1], [50, 50]),
        ([2, 1], [67, 33]),
        ([1, 2], [33, 67]),
        ([1, 1, 1], [34, 33, 33]),
        ([0, 5, 0], [0, 100, 0]),
        ([3, 1], [75, 25]),
        ([1, 1, 1, 1, 1, 1, 1], [15, 15, 14, 14, 14, 14, 14]),
        ([1, 1, 1, 0], [34, 33, 33, 0]),
    ],
)
def test_percentages_known_values(counts, expected):
    assert percentages(counts) == expected


@pytest.mark.parametrize(
    "counts",
    [
        [1],
        [1, 1, 1],
        [2, 1],
        [1] * 7,
        [1] * 3 + [0] * 9,
        [1] * 12,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        [999, 1],
        [1, 999],
        [1, 1, 1, 1000],
        [333, 333, 334],
        [17, 17, 17, 17, 17, 17],
        [10_000, 3, 3, 3],
    ],
)
def test_percentages_sum_to_exactly_100(counts):
    shares = percentages(counts)

    assert sum(shares) == 100
    assert len(shares) == len(counts)
    assert all(isinstance(share, int) for share in shares)


def test_percentages_sum_to_100_for_random_counts():
    rng = random.Random(20240611)
    for _ in range(2000):
        counts = [rng.randint(0, 60) for _ in range(rng.randint(1, 12))]
        if not any(counts):
            counts[rng.randrange(len(counts))] = 1
        shares = percentages(counts)
        assert sum(shares) == 100, counts
        assert all(0 <= share <= 100 for share in shares), counts


def test_percentages_are_within_one_point_of_the_exact_share():
    rng = random.Random(7)
    for _ in range(1000):
        counts = [rng.randint(0, 200) for _ in range(rng.randint(1, 12))]
        total = sum(counts)
        if total == 0:
            continue
        for count, share in zip(counts, percentages(counts), strict=True):
            assert abs(share - count * 100 / total) < 1, counts


def test_percentages_never_rank_a_smaller_count_above_a_larger_one():
    rng = random.Random(99)
    for _ in range(1000):
        counts = [rng.randint(0, 30) for _ in range(rng.randint(2, 12))]
        if not any(counts):
            continue
        shares = percentages(counts)
        for i, j in zip(range(len(counts)), range(1, len(counts)), strict=False):
            if counts[i] > counts[j]:
                assert shares[i] >= shares[j], counts
            if counts[i] == counts[j]:
                assert abs(shares[i] - shares[j]) <= 1, counts


def test_options_without_votes_get_zero_percent():
    rng = random.Random(3)
    for _ in range(500):
        counts = [rng.choice([0, 0, rng.randint(1, 50)]) for _ in range(rng.randint(2, 12))]
        if not any(counts):
            continue
        for count, share in zip(counts, percentages(counts), strict=True):
            if count == 0:
                assert share == 0, counts


@pytest.mark.parametrize("counts", [[], [0], [0, 0], [0] * 12])
def test_percentages_without_votes_are_all_zero(counts):
    assert percentages(counts) == [0] * len(counts)


def test_percentages_keep_the_order_of_the_counts():
    assert percentages([1, 3]) == [25, 75]
    assert percentages([3, 1]) == [75, 25]
    assert percentages([0, 1, 0, 3]) == [0, 25, 0, 75]


def test_ties_get_equal_shares_when_they_divide_evenly():
    assert percentages([2, 2, 2, 2]) == [25, 25, 25, 25]
    assert percentages([5, 5]) == [50, 50]


def test_ties_that_cannot_divide_evenly_differ_by_at_most_one():
    shares = percentages([1, 1, 1])

    assert sorted(shares) == [33, 33, 34]
    assert max(shares) - min(shares) == 1


def test_percentages_do_not_modify_the_counts():
    counts = [2, 1]

    percentages(counts)

    assert counts == [2, 1]


def test_equal_remainders_tie_in_the_polls_order_not_by_float_noise():
    assert percentages([110, 110, 80]) == [37, 37, 26]
    assert percentages([1, 1, 1]) == [34, 33, 33]
    assert percentages([1, 2, 1, 2]) == [17, 33, 17, 33]
