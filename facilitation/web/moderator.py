"""The moderator view: the question board and breakout messages, without agenda control."""

from flask import Blueprint, render_template

from .presenter import workshop_for_key

bp = Blueprint("moderator", __name__)


@bp.get("/moderator/<workshop_id>")
def workshop(workshop_id):
    """Moderate questions and write to breakout groups; the page hands its key to the socket."""
    workshop = workshop_for_key(workshop_id, "moderator_token")
    return render_template(
        "moderator/workshop.html", role="moderator", workshop=workshop, key=workshop.moderator_token
    )
