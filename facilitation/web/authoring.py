"""Writing the agenda: add, edit and delete activities — for the presenter and the organizer.

Plain HTML forms (they work without JavaScript and show every error next to
its field); each kind's fields come from its partial ``templates/kinds/<kind>/form.html``.
Only activities that have not started can
be edited or deleted, so answers never meet a changed question.

The same pages serve two doors: the presenter's (``/presenter/<id>/items/...``,
authorized by the presenter key) and the organizer's (``/organize/w/<id>/items/...``,
authorized by the session). An ``Editing`` says which door a request came through.
"""

from dataclasses import dataclass, field

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext

from ..domain.errors import Refusal
from ..domain.kinds import get_kind, kind_names
from ..domain.workshop import PENDING, Workshop
from ..extensions import socketio
from ..messages import problem
from ..workshops import validated_item
from .common import store
from .presenter import workshop_for_key

bp = Blueprint("authoring", __name__)


@dataclass(frozen=True)
class Editing:
    """Whose agenda is edited and where its pages are: ``blueprint`` names the door."""

    workshop: Workshop
    blueprint: str
    layout: str
    back: str
    params: dict = field(default_factory=dict)

    def url(self, endpoint: str, **values) -> str:
        """The URL of one of this door's authoring endpoints."""
        return url_for(f"{self.blueprint}.{endpoint}", **self.params, **values)


def announce_agenda(workshop):
    """Tell connected presenters that the agenda changed, and the process that holds the
    workshop's live state (maybe another one) to load it again."""
    live = current_app.extensions["facilitation.live"]
    live.cluster.changed(workshop.id)
    with live.lock:
        messages = live.announce_agenda(workshop)
    for event, payload, to in messages:
        socketio.emit(event, payload, to=to)


def _definition(kind_name: str) -> dict:
    """The submitted form as an item definition, checked by the kind."""
    kind = get_kind(kind_name)
    minutes = request.form.get("minutes", "").strip()
    return validated_item(
        {
            "kind": kind.name,
            "title": request.form.get("title", ""),
            "minutes": int(minutes) if minutes.isdigit() else minutes or None,
            "countdown": request.form.get("countdown") == "on",
            "auto_close": kind.collects_answers and request.form.get("auto_close") == "on",
            "config": kind.from_form(request.form),
            "notes": request.form.get("notes", ""),
        }
    )


def _form(editing, kind_name, values, item=None, error=None, status=200):
    kind = get_kind(kind_name)
    return (
        render_template(
            "presenter/item_form.html",
            editing=editing,
            workshop=editing.workshop,
            kind=kind,
            kind_name=kind.name,
            item=item,
            values=values,
            error=error,
        ),
        status,
    )


# Option-list refusals name a position or label, not the field: they are about
# the kind's one list field, whichever of these the form has.
LIST_CODES = {"option_count", "option_label_required", "option_label_too_long", "duplicate_option"}
LIST_FIELDS = ("options", "items")


def _failure(editing, kind_name, item, refusal):
    error = problem(refusal.code, **refusal.params)
    field_name = refusal.params.get("field", "")
    if not field_name and refusal.code in LIST_CODES:
        field_name = next((name for name in LIST_FIELDS if name in request.form), "")
    error["field"] = field_name
    return _form(editing, kind_name, _echo(request.form), item, error, 400)


# Longer than any field may be; a refused form shows at most this much of each value again.
ECHO_LIMIT = 10_000


def _echo(form) -> dict:
    """The submitted values to show again in the form, each cut to ``ECHO_LIMIT`` characters."""
    return {name: value[:ECHO_LIMIT] for name, value in form.items()}


def new_item_page(editing: Editing):
    """Choose a kind, then fill in its form; the new activity goes to the end of the agenda."""
    kind_name = request.args.get("kind")
    if kind_name is None:
        return render_template(
            "presenter/choose_kind.html",
            editing=editing,
            workshop=editing.workshop,
            kinds=sorted(kind_names(), key=lambda name: gettext(get_kind(name).label).casefold()),
        )
    try:
        kind = get_kind(kind_name)
    except Refusal:
        abort(404)
    if request.method == "GET":
        results = getattr(kind, "default_results", "presenter")
        defaults = {"minutes": "5", "results": results, "changeable": "on"}
        return _form(editing, kind.name, defaults)
    try:
        definition = _definition(kind.name)
    except Refusal as refusal:
        return _failure(editing, kind.name, None, refusal)
    store().add_item(editing.workshop.id, definition)
    announce_agenda(editing.workshop)
    return redirect(editing.back)


def item_of(workshop, item_id):
    """The item of this workshop named in the URL, else 404."""
    try:
        return store().item(workshop.id, item_id)
    except Refusal:
        abort(404)


def edit_item_page(editing: Editing, item_id):
    """Change an activity that has not started yet."""
    item = item_of(editing.workshop, item_id)
    kind = get_kind(item.kind)
    if item.status != PENDING:
        return _failure(editing, item.kind, item, Refusal("not_pending"))
    if request.method == "GET":
        values = {
            "title": item.title,
            "minutes": str(item.minutes),
            "countdown": "on" if item.countdown else "",
            "auto_close": "on" if item.auto_close else "",
            "notes": item.notes,
            **kind.to_form(item.config),
        }
        return _form(editing, item.kind, values, item)
    try:
        definition = _definition(item.kind)
    except Refusal as refusal:
        return _failure(editing, item.kind, item, refusal)
    store().update_item(item, definition)
    announce_agenda(editing.workshop)
    return redirect(editing.back)


def delete_item_action(editing: Editing, item_id):
    """Delete an activity that has not started yet."""
    item = item_of(editing.workshop, item_id)
    if item.status != PENDING or editing.workshop.current_item_id == item.id:
        return _failure(editing, item.kind, item, Refusal("not_pending"))
    store().delete_item(item)
    announce_agenda(editing.workshop)
    return redirect(editing.back)


def _presenter_editing(workshop_id) -> Editing:
    workshop = workshop_for_key(workshop_id, "presenter_token")
    key = request.args["key"]
    return Editing(
        workshop,
        "authoring",
        "presenter/form_page.html",
        url_for("presenter.workshop", workshop_id=workshop.id, key=key),
        {"workshop_id": workshop.id, "key": key},
    )


@bp.route("/presenter/<workshop_id>/items/new", methods=["GET", "POST"])
def new_item(workshop_id):
    """The presenter adds an activity."""
    return new_item_page(_presenter_editing(workshop_id))


@bp.route("/presenter/<workshop_id>/items/<item_id>/edit", methods=["GET", "POST"])
def edit_item(workshop_id, item_id):
    """The presenter changes an activity that has not started."""
    return edit_item_page(_presenter_editing(workshop_id), item_id)


@bp.post("/presenter/<workshop_id>/items/<item_id>/delete")
def delete_item(workshop_id, item_id):
    """The presenter deletes an activity that has not started."""
    return delete_item_action(_presenter_editing(workshop_id), item_id)
