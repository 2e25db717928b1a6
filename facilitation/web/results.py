"""The results downloads and the printable record, for both doors that may fetch them:
the organizer's workshop page (signed in) and the presenter page (with the presenter key).
"""

from __future__ import annotations

import re
import unicodedata

from flask import Response, abort, current_app, request
from flask_babel import force_locale

from .. import exports
from .common import store

# The CSV delimiter a download link asks for, by a name that needs no escaping in a URL.
DELIMITER_CHOICES = {"semicolon": ";", "comma": ","}


def _retention():
    return current_app.extensions["facilitation.retention"]


def file_name(title: str, extension: str = "yaml", fallback: str = "agenda") -> str:
    """A safe download name from a title: letters, digits and dashes, then ``.extension``."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()[:60]
    return f"{slug or fallback}.{extension}"


def deletes_text(workshop) -> str:
    """When the workshop's data goes, in its own language, for the record's footer."""
    from .organizer import deletion_text  # the organizer package builds on this module

    with force_locale(workshop.language):
        return deletion_text(_retention().deletes_at_stored(store(), workshop))


def export_response(workshop, extension: str) -> Response:
    """The workshop's results as Excel (.xlsx), CSV files in a ZIP (.zip), JSON (.json) or
    the printable record as PDF (.pdf); 404 for another extension.

    ``?delimiter=semicolon|comma`` chooses the CSV delimiter (default: by language).
    """
    formats = {ext: fmt for fmt, (_type, ext, _binary) in exports.FORMATS.items()}
    if extension not in formats:
        abort(404)
    fmt = formats[extension]
    delimiter = DELIMITER_CHOICES.get(request.args.get("delimiter", ""))
    data = exports.export(
        store(),
        workshop.id,
        fmt,
        _retention().zone,
        delimiter if fmt == "csv" else None,
        deletes=deletes_text(workshop) if fmt == "pdf" else "",
    )
    name = file_name(workshop.title, extension, "results")
    return Response(
        data,
        mimetype=exports.FORMATS[fmt][0],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def record_response(workshop, stylesheet_href: str) -> Response:
    """The printable record as an HTML page (its PDF is ``export.pdf``)."""
    content = exports.build(store(), workshop.id, _retention().zone)
    html = exports.record.render_html(
        content, store(), deletes_text(workshop), stylesheet_href=stylesheet_href
    )
    return Response(html, mimetype="text/html")
