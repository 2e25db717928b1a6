"""What every export holds, built once from storage reads: overview, items, questions, cards.

The formats (``xlsx``, ``csv``, ``json``) only lay this out. Privacy is decided
here, once for all of them: a poll below the anonymity threshold carries only
a notice; no row carries a participant id, number or key; the raw answers of
an item are sorted by their value, so rows of two items cannot be joined by
position; answers and questions a moderator hid are left out; a question's
asker is named only where they chose to show their name.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.support import Translations

from ..domain.checkins import CheckInSummary
from ..domain.kinds import get_kind
from ..domain.questions import PUBLIC
from ..domain.workshop import Agenda, AgendaItem, Workshop
from ..takeaway import check_in_summary

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
# Excel refuses these in sheet names, and longer names than 31 characters.
FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET = 31


@dataclass
class Table:
    """A header and rows of plain values (str, int, float, bool or None)."""

    header: list[str]
    rows: list[list] = field(default_factory=list)


@dataclass
class ItemExport:
    """One poll: its summary lines, result table and raw answers, or only the notice."""

    position: int
    kind: str
    title: str
    shown: bool
    notice: str | None = None
    summary: list[tuple[str, object]] = field(default_factory=list)
    results: Table | None = None
    raw: Table | None = None
    chart: str | None = None  # "bar", "scatter" or None
    # For the chart: which column of ``results`` labels the bars, which holds the values.
    chart_columns: tuple[int, ...] = ()


@dataclass
class Export:
    """Everything an export file carries about one workshop (no identities, no keys)."""

    workshop: Workshop
    language: str
    joined: int
    facts: list[tuple[str, object]]
    overview: Table
    # Per agenda item, with keys that do not depend on the language (for JSON).
    timeline: list[dict]
    items: list[ItemExport]
    questions: Table
    cards: Table
    names: dict[str, str]  # sheet and file names in the workshop's language
    # The Kaizen check (breakdown and learnings only from the anonymity threshold on).
    check_ins: CheckInSummary | None = None


def translations(language: str) -> Translations:
    """The catalog of ``language`` (German or English), read without Flask."""
    return Translations.load(str(TRANSLATIONS), [language])


def build(store, workshop_id: str, zone: dt.tzinfo = dt.UTC) -> Export:
    """Read one workshop through ``store`` and build its export (``Refusal`` if unknown).

    ``zone`` is the instance's time zone, in which times are written.
    """
    workshop = store.workshop(workshop_id)
    language = workshop.language
    _ = translations(language).gettext
    items = store.items(workshop_id)
    joined = store.participant_count(workshop_id)

    def when(epoch):
        if epoch is None:
            return None
        return dt.datetime.fromtimestamp(epoch, zone).strftime("%Y-%m-%d %H:%M")

    polls = [_item_export(store, workshop, item, _) for item in items if _collects(item)]
    answers_by_item = {poll.position: poll for poll in polls}
    date = (
        workshop.planned_date
        or (when(workshop.started_at or workshop.created_at) or "").split(" ")[0]
    )
    facts = [
        (_("Title"), workshop.title),
        (_("Date"), date),
        (_("Language"), {"de": _("German"), "en": _("English")}[language]),
        (_("Planned start"), workshop.planned_start),
        (_("Started"), when(workshop.started_at)),
        (_("Ended"), when(workshop.ended_at)),
        (_("Participants joined"), joined),
        (_("Anonymity threshold"), workshop.anonymity_threshold),
    ]
    check_ins = check_in_summary(store, workshop)
    if check_ins.steps:
        facts.append((_("Kaizen check"), check_in_line(check_ins, _)))
    overview = Table(
        [
            _("No."),
            _("Activity"),
            _("Kind"),
            _("Planned start"),
            _("Planned minutes"),
            _("Opened at"),
            _("Actual minutes"),
            _("Answers"),
        ]
    )
    actual = _actual_minutes(items, workshop.ended_at)
    agenda = Agenda(items)
    timeline = []
    for item in items:
        poll = answers_by_item.get(item.position)
        if poll is None:
            answered = None
        elif poll.shown:
            answered = poll.summary[0][1]
        else:
            answered = poll.notice
        planned = _planned_clock(workshop, agenda.planned_start(item.id))
        overview.rows.append(
            [
                item.position + 1,
                item.title,
                _(get_kind(item.kind).label),
                planned,
                item.minutes,
                when(item.opened_at),
                actual.get(item.id),
                answered,
            ]
        )
        timeline.append(
            {
                "position": item.position,
                "kind": item.kind,
                "title": item.title,
                "status": item.status,
                "planned_start": planned,
                "planned_minutes": item.minutes,
                "opened_at": when(item.opened_at),
                "actual_minutes": actual.get(item.id),
            }
        )
    return Export(
        workshop=workshop,
        language=language,
        joined=joined,
        facts=facts,
        overview=overview,
        timeline=timeline,
        items=polls,
        questions=_questions(store, workshop_id, _),
        cards=_cards(store, items, _),
        check_ins=check_ins,
        names={
            "overview": _("Overview"),
            "questions": _("Questions"),
            "cards": _("Breakout cards"),
            "results": _("Results"),
            "answers": _("Individual answers"),
        },
    )


def _collects(item: AgendaItem) -> bool:
    return get_kind(item.kind).collects_answers


def _planned_clock(workshop: Workshop, offset_minutes: int) -> str | None:
    """The planned clock time of an item ("HH:MM"), from the workshop's planned start."""
    if not workshop.planned_start:
        return None
    hours, minutes = (int(part) for part in workshop.planned_start.split(":"))
    total = hours * 60 + minutes + offset_minutes
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


