"""Tests for facilitation.domain.workshop: agenda navigation, item statuses and input checks."""

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.workshop import (
    CLOSED,
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    MAX_DISPLAY_NAME,
    MAX_MINUTES,
    MAX_TITLE,
    OPEN,
    PENDING,
    Agenda,
    AgendaItem,
    Workshop,
    check_answerable,
    clean_display_name,
    closed,
    new_join_code,
    normalize_join_code,
    opened,
    reopened,
    validate_minutes,
    validate_title,
)

POLL = True  # collects_answers of a poll
CONTENT = False  # collects_answers of a content card


def make_item(item_id="i1", position=0, minutes=5, kind="single_choice", **changes):
    return AgendaItem(
        id=item_id,
        workshop_id="w1",
        position=position,
        kind=kind,
        title=f"Item {item_id}",
        minutes=minutes,
        **changes,
    )


def make_workshop(current_item_id=None):
    return Workshop(
        id="w1",
        title="Workshop",
        language="en",
        join_code="ABCDEF",
        presenter_token="p",
        screen_token="s",
        current_item_id=current_item_id,
    )


@pytest.fixture
def agenda():
    """Three items of 5, 15 and 10 minutes, handed over out of order."""
    return Agenda(
        [
            make_item("c", position=2, minutes=10),
            make_item("a", position=0, minutes=5),
            make_item("b", position=1, minutes=15),
        ]
    )


# -- navigation ----------------------------------------------------------------


def test_agenda_orders_items_by_position(agenda):
    assert [item.id for item in agenda] == ["a", "b", "c"]
    assert len(agenda) == 3


def test_next_from_the_lobby_is_the_first_item(agenda):
    assert agenda.next_after(None).id == "a"


def test_next_walks_through_the_agenda(agenda):
    assert agenda.next_after("a").id == "b"
    assert agenda.next_after("b").id == "c"


def test_next_at_the_end_is_none(agenda):
    assert agenda.next_after("c") is None


def test_previous_walks_back(agenda):
    assert agenda.previous_before("c").id == "b"
    assert agenda.previous_before("b").id == "a"


def test_previous_from_the_first_item_is_none(agenda):
    assert agenda.previous_before("a") is None


def test_previous_from_the_lobby_is_none(agenda):
    assert agenda.previous_before(None) is None


@pytest.mark.parametrize("method", ["next_after", "previous_before", "item", "planned_start"])
@pytest.mark.parametrize("item_id", ["zzz", "", 7])
def test_unknown_item_ids_are_refused(agenda, method, item_id):
    with pytest.raises(Refusal) as refusal:
        getattr(agenda, method)(item_id)

    assert refusal.value.code == "unknown_item"


def test_item_returns_the_item_with_that_id(agenda):
    assert agenda.item("b").minutes == 15


def test_empty_agenda_has_no_next_item_and_no_minutes():
    agenda = Agenda([])

    assert agenda.next_after(None) is None
    assert agenda.previous_before(None) is None
    assert agenda.total_minutes == 0
    assert len(agenda) == 0


def test_total_minutes_adds_every_item(agenda):
    assert agenda.total_minutes == 30


def test_planned_start_adds_the_minutes_of_earlier_items(agenda):
    assert agenda.planned_start("a") == 0
    assert agenda.planned_start("b") == 5
    assert agenda.planned_start("c") == 20


def test_planned_start_counts_untimed_items_as_zero():
    agenda = Agenda([make_item("a", 0, minutes=0), make_item("b", 1, minutes=7)])

    assert agenda.planned_start("b") == 0
    assert agenda.total_minutes == 7


# -- item transitions -------------------------------------------------------------


def test_opening_a_pending_poll_opens_it_and_records_the_time():
    item = opened(make_item(), now=1234.5, collects_answers=POLL)

    assert item.status == OPEN
    assert item.opened_at == 1234.5


