"""The accessibility statement and the privacy notice in Chromium: axe-core finds nothing,
in German and English, on a phone and a laptop, and the pages load nothing from elsewhere."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.test_accessibility import AXE, RUN_AXE, WCAG_21_AA, describe

PAGES = {"accessibility": "Accessibility statement", "privacy": "Privacy notice"}
LANGUAGES = {"de-DE": "de", "en-US": "en"}
LEAST_SECTIONS = 5


@pytest.fixture
def open_audited_page(browser):
    """A page in a context that bypasses the CSP (to inject axe) and records every request."""
    contexts = []

    def open_audited_page(url, viewport, locale):
        context = browser.new_context(viewport=viewport, locale=locale, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.requested_hosts = set()
        page.on("request", lambda request: page.requested_hosts.add(urlsplit(request.url).netloc))
        page.goto(url)
        return page

    yield open_audited_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("locale", ["de-DE", "en-US"])
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_notices_have_no_axe_violations(live, open_audited_page, screenshot, viewport, locale):
    size = "phone" if viewport is PHONE else "laptop"
    language = LANGUAGES[locale]
    findings = []
    for path, english_title in PAGES.items():
        page = open_audited_page(f"{live.url}/{path}", viewport, locale)
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("h1")).to_have_count(1)
        assert page.locator("main h2").count() >= LEAST_SECTIONS
        if language == "en":
            expect(page.locator("h1")).to_have_text(english_title)
        footer = page.locator("footer.site-footer")
        expect(footer.get_by_role("link")).to_have_count(2)
        # Nothing is wider than the phone: no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE, WCAG_21_AA)
        if violations:
            findings.append(f"/{path} ({size}, {locale}):\n" + "\n".join(map(describe, violations)))
        assert page.requested_hosts == {urlsplit(live.url).netloc}, page.requested_hosts
        screenshot(page, f"notice-{path}-{language}-{size}")
    assert not findings, "axe-core violations:\n\n" + "\n\n".join(findings)
