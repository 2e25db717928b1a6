"""Series of workshops: grouping a workshop into one, the series page, its Excel file and
the next workshop of a series.

A series belongs to its owner, who alone groups workshops into it; co-organizers see a
series through the workshops shared with them (and only those); everyone else gets 404.
"""

import datetime as dt

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import format_date, format_decimal, get_locale
from flask_login import current_user

from ...domain.errors import Refusal
from ...domain.series import validate_series_title
from ...exports import series as series_export
from ...workshops import create_workshop
from ..common import store
from ..results import file_name
from . import bp, organized, retention
from .library import copy_definition
from .workshop import _done, _workshop_error


def seen_series(series_id):
    """The series and those of its workshops the signed-in organizer may organize; 404
    when there are none (a stranger's series, an unknown id)."""
    try:
        found = store().series(series_id)
    except Refusal:
        abort(404)
    workshops = [
        workshop
        for workshop in store().series_workshops(found.id)
        if store().may_organize(workshop, current_user.id)
    ]
    if not workshops:
        abort(404)
    return found, workshops


def own_series(series_id):
    """One of the signed-in organizer's own series, or refuse (for the grouping form)."""
    found = store().series(series_id)
    if found.owner_id != current_user.id:
        raise Refusal("unknown_series")
    return found


@bp.post("/w/<workshop_id>/series")
def group(workshop_id):
    """Put the workshop into one of the owner's series, or into a new one named in the form."""
    workshop = organized(workshop_id)
    if workshop.owner_id != current_user.id:
        return _workshop_error(workshop, Refusal("owner_only"), 403)
    choice = request.form.get("series", "new")
    try:
        if choice == "new":
            title = validate_series_title(request.form.get("title", ""))
            store().put_in_new_series(workshop, current_user.id, title)
        else:
            store().put_in_series(workshop, own_series(choice).id)
    except Refusal as refusal:
        return _workshop_error(workshop, refusal)
    return _done(workshop, "grouped")


@bp.post("/w/<workshop_id>/series/remove")
def ungroup(workshop_id):
    """Take the workshop out of its series (a series left empty goes with it)."""
    workshop = organized(workshop_id)
    if workshop.owner_id != current_user.id:
        return _workshop_error(workshop, Refusal("owner_only"), 403)
    store().take_out_of_series(workshop)
    return _done(workshop, "ungrouped")


@bp.get("/series/<series_id>")
def series(series_id):
    """The series workshop by workshop, with the questions that recur and their trend."""
    found, workshops = seen_series(series_id)
    table = series_export.build(store(), workshops, retention().zone)
    return render_template(
        "organizer/series.html",
        series=found,
        table=table,
        trends=[column.trend() for column in table.columns if column.numeric],
        is_owner=found.owner_id == current_user.id,
        hidden_elsewhere=len(store().series_workshops(found.id)) - len(workshops),
        number=lambda value: format_decimal(value, format="0.0"),
        day=lambda iso: format_date(dt.date.fromisoformat(iso), format="medium") if iso else "–",
    )


@bp.get("/series/<series_id>/export.xlsx")
def series_export_xlsx(series_id):
    """The series table as an Excel file, in the language of the page."""
    found, workshops = seen_series(series_id)
    table = series_export.build(store(), workshops, retention().zone)
    language = "de" if str(get_locale()).startswith("de") else "en"
    data = series_export.write_xlsx(table, found.title, language)
    name = file_name(found.title, "xlsx", "series")
    return Response(
        data,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post("/series/<series_id>/new")
def next_in_series(series_id):
    """A new workshop in the series: a copy of its last one (agenda and settings, never
    answers, not the date), opened in the agenda editor."""
    found, workshops = seen_series(series_id)
    if found.owner_id != current_user.id:
        abort(403)
    last, _date = series_export.ordered(workshops, retention().zone)[-1]
    workshop = create_workshop(
        store(), copy_definition(last), owner_id=current_user.id, series_id=found.id
    )
    return redirect(url_for("organizer.agenda", workshop_id=workshop.id, created=1))
