"""Activity kinds: one module each, found and registered automatically.

A kind is a class with a ``name``; the web layer renders the template partial
``templates/kinds/<name>.html`` and loads ``static/js/kinds/<name>.js`` for it.
Adding a kind means adding those three files, nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..errors import Refusal

_KINDS: dict[str, ActivityKind] = {}


class ActivityKind:
    """What every activity kind answers; the defaults fit activities without answers."""

    name: str = ""
    collects_answers: bool = False

    def validate_config(self, config) -> dict:
        """Return the normalized configuration or refuse it, naming the field."""
        if config is None:
            return {}
        if not isinstance(config, dict):
            raise Refusal("invalid_config", field="config")
        return config

    def parse_answer(self, config: dict, value):
        """Return the normalized answer value or refuse it."""
        raise Refusal("not_answerable")

    def new_tally(self, config: dict, answers):
        """Return the in-memory tally for the stored ``answers`` (None for kinds without)."""
        return None

    def apply(self, tally, previous, current) -> bool:
        """Move one participant's answer in ``tally``; return whether results changed."""
        return False

    def results(self, config: dict, tally) -> dict | None:
        """Return the aggregate shown to presenter and screen."""
        return None

    def public_config(self, config: dict) -> dict:
        """Return the part of the configuration every participant may see."""
        return config


def register(cls):
    """Class decorator: make an activity kind available under ``cls.name``."""
    if not cls.name or cls.name in _KINDS:
        raise ValueError(f"activity kind needs a unique name, got {cls.name!r}")
    _KINDS[cls.name] = cls()
    return cls


def get_kind(name) -> ActivityKind:
    """Return the kind called ``name`` or refuse an unknown one."""
    try:
        return _KINDS[name]
    except (KeyError, TypeError):
        raise Refusal("unknown_kind") from None


def kind_names() -> list[str]:
    """Names of all registered kinds, sorted."""
    return sorted(_KINDS)


for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
