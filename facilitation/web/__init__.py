"""Web pages, one blueprint per role: start page, participant, presenter, screen."""

import sqlite3
import time

from flask import render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError

from ..domain.coaching import library
from ..domain.kinds import get_kind, kind_names
from ..extensions import limiter
from ..messages import problem
from ..storage.health import is_storage_fault
from . import (
    accounts,
    authoring,
    home,
    moderator,
    notices,
    organizer,
    participant,
    presenter,
    screen,
    takeaway,
)


def kind_label(name: str) -> str:
    """The translated name of an activity kind."""
    return gettext(get_kind(name).label)


def coaching_library() -> list[dict]:
    """The coaching questions for breakout prompts, by purpose, in the page's language."""
    return [
        {
            "purpose": entry["purpose"],
            "label": gettext(entry["label"]),
            "questions": [gettext(question) for question in entry["questions"]],
        }
        for entry in library()
    ]


def init_app(app):
    """Register the blueprints, template helpers and friendly error pages."""
    blueprints = (
        home,
        notices,
        participant,
        takeaway,
        presenter,
        moderator,
        screen,
        authoring,
        accounts,
    )
    for module in (*blueprints, organizer):
        app.register_blueprint(module.bp)

    @app.context_processor
    def activity_kinds():
        return {
            "activity_kinds": kind_names(),
            "kind_label": kind_label,
            "coaching_library": coaching_library,
        }

    def error_page(status, title, text):
        return render_template("error.html", title=title, text=text), status

    @app.errorhandler(404)
    def not_found(_error):
        return error_page(404, gettext("Not found"), gettext("There is nothing at this address."))

    @app.errorhandler(405)
    def not_allowed(_error):
        return error_page(
            405, gettext("Not possible"), gettext("This address cannot be used like this.")
        )

    @app.errorhandler(413)
    def too_large(_error):
        # The body is never read, so nothing of it can be shown again.
        return error_page(
            413,
            gettext("Too large"),
            gettext("What you sent is too large. Please shorten it and try again."),
        )

    @app.errorhandler(429)
    def too_many(_error):
        current = limiter.current_limit
        seconds = 60
        if current:
            # reset_at is rounded up a second past the window; the window's own end is not.
            left = current.window.reset_time - time.time()
            seconds = max(1, min(current.limit.get_expiry(), round(left)))
        headers = {"Retry-After": str(seconds)}
        text = gettext("Too many attempts from this network. Please wait a minute and try again.")
        if request.endpoint == "accounts.sign_in":
            page = render_template(
                "organizer/sign_in.html",
                error=text,
                email=request.form.get("email", "")[:254],
                next=request.form.get("next", ""),
            )
            return page, 429, headers
        if request.blueprint == "participant":
            text = problem("rate_limited", seconds=seconds)["message"]
        return (*error_page(429, gettext("Too many attempts"), text), headers)

    @app.errorhandler(CSRFError)
    def csrf_failed(_error):
        return error_page(
            400,
            gettext("This form has expired"),
            gettext("Please go back, reload the page and send the form again."),
        )

    @app.errorhandler(sqlite3.OperationalError)
    def storage_fault(error):
        if not is_storage_fault(error):
            raise error
        app.extensions["facilitation.live"].fault_log.record(error)
        return error_page(503, gettext("Not saved"), problem("storage_unavailable")["message"])

    @app.errorhandler(500)
    def server_error(_error):
        return error_page(
            500,
            gettext("Something went wrong"),
            gettext("Something went wrong on our side. Please try again."),
        )
