"""Creating workshops from definitions: validation through the activity kinds, then storage.

A definition is the agenda as data (documented in docs/agenda-format.md):
``{"title", "language", "anonymity_threshold"?, "video_link"?, "items": [{"kind",
"title", "minutes", "config"}]}``.
"""

from .domain.breakouts import validate_video_link
from .domain.errors import Refusal
from .domain.kinds import get_kind
from .domain.workshop import (
    DEFAULT_ANONYMITY_THRESHOLD,
    LANGUAGES,
    OPEN,
    closed,
    validate_minutes,
    validate_notes,
    validate_planned_date,
    validate_planned_minutes,
    validate_planned_start,
    validate_retention_days,
    validate_threshold,
    validate_timers,
    validate_title,
)
from .storage import WORKSHOP_SETTINGS

# The fields a definition may have; anything else is refused, so that a typo never
# passes silently.
DEFINITION_FIELDS = (
    "title",
    "language",
    "planned_date",
    "planned_start",
    "planned_minutes",
    "retention_days",
    "anonymity_threshold",
    "video_link",
    "items",
)
ITEM_FIELDS = ("kind", "title", "minutes", "countdown", "auto_close", "config", "notes")
# Item fields an agenda file leaves out when they have these values.
ITEM_DEFAULTS = {"countdown": False, "auto_close": False, "notes": ""}


def validated_definition(definition: dict) -> dict:
    """Return a workshop definition checked and normalized by each item's kind."""
    if not isinstance(definition, dict):
        raise Refusal("invalid_config", field="workshop")
    for name in definition:
        if name not in DEFINITION_FIELDS:
            raise Refusal("unknown_field", field=str(name))
    language = definition.get("language", "de")
    if language not in LANGUAGES:
        raise Refusal("invalid_config", field="language")
    items = definition.get("items")
    if not isinstance(items, list):
        raise Refusal("invalid_config", field="items")
    threshold = validate_threshold(
        definition.get("anonymity_threshold", DEFAULT_ANONYMITY_THRESHOLD)
    )
    items = [_numbered(index, validated_item, item) for index, item in enumerate(items, 1)]
    return {
        "title": validate_title(definition.get("title")),
        "language": language,
        "planned_date": validate_planned_date(definition.get("planned_date")),
        "planned_start": validate_planned_start(definition.get("planned_start")),
        "planned_minutes": validate_planned_minutes(definition.get("planned_minutes")),
        "retention_days": validate_retention_days(definition.get("retention_days")),
        "anonymity_threshold": threshold,
        "video_link": validate_video_link(definition.get("video_link")),
        "items": items,
    }


def _numbered(index: int, check, item):
    """Run ``check(item)``, adding the item's number to a refusal so a file's author finds it."""
    try:
        return check(item)
    except Refusal as refusal:
        refusal.params.setdefault("item", index)
        raise


def validated_item(item) -> dict:
    """Return one agenda item (kind, title, minutes, timers, config, notes) checked by its
    kind."""
    if not isinstance(item, dict):
        raise Refusal("invalid_config", field="items")
    for name in item:
        if name not in ITEM_FIELDS:
            raise Refusal("unknown_field", field=str(name))
    kind = get_kind(item.get("kind"))
    minutes = validate_minutes(item.get("minutes", 0))
    timers = validate_timers(
        item.get("countdown", False), item.get("auto_close", False), minutes, kind.collects_answers
    )
    return {
        "kind": kind.name,
        "title": validate_title(item.get("title")),
        "minutes": minutes,
        **timers,
        "config": kind.validate_config(item.get("config", {})),
        "notes": validate_notes(item.get("notes")),
    }


def create_workshop(
    store, definition: dict, owner_id: str | None = None, series_id: str | None = None
):
    """Validate ``definition`` and store it as a new workshop (of ``owner_id``, in the
    series ``series_id``)."""
    clean = validated_definition(definition)
    settings = {name: clean[name] for name in WORKSHOP_SETTINGS}
    settings["video_link"] = settings["video_link"] or None
    return store.create_workshop(
        clean["title"],
        clean["language"],
        clean["items"],
        owner_id=owner_id,
        series_id=series_id,
        **settings,
    )


def end_workshop(store, workshop, now: float):
    """End the workshop: open polls close, everyone sees the lobby, the retention clock starts.

    Refuses a workshop that has ended already.
    """
    if workshop.ended_at is not None:
        raise Refusal("workshop_ended")
    closing = [
        closed(item, True)
        for item in store.items(workshop.id)
        if item.status == OPEN and get_kind(item.kind).collects_answers
    ]
    return store.end_workshop(workshop, closing, now)
