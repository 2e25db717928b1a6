"""Creating workshops from definitions: validation through the activity kinds, then storage."""

from .domain.errors import Refusal
from .domain.kinds import get_kind
from .domain.workshop import LANGUAGES, validate_minutes, validate_title


def validated_definition(definition: dict) -> dict:
    """Return a workshop definition (title, language, items) checked and normalized by each kind."""
    if not isinstance(definition, dict):
        raise Refusal("invalid_config", field="workshop")
    language = definition.get("language", "de")
    if language not in LANGUAGES:
        raise Refusal("invalid_config", field="language")
    items = definition.get("items")
    if not isinstance(items, list):
        raise Refusal("invalid_config", field="items")
    cleaned = []
    for item in items:
        if not isinstance(item, dict):
            raise Refusal("invalid_config", field="items")
        kind = get_kind(item.get("kind"))
        cleaned.append(
            {
                "kind": kind.name,
                "title": validate_title(item.get("title")),
                "minutes": validate_minutes(item.get("minutes", 0)),
                "config": kind.validate_config(item.get("config", {})),
            }
        )
    return {
        "title": validate_title(definition.get("title")),
        "language": language,
        "items": cleaned,
    }


def create_workshop(store, definition: dict):
    """Validate ``definition`` and store it as a new workshop."""
    clean = validated_definition(definition)
    return store.create_workshop(clean["title"], clean["language"], clean["items"])
