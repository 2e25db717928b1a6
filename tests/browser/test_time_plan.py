"""The presenter keeps time for the whole hour in real Chromium: planned and projected end,
the slip carried forward from an overrun, and winning it back in one click.

Time passing is simulated by moving the stored opening times back (the server reads them
for every command); a command then brings the page the new plan.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP
from tests.browser.test_accessibility import AXE, RUN_AXE, WCAG_21_AA, describe
from tests.integration.test_timekeeping import DEFINITION as HOUR
from tests.support import move_back


def test_an_overrun_shows_as_slip_and_one_click_wins_it_back(live, open_page, screenshot):
    workshop = live.workshop(HOUR)
    items = live.items(workshop)
    control = live.presenter(workshop)
    page = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    expect(page.locator("#time-bar")).to_be_visible()
    expect(page.locator("#time-slip")).to_have_text("on time")
    assert control.call("open_item", {"item_id": items[0].id})["ok"]
    expect(page.locator("#item-timer")).to_have_text(re.compile(r"^[45]:\d\d left$"))
    expect(page.locator("#win-back")).to_be_hidden()

    # The 5-minute opening took 9 minutes: the next item has its full 10, the end moves 4.
    move_back(live.storage, workshop, items[0], 9)
    assert control.call("next_item")["ok"]
    expect(page.locator("#item-timer")).to_have_text(re.compile(r"^(10:00|9:5\d) left$"))
    expect(page.locator("#time-slip")).to_have_text("4 min behind")
    expect(page.locator("#time-slip-cell")).to_have_class(re.compile(r"\blate\b"))
    first = page.locator(".agenda-item").nth(0)
    expect(first).to_contain_text("5 min · took 9 min")
    planned = page.locator("#time-planned").text_content()
    projected = page.locator("#time-projected").text_content()
    assert planned != projected
    screenshot(page, "time-behind-laptop")

    # What it costs, and the proposal applied in one click.
    page.get_by_role("button", name="Win back 4 min…").click()
    panel = page.locator("#replan")
    expect(panel).to_be_visible()
    expect(panel.locator("#replan-changes li")).to_have_text(
        ["Item 2: 20 → 18 min", "Item 3: 15 → 14 min", "Item 4: 10 → 9 min"]
    )
    expect(panel.get_by_label("Or drop one activity")).to_contain_text("Item 4 (10 min)")
    screenshot(page, "time-replan-laptop")
    panel.get_by_role("button", name="Shorten, win back 4 min").click()
    expect(page.locator("#replan-done")).to_have_text("Done: 4 min won back.")
    expect(panel).to_be_hidden()
    expect(page.locator("#time-slip")).to_have_text("on time")
    expect(page.locator("#time-projected")).to_have_text(planned)
    expect(page.locator(".agenda-item").nth(2)).to_contain_text("18 min")
    assert [item.minutes for item in live.items(workshop)] == [5, 10, 18, 14, 9]


def test_a_dropped_item_is_passed_by_and_can_be_restored(live, open_page):
    workshop = live.workshop(HOUR)
    items = live.items(workshop)
    control = live.presenter(workshop)
    page = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    assert control.call("open_item", {"item_id": items[0].id})["ok"]
    move_back(live.storage, workshop, items[0], 20)  # 15 minutes over
    assert control.call("set_threshold", {"threshold": 3})["ok"]  # brings the page the plan
    expect(page.locator("#time-slip")).to_have_text("15 min behind")

    page.get_by_role("button", name="Win back 15 min…").click()
    page.get_by_label("Or drop one activity").select_option(label="Item 3 (15 min)")
    page.get_by_role("button", name="Drop it").click()
    expect(page.locator("#time-slip")).to_have_text("on time")
    dropped = page.locator(".agenda-item").nth(3)
    expect(dropped).to_have_class(re.compile(r"\bskipped\b"))
    expect(dropped).to_contain_text("dropped")
    assert live.storage.item(workshop.id, items[3].id).skipped

    page.get_by_role("button", name="Restore: Item 3").click()
    expect(dropped).not_to_have_class(re.compile(r"\bskipped\b"))
    expect(page.locator("#time-slip")).to_have_text("15 min behind")
    assert not live.storage.item(workshop.id, items[3].id).skipped


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_time_replan_and_rehearsal_states_meet_wcag_21_aa(live, browser, locale):
    workshop = live.workshop(HOUR)
    items = live.items(workshop)
    control = live.presenter(workshop)
    context = browser.new_context(viewport=LAPTOP, locale=locale, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}")
    expect(page.locator("#time-slip")).not_to_have_text("–")
    found = []

    def audit(state):
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE, WCAG_21_AA)
        found.extend(f"{state}:\n{describe(violation)}" for violation in violations)

    page.locator("#rehearsal-control summary").click()
    audit("lobby, on time, rehearsal form open")
    assert control.call("open_item", {"item_id": items[0].id})["ok"]
    move_back(live.storage, workshop, items[0], 9)
    assert control.call("next_item")["ok"]
    expect(page.locator("#win-back")).to_be_visible()
    page.keyboard.press("t")  # the shortcut opens what the overrun costs
    expect(page.locator("#replan")).to_be_visible()
    audit("behind, replan panel open")
    page.keyboard.press("Escape")
    expect(page.locator("#replan")).to_be_hidden()
    expect(page.locator("#win-back")).to_be_focused()
    assert control.call("start_rehearsal", {"participants": 5})["ok"]
    expect(page.locator("#rehearsal-banner")).to_be_visible()
    expect(page.locator("#go-live")).to_be_visible()
    audit("rehearsing: banner and Go live")
    assert control.call("go_live")["ok"]
    expect(page.locator("#rehearsal-banner")).to_be_hidden()
    context.close()
    assert not found, "\n\n".join(found)
