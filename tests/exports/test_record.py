"""The printable record opened as its readers would: the PDF's text extracted with pypdf, and
the HTML page it is made from — the same privacy rules as every other export."""

import io
import re

import pytest
from pypdf import PdfReader

from facilitation.exports import export
from facilitation.exports.content import build, translations
from facilitation.exports.record import render_html
from tests.exports.every_kind import (
    COMMITMENT,
    HIDDEN_STEP,
    SHOWN_NAME,
    SMALL_ANSWER,
    SMALL_POLL,
    THRESHOLD,
    UNSHARED_STEP,
    assert_no_identity_leaks,
    build_workshop,
)

DELETES = "18.04.2027"


def pdf_text(data: bytes) -> str:
    """All pages' text, with runs of white space made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def built(store):
    """A German workshop with every kind, 12 participants and their answers."""
    return build_workshop(store, participants=12)


@pytest.fixture
def pdf(store, built):
    workshop, _ = built
    return export(store, workshop.id, "pdf", deletes=DELETES)


def test_the_pdf_is_a4_with_page_numbers_and_the_title_on_every_page(store, built, pdf):
    workshop, _ = built
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)

    assert pdf.startswith(b"%PDF-") and pages > 1
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842), "A4 in points"
        text = " ".join(page.extract_text().split())
        assert workshop.title in text
        assert f"{number} / {pages}" in text
        assert f"Daten werden gelöscht: {DELETES}" in text


def test_the_pdf_has_the_agenda_every_poll_title_questions_and_harvested_cards(store, built, pdf):
    workshop, _ = built
    text = pdf_text(pdf)

    for item in store.items(workshop.id):
        assert item.title in text
    assert "Ablauf" in text, "the agenda (its narrow headers are hyphenated, so not read here)"
    assert "Wie fange ich morgen an?" in text and SHOWN_NAME in text
    assert "Geerntete Karten der Gruppenarbeit" in text


def test_the_pdf_carries_a_known_result(store, built, pdf):
    workshop, _ = built
    content = build(store, workshop.id)
    choice = next(item for item in content.items if item.kind == "single_choice")
    label, count, _percent = choice.results.rows[0]
    rating = next(item for item in content.items if item.kind == "rating")
    mean = dict(rating.summary)["Mittelwert"]

    text = pdf_text(pdf)

    assert re.search(rf"{re.escape(label)} {count} ", text), "the option's count in its table"
    assert f"Mittelwert {str(mean).replace('.', ',')}" in text


def test_a_poll_below_the_threshold_shows_only_its_notice(pdf):
    text = pdf_text(pdf)

    assert f"{SMALL_POLL} Weniger als {THRESHOLD} Antworten – nicht angezeigt" in text
    assert SMALL_ANSWER not in text


def test_no_identity_key_or_hidden_text_in_the_pdf_or_the_page(app, store, built, pdf):
    workshop, people = built
    page = render_html(build(store, workshop.id), store, DELETES)

    for text in (pdf_text(pdf), page):
        assert_no_identity_leaks(text, app, workshop, people)


def test_the_record_shows_the_steps_written_and_the_shared_steps_as_cards(store, built, pdf):
    workshop, _ = built
    item = next(i for i in store.items(workshop.id) if i.title == COMMITMENT)
    shared = sorted(
        a.value["text"] for a in store.answers(item.id) if a.value["shared"] and not a.hidden
    )
    _ = translations("de").gettext
    page = render_html(build(store, workshop.id), store, DELETES)

    cards = re.search(r'<ul class="step-cards">(.*?)</ul>', page, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", cards) == shared
    assert f"{_('Steps written')}: <strong>12</strong>" in page
    assert f"{_('Shared anonymously')}: <strong>{len(shared)}</strong>" in page
    text = pdf_text(pdf)
    assert all(step in text for step in shared)
    assert UNSHARED_STEP not in page + text and HIDDEN_STEP not in page + text


def test_answered_questions_come_first_then_by_votes(store, built):
    workshop, _ = built
    page = render_html(build(store, workshop.id), store, DELETES)
    section = page.split('id="questions-title"')[1]

    assert section.index("Wie fange ich morgen an?") < section.index("Was sagt die Leitung dazu?")


def test_only_harvested_cards_grouped_by_prompt(store, built):
    workshop, _ = built
    content = build(store, workshop.id)
    page = render_html(content, store, DELETES).split('id="cards-title"')[1]
    harvested = [row for row in content.cards.rows if row[5] == "ja"]
    left = [row for row in content.cards.rows if row[5] == "nein"]

    assert harvested and left, "the fixture must have both for this to mean anything"
    for row in harvested:
        assert row[4] in page and f"{row[0]}: {row[1]}" in page
    for row in left:
        assert f"<li>{row[4]}" not in page


def test_the_page_has_charts_as_svg_no_inline_style_and_no_remote_reference(store, built):
    workshop, _ = built
    page = render_html(build(store, workshop.id), store, DELETES, "/static/css/record.css")

    assert page.count("<svg") >= 8, "one chart per poll with a result drawn"
    assert "style=" not in page and "<style" not in page
    assert '<link rel="stylesheet" href="/static/css/record.css">' in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page


def test_an_english_record_is_in_english(store):
    workshop, _ = build_workshop(store, participants=4, language="en")

    text = pdf_text(export(store, workshop.id, "pdf", deletes="Apr 18, 2027"))

    assert "Agenda" in text and "Questions" in text
    assert f"Fewer than {THRESHOLD} answers — not shown" in text
    assert "Data to be deleted on Apr 18, 2027" in text
