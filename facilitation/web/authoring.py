"""Writing the agenda from the presenter side: add, edit and delete activities.

Plain HTML forms (they work without JavaScript and show every error next to
its field); each kind's fields come from its partial ``templates/kinds/<kind>.html``
rendered with ``part == "form"``. Only activities that have not started can
be edited or deleted, so answers never meet a changed question.
"""

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext

from ..domain.errors import Refusal
from ..domain.kinds import get_kind, kind_names
from ..domain.workshop import PENDING
from ..extensions import socketio
from ..messages import problem
from ..workshops import validated_item
from .common import store
from .presenter import workshop_for_key

bp = Blueprint("authoring", __name__)


def _announce_agenda(workshop):
    """Tell connected presenters that the agenda changed."""
    live = current_app.extensions["facilitation.live"]
    with live.lock:
        messages = live.announce_agenda(workshop)
    for event, payload, to in messages:
        socketio.emit(event, payload, to=to)


def _back(workshop):
    return redirect(url_for("presenter.workshop", workshop_id=workshop.id, key=request.args["key"]))


def _definition(kind_name: str) -> dict:
    """The submitted form as an item definition, checked by the kind."""
    kind = get_kind(kind_name)
    minutes = request.form.get("minutes", "").strip()
    return validated_item(
        {
            "kind": kind.name,
            "title": request.form.get("title", ""),
            "minutes": int(minutes) if minutes.isdigit() else minutes or None,
            "config": kind.from_form(request.form),
        }
    )


def _form(workshop, kind_name, values, item=None, error=None, status=200):
    kind = get_kind(kind_name)
    return (
        render_template(
            "presenter/item_form.html",
            workshop=workshop,
            key=request.args["key"],
            kind=kind,
            kind_name=kind.name,
            item=item,
            values=values,
            error=error,
            part="form",
        ),
        status,
    )


# Option-list refusals name a position or label, not the field: they are about
# the kind's one list field, whichever of these the form has.
LIST_CODES = {"option_count", "option_label_required", "option_label_too_long", "duplicate_option"}
LIST_FIELDS = ("options", "items")


def _failure(workshop, kind_name, item, refusal):
    error = problem(refusal.code, **refusal.params)
    field = refusal.params.get("field", "")
    if not field and refusal.code in LIST_CODES:
        field = next((name for name in LIST_FIELDS if name in request.form), "")
    error["field"] = field
    return _form(workshop, kind_name, _echo(request.form), item, error, 400)


# Longer than any field may be; a refused form shows at most this much of each value again.
ECHO_LIMIT = 10_000


def _echo(form) -> dict:
    """The submitted values to show again in the form, each cut to ``ECHO_LIMIT`` characters."""
    return {name: value[:ECHO_LIMIT] for name, value in form.items()}


@bp.route("/presenter/<workshop_id>/items/new", methods=["GET", "POST"])
def new_item(workshop_id):
    """Choose a kind, then fill in its form; the new activity goes to the end of the agenda."""
    workshop = workshop_for_key(workshop_id, "presenter_token")
    kind_name = request.args.get("kind")
    if kind_name is None:
        return render_template(
            "presenter/choose_kind.html",
            workshop=workshop,
            key=request.args["key"],
            kinds=sorted(kind_names(), key=lambda name: gettext(get_kind(name).label).casefold()),
        )
    try:
        kind = get_kind(kind_name)
    except Refusal:
        abort(404)
    if request.method == "GET":
        defaults = {"minutes": "5", "results": "presenter", "changeable": "on"}
        return _form(workshop, kind.name, defaults)
    try:
        definition = _definition(kind.name)
    except Refusal as refusal:
        return _failure(workshop, kind.name, None, refusal)
    store().add_item(workshop.id, definition)
    _announce_agenda(workshop)
    return _back(workshop)


def _pending_item(workshop, item_id):
    try:
        item = store().item(workshop.id, item_id)
    except Refusal:
        abort(404)
    return item


@bp.route("/presenter/<workshop_id>/items/<item_id>/edit", methods=["GET", "POST"])
def edit_item(workshop_id, item_id):
    """Change an activity that has not started yet."""
    workshop = workshop_for_key(workshop_id, "presenter_token")
    item = _pending_item(workshop, item_id)
    kind = get_kind(item.kind)
    if item.status != PENDING:
        return _failure(workshop, item.kind, item, Refusal("not_pending"))
    if request.method == "GET":
        values = {"title": item.title, "minutes": str(item.minutes), **kind.to_form(item.config)}
        return _form(workshop, item.kind, values, item)
    try:
        definition = _definition(item.kind)
    except Refusal as refusal:
        return _failure(workshop, item.kind, item, refusal)
    store().update_item(item, definition)
    _announce_agenda(workshop)
    return _back(workshop)


@bp.post("/presenter/<workshop_id>/items/<item_id>/delete")
def delete_item(workshop_id, item_id):
    """Delete an activity that has not started yet."""
    workshop = workshop_for_key(workshop_id, "presenter_token")
    item = _pending_item(workshop, item_id)
    if item.status != PENDING or workshop.current_item_id == item.id:
        return _failure(workshop, item.kind, item, Refusal("not_pending"))
    store().delete_item(item)
    _announce_agenda(workshop)
    return _back(workshop)
