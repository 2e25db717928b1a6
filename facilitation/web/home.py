"""The start page where participants type a join code, and the language switch."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from ..domain.errors import Refusal
from ..domain.kinds import kind_names
from ..domain.workshop import normalize_join_code
from ..i18n import LANGUAGE_COOKIE, LANGUAGES
from ..messages import problem
from ..security import cookies_secure
from .common import store

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """Ask for the join code shown by the facilitator."""
    return render_template("home.html")


@bp.get("/join")
def join_by_code():
    """Send a typed code to its workshop, or back to the start page with a clear message."""
    code = normalize_join_code(request.args.get("code", ""))[:16]
    try:
        workshop = store().workshop_by_code(code)
    except Refusal as refusal:
        error = problem(refusal.code)["message"]
        return render_template("home.html", error=error, code=code), 404
    return redirect(url_for("participant.workshop", code=workshop.join_code))


@bp.get("/lang/<language>")
def switch_language(language):
    """Remember the chosen language and go back to the page the switch was on."""
    target = request.args.get("next", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = redirect(target)
    if language in LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE,
            language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            httponly=True,
            secure=cookies_secure(),
        )
    return response


@bp.get("/healthz")
def health():
    """Liveness and storage check for process managers: 503 while a write cannot be committed."""
    state = current_app.extensions["facilitation.live"]
    with state.lock:
        in_memory = len(state.janitor.held())
    if store().writable():
        return {"status": "ok", "storage": "ok", "workshops_in_memory": in_memory}
    body = {"status": "unavailable", "storage": "not writable", "workshops_in_memory": in_memory}
    return body, 503


@bp.get("/js/kinds.js")
def kind_modules():
    """One ES module importing every registered activity kind's module
    (``static/js/kinds/<name>.js``), so that the role pages' entry modules load them
    with one static import — adding a kind needs no list kept by hand."""
    lines = [
        "// The activity kinds of this installation (facilitation/domain/kinds), one import each.",
        *(
            f'import "{url_for("static", filename=f"js/kinds/{name}.js")}";'
            for name in kind_names()
        ),
    ]
    response = current_app.response_class("\n".join(lines) + "\n", mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    return response
