"""A rehearsal in real Chromium: the presenter starts 20 simulated participants, the big
screen's word cloud fills, every view says it is a rehearsal, and "Go live" leaves
nothing behind."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP

WORKSHOP = {
    "title": "Generalprobe",
    "language": "en",
    "items": [
        {"kind": "word_cloud", "title": "One word", "minutes": 3, "config": {"max_entries": 2}},
    ],
}


def test_rehearse_with_20_simulated_people_then_go_live(live, open_page, screenshot):
    workshop = live.workshop(WORKSHOP)
    (cloud,) = live.items(workshop)
    presenter = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    screen = open_page(
        f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP, "en-US"
    )
    expect(presenter.locator("#rehearsal-banner")).to_be_hidden()

    presenter.get_by_text("Rehearse with simulated participants").click()
    presenter.get_by_label("How many (5 to 200)").fill("20")
    presenter.get_by_role("button", name="Start rehearsal").click()
    for page in (presenter, screen):
        expect(page.locator("#rehearsal-banner")).to_be_visible()
        expect(page.locator("#rehearsal-banner")).to_contain_text("Rehearsal")
    expect(presenter.locator("#presence")).to_contain_text("20 joined", timeout=15000)

    presenter.get_by_role("button", name=re.compile("One word")).click()
    expect(screen.locator(".wc-word").first).to_be_visible(timeout=30000)
    expect(presenter.locator("#current-body")).to_contain_text(
        re.compile(r"\b(1[5-9]|20) of 20 answered"), timeout=30000
    )
    screenshot(screen, "rehearsal-screen-laptop")
    screenshot(presenter, "rehearsal-presenter-laptop")

    presenter.once("dialog", lambda dialog: dialog.accept())
    presenter.get_by_role("button", name="Go live").click()
    for page in (presenter, screen):
        expect(page.locator("#rehearsal-banner")).to_be_hidden()
    expect(presenter.locator("#presence")).to_contain_text("0 online · 0 joined")
    expect(presenter.locator("#current-title")).to_have_text("Welcome screen")
    expect(screen.locator("#lobby")).to_be_visible()
    expect(screen.locator("#screen-item")).to_be_hidden()
    db = live.storage.db
    for table in ("participants", "answers", "questions"):
        count = db.execute(f"SELECT COUNT(*) FROM {table} WHERE workshop_id = ?", [workshop.id])
        assert count.fetchone()[0] == 0, table
    assert live.storage.item(workshop.id, cloud.id).status == "pending"
