"""The exports opened as their readers would: the workbook with openpyxl, the CSV files of
the ZIP, the JSON re-imported — and in every format no identity, no key, no join order,
and nothing of a poll below the anonymity threshold but its notice."""

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.chart import BarChart, ScatterChart

from facilitation.domain.errors import Refusal
from facilitation.domain.workshop import opened
from facilitation.exports import export
from facilitation.exports.content import translations
from facilitation.workshops import create_workshop, end_workshop
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

FORMATS = ("xlsx", "csv", "json")
NOTICE_DE = f"Weniger als {THRESHOLD} Antworten – nicht angezeigt"
SHEETS_DE = [
    "Übersicht",
    "02 Wie geht Ihr Team mit Fehler",
    "03 Was hilft Ihnen",
    "04 Wie hilfreich war der Impuls",
    "05 Was zuerst",
    "06 Budget verteilen",
    "07 Aufwand und Nutzen",
    "08 Was bremst neue Ideen",
    "09 Was nehmen Sie mit",
    "10 Was heißt Kaizen",
    f"13 {SMALL_POLL}",
    "14 Mein nächster kleiner Schrit",
    "Fragen",
    "Karten der Gruppenarbeit",
]


@pytest.fixture
def built(store):
    """A German workshop with every kind, 12 participants and their answers."""
    return build_workshop(store, participants=12)


def item_titled(store, workshop, title):
    return next(item for item in store.items(workshop.id) if item.title == title)


def join_order_values(store, item, people):
    """The participants' stored answers to ``item`` in the order they joined."""
    return [store.answer_of(item, person.id).value for person in people]


