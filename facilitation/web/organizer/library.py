"""The organizer's library of workshops, new workshops and saved templates."""

from flask import redirect, render_template, request, url_for
from flask_babel import force_locale, gettext
from flask_login import current_user

from ... import agenda_files, agenda_templates
from ...domain.errors import Refusal
from ...domain.kinds.content import MAX_BODY
from ...domain.workshop import LANGUAGES
from ...messages import problem_in_file
from ...workshops import create_workshop
from ..common import store
from . import bp, deletion_text, organized, planned_when, retention

SORTS = ("title", "date", "status", "joined", "deletes")
STATUS_ORDER = {"draft": 0, "live": 1, "ended": 2}


@bp.get("/")
def library():
    """The organizer's workshops: searchable by title, sortable by every column."""
    query = request.args.get("q", "").strip()[:200]
    sort = request.args.get("sort", "date")
    sort = sort if sort in SORTS else "date"
    descending = request.args.get("dir", "desc" if sort == "date" else "asc") == "desc"
    workshops = store().workshops_of(current_user.id)
    if query:
        workshops = [w for w in workshops if query.casefold() in w.title.casefold()]
    facts = store().library(w.id for w in workshops)
    seen_series = store().series_seen_by(current_user.id)
    series_by_id = {found.id: found for found in seen_series}
    rows = []
    for workshop in workshops:
        fact = facts[workshop.id]
        deletes_at = retention().deletes_at(workshop, fact["minutes"])
        rows.append(
            {
                "workshop": workshop,
                "joined": fact["joined"],
                "minutes": fact["minutes"],
                "deletes_at": deletes_at,
                "deletes": deletion_text(deletes_at),
                "when": planned_when(workshop),
                "series": series_by_id.get(workshop.series_id),
            }
        )
    keys = {
        "title": lambda row: row["workshop"].title.casefold(),
        "date": lambda row: (
            row["workshop"].planned_date or "",
            row["workshop"].planned_start or "",
            row["workshop"].created_at or 0,
        ),
        "status": lambda row: STATUS_ORDER[row["workshop"].status],
        "joined": lambda row: row["joined"],
        "deletes": lambda row: row["deletes_at"] or float("inf"),
    }
    rows.sort(key=keys[sort], reverse=descending)
    return render_template(
        "organizer/library.html",
        rows=rows,
        query=query,
        sort=sort,
        descending=descending,
        total=len(store().workshops_of(current_user.id)),
        series=seen_series,
    )


# -- new workshops ------------------------------------------------------------


def _new_page(error=None, section=None, status=200, values=None):
    language = request.values.get("language") or str(_page_language())
    language = language if language in LANGUAGES else "de"
    return (
        render_template(
            "organizer/new.html",
            templates=agenda_templates.templates(language),
            template_language=language,
            saved=store().saved_templates(current_user.id),
            own=sorted(store().workshops_of(current_user.id), key=lambda w: w.title.casefold()),
            error=error,
            section=section,
            values=values or {},
        ),
        status,
    )


def _page_language():
    from flask_babel import get_locale

    return get_locale()


@bp.get("/new")
def new():
    """Start a workshop: blank, from a template, from an agenda file, or as a copy."""
    return _new_page()


@bp.post("/new")
def create():
    """Create the workshop the form asks for and open its agenda editor."""
    source = request.form.get("source")
    try:
        if source == "blank":
            definition = {
                "title": request.form.get("title", ""),
                "language": request.form.get("language", "de"),
                "items": [],
            }
        elif source == "template":
            definition = agenda_templates.template(
                request.form.get("template", ""), request.form.get("language", "de")
            ).definition
        elif source == "saved":
            saved = store().saved_template(current_user.id, request.form.get("template", ""))
            definition = agenda_files.parse_agenda(saved["agenda"], "template.yaml")
        elif source == "upload":
            upload = request.files.get("agenda")
            if upload is None or not upload.filename:
                raise Refusal("file_required")
            definition = agenda_files.parse_agenda(upload.read(), upload.filename)
        elif source == "copy":
            original = organized(request.form.get("workshop", ""))
            definition = copy_definition(original)
        else:
            raise Refusal("invalid_payload", field="source")
        workshop = create_workshop(store(), definition, owner_id=current_user.id)
    except Refusal as refusal:
        error = problem_in_file(refusal)
        values = {"title": request.form.get("title", "")[:200]}
        return _new_page(error, source, 400, values)
    return redirect(url_for("organizer.agenda", workshop_id=workshop.id, created=1))


def copy_definition(workshop) -> dict:
    """A workshop's agenda and settings for a new run: never its answers, not its date."""
    definition = agenda_files.definition_of(store(), workshop.id)
    with force_locale(workshop.language):
        definition["title"] = gettext("%(title)s (copy)", title=workshop.title)[:200]
    definition.pop("planned_date", None)
    return definition


def follow_up_definition(workshop, summary) -> dict:
    """A copy of ``workshop`` that opens with its Kaizen check when that may be shown."""
    definition = copy_definition(workshop)
    if summary.shown:
        definition["items"] = [check_in_content(workshop, summary), *definition["items"]]
    return definition


def check_in_content(workshop, summary) -> dict:
    """A content item that opens a follow-up with the original's Kaizen check, in its language.

    Only built when the aggregate may be shown (enough check-ins for the threshold).
    """
    counts = summary.counts
    with force_locale(workshop.language):
        lines = [
            gettext(
                "%(checked)s of %(steps)s checked in: %(done)s done, %(partly)s partly,"
                " %(not_yet)s not yet.",
                checked=summary.checked,
                steps=summary.steps,
                done=counts["done"],
                partly=counts["partly"],
                not_yet=counts["not_yet"],
            )
        ]
        if summary.learnings:
            lines += ["", gettext("What we learned:")]
            lines += [f"– {learning}" for learning in summary.learnings]
        title = gettext("Where our next small steps stand")
    body = "\n".join(lines)[:MAX_BODY]
    return {"kind": "content", "title": title, "minutes": 5, "config": {"body": body}}
