"""The printable record: one HTML page, and a PDF made from it with WeasyPrint.

It lays out ``content.build``'s export, so it keeps exactly the privacy rules of the
other formats: a poll below the anonymity threshold shows only its notice, no
participant id, no hidden text. Results are drawn as inline SVG built here, in
black and white (values written at every bar, not told by colour). WeasyPrint
gets the stylesheet as a file and a fetcher that refuses everything not local.
"""

from __future__ import annotations

import math
from pathlib import Path
from xml.sax.saxutils import escape

from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from .content import Export, ItemExport, check_in_line, translations

ROOT = Path(__file__).resolve().parent.parent.parent
STYLESHEET = ROOT / "static" / "css" / "record.css"
TEMPLATE = "exports/record.html"
WIDTH = 640  # SVG user units; the charts scale to the page's width
BAR_KINDS = {"single_choice", "multiple_choice", "quiz", "ranking", "points"}
# Kinds whose visible texts are listed, and the list's class (shared steps are cards).
TEXT_KINDS = {"open_text": "texts", "commitment": "step-cards"}


def render_html(export: Export, store, deletes: str, stylesheet_href: str | None = None) -> str:
    """The record as an HTML document in the workshop's language.

    ``deletes`` says when the data goes (already formatted); ``stylesheet_href`` links
    the record's CSS for a browser (None for WeasyPrint, which gets it as a file).
    """
    _ = translations(export.language)
    environment = Environment(
        loader=FileSystemLoader(str(ROOT / "templates")),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_translations(_, newstyle=True)
    configs = {item.position: item.config for item in store.items(export.workshop.id)}
    gettext = _.gettext
    polls = [
        _poll(item, configs.get(item.position, {}), export.language, gettext)
        for item in export.items
    ]
    return environment.get_template(TEMPLATE).render(
        export=export,
        workshop=export.workshop,
        # The title is the heading already.
        facts=[(label, value) for label, value in export.facts[1:] if value not in (None, "")],
        agenda=export.overview,
        polls=polls,
        questions=_questions(export, gettext),
        cards=_cards(export, gettext),
        deletes=deletes,
        check_in_line=check_in_line(export.check_ins, gettext) if export.check_ins else "",
        stylesheet_href=stylesheet_href,
        number=lambda value: _number(value, export.language),
    )


def render_pdf(export: Export, store, deletes: str) -> bytes:
    """The record as an A4 PDF (page numbers, the title in the running header)."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # Only local files (the stylesheet, given by path): never a request to another host.
    fetcher = URLFetcher(allowed_protocols={"file"})
    html = HTML(
        string=render_html(export, store, deletes),
        base_url=str(ROOT / "static"),
        url_fetcher=fetcher,
    )
    return html.write_pdf(stylesheets=[CSS(filename=str(STYLESHEET), url_fetcher=fetcher)])


def _number(value, language: str) -> str:
    """Numbers as the workshop's readers write them (``3,5`` in German)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return format_decimal(value, format="#,##0.#", locale=language)


def _poll(item: ItemExport, config: dict, language: str, _) -> dict:
    """What the template shows of one poll: notice, or summary, chart and a table."""
    poll = {
        "item": item,
        "chart": None,
        "texts": [],
        "texts_class": "texts",
        "table": None,
        "words": None,
    }
    if not item.shown:
        return poll
    num = lambda value: _number(value, language)  # noqa: E731
    rows = item.results.rows if item.results else []
    if item.kind in BAR_KINDS:
        label_col, value_col = item.chart_columns
        if item.kind == "quiz":
            correct, mark = _("yes"), _("correct answer")
            bars = [
                (f"{row[0]} ({mark})" if row[3] == correct else row[0], row[1], row[1])
                for row in rows
            ]
        elif item.kind in {"ranking", "points"}:
            bars = [(f"{row[0]}. {row[1]}", row[2], row[2]) for row in rows]
        else:
            bars = [(row[label_col], row[value_col], row[value_col]) for row in rows]
        if item.kind in {"single_choice", "multiple_choice", "quiz"}:
            bars = [
                (label, value, f"{num(value)} ({num(row[2])} %)")
                for (label, value, _v), row in zip(bars, rows, strict=True)
            ]
        else:
            bars = [(label, value, num(shown)) for label, value, shown in bars]
        poll["chart"] = Markup(bar_chart(bars))
    elif item.kind == "rating":
        mean = dict(item.summary).get(_("Mean"))
        poll["chart"] = Markup(rating_chart(rows, mean, num, _("Mean")))
    elif item.kind == "grid":
        poll["chart"] = Markup(scatter(rows, config, num))
    elif item.kind == "word_cloud":
        poll["chart"] = Markup(word_cloud(rows[:60]))
    if item.kind in TEXT_KINDS and item.raw:
        poll["texts"] = [row[0] for row in item.raw.rows]
        poll["texts_class"] = TEXT_KINDS[item.kind]
    if item.results and item.kind != "word_cloud":
        poll["table"] = item.results
    return poll


def _text(x, y, content, size=13, anchor="start", weight=None) -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{bold}>'
        f"{escape(str(content))}</text>"
    )


