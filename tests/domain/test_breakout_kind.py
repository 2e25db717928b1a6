"""Tests for the breakout activity kind: its configuration and the authoring form."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import get_kind
from facilitation.messages import MESSAGES

breakout = get_kind("breakout")


def refusal_of(call, *args) -> Refusal:
    """The Refusal raised by ``call(*args)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args)
    return refusal.value


def test_the_kind_is_registered_and_collects_no_answers():
    assert breakout.name == "breakout"
    assert breakout.collects_answers is False
    assert refusal_of(breakout.parse_answer, {}, "x").code == "not_answerable"


def test_only_prompts_are_required_the_rest_has_defaults():
    assert breakout.validate_config({"prompts": ["  What   went well? ", "What next?"]}) == {
        "prompts": [{"id": "p1", "text": "What went well?"}, {"id": "p2", "text": "What next?"}],
        "duration": 10,
        "grouping": {"mode": "size", "size": 4},
        "private_notes": True,
    }


def test_a_full_configuration_is_normalised():
    config = breakout.validate_config(
        {
            "prompts": [{"id": "keep", "text": "Keep?"}],
            "duration": "25",
            "grouping": {"mode": "choose", "groups": ["Red", {"name": "Blue", "capacity": 3}]},
            "private_notes": False,
        }
    )
    assert config == {
        "prompts": [{"id": "keep", "text": "Keep?"}],
        "duration": 25,
        "grouping": {
            "mode": "choose",
            "groups": [{"name": "Red", "capacity": None}, {"name": "Blue", "capacity": 3}],
        },
        "private_notes": False,
    }
    assert breakout.validate_config(config) == config, "validating twice changes nothing"


def test_previous_grouping_forgets_an_item_id_from_another_installation():
    config = breakout.validate_config(
        {"prompts": ["Why?"], "grouping": {"mode": "previous", "item_id": "abc"}}
    )
    assert config["grouping"] == {"mode": "previous"}


@pytest.mark.parametrize("duration", [1, 180])
def test_durations_from_one_minute_to_three_hours(duration):
    assert breakout.validate_config({"prompts": ["A"], "duration": duration})["duration"] == (
        duration
    )


@pytest.mark.parametrize(
    ("config", "code", "field"),
    [
        ("prompts", "invalid_config", "config"),
        (["A"], "invalid_config", "config"),
        ({}, "invalid_config", "prompts"),
        ({"prompts": []}, "prompt_count", None),
        ({"prompts": ["A"], "duration": 0}, "out_of_range", "duration"),
        ({"prompts": ["A"], "duration": 181}, "out_of_range", "duration"),
        ({"prompts": ["A"], "duration": 2.5}, "out_of_range", "duration"),
        ({"prompts": ["A"], "duration": True}, "out_of_range", "duration"),
        ({"prompts": ["A"], "duration": "ten"}, "out_of_range", "duration"),
        ({"prompts": ["A"], "duration": None}, "out_of_range", "duration"),
        ({"prompts": ["A"], "grouping": "size"}, "invalid_config", "grouping"),
        ({"prompts": ["A"], "grouping": {"mode": "pairs"}}, "invalid_config", "grouping_mode"),
        ({"prompts": ["A"], "grouping": {"mode": "size", "size": 1}}, "out_of_range", "group_size"),
        ({"prompts": ["A"], "grouping": {"mode": "count"}}, "out_of_range", "group_count"),
        ({"prompts": ["A"], "grouping": {"mode": "choose", "groups": ["X"]}}, "group_count", None),
        ({"prompts": ["A"], "private_notes": "yes"}, "invalid_config", "private_notes"),
        ({"prompts": ["A"], "private_notes": 1}, "invalid_config", "private_notes"),
        ({"prompts": ["A"], "private_notes": None}, "invalid_config", "private_notes"),
    ],
)
def test_bad_configurations_are_refused_naming_the_field(config, code, field):
    refusal = refusal_of(breakout.validate_config, config)
    assert refusal.code == code, refusal
    if field is not None:
        assert refusal.params["field"] == field
    assert code in MESSAGES


