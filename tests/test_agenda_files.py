"""Tests for facilitation.agenda_files: YAML and JSON agenda files, the round trip, errors."""

import json
from pathlib import Path

import pytest
import yaml
from flask_babel import force_locale

from facilitation.agenda_files import HEADER, definition_of, dump_agenda, parse_agenda
from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import kind_names
from facilitation.messages import problem_in_file
from facilitation.workshops import create_workshop, validated_definition

# Per kind, a config that sets every option away from its default where it can,
# with explicit ids, so that the round trip has to carry each one.
MAXIMAL_CONFIGS = {
    "content": {"body": "First paragraph: with a colon.\n\nSecond: - yes\n\n  indented line"},
    "question_board": {"prompt": "What would you like to ask?"},
    "single_choice": {
        "options": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}, "10:30"],
        "results": "live",
        "changeable": False,
    },
    "multiple_choice": {
        "options": ["on", "off", "null", "3.5", "2027-03-18"],
        "min_choices": 2,
        "max_choices": 3,
        "results": "hidden",
    },
    "quiz": {
        "options": [{"id": "a", "label": "1990"}, {"id": "b", "label": "1995"}, "0x10"],
        "correct": ["b", "o3"],
        "multiple": False,
        "changeable": False,
    },
    "rating": {"minimum": 0, "maximum": 10, "low_label": "no", "high_label": "~"},
    "word_cloud": {"max_entries": 1, "results": "live"},
    "open_text": {"max_length": 1000, "placeholder": "# not a comment", "results": "hidden"},
    "commitment": {"placeholder": "Yes: by Friday", "results": "live", "changeable": False},
    "ranking": {"options": [{"id": "t", "label": "True"}, "False", "'quoted'", '"double"']},
    "points": {"options": ["A", "B", {"id": "c-id", "label": "C"}], "total": 1000},
    "breakout": {
        "prompts": [{"id": "why", "text": "Why? Because: reasons"}, "What next?"],
        "duration": 180,
        "grouping": {"mode": "choose", "groups": ["Budget", {"name": "Staff", "capacity": 6}]},
        "private_notes": False,
    },
    "grid": {
        "items": [{"id": "buddy", "label": "Buddy system"}, "Online training"],
        "x": {"label": "Effort", "minimum": -5, "maximum": 5, "low_label": "low", "high_label": ""},
        "y": {"label": "Yes", "minimum": 0, "maximum": 100, "high_label": "1e3"},
        "results": "live",
    },
}
GROUPINGS = [
    {"mode": "size", "size": 2},
    {"mode": "size", "size": 4},
    {"mode": "count", "count": 5},
    {"mode": "choose", "groups": [{"name": "A", "capacity": 1}, "B"]},
    {"mode": "previous"},
]


def workshop_with(*items, **settings) -> dict:
    """A definition with ``items`` and every workshop setting given."""
    return {
        "title": "Yes: a workshop",
        "language": "en",
        "planned_date": "2027-03-18",
        "planned_start": "10:30",
        "planned_minutes": 90,
        "retention_days": 7,
        "anonymity_threshold": 5,
        "video_link": "https://meet.example.org/kaizen-{workshop}-{group}",
        "items": list(items),
        **settings,
    }


def item(kind, config, title="Off", minutes=7) -> dict:
    """One agenda item."""
    return {"kind": kind, "title": title, "minutes": minutes, "config": config}


def refusal_of(call, *args) -> Refusal:
    """The Refusal that ``call(*args)`` raises."""
    with pytest.raises(Refusal) as refused:
        call(*args)
    return refused.value


def test_every_kind_has_a_maximal_config():
    assert set(MAXIMAL_CONFIGS) == set(kind_names())


@pytest.mark.parametrize("kind", sorted(MAXIMAL_CONFIGS))
def test_round_trip_keeps_every_option_of_every_kind(kind):
    definition = workshop_with(item(kind, MAXIMAL_CONFIGS[kind]))
    text = dump_agenda(definition)

    assert parse_agenda(text) == validated_definition(definition)
    assert dump_agenda(parse_agenda(text)) == text


@pytest.mark.parametrize("grouping", GROUPINGS, ids=lambda g: g["mode"] + str(len(g)))
def test_round_trip_keeps_every_grouping(grouping):
    config = {"prompts": ["Why?"], "grouping": grouping}
    definition = workshop_with(item("breakout", config))
    text = dump_agenda(definition)

    read = parse_agenda(text)["items"][0]["config"]["grouping"]
    assert read == validated_definition(definition)["items"][0]["config"]["grouping"]
    assert read["mode"] == grouping["mode"]
    assert dump_agenda(parse_agenda(text)) == text


