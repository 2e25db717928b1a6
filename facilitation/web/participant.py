"""Participant pages: join a workshop by its code, then follow it live."""

import datetime as dt

from flask import (
    Blueprint,
    abort,
    current_app,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date

from ..domain.errors import Refusal
from ..domain.workshop import clean_display_name, normalize_join_code
from ..extensions import csrf, limiter
from ..messages import problem
from ..security import (
    cookie_days,
    cookies_secure,
    participant_cookie_name,
    participant_from_cookie,
    sign_participant,
)
from ..takeaway import takeaway_key
from .common import links, store

bp = Blueprint("participant", __name__)


def _workshop_or_404(code):
    try:
        return store().workshop_by_code(normalize_join_code(code)[:16])
    except Refusal:
        abort(404)


def _joined_participant(workshop):
    participant_id = participant_from_cookie(
        current_app.secret_key, workshop.id, request.cookies, cookie_days(workshop)
    )
    if participant_id is None:
        return None
    return store().participant(workshop.id, participant_id)


def retention_facts(workshop) -> dict:
    """``deletes_on`` (a long date, or None) and ``retention_days`` for the retention line."""
    retention = current_app.extensions["facilitation.retention"]
    deletes_at = retention.deletes_at_stored(store(), workshop)
    when = None
    if deletes_at is not None:
        when = format_date(dt.datetime.fromtimestamp(deletes_at, retention.zone), format="long")
    return {
        "deletes_on": when,
        "retention_days": workshop.retention_days or retention.default_days,
    }


@bp.get("/j/<code>")
def workshop(code):
    """The live page for someone who joined, otherwise the join form."""
    workshop = _workshop_or_404(code)
    if code != workshop.join_code:
        return redirect(url_for("participant.workshop", code=workshop.join_code))
    participant = _joined_participant(workshop)
    if participant is None:
        return render_template(
            "participant/join.html", workshop=workshop, **retention_facts(workshop)
        )
    return render_template(
        "participant/workshop.html",
        role="participant",
        workshop=workshop,
        participant=participant,
        takeaway_url=links().takeaway_url(
            workshop, takeaway_key(current_app.secret_key, workshop.id, participant.id)
        ),
        **retention_facts(workshop),
    )


def _join_rate_limit() -> str:
    return current_app.config["JOIN_RATE_LIMIT"]


@bp.post("/j/<code>")
@csrf.exempt
@limiter.limit(_join_rate_limit)
def join(code):
    """Register a pseudonymous participant and remember them in a signed, httpOnly cookie.

    The one form without a CSRF token: it carries no authority (anyone with the
    code may join), a forged join only makes a pseudonymous participant, and
    other clients (docs/protocol.md) join with a plain POST.
    """
    workshop = _workshop_or_404(code)
    if _joined_participant(workshop) is not None:
        return redirect(url_for("participant.workshop", code=workshop.join_code))
    try:
        name = clean_display_name(request.form.get("display_name", ""))
    except Refusal as refusal:
        error = problem(refusal.code, **refusal.params)["message"]
        page = render_template(
            "participant/join.html",
            workshop=workshop,
            error=error,
            display_name=request.form.get("display_name", "")[:200],
            **retention_facts(workshop),
        )
        return page, 400
    participant = store().add_participant(workshop.id, name)
    response = make_response(redirect(url_for("participant.workshop", code=workshop.join_code)))
    response.set_cookie(
        participant_cookie_name(workshop.id),
        sign_participant(current_app.secret_key, workshop.id, participant.id),
        max_age=cookie_days(workshop) * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=cookies_secure(),
    )
    return response
