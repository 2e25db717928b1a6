"""Agenda files: a workshop's definition read from and written to YAML (or JSON).

``parse_agenda`` turns a file into a validated definition (see
``workshops.validated_definition``), ``dump_agenda`` writes a definition as
YAML, and ``definition_of`` reads a stored workshop's definition. Written and
read again, a definition gives the same text byte for byte (docs/agenda-format.md).
"""

from __future__ import annotations

import copy
import json
import re

import yaml

from .domain.errors import Refusal
from .domain.kinds import get_kind
from .workshops import DEFINITION_FIELDS, ITEM_DEFAULTS, ITEM_FIELDS, validated_definition

HEADER = "# A workshop agenda for facilitation; the format is described in docs/agenda-format.md\n"
# Long titles and texts are folded at this width; it is part of the byte-for-byte output.
WIDTH = 88
# Settings that are written as quoted strings, so that no YAML reader takes them for a
# date or a sexagesimal number (10:30 is 630 in YAML 1.1).
QUOTED_SETTINGS = ("planned_date", "planned_start")
TOO_DEEP = "nested too deeply"


class AgendaLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the plain scalars of YAML 1.2's core schema.

    YAML 1.1 reads ``Yes``, ``No``, ``on`` and ``off`` as booleans, ``10:30`` as
    630 and ``2027-03-18`` as a date; in an agenda those are option labels and
    times, so only ``true``/``false``, ``null``, decimal integers and floats with
    a dot are typed here. Everything else stays a string. Mappings must not
    repeat a key (the last one would win silently).
    """

    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node, deep=False):
        """A mapping as PyYAML builds it, refusing a key that appears twice."""
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str) and key in seen:
                mark = key_node.start_mark
                raise Refusal("duplicate_key", key=key, line=mark.line + 1, column=mark.column + 1)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


for _tag, _pattern, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    # PyYAML's YAML 1.1 floats without the sexagesimal ones: the dumper quotes every
    # string that YAML 1.1 would read as a number, so this set must not be larger.
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
):
    AgendaLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class _Quoted(str):
    """A string always written in single quotes."""


class AgendaDumper(yaml.SafeDumper):
    """PyYAML's safe dumper: multi-line texts as literal blocks, lists indented under keys."""

    def increase_indent(self, flow=False, indentless=False):
        """Indent block sequences under their key, as people write YAML by hand."""
        return super().increase_indent(flow, False)


# YAML reads these as line breaks and folds them in plain and block text; only
# double quotes (with escapes) keep them as they are.
OTHER_LINE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _represent_str(dumper, text):
    """Multi-line text as a literal block, unless it holds a break only quotes keep."""
    if any(mark in text for mark in OTHER_LINE_BREAKS):
        style = '"'
    elif "\n" in text:
        style = "|"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


AgendaDumper.add_representer(str, _represent_str)
AgendaDumper.add_representer(
    _Quoted, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, "'")
)


