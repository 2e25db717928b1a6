"""Rehearsal: how many simulated people, when a rehearsal may start, and that every kind's
sample answer is one its own validation accepts."""

import random

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import get_kind, kind_names
from facilitation.domain.rehearsal import (
    MAX_PEOPLE,
    MIN_PEOPLE,
    PHRASES,
    check_can_rehearse,
    check_rehearsing,
    phrases_for,
    validate_people,
)
from tests.exports.every_kind import definition

CONFIGS = [(item["kind"], item.get("config", {})) for item in definition("de")["items"]]


@pytest.mark.parametrize("language", sorted(PHRASES))
@pytest.mark.parametrize(("kind", "raw"), CONFIGS, ids=[kind for kind, _ in CONFIGS])
def test_every_sample_answer_is_valid_for_its_kind(kind, raw, language):
    activity = get_kind(kind)
    config = activity.validate_config(raw)
    rng = random.Random(7)
    for _ in range(200):
        value = activity.sample_answer(activity.public_config(config), rng, phrases_for(language))
        if not activity.collects_answers:
            assert value is None
            continue
        activity.parse_answer(config, value)  # raises a Refusal when it is not valid


def test_every_kind_that_takes_answers_is_in_the_sample_workshop():
    answering = {name for name in kind_names() if get_kind(name).collects_answers}
    assert answering <= {kind for kind, _ in CONFIGS}


def test_sample_answers_vary_and_repeat_like_a_room():
    activity = get_kind("open_text")
    config = activity.validate_config({})
    rng = random.Random(1)
    texts = [activity.sample_answer(config, rng, phrases_for("de")) for _ in range(40)]
    assert 3 < len(set(texts)) < 40  # some say the same, not everyone


@pytest.mark.parametrize("raw", [MIN_PEOPLE, 20, MAX_PEOPLE])
def test_people_from_5_to_200(raw):
    assert validate_people(raw) == raw


@pytest.mark.parametrize("raw", [4, 201, 0, -5, "20", 20.0, True, None])
def test_other_numbers_of_people_are_refused(raw):
    with pytest.raises(Refusal) as refused:
        validate_people(raw)
    assert refused.value.code == "out_of_range"


def test_a_rehearsal_starts_only_before_real_people_joined():
    check_can_rehearse(joined=0, rehearsing=False, ended=False)
    check_can_rehearse(joined=20, rehearsing=True, ended=False)  # more simulated people
    with pytest.raises(Refusal) as refused:
        check_can_rehearse(joined=3, rehearsing=False, ended=False)
    assert refused.value.code == "already_live"
    with pytest.raises(Refusal) as refused:
        check_can_rehearse(joined=0, rehearsing=False, ended=True)
    assert refused.value.code == "workshop_ended"


def test_going_live_needs_a_rehearsal():
    check_rehearsing(True)
    with pytest.raises(Refusal) as refused:
        check_rehearsing(False)
    assert refused.value.code == "not_rehearsing"


def test_phrases_fall_back_to_english():
    assert phrases_for("fr") is PHRASES["en"]
