"""The end of the hour in real Chromium: a phone goes from the last activity to its takeaway,
downloads the calendar file (also offline), later opens the check-in link and marks "done";
the organizer then sees the aggregate. axe-core checks the takeaway and check-in pages."""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from facilitation.security import participant_cookie_name, sign_participant
from facilitation.storage import Store
from facilitation.takeaway import takeaway_key
from facilitation.workshops import end_workshop
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.test_accessibility import AXE, BLOCKING, RUN_AXE, WCAG_21_AA, describe
from tests.browser.test_organizer import new_account, set_up_account
from tests.exports.every_kind import build_workshop

SECRET = "integration-test-secret"  # tests/support.py gives every test server this secret
STEP = "On Monday I ask my team what slows them down"
CLOSING = {
    "title": "Kaizen impulse",
    "language": "en",
    "anonymity_threshold": 1,
    "items": [
        {
            "kind": "single_choice",
            "title": "Where do you start?",
            "minutes": 2,
            "config": {"options": ["With the team", "With myself"]},
        },
        {"kind": "commitment", "title": "My next small step", "minutes": 3, "config": {}},
    ],
}


@pytest.fixture
def server_store(server):
    opened = Store(server.database)
    yield opened
    opened.close()


def test_a_phone_takes_its_step_home_and_checks_in_later(
    live, open_page, browser, server, server_store, screenshot
):
    workshop = live.workshop(CLOSING)
    choice, step = live.items(workshop)
    presenter = live.presenter(workshop)
    phone = open_page(f"{live.url}/j/{workshop.join_code}", viewport=PHONE, locale="en-US")
    phone.get_by_role("button", name="Join the workshop").click()
    expect(phone.locator("#waiting")).to_be_visible()

    presenter.call("open_item", {"item_id": choice.id})
    phone.get_by_text("With myself", exact=True).click()  # a single choice sends itself
    expect(phone.locator(".poll-status")).to_contain_text("saved")
    presenter.call("open_item", {"item_id": step.id})
    phone.get_by_label("Your next small step").fill(STEP)
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".poll-status")).to_contain_text("saved")
    assert presenter.call("end_workshop")["ok"]

    expect(phone.locator("#ended")).to_be_visible()
    phone.get_by_role("link", name="Open my takeaway").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kaizen impulse")
    expect(phone.locator("blockquote")).to_have_text(STEP)
    expect(phone.locator(".answer")).to_contain_text("With myself")
    requests = []
    phone.on("request", lambda request: requests.append(request.url))
    screenshot(phone, "takeaway-phone-en")

    # Once loaded, the page needs the network no more: the calendar file is in it.
    phone.context.set_offline(True)
    with phone.expect_download() as download:
        phone.get_by_role("link", name=re.compile("^In 2 weeks")).click()
    assert download.value.suggested_filename == "next-step-in-2-weeks.ics"
    ics = Path(download.value.path()).read_bytes().decode().replace("\r\n ", "")
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Check: my next small step" in ics
    assert STEP in ics
    phone.context.set_offline(False)
    assert not [url for url in requests if not url.startswith("data:")], requests

    # Weeks later, on another device: the private link alone opens the check-in.
    check_url = phone.locator("#check-link").get_attribute("href")
    assert check_url in ics
    later = open_page(check_url, viewport=PHONE, locale="en-US")
    expect(later.locator(".check-in-step")).to_have_text(STEP)
    later.get_by_text("done", exact=True).click()
    later.get_by_label("One line: what did you learn? (optional)").fill("Asking opens doors")
    later.get_by_role("button", name="Save my check-in").click()
    expect(later.locator("#check-in-saved")).to_be_visible()
    expect(later.get_by_role("radio", name="done", exact=True)).to_be_checked()
    screenshot(later, "check-in-phone-en")

    # The organizer sees only the aggregate.
    token = new_account(server_store, f"takeaway-{time.time_ns()}@example.org")
    server_store.db["workshops"].update(
        workshop.id, {"owner_id": server_store.organizer_for_link(token).id}
    )
    organizer = open_page(f"{live.url}/organize/welcome/{token}", viewport=LAPTOP, locale="en-US")
    set_up_account(organizer, "en-US", "Maria")
    organizer.goto(f"{live.url}/organize/w/{workshop.id}")
    section = organizer.locator(
        "section", has=organizer.get_by_role("heading", name="Kaizen check")
    )
    expect(section).to_contain_text("1 of 1 checked in")
    expect(section.locator(".check-in-counts li").first).to_contain_text("done 1")
    expect(section).to_contain_text("Asking opens doors")
    screenshot(organizer, "check-in-organizer-laptop")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_takeaway_and_check_in_meet_wcag_21_aa(browser, server, server_store, language, viewport):
    workshop, people = build_workshop(server_store, participants=5, language=language)
    step_item = next(i for i in server_store.items(workshop.id) if i.kind == "commitment")
    server_store.save_answer(step_item, people[0].id, {"text": "Ein Schritt", "shared": True})
    end_workshop(server_store, workshop, time.time())
    locale = {"de": "de-DE", "en": "en-US"}[language]
    context = browser.new_context(viewport=viewport, locale=locale, bypass_csp=True)
    try:
        context.add_cookies(
            [
                {
                    "name": participant_cookie_name(workshop.id),
                    "value": sign_participant(SECRET, workshop.id, people[0].id),
                    "url": server.url,
                }
            ]
        )
        page = context.new_page()
        key = takeaway_key(SECRET, workshop.id, people[0].id)
        found = []
        for path in (f"/j/{workshop.join_code}/takeaway/{key}", None):
            if path is None:
                path = page.locator("#check-link").get_attribute("href")
            else:
                path = server.url + path
            assert page.goto(path).status == 200
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{path} scrolls sideways ({width} px)"
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate(RUN_AXE, WCAG_21_AA)
            found += [v for v in violations if v["impact"] in BLOCKING]
            assert page.locator("html").get_attribute("lang") == language
    finally:
        context.close()
    assert not found, "\n".join(describe(v) for v in found)
