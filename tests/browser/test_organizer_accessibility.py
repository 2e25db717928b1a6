"""WCAG 2.1 A/AA in real Chromium for the organizer's workspace and the pages it adds: axe-core
finds no violation at all, of any impact (stricter than test_accessibility.py, which blocks
serious and critical ones), on every page state, in German and English, each at phone and
laptop size; and no page is wider than the viewport (reflow, which axe does not check).

States: sign-in (plain and after a wrong password), the one-time link's form, the library
(empty and with a row), new workshop (plain, with a refused agenda file, with a saved template
and a workshop to copy), the agenda editor (after creating, and with a settings error),
choosing a kind and editing an activity, the workshop page (plain, after replacing a key,
ended), the delete confirmation, the handout, the moderator page with a question in its
queue, and the participant's closing view.

The helpers (axe, its runner, how violations are described) are test_accessibility.py's.
"""

import re

import pytest
from playwright.sync_api import expect

from facilitation.storage import Store
from tests.browser import test_accessibility
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.test_organizer import (
    BROKEN_YAML,
    IDS,
    LOCALES,
    TEXT,
    Browsing,
    from_template,
    new_account,
    set_up_account,
    titles,
)

SIZES = (("phone", PHONE), ("laptop", LAPTOP))
# The innermost elements that stick out of the viewport to the right (a page that scrolls
# sideways).
WIDER_THAN_VIEWPORT = """() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const out = (node) => node.getBoundingClientRect().right > width + 1;
    return Array.from(document.querySelectorAll("body *"))
        .filter((node) => out(node) && !Array.from(node.children).some(out))
        .slice(0, 5)
        .map((node) => node.tagName.toLowerCase() + (node.id ? "#" + node.id : "")
            + (node.className && typeof node.className === "string"
                ? "." + node.className.trim().split(/\\s+/).join(".") : ""))
        .join(", ");
}"""
WRONG = {"de-DE": "Falsches Passwort, leider", "en-US": "a wrong password, sadly"}
BAD_LINK = "kein Link"


class StrictAudit:
    """axe on each state at phone and laptop size; every violation counts."""

    def __init__(self, locale):
        self.locale = locale
        self.findings = []
        self.checked = 0

    def check(self, page, state):
        before = page.viewport_size
        for size_name, size in SIZES:
            page.set_viewport_size(size)
            if not page.evaluate("typeof window.axe !== 'undefined'"):  # once per document
                page.add_script_tag(path=str(test_accessibility.AXE))
            violations = page.evaluate(test_accessibility.RUN_AXE, test_accessibility.WCAG_21_AA)
            self.checked += 1
            wider = page.evaluate(WIDER_THAN_VIEWPORT)
            if wider:
                self.findings.append(
                    f"{state} ({size_name}, {self.locale}, {page.url}): the page is wider than"
                    f" the viewport (WCAG 1.4.10 reflow), widest: {wider}"
                )
            if violations:
                self.findings.append(
                    f"{state} ({size_name}, {self.locale}, {page.url}):\n"
                    + "\n".join(test_accessibility.describe(v) for v in violations)
                )
        page.set_viewport_size(before)

    def assert_clean(self):
        if self.findings:
            pytest.fail(
                "WCAG 2.1 A/AA violations found by axe-core:\n\n" + "\n\n".join(self.findings),
                pytrace=False,
            )


@pytest.fixture(scope="module")
def server_store(server):
    opened = Store(server.database)
    yield opened
    opened.close()


@pytest.fixture
def checked(browser, server):
    """Pages in contexts that let axe in (they bypass the CSP, see test_accessibility.py)."""

    def no_organizer(locale):
        raise AssertionError("this file signs its organizers in itself")

    browsing = Browsing(browser, server.url, no_organizer, bypass_csp=True)
    yield browsing
    browsing.close()
    assert not browsing.errors, "errors in the browser console:\n" + "\n".join(browsing.errors)


def sign_in_with_wrong_password(page, locale):
    text = TEXT[locale]
    page.get_by_label(text["email"], exact=True).fill("nobody@example.org")
    page.get_by_label(text["password"], exact=True).fill(WRONG[locale])
    page.get_by_role("main").get_by_role("button", name=text["sign_in"]).click()
    expect(page.locator("#form-error")).to_be_visible()


