"""Tests for facilitation.domain.kinds: the registry, single-choice polls and content cards."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import ActivityKind, Answer, PollKind, get_kind, kind_names, register
from facilitation.domain.kinds.base import MAX_LABEL, MAX_OPTIONS, MIN_OPTIONS
from facilitation.domain.kinds.content import MAX_BODY
from facilitation.domain.workshop import AgendaItem

single_choice = get_kind("single_choice")
content = get_kind("content")


def refusal_of(call, *args):
    """Return the Refusal raised by ``call(*args)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args)
    return refusal.value


# -- registry ------------------------------------------------------------------


def test_kind_names_include_the_built_in_kinds_sorted():
    names = kind_names()

    assert {"single_choice", "content"} <= set(names)
    assert names == sorted(names)


def test_get_kind_returns_the_kind_with_that_name():
    assert single_choice.name == "single_choice"
    assert single_choice.collects_answers is True
    assert content.name == "content"
    assert content.collects_answers is False
    assert isinstance(single_choice, PollKind)
    assert isinstance(content, ActivityKind)
    assert not isinstance(content, PollKind)


@pytest.mark.parametrize("name", ["nope", "", None, ["single_choice"], {"a": 1}, 3, "Content"])
def test_unknown_kinds_are_refused(name):
    assert refusal_of(get_kind, name).code == "unknown_kind"


def test_register_refuses_a_duplicate_name():
    class Impostor(ActivityKind):
        name = "content"

    with pytest.raises(ValueError):
        register(Impostor)
    assert get_kind("content") is content


def test_register_refuses_a_kind_without_a_name():
    class Nameless(ActivityKind):
        pass

    with pytest.raises(ValueError):
        register(Nameless)
    assert "" not in kind_names()


# -- single choice: configuration -------------------------------------------------


def test_strings_become_options_with_generated_ids():
    config = single_choice.validate_config({"options": ["Yes", "No", "Maybe"]})

    assert config == {
        "options": [
            {"id": "o1", "label": "Yes"},
            {"id": "o2", "label": "No"},
            {"id": "o3", "label": "Maybe"},
        ],
        "results": "presenter",
        "changeable": True,
    }


def test_given_option_ids_are_kept():
    config = single_choice.validate_config(
        {"options": [{"id": "yes", "label": "Yes"}, {"label": "No"}]}
    )

    assert config["options"] == [{"id": "yes", "label": "Yes"}, {"id": "o2", "label": "No"}]


def test_option_labels_are_tidied():
    config = single_choice.validate_config({"options": ["  Very\n  helpful ", "Not\thelpful"]})

    assert [o["label"] for o in config["options"]] == ["Very helpful", "Not helpful"]


def test_validated_config_validates_again_to_itself():
    config = single_choice.validate_config({"options": ["A", {"id": "x", "label": "B"}, "C"]})

    assert single_choice.validate_config(config) == config


def test_validate_config_does_not_modify_its_input():
    raw = {"options": [{"label": " A "}, "B"]}

    single_choice.validate_config(raw)

    assert raw == {"options": [{"label": " A "}, "B"]}


@pytest.mark.parametrize("count", [MIN_OPTIONS, 5, MAX_OPTIONS])
def test_allowed_numbers_of_options(count):
    options = [f"Option {n}" for n in range(count)]

    config = single_choice.validate_config({"options": options})

    assert [o["id"] for o in config["options"]] == [f"o{n}" for n in range(1, count + 1)]


@pytest.mark.parametrize("count", [0, 1, MAX_OPTIONS + 1, 50])
def test_too_few_or_too_many_options_are_refused(count):
    options = [f"Option {n}" for n in range(count)]

    refusal = refusal_of(single_choice.validate_config, {"options": options})

    assert refusal.code == "option_count"
    assert refusal.params == {"minimum": MIN_OPTIONS, "maximum": MAX_OPTIONS}


@pytest.mark.parametrize("label", ["", "   ", None, 5, ["A"]])
def test_option_without_label_is_refused_naming_its_position(label):
    refusal = refusal_of(single_choice.validate_config, {"options": ["A", {"label": label}, "C"]})

    assert refusal.code == "option_label_required"
    assert refusal.params == {"position": 2}


