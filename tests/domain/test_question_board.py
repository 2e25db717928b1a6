"""The question board as an agenda item: a prompt and nothing to answer."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import get_kind

BOARD = get_kind("question_board")


def test_the_board_item_takes_no_answers():
    assert BOARD.collects_answers is False
    with pytest.raises(Refusal) as refused:
        BOARD.parse_answer({}, "anything")
    assert refused.value.code == "not_answerable"


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (None, {}),
        ({}, {}),
        ({"prompt": None}, {}),
        ({"prompt": "   "}, {}),
        ({"prompt": "  What would   you ask? "}, {"prompt": "What would you ask?"}),
    ],
)
def test_the_prompt_is_optional_and_tidied(config, expected):
    assert BOARD.validate_config(config) == expected


@pytest.mark.parametrize(
    ("config", "code", "field"),
    [
        ({"prompt": 5}, "invalid_config", "prompt"),
        ({"prompt": ["x"]}, "invalid_config", "prompt"),
        ({"prompt": "x" * 201}, "too_long", "prompt"),
        ("not a dict", "invalid_config", "config"),
    ],
)
def test_a_bad_prompt_is_refused_naming_the_field(config, code, field):
    with pytest.raises(Refusal) as refused:
        BOARD.validate_config(config)
    assert (refused.value.code, refused.value.params["field"]) == (code, field)


def test_the_form_round_trips():
    config = BOARD.validate_config(BOARD.from_form({"prompt": "Ask the speaker"}))
    assert BOARD.to_form(config) == {"prompt": "Ask the speaker"}
    assert BOARD.validate_config(BOARD.from_form({})) == {}
