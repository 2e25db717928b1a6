"""Chart colours against what they are drawn on: 3:1 for graphics (WCAG 2.1, 1.4.11).

The colours are read from ``static/css/tokens.css`` and compared with the WCAG relative
luminance formula. Every ``--chart-*`` token is checked against the ranking's track and
the white card; the other pairs name the stylesheet rule that draws them.
"""

import re
from pathlib import Path

import pytest

TOKENS = Path(__file__).resolve().parent.parent / "static" / "css" / "tokens.css"
GRAPHIC = 3.0
TEXT = 4.5

# (foreground, background, where it is drawn)
GRAPHICS = [
    ("accent", "neutral-soft", "results.css: a result bar on its track; points-share-fill"),
    ("accent-strong", "neutral-soft", "results.css: the leading result bar on its track"),
    ("ink-muted", "neutral-soft", "quiz.css: a wrong answer's bar once the key is shown"),
    ("ok-ink", "neutral-soft", "quiz.css: the correct answer's bar"),
    ("accent", "white", "rating.css: a rating column; ranking.css: points-meter-fill"),
    ("accent-strong", "white", "rating.css: the leading rating column"),
    ("ink-soft", "white", "rating.css: the rating chart's base line"),
    ("ok-ink", "white", "ranking.css: the points meter when all points are given"),
    ("error-ink", "white", "ranking.css: the points meter when too many are given"),
    ("accent", "paper-light", "grid.css: a grid point on a plain quadrant"),
    ("accent", "accent-faint", "grid.css: a grid point on a tinted quadrant"),
    ("ink-soft", "paper-light", "grid.css: the dashed middle lines on a plain quadrant"),
    ("ink-soft", "accent-faint", "grid.css: the dashed middle lines on a tinted quadrant"),
]
# Text drawn inside charts needs the text contrast.
TEXTS = [
    ("white", "accent", "grid.css: a grid point's number"),
    ("white", "accent-strong", "ranking.css: the leading rank's number"),
    ("ink", "neutral-soft", "ranking.css: a rank's number"),
]
# Left out on purpose: --grid-line (the grid's fine lines between labelled ticks) and --line
# (the plot's frame) only help the eye; the ticks, the middle lines and the table carry the values.
RANKING_BACKGROUNDS = ("neutral-soft", "white")


def tokens() -> dict[str, str]:
    """The hex colour tokens of tokens.css, by name without the dashes."""
    text = re.sub(r"/\*.*?\*/", "", TOKENS.read_text(encoding="utf-8"), flags=re.S)
    return {
        name: value.lower()
        for name, value in re.findall(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;", text)
    }


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a #rgb or #rrggbb colour."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(character * 2 for character in digits)
    channels = [int(digits[index : index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_formula_matches_known_ratios():
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777", "#fff") == pytest.approx(4.48, abs=0.01)


def test_there_are_ranking_place_colours():
    places = [name for name in tokens() if name.startswith("chart-place-")]
    assert len(places) >= 6


@pytest.mark.parametrize("background", RANKING_BACKGROUNDS)
def test_every_chart_colour_reaches_3_to_1_against_its_track_and_the_card(background):
    colours = tokens()
    for name, value in colours.items():
        if name.startswith("chart-"):
            ratio = contrast(value, colours[background])
            assert ratio >= GRAPHIC, f"--{name} on --{background}: {ratio:.2f}"


def test_the_place_numbers_in_the_ranking_segments_are_readable():
    colours = tokens()
    for name, value in colours.items():
        if name.startswith("chart-place-"):
            ratio = contrast(colours["white"], value)
            assert ratio >= TEXT, f"white on --{name}: {ratio:.2f}"


@pytest.mark.parametrize(("foreground", "background", "where"), GRAPHICS)
def test_chart_graphics_reach_3_to_1(foreground, background, where):
    colours = tokens()
    ratio = contrast(colours[foreground], colours[background])
    assert ratio >= GRAPHIC, f"{where}: --{foreground} on --{background} is {ratio:.2f}"


@pytest.mark.parametrize(("foreground", "background", "where"), TEXTS)
def test_text_in_charts_reaches_4_5_to_1(foreground, background, where):
    colours = tokens()
    ratio = contrast(colours[foreground], colours[background])
    assert ratio >= TEXT, f"{where}: --{foreground} on --{background} is {ratio:.2f}"