def test_empty_string_option_is_refused_naming_its_position():
    refusal = refusal_of(single_choice.validate_config, {"options": ["A", "B", " "]})

    assert refusal.code == "option_label_required"
    assert refusal.params == {"position": 3}


def test_option_label_at_the_limit_is_accepted():
    config = single_choice.validate_config({"options": ["A", "x" * MAX_LABEL]})

    assert config["options"][1]["label"] == "x" * MAX_LABEL


def test_too_long_option_label_is_refused():
    refusal = refusal_of(single_choice.validate_config, {"options": ["x" * (MAX_LABEL + 1), "B"]})

    assert refusal.code == "option_label_too_long"
    assert refusal.params == {"position": 1, "limit": MAX_LABEL}


@pytest.mark.parametrize(
    "options",
    [
        ["Yes", "yes"],
        ["Yes", "No", " YES "],
        ["Very  helpful", "very helpful"],
        ["Straße", "STRASSE"],
    ],
)
def test_duplicate_labels_are_refused_ignoring_case_and_spacing(options):
    refusal = refusal_of(single_choice.validate_config, {"options": options})

    assert refusal.code == "duplicate_option"
    assert "label" in refusal.params


def test_duplicate_option_ids_are_refused():
    options = [{"id": "a", "label": "A"}, {"id": "a", "label": "B"}]

    refusal = refusal_of(single_choice.validate_config, {"options": options})

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "options[2].id"}


def test_given_id_that_clashes_with_a_generated_one_is_refused():
    options = ["A", {"id": "o1", "label": "B"}]

    refusal = refusal_of(single_choice.validate_config, {"options": options})

    assert refusal.code == "invalid_config"


@pytest.mark.parametrize("option_id", ["", 7, None, "x" * 33])
def test_invalid_option_ids_are_refused(option_id):
    options = [{"id": option_id, "label": "A"}, "B"]

    refusal = refusal_of(single_choice.validate_config, {"options": options})

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "options[1].id"}


@pytest.mark.parametrize("options", [None, "Yes, No", {"o1": "Yes", "o2": "No"}, 2, ("A", "B")])
def test_options_that_are_not_a_list_are_refused(options):
    refusal = refusal_of(single_choice.validate_config, {"options": options})

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "options"}


def test_missing_options_are_refused():
    refusal = refusal_of(single_choice.validate_config, {})

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "options"}


@pytest.mark.parametrize("option", [5, None, ["A"]])
def test_option_that_is_neither_text_nor_object_is_refused(option):
    refusal = refusal_of(single_choice.validate_config, {"options": ["A", option]})

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "options[2]"}


@pytest.mark.parametrize("config", [["A", "B"], "A, B", 5])
def test_config_that_is_not_an_object_is_refused(config):
    refusal = refusal_of(single_choice.validate_config, config)

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "config"}


# -- single choice: answers and results ------------------------------------------------

POLL = single_choice.validate_config({"options": ["Hide them", "Fix them", "Learn together"]})


def poll_item(config=POLL, kind="single_choice"):
    """The agenda item that ``results`` gets, with ``config``."""
    return AgendaItem("i1", "w1", 0, kind, "Poll", 5, config)


def answers(*values):
    """Stored answers with the ids a1, a2, …"""
    return [Answer(f"a{n}", value) for n, value in enumerate(values, start=1)]


@pytest.mark.parametrize("value", ["o1", "o2", "o3"])
def test_an_option_id_is_a_valid_answer(value):
    assert single_choice.parse_answer(POLL, value) == value


@pytest.mark.parametrize("value", ["o4", "", "O1", "Hide them", "o1 "])
def test_unknown_option_is_refused(value):
    assert refusal_of(single_choice.parse_answer, POLL, value).code == "unknown_option"


@pytest.mark.parametrize("value", [None, 1, ["o1"], {"id": "o1"}, True])
def test_answer_that_is_not_text_is_refused(value):
    assert refusal_of(single_choice.parse_answer, POLL, value).code == "invalid_answer"


