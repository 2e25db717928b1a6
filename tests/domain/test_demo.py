"""Tests for facilitation.domain.demo: the 60-minute Kaizen workshop in both languages."""

import pytest

from facilitation.domain.demo import demo_workshop
from facilitation.domain.kinds import get_kind
from facilitation.domain.workshop import LANGUAGES
from facilitation.workshops import validated_definition


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_is_a_valid_workshop_definition(language):
    definition = validated_definition(demo_workshop(language))

    assert definition["language"] == language
    assert definition == demo_workshop(language)
    assert len(definition["items"]) == 8


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_lasts_60_minutes(language):
    definition = validated_definition(demo_workshop(language))

    assert sum(item["minutes"] for item in definition["items"]) == 60


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_starts_and_ends_with_a_poll(language):
    """The room answers something first (a check-in) and last (a check-out)."""
    items = demo_workshop(language)["items"]

    assert get_kind(items[0]["kind"]).collects_answers
    assert get_kind(items[-1]["kind"]).collects_answers


def test_german_and_english_demos_have_the_same_agenda():
    german = validated_definition(demo_workshop("de"))["items"]
    english = validated_definition(demo_workshop("en"))["items"]

    assert len(german) == len(english)
    assert [item["kind"] for item in german] == [item["kind"] for item in english]
    assert [item["minutes"] for item in german] == [item["minutes"] for item in english]


def answer_shape(config: dict) -> dict:
    """What answers a configuration allows, without its (translated) text."""
    shape = {}
    for key, value in config.items():
        if key == "options":
            shape[key] = [option["id"] for option in value]
        elif key == "prompts":
            shape[key] = [prompt["id"] for prompt in value]
        elif isinstance(value, str) and key != "results":
            shape[key] = str  # a label or prompt: translated, so it differs
        else:
            shape[key] = value
    return shape


def test_german_and_english_polls_take_the_same_answers():
    """Results of both languages can be compared: same option ids, scales and settings."""
    german = validated_definition(demo_workshop("de"))["items"]
    english = validated_definition(demo_workshop("en"))["items"]

    for de_item, en_item in zip(german, english, strict=True):
        assert answer_shape(de_item["config"]) == answer_shape(en_item["config"]), de_item["title"]


def test_the_reflection_is_a_breakout_with_the_three_coaching_questions():
    for language in ("de", "en"):
        items = validated_definition(demo_workshop(language))["items"]
        breakout = next(item for item in items if item["kind"] == "breakout")
        assert len(breakout["config"]["prompts"]) == 3
        assert breakout["config"]["grouping"] == {"mode": "size", "size": 4}
        assert breakout["minutes"] == 15 and breakout["config"]["duration"] <= 15


def test_demo_languages_differ_in_text():
    assert demo_workshop("de")["title"] != demo_workshop("en")["title"]


def test_default_demo_language_is_german():
    assert demo_workshop()["language"] == "de"
