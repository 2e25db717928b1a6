"""The organizer's workspace: the workshop library, new workshops, the agenda editor,
links and keys, sharing, series, the handout, ending and deleting.

Every route needs a signed-in organizer, and every workshop route answers 404
unless that organizer owns the workshop or it was shared with them. The routes
live in ``library`` (the list, new workshops, templates), ``workshop`` (one
workshop's page and actions), ``agenda`` (the editor) and ``series`` (series of
workshops, learned across); this module holds the blueprint and what they share.
"""

import datetime as dt

from flask import Blueprint, abort, current_app
from flask_babel import format_date, gettext
from flask_login import current_user, login_required

from ...domain.errors import Refusal
from ...domain.workshop import planned_start_at
from ..common import store

bp = Blueprint("organizer", __name__, url_prefix="/organize")


@bp.before_request
@login_required
def signed_in():
    """Every page of the workspace needs a signed-in organizer."""


def organized(workshop_id):
    """The workshop if the signed-in organizer may organize it; 404 for everyone else."""
    try:
        workshop = store().workshop(workshop_id)
    except Refusal:
        abort(404)
    if not store().may_organize(workshop, current_user.id):
        abort(404)
    return workshop


def retention():
    """The instance's retention rules."""
    return current_app.extensions["facilitation.retention"]


def live():
    """The process's live state."""
    return current_app.extensions["facilitation.live"]


def deletion_text(deletes_at: float | None) -> str:
    """When a workshop's data goes, in words for a table cell or a line."""
    if deletes_at is None:
        days = retention().default_days
        return gettext("%(days)s days after the end", days=days)
    return format_date(_local(deletes_at), format="medium")


def planned_when(planned) -> str:
    """A workshop's planned date and start, as people read them ("" without a date)."""
    if not planned.planned_date:
        return ""
    start = planned_start_at(planned, retention().zone)
    text = format_date(start, format="medium")
    return f"{text}, {planned.planned_start}" if planned.planned_start else text


def _local(epoch: float):
    return dt.datetime.fromtimestamp(epoch, retention().zone)


from . import agenda, library, series, workshop  # noqa: E402, F401  (their routes join ``bp``)