@pytest.mark.parametrize("moderator", [False, True])
def test_results_list_counts_and_percentages_in_option_order(moderator):
    tally = single_choice.new_tally(POLL, answers("o3", "o2", "o3"))

    assert single_choice.results(poll_item(), tally, moderator) == {
        "answers": 3,
        "options": [
            {"id": "o1", "label": "Hide them", "count": 0, "percent": 0},
            {"id": "o2", "label": "Fix them", "count": 1, "percent": 33},
            {"id": "o3", "label": "Learn together", "count": 2, "percent": 67},
        ],
    }


def test_results_without_answers_are_all_zero():
    tally = single_choice.new_tally(POLL, [])

    results = single_choice.results(poll_item(), tally, False)

    assert results["answers"] == 0
    assert single_choice.answer_count(tally) == 0
    assert [(o["count"], o["percent"]) for o in results["options"]] == [(0, 0)] * 3


def test_results_follow_changed_votes():
    tally = single_choice.new_tally(POLL, answers("o1"))

    assert single_choice.apply(tally, Answer("a1", "o1"), Answer("a1", "o2")) is True
    assert single_choice.apply(tally, Answer("a1", "o2"), Answer("a1", "o2")) is False

    results = single_choice.results(poll_item(), tally, False)
    assert results["answers"] == 1
    assert single_choice.answer_count(tally) == 1
    assert [o["percent"] for o in results["options"]] == [0, 100, 0]


def test_a_first_vote_is_counted_and_answer_count_follows():
    tally = single_choice.new_tally(POLL, answers("o1", "o3"))
    assert single_choice.answer_count(tally) == 2

    assert single_choice.apply(tally, None, Answer("a3", "o3")) is True

    assert single_choice.answer_count(tally) == 3
    counts = [o["count"] for o in single_choice.results(poll_item(), tally, False)["options"]]
    assert counts == [1, 0, 2]


def test_a_removed_vote_is_no_longer_counted():
    tally = single_choice.new_tally(POLL, answers("o1", "o2"))

    assert single_choice.apply(tally, Answer("a1", "o1"), None) is True

    assert single_choice.answer_count(tally) == 1
    counts = [o["count"] for o in single_choice.results(poll_item(), tally, False)["options"]]
    assert counts == [0, 1, 0]


def test_a_tally_counts_every_stored_answer_once():
    stored = answers("o1", "o1", "o2", "o3", "o3", "o3")

    tally = single_choice.new_tally(POLL, stored)

    assert single_choice.answer_count(tally) == len(stored)
    counts = [o["count"] for o in single_choice.results(poll_item(), tally, True)["options"]]
    assert counts == [2, 1, 3]


def test_results_use_the_items_current_labels_and_order():
    tally = single_choice.new_tally(POLL, answers("o1", "o3"))
    relabelled = {**POLL, "options": [{"id": "o3", "label": "Learn"}, *POLL["options"][:2]]}

    results = single_choice.results(poll_item(relabelled), tally, False)

    assert [(o["id"], o["label"], o["count"]) for o in results["options"]] == [
        ("o3", "Learn", 1),
        ("o1", "Hide them", 1),
        ("o2", "Fix them", 0),
    ]


def test_result_percentages_add_up_to_100():
    tally = single_choice.new_tally(POLL, answers("o1", "o2", "o3"))

    results = single_choice.results(poll_item(), tally, False)

    assert sum(o["percent"] for o in results["options"]) == 100


def test_public_config_of_a_poll_shows_its_options():
    assert single_choice.public_config(POLL)["options"] == POLL["options"]


# -- single choice: the authoring form -------------------------------------------------


def test_single_choice_form_turns_lines_into_options():
    form = {"options": " Yes \r\n\n  No\nMaybe  \n", "results": "live", "changeable": "on"}

    config = single_choice.validate_config(single_choice.from_form(form))

    assert config == {
        "options": [
            {"id": "o1", "label": "Yes"},
            {"id": "o2", "label": "No"},
            {"id": "o3", "label": "Maybe"},
        ],
        "results": "live",
        "changeable": True,
    }


