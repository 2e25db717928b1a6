"""Organizer accounts and workshop plans as plain domain rules."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from facilitation.domain.errors import Refusal
from facilitation.domain.organizers import (
    Organizer,
    check_new_password,
    clean_email,
    clean_organizer_name,
)
from facilitation.domain.workshop import (
    Workshop,
    retention_ends_at,
    validate_planned_date,
    validate_planned_minutes,
    validate_planned_start,
    validate_retention_days,
)

BERLIN = ZoneInfo("Europe/Berlin")
DAY = 86400


def workshop(**fields) -> Workshop:
    return Workshop("w1", "T", "de", "ABCDEF", "p", "s", **fields)


def test_email_is_trimmed_and_lower_cased():
    assert clean_email("  Maria.B@Example.ORG ") == "maria.b@example.org"


@pytest.mark.parametrize(
    "raw", ["", "maria", "@example.org", "a@b@c", "a b@c.de", None, 5, "x" * 250 + "@a.de"]
)
def test_impossible_emails_are_refused(raw):
    with pytest.raises(Refusal) as refused:
        clean_email(raw)
    assert refused.value.code == "invalid_email"


def test_passwords_must_be_long_enough_and_typed_twice_the_same():
    assert check_new_password("correct horse", "correct horse") == "correct horse"
    for password, repeated, code in [
        ("short", "short", "password_too_short"),
        ("long enough 1", "long enough 2", "passwords_differ"),
        (None, None, "password_too_short"),
        ("x" * 201, "x" * 201, "too_long"),
    ]:
        with pytest.raises(Refusal) as refused:
            check_new_password(password, repeated)
        assert refused.value.code == code


def test_organizer_names_are_tidied_and_bounded():
    assert clean_organizer_name("  Maria   Beispiel ") == "Maria Beispiel"
    assert clean_organizer_name(None) == ""
    for raw, code in [
        ("x" * 81, "name_too_long"),
        ("a\u202eb", "invalid_name"),
        (3, "invalid_name"),
    ]:
        with pytest.raises(Refusal) as refused:
            clean_organizer_name(raw)
        assert refused.value.code == code


def test_a_new_password_changes_the_session_reference():
    before = Organizer("o1", "a@b.de", password_hash="scrypt:...$aaaaaaaaaaaa")
    after = Organizer("o1", "a@b.de", password_hash="scrypt:...$bbbbbbbbbbbb")
    assert before.get_id() != after.get_id()
    assert before.get_id().startswith("o1.")
    assert not Organizer("o2", "c@d.de").has_password


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2027-03-18", "2027-03-18"), ("", None), (None, None), (dt.date(2027, 1, 2), "2027-01-02")],
)
def test_planned_dates(raw, expected):
    assert validate_planned_date(raw) == expected


@pytest.mark.parametrize("raw", ["2027-02-30", "18.03.2027", "2027-3-18", 20270318, "tomorrow"])
def test_impossible_planned_dates_are_refused(raw):
    with pytest.raises(Refusal) as refused:
        validate_planned_date(raw)
    assert refused.value.code == "invalid_date"


@pytest.mark.parametrize(
    ("raw", "expected"), [("9:30", "09:30"), ("23:59", "23:59"), (630, "10:30"), ("", None)]
)
def test_planned_start_times(raw, expected):
    assert validate_planned_start(raw) == expected


@pytest.mark.parametrize("raw", ["24:00", "12:60", "noon", "12.30", True, 1440, -1])
def test_impossible_start_times_are_refused(raw):
    with pytest.raises(Refusal) as refused:
        validate_planned_start(raw)
    assert refused.value.code == "invalid_time"


def test_retention_days_and_planned_length_are_bounded():
    assert validate_retention_days(None) is None
    assert validate_retention_days(90) == 90
    assert validate_planned_minutes(60) == 60
    for check, raw in [
        (validate_retention_days, 0),
        (validate_retention_days, 3651),
        (validate_retention_days, True),
        (validate_planned_minutes, 0),
        (validate_planned_minutes, "60"),
    ]:
        with pytest.raises(Refusal) as refused:
            check(raw)
        assert refused.value.code == "out_of_range"


def test_retention_counts_from_the_recorded_end():
    ended = workshop(ended_at=1_000_000.0, started_at=900_000.0)
    assert retention_ends_at(ended, 60, 30, BERLIN) == 1_000_000.0 + 30 * DAY
    assert (
        retention_ends_at(workshop(ended_at=5.0, retention_days=7), 60, 30, BERLIN) == 5 + 7 * DAY
    )


def test_an_unended_workshop_counts_as_ended_a_day_after_its_planned_end():
    planned = workshop(planned_date="2027-03-18", planned_start="10:00", planned_minutes=90)
    start = dt.datetime(2027, 3, 18, 10, 0, tzinfo=BERLIN).timestamp()
    expected = start + 90 * 60 + DAY + 30 * DAY
    assert retention_ends_at(planned, 60, 30, BERLIN) == expected
    # Without a planned length the agenda's minutes count.
    unsized = workshop(planned_date="2027-03-18", planned_start="10:00")
    assert retention_ends_at(unsized, 45, 30, BERLIN) == start + 45 * 60 + DAY + 30 * DAY


def test_a_started_workshop_without_a_date_counts_from_its_start():
    started = workshop(started_at=2_000_000.0)
    assert retention_ends_at(started, 60, 10, BERLIN) == 2_000_000 + 3600 + DAY + 10 * DAY


def test_a_draft_without_a_date_is_never_purged():
    assert retention_ends_at(workshop(), 60, 30, BERLIN) is None


def test_status_follows_start_and_end():
    assert workshop().status == "draft"
    assert workshop(started_at=1.0).status == "live"
    assert workshop(started_at=1.0, ended_at=2.0).status == "ended"