def _svg(height: float, body: list[str], label: str = "") -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'class="chart" role="img" aria-label="{escape(label, {chr(34): "&quot;"})}" '
        f'font-family="DejaVu Sans, sans-serif" fill="#000">{"".join(body)}</svg>'
    )


def _short(text: str, limit: int = 80) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(bars: list[tuple[str, float, str]]) -> str:
    """Horizontal bars, the label above each and its value written at its end."""
    top = max([value for _l, value, _s in bars] + [0]) or 1
    body, y, room = [], 0.0, WIDTH - 120
    for label, value, shown in bars:
        length = max(room * (value or 0) / top, 0)
        body.append(_text(0, y + 14, _short(label)))
        body.append(
            f'<rect x="0" y="{y + 20:.1f}" width="{room:.1f}" height="14" fill="none" '
            f'stroke="#999" stroke-width="0.8"/>'
        )
        body.append(f'<rect x="0" y="{y + 20:.1f}" width="{length:.1f}" height="14" fill="#333"/>')
        body.append(_text(room + 8, y + 32, shown, weight="bold"))
        y += 44
    return _svg(y, body, "; ".join(f"{label}: {shown}" for label, _v, shown in bars))


def rating_chart(rows: list[list], mean, num, mean_label: str) -> str:
    """Columns per value of the scale (count above, value below) and a line at the mean."""
    if not rows:
        return ""
    height, base, top = 200, 160, max(row[1] for row in rows) or 1
    step = WIDTH / len(rows)
    body = []
    for n, (value, count, _percent) in enumerate(rows):
        x = n * step + step * 0.2
        tall = (base - 30) * count / top
        body.append(
            f'<rect x="{x:.1f}" y="{base - tall:.1f}" width="{step * 0.6:.1f}" '
            f'height="{tall:.1f}" fill="#333"/>'
        )
        body.append(_text(x + step * 0.3, base - tall - 5, num(count), anchor="middle"))
        body.append(_text(x + step * 0.3, base + 18, num(value), anchor="middle", weight="bold"))
    body.append(f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="#000"/>')
    if mean is not None:
        first, last = rows[0][0], rows[-1][0]
        share = (mean - first) / (last - first) if last != first else 0.5
        x = step * 0.5 + share * (WIDTH - step)
        body.append(
            f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{base}" stroke="#000" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        anchor = "start" if x < WIDTH / 2 else "end"
        offset = 6 if anchor == "start" else -6
        body.append(
            _text(x + offset, 12, f"{mean_label} {num(mean)}", anchor=anchor, weight="bold")
        )
    label = ", ".join(f"{num(v)}: {num(c)}" for v, c, _p in rows)
    return _svg(height, body, f"{label}; {mean_label} {num(mean)}")


def scatter(rows: list[list], config: dict, num) -> str:
    """The grid: each item at its average position, axes with their labels and ranges."""
    x_axis, y_axis = config.get("x", {}), config.get("y", {})
    x0, x1 = x_axis.get("minimum", 1), x_axis.get("maximum", 5)
    y0, y1 = y_axis.get("minimum", 1), y_axis.get("maximum", 5)
    left, right, top, bottom = 60, WIDTH - 20, 20, 380
    body = [
        f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" '
        f'fill="none" stroke="#000"/>',
        f'<line x1="{(left + right) / 2}" y1="{top}" x2="{(left + right) / 2}" y2="{bottom}" '
        f'stroke="#999" stroke-dasharray="4 4"/>',
        f'<line x1="{left}" y1="{(top + bottom) / 2}" x2="{right}" y2="{(top + bottom) / 2}" '
        f'stroke="#999" stroke-dasharray="4 4"/>',
        _text(left, bottom + 18, num(x0)),
        _text(right, bottom + 18, num(x1), anchor="end"),
        _text((left + right) / 2, bottom + 36, f"{x_axis.get('label', '')} →", anchor="middle"),
        _text(left - 8, bottom, num(y0), anchor="end"),
        _text(left - 8, top + 12, num(y1), anchor="end"),
        f'<text x="16" y="{(top + bottom) / 2}" font-size="13" text-anchor="middle" '
        f'transform="rotate(-90 16 {(top + bottom) / 2})">'
        f"{escape(str(y_axis.get('label', '')))} →</text>",
    ]
    legend_y = bottom + 62
    for n, (label, count, x, y) in enumerate(rows, start=1):
        if not count or x is None or y is None:
            continue
        px = left + (right - left) * (x - x0) / ((x1 - x0) or 1)
        py = bottom - (bottom - top) * (y - y0) / ((y1 - y0) or 1)
        body.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="9" fill="#000"/>')
        body.append(
            f'<text x="{px:.1f}" y="{py + 4.5:.1f}" font-size="12" text-anchor="middle" '
            f'font-weight="bold" fill="#fff">{n}</text>'
        )
        body.append(_text(left, legend_y, f"{n}  {_short(label, 60)}: {num(x)} | {num(y)}"))
        legend_y += 18
    label = "; ".join(f"{r[0]}: {num(r[2])} | {num(r[3])}" for r in rows)
    return _svg(legend_y, body, label)


def word_cloud(rows: list[list]) -> str:
    """The most frequent words, sized by count and laid out in lines, the count beside each."""
    if not rows:
        return ""
    top = max(row[1] for row in rows) or 1
    body, x, y, line = [], 0.0, 0.0, 0.0
    for word, count in rows:
        size = 12 + 22 * math.sqrt(count / top)
        width = len(_short(word, 40)) * size * 0.6 + len(f" ({count})") * 6
        if x and x + width > WIDTH:
            x, y, line = 0.0, y + line + 8, 0.0
        line = max(line, size)
        weight = "bold" if count == top else None
        bold = f' font-weight="{weight}"' if weight else ""
        body.append(
            f'<text x="{x:.1f}" y="{y + size:.1f}" font-size="{size:.1f}"{bold}>'
            f'{escape(_short(word, 40))}<tspan font-size="10" font-weight="normal"> ({count})'
            "</tspan></text>"
        )
        x += width + 16
    return _svg(y + line + 8, body, ", ".join(f"{w} ({c})" for w, c in rows))


def _questions(export: Export, _) -> list[list]:
    """Answered questions first, then by votes (the content already sorted by votes)."""
    answered = _("answered")
    return sorted(export.questions.rows, key=lambda row: row[2] != answered)


def _cards(export: Export, _) -> list[dict]:
    """The harvested cards, grouped by activity and prompt, in the content's order."""
    harvested, groups = _("yes"), []
    for activity, prompt, group, group_name, text, taken in export.cards.rows:
        if taken != harvested:
            continue
        if not groups or (groups[-1]["activity"], groups[-1]["prompt"]) != (activity, prompt):
            groups.append({"activity": activity, "prompt": prompt, "cards": []})
        name = group_name or (_("Group %(number)s") % {"number": group} if group else "")
        groups[-1]["cards"].append({"group": name, "text": text})
    return groups