def test_round_trip_through_storage_is_byte_for_byte(store):
    items = [item(kind, config) for kind, config in sorted(MAXIMAL_CONFIGS.items())]
    text = dump_agenda(workshop_with(*items))

    workshop = create_workshop(store, parse_agenda(text))
    again = dump_agenda(definition_of(store, workshop.id))

    assert again == text
    assert dump_agenda(definition_of(store, create_workshop(store, parse_agenda(again)).id)) == text


def test_unset_settings_and_defaults_are_left_out():
    definition = {"title": "Plain", "items": [item("single_choice", {"options": ["A", "B"]})]}
    text = dump_agenda(definition)

    assert yaml.safe_load(text) == {
        "title": "Plain",
        "language": "de",
        "anonymity_threshold": 3,
        "items": [
            {
                "kind": "single_choice",
                "title": "Off",
                "minutes": 7,
                "config": {"options": ["A", "B"]},
            }
        ],
    }


def test_keys_come_in_the_documented_order():
    document = yaml.safe_load(dump_agenda(workshop_with(item("content", {"body": "x"}))))

    assert list(document) == [
        "title",
        "language",
        "planned_date",
        "planned_start",
        "planned_minutes",
        "retention_days",
        "anonymity_threshold",
        "video_link",
        "items",
    ]
    assert list(document["items"][0]) == ["kind", "title", "minutes", "config"]


def test_a_standard_yaml_reader_gets_the_same_types():
    """The file is plain YAML 1.1 too: times, dates and "Yes" are quoted, not retyped."""
    text = dump_agenda(
        workshop_with(item(**{"kind": "ranking"}, config=MAXIMAL_CONFIGS["ranking"]))
    )
    document = yaml.safe_load(text)

    assert document["planned_date"] == "2027-03-18"
    assert document["planned_start"] == "10:30"
    assert document["title"] == "Yes: a workshop"
    assert document["items"][0]["title"] == "Off"
    assert document["items"][0]["config"]["options"][1] == "False"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("planned_start: 10:30", "10:30"),
        ("planned_start: 09:30", "09:30"),
        ("planned_start: '9:05'", "09:05"),
        ("planned_date: 2027-03-18", "2027-03-18"),
    ],
)
def test_unquoted_times_and_dates_are_read_as_written(written, read):
    key = written.split(":")[0]
    definition = parse_agenda(f"title: T\n{written}\nitems: []\n")

    assert definition[key] == read


def test_yes_no_on_off_are_option_labels_not_booleans():
    text = "title: T\nitems:\n  - kind: single_choice\n    title: Q\n    config:\n"
    text += "      options: [Yes, No, on, off]\n"

    options = parse_agenda(text)["items"][0]["config"]["options"]

    assert [option["label"] for option in options] == ["Yes", "No", "on", "off"]


def test_true_and_false_stay_booleans():
    text = "title: T\nitems:\n  - kind: single_choice\n    title: Q\n"
    text += "    config: {options: [A, B], changeable: false}\n"

    assert parse_agenda(text)["items"][0]["config"]["changeable"] is False


def test_numbers_with_leading_zeros_are_not_octal():
    refusal = refusal_of(
        parse_agenda, "title: T\nitems:\n  - {kind: content, title: C, minutes: 010}"
    )

    assert (refusal.code, refusal.params["item"]) == ("invalid_minutes", 1)


@pytest.mark.parametrize("filename", ["agenda.yaml", "agenda.yml", "agenda.json", "agenda.txt"])
def test_json_is_accepted(filename):
    definition = workshop_with(item("points", MAXIMAL_CONFIGS["points"]))

    assert parse_agenda(json.dumps(definition).encode(), filename) == validated_definition(
        definition
    )


def test_an_export_dump_gives_its_agenda(store):
    definition = workshop_with(item("quiz", MAXIMAL_CONFIGS["quiz"]))
    workshop = create_workshop(store, definition)
    dump = json.dumps(store.export_workshop(workshop.id), ensure_ascii=False)

    assert parse_agenda(dump, "export.json") == validated_definition(definition)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: T\nitems:\n  - kind: content\n   title: broken\n", 4, 4),
        ("title: T\nitems: [\n", 3, 1),
        ("title: 'unclosed\nitems: []\n", 3, 1),
        ("title: T\n\titems: []\n", 2, 1),
    ],
)
def test_broken_yaml_names_line_and_column(text, line, column):
    refusal = refusal_of(parse_agenda, text)

    assert refusal.code == "yaml_syntax"
    assert (refusal.params["line"], refusal.params["column"]) == (line, column)
    assert refusal.params["problem"]


