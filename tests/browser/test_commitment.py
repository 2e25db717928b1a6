"""My next small step in real Chromium: a phone writes a step and shares it, the presenter sees
the card, the big screen only after the reveal; a step not shared shows up only as a count."""

from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE
from tests.support import ServerProcess  # noqa: F401  (server fixture from tests/conftest.py)

TITLE = "My next small step"
STEP = "On Monday I ask my team what slows them down"
PRIVATE = "Apologise to Ben PRIVATESTEP"


def workshop_definition():
    return {
        "title": "Commitments",
        "language": "en",
        "anonymity_threshold": 1,
        "items": [
            {
                "kind": "commitment",
                "title": TITLE,
                "minutes": 3,
                "config": {"results": "hidden", "placeholder": "By Friday I will …"},
            }
        ],
    }


def join(open_page, url, workshop, name):
    page = open_page(f"{url}/j/{workshop.join_code}", viewport=PHONE, locale="en-US")
    page.get_by_label("Your name (optional)").fill(name)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.locator("#waiting")).to_be_visible()
    return page


def test_a_shared_step_becomes_a_card_for_the_presenter(live, open_page, screenshot):
    workshop = live.workshop(workshop_definition())
    url = live.url
    presenter = open_page(
        f"{url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    screen = open_page(f"{url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP, "en-US")
    phone = join(open_page, url, workshop, "Anna")
    other = join(open_page, url, workshop, "Ben")
    expect(presenter.locator("#presence")).to_contain_text("2 online")

    presenter.get_by_role("button", name=TITLE).click()
    expect(phone.get_by_role("heading", name=TITLE)).to_be_visible()
    share = phone.get_by_role("checkbox", name="Share anonymously")
    expect(share).not_to_be_checked()
    area = phone.get_by_label("Your next small step")
    expect(area).to_have_attribute("placeholder", "By Friday I will …")
    area.fill(STEP)
    expect(phone.locator(".commitment-counter")).to_contain_text(f"{len(STEP)} / 280")
    phone.get_by_text("Share anonymously", exact=True).click()
    expect(share).to_be_checked()
    screenshot(phone, "commitment-participant-phone")
    area.press("Control+Enter")
    expect(phone.locator(".poll-status")).to_contain_text("saved")
    expect(phone.locator(".commitment-privacy")).to_contain_text("Shared anonymously")

    other.get_by_label("Your next small step").fill(PRIVATE)
    other.get_by_role("button", name="Send").click()
    expect(other.locator(".commitment-privacy")).to_have_text("Only you see this step.")

    card = presenter.locator(".commitment-card")
    expect(card).to_have_count(1)
    expect(card.locator(".commitment-text")).to_have_text(STEP)
    expect(presenter.locator(".commitment-summary")).to_have_text(
        "2 steps written · 1 shared anonymously"
    )
    assert PRIVATE not in presenter.content()
    expect(screen.locator(".commitment-card")).to_have_count(0)

    presenter.get_by_role("button", name="Show results to everyone").click()
    expect(screen.locator(".commitment-card .commitment-text")).to_have_text(STEP)
    expect(screen.locator(".commitment-summary")).to_have_text(
        "2 steps written · 1 shared anonymously"
    )
    presenter.locator(".commitment-card").get_by_role("button", name="Highlight on screen").click()
    expect(screen.locator(".commitment-spotlight-text")).to_have_text(STEP)
    presenter.get_by_role("button", name="Remove highlight").first.click()
    expect(screen.locator(".commitment-spotlight")).to_be_hidden()
    expect(phone.locator(".commitment-card.mine")).to_contain_text(STEP)
    screenshot(presenter, "commitment-presenter-laptop")
    screenshot(screen, "commitment-screen-laptop")
    for page in (presenter, screen, phone):
        assert PRIVATE not in page.content()

    phone.reload()
    expect(phone.get_by_label("Your next small step")).to_have_value(STEP)
    expect(phone.get_by_role("checkbox", name="Share anonymously")).to_be_checked()

    phone.get_by_text("Share anonymously", exact=True).click()
    expect(phone.locator(".commitment-unsent")).to_be_visible()
    phone.get_by_role("button", name="Change my answer").click()
    expect(phone.locator(".commitment-privacy")).to_have_text("Only you see this step.")
    expect(presenter.locator(".commitment-card")).to_have_count(0)
    expect(screen.locator(".commitment-card")).to_have_count(0)
    expect(presenter.locator(".commitment-summary")).to_have_text(
        "2 steps written · 0 shared anonymously"
    )