@pytest.mark.parametrize("locale", LOCALES, ids=IDS)
def test_every_organizer_page_state_has_no_wcag_21_aa_violation(checked, server_store, locale):
    text = TEXT[locale]
    audit = StrictAudit(locale)

    # Signed out: sign-in, a wrong password, the one-time link's form.
    page = checked.open("/organize/sign-in", locale)
    expect(page.get_by_role("heading", name=text["sign_in"])).to_be_visible()
    audit.check(page, "sign-in")
    checked.refused.add(page.url)  # a wrong password answers 400
    sign_in_with_wrong_password(page, locale)
    audit.check(page, "sign-in with an error")

    token = new_account(server_store, f"axe-{locale.lower()}@example.org")
    page.goto(f"{checked.url}/organize/welcome/{token}")
    expect(page.get_by_label(text["new_password"])).to_be_visible()
    audit.check(page, "welcome (one-time link)")
    set_up_account(page, locale, "Alex Barrierefrei")

    # The library, empty; new workshop, plain and with a refused file.
    expect(page.get_by_role("heading", name=text["no_workshops"])).to_be_visible()
    audit.check(page, "library, empty")
    page.get_by_role("navigation").get_by_role("link", name=text["new_workshop"]).click()
    expect(page.get_by_role("button", name=text["upload"])).to_be_visible()
    audit.check(page, "new workshop")
    checked.refused.add(page.url)
    page.get_by_label(text["agenda_file"]).set_input_files(
        {"name": "kaputt.yaml", "mimeType": "application/yaml", "buffer": BROKEN_YAML}
    )
    page.get_by_role("button", name=text["upload"]).click()
    expect(page.locator("#error-upload")).to_be_visible()
    audit.check(page, "new workshop, file refused")

    # The agenda editor after creating, then with a settings error.
    from_template(page, locale)
    agenda_url = page.url.split("?")[0]
    audit.check(page, "agenda editor, just created")
    first = titles(page).first.inner_text()
    page.get_by_label(re.compile("Video")).fill(BAD_LINK)
    checked.refused.add(agenda_url.replace("/agenda", "/settings"))
    page.get_by_role("button", name=text["save_settings"]).click()
    expect(page.locator("#form-error")).to_be_visible()
    expect(page.locator("#video_link")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#video_link")).to_be_focused()
    audit.check(page, "agenda editor, settings error")

    # Adding and editing an activity (the presenter's forms in the workspace).
    page.goto(agenda_url)
    page.locator("#agenda-items a.button.primary").click()
    expect(page.locator("a[href*='kind=']").first).to_be_visible()
    audit.check(page, "new activity: choose a kind")
    page.goto(agenda_url)
    page.get_by_role("link", name=text["edit"].format(first)).click()
    expect(page.get_by_label(text["title_field"])).to_have_value(first)
    audit.check(page, "edit an activity")

    # The workshop page, the handout, the library with a row.
    page.goto(agenda_url)
    page.locator(".page-head .eyebrow a").click()
    expect(page.locator("#url-moderator")).to_be_visible()
    workshop_url = page.url
    audit.check(page, "workshop page")
    code = page.locator("#link-participant .join-code").inner_text()
    moderator_url = page.locator("#url-moderator").input_value()
    title = page.get_by_role("heading", level=1).inner_text()
    handout = checked.tab(page, workshop_url.replace(checked.url, "") + "/handout")
    expect(handout.locator(".handout-code")).to_have_text(code)
    audit.check(handout, "handout")
    page.get_by_role("navigation").get_by_role("link", name=re.compile("^Workshops$")).click()
    expect(page.locator(".library-title")).to_have_count(1)
    audit.check(page, "library with a workshop")
    page.goto(workshop_url)
    page.get_by_role("button", name=text["save_template"]).click()
    page.get_by_role("navigation").get_by_role("link", name=text["new_workshop"]).click()
    expect(page.locator(".saved-list li")).to_have_count(1)
    expect(page.locator("#copy-workshop")).to_be_visible()
    audit.check(page, "new workshop with a saved template and a workshop to copy")

    # The moderator page with a question waiting; the participant's closing view.
    moderator = checked.open(moderator_url, locale)
    expect(moderator.locator("#presence")).not_to_have_text("–")  # connected, board loaded
    moderator.get_by_label(text["premoderation"]).check()
    participant = checked.open(f"/j/{code}", locale, PHONE)
    participant.get_by_role("button", name=text["join"]).click()
    expect(participant.locator("#waiting")).to_be_visible()
    expect(participant.locator("#questions-count")).to_have_text(
        re.compile(r"\(\d+\)")
    )  # connected
    participant.get_by_role("tab", name=re.compile(text["questions_tab"])).click()
    participant.get_by_role("textbox", name=text["question_box"], exact=True).fill("Und dann?")
    participant.get_by_role("button", name=text["ask"], exact=True).click()
    expect(moderator.locator(".mod-list-pending .mod-question")).to_have_count(1)
    audit.check(moderator, "moderator page, a question waiting")
    participant.get_by_role("tab", name=re.compile(text["activity_tab"])).click()

    page.goto(workshop_url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#link-screen button[type=submit]").click()
    expect(page.locator(".notice")).to_be_visible()
    audit.check(page, "workshop page after replacing a key")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=text["end"]).click()
    expect(participant.locator("#ended")).to_be_visible()
    expect(participant.locator("#retention-line")).to_have_text(re.compile(text["retention"]))
    audit.check(participant, "participant closing view")
    audit.check(page, "workshop page, ended")

    page.get_by_role("link", name=text["delete_link"]).click()
    expect(page.get_by_role("button", name=text["delete_for_good"].format(title))).to_be_visible()
    audit.check(page, "delete confirmation")

    assert audit.checked == 2 * 19  # every state above, at both sizes
    audit.assert_clean()
