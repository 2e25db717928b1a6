"""The instance's public notices: the accessibility statement and the privacy notice.

Both are plain pages in the page's language, reachable from every page's footer
(except the big screen). What differs between installations — the operator, the
contacts, the date of the last accessibility test — comes from the settings
(``facilitation/config.py``); an unset contact is said plainly on the page.
"""

import datetime as dt
from dataclasses import dataclass

from flask import Blueprint, current_app, render_template
from flask_babel import format_date

from ..domain.workshop import DEFAULT_ANONYMITY_THRESHOLD

bp = Blueprint("notices", __name__)

# The public arbitration body for accessibility complaints about federal public bodies.
ARBITRATION_URL = "https://www.schlichtungsstelle-bgg.de"
# The W3C's Web Content Accessibility Guidelines the statement measures against.
WCAG_URL = "https://www.w3.org/TR/WCAG21/"


@dataclass(frozen=True)
class Contact:
    """A contact from the settings as a page shows it: the text and, if any, where it links."""

    text: str
    href: str | None


def contact(value) -> Contact | None:
    """An e-mail address becomes a ``mailto:`` link, an http(s) URL a link; None when unset."""
    text = str(value or "").strip()
    if not text:
        return None
    if text.startswith(("https://", "http://")):
        return Contact(text, text)
    if "@" in text and " " not in text:
        return Contact(text, "mailto:" + text.removeprefix("mailto:"))
    return Contact(text, None)


def tested_on(value) -> str:
    """The date of the last accessibility test as a long date; the setting as given if not ISO."""
    try:
        return format_date(dt.date.fromisoformat(str(value)), format="long")
    except ValueError:
        return str(value)


def _operator() -> str | None:
    return str(current_app.config.get("OPERATOR_NAME") or "").strip() or None


@bp.get("/accessibility")
def accessibility():
    """The accessibility statement (BITV 2.0, EU directive 2016/2102)."""
    config = current_app.config
    return render_template(
        "notices/accessibility.html",
        operator=_operator(),
        contact=contact(config.get("ACCESSIBILITY_CONTACT")),
        tested_on=tested_on(config.get("ACCESSIBILITY_TESTED_ON")),
        arbitration_url=ARBITRATION_URL,
        wcag_url=WCAG_URL,
    )


@bp.get("/privacy")
def privacy():
    """The privacy notice: what is stored, for how long, who sees it, and people's rights."""
    config = current_app.config
    return render_template(
        "notices/privacy.html",
        operator=_operator(),
        contact=contact(config.get("PRIVACY_CONTACT")),
        retention_days=int(config["RETENTION_DAYS"]),
        cookie_days=int(config["PARTICIPANT_COOKIE_DAYS"]),
        threshold=DEFAULT_ANONYMITY_THRESHOLD,
    )