def test_broken_json_names_line_and_column():
    refusal = refusal_of(parse_agenda, '{\n  "title": "T",\n  "items": [,]\n}', "agenda.json")

    assert (refusal.code, refusal.params["line"], refusal.params["column"]) == (
        "json_syntax",
        3,
        13,
    )


def test_a_key_given_twice_is_refused_with_its_line():
    refusal = refusal_of(parse_agenda, "title: A\nitems: []\ntitle: B\n")

    assert refusal.code == "duplicate_key"
    assert refusal.params == {"key": "title", "line": 3, "column": 1}


def test_a_file_that_is_not_utf8_is_refused():
    assert refusal_of(parse_agenda, "title: Größe\nitems: []".encode("latin-1")).code == (
        "file_encoding"
    )


def test_a_byte_order_mark_is_ignored():
    assert parse_agenda("\ufefftitle: T\nitems: []".encode())["title"] == "T"


@pytest.mark.parametrize("text", ["- a list", "just text", "", "42"])
def test_a_document_that_is_not_a_mapping_is_refused(text):
    refusal = refusal_of(parse_agenda, text)

    assert (refusal.code, refusal.params) == ("invalid_config", {"field": "workshop"})


@pytest.mark.parametrize(
    ("config", "code", "field"),
    [
        ({"options": ["A", "a"]}, "duplicate_option", None),
        ({"options": ["A", "B"], "results": "everyone"}, "invalid_config", "results"),
        ({"options": ["A", "B"], "colour": "red", "total": 5}, "out_of_range", "total"),
    ],
)
def test_content_errors_name_the_item_and_field(config, code, field):
    text = dump_agenda(workshop_with(item("content", {"body": "Hello"})))
    text += "  - kind: points\n    title: Spread\n    config: " + json.dumps(config) + "\n"

    refusal = refusal_of(parse_agenda, text)

    assert (refusal.code, refusal.params["item"], refusal.params.get("field")) == (code, 2, field)


def test_messages_say_where_the_problem_is(app):
    syntax = refusal_of(parse_agenda, "title: T\nitems:\n  - kind: content\n   title: x\n")
    content = refusal_of(parse_agenda, "title: T\nitems:\n  - {kind: content}\n  - {kind: nope}")

    with app.test_request_context(), force_locale("en"):
        assert problem_in_file(syntax) == (
            "Line 4, column 4: This is not valid YAML"
            " (this line is indented differently from the lines it belongs to)."
        )
        assert problem_in_file(content) == "Activity 1: Please give a title."
    with app.test_request_context(), force_locale("de"):
        assert problem_in_file(syntax).startswith("Zeile 4, Spalte 4: Das ist kein gültiges YAML (")
        assert "anders eingerückt" in problem_in_file(syntax)
        assert problem_in_file(content) == "Aktivität 1: Bitte geben Sie einen Titel an."


def test_definition_of_an_unknown_workshop_is_refused(store):
    assert refusal_of(definition_of, store, "nope").code == "unknown_workshop"


def test_the_examples_in_the_format_documentation_hold():
    """docs/agenda-format.md shows a YAML file as flask agenda prints it, and the same in JSON."""
    document = (Path(__file__).resolve().parent.parent / "docs" / "agenda-format.md").read_text()
    yaml_example = document.split("```yaml\n")[1].split("```")[0]
    json_example = document.split("```json\n")[1].split("```")[0]

    assert dump_agenda(parse_agenda(yaml_example)) == HEADER + yaml_example
    assert parse_agenda(json_example, "agenda.json") == parse_agenda(yaml_example)


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("title: Check-in: how are you?\nitems: []\n", "quoted text"),
        ("title: T\n\titems: []\n", "not tabs"),
        ("title: 'T\nitems: []\n", "before a quote or bracket is closed"),
        ("title: T\nitems: *nowhere\n", "found undefined alias 'nowhere'"),
    ],
)
def test_common_yaml_mistakes_are_explained(app, text, hint):
    refusal = refusal_of(parse_agenda, text)

    with app.test_request_context(), force_locale("en"):
        assert hint in problem_in_file(refusal)


def test_python_tags_are_refused_not_run():
    refusal = refusal_of(parse_agenda, "!!python/object/apply:os.system ['echo unsafe']\n")

    assert (refusal.code, refusal.params["line"], refusal.params["column"]) == ("yaml_syntax", 1, 1)