def everything_in(fmt: str, data: bytes) -> str:
    """All text a format's bytes carry (the XML parts of the workbook, every CSV file)."""
    if fmt == "json":
        return data.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def csv_files(data: bytes, delimiter: str) -> dict[str, list[list[str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(
                csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")), delimiter=delimiter)
            )
            for name in archive.namelist()
        }


# -- Excel -------------------------------------------------------------------------


def test_the_workbook_has_an_overview_a_sheet_per_poll_questions_and_cards(store, built):
    workshop, people = built

    book = load_workbook(io.BytesIO(export(store, workshop.id, "xlsx")))

    assert book.sheetnames == SHEETS_DE
    for name in book.sheetnames:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
    overview = book["Übersicht"]
    assert overview["A1"].value == workshop.title
    facts = {row[0]: row[1] for row in overview.iter_rows(min_row=2, max_row=8, values_only=True)}
    assert facts["Teilnehmende beigetreten"] == 12
    assert facts["Datum"] == "2027-03-18"


def test_a_poll_sheet_has_its_counts_as_numbers_under_a_bold_frozen_header_and_a_chart(
    store, built
):
    workshop, people = built
    item = item_titled(store, workshop, "Wie geht Ihr Team mit Fehlern um?")
    learn_together = join_order_values(store, item, people).count("o3")

    sheet = load_workbook(io.BytesIO(export(store, workshop.id, "xlsx")))[SHEETS_DE[1]]

    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in rows if row[0].value == "Option")
    assert [cell.value for cell in header[:3]] == ["Option", "Anzahl", "Prozent"]
    assert all(cell.font.bold for cell in header[:3])
    assert sheet.freeze_panes == f"A{header[0].row + 1}"
    counts = {row[0].value: row[1].value for row in rows[header[0].row : header[0].row + 3]}
    assert counts["Gemeinsam lernen"] == learn_together
    assert all(isinstance(count, int) for count in counts.values())
    assert sheet.column_dimensions["A"].width > 8
    assert [type(chart) for chart in sheet._charts] == [BarChart]


@pytest.mark.parametrize(
    ("sheet", "chart"),
    [
        (SHEETS_DE[2], BarChart),
        (SHEETS_DE[3], BarChart),
        (SHEETS_DE[4], BarChart),
        (SHEETS_DE[5], BarChart),
        (SHEETS_DE[6], ScatterChart),
        (SHEETS_DE[9], BarChart),
    ],
)
def test_every_kind_with_a_chart_gets_its_native_chart(store, built, sheet, chart):
    workshop, _ = built

    book = load_workbook(io.BytesIO(export(store, workshop.id, "xlsx")))

    assert [type(found) for found in book[sheet]._charts] == [chart]
    found = book[sheet]._charts[0]
    assert found.x_axis.delete is False and found.y_axis.delete is False, "axes are drawn"


def test_the_rating_sheet_has_mean_and_median_as_numbers(store, built):
    workshop, people = built
    values = join_order_values(
        store, item_titled(store, workshop, "Wie hilfreich war der Impuls?"), people
    )

    sheet = load_workbook(io.BytesIO(export(store, workshop.id, "xlsx")))[SHEETS_DE[3]]

    summary = {row[0]: row[1] for row in sheet.iter_rows(max_row=5, values_only=True)}
    assert summary["Antworten"] == 12
    assert summary["Mittelwert"] == round(sum(values) / len(values) + 1e-9, 1)
    assert isinstance(summary["Median"], int | float)


def test_questions_and_cards_sheets(store, built):
    workshop, _ = built

    book = load_workbook(io.BytesIO(export(store, workshop.id, "xlsx")))

    questions = list(book["Fragen"].iter_rows(values_only=True))
    assert questions[0] == ("Frage", "Stimmen", "Status", "Beantwortet", "Angeheftet", "Name")
    assert questions[1] == ("Wie fange ich morgen an?", 6, "beantwortet", "ja", "nein", SHOWN_NAME)
    assert questions[2] == ("Was sagt die Leitung dazu?", 4, "offen", "nein", "ja", None)
    assert len(questions) == 3, "pending and hidden questions are left out"
    cards = list(book["Karten der Gruppenarbeit"].iter_rows(values_only=True))
    assert cards[0][:2] == ("Aktivität", "Leitfrage")
    assert len(cards) == 1 + 12
    assert {row[3] for row in cards[1:]} == {"Die Mutigen", None}
    assert sum(row[5] == "ja" for row in cards[1:]) == 4


# -- CSV ---------------------------------------------------------------------------


def test_the_csv_zip_has_one_file_per_sheet_with_a_bom_semicolons_and_umlauts(store, built):
    workshop, _ = built

    data = export(store, workshop.id, "csv")

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        raw = {name: archive.read(name) for name in names}
    assert names == ["00 Übersicht.csv", *[f"{sheet}.csv" for sheet in SHEETS_DE[1:]]]
    assert all(content.startswith("\ufeff".encode()) for content in raw.values())
    files = csv_files(data, ";")
    cards = files["Karten der Gruppenarbeit.csv"]
    assert cards[0] == [
        "Aktivität",
        "Leitfrage",
        "Gruppe",
        "Gruppenname",
        "Karte",
        "Ins Plenum geholt",
    ]
    assert cards[1][4].startswith("Karte über Größe und Übung")
    rating = files[f"{SHEETS_DE[3]}.csv"]
    assert [len(row) for row in rating if row][-1] == 1, "a semicolon file splits on semicolons"


def test_an_english_workshop_gets_commas_and_either_can_be_chosen(store):
    workshop, _ = build_workshop(store, participants=5, language="en")

    english = export(store, workshop.id, "csv")
    chosen = export(store, workshop.id, "csv", delimiter=";")

    overview = csv_files(english, ",")["00 Overview.csv"]
    assert overview[0] == ["Title", workshop.title]
    assert ["Participants joined", "5"] in overview
    assert ["Participants joined", "5"] in csv_files(chosen, ";")["00 Overview.csv"]
    with pytest.raises(ValueError):
        export(store, workshop.id, "csv", delimiter="\t")


def test_german_csv_writes_decimals_with_a_comma(store, built):
    workshop, _ = built

    rating = csv_files(export(store, workshop.id, "csv"), ";")[f"{SHEETS_DE[3]}.csv"]

    mean = next(row[1] for row in rating if row and row[0] == "Mittelwert")
    assert "," in mean and "." not in mean


# -- JSON --------------------------------------------------------------------------


def test_the_json_re_imports_as_a_new_workshop_through_flask_import(runner, store, built, tmp_path):
    workshop, _ = built
    path = tmp_path / "export.json"
    written = runner.invoke(args=["export", workshop.id, "--format", "json", "--output", str(path)])
    assert written.exit_code == 0, written.output

    imported = runner.invoke(args=["import", str(path)])

    assert imported.exit_code == 0, imported.output
    copy = store.workshops()[-1]
    assert copy.id != workshop.id and copy.title == workshop.title
    original_agenda = runner.invoke(args=["agenda", workshop.id]).output
    assert runner.invoke(args=["agenda", copy.id]).output == original_agenda
    assert store.participant_count(copy.id) == 0


def test_the_json_has_results_per_item_and_every_agenda_item(store, built):
    workshop, people = built

    document = json.loads(export(store, workshop.id, "json"))

    assert set(document) >= {"agenda", "workshop", "participants", "items", "questions", "cards"}
    assert document["participants"] == 12
    assert len(document["items"]) == len(store.items(workshop.id))
    ranking = next(item for item in document["items"] if item["kind"] == "ranking")
    assert ranking["results"]["header"][:3] == ["Rang", "Option", "Borda-Punkte"]
    points = sum(row[2] for row in ranking["results"]["rows"])
    assert points == 12 * (0 + 1 + 2), "Borda points: n-1 for a first place … 0 for the last"
    words = next(item for item in document["items"] if item["kind"] == "word_cloud")
    assert words["results"]["header"] == ["Wort", "Anzahl"]
    content = next(item for item in document["items"] if item["kind"] == "content")
    assert "results" not in content and content["planned_start"] == "09:30"


# -- privacy, in every format ------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_identity_key_or_hidden_text_in_any_format(app, store, built, fmt):
    workshop, people = built
    text = everything_in(fmt, export(store, workshop.id, fmt))

    assert SHOWN_NAME in text, (
        "the one name shown with a question is there (the check reads it all)"
    )
    assert_no_identity_leaks(text, app, workshop, people)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_poll_below_the_threshold_shows_only_the_notice(store, built, fmt):
    workshop, _ = built

    data = export(store, workshop.id, fmt)

    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(data))[f"13 {SMALL_POLL}"]
        assert list(sheet.iter_rows(values_only=True)) == [(SMALL_POLL,), (NOTICE_DE,)]
    elif fmt == "csv":
        assert csv_files(data, ";")[f"13 {SMALL_POLL}.csv"] == [[SMALL_POLL], [NOTICE_DE]]
    else:
        small = next(item for item in json.loads(data)["items"] if item["title"] == SMALL_POLL)
        assert small["shown"] is False and small["notice"] == NOTICE_DE
        assert not {"summary", "results", "answers"} & set(small)
    assert SMALL_ANSWER not in everything_in(fmt, data)


