"""The series page in real Chromium against the real server: four runs of a symposium with
answers, the table and one trend chart per recurring rating, no CSP violation (no inline
style), no sideways scrolling on a phone, axe-core without any violation, and the button
that starts the next workshop of the series.

Set FACILITATION_SCREENSHOTS to a folder to keep the page at phone and laptop size.
"""

import random

import pytest
from playwright.sync_api import expect

from facilitation.accounts import hash_password
from facilitation.storage import Store
from facilitation.workshops import create_workshop
from tests.browser import test_accessibility
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.test_organizer_accessibility import WIDER_THAN_VIEWPORT

PASSWORD = "ein Satz als Passwort, lang genug"
EMAIL = "series@example.org"
WORDS = ["Zeit", "Hierarchie", "Angst vor Fehlern", "Vorschriften", "Budget", "Silodenken"]
RUNS = [
    ("Symposium I: Fehlerkultur", "2021-03-18", [3, 3, 4, 2, 3, 4, 3, 3], [3, 2, 3, 3, 4, 2, 3, 2]),
    ("Symposium II: Kaizen im Amt", "2021-06-10", [4, 3, 4, 4, 5, 3, 4], [3, 3, 4, 3, 3, 4, 3]),
    # Two answers only to the second rating: below the threshold of 3, shown as "—".
    ("Symposium III: Entscheiden", "2021-09-23", [4, 5, 4, 4, 5, 4, 3, 5, 4], [4, 5]),
    ("Symposium IV: Coaching-Fragen", "2021-11-25", [5, 4, 5, 4, 5, 5], [4, 4, 5, 4, 3, 4]),
]


def symposium(title, date):
    return {
        "title": title,
        "language": "de",
        "planned_date": date,
        "planned_start": "10:00",
        "items": [
            {"kind": "content", "title": "Willkommen", "minutes": 5, "config": {"body": "Hallo"}},
            {
                "kind": "rating",
                "title": "Wie offen geht Ihr Team mit Fehlern um?",
                "minutes": 3,
                "config": {"minimum": 1, "maximum": 5},
            },
            {
                "kind": "word_cloud",
                "title": "Was bremst neue Ideen in Ihrer Verwaltung?",
                "minutes": 5,
                "config": {"max_entries": 3},
            },
            {
                "kind": "rating",
                "title": "Wie hilfreich war der Impuls?",
                "minutes": 3,
                "config": {"minimum": 1, "maximum": 5},
            },
        ],
    }


@pytest.fixture(scope="module")
def series_id(server):
    """Four workshops of one organizer with answers, grouped into one series."""
    store = Store(server.database)
    rng = random.Random(2021)
    owner = store.add_organizer(EMAIL, "Organisation")
    store.update_organizer(owner, password_hash=hash_password(PASSWORD))
    found = None
    for title, date, openness, helpful in RUNS:
        workshop = create_workshop(store, symposium(title, date), owner.id)
        _welcome, first, cloud, second = store.items(workshop.id)
        for number, value in enumerate(openness):
            person = store.add_participant(workshop.id, "")
            store.save_answer(first, person.id, value)
            store.save_answer(cloud, person.id, rng.sample(WORDS, 2))
            if number < len(helpful):
                store.save_answer(second, person.id, helpful[number])
        if found is None:
            found = store.put_in_new_series(workshop, owner.id, "Symposium 2021").series_id
        else:
            store.put_in_series(workshop, found)
    store.close()
    return found


def signed_in_page(browser, server, viewport, bypass_csp=False):
    context = browser.new_context(viewport=viewport, locale="en-US", bypass_csp=bypass_csp)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server.url}/organize/sign-in")
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your workshops")).to_be_visible()
    return page, errors


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_series_page_reads_at_a_glance(browser, server, series_id, viewport, screenshot):
    page, errors = signed_in_page(browser, server, viewport)
    try:
        page.goto(f"{server.url}/organize/series/{series_id}")
        expect(page.get_by_role("heading", name="Symposium 2021")).to_be_visible()
        rows = page.locator(".series-table tbody tr")
        expect(rows).to_have_count(4)
        expect(rows.nth(0)).to_contain_text("Symposium I: Fehlerkultur")
        expect(rows.nth(0)).to_contain_text("3.1")
        expect(rows.nth(2)).to_contain_text("—")
        charts = page.get_by_role("img")
        expect(charts).to_have_count(2)
        label = charts.nth(1).get_attribute("aria-label")
        assert "Wie hilfreich war der Impuls?" in label and "workshop 3: not shown" in label
        assert page.evaluate(WIDER_THAN_VIEWPORT) is None, "the page scrolls sideways"
        name = "phone" if viewport == PHONE else "laptop"
        screenshot(page, f"series-{name}")
    finally:
        page.context.close()
    assert not errors, errors


def test_the_series_page_meets_wcag_21_aa(browser, server, series_id):
    page, _errors = signed_in_page(browser, server, LAPTOP, bypass_csp=True)
    findings = []
    try:
        page.goto(f"{server.url}/organize/series/{series_id}")
        page.add_script_tag(path=str(test_accessibility.AXE))
        for size in (PHONE, LAPTOP):
            page.set_viewport_size(size)
            violations = page.evaluate(test_accessibility.RUN_AXE, test_accessibility.WCAG_21_AA)
            findings += [test_accessibility.describe(v) for v in violations]
    finally:
        page.context.close()
    assert not findings, "\n".join(findings)


def test_the_next_workshop_of_the_series_opens_in_the_editor(browser, server, series_id):
    page, errors = signed_in_page(browser, server, LAPTOP)
    try:
        page.goto(f"{server.url}/organize/series/{series_id}")
        page.get_by_role("button", name="New workshop of the series").click()
        expect(page.get_by_label("Title", exact=True)).to_have_value(
            "Symposium IV: Coaching-Fragen (Kopie)"
        )
        page.goto(f"{server.url}/organize/series/{series_id}")
        expect(page.locator(".series-table tbody tr")).to_have_count(5)
    finally:
        page.context.close()
    assert not errors, errors
