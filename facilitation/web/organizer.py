"""The organizer's workspace: the workshop library, new workshops, the agenda editor,
links and keys, sharing, the handout, ending and deleting.

Every route needs a signed-in organizer, and every workshop route answers 404
unless that organizer owns the workshop or it was shared with them.
"""

import time

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, format_date, gettext
from flask_login import current_user, login_required

from .. import agenda_files, agenda_templates
from ..domain.breakouts import validate_video_link
from ..domain.errors import Refusal
from ..domain.organizers import clean_email
from ..domain.workshop import (
    DRAFT,
    LANGUAGES,
    PENDING,
    Agenda,
    planned_start_at,
    validate_planned_date,
    validate_planned_minutes,
    validate_planned_start,
    validate_retention_days,
    validate_threshold,
    validate_title,
)
from ..messages import problem, problem_in_file
from ..realtime.lifecycle import close_role, close_workshop
from ..storage import KEY_FIELDS
from ..workshops import create_workshop, end_workshop
from .authoring import (
    Editing,
    announce_agenda,
    delete_item_action,
    edit_item_page,
    item_of,
    new_item_page,
)
from .common import links, store
from .qr import qr_svg

bp = Blueprint("organizer", __name__, url_prefix="/organize")

SORTS = ("title", "date", "status", "joined", "deletes")
STATUS_ORDER = {"draft": 0, "live": 1, "ended": 2}


@bp.before_request
@login_required
def signed_in():
    """Every page of the workspace needs a signed-in organizer."""


def organized(workshop_id):
    """The workshop if the signed-in organizer may organize it; 404 for everyone else."""
    try:
        workshop = store().workshop(workshop_id)
    except Refusal:
        abort(404)
    if not store().may_organize(workshop, current_user.id):
        abort(404)
    return workshop


def retention():
    """The instance's retention rules."""
    return current_app.extensions["facilitation.retention"]


def live():
    """The process's live state."""
    return current_app.extensions["facilitation.live"]


def deletion_text(deletes_at: float | None) -> str:
    """When a workshop's data goes, in words for a table cell or a line."""
    if deletes_at is None:
        days = retention().default_days
        return gettext("%(days)s days after the end", days=days)
    return format_date(_local(deletes_at), format="medium")


def _local(epoch: float):
    import datetime as dt

    return dt.datetime.fromtimestamp(epoch, retention().zone)


# -- the library -------------------------------------------------------------


@bp.get("/")
def library():
    """The organizer's workshops: searchable by title, sortable by every column."""
    query = request.args.get("q", "").strip()[:200]
    sort = request.args.get("sort", "date")
    sort = sort if sort in SORTS else "date"
    descending = request.args.get("dir", "desc" if sort == "date" else "asc") == "desc"
    workshops = store().workshops_of(current_user.id)
    if query:
        workshops = [w for w in workshops if query.casefold() in w.title.casefold()]
    facts = store().library(w.id for w in workshops)
    rows = []
    for workshop in workshops:
        fact = facts[workshop.id]
        deletes_at = retention().deletes_at(workshop, fact["minutes"])
        rows.append(
            {
                "workshop": workshop,
                "joined": fact["joined"],
                "minutes": fact["minutes"],
                "deletes_at": deletes_at,
                "deletes": deletion_text(deletes_at),
                "when": _when(workshop),
            }
        )
    keys = {
        "title": lambda row: row["workshop"].title.casefold(),
        "date": lambda row: (
            row["workshop"].planned_date or "",
            row["workshop"].planned_start or "",
            row["workshop"].created_at or 0,
        ),
        "status": lambda row: STATUS_ORDER[row["workshop"].status],
        "joined": lambda row: row["joined"],
        "deletes": lambda row: row["deletes_at"] or float("inf"),
    }
    rows.sort(key=keys[sort], reverse=descending)
    return render_template(
        "organizer/library.html",
        rows=rows,
        query=query,
        sort=sort,
        descending=descending,
        total=len(store().workshops_of(current_user.id)),
    )


def _when(workshop) -> str:
    """The planned date and start, as people read them."""
    if not workshop.planned_date:
        return ""
    start = planned_start_at(workshop, retention().zone)
    text = format_date(start, format="medium")
    return f"{text}, {workshop.planned_start}" if workshop.planned_start else text


# -- new workshops ------------------------------------------------------------


