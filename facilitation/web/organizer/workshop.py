"""One workshop's page: links and keys, sharing, ending, deleting, the handout, downloads."""

import time

from flask import (
    Response,
    abort,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, gettext
from flask_login import current_user

from ... import agenda_files
from ...domain.errors import Refusal
from ...domain.organizers import clean_email
from ...domain.workshop import Agenda
from ...extensions import socketio
from ...messages import problem
from ...storage import KEY_FIELDS
from ...takeaway import check_in_summary
from ...workshops import create_workshop, end_workshop
from ..common import links, store
from ..qr import qr_svg
from ..results import export_response, file_name, record_response
from . import bp, deletion_text, live, organized, planned_when, retention
from .library import follow_up_definition


def _links_of(workshop) -> list[dict]:
    """The workshop's links with what each is for and a QR code each (a guest speaker can
    open theirs on a phone); keys only for the organizer's eyes."""
    build = links()
    join = build.join_url(workshop)
    found = [
        {
            "role": "participant",
            "label": gettext("Participants"),
            "hint": gettext("Share this link or the code; no account needed."),
            "url": join,
        },
        {
            "role": "presenter",
            "label": gettext("Presenter"),
            "hint": gettext("Drives the agenda. Hand it to a guest speaker; it needs no account."),
            "url": build.presenter_url(workshop),
        },
        {
            "role": "moderator",
            "label": gettext("Moderator"),
            "hint": gettext(
                "Moderates the question board and writes to breakout groups;"
                " cannot change the agenda."
            ),
            "url": build.moderator_url(workshop),
        },
        {
            "role": "screen",
            "label": gettext("Big screen"),
            "hint": gettext("Share it in the video call or project it in the room."),
            "url": build.screen_url(workshop),
        },
    ]
    return [{**link, "qr": qr_svg(link["url"])} for link in found]


@bp.get("/w/<workshop_id>")
def workshop(workshop_id):
    """A workshop's home: status, links and keys, sharing, retention, the actions."""
    return _workshop_page(organized(workshop_id), notice=request.args.get("done"))


def _workshop_page(workshop, notice=None, error=None):
    """The workshop page, with a notice of what was just done or an error."""
    items = store().items(workshop.id)
    total = Agenda(items).total_minutes
    return render_template(
        "organizer/workshop.html",
        workshop=workshop,
        items=items,
        total_minutes=total,
        links=_links_of(workshop),
        joined=store().participant_count(workshop.id),
        owner=store().organizer(workshop.owner_id) if workshop.owner_id else None,
        co_organizers=store().co_organizers(workshop.id),
        is_owner=workshop.owner_id == current_user.id,
        deletes=deletion_text(retention().deletes_at(workshop, total)),
        when=planned_when(workshop),
        check_ins=check_in_summary(store(), workshop),
        series=store().series(workshop.series_id) if workshop.series_id else None,
        own_series=store().series_owned_by(current_user.id),
        notice=notice,
        error=error,
    )


def _workshop_error(workshop, refusal, status=400):
    """The workshop page again, with a message for what could not be done."""
    return _workshop_page(workshop, error=problem(refusal.code, **refusal.params)), status


def _done(workshop, what: str):
    return redirect(url_for("organizer.workshop", workshop_id=workshop.id, done=what))


@bp.post("/w/<workshop_id>/rotate/<role>")
def rotate(workshop_id, role):
    """Replace one key: the old link stops working and its open pages are disconnected."""
    workshop = organized(workshop_id)
    if role not in KEY_FIELDS:
        abort(404)
    workshop = store().rotate_key(workshop, role)
    # The workshop's connections may be held by another process: each closes its own.
    live().cluster.key_rotated(workshop.id, role, workshop.language)
    return _done(workshop, f"rotated-{role}")


@bp.post("/w/<workshop_id>/share")
def share(workshop_id):
    """The owner shares the workshop with another organizer of this instance, by e-mail."""
    workshop = organized(workshop_id)
    if workshop.owner_id != current_user.id:
        return _workshop_error(workshop, Refusal("owner_only"), 403)
    try:
        other = store().organizer_by_email(clean_email(request.form.get("email", "")))
        if other is None:
            raise Refusal("unknown_organizer")
        if other.id == current_user.id:
            raise Refusal("share_with_self")
    except Refusal as refusal:
        return _workshop_error(workshop, refusal)
    store().share_workshop(workshop.id, other.id)
    return _done(workshop, "shared")


@bp.post("/w/<workshop_id>/unshare/<organizer_id>")
def unshare(workshop_id, organizer_id):
    """The owner takes a co-organizer's access back (a co-organizer may leave)."""
    workshop = organized(workshop_id)
    if workshop.owner_id != current_user.id and organizer_id != current_user.id:
        return _workshop_error(workshop, Refusal("owner_only"), 403)
    store().unshare_workshop(workshop.id, organizer_id)
    if organizer_id == current_user.id:
        return redirect(url_for("organizer.library"))
    return _done(workshop, "unshared")


@bp.post("/w/<workshop_id>/end")
def end(workshop_id):
    """End the workshop: everyone sees the closing view, the retention clock starts."""
    workshop = organized(workshop_id)
    try:
        workshop = end_workshop(store(), workshop, time.time())
    except Refusal as refusal:
        return _workshop_error(workshop, refusal)
    announce_end(workshop)
    return _done(workshop, "ended")


def announce_end(workshop):
    """Send every audience the lobby and the ``workshop_ended`` fact."""
    state = live()
    state.cluster.changed(workshop.id)
    with state.lock:
        messages = state.announce_end(workshop)
    for event, payload, to in messages:
        socketio.emit(event, payload, to=to)


@bp.route("/w/<workshop_id>/delete", methods=["GET", "POST"])
def delete(workshop_id):
    """Ask, naming the workshop; then delete it with every answer and close its pages."""
    workshop = organized(workshop_id)
    if request.method == "GET":
        return render_template(
            "organizer/delete.html",
            workshop=workshop,
            joined=store().participant_count(workshop.id),
        )
    if workshop.owner_id != current_user.id:
        return _workshop_error(workshop, Refusal("owner_only"), 403)
    store().delete_workshop(workshop.id)
    live().cluster.deleted(workshop.id, workshop.language)
    return redirect(url_for("organizer.library", deleted=workshop.title[:200]))


@bp.get("/w/<workshop_id>/agenda.yaml")
def download_agenda(workshop_id):
    """The agenda as a YAML file that imports on any installation."""
    workshop = organized(workshop_id)
    text = agenda_files.dump_agenda(agenda_files.definition_of(store(), workshop.id))
    name = file_name(workshop.title)
    return Response(
        text,
        mimetype="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/w/<workshop_id>/export.<extension>")
def download_export(workshop_id, extension):
    """The workshop's results as Excel, CSV (ZIP), JSON or the record's PDF."""
    return export_response(organized(workshop_id), extension)


@bp.get("/w/<workshop_id>/record")
def record(workshop_id):
    """The printable record as an HTML page (its PDF is ``export.pdf``)."""
    return record_response(organized(workshop_id), url_for("static", filename="css/record.css"))


@bp.post("/w/<workshop_id>/follow-up")
def follow_up(workshop_id):
    """A new run of the workshop that opens with its Kaizen check's aggregate."""
    original = organized(workshop_id)
    definition = follow_up_definition(original, check_in_summary(store(), original))
    try:
        workshop = create_workshop(store(), definition, owner_id=current_user.id)
    except Refusal as refusal:
        return _workshop_error(original, refusal)
    return redirect(url_for("organizer.agenda", workshop_id=workshop.id, created=1))


@bp.post("/w/<workshop_id>/save-template")
def save_template(workshop_id):
    """Keep the workshop's agenda and settings as one of the organizer's templates."""
    workshop = organized(workshop_id)
    definition = agenda_files.definition_of(store(), workshop.id)
    definition.pop("planned_date", None)
    store().save_template(
        current_user.id, workshop.title, workshop.language, agenda_files.dump_agenda(definition)
    )
    return _done(workshop, "template")


@bp.post("/templates/<template_id>/delete")
def delete_template(template_id):
    """Remove one of the organizer's own templates."""
    try:
        store().delete_saved_template(current_user.id, template_id)
    except Refusal:
        abort(404)
    return redirect(url_for("organizer.new"))


@bp.get("/w/<workshop_id>/handout")
def handout(workshop_id):
    """A printable A4 page for the room or an e-mail: title, date, link, code, QR code."""
    workshop = organized(workshop_id)
    join = links().join_url(workshop)
    with force_locale(workshop.language):
        return render_template(
            "organizer/handout.html",
            workshop=workshop,
            join_url=join,
            qr=qr_svg(join, scale=10),
            when=planned_when(workshop),
            base_url=links().base(),
        )
