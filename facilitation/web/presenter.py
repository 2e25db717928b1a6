"""The presenter view: drive the agenda and watch live results."""

from flask import Blueprint, abort, render_template, request, url_for

from ..domain.errors import Refusal
from ..security import keys_match
from .common import links, store
from .results import export_response, record_response

bp = Blueprint("presenter", __name__)


def workshop_for_key(workshop_id: str, key_field: str):
    """The workshop if the request's ``key`` matches its secret ``key_field``; else 404.

    The same answer for an unknown workshop and a wrong key tells a guesser nothing.
    """
    try:
        workshop = store().workshop(workshop_id)
    except Refusal:
        abort(404)
    if not keys_match(request.args.get("key"), getattr(workshop, key_field)):
        abort(404)
    return workshop


@bp.get("/presenter/<workshop_id>")
def workshop(workshop_id):
    """The presenter's cockpit; the page hands its key to the socket connection."""
    workshop = workshop_for_key(workshop_id, "presenter_token")
    return render_template(
        "presenter/workshop.html",
        role="presenter",
        workshop=workshop,
        key=workshop.presenter_token,
        join_url=links().join_url(workshop),
        screen_url=links().screen_url(workshop),
    )


@bp.get("/presenter/<workshop_id>/export.<extension>")
def download_export(workshop_id, extension):
    """The results (Excel, CSV in a ZIP, JSON, the record's PDF), during or after the workshop."""
    return export_response(workshop_for_key(workshop_id, "presenter_token"), extension)


@bp.get("/presenter/<workshop_id>/record")
def record(workshop_id):
    """The printable record, for the presenter as for the organizer."""
    workshop = workshop_for_key(workshop_id, "presenter_token")
    return record_response(workshop, url_for("static", filename="css/record.css"))