def parse_agenda(data: bytes | str, filename: str = "agenda.yaml") -> dict:
    """Read an agenda file (YAML, or JSON) and return its validated definition.

    ``.json`` files are read as JSON, everything else as YAML (which also reads
    most JSON). A ``flask export`` dump gives its ``agenda``. Refuses bad syntax
    with the line and column, a file that is not UTF-8, and any invalid content
    naming the item and field.
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise Refusal("file_encoding") from None
    data = data.removeprefix("\ufeff")
    if filename.lower().endswith(".json"):
        document = _json(data)
    elif data.lstrip().startswith("{"):
        # JSON is nearly YAML, but not quite (tabs, "\/"): JSON first, then YAML's own error.
        try:
            document = _json(data)
        except Refusal:
            document = _yaml(data)
    else:
        document = _yaml(data)
    if not isinstance(document, dict):
        raise Refusal("invalid_config", field="workshop")
    if isinstance(document.get("agenda"), dict) and "title" not in document:
        document = document["agenda"]
    return validated_definition(document)


def _json(text: str):
    """The JSON document in ``text``; a syntax error names its line and column."""

    def pairs(items):
        keys = [key for key, _ in items]
        for key in keys:
            if keys.count(key) > 1:
                raise Refusal("duplicate_key", key=key, line=None, column=None)
        return dict(items)

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as error:
        raise Refusal("json_syntax", line=error.lineno, column=error.colno) from None
    except RecursionError:
        raise Refusal("json_syntax", line=None, column=None) from None


def _yaml(text: str):
    """The YAML document in ``text``; a syntax error names its line, column and problem."""
    try:
        return yaml.load(text, Loader=AgendaLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or ""
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise Refusal("yaml_syntax", line=line, column=column, problem=problem) from None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        line = before.count("\n") + 1
        column = error.position - (before.rfind("\n") + 1) + 1
        raise Refusal("yaml_syntax", line=line, column=column, problem=error.reason) from None
    except yaml.YAMLError as error:
        raise Refusal("yaml_syntax", line=None, column=None, problem=str(error)) from None
    except RecursionError:
        # PyYAML composes nested collections recursively; thousands of "[" would crash it.
        raise Refusal("yaml_syntax", line=None, column=None, problem=TOO_DEEP) from None


def dump_agenda(definition: dict) -> str:
    """The definition as YAML text: validated, fixed key order, defaults left out.

    Deterministic: ``dump_agenda(parse_agenda(dump_agenda(d))) == dump_agenda(d)``.
    Settings without a value and config fields that equal their defaults are
    left out; options and prompts whose ids are the default ones are plain text.
    """
    clean = validated_definition(definition)
    document = {}
    for name in DEFINITION_FIELDS:
        value = clean.get(name)
        if name == "items":
            document["items"] = [_item_document(item) for item in value]
        elif name in ("title", "language") or value not in (None, ""):
            document[name] = _Quoted(value) if name in QUOTED_SETTINGS else value
    text = yaml.dump(
        document,
        Dumper=AgendaDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=WIDTH,
        indent=2,
    )
    return HEADER + text


def _item_document(item: dict) -> dict:
    """One item with its fields in the documented order, defaults left out, and its config
    as short as it goes."""
    kind = get_kind(item["kind"])
    document = {}
    for name in ITEM_FIELDS:
        value = _shortest_config(kind, item["config"]) if name == "config" else item[name]
        if name == "config" and not value:
            continue
        if name in ITEM_DEFAULTS and value == ITEM_DEFAULTS[name]:
            continue
        document[name] = value
    return document


def _shortest_config(kind, config: dict) -> dict:
    """``config`` without what the kind fills in by itself.

    Each field (also inside options, axes and groups) is left out, and each
    ``{"label": ...}``-like entry written as its text, only when the kind's own
    validation then gives exactly the same configuration, so nothing changes
    meaning and future kinds need no code here.
    """
    target = kind.validate_config(config)
    shortest = copy.deepcopy(target)

    def same() -> bool:
        try:
            return kind.validate_config(copy.deepcopy(shortest)) == target
        except Refusal:
            return False

    _shorten(shortest, same)
    return shortest


def _shorten(node, same) -> None:
    """Drop dict keys and collapse one-text dicts in ``node`` wherever ``same()`` still holds."""
    if isinstance(node, dict):
        for key in list(node):
            _shorten(node[key], same)
            kept = dict(node)
            del node[key]
            if not same():
                node.clear()
                node.update(kept)
    elif isinstance(node, list):
        for index, element in enumerate(node):
            _shorten(element, same)
            if isinstance(element, dict) and len(element) == 1:
                (text,) = element.values()
                if isinstance(text, str):
                    node[index] = text
                    if not same():
                        node[index] = element


def definition_of(store, workshop_id: str) -> dict:
    """The stored workshop's definition, as ``validated_definition`` returns it."""
    return validated_definition(store.definition(workshop_id))
