"""The printable record in real Chromium: axe-core finds no serious or critical WCAG 2.1 AA
problem on it, in German and in English, with its own stylesheet applied.

The page is rendered in-process from the every-kind workshop and served to Chromium through
Playwright's routing (the organizer's sign-in is covered by tests/web); its stylesheet is the
real ``static/css/record.css`` with the design tokens it imports.
"""

from pathlib import Path

import pytest

from facilitation.exports.content import build
from facilitation.exports.record import STYLESHEET, render_html
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.test_accessibility import AXE, BLOCKING, RUN_AXE, WCAG_21_AA, describe
from tests.exports.every_kind import build_workshop

ORIGIN = "http://record.test"


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_the_record_page_meets_wcag_21_aa(browser, store, language, viewport):
    workshop, _ = build_workshop(store, participants=6, language=language)
    html = render_html(build(store, workshop.id), store, "18.04.2027", "/static/css/record.css")
    context = browser.new_context(viewport=viewport, locale=language)
    try:
        # Routes run newest first: refuse everything else, nothing remote, then the page and
        # its stylesheets (record.css imports tokens.css).
        context.route("**/*", lambda route: route.abort())  # nothing else, nothing remote
        context.route(
            f"{ORIGIN}/record",
            lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"),
        )
        context.route(
            f"{ORIGIN}/static/css/*.css",
            lambda route: route.fulfill(
                path=str(STYLESHEET.parent / route.request.url.rsplit("/", 1)[1]),
                content_type="text/css",
            ),
        )
        page = context.new_page()
        page.goto(f"{ORIGIN}/record")
        assert (
            page.evaluate("getComputedStyle(document.querySelector('h2')).borderBottomStyle")
            == "solid"
        ), "the record's stylesheet applies"
        assert (
            page.evaluate("getComputedStyle(document.querySelector('th')).backgroundColor")
            == "rgb(230, 230, 230)"
        ), "the design tokens apply"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"the page scrolls sideways ({width} px)"
        page.add_script_tag(path=str(Path(AXE)))
        violations = page.evaluate(RUN_AXE, WCAG_21_AA)
    finally:
        context.close()
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(describe(v) for v in blocking)
