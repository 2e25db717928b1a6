"""The agenda editor: a workshop's settings and its activities, in order."""

from flask import (
    redirect,
    render_template,
    request,
    url_for,
)

from ...domain.breakouts import validate_video_link
from ...domain.errors import Refusal
from ...domain.workshop import (
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
from ...messages import problem
from ..authoring import (
    Editing,
    announce_agenda,
    delete_item_action,
    edit_item_page,
    item_of,
    new_item_page,
)
from ..common import store
from . import bp, live, organized, retention


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
    if workshop.status != DRAFT:
        # Fixed fields are disabled in the form, so the browser does not send them.
        stored = _settings_values(workshop)
        values.update(
            language=stored["language"], anonymity_threshold=stored["anonymity_threshold"]
        )
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
    # The video link is held in memory by the process that runs the workshop's breakouts.
    live().cluster.changed(workshop.id)
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
    direction = request.form.get("direction")
    target = index - 1 if direction == "up" else index + 1
    try:
        if direction not in ("up", "down"):
            raise Refusal("invalid_payload", field="direction")
        _check_swappable(workshop, ids, index, target)
    except Refusal as refusal:
        return _agenda_page(workshop, problem(refusal.code, **refusal.params), status=400)
    ids[index], ids[target] = ids[target], ids[index]
    store().reorder_items(workshop.id, ids)
    announce_agenda(workshop)
    # The page puts the keyboard focus back on the moved item's button for this direction.
    return redirect(
        url_for("organizer.agenda", workshop_id=workshop.id, moved=item.id, direction=direction)
    )


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
