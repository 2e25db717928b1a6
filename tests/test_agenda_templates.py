"""Tests for facilitation.agenda_templates: the shipped workshop formats in German and English."""

import pytest

from facilitation.agenda_files import dump_agenda
from facilitation.agenda_templates import template, template_names, template_text, templates
from facilitation.domain.demo import demo_workshop
from facilitation.domain.errors import Refusal
from facilitation.domain.workshop import LANGUAGES
from facilitation.workshops import create_workshop

# Each format and the length it is sold as.
FORMATS = {
    "kaizen-impulse": 60,
    "retrospective": 90,
    "input-talk": 45,
    "1-2-4-all": 25,
    "leadership-circle": 30,
}
BOTH = [(name, language) for name in FORMATS for language in LANGUAGES]


def test_the_library_has_the_five_formats_in_order():
    assert template_names() == list(FORMATS)


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_each_template_is_a_valid_agenda_in_its_language(name, language):
    found = template(name, language)

    assert found.definition["language"] == language
    assert found.title == found.definition["title"]
    assert found.description and "\n" not in found.description
    assert found.definition["items"]


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_minutes_add_up_to_the_length_of_the_format(name, language):
    found = template(name, language)

    assert found.minutes == FORMATS[name]
    assert sum(item["minutes"] for item in found.definition["items"]) == FORMATS[name]
    planned = found.definition["planned_minutes"]
    assert planned in (None, FORMATS[name])


@pytest.mark.parametrize("name", FORMATS)
def test_german_and_english_have_the_same_agenda(name):
    german, english = template(name, "de"), template(name, "en")

    assert german.kinds == english.kinds
    assert [i["kind"] for i in german.definition["items"]] == [
        i["kind"] for i in english.definition["items"]
    ]
    assert [i["minutes"] for i in german.definition["items"]] == [
        i["minutes"] for i in english.definition["items"]
    ]
    assert german.title != english.title
    assert german.description != english.description


@pytest.mark.parametrize(("name", "language"), BOTH)
def test_template_files_are_written_as_flask_agenda_prints_them(name, language):
    """So that a template downloaded, edited and uploaded again diffs only where it was edited."""
    assert dump_agenda(template(name, language).definition) == template_text(name, language)


@pytest.mark.parametrize("name", FORMATS)
def test_every_template_makes_a_workshop(store, name):
    workshop = create_workshop(store, template(name, "de").definition)

    assert len(store.items(workshop.id)) == len(template(name, "de").definition["items"])


def test_kind_counts_are_counted():
    found = template("1-2-4-all", "en")

    assert found.kinds["breakout"] == 2
    assert sum(found.kinds.values()) == len(found.definition["items"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_templates_lists_every_format_in_one_language(language):
    listed = templates(language)

    assert [t.name for t in listed] == list(FORMATS)
    assert {t.language for t in listed} == {language}


@pytest.mark.parametrize(
    ("name", "language"), [("nope", "de"), ("retrospective", "fr"), ("", "en")]
)
def test_an_unknown_template_is_refused(name, language):
    with pytest.raises(Refusal) as refused:
        template(name, language)

    assert refused.value.code == "unknown_template"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_is_the_kaizen_template(language):
    assert demo_workshop(language) == template("kaizen-impulse", language).definition
