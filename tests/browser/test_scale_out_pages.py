"""The pages behind nginx with two processes: their Socket.IO connections name the
workshop, so nginx brings presenter, screen and phones to the process that holds it."""

from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE
from tests.instance import placed, unrouted_process


def test_the_pages_reach_the_process_that_holds_their_workshop(instance, open_page):
    # A workshop that nginx does not send where connections without the query go, so
    # that the pages can only get there by naming it.
    unrouted = unrouted_process(instance)
    owners = placed(instance)
    workshop, python_presenter = owners[1 - unrouted]
    python_presenter.close()
    elsewhere = instance.held()[unrouted]

    url = instance.url
    presenter = open_page(
        f"{url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    screen = open_page(f"{url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP)
    phone = open_page(f"{url}/j/{workshop.join_code}", PHONE)
    phone.get_by_role("button", name="Zum Workshop").click()
    expect(phone.locator("#waiting")).to_be_visible()
    expect(presenter.locator("#presence")).to_contain_text("1 online")

    presenter.get_by_role("button", name="Coffee or tea?").click()
    phone.get_by_text("Tea", exact=True).click()
    expect(phone.locator(".poll-status")).to_contain_text("Ihre Antwort ist gespeichert")
    expect(presenter.locator('.bar-row[data-option="o2"] .bar-figures')).to_have_text("1 · 100 %")
    expect(screen.locator('.bar-row[data-option="o2"] .bar-figures')).to_have_text("1 · 100 %")
    # All three pages are on the owner; the other process took nothing more on.
    assert instance.held()[unrouted] == elsewhere
    assert instance.held()[1 - unrouted] >= 1
