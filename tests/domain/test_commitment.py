"""Tests for the commitment kind: configuration, the strict answer shape, the tally and what
its results may (and may never) carry."""

import json

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.kinds import Answer, get_kind
from facilitation.domain.kinds.commitment import MAX_LENGTH, MAX_PLACEHOLDER
from facilitation.domain.kinds.open_text import MAX_LISTED
from facilitation.domain.workshop import AgendaItem
from facilitation.messages import MESSAGES

commitment = get_kind("commitment")
CONFIG = commitment.validate_config({})
SECRET = "Privater Schritt PRIVATESTEP"


def refusal_of(call, *args):
    """Return the Refusal raised by ``call(*args)``."""
    with pytest.raises(Refusal) as refusal:
        call(*args)
    return refusal.value


def item(highlight=None):
    """The agenda item that ``results`` gets."""
    return AgendaItem(
        "i1", "w1", 0, "commitment", "My next small step", 3, CONFIG, highlight=highlight
    )


def step(text, shared=True):
    return {"text": text, "shared": shared}


def answers(*steps, hidden=()):
    """Stored answers a1, a2, … (oldest first); the positions in ``hidden`` are hidden."""
    return [Answer(f"a{n}", value, n in hidden) for n, value in enumerate(steps, start=1)]


def cards(results):
    """The listed cards as (id, text) pairs, in the order sent."""
    return [(card["id"], card["text"]) for card in results["cards"]]


# -- configuration ----------------------------------------------------------------


def test_kind_is_registered_as_a_poll():
    assert commitment.name == "commitment"
    assert commitment.collects_answers is True
    assert commitment.label == "My next small step"


def test_by_default_shared_steps_wait_for_the_presenter_to_show_them():
    assert CONFIG == {"placeholder": "", "results": "hidden", "changeable": True}
    assert commitment.to_form(CONFIG)["results"] == "hidden"


def test_the_hint_is_tidied_and_limited():
    config = commitment.validate_config({"placeholder": "  By  Friday,\n I will … "})
    assert config["placeholder"] == "By Friday, I will …"
    assert commitment.validate_config(config) == config

    refusal = refusal_of(commitment.validate_config, {"placeholder": "x" * (MAX_PLACEHOLDER + 1)})
    assert (refusal.code, refusal.params) == (
        "too_long",
        {"field": "placeholder", "limit": MAX_PLACEHOLDER},
    )
    refusal = refusal_of(commitment.validate_config, {"placeholder": 5})
    assert (refusal.code, refusal.params) == ("invalid_config", {"field": "placeholder"})


def test_form_round_trip():
    form = {"placeholder": "Your step", "results": "live", "changeable": "on"}

    config = commitment.validate_config(commitment.from_form(form))

    assert config == {"placeholder": "Your step", "results": "live", "changeable": True}
    assert commitment.to_form(config) == {
        "placeholder": "Your step",
        "results": "live",
        "changeable": "on",
    }


# -- answers ----------------------------------------------------------------------


def test_a_step_is_trimmed_and_keeps_its_shared_flag():
    assert commitment.parse_answer(CONFIG, step("  Ask my team \r\n", True)) == step("Ask my team")
    assert commitment.parse_answer(CONFIG, step("Ask", False)) == step("Ask", False)


def test_the_answer_is_always_text_then_shared_so_a_repeat_is_no_change():
    parsed = commitment.parse_answer(CONFIG, {"shared": True, "text": "Ask"})

    assert list(parsed) == ["text", "shared"]
    assert json.dumps(parsed) == json.dumps(step("Ask"))


def test_exactly_the_limit_is_fine():
    assert commitment.parse_answer(CONFIG, step("x" * MAX_LENGTH))["text"] == "x" * MAX_LENGTH
    assert MAX_LENGTH == 280


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (None, "invalid_answer"),
        ("Ask my team", "invalid_answer"),
        (["Ask", True], "invalid_answer"),
        (5, "invalid_answer"),
        ({}, "invalid_answer"),
        ({"text": "Ask"}, "invalid_answer"),
        ({"shared": True}, "invalid_answer"),
        ({"text": "Ask", "shared": True, "name": "Anna"}, "invalid_answer"),
        ({"text": "Ask", "shared": "yes"}, "invalid_answer"),
        ({"text": "Ask", "shared": 1}, "invalid_answer"),
        ({"text": "Ask", "shared": None}, "invalid_answer"),
        ({"text": 5, "shared": True}, "invalid_answer"),
        ({"text": ["Ask"], "shared": True}, "invalid_answer"),
        ({"text": None, "shared": False}, "invalid_answer"),
        ({"text": "nul\x00byte", "shared": True}, "invalid_answer"),
        ({"text": "", "shared": True}, "step_required"),
        ({"text": "  \n\t ", "shared": False}, "step_required"),
        ({"text": "x" * (MAX_LENGTH + 1), "shared": True}, "step_too_long"),
        ({"text": "y" * 60_000, "shared": False}, "step_too_long"),
    ],
)
def test_every_wrong_answer_is_refused(value, code):
    refusal = refusal_of(commitment.parse_answer, CONFIG, value)

    assert refusal.code == code
    assert code in MESSAGES
    if code == "step_too_long":
        assert refusal.params == {"limit": MAX_LENGTH}


def test_answer_lines_render_the_participants_own_step_shared_or_not():
    assert commitment.answer_lines(CONFIG, step("Ask my team", False)) == ["Ask my team"]
    assert commitment.answer_lines(CONFIG, step("Ask my team")) == ["Ask my team"]
    assert commitment.answer_lines(CONFIG, step("Ask", False), object()) == ["Ask"]


