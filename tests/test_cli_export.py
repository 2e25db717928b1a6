"""``flask export``: the four formats, where they go, and the errors a user can make."""

import json
import zipfile

from openpyxl import load_workbook
from pypdf import PdfReader

from tests.exports.every_kind import build_workshop


def test_json_goes_to_stdout_without_an_output(runner, store):
    workshop, _ = build_workshop(store, participants=4)

    result = runner.invoke(args=["export", workshop.id])

    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["workshop"]["title"] == workshop.title


def test_xlsx_and_csv_are_written_to_the_output_file(runner, store, tmp_path):
    workshop, _ = build_workshop(store, participants=4)
    book, archive = tmp_path / "results.xlsx", tmp_path / "results.zip"

    excel = runner.invoke(args=["export", workshop.id, "--format", "xlsx", "--output", str(book)])
    comma = runner.invoke(
        args=[
            "export",
            workshop.id,
            "--format",
            "csv",
            "--output",
            str(archive),
            "--delimiter",
            ",",
        ]
    )

    assert excel.exit_code == 0 and comma.exit_code == 0, excel.output + comma.output
    assert load_workbook(book).sheetnames[0] == "Übersicht"
    with zipfile.ZipFile(archive) as files:
        overview = files.read("00 Übersicht.csv").decode("utf-8-sig")
    assert overview.splitlines()[0] == f"Titel,{workshop.title}"


def test_a_binary_format_without_output_is_refused(runner, store):
    workshop, _ = build_workshop(store, participants=4)

    result = runner.invoke(args=["export", workshop.id, "--format", "xlsx"])

    assert result.exit_code == 2
    assert "--output" in result.output


def test_a_delimiter_for_another_format_and_an_unknown_workshop_are_refused(runner, store):
    workshop, _ = build_workshop(store, participants=4)

    delimiter = runner.invoke(args=["export", workshop.id, "--delimiter", ";"])
    missing = runner.invoke(args=["export", "nope", "--format", "json"])

    assert delimiter.exit_code == 2 and "csv only" in delimiter.output
    assert missing.exit_code == 1 and "no workshop with id nope" in missing.output


def test_json_written_to_a_file_is_the_same_as_on_stdout(runner, store, tmp_path):
    workshop, _ = build_workshop(store, participants=4)
    path = tmp_path / "results.json"

    runner.invoke(args=["export", workshop.id, "--output", str(path)])

    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(
        runner.invoke(args=["export", workshop.id]).output
    )


def test_pdf_writes_the_record_with_its_retention_date(runner, store, tmp_path):
    workshop, _ = build_workshop(store, participants=4)
    record = tmp_path / "record.pdf"

    result = runner.invoke(args=["export", workshop.id, "--format", "pdf", "--output", str(record)])
    refused = runner.invoke(args=["export", workshop.id, "--format", "pdf"])

    assert result.exit_code == 0, result.output
    text = " ".join(page.extract_text() for page in PdfReader(record).pages)
    assert workshop.title in text and "Daten werden gelöscht:" in text
    assert refused.exit_code == 2 and "--output" in refused.output