def test_a_commitment_counts_every_step_and_lists_only_the_visible_shared_ones(store, built):
    workshop, _ = built
    item = item_titled(store, workshop, COMMITMENT)
    stored = store.answers(item.id)
    shared = sorted(a.value["text"] for a in stored if a.value["shared"] and not a.hidden)
    assert len(stored) == 12 and 0 < len(shared) < 12, "the fixture has both kinds of step"
    _ = translations("de").gettext

    document = json.loads(export(store, workshop.id, "json"))

    steps = next(entry for entry in document["items"] if entry["kind"] == "commitment")
    assert steps["summary"] == [[_("Steps written"), 12], [_("Shared anonymously"), len(shared)]]
    assert steps["results"] is None
    assert steps["answers"] == {"header": [_("Shared step")], "rows": [[t] for t in shared]}
    overview = next(row for row in document["overview"]["rows"] if row[1] == COMMITMENT)
    assert overview[-1] == 12, "the overview counts every step written"
    book = load_workbook(io.BytesIO(export(store, workshop.id, "xlsx")))
    rows = list(book["14 Mein nächster kleiner Schrit"].iter_rows(values_only=True))
    assert (_("Steps written"), 12) in rows and (_("Shared anonymously"), len(shared)) in rows
    for fmt in FORMATS:
        text = everything_in(fmt, export(store, workshop.id, fmt))
        assert all(step in text for step in shared)
        assert UNSHARED_STEP not in text and HIDDEN_STEP not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_commitment_below_the_threshold_shows_only_the_notice(store, fmt):
    definition = {
        "title": "Zwei Schritte",
        "language": "de",
        "anonymity_threshold": THRESHOLD,
        "items": [{"kind": "commitment", "title": COMMITMENT, "minutes": 2, "config": {}}],
    }
    workshop = create_workshop(store, definition)
    (item,) = store.items(workshop.id)
    for number, shared in enumerate((True, False)):
        person = store.add_participant(workshop.id, f"Person{number}")
        store.save_answer(item, person.id, {"text": f"Schritt STEP{number}", "shared": shared})

    data = export(store, workshop.id, fmt)

    text = everything_in(fmt, data)
    assert NOTICE_DE in text
    assert "STEP0" not in text and "STEP1" not in text
    if fmt == "json":
        (entry,) = json.loads(data)["items"]
        assert entry["shown"] is False and not {"summary", "results", "answers"} & set(entry)


def test_the_notice_is_translated(store):
    workshop, _ = build_workshop(store, participants=4, language="en")

    document = json.loads(export(store, workshop.id, "json"))

    small = next(item for item in document["items"] if item["title"] == SMALL_POLL)
    assert small["notice"] == f"Fewer than {THRESHOLD} answers — not shown"
    assert translations("de").gettext("Fewer than %(threshold)s answers — not shown") != (
        "Fewer than %(threshold)s answers — not shown"
    )