def _actual_minutes(items: list[AgendaItem], ended_at: float | None) -> dict[str, float]:
    """Minutes from each item's (last) opening to the next opening, the last one to the end.

    Only the last opening of an item is stored, so an item opened twice counts
    from its second opening.
    """
    opened = sorted((item for item in items if item.opened_at), key=lambda i: i.opened_at)
    minutes = {}
    for current, following in zip(opened, [*opened[1:], None], strict=False):
        until = following.opened_at if following else ended_at
        if until is not None:
            minutes[current.id] = round((until - current.opened_at) / 60, 1)
    return minutes


def _item_export(store, workshop: Workshop, item: AgendaItem, _) -> ItemExport:
    """Results from the kind's own tally and results, then the raw answers sorted by value."""
    kind = get_kind(item.kind)
    answers = store.answers(item.id)
    tally = kind.new_tally(item.config, answers)
    count = kind.answer_count(tally)
    export = ItemExport(item.position, item.kind, item.title, shown=True)
    threshold = workshop.anonymity_threshold
    if count < threshold:
        export.shown = False
        export.notice = _("Fewer than %(threshold)s answers — not shown") % {"threshold": threshold}
        return export
    # The organizer sees the quiz's key; hidden words and texts are filtered below.
    results = kind.results(item, tally, True)
    visible = [answer.value for answer in answers if not answer.hidden]
    export.summary.append((_("Answers"), count))
    layout = LAYOUTS[item.kind]
    layout(export, item.config, results, visible, _)
    if export.raw is not None:
        export.raw.rows.sort(key=_row_key)
    return export


def _row_key(row: list):
    """Sort raw answers by their values: numbers as numbers, empty cells first."""
    return [
        (0, 0, "")
        if value is None
        else (1, value, "")
        if isinstance(value, int | float) and not isinstance(value, bool)
        else (2, 0, str(value))
        for value in row
    ]


def _labels(config: dict) -> dict[str, str]:
    return {option["id"]: option["label"] for option in config["options"]}


def _choices(export, config, results, visible, _):
    labels = _labels(config)
    export.results = Table([_("Option"), _("Count"), _("Percent")])
    for option in results["options"]:
        export.results.rows.append([option["label"], option["count"], option["percent"]])
    export.chart, export.chart_columns = "bar", (0, 1)
    export.raw = Table([_("Answer")])
    for value in visible:
        picked = (value,) if isinstance(value, str) else value
        export.raw.rows.append([", ".join(labels.get(pick, pick) for pick in picked)])