# -- tally and results ------------------------------------------------------------


def test_results_count_every_step_but_list_only_shared_ones_newest_first():
    stored = answers(step("First"), step(SECRET, False), step("Third"))
    tally = commitment.new_tally(CONFIG, stored)

    for moderator in (False, True):
        results = commitment.results(item(), tally, moderator)
        assert results["answers"] == 3
        assert results["shared"] == 2
        assert cards(results) == [("a3", "Third"), ("a1", "First")]
        assert results["more"] == 0
        assert SECRET not in json.dumps(results)
        assert "a2" not in json.dumps(results), "not even the id of an unshared step"
    assert commitment.answer_count(tally) == 3


def test_without_answers():
    results = commitment.results(item(), commitment.new_tally(CONFIG, []), False)

    assert results == {"answers": 0, "shared": 0, "cards": [], "more": 0, "highlight": None}


def test_moderator_sees_hidden_cards_marked_others_do_not_see_them():
    stored = answers(step("Keep"), step("Rude"), step(SECRET, False), hidden=(2,))
    tally = commitment.new_tally(CONFIG, stored)

    public = commitment.results(item(), tally, False)
    presenter = commitment.results(item(), tally, True)

    assert cards(public) == [("a1", "Keep")]
    assert public["shared"] == 1 and public["answers"] == 3
    assert "hidden" not in public and all("hidden" not in card for card in public["cards"])
    assert presenter["cards"] == [
        {"id": "a2", "text": "Rude", "hidden": True},
        {"id": "a1", "text": "Keep", "hidden": False},
    ]
    assert presenter["shared"] == 2 and presenter["hidden"] == 1
    assert SECRET not in json.dumps(presenter)


def test_sharing_then_unsharing_removes_the_card_but_not_the_count():
    tally = commitment.new_tally(CONFIG, [])
    first = Answer("a1", step("Ask my team", False))

    assert commitment.apply(tally, None, first) is True, "the count went up"
    assert commitment.results(item(), tally, True)["cards"] == []

    shared = Answer("a1", step("Ask my team", True))
    assert commitment.apply(tally, first, shared) is True
    assert cards(commitment.results(item(), tally, False)) == [("a1", "Ask my team")]

    unshared = Answer("a1", step("Ask my team", False))
    assert commitment.apply(tally, shared, unshared) is True
    results = commitment.results(item(), tally, True)
    assert results["cards"] == [] and results["shared"] == 0 and results["answers"] == 1
    assert "Ask my team" not in json.dumps(results)


def test_rewriting_a_private_step_changes_no_results():
    tally = commitment.new_tally(CONFIG, [])
    before = Answer("a1", step("One thing", False))
    commitment.apply(tally, None, before)
    seen = commitment.results(item(), tally, True)

    after = Answer("a1", step("Another thing", False))
    assert commitment.apply(tally, before, after) is False
    assert commitment.results(item(), tally, True) == seen
    assert commitment.apply(tally, after, Answer("a1", after.value, True)) is False


def test_a_changed_shared_step_moves_to_the_newest_place_a_moderation_keeps_it():
    stored = answers(step("Old"), step("Middle"), step("New"))
    tally = commitment.new_tally(CONFIG, stored)

    changed = Answer("a1", step("Old, reworded"))
    assert commitment.apply(tally, stored[0], changed) is True
    assert [c[0] for c in cards(commitment.results(item(), tally, True))] == ["a1", "a3", "a2"]

    hidden = Answer("a3", step("New"), True)
    assert commitment.apply(tally, stored[2], hidden) is True
    assert [c[0] for c in cards(commitment.results(item(), tally, True))] == ["a1", "a3", "a2"]
    assert commitment.apply(tally, hidden, hidden) is False


def test_removing_a_step_and_applying_one_by_one_equals_a_new_tally():
    stored = answers(step("A"), step(SECRET, False), step("C"), hidden=(3,))
    tally = commitment.new_tally(CONFIG, [])
    for answer in stored:
        commitment.apply(tally, None, answer)

    assert tally == commitment.new_tally(CONFIG, stored)
    assert commitment.apply(tally, stored[1], None) is True
    assert commitment.answer_count(tally) == 2
    assert commitment.apply(tally, None, None) is False


def test_a_highlight_shows_only_a_shared_visible_step():
    stored = answers(step("Shared"), step(SECRET, False), step("Hidden"), hidden=(3,))
    tally = commitment.new_tally(CONFIG, stored)

    assert commitment.results(item("a1"), tally, False)["highlight"] == {
        "id": "a1",
        "text": "Shared",
    }
    for answer_id in ("a2", "a3", "gone"):
        for moderator in (False, True):
            results = commitment.results(item(answer_id), tally, moderator)
            assert results["highlight"] is None
            assert SECRET not in json.dumps(results)


def test_the_listed_cards_are_capped_and_the_rest_counted():
    many = [step(f"Step {n}") for n in range(MAX_LISTED + 5)] + [step(SECRET, False)]
    tally = commitment.new_tally(CONFIG, answers(*many))

    results = commitment.results(item(), tally, False)

    assert len(results["cards"]) == MAX_LISTED
    assert results["cards"][0]["text"] == f"Step {MAX_LISTED + 4}"
    assert results["more"] == 5
    assert results["shared"] == MAX_LISTED + 5
    assert results["answers"] == MAX_LISTED + 6