def rating_rows(fmt: str, data: bytes) -> list:
    """The raw rating answers as the format lists them, in file order."""
    if fmt == "xlsx":
        rows = list(load_workbook(io.BytesIO(data))[SHEETS_DE[3]].iter_rows(values_only=True))
        start = next(i for i, row in enumerate(rows) if row[0] == "Einzelne Antworten")
        return [row[0] for row in rows[start + 2 :]]
    if fmt == "csv":
        rows = csv_files(data, ";")[f"{SHEETS_DE[3]}.csv"]
        start = next(i for i, row in enumerate(rows) if row == ["Einzelne Antworten"])
        return [int(row[0]) for row in rows[start + 2 :]]
    item = next(i for i in json.loads(data)["items"] if i["kind"] == "rating")
    return [row[0] for row in item["answers"]["rows"]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_raw_answers_are_sorted_by_value_not_in_join_order(store, built, fmt):
    workshop, people = built
    item = item_titled(store, workshop, "Wie hilfreich war der Impuls?")
    joined = join_order_values(store, item, people)
    assert joined != sorted(joined), (
        "the fixture must answer out of order for this to mean anything"
    )

    listed = rating_rows(fmt, export(store, workshop.id, fmt))

    assert listed == sorted(joined)


def test_no_export_column_names_a_participant(store, built):
    workshop, _ = built

    document = json.loads(export(store, workshop.id, "json"))

    headers = [
        h.lower()
        for item in document["items"]
        for key in ("results", "answers")
        if item.get(key)
        for h in item[key]["header"]
    ]
    assert not {"participant", "teilnehmende", "nummer", "number", "id"} & set(headers)


def test_an_unknown_workshop_is_refused(store):
    with pytest.raises(Refusal):
        export(store, "nope", "json")


def test_a_text_that_looks_like_a_formula_stays_a_text(store, built):
    """A participant's '=HYPERLINK(...)' must not become a formula Excel runs."""
    workshop, people = built
    item = item_titled(store, workshop, "Was nehmen Sie mit?")
    formula = '=HYPERLINK("http://example.org","klick")'
    store.save_answer(item, people[1].id, formula)

    sheet = load_workbook(io.BytesIO(export(store, workshop.id, "xlsx")))[SHEETS_DE[8]]
    rows = csv_files(export(store, workshop.id, "csv"), ";")[f"{SHEETS_DE[8]}.csv"]

    cell = next(c for row in sheet.iter_rows() for c in row if c.value == formula)
    assert cell.data_type == "s"
    assert ["'" + formula] in rows


def test_the_overview_has_planned_and_actual_times_per_item(store, built):
    """Actual minutes run from an item's opening to the next opening, the last to the end."""
    workshop, _ = built
    welcome, choice, multiple = store.items(workshop.id)[:3]
    start = dt.datetime(2027, 3, 18, 9, 31, tzinfo=dt.UTC).timestamp()
    for item, at in ((welcome, start), (choice, start + 90), (multiple, start + 300)):
        workshop = store.set_current_item(workshop, opened(item, at, item.kind != "content"))
    end_workshop(store, workshop, start + 420)

    book = load_workbook(io.BytesIO(export(store, workshop.id, "xlsx")))

    rows = list(book["Übersicht"].iter_rows(values_only=True))
    header = rows.index(
        (
            "Nr.",
            "Aktivität",
            "Art",
            "Geplanter Beginn",
            "Geplante Minuten",
            "Geöffnet um",
            "Tatsächliche Minuten",
            "Antworten",
        )
    )
    agenda = rows[header + 1 : header + 4]
    assert agenda == [
        (1, "Willkommen", "Inhalt", "09:30", 2, "2027-03-18 09:31", 1.5, None),
        (
            2,
            "Wie geht Ihr Team mit Fehlern um?",
            "Einfachauswahl",
            "09:32",
            3,
            "2027-03-18 09:32",
            3.5,
            12,
        ),
        (3, "Was hilft Ihnen?", "Mehrfachauswahl", "09:35", 3, "2027-03-18 09:36", 2.0, 12),
    ]
    facts = dict(row[:2] for row in rows[1:header] if row[0])
    assert facts["Begonnen"] == "2027-03-18 09:31" and facts["Beendet"] == "2027-03-18 09:38"


def test_a_control_character_in_stored_text_does_not_break_the_workbook(store, built):
    """Older rows or an imported agenda may hold characters openpyxl refuses."""
    workshop, _ = built
    item = item_titled(store, workshop, "Was hilft Ihnen?")
    store.db["agenda_items"].update(item.id, {"title": "Was hilft\x0b Ihnen?"})

    book = load_workbook(io.BytesIO(export(store, workshop.id, "xlsx")))

    assert book["03 Was hilft Ihnen"]["A1"].value == "Was hilft Ihnen?"