def _quiz(export, config, results, visible, _):
    _choices(export, config, results, visible, _)
    export.results.header.append(_("Correct"))
    for row, option in zip(export.results.rows, results["options"], strict=True):
        row.append(_("yes") if option["correct"] else _("no"))
    export.summary.append((_("Right answers"), results["correct_count"]))
    export.summary.append((_("Right answers (percent)"), results["correct_share"]))


def _rating(export, config, results, visible, _):
    export.summary.append((_("Mean"), results["mean"]))
    export.summary.append((_("Median"), results["median"]))
    export.results = Table([_("Value"), _("Count"), _("Percent")])
    for entry in results["distribution"]:
        export.results.rows.append([entry["value"], entry["count"], entry["percent"]])
    export.chart, export.chart_columns = "bar", (0, 1)
    export.raw = Table([_("Value")], [[value] for value in visible])


def _ranking(export, config, results, visible, _):
    labels = _labels(config)
    export.results = Table([_("Rank"), _("Option"), _("Borda points"), _("Average place")])
    for option in results["options"]:
        export.results.rows.append(
            [option["rank"], option["label"], option["score"], option["average_position"]]
        )
    export.chart, export.chart_columns = "bar", (1, 2)
    places = len(config["options"])
    export.raw = Table([_("Place %(number)s") % {"number": n} for n in range(1, places + 1)])
    for order in visible:
        export.raw.rows.append([labels.get(option_id, option_id) for option_id in order])


def _points(export, config, results, visible, _):
    export.summary.append((_("Points per participant"), results["points"]))
    export.results = Table([_("Rank"), _("Option"), _("Total points"), _("Average points")])
    for option in results["options"]:
        export.results.rows.append(
            [option["rank"], option["label"], option["total"], option["average"]]
        )
    export.chart, export.chart_columns = "bar", (1, 2)
    ids = [option["id"] for option in config["options"]]
    export.raw = Table([option["label"] for option in config["options"]])
    for split in visible:
        export.raw.rows.append([split.get(option_id, 0) for option_id in ids])


def _grid(export, config, results, visible, _):
    x, y = config["x"]["label"], config["y"]["label"]
    export.results = Table([_("Item"), _("Placed"), _("Average %(axis)s") % {"axis": x}])
    export.results.header.append(_("Average %(axis)s") % {"axis": y})
    for entry in results["items"]:
        export.results.rows.append([entry["label"], entry["count"], entry["x"], entry["y"]])
    export.chart, export.chart_columns = "scatter", (0, 2, 3)
    header = []
    for entry in config["items"]:
        header += [f"{entry['label']}: {x}", f"{entry['label']}: {y}"]
    export.raw = Table(header)
    for placements in visible:
        row = []
        for entry in config["items"]:
            row += placements.get(entry["id"], [None, None])
        export.raw.rows.append(row)


def _word_cloud(export, config, results, visible, _):
    export.summary.append((_("Different words"), results["distinct"]))
    export.results = Table([_("Word"), _("Count")])
    export.results.rows = [[word["word"], word["count"]] for word in results["words"]]
    entries = config["max_entries"]
    export.raw = Table([_("Entry %(number)s") % {"number": n} for n in range(1, entries + 1)])
    for words in visible:
        export.raw.rows.append([*words, *[None] * (entries - len(words))])


def _open_text(export, config, results, visible, _):
    # Hidden answers are left out entirely; the count says how many are shown.
    export.summary.append((_("Shown answers"), len(visible)))
    export.raw = Table([_("Answer")], [[text] for text in visible])


def _commitment(export, config, results, visible, _):
    # A step not shared stays with its writer: only counted, its text never written.
    shared = [value["text"] for value in visible if value["shared"]]
    export.summary[0] = (_("Steps written"), results["answers"])
    export.summary.append((_("Shared anonymously"), len(shared)))
    export.raw = Table([_("Shared step")], [[text] for text in shared])