def _new_page(error=None, section=None, status=200, values=None):
    language = request.values.get("language") or str(_page_language())
    language = language if language in LANGUAGES else "de"
    return (
        render_template(
            "organizer/new.html",
            templates=agenda_templates.templates(language),
            template_language=language,
            saved=store().saved_templates(current_user.id),
            own=sorted(store().workshops_of(current_user.id), key=lambda w: w.title.casefold()),
            error=error,
            section=section,
            values=values or {},
        ),
        status,
    )


def _page_language():
    from flask_babel import get_locale

    return get_locale()


@bp.get("/new")
def new():
    """Start a workshop: blank, from a template, from an agenda file, or as a copy."""
    return _new_page()


@bp.post("/new")
def create():
    """Create the workshop the form asks for and open its agenda editor."""
    source = request.form.get("source")
    try:
        if source == "blank":
            definition = {
                "title": request.form.get("title", ""),
                "language": request.form.get("language", "de"),
                "items": [],
            }
        elif source == "template":
            definition = agenda_templates.template(
                request.form.get("template", ""), request.form.get("language", "de")
            ).definition
        elif source == "saved":
            saved = store().saved_template(current_user.id, request.form.get("template", ""))
            definition = agenda_files.parse_agenda(saved["agenda"], "template.yaml")
        elif source == "upload":
            upload = request.files.get("agenda")
            if upload is None or not upload.filename:
                raise Refusal("file_required")
            definition = agenda_files.parse_agenda(upload.read(), upload.filename)
        elif source == "copy":
            original = organized(request.form.get("workshop", ""))
            definition = copy_definition(original)
        else:
            raise Refusal("invalid_payload", field="source")
        workshop = create_workshop(store(), definition, owner_id=current_user.id)
    except Refusal as refusal:
        error = problem_in_file(refusal)
        values = {"title": request.form.get("title", "")[:200]}
        return _new_page(error, source, 400, values)
    return redirect(url_for("organizer.agenda", workshop_id=workshop.id, created=1))


def copy_definition(workshop) -> dict:
    """A workshop's agenda and settings for a new run: never its answers, not its date."""
    definition = agenda_files.definition_of(store(), workshop.id)
    with force_locale(workshop.language):
        definition["title"] = gettext("%(title)s (copy)", title=workshop.title)[:200]
    definition.pop("planned_date", None)
    return definition


# -- one workshop: its page --------------------------------------------------


def _links_of(workshop) -> list[dict]:
    """The workshop's links with what each is for; keys only for the organizer's eyes."""
    build = links()
    join = build.join_url(workshop)
    return [
        {
            "role": "participant",
            "label": gettext("Participants"),
            "hint": gettext("Share this link or the code; no account needed."),
            "url": join,
            "qr": qr_svg(join),
        },
        {
            "role": "presenter",
            "label": gettext("Presenter"),
            "hint": gettext("Drives the agenda. Hand it to a guest speaker; it needs no account."),
            "url": build.presenter_url(workshop),
            "qr": None,
        },
        {
            "role": "moderator",
            "label": gettext("Moderator"),
            "hint": gettext(
                "Moderates the question board and writes to breakout groups;"
                " cannot change the agenda."
            ),
            "url": build.moderator_url(workshop),
            "qr": None,
        },
        {
            "role": "screen",
            "label": gettext("Big screen"),
            "hint": gettext("Share it in the video call or project it in the room."),
            "url": build.screen_url(workshop),
            "qr": None,
        },
    ]


@bp.get("/w/<workshop_id>")
def workshop(workshop_id):
    """A workshop's home: status, links and keys, sharing, retention, the actions."""
    workshop = organized(workshop_id)
    items = store().items(workshop.id)
    deletes_at = retention().deletes_at(workshop, Agenda(items).total_minutes)
    return render_template(
        "organizer/workshop.html",
        workshop=workshop,
        items=items,
        total_minutes=Agenda(items).total_minutes,
        links=_links_of(workshop),
        joined=store().participant_count(workshop.id),
        owner=store().organizer(workshop.owner_id) if workshop.owner_id else None,
        co_organizers=store().co_organizers(workshop.id),
        is_owner=workshop.owner_id == current_user.id,
        deletes=deletion_text(deletes_at),
        when=_when(workshop),
        notice=request.args.get("done"),
        error=None,
    )


def _workshop_error(workshop, refusal, status=400):
    """The workshop page again, with a message for what could not be done."""
    page = workshop_page_with_error(workshop, problem(refusal.code, **refusal.params))
    return page, status