def test_opening_content_leaves_it_pending_but_records_the_time():
    item = opened(make_item(kind="content"), now=99.0, collects_answers=CONTENT)

    assert item.status == PENDING
    assert item.opened_at == 99.0


def test_opening_a_closed_poll_again_keeps_it_closed():
    item = opened(make_item(status=CLOSED, opened_at=1.0), now=2.0, collects_answers=POLL)

    assert item.status == CLOSED
    assert item.opened_at == 2.0


def test_opening_returns_a_copy_and_leaves_the_original():
    original = make_item()

    opened(original, now=5.0, collects_answers=POLL)

    assert original.status == PENDING
    assert original.opened_at is None


def test_closing_an_open_poll_closes_it():
    item = closed(make_item(status=OPEN, opened_at=3.0), collects_answers=POLL)

    assert item.status == CLOSED
    assert item.opened_at == 3.0


@pytest.mark.parametrize("status", [PENDING, OPEN, CLOSED])
def test_closing_content_is_refused(status):
    with pytest.raises(Refusal) as refusal:
        closed(make_item(kind="content", status=status), collects_answers=CONTENT)

    assert refusal.value.code == "not_answerable"


@pytest.mark.parametrize("status", [PENDING, CLOSED])
def test_closing_a_poll_that_is_not_open_is_refused(status):
    with pytest.raises(Refusal) as refusal:
        closed(make_item(status=status), collects_answers=POLL)

    assert refusal.value.code == "not_open"


def test_reopening_a_closed_poll_opens_it():
    item = reopened(make_item(status=CLOSED), collects_answers=POLL, now=1000.0)

    assert item.status == OPEN


@pytest.mark.parametrize("status", [PENDING, OPEN])
def test_reopening_a_poll_that_is_not_closed_is_refused(status):
    with pytest.raises(Refusal) as refusal:
        reopened(make_item(status=status), collects_answers=POLL, now=1000.0)

    assert refusal.value.code == "not_closed"


def test_reopening_content_is_refused():
    with pytest.raises(Refusal) as refusal:
        reopened(make_item(kind="content", status=CLOSED), collects_answers=CONTENT, now=1000.0)

    assert refusal.value.code == "not_answerable"


# -- answering -----------------------------------------------------------------


def test_the_open_current_poll_is_answerable():
    item = make_item("i1", status=OPEN)

    assert check_answerable(make_workshop("i1"), item, POLL) is None


@pytest.mark.parametrize("current_item_id", [None, "other"])
def test_answering_an_item_that_is_not_current_is_refused(current_item_id):
    with pytest.raises(Refusal) as refusal:
        check_answerable(make_workshop(current_item_id), make_item("i1", status=OPEN), POLL)

    assert refusal.value.code == "not_current"


def test_answering_a_closed_poll_is_refused():
    with pytest.raises(Refusal) as refusal:
        check_answerable(make_workshop("i1"), make_item("i1", status=CLOSED), POLL)

    assert refusal.value.code == "poll_closed"


def test_answering_a_pending_poll_is_refused():
    with pytest.raises(Refusal) as refusal:
        check_answerable(make_workshop("i1"), make_item("i1", status=PENDING), POLL)

    assert refusal.value.code == "not_open"


@pytest.mark.parametrize("status", [PENDING, OPEN])
def test_answering_content_is_refused(status):
    with pytest.raises(Refusal) as refusal:
        check_answerable(
            make_workshop("i1"), make_item("i1", kind="content", status=status), CONTENT
        )

    assert refusal.value.code == "not_answerable"


# Who may see an item's results: tests/domain/test_visibility.py.


# -- join codes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("abcdef", "ABCDEF"),
        ("ABC-DEF", "ABCDEF"),
        (" abc def ", "ABCDEF"),
        ("ab-c 2-3\t4", "ABC234"),
        ("", ""),
        ("--", ""),
    ],
)
def test_normalize_join_code(typed, expected):
    assert normalize_join_code(typed) == expected


