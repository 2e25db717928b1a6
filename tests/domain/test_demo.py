"""Tests for facilitation.domain.demo: the 60-minute Kaizen workshop in both languages."""

import pytest

from facilitation.domain.demo import DEMO, demo_workshop
from facilitation.domain.workshop import LANGUAGES
from facilitation.workshops import validated_definition


def test_there_is_a_demo_for_every_language():
    assert set(DEMO) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_is_a_valid_workshop_definition(language):
    definition = validated_definition(demo_workshop(language))

    assert definition["language"] == language
    assert definition["title"] == DEMO[language]["title"]
    assert len(definition["items"]) == len(DEMO[language]["items"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_lasts_60_minutes(language):
    definition = validated_definition(demo_workshop(language))

    assert sum(item["minutes"] for item in definition["items"]) == 60


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_starts_and_ends_with_a_poll(language):
    items = demo_workshop(language)["items"]

    assert items[0]["kind"] == "single_choice"
    assert items[-1]["kind"] == "single_choice"


def test_german_and_english_demos_have_the_same_agenda():
    german = validated_definition(demo_workshop("de"))["items"]
    english = validated_definition(demo_workshop("en"))["items"]

    assert len(german) == len(english)
    assert [item["kind"] for item in german] == [item["kind"] for item in english]
    assert [item["minutes"] for item in german] == [item["minutes"] for item in english]


def test_german_and_english_polls_have_the_same_options():
    german = validated_definition(demo_workshop("de"))["items"]
    english = validated_definition(demo_workshop("en"))["items"]

    for de_item, en_item in zip(german, english, strict=True):
        if de_item["kind"] == "single_choice":
            de_ids = [option["id"] for option in de_item["config"]["options"]]
            en_ids = [option["id"] for option in en_item["config"]["options"]]
            assert de_ids == en_ids, de_item["title"]


def test_demo_languages_differ_in_text():
    assert demo_workshop("de")["title"] != demo_workshop("en")["title"]


def test_default_demo_language_is_german():
    assert demo_workshop()["language"] == "de"
