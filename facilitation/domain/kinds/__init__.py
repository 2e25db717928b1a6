"""Activity kinds: one module each, found and registered automatically.

A kind is a class with a ``name``; the web layer renders the template partials
``templates/kinds/<name>/form.html`` (authoring) and ``templates/kinds/<name>/live.html``
(live pages) and loads ``static/js/kinds/<name>.js`` for it. Adding a kind means adding
those files, nothing else. What kinds share lives in ``base``.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..errors import Refusal
from .base import ActivityKind, Answer, PollKind

__all__ = ["ActivityKind", "Answer", "PollKind", "get_kind", "kind_names", "register"]

_KINDS: dict[str, ActivityKind] = {}


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
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")