def workshop_page_with_error(workshop, error):
    """The workshop page with ``error`` shown at the top."""
    items = store().items(workshop.id)
    deletes_at = retention().deletes_at(workshop, Agenda(items).total_minutes)
    return render_template(
        "organizer/workshop.html",
        workshop=workshop,
        items=items,
        total_minutes=Agenda(items).total_minutes,
        links=_links_of(workshop),
        joined=store().participant_count(workshop.id),
        owner=store().organizer(workshop.owner_id) if workshop.owner_id else None,
        co_organizers=store().co_organizers(workshop.id),
        is_owner=workshop.owner_id == current_user.id,
        deletes=deletion_text(deletes_at),
        when=_when(workshop),
        notice=None,
        error=error,
    )


def _done(workshop, what: str):
    return redirect(url_for("organizer.workshop", workshop_id=workshop.id, done=what))


@bp.post("/w/<workshop_id>/rotate/<role>")
def rotate(workshop_id, role):
    """Replace one key: the old link stops working and its open pages are disconnected."""
    workshop = organized(workshop_id)
    if role not in KEY_FIELDS:
        abort(404)
    workshop = store().rotate_key(workshop, role)
    close_role(live(), workshop.id, role, "key_rotated", workshop.language)
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
    from ..extensions import socketio

    state = live()
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
    close_workshop(live(), workshop.id, "workshop_deleted", "workshop_deleted", workshop.language)
    return redirect(url_for("organizer.library", deleted=workshop.title[:200]))


