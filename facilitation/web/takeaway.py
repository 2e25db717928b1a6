"""After the workshop: each participant's takeaway page, and the Kaizen check weeks later.

The takeaway opens only for its own participant (their cookie and their key in
the address) and only once the workshop has ended. It is one self-contained
page: its style and its print button are inline (allowed by their hashes in
the page's own Content-Security-Policy) and the calendar files are ``data:``
links, so a saved copy works offline. The check-in link is a capability: whoever
holds it may check in, and nothing else.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import format_date, get_translations

from .. import takeaway as takeaways
from ..domain.checkins import MAX_LEARNED, STATUSES, parse_check_in
from ..domain.errors import Refusal
from ..extensions import csrf, limiter
from ..messages import problem
from ..security import CONTENT_SECURITY_POLICY, keys_match
from .common import links, store
from .participant import _joined_participant, _workshop_or_404, retention_facts

bp = Blueprint("takeaway", __name__)

# The design tokens first, then the page's own rules: inlined and hashed as one text.
INLINE_STYLE = ("css/tokens.css", "css/takeaway.css")
INLINE_SCRIPT = ("js/takeaway.js",)
CHECK_IN_RATE_LIMIT = "30 per minute"


@functools.cache
def _inline(static_folder: str, names: tuple[str, ...]) -> tuple[str, str]:
    """Static files' joined text for inlining, and its CSP source expression (a SHA-256 hash)."""
    text = "\n".join(Path(static_folder, name).read_text(encoding="utf-8") for name in names)
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return text, f"'sha256-{digest}'"


def _ended_day(workshop) -> dt.date:
    zone = current_app.extensions["facilitation.retention"].zone
    return dt.datetime.fromtimestamp(workshop.ended_at, zone).date()


@bp.get("/j/<code>/takeaway/<key>")
def page(code, key):
    """One participant's takeaway; 404 for anyone else and before the workshop ended."""
    workshop = _workshop_or_404(code)
    participant = _joined_participant(workshop)
    if workshop.ended_at is None or participant is None:
        abort(404)
    if not keys_match(
        key, takeaways.takeaway_key(current_app.secret_key, workshop.id, participant.id)
    ):
        abort(404)
    translations = get_translations()
    takeaway = takeaways.build(store(), workshop, participant.id, translations)
    check_url, calendars = None, []
    if takeaway.step is not None:
        token = takeaways.check_in_token(current_app.secret_key, workshop.id, participant.id)
        store().offer_check_in(workshop.id, participant.id, takeaways.token_hash(token))
        check_url = links().check_in_url(token)
        ended = _ended_day(workshop)
        for weeks in takeaways.CHECK_WEEKS:
            ics = takeaways.calendar_file(takeaway.step, weeks, ended, check_url, key, translations)
            calendars.append(
                {
                    "weeks": weeks,
                    "day": format_date(ended + dt.timedelta(weeks=weeks), format="medium"),
                    "href": "data:text/calendar;charset=utf-8," + quote(ics),
                }
            )
    style, style_hash = _inline(current_app.static_folder, INLINE_STYLE)
    script, script_hash = _inline(current_app.static_folder, INLINE_SCRIPT)
    html = render_template(
        "takeaway/page.html",
        workshop=workshop,
        takeaway=takeaway,
        has_step_item=any(item.kind == takeaways.STEP_KIND for item in store().items(workshop.id)),
        check_url=check_url,
        calendars=calendars,
        ended_on=format_date(_ended_day(workshop), format="long"),
        style=style,
        script=script,
        **retention_facts(workshop),
    )
    policy = CONTENT_SECURITY_POLICY.replace(
        "script-src 'self'", f"script-src {script_hash}"
    ).replace("style-src 'self'", f"style-src {style_hash}")
    return html, 200, {"Content-Security-Policy": policy}


def _check_in_or_404(token: str):
    if not isinstance(token, str) or not 20 <= len(token) <= 64:
        abort(404)
    check_in = store().check_in_by_token(takeaways.token_hash(token))
    if check_in is None:
        abort(404)
    try:
        workshop = store().workshop(check_in.workshop_id)
    except Refusal:
        abort(404)
    return check_in, workshop


def _check_in_page(token, check_in, workshop, status=200, error=None, values=None):
    translations = get_translations()
    takeaway = takeaways.build(store(), workshop, check_in.participant_id, translations)
    values = values or {"status": check_in.status or "", "learned": check_in.learned}
    page = render_template(
        "takeaway/check_in.html",
        workshop=workshop,
        token=token,
        step=takeaway.step,
        check_in=check_in,
        statuses=STATUSES,
        max_learned=MAX_LEARNED,
        values=values,
        error=error,
        saved=request.args.get("saved") == "1" and error is None,
        ended_on=format_date(_ended_day(workshop), format="long") if workshop.ended_at else "",
        **retention_facts(workshop),
    )
    return page, status


@bp.get("/check/<token>")
@limiter.limit(CHECK_IN_RATE_LIMIT)
def check_in(token):
    """The Kaizen check: how did the next small step go?"""
    check_in, workshop = _check_in_or_404(token)
    return _check_in_page(token, check_in, workshop)


@bp.post("/check/<token>")
@csrf.exempt
@limiter.limit(CHECK_IN_RATE_LIMIT)
def save_check_in(token):
    """Store the check-in. No CSRF token: the private link itself is the only authority,
    and a page that does not know it cannot send this form."""
    check_in, workshop = _check_in_or_404(token)
    raw_status = request.form.get("status", "")
    raw_learned = request.form.get("learned", "")
    try:
        status, learned = parse_check_in(raw_status, raw_learned)
    except Refusal as refusal:
        error = problem(refusal.code, **refusal.params)["message"]
        values = {"status": raw_status[:20], "learned": raw_learned[:400]}
        return _check_in_page(token, check_in, workshop, 400, error, values)
    store().save_check_in(check_in, status, learned)
    return redirect(url_for("takeaway.check_in", token=token, saved="1"), code=303)
