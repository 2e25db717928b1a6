"""CSV: a ZIP with one file per sheet of the workbook, UTF-8 with a BOM so Excel shows umlauts."""

from __future__ import annotations

import csv
import io
import zipfile

from .content import Export, Table, sheet_names

# German Excel splits on semicolons (the comma is its decimal mark); English Excel on commas.
DELIMITERS = {"de": ";", "en": ","}
ALLOWED_DELIMITERS = (";", ",")
BOM = "\ufeff"
# Excel treats a cell starting with these as a formula (CSV injection, OWASP): participants'
# texts must stay texts.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def default_delimiter(language: str) -> str:
    """The delimiter Excel expects in the workshop's language."""
    return DELIMITERS.get(language, ",")


def write(export: Export, delimiter: str | None = None) -> bytes:
    """The ZIP as bytes; ``delimiter`` ``;`` or ``,`` (None: by the workshop's language)."""
    delimiter = delimiter or default_delimiter(export.language)
    if delimiter not in ALLOWED_DELIMITERS:
        raise ValueError(f"delimiter must be one of {ALLOWED_DELIMITERS}, not {delimiter!r}")
    names = sheet_names(export)
    # "00" puts the overview before the polls ("02 …"); questions and cards sort last.
    names[0] = f"00 {names[0]}"
    names = iter(names)
    files = [(next(names), _overview(export))]
    for item in export.items:
        files.append((next(names), _item(item, export)))
    files.append((next(names), [export.questions.header, *export.questions.rows]))
    files.append((next(names), [export.cards.header, *export.cards.rows]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in files:
            archive.writestr(f"{name}.csv", _csv(rows, delimiter))
    return buffer.getvalue()


def _csv(rows: list[list], delimiter: str) -> bytes:
    text = io.StringIO()
    text.write(BOM)
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if value is None else _cell(value, delimiter) for value in row])
    return text.getvalue().encode("utf-8")


def _cell(value, delimiter: str):
    """Numbers with a decimal comma where the semicolon is the delimiter (German Excel);
    a text that Excel would run as a formula gets a leading apostrophe."""
    if isinstance(value, float) and delimiter == ";":
        return str(value).replace(".", ",")
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _overview(export: Export) -> list[list]:
    return [*([label, value] for label, value in export.facts), [], *_rows(export.overview)]


def _item(item, export: Export) -> list[list]:
    """Title, summary, result table, then the raw answers — or the title and the notice."""
    rows = [[item.title]]
    if not item.shown:
        return [*rows, [item.notice]]
    rows += [[label, value] for label, value in item.summary]
    if item.results is not None:
        rows += [[], *_rows(item.results)]
    if item.raw is not None:
        rows += [[], [export.names["answers"]], *_rows(item.raw)]
    return rows


def _rows(table: Table) -> list[list]:
    return [table.header, *table.rows]