def test_single_choice_form_shows_one_option_per_line():
    config = single_choice.validate_config(
        {"options": ["Yes", "No"], "results": "hidden", "changeable": False}
    )

    assert single_choice.to_form(config) == {
        "options": "Yes\nNo",
        "results": "hidden",
        "changeable": "",
    }


@pytest.mark.parametrize("results", ["live", "presenter", "hidden"])
@pytest.mark.parametrize("changeable", [True, False])
def test_single_choice_form_round_trips(results, changeable):
    config = single_choice.validate_config(
        {
            "options": ["Hide them", "Fix them", "Learn together"],
            "results": results,
            "changeable": changeable,
        }
    )

    again = single_choice.validate_config(single_choice.from_form(single_choice.to_form(config)))

    assert again == config


def test_single_choice_form_without_options_is_refused():
    refusal = refusal_of(
        single_choice.validate_config, single_choice.from_form({"results": "live"})
    )

    assert refusal.code == "option_count"


def test_single_choice_form_with_a_repeated_option_is_refused():
    form = {"options": "Yes\nyes", "results": "live", "changeable": "on"}

    refusal = refusal_of(single_choice.validate_config, single_choice.from_form(form))

    assert refusal.code == "duplicate_option"


# -- content ----------------------------------------------------------------------


def test_content_body_is_stripped():
    assert content.validate_config({"body": "\n  Kaizen\n\nmeans change.  \n"}) == {
        "body": "Kaizen\n\nmeans change."
    }


def test_content_keeps_paragraph_breaks():
    body = "First paragraph.\n\nSecond paragraph."

    assert content.validate_config({"body": body}) == {"body": body}


@pytest.mark.parametrize("config", [None, {}, {"body": ""}, {"body": "   "}])
def test_content_without_body_is_an_empty_card(config):
    assert content.validate_config(config) == {"body": ""}


def test_content_body_at_the_limit_is_accepted():
    body = "x" * MAX_BODY

    assert content.validate_config({"body": f"  {body}  "}) == {"body": body}


def test_too_long_content_body_is_refused():
    refusal = refusal_of(content.validate_config, {"body": "x" * (MAX_BODY + 1)})

    assert refusal.code == "too_long"
    assert refusal.params == {"field": "body", "limit": MAX_BODY}


@pytest.mark.parametrize("body", [5, None, ["text"], {"text": "x"}])
def test_content_body_that_is_not_text_is_refused(body):
    refusal = refusal_of(content.validate_config, {"body": body})

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "body"}


@pytest.mark.parametrize("config", [["body"], "body", 5])
def test_content_config_that_is_not_an_object_is_refused(config):
    refusal = refusal_of(content.validate_config, config)

    assert refusal.code == "invalid_config"
    assert refusal.params == {"field": "config"}


def test_content_drops_unknown_config_keys():
    assert content.validate_config({"body": "Hi", "script": "<x>"}) == {"body": "Hi"}


def test_content_takes_no_answers():
    config = content.validate_config({"body": "Hi"})

    assert refusal_of(content.parse_answer, config, "o1").code == "not_answerable"
    assert content.new_tally(config, []) is None
    assert content.apply(None, None, Answer("a1", "o1")) is False
    assert content.answer_count(None) == 0
    assert content.results(poll_item(config, kind="content"), None, True) is None


def test_content_form_round_trips():
    config = content.validate_config(content.from_form({"body": " Kaizen\n\nmeans change. "}))

    assert config == {"body": "Kaizen\n\nmeans change."}
    assert content.to_form(config) == {"body": "Kaizen\n\nmeans change."}
    assert content.validate_config(content.from_form(content.to_form(config))) == config


def test_content_form_without_a_body_is_an_empty_card():
    assert content.validate_config(content.from_form({})) == {"body": ""}
    assert content.to_form({}) == {"body": ""}


def test_content_config_has_no_poll_settings():
    config = content.validate_config({"body": "Hi", "results": "live", "changeable": False})

    assert config == {"body": "Hi"}
