"""Signing organizers in and out, and the one-time links that set a password."""

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext
from flask_login import current_user, login_user, logout_user

from ..accounts import hash_password, password_matches
from ..domain.errors import Refusal
from ..domain.organizers import check_new_password, clean_email, clean_organizer_name
from ..extensions import limiter
from ..messages import problem
from .common import store

bp = Blueprint("accounts", __name__, url_prefix="/organize")


def _sign_in_limit() -> str:
    return current_app.config["SIGN_IN_LIMIT"]


def safe_next(target) -> str:
    """Where to go after signing in: a path on this site, else the library."""
    if (
        isinstance(target, str)
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
    ):
        return target
    return url_for("organizer.library")


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def sign_in():
    """E-mail and password; a wrong pair gets one message that does not say which was wrong."""
    if current_user.is_authenticated:
        return redirect(url_for("organizer.library"))
    if request.method != "POST":  # GET, and HEAD from an uptime monitor
        return render_template("organizer/sign_in.html", next=request.args.get("next", ""))
    email = request.form.get("email", "")
    try:
        organizer = store().organizer_by_email(clean_email(email))
    except Refusal:
        organizer = None
    if not password_matches(organizer, request.form.get("password")):
        error = problem("wrong_sign_in")["message"]
        page = render_template(
            "organizer/sign_in.html", error=error, email=email[:254], next=request.form.get("next")
        )
        return page, 400
    login_user(organizer)
    return redirect(safe_next(request.form.get("next")))


@bp.post("/sign-out")
def sign_out():
    """End the organizer's session."""
    logout_user()
    return redirect(url_for("accounts.sign_in"))


@bp.route("/welcome/<token>", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
def welcome(token):
    """A one-time link: choose name, e-mail and password, then be signed in.

    Opening the link changes nothing (link previews in mail programs are harmless);
    sending the form spends it.
    """
    organizer = store().organizer_for_link(token)
    if organizer is None:
        page = render_template(
            "error.html",
            title=gettext("This link no longer works"),
            text=gettext(
                "One-time links work once and for 24 hours. Ask for a new one"
                " (flask --app facilitation organizer reset EMAIL)."
            ),
        )
        return page, 404
    if request.method == "GET":
        return render_template("organizer/welcome.html", organizer=organizer, values={})
    values = {"name": request.form.get("name", ""), "email": request.form.get("email", "")}
    try:
        name = clean_organizer_name(values["name"])
        email = clean_email(values["email"])
        password = check_new_password(request.form.get("password"), request.form.get("repeat"))
        organizer = store().use_sign_in_link(
            organizer, hash_password(password), name=name, email=email
        )
    except Refusal as refusal:
        error = problem(refusal.code, **refusal.params)
        field = {"invalid_email": "email", "organizer_exists": "email"}.get(refusal.code)
        if refusal.code in {"invalid_name", "name_too_long"}:
            field = "name"
        error["field"] = field or "password"
        page = render_template(
            "organizer/welcome.html",
            organizer=organizer,
            values={key: value[:254] for key, value in values.items()},
            error=error,
        )
        return page, 400
    login_user(organizer)
    return redirect(url_for("organizer.library"))
