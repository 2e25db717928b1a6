"""The stylesheets: colours only as design tokens, every token used is defined, every file linked.

``static/css/tokens.css`` is the one place for literal colours; everything else names them with
``var(--token)``. The stylesheets are read with tinycss2 (WeasyPrint's CSS parser), so selectors,
comments and strings never count as colours.
"""

import re
from pathlib import Path

import pytest
import tinycss2

CSS = Path(__file__).resolve().parent.parent / "static" / "css"
TOKENS = CSS / "tokens.css"
# Pages of their own, outside base.html: each brings the tokens itself.
OWN_PAGES = {"record.css", "handout.css", "takeaway.css"}
COLOUR_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color"}
# CSS Color Module Level 4's named colours; transparent, currentColor and inherit are no colours.
COLOUR_NAMES = """
aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue
blueviolet brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson
cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta
darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue
darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey
dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray
green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush
lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray
lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray
lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon
mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue
mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin
navajowhite navy oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen
paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple
rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna
silver skyblue slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato
turquoise violet wheat white whitesmoke yellow yellowgreen
"""
NAMED_COLOURS = frozenset(COLOUR_NAMES.split())
NESTED_RULE_LISTS = {"media", "supports", "keyframes", "layer", "container"}


def stylesheets():
    """Every stylesheet under static/css, as a path relative to it."""
    return sorted(path.relative_to(CSS).as_posix() for path in CSS.rglob("*.css"))


def declarations(nodes):
    """Every declaration in a list of rules, at any depth (@media, keyframes, @page boxes)."""
    for node in nodes:
        if node.type == "declaration":
            yield node
        elif node.type == "qualified-rule" or (node.type == "at-rule" and node.content is not None):
            if node.type == "at-rule" and node.lower_at_keyword in NESTED_RULE_LISTS:
                children = tinycss2.parse_rule_list(node.content, True, True)
            else:
                children = tinycss2.parse_blocks_contents(node.content, True, True)
            yield from declarations(children)


def parsed(name):
    """The declarations of one stylesheet."""
    rules = tinycss2.parse_stylesheet((CSS / name).read_text(encoding="utf-8"), True, True)
    return list(declarations(rules))


def tokens_of(values):
    """All component values, descending into functions and blocks."""
    for value in values:
        yield value
        if value.type == "function":
            yield from tokens_of(value.arguments)
        elif value.type in ("() block", "[] block", "{} block"):
            yield from tokens_of(value.content)


def literal_colours(declaration):
    """The literal colours in one declaration's value."""
    found = []
    for value in tokens_of(declaration.value):
        if value.type == "hash":
            found.append("#" + value.value)
        elif value.type == "function" and value.lower_name in COLOUR_FUNCTIONS:
            found.append(tinycss2.serialize([value]))
        elif value.type == "ident" and value.lower_value in NAMED_COLOURS:
            found.append(value.value)
    return found


def defined_properties(name):
    """The custom properties a stylesheet defines."""
    return {d.name for d in parsed(name) if d.name.startswith("--")}


@pytest.mark.parametrize("name", [name for name in stylesheets() if name != "tokens.css"])
def test_a_stylesheet_names_its_colours_by_token(name):
    found = [
        f"{d.source_line}: {d.name}: {colour}"
        for d in parsed(name)
        for colour in literal_colours(d)
    ]
    assert not found, f"literal colours in {name} (add a token to tokens.css):\n" + "\n".join(found)


@pytest.mark.parametrize("name", stylesheets())
def test_every_token_used_is_defined(name):
    defined = defined_properties("tokens.css") | defined_properties(name)
    missing = []
    for declaration in parsed(name):
        for value in tokens_of(declaration.value):
            if value.type != "function" or value.lower_name != "var":
                continue
            arguments = [a for a in value.arguments if a.type != "whitespace"]
            has_fallback = any(a.type == "literal" and a.value == "," for a in arguments)
            # A property a script sets per element (rating's --steps) comes with a default.
            if arguments[0].value not in defined and not has_fallback:
                missing.append(f"{declaration.source_line}: {arguments[0].value}")
    assert not missing, f"undefined custom properties in {name}:\n" + "\n".join(missing)


def test_tokens_hold_only_custom_properties_on_the_root():
    rules = tinycss2.parse_stylesheet(TOKENS.read_text(encoding="utf-8"), True, True)
    assert [tinycss2.serialize(rule.prelude).strip() for rule in rules] == [":root"]
    assert all(d.name.startswith("--") for d in parsed("tokens.css"))


def imports(name):
    """The stylesheets one stylesheet imports, in order, relative to static/css."""
    rules = tinycss2.parse_stylesheet((CSS / name).read_text(encoding="utf-8"), True, True)
    found = []
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            prelude = tinycss2.serialize(rule.prelude)
            target = re.search(r"""url\(["']?([^"')]+)|["']([^"']+)""", prelude)
            found.append((Path(name).parent / (target.group(1) or target.group(2))).as_posix())
    return found


def test_every_page_links_each_app_stylesheet_once_tokens_first(client):
    page = client.get("/").text
    linked = re.findall(r'<link rel="stylesheet" href="/static/css/([^"]+)">', page)
    assert linked[0] == "tokens.css"
    assert len(linked) == len(set(linked)) and set(linked) == set(stylesheets()) - OWN_PAGES


@pytest.mark.parametrize("name", ["record.css", "handout.css"])
def test_the_printed_pages_import_the_tokens(name):
    assert imports(name) == ["tokens.css"]
