"""The presenter view: drive the agenda and watch live results."""

from flask import Blueprint, abort, render_template, request

from ..domain.errors import Refusal
from ..security import keys_match
from .common import links, store

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