FORMS = {
    "size": {
        "prompt_1": "What went well?",
        "prompt_2": "What next?",
        "duration": "15",
        "grouping_mode": "size",
        "group_size": "3",
        "private_notes": "on",
    },
    "count": {
        "prompt_1": "Why?",
        "duration": "5",
        "grouping_mode": "count",
        "group_count": "6",
    },
    "choose": {
        "prompt_1": "Which topic?",
        "prompt_2": "What do you propose?",
        "prompt_3": "Who helps?",
        "duration": "30",
        "grouping_mode": "choose",
        "group_names": "Budget\nHiring\n\n  Tools  ",
        "group_capacity": "5",
        "private_notes": "on",
    },
    "choose_unlimited": {
        "prompt_1": "Which topic?",
        "duration": "30",
        "grouping_mode": "choose",
        "group_names": "Budget\nHiring",
        "group_capacity": "  ",
    },
    "previous": {
        "prompt_1": "Same groups: what changed?",
        "duration": "180",
        "grouping_mode": "previous",
        "private_notes": "on",
    },
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_grouping_mode_survives_the_authoring_form(name):
    config = breakout.validate_config(breakout.from_form(FORMS[name]))
    form = breakout.to_form(config)

    assert breakout.validate_config(breakout.from_form(form)) == config
    mode = FORMS[name]["grouping_mode"]
    assert form["grouping_mode"] == mode
    assert config["grouping"]["mode"] == mode
    assert form["duration"] == FORMS[name]["duration"]
    assert (form["private_notes"] == "on") is (FORMS[name].get("private_notes") == "on")


def test_the_form_fills_in_what_was_configured():
    choose = breakout.validate_config(breakout.from_form(FORMS["choose"]))
    assert [p["text"] for p in choose["prompts"]] == [
        "Which topic?",
        "What do you propose?",
        "Who helps?",
    ]
    assert choose["grouping"]["groups"] == [
        {"name": "Budget", "capacity": 5},
        {"name": "Hiring", "capacity": 5},
        {"name": "Tools", "capacity": 5},
    ]
    form = breakout.to_form(choose)
    assert form["group_names"] == "Budget\nHiring\nTools"
    assert form["group_capacity"] == "5"
    assert form["prompt_3"] == "Who helps?"
    assert "prompt_4" not in form

    unlimited = breakout.validate_config(breakout.from_form(FORMS["choose_unlimited"]))
    assert {g["capacity"] for g in unlimited["grouping"]["groups"]} == {None}
    assert breakout.to_form(unlimited)["group_capacity"] == ""

    size = breakout.validate_config(breakout.from_form(FORMS["size"]))
    assert size["grouping"] == {"mode": "size", "size": 3}
    assert breakout.to_form(size)["group_size"] == "3"
    count = breakout.validate_config(breakout.from_form(FORMS["count"]))
    assert count["grouping"] == {"mode": "count", "count": 6}
    assert count["private_notes"] is False
    assert breakout.to_form(count)["group_count"] == "6"


def test_blank_prompt_fields_are_skipped_and_ids_follow_the_order():
    form = {"prompt_1": "", "prompt_2": "First", "prompt_3": "   ", "prompt_5": "Second"}
    config = breakout.validate_config(
        breakout.from_form({**form, "duration": "10", "group_size": "4"})
    )
    assert config["prompts"] == [{"id": "p1", "text": "First"}, {"id": "p2", "text": "Second"}]


def test_a_form_without_a_mode_groups_by_size():
    config = breakout.from_form({"prompt_1": "A", "duration": "10", "group_size": "5"})
    assert breakout.validate_config(config)["grouping"] == {"mode": "size", "size": 5}


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"grouping_mode": "size", "group_size": ""}, "out_of_range"),
        ({"grouping_mode": "count", "group_count": "0"}, "out_of_range"),
        ({"grouping_mode": "choose", "group_names": "Only one"}, "group_count"),
        ({"grouping_mode": "choose", "group_names": "A\nB", "group_capacity": "0"}, "out_of_range"),
        ({"grouping_mode": "choose", "group_names": "A\na"}, "duplicate_group"),
        ({"grouping_mode": "nonsense"}, "invalid_config"),
        ({"duration": "181"}, "out_of_range"),
        ({"prompt_1": ""}, "prompt_count"),
    ],
)
def test_form_mistakes_are_refused(fields, code):
    form = {"prompt_1": "A", "duration": "10", "grouping_mode": "size", "group_size": "4", **fields}
    assert refusal_of(breakout.validate_config, breakout.from_form(form)).code == code


def test_a_repeated_prompt_is_named_by_the_field_it_was_typed_in():
    form = {"prompt_1": "Where is room?", "prompt_3": "where is ROOM?", "duration": "10"}
    refusal = refusal_of(breakout.validate_config, breakout.from_form(form))
    assert refusal.code == "duplicate_prompt"
    assert refusal.params == {"position": 3, "field": "prompts[3]"}
    too_long = {"prompt_2": "x" * 301, "duration": "10"}
    assert refusal_of(breakout.validate_config, breakout.from_form(too_long)).params == {
        "field": "prompts[2]",
        "limit": 300,
    }