def test_new_join_code_has_the_right_length_and_alphabet():
    codes = {new_join_code() for _ in range(300)}

    for code in codes:
        assert len(code) == JOIN_CODE_LENGTH
        assert set(code) <= set(JOIN_CODE_ALPHABET)
    assert len(codes) > 290  # random, not a constant


def test_join_code_alphabet_avoids_confusable_characters():
    assert not set("01IO") & set(JOIN_CODE_ALPHABET)


def test_a_new_join_code_survives_normalization_of_how_people_type_it():
    code = new_join_code()
    typed = f" {code[:3].lower()}-{code[3:]} "

    assert normalize_join_code(typed) == code


# -- display names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Anna", "Anna"),
        ("  Anna   Maria  ", "Anna Maria"),
        ("Anna\tMaria\nMüller", "Anna Maria Müller"),
        ("", ""),
        ("   ", ""),
        (None, ""),
        ("Zoë 🙂", "Zoë 🙂"),
    ],
)
def test_clean_display_name(raw, expected):
    assert clean_display_name(raw) == expected


def test_display_name_at_the_limit_is_accepted():
    assert clean_display_name("x" * MAX_DISPLAY_NAME) == "x" * MAX_DISPLAY_NAME


def test_display_name_length_counts_after_collapsing_whitespace():
    raw = "a" + " " * 100 + "b"

    assert clean_display_name(raw) == "a b"


def test_too_long_display_name_is_refused():
    with pytest.raises(Refusal) as refusal:
        clean_display_name("x" * (MAX_DISPLAY_NAME + 1))

    assert refusal.value.code == "name_too_long"
    assert refusal.value.params == {"limit": MAX_DISPLAY_NAME}


@pytest.mark.parametrize("raw", [42, 4.2, b"Anna", ["Anna"], {"name": "Anna"}, True])
def test_display_name_that_is_not_text_is_refused(raw):
    with pytest.raises(Refusal) as refusal:
        clean_display_name(raw)

    assert refusal.value.code == "invalid_name"


@pytest.mark.parametrize(
    "raw",
    ["An\x00na", "Anna\x07", "\x1b[31mAnna", "Anna\x7f", "Anna\u202eanna", "An\u200bna"],
)
def test_display_name_with_control_characters_is_refused(raw):
    with pytest.raises(Refusal) as refusal:
        clean_display_name(raw)

    assert refusal.value.code == "invalid_name"


# -- titles and minutes ------------------------------------------------------------


def test_validate_title_collapses_whitespace():
    assert validate_title("  Check-in:\n  how   are you? ") == "Check-in: how are you?"


def test_title_at_the_limit_is_accepted():
    assert validate_title("t" * MAX_TITLE) == "t" * MAX_TITLE


@pytest.mark.parametrize("raw", [None, "", "   ", "\n\t", 5, ["title"]])
def test_missing_title_is_refused(raw):
    with pytest.raises(Refusal) as refusal:
        validate_title(raw)

    assert refusal.value.code == "title_required"


def test_too_long_title_is_refused():
    with pytest.raises(Refusal) as refusal:
        validate_title("t" * (MAX_TITLE + 1))

    assert refusal.value.code == "title_too_long"
    assert refusal.value.params == {"limit": MAX_TITLE}


@pytest.mark.parametrize("minutes", [0, 1, 15, MAX_MINUTES])
def test_valid_minutes_are_returned(minutes):
    assert validate_minutes(minutes) == minutes


@pytest.mark.parametrize("minutes", [True, False, -1, MAX_MINUTES + 1, 5.0, "5", None])
def test_invalid_minutes_are_refused(minutes):
    with pytest.raises(Refusal) as refusal:
        validate_minutes(minutes)

    assert refusal.value.code == "invalid_minutes"
    assert refusal.value.params == {"limit": MAX_MINUTES}