@pytest.mark.parametrize(
    ("filename", "code"), [("agenda.yaml", "yaml_syntax"), ("agenda.json", "json_syntax")]
)
def test_absurdly_deep_nesting_is_refused_not_a_crash(filename, code):
    assert refusal_of(parse_agenda, "[" * 50_000, filename).code == code


TRICKY_TEXTS = [
    "-.5",
    "._5",
    ".5",
    "1_000",
    "0o17",
    "0x1F",
    "1e3",
    "+1",
    "~",
    "NULL",
    "TRUE",
    "y",
    "- dash",
    "key: value",
    "hash # comment",
    "'single'",
    '"double"',
    "&anchor",
    "*alias",
    "!tag",
    "%directive",
    "@at",
    "`tick`",
    "? question",
    "---",
    "...",
    "ends with colon:",
    "Straße „Anführung“ – ß",
]
TRICKY_BODIES = [
    "line\x85next line",
    "line\u2028separator",
    "paragraph\u2029separator",
    "carriage\rreturn",
    "  leading spaces\nsecond line",
    "trailing spaces  \nsecond line",
    "tab\tinside\n\tindented",
    "ends with a blank line\n\n",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_texts_that_look_like_other_yaml_survive_the_round_trip(text):
    definition = workshop_with(
        item("single_choice", {"options": [text, "other"]}, title=text),
        item("open_text", {"placeholder": text}, title="T"),
        title=text,
    )
    written = dump_agenda(definition)

    assert parse_agenda(written) == validated_definition(definition)
    assert dump_agenda(parse_agenda(written)) == written


@pytest.mark.parametrize("body", TRICKY_BODIES)
def test_bodies_with_unusual_line_breaks_survive_the_round_trip(body):
    definition = workshop_with(item("content", {"body": "x " + body}))
    written = dump_agenda(definition)

    assert parse_agenda(written) == validated_definition(definition)
    assert dump_agenda(parse_agenda(written)) == written


NOTES = "Ask who has tried it.\n\nThen: show slide 4 — # not a comment\n  indented"


def test_notes_and_timers_survive_the_round_trip_through_storage(store):
    timed = {
        **item("single_choice", {"options": ["A", "B"]}),
        "countdown": True,
        "auto_close": True,
        "notes": NOTES,
    }
    card = {**item("content", {"body": "x"}), "countdown": True, "notes": "Short."}
    text = dump_agenda(workshop_with(timed, card))

    read = parse_agenda(text)
    assert read["items"][0]["notes"] == NOTES
    assert read["items"][0]["countdown"] is read["items"][0]["auto_close"] is True
    assert read["items"][1]["auto_close"] is False
    workshop = create_workshop(store, read)
    stored = store.items(workshop.id)
    assert (stored[0].notes, stored[0].countdown, stored[0].auto_close) == (NOTES, True, True)
    assert dump_agenda(definition_of(store, workshop.id)) == text


def test_notes_and_timers_come_in_the_documented_order_and_only_when_set():
    timed = {**item("rating", {}), "notes": "N", "auto_close": True, "countdown": True}
    document = yaml.safe_load(dump_agenda(workshop_with(timed, item("content", {"body": "x"}))))

    assert list(document["items"][0]) == [
        "kind",
        "title",
        "minutes",
        "countdown",
        "auto_close",
        "notes",
    ]
    assert list(document["items"][1]) == ["kind", "title", "minutes", "config"]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"notes": "x" * 2001}, "notes_too_long"),
        ({"notes": ["a list"]}, "invalid_config"),
        ({"countdown": "yes"}, "invalid_config"),
        ({"countdown": True, "minutes": 0}, "timer_needs_minutes"),
        ({"auto_close": True, "minutes": 0}, "timer_needs_minutes"),
    ],
)
def test_bad_notes_and_timers_are_refused_naming_the_item(changes, code):
    definition = workshop_with(item("content", {"body": "x"}), {**item("rating", {}), **changes})
    refusal = refusal_of(parse_agenda, dump_yaml(definition))
    assert (refusal.code, refusal.params["item"]) == (code, 2)


def test_only_polls_close_by_themselves():
    definition = workshop_with({**item("content", {"body": "x"}), "auto_close": True})
    refusal = refusal_of(parse_agenda, dump_yaml(definition))
    assert (refusal.code, refusal.params["field"]) == ("auto_close_needs_poll", "auto_close")


def dump_yaml(definition) -> str:
    """A definition written as YAML by a plain dumper, as a person might."""
    return yaml.safe_dump(definition, allow_unicode=True, sort_keys=False)
