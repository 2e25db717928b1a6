"""The big screen: join code, QR code and the current activity in large type."""

import segno
from flask import Blueprint, render_template

from .common import links
from .presenter import workshop_for_key

bp = Blueprint("screen", __name__)


def qr_svg(url: str) -> str:
    """The join link as an inline SVG QR code (no request to another host)."""
    return segno.make(url, error="m").svg_inline(
        scale=6, border=2, dark="#111", light="#fff", omitsize=True
    )


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
