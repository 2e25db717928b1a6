"""A series of workshops, side by side: the table the series page shows and its Excel file.

Read once from storage through each activity kind's own tally and results, like the
exports of one workshop (``content.py``); the matching, the anonymity rule and the
trend are ``domain/series.py``'s. A result below its workshop's anonymity threshold
is never read into a value at all.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..domain.kinds import get_kind
from ..domain.series import Column, Measure, Run, SeriesTable, build_table
from ..takeaway import check_in_summary
from .content import check_in_line, translations
from .xlsx import _append, _size

TOP_WORDS = 3
HIDDEN = "—"
HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")


def build(store, workshops, zone: dt.tzinfo = dt.UTC) -> SeriesTable:
    """The series table of ``workshops``, in the order of ``ordered``."""
    runs = [
        Run(
            workshop_id=workshop.id,
            title=workshop.title,
            language=workshop.language,
            date=date,
            joined=store.participant_count(workshop.id),
            measures=tuple(measure for source in MEASURES for measure in source(store, workshop)),
        )
        for workshop, date in ordered(workshops, zone)
    ]
    return build_table(runs)


def ordered(workshops, zone: dt.tzinfo = dt.UTC) -> list[tuple]:
    """``(workshop, date)`` pairs by date — planned, else the day it started or was made —
    then by creation."""
    pairs = [
        (workshop, workshop.planned_date or _day(workshop.started_at or workshop.created_at, zone))
        for workshop in workshops
    ]
    return sorted(pairs, key=lambda pair: (pair[1] or "", pair[0].created_at or 0))


def _day(epoch: float | None, zone: dt.tzinfo) -> str | None:
    if epoch is None:
        return None
    return dt.datetime.fromtimestamp(epoch, zone).date().isoformat()


def item_measures(store, workshop) -> list[Measure]:
    """One measure per rating (its mean) and word cloud (its top words) of the workshop."""
    found = []
    for item in store.items(workshop.id):
        if item.kind not in ITEM_VALUES:
            continue
        kind = get_kind(item.kind)
        tally = kind.new_tally(item.config, store.answers(item.id))
        count = kind.answer_count(tally)
        value = None
        if count >= workshop.anonymity_threshold:
            value = ITEM_VALUES[item.kind](kind.results(item, tally, False))
        found.append(
            Measure(
                kind=item.kind,
                title=item.title,
                answers=count,
                threshold=workshop.anonymity_threshold,
                value=value,
                scale=(item.config["minimum"], item.config["maximum"])
                if item.kind == "rating"
                else None,
                numeric=item.kind != "word_cloud",
            )
        )
    return found


def _mean(results: dict):
    return results["mean"]


def _top_words(results: dict):
    return tuple(f"{word['word']} ({word['count']})" for word in results["words"][:TOP_WORDS])


def check_in_measures(store, workshop) -> list[Measure]:
    """The Kaizen check: the share of steps done among check-ins (a trend), and the
    aggregate as a line — both only from the workshop's anonymity threshold on."""
    summary = check_in_summary(store, workshop)
    if not summary.steps:
        return []
    _ = translations(workshop.language).gettext
    done = None
    if summary.shown:
        done = round(100 * summary.counts["done"] / summary.checked, 1)
    return [
        Measure(
            kind="check_in_done",
            title=_("Kaizen check: steps done (percent of check-ins)"),
            answers=summary.checked,
            threshold=max(summary.threshold, 1),
            value=done,
            scale=(0, 100),
        ),
        Measure(
            kind="check_in",
            title=_("Kaizen check"),
            answers=summary.steps,
            threshold=1,
            value=(check_in_line(summary, _),),
            numeric=False,
        ),
    ]


# Which activities give a series column, and the value each contributes.
ITEM_VALUES = {"rating": _mean, "word_cloud": _top_words}
# Every source of per-workshop columns: ``source(store, workshop)`` yields ``Measure``s,
# and ``build_table`` keeps those that recur. A new column (e.g. a check-in's aggregate)
# is one more function here; the page and the Excel file lay out any numeric or text
# column as they are.
MEASURES = (item_measures, check_in_measures)


# -- Excel ----------------------------------------------------------------------


def header(table: SeriesTable, _) -> list[str]:
    """The table's column titles: the workshop's facts, then each recurring question."""
    titles = [_("No."), _("Workshop"), _("Date"), _("Participants joined")]
    for column in table.columns:
        question = {"question": column.label}
        if column.kind == "check_in_done":
            titles += [column.label, _("%(question)s (check-ins)") % question]
        elif column.numeric:
            titles += [
                _("%(question)s (mean)") % question,
                _("%(question)s (answers)") % question,
            ]
        elif column.kind == "word_cloud":
            titles.append(_("%(question)s (top words)") % question)
        else:
            titles.append(column.label)
    return titles


def rows(table: SeriesTable) -> list[list]:
    """One row per workshop: numbers as numbers, a date as a date, "—" for a hidden result."""
    found = []
    for index, run in enumerate(table.runs):
        row = [
            index + 1,
            run.title,
            dt.date.fromisoformat(run.date) if run.date else None,
            run.joined,
        ]
        for column in table.columns:
            row += _cells(column, index)
        found.append(row)
    return found


def _cells(column: Column, index: int) -> list:
    cell = column.cells[index]
    if column.numeric:
        if cell.hidden:
            return [HIDDEN, None]
        return [cell.value, cell.answers]
    if cell.hidden:
        return [HIDDEN]
    return [", ".join(cell.value) if cell.value else None]


def _mean_columns(table: SeriesTable) -> list[int]:
    """The spreadsheet columns (1-based) that hold a mean, as ``header`` lays them out."""
    found, column = [], 5
    for recurring in table.columns:
        if recurring.numeric:
            found.append(column)
            column += 2
        else:
            column += 1
    return found


def write_xlsx(table: SeriesTable, title: str, language: str) -> bytes:
    """The series table as one .xlsx sheet: a bold, shaded, frozen header; a note on "—"."""
    _ = translations(language).gettext
    book = Workbook()
    sheet = book.active
    sheet.title = _("Series")
    _append(sheet, header(table, _))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    means = _mean_columns(table)
    for row in rows(table):
        _append(sheet, row)
        sheet.cell(sheet.max_row, 3).number_format = "yyyy-mm-dd"
        for column in means:
            sheet.cell(sheet.max_row, column).number_format = "0.0"
    sheet.freeze_panes = "C2"
    _append(sheet, [])
    _append(sheet, [title])
    if table.has_hidden:
        _append(
            sheet,
            [
                _(
                    "— fewer answers than the workshop's anonymity threshold: the result is"
                    " not shown."
                )
            ],
        )
    _size(sheet)
    # The long note and title would widen the first columns; they may overflow instead.
    for letter in ("A", "B"):
        sheet.column_dimensions[letter].width = min(sheet.column_dimensions[letter].width, 40)
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["C"].width = 12
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
