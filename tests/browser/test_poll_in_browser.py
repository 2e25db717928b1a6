"""Presenter, participant (phone) and big screen in real Chromium: a vote travels end to end."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE
from tests.conftest import POLL
from tests.support import ServerProcess  # noqa: F401  (server fixture from tests/conftest.py)


def join_on_phone(open_page, url, workshop, name):
    page = open_page(f"{url}/j/{workshop.join_code}", viewport=PHONE)
    page.get_by_label("Ihr Name (freiwillig)").fill(name)
    page.get_by_role("button", name="Zum Workshop").click()
    expect(page.locator("#waiting")).to_be_visible()
    return page


def test_a_phone_vote_reaches_presenter_and_big_screen(live, open_page, screenshot):
    workshop = live.workshop({**POLL, "anonymity_threshold": 1})
    url = live.url
    presenter = open_page(
        f"{url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    screen = open_page(f"{url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP)
    phone = join_on_phone(open_page, url, workshop, "Anna")
    expect(screen.locator(".lobby-code")).to_contain_text(workshop.join_code)
    expect(presenter.locator("#presence")).to_contain_text("1 online")
    screenshot(phone, "participant-waiting-phone")
    screenshot(screen, "screen-lobby-laptop")

    presenter.get_by_role("button", name="How does your team deal with mistakes?").click()
    expect(
        phone.get_by_role("heading", name="How does your team deal with mistakes?")
    ).to_be_visible()
    expect(screen.locator("#screen-title")).to_have_text("How does your team deal with mistakes?")

    phone.get_by_text("Learn together").click()
    expect(phone.locator(".poll-status")).to_contain_text("Ihre Antwort ist gespeichert")
    expect(phone.get_by_role("radio", name="Learn together")).to_be_checked()

    presenter_bar = presenter.locator('.bar-row[data-option="o3"] .bar-figures')
    expect(presenter_bar).to_have_text("1 · 100 %")
    expect(presenter.locator(".results-summary")).to_have_text("1 of 1 answered")
    expect(screen.locator('.bar-row[data-option="o3"] .bar-figures')).to_have_text("1 · 100 %")
    screen.wait_for_function(
        """() => {
            const fill = document.querySelector('.bar-row[data-option="o3"] .bar-fill');
            return fill.getBoundingClientRect().width
                > 0.99 * fill.parentNode.getBoundingClientRect().width;
        }"""
    )
    screenshot(phone, "participant-voted-phone")
    screenshot(presenter, "presenter-poll-laptop")
    screenshot(screen, "screen-poll-laptop")

    phone.get_by_text("Fix them quietly").click()
    expect(presenter.locator('.bar-row[data-option="o2"] .bar-figures')).to_have_text("1 · 100 %")
    expect(presenter_bar).to_have_text("0 · 0 %")

    presenter.get_by_role("button", name="Close poll").click()
    expect(phone.locator(".poll-status")).to_contain_text("Die Umfrage ist geschlossen")
    expect(phone.get_by_role("radio", name="Fix them quietly")).to_be_disabled()
    expect(phone.locator(".bar-row")).to_have_count(0)
    expect(presenter.get_by_role("button", name="Reopen poll")).to_be_visible()

    presenter.get_by_role("button", name="Show results to everyone").click()
    expect(phone.locator('.bar-row[data-option="o2"] .bar-figures')).to_have_text("1 · 100 %")
    expect(presenter.locator("#visibility-note")).to_contain_text("revealed")
    screenshot(phone, "participant-closed-phone")
    screenshot(presenter, "presenter-closed-laptop")


def test_a_reloaded_phone_is_the_same_participant_with_the_same_vote(live, open_page):
    workshop = live.workshop(POLL)
    presenter = live.presenter(workshop)
    item = next(item for item in live.items(workshop) if item.kind == "single_choice")
    assert presenter.call("open_item", {"item_id": item.id})["ok"]

    phone = join_on_phone(open_page, live.url, workshop, "")
    phone.get_by_text("Hide them").click()
    expect(phone.locator(".poll-status")).to_contain_text("Ihre Antwort ist gespeichert")
    expect(phone.locator(".whoami")).to_contain_text("Teilnehmende*r 1")

    phone.reload()
    expect(phone.get_by_role("radio", name="Hide them")).to_be_checked()
    expect(phone.locator(".poll-status")).to_contain_text("Ihre Antwort ist gespeichert")
    expect(phone.locator(".whoami")).to_contain_text("Teilnehmende*r 1")
    assert presenter.state()["item"]["results"]["answers"] == 1


def test_the_presenter_drives_the_agenda_with_buttons_and_keys(live, open_page, screenshot):
    workshop = live.workshop(POLL)
    presenter = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    phone = join_on_phone(open_page, live.url, workshop, "")
    expect(presenter.locator("#current-title")).to_have_text("Welcome screen")
    screenshot(presenter, "presenter-lobby-laptop")

    presenter.get_by_role("button", name="Next →").click()
    expect(phone.get_by_role("heading", name="Welcome")).to_be_visible()
    expect(phone.locator(".content-body")).to_have_text("Hello")
    expect(presenter.locator("#item-timer")).to_contain_text("left")

    presenter.keyboard.press("ArrowRight")
    expect(presenter.locator("#current-title")).to_have_text(
        "How does your team deal with mistakes?"
    )
    expect(phone.get_by_role("radio")).to_have_count(3)
    presenter.keyboard.press("ArrowLeft")
    expect(phone.get_by_role("heading", name="Welcome")).to_be_visible()

    presenter.get_by_role("button", name="Show welcome screen").click()
    expect(phone.locator("#waiting")).to_be_visible()


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("laptop", LAPTOP)])
def test_pages_fit_without_sideways_scrolling(live, open_page, screenshot, size, viewport):
    workshop = live.workshop(POLL)
    pages = {
        "presenter": f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}",
        "screen": f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}",
        "home": f"{live.url}/",
        "join": f"{live.url}/j/{workshop.join_code}",
        "home-unknown-code": f"{live.url}/join?code=nope",
    }
    for name, url in pages.items():
        page = open_page(url, viewport, error_status=name == "home-unknown-code")
        page.wait_for_load_state("networkidle")
        screenshot(page, f"{name}-{size}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {size} size"
    participant = join_on_phone(open_page, live.url, workshop, "Anna")
    presenter = live.presenter(workshop)
    assert presenter.call("next_item")["ok"]
    expect(participant.locator(".content-body")).to_have_text("Hello")
    participant.set_viewport_size(viewport)
    screenshot(participant, f"participant-content-{size}")
