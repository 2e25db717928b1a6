"""Excel workbook: an overview sheet, one sheet per poll with a native chart, questions, cards."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .content import Export, Table, sheet_names

BOLD = Font(bold=True)
MIN_WIDTH, MAX_WIDTH = 8, 60


def write(export: Export) -> bytes:
    """The workbook as .xlsx bytes."""
    book = Workbook()
    names = iter(sheet_names(export))
    overview = book.active
    overview.title = next(names)
    _overview(overview, export)
    for item in export.items:
        _item(book.create_sheet(next(names)), item, export)
    for table in (export.questions, export.cards):
        sheet = book.create_sheet(next(names))
        _table(sheet, table)
        _size(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _overview(sheet, export: Export) -> None:
    """Facts first (label, value), then the agenda table with its header frozen."""
    _append(sheet, [export.workshop.title])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in export.facts[1:]:
        _append(sheet, [label, value])
        sheet.cell(sheet.max_row, 1).font = BOLD
    _append(sheet, [])
    _table(sheet, export.overview)
    _size(sheet)


def _item(sheet, item, export: Export) -> None:
    """Title, summary or notice, the result table (frozen header), a chart, the raw answers."""
    _append(sheet, [item.title])
    sheet["A1"].font = Font(bold=True, size=14)
    if not item.shown:
        _append(sheet, [item.notice])
        _size(sheet)
        return
    for label, value in item.summary:
        _append(sheet, [label, value])
        sheet.cell(sheet.max_row, 1).font = BOLD
    _append(sheet, [])
    first = None
    if item.results is not None:
        first = _table(sheet, item.results)
        _chart(sheet, item, first)
        _append(sheet, [])
    if item.raw is not None:
        _append(sheet, [export.names["answers"]])
        sheet.cell(sheet.max_row, 1).font = BOLD
        _table(sheet, item.raw, freeze=first is None)
    _size(sheet)


def _table(sheet, table: Table, freeze: bool = True) -> int:
    """Append ``table``: header bold (and frozen below it), values as they are; return the
    header's row number."""
    _append(sheet, table.header)
    # The header has cells, so it is the last row (an appended empty row would not be).
    start = sheet.max_row
    for cell in sheet[start]:
        cell.font = BOLD
    for row in table.rows:
        _append(sheet, row)
    if freeze:
        sheet.freeze_panes = sheet.cell(start + 1, 1)
    return start


def _append(sheet, row: list) -> None:
    """Append a row of values, each kept as it is: texts without the control characters
    openpyxl refuses (one would fail the whole export), and never as a formula."""
    sheet.append([_cell(sheet, value) for value in row])


def _cell(sheet, value):
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith("="):
        return value
    # openpyxl stores a text starting with "=" as a formula, which Excel would run:
    # a participant's "=HYPERLINK(...)" must stay a text.
    cell = Cell(sheet, value=value)
    cell.data_type = "s"
    return cell


def _size(sheet) -> None:
    """Each column as wide as its longest value (within bounds)."""
    widths = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                length = max(len(line) for line in str(cell.value).splitlines() or [""])
                widths[cell.column] = max(widths.get(cell.column, 0), length)
    for column, width in widths.items():
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def _chart(sheet, item, header_row: int) -> None:
    """A native bar chart (labels, values) or scatter chart (label, x, y) of the result table."""
    rows = len(item.results.rows)
    if not rows or item.chart is None:
        return
    last = header_row + rows
    anchor = f"{get_column_letter(len(item.results.header) + 2)}{header_row}"
    if item.chart == "bar":
        labels_column, values_column = (c + 1 for c in item.chart_columns)
        chart = BarChart()
        chart.type = "bar" if item.kind in ("ranking", "points") else "col"
        chart.title = ILLEGAL_CHARACTERS_RE.sub("", item.title)[:100]
        chart.legend = None
        data = Reference(sheet, min_col=values_column, min_row=header_row, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(
            Reference(sheet, min_col=labels_column, min_row=header_row + 1, max_row=last)
        )
        if item.kind in ("ranking", "points"):
            # Best first reads top to bottom; Excel draws the first category at the bottom.
            chart.x_axis.scaling.orientation = "maxMin"
    else:
        _label, x_column, y_column = (c + 1 for c in item.chart_columns)
        chart = ScatterChart()
        chart.title = ILLEGAL_CHARACTERS_RE.sub("", item.title)[:100]
        chart.style = 13
        chart.x_axis.title = ILLEGAL_CHARACTERS_RE.sub("", item.results.header[x_column - 1])
        chart.y_axis.title = ILLEGAL_CHARACTERS_RE.sub("", item.results.header[y_column - 1])
        xs = Reference(sheet, min_col=x_column, min_row=header_row + 1, max_row=last)
        ys = Reference(sheet, min_col=y_column, min_row=header_row + 1, max_row=last)
        series = Series(ys, xs, title_from_data=False)
        series.marker.symbol = "circle"
        series.graphicalProperties.line.noFill = True
        chart.series.append(series)
        chart.legend = None
    # openpyxl 3.1 writes no <c:delete> for an axis unless told; without one, Excel may draw
    # the chart without its axes.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    sheet.add_chart(chart, anchor)