LAYOUTS = {
    "single_choice": _choices,
    "multiple_choice": _choices,
    "quiz": _quiz,
    "rating": _rating,
    "ranking": _ranking,
    "points": _points,
    "grid": _grid,
    "word_cloud": _word_cloud,
    "open_text": _open_text,
    "commitment": _commitment,
}


def check_in_line(summary: CheckInSummary, _) -> str:
    """ "7 of 10 checked in: 4 done, 2 partly, 1 not yet", or without the breakdown below
    the anonymity threshold."""
    if not summary.shown:
        return _(
            "%(checked)s of %(steps)s checked in (fewer than %(threshold)s — details not shown)"
        ) % {"checked": summary.checked, "steps": summary.steps, "threshold": summary.threshold}
    return _(
        "%(checked)s of %(steps)s checked in: %(done)s done, %(partly)s partly, %(not_yet)s not yet"
    ) % {"checked": summary.checked, "steps": summary.steps, **summary.counts}


def _questions(store, workshop_id: str, _) -> Table:
    """Public questions, most votes first; the name only where the asker showed it."""
    board = store.board(workshop_id)
    statuses = {"visible": _("open"), "answered": _("answered")}
    table = Table([_("Question"), _("Votes"), _("Status"), _("Answered"), _("Pinned"), _("Name")])
    public = [q for q in board.questions.values() if q.status in PUBLIC]
    public.sort(key=lambda q: (-board.votes.get(q.id, 0), q.text))
    for question in public:
        table.rows.append(
            [
                question.text,
                board.votes.get(question.id, 0),
                statuses[question.status],
                _("yes") if question.status == "answered" else _("no"),
                _("yes") if question.id == board.pinned_id else _("no"),
                question.name or None,
            ]
        )
    return table


def _cards(store, items: list[AgendaItem], _) -> Table:
    """Every breakout card (never a private note), by item, prompt, group, then text."""
    table = Table(
        [_("Activity"), _("Prompt"), _("Group"), _("Group name"), _("Card"), _("Harvested")]
    )
    for item in items:
        if item.kind != "breakout":
            continue
        breakout = store.breakout(item)
        if breakout is None:
            continue
        prompts = {prompt["id"]: (n, prompt["text"]) for n, prompt in enumerate(breakout.prompts)}
        rows = []
        for card in breakout.cards.values():
            group = breakout.groups.get(card.group_id)
            order, prompt = prompts.get(card.prompt_id, (len(prompts), card.prompt_id))
            number = group.number if group else None
            rows.append(
                (
                    (order, number or 0, card.text),
                    [
                        item.title,
                        prompt,
                        number,
                        (group.name or None) if group else None,
                        card.text,
                        _("yes") if card.harvested else _("no"),
                    ],
                )
            )
        table.rows += [row for _key, row in sorted(rows, key=lambda pair: pair[0])]
    return table


def sheet_names(export: Export) -> list[str]:
    """Unique names (at most 31 characters, none of ``[]:*?/\\``) for the overview, each
    poll, the questions and the cards, in that order; CSV files are named after them too."""
    wanted = [
        export.names["overview"],
        # Zero-padded, so that the CSV files of the ZIP sort in agenda order.
        *[f"{item.position + 1:02d} {item.title}" for item in export.items],
        export.names["questions"],
        export.names["cards"],
    ]
    names, seen = [], set()
    for name in wanted:
        base = " ".join(FORBIDDEN_IN_SHEET_NAMES.sub(" ", name).split()).strip("'")[:MAX_SHEET]
        candidate, number = base or "-", 2
        while candidate.casefold() in seen:
            suffix = f" ({number})"
            candidate = base[: MAX_SHEET - len(suffix)] + suffix
            number += 1
        seen.add(candidate.casefold())
        names.append(candidate)
    return names
