"""Tests for reading command payloads: the refusal codes and fields every command shares."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.questions import BoardSettings, changed_settings
from facilitation.realtime.payloads import Payload


def refusal_of(call, *args, **kwargs) -> Refusal:
    """The Refusal raised by ``call``."""
    with pytest.raises(Refusal) as refusal:
        call(*args, **kwargs)
    return refusal.value


def test_client_ids_and_question_ids_are_checked_for_type_and_length():
    assert Payload({}).client_id() is None
    assert Payload({"client_id": None}).client_id() is None
    assert Payload({"client_id": "abc"}).client_id() == "abc"
    assert Payload({"client_id": "x" * 64}).client_id() == "x" * 64
    for bad in ("", "x" * 65, 5, 7, ["a"]):
        refusal = refusal_of(Payload({"client_id": bad}).client_id)
        assert (refusal.code, refusal.params) == ("invalid_payload", {"field": "client_id"})

    assert Payload({"question_id": "q1"}).question_id() == "q1"
    assert Payload({"question_id": None}).question_id(allow_none=True) is None
    assert refusal_of(Payload({}).question_id).code == "invalid_payload"
    assert refusal_of(Payload({"question_id": None}).question_id).code == "invalid_payload"
    assert refusal_of(Payload({"question_id": 5}).question_id).code == "invalid_payload"
    assert refusal_of(Payload({"question_id": "x" * 65}).question_id).code == "unknown_question"
    assert refusal_of(Payload({"question_id": ""}).question_id).code == "unknown_question"


def test_ids_are_invalid_when_missing_and_unknown_when_odd():
    assert Payload({"card_id": "c1"}).id("card_id", "unknown_card") == "c1"
    missing = refusal_of(Payload({}).id, "card_id", "unknown_card")
    assert (missing.code, missing.params) == ("invalid_payload", {"field": "card_id"})
    for odd in [None, 1, "", "x" * 65, ["c1"]]:
        assert refusal_of(Payload({"card_id": odd}).id, "card_id", "unknown_card").code == (
            "unknown_card"
        )
    assert Payload({"item_id": None}).item_id(allow_none=True) is None
    assert refusal_of(Payload({"item_id": None}).item_id).code == "unknown_item"
    missing = refusal_of(Payload({}).item_id, allow_none=True)
    assert (missing.code, missing.params) == ("invalid_payload", {"field": "item_id"})


def test_fields_of_other_types():
    assert Payload({}).optional_bool("hidden") is True
    assert Payload({"hidden": False}).optional_bool("hidden") is False
    for odd in (None, 0, "false"):
        refusal = refusal_of(Payload({"hidden": odd}).optional_bool, "hidden")
        assert (refusal.code, refusal.params) == ("invalid_payload", {"field": "hidden"})
    assert Payload({"number": 3}).whole_number("number", "unknown_participant") == 3
    for odd in (True, 1.5, "3", None):
        payload = Payload({"number": odd})
        assert refusal_of(payload.whole_number, "number", "unknown_participant").code == (
            "unknown_participant"
        )
    assert Payload({"word": "x"}).text("word") == "x"
    for fields in ({}, {"word": 5}):
        refusal = refusal_of(Payload(fields).text, "word")
        assert (refusal.code, refusal.params) == ("invalid_payload", {"field": "word"})
    refusal = refusal_of(Payload({}).required, "text")
    assert (refusal.code, refusal.params) == ("invalid_payload", {"field": "text"})
    assert Payload({"text": None}).required("text") is None


def test_board_changes_take_only_what_is_given_and_check_types():
    settings = BoardSettings()

    def changed(fields):
        return changed_settings(settings, **Payload(fields).board_changes())

    assert changed({}) == settings
    closed = changed({"open": False, "premoderation": True})
    assert (closed.open, closed.premoderation) == (False, True)
    assert changed({"word_filter": ["Budget"]}).effective_filter == ("budget",)
    assert changed({"word_filter": None}).using_default_filter
    for bad in ({"open": "yes"}, {"premoderation": 1}, {"open": None}, {"word_filter": "x"}):
        assert refusal_of(changed, bad).code == "invalid_payload"
