"""The template library: ready workshop formats, shipped as agenda files in German and English.

Each template is ``<name>.<language>.yaml`` in this folder, in the form
``flask agenda`` prints; ``index.yaml`` lists them in order with a one-line
description per language. The files are data, not code: they are read with
the same parser as an uploaded agenda file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..agenda_files import AgendaLoader, parse_agenda
from ..domain.errors import Refusal
from ..domain.workshop import LANGUAGES


@dataclass(frozen=True)
class Template:
    """One ready workshop format in one language."""

    name: str
    language: str
    title: str
    description: str
    minutes: int
    kinds: dict
    definition: dict


def _folder():
    return resources.files(__name__)


@cache
def _index() -> tuple:
    """The library's entries (name and descriptions), in order."""
    text = _folder().joinpath("index.yaml").read_text(encoding="utf-8")
    return tuple(yaml.load(text, Loader=AgendaLoader))  # noqa: S506 - a SafeLoader subclass


def template_text(name: str, language: str) -> str:
    """The agenda file of template ``name`` in ``language``, as shipped."""
    if name not in template_names() or language not in LANGUAGES:
        raise Refusal("unknown_template")
    return _folder().joinpath(f"{name}.{language}.yaml").read_text(encoding="utf-8")


def template_names() -> list[str]:
    """The names of all templates, in the library's order."""
    return [entry["name"] for entry in _index()]


def template(name: str, language: str) -> Template:
    """Template ``name`` in ``language``, or Refusal("unknown_template")."""
    definition = parse_agenda(template_text(name, language), f"{name}.{language}.yaml")
    entry = next(entry for entry in _index() if entry["name"] == name)
    return Template(
        name=name,
        language=language,
        title=definition["title"],
        description=entry["description"][language],
        minutes=sum(item["minutes"] for item in definition["items"]),
        kinds=dict(Counter(item["kind"] for item in definition["items"])),
        definition=definition,
    )


def templates(language: str) -> list[Template]:
    """Every template in ``language``, in the library's order."""
    return [template(name, language) for name in template_names()]
