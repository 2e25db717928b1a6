"""The .ics reminder: RFC 5545 line ends, folding, escaping and an all-day date."""

import datetime as dt

from facilitation.domain.calendar import escape_text, fold, reminder


def test_text_values_escape_what_rfc_5545_reserves():
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "DESCRIPTION:" + "ä" * 100
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join(piece[1:] if n else piece for n, piece in enumerate(pieces)) == line


def test_the_reminder_is_one_all_day_event_with_an_alarm():
    text = reminder(
        uid="abc-2w@facilitation",
        day=dt.date(2027, 3, 4),
        summary="Check: my next small step",
        description="Step: ask, then act\nLink: https://example.org/check/x",
        url="https://example.org/check/x",
        created=dt.datetime(2027, 2, 18, 10, 30, tzinfo=dt.UTC),
    )
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.replace("\r\n ", "").split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    assert "DTSTART;VALUE=DATE:20270304" in lines
    assert "DTEND;VALUE=DATE:20270305" in lines
    assert "DTSTAMP:20270218T103000Z" in lines
    assert "SUMMARY:Check: my next small step" in lines
    assert "DESCRIPTION:Step: ask\\, then act\\nLink: https://example.org/check/x" in lines
    assert lines.count("BEGIN:VEVENT") == 1 and "BEGIN:VALARM" in lines