@bp.get("/w/<workshop_id>/agenda.yaml")
def download_agenda(workshop_id):
    """The agenda as a YAML file that imports on any installation."""
    workshop = organized(workshop_id)
    text = agenda_files.dump_agenda(agenda_files.definition_of(store(), workshop.id))
    name = _file_name(workshop.title)
    return Response(
        text,
        mimetype="application/yaml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _file_name(title: str) -> str:
    """A safe download name from a title: letters, digits and dashes, then ``.yaml``."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower()[:60]
    return f"{slug or 'agenda'}.yaml"


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
            when=_when(workshop),
            base_url=links().base(),
        )


# -- the agenda editor ---------------------------------------------------------


def _editing(workshop) -> Editing:
    return Editing(
        workshop,
        "organizer",
        "organizer/layout.html",
        url_for("organizer.agenda", workshop_id=workshop.id),
        {"workshop_id": workshop.id},
    )


def _agenda_page(workshop, error=None, values=None, status=200):
    items = store().items(workshop.id)
    agenda = Agenda(items)
    start = planned_start_at(workshop, retention().zone) if workshop.planned_start else None
    rows = []
    for index, item in enumerate(agenda):
        begins = agenda.planned_start(item.id)
        rows.append(
            {
                "item": item,
                "number": index + 1,
                "locked": item.status != PENDING or workshop.current_item_id == item.id,
                "clock": _clock(start, begins) if start else None,
                "can_up": index > 0 and _movable(workshop, items[index - 1]),
                "can_down": index + 1 < len(items) and _movable(workshop, items[index + 1]),
            }
        )
    total = agenda.total_minutes
    return (
        render_template(
            "organizer/agenda.html",
            workshop=workshop,
            rows=rows,
            total_minutes=total,
            planned_end=_clock(start, total) if start else None,
            over_plan=bool(workshop.planned_minutes and total > workshop.planned_minutes),
            values=values or _settings_values(workshop),
            error=error,
            created=request.args.get("created"),
            draft=workshop.status == DRAFT,
        ),
        status,
    )


def _clock(start, minutes: int) -> str:
    import datetime as dt

    return (start + dt.timedelta(minutes=minutes)).strftime("%H:%M")


def _movable(workshop, item) -> bool:
    return item.status == PENDING and workshop.current_item_id != item.id


def _settings_values(workshop) -> dict:
    return {
        "title": workshop.title,
        "language": workshop.language,
        "planned_date": workshop.planned_date or "",
        "planned_start": workshop.planned_start or "",
        "planned_minutes": str(workshop.planned_minutes or ""),
        "anonymity_threshold": str(workshop.anonymity_threshold),
        "video_link": store().video_link(workshop.id),
        "retention_days": str(workshop.retention_days or ""),
    }


@bp.get("/w/<workshop_id>/agenda")
def agenda(workshop_id):
    """The agenda editor: the workshop's settings and its items, in order."""
    return _agenda_page(organized(workshop_id))


def _number(raw: str):
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() else (raw or None)


@bp.post("/w/<workshop_id>/settings")
def settings(workshop_id):
    """Save title, language, plan, threshold, video link and retention.

    Language and threshold are fixed once the workshop has started (the threshold
    is then the presenter's, live).
    """
    workshop = organized(workshop_id)
    form = request.form
    values = {name: form.get(name, "")[:500] for name in _settings_values(workshop)}
    try:
        changes = {
            "title": validate_title(form.get("title")),
            "planned_date": validate_planned_date(form.get("planned_date", "").strip()),
            "planned_start": validate_planned_start(form.get("planned_start", "").strip()),
            "planned_minutes": validate_planned_minutes(_number(form.get("planned_minutes"))),
            "retention_days": validate_retention_days(_number(form.get("retention_days"))),
            "video_link": validate_video_link(form.get("video_link", "").strip()) or None,
        }
        if workshop.status == DRAFT:
            language = form.get("language")
            if language not in LANGUAGES:
                raise Refusal("invalid_config", field="language")
            changes["language"] = language
            changes["anonymity_threshold"] = validate_threshold(
                _number(form.get("anonymity_threshold"))
            )
    except Refusal as refusal:
        error = problem(refusal.code, **refusal.params)
        error["field"] = refusal.params.get("field") or _field_of(refusal.code)
        return _agenda_page(workshop, error, values, 400)
    store().update_workshop(workshop, **changes)
    return redirect(url_for("organizer.agenda", workshop_id=workshop.id, saved=1))


def _field_of(code: str) -> str:
    return {
        "title_required": "title",
        "title_too_long": "title",
        "video_link_invalid": "video_link",
        "video_link_placeholder": "video_link",
    }.get(code, "")


@bp.route("/w/<workshop_id>/items/new", methods=["GET", "POST"])
def new_item(workshop_id):
    """The organizer adds an activity (the presenter's form, the same code)."""
    return new_item_page(_editing(organized(workshop_id)))


@bp.route("/w/<workshop_id>/items/<item_id>/edit", methods=["GET", "POST"])
def edit_item(workshop_id, item_id):
    """The organizer changes an activity that has not started."""
    return edit_item_page(_editing(organized(workshop_id)), item_id)


@bp.post("/w/<workshop_id>/items/<item_id>/delete")
def delete_item(workshop_id, item_id):
    """The organizer deletes an activity that has not started."""
    return delete_item_action(_editing(organized(workshop_id)), item_id)


@bp.post("/w/<workshop_id>/items/<item_id>/duplicate")
def duplicate_item(workshop_id, item_id):
    """A copy of an activity right after it (never with answers)."""
    workshop = organized(workshop_id)
    item = item_of(workshop, item_id)
    copy = {"kind": item.kind, "title": item.title, "minutes": item.minutes, "config": item.config}
    store().add_item(workshop.id, copy, after=item)
    announce_agenda(workshop)
    return redirect(url_for("organizer.agenda", workshop_id=workshop.id) + "#agenda-items")


@bp.post("/w/<workshop_id>/items/<item_id>/move")
def move_item(workshop_id, item_id):
    """Move an activity one place up or down; started activities stay where they are."""
    workshop = organized(workshop_id)
    item = item_of(workshop, item_id)
    ids = [other.id for other in store().items(workshop.id)]
    index = ids.index(item.id)
    target = index - 1 if request.form.get("direction") == "up" else index + 1
    try:
        _check_swappable(workshop, ids, index, target)
    except Refusal as refusal:
        return _agenda_page(workshop, problem(refusal.code, **refusal.params), status=400)
    ids[index], ids[target] = ids[target], ids[index]
    store().reorder_items(workshop.id, ids)
    announce_agenda(workshop)
    return redirect(url_for("organizer.agenda", workshop_id=workshop.id, moved=item.id))


def _check_swappable(workshop, ids, index, target):
    if not 0 <= target < len(ids):
        raise Refusal("cannot_move")
    for position in (index, target):
        if not _movable(workshop, store().item(workshop.id, ids[position])):
            raise Refusal("not_pending")


@bp.post("/w/<workshop_id>/order")
def reorder(workshop_id):
    """A new order from dragging (JSON ``{"order": [item ids]}``); started items keep their
    places."""
    workshop = organized(workshop_id)
    data = request.get_json(silent=True)
    order = data.get("order") if isinstance(data, dict) else None
    try:
        if not isinstance(order, list) or not all(isinstance(i, str) for i in order):
            raise Refusal("invalid_order")
        items = store().items(workshop.id)
        before = [item.id for item in items]
        for index, item in enumerate(items):
            if not _movable(workshop, item) and (
                len(order) != len(before) or order[index] != item.id
            ):
                raise Refusal("not_pending")
        store().reorder_items(workshop.id, order)
    except Refusal as refusal:
        return {"ok": False, "error": problem(refusal.code, **refusal.params)}, 400
    announce_agenda(workshop)
    return {"ok": True}
