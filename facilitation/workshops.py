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
    validate_minutes,
    validate_threshold,
    validate_title,
)


def validated_definition(definition: dict) -> dict:
    """Return a workshop definition checked and normalized by each item's kind."""
    if not isinstance(definition, dict):
        raise Refusal("invalid_config", field="workshop")
    language = definition.get("language", "de")
    if language not in LANGUAGES:
        raise Refusal("invalid_config", field="language")
    items = definition.get("items")
    if not isinstance(items, list):
        raise Refusal("invalid_config", field="items")
    threshold = validate_threshold(
        definition.get("anonymity_threshold", DEFAULT_ANONYMITY_THRESHOLD)
    )
    return {
        "title": validate_title(definition.get("title")),
        "language": language,
        "anonymity_threshold": threshold,
        "video_link": validate_video_link(definition.get("video_link")),
        "items": [validated_item(item) for item in items],
    }


def validated_item(item) -> dict:
    """Return one agenda item (kind, title, minutes, config) checked by its kind."""
    if not isinstance(item, dict):
        raise Refusal("invalid_config", field="items")
    kind = get_kind(item.get("kind"))
    return {
        "kind": kind.name,
        "title": validate_title(item.get("title")),
        "minutes": validate_minutes(item.get("minutes", 0)),
        "config": kind.validate_config(item.get("config", {})),
    }


def create_workshop(store, definition: dict):
    """Validate ``definition`` and store it as a new workshop."""
    clean = validated_definition(definition)
    workshop = store.create_workshop(clean["title"], clean["language"], clean["items"])
    if clean["anonymity_threshold"] != workshop.anonymity_threshold:
        workshop = store.set_threshold(workshop, clean["anonymity_threshold"])
    if clean["video_link"]:
        store.set_video_link(workshop.id, clean["video_link"])
    return workshop
