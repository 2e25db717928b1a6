"""The big screen: join code, QR code and the current activity in large type."""

from flask import Blueprint, render_template

from .common import links
from .presenter import workshop_for_key
from .qr import qr_svg

bp = Blueprint("screen", __name__)


@bp.get("/screen/<workshop_id>")
def workshop(workshop_id):
    """The view to share in the call or project in the room."""
    workshop = workshop_for_key(workshop_id, "screen_token")
    join_url = links().join_url(workshop)
    return render_template(
        "screen/workshop.html",
        role="screen",
        workshop=workshop,
        key=workshop.screen_token,
        join_url=join_url,
        qr=qr_svg(join_url),
    )
