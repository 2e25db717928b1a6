"""A series of workshops and what an organizer learns across it: the questions that recur
from workshop to workshop, their results per workshop, and the trend of each number.

Plain Python: the measures come in already read (``facilitation/exports/series.py`` reads
them through each kind's own tally), so this module decides only matching, recurrence,
the anonymity rule and the trend's geometry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .errors import Refusal

MAX_SERIES_TITLE = 200
# A question recurs when it appears in at least this many workshops of the series.
RECURRING = 2
# Punctuation a title may end with without being another question ("Wie zufrieden?").
TRAILING_PUNCTUATION = re.compile(r"[\s.,;:!?…]+$")


@dataclass(frozen=True)
class Series:
    """Workshops an organizer groups to learn across them; it exists while it holds one."""

    id: str
    owner_id: str
    title: str
    created_at: float


def validate_series_title(raw) -> str:
    """A series name: not empty, at most MAX_SERIES_TITLE characters, spaces collapsed."""
    if not isinstance(raw, str) or not raw.strip():
        raise Refusal("series_title_required")
    title = " ".join(raw.split())
    if len(title) > MAX_SERIES_TITLE:
        raise Refusal("series_title_too_long", limit=MAX_SERIES_TITLE)
    return title


def question_key(title: str) -> str:
    """What makes two activity titles the same question: case, spacing and end punctuation
    do not count ("Wie  zufrieden sind Sie?" is "wie zufrieden sind sie")."""
    return TRAILING_PUNCTUATION.sub("", " ".join(title.split())).casefold()


@dataclass(frozen=True)
class Measure:
    """What one activity (or another source) of one workshop yields for the series table.

    ``value`` is a number (a mean) or a tuple of texts (top words); None without answers.
    It is never passed on when ``answers`` is below ``threshold``.
    """

    kind: str
    title: str
    answers: int
    threshold: int
    value: float | tuple[str, ...] | None = None
    # The lowest and highest possible value of a number (a rating's scale), for the chart.
    scale: tuple[int, int] | None = None
    numeric: bool = True  # a number with a trend, or texts (words)

    @property
    def key(self) -> tuple[str, str]:
        """Measures with the same key are the same question in different workshops."""
        return (self.kind, question_key(self.title))

    @property
    def shown(self) -> bool:
        """Whether enough people answered for the result to be shown."""
        return self.answers >= self.threshold


@dataclass(frozen=True)
class Run:
    """One workshop of the series, as the table lists it."""

    workshop_id: str
    title: str
    language: str
    date: str | None  # "YYYY-MM-DD": planned, else the day it started or was made
    joined: int
    measures: tuple[Measure, ...] = ()


@dataclass(frozen=True)
class Cell:
    """One workshop's result in one column: a value, or why there is none."""

    value: float | tuple[str, ...] | None = None
    answers: int | None = None
    missing: bool = False  # the workshop did not ask this question
    hidden: bool = False  # fewer answers than the workshop's threshold


@dataclass
class Column:
    """A recurring question: its label (as the earliest workshop wrote it) and one cell per
    run, in the runs' order."""

    kind: str
    key: str
    label: str
    numeric: bool
    cells: list[Cell] = field(default_factory=list)
    scale: tuple[int, int] | None = None

    def trend(self) -> Trend | None:
        """The numbers of this column for a chart (None for a column of words)."""
        if not self.numeric:
            return None
        return Trend(self, [_number(cell) for cell in self.cells])


@dataclass
class SeriesTable:
    """Workshop by workshop (rows) with the recurring questions (columns)."""

    runs: list[Run]
    columns: list[Column]

    @property
    def has_hidden(self) -> bool:
        """Whether any cell is left out for the anonymity threshold (the page notes why)."""
        return any(cell.hidden for column in self.columns for cell in column.cells)


def build_table(runs: Iterable[Run]) -> SeriesTable:
    """The series table: runs in the given order, one column per measure that recurs
    (same kind, same normalized title) in at least RECURRING workshops.

    Numbers come first, then words, each in the order of their first appearance. A
    workshop that asks the same question twice counts its first one.
    """
    runs = list(runs)
    first: dict[tuple[str, str], Measure] = {}
    per_run: list[dict[tuple[str, str], Measure]] = []
    for run in runs:
        found: dict[tuple[str, str], Measure] = {}
        for measure in run.measures:
            found.setdefault(measure.key, measure)
            first.setdefault(measure.key, measure)
        per_run.append(found)
    columns = []
    for key, measure in first.items():
        if sum(key in found for found in per_run) < RECURRING:
            continue
        column = Column(
            kind=measure.kind,
            key=key[1],
            label=measure.title,
            numeric=measure.numeric,
        )
        column.cells = [_cell(found.get(key)) for found in per_run]
        column.scale = _scale(found[key].scale for found in per_run if key in found)
        columns.append(column)
    columns.sort(key=lambda column: not column.numeric)
    return SeriesTable(runs, columns)


def _cell(measure: Measure | None) -> Cell:
    if measure is None:
        return Cell(missing=True)
    if not measure.shown:
        return Cell(hidden=True)
    return Cell(value=measure.value, answers=measure.answers)


def _number(cell: Cell) -> float | None:
    """The cell's value if it is a number (not a list of words, not true or false)."""
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None


def _countable(cell: Cell) -> bool:
    return _number(cell) is not None


def _scale(scales: Iterable[tuple[int, int] | None]) -> tuple[int, int] | None:
    known = [scale for scale in scales if scale is not None]
    if not known:
        return None
    return (min(low for low, _high in known), max(high for _low, high in known))


@dataclass(frozen=True)
class Point:
    """One workshop on a trend chart: its number (1, 2, …), its value and where it sits."""

    number: int
    value: float | None
    x: float
    y: float | None


@dataclass
class Trend:
    """A recurring number across the series, laid out in a chart of ``width`` × ``height``."""

    column: Column
    values: list[float | None]
    width: int = 320
    height: int = 140
    margin: int = 28

    @property
    def bounds(self) -> tuple[float, float]:
        """The axis from lowest to highest: the question's scale, else the values' range."""
        if self.column.scale is not None:
            return self.column.scale
        known = [value for value in self.values if value is not None]
        if not known:
            return (0, 1)
        low, high = min(known), max(known)
        return (low, high) if high > low else (low - 1, high + 1)

    @property
    def points(self) -> list[Point]:
        """Every workshop in order; those without a shown value have no ``y``."""
        low, high = self.bounds
        inner_w = self.width - 2 * self.margin
        inner_h = self.height - 2 * self.margin
        count = len(self.values)
        found = []
        for index, value in enumerate(self.values):
            x = self.margin + (inner_w * index / (count - 1) if count > 1 else inner_w / 2)
            y = None
            if value is not None:
                y = self.margin + inner_h * (1 - (value - low) / (high - low))
            found.append(Point(index + 1, value, round(x, 1), None if y is None else round(y, 1)))
        return found

    @property
    def segments(self) -> list[list[Point]]:
        """Runs of consecutive shown values: the line breaks where a value is not shown."""
        segments: list[list[Point]] = []
        current: list[Point] = []
        for point in self.points:
            if point.y is None:
                if current:
                    segments.append(current)
                current = []
            else:
                current.append(point)
        if current:
            segments.append(current)
        return segments

    @property
    def top(self) -> float:
        """The y of the axis' highest value."""
        return self.margin

    @property
    def bottom(self) -> float:
        """The y of the axis' lowest value."""
        return self.height - self.margin
