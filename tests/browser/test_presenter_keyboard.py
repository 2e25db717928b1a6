"""The presenter's cockpit by keyboard alone, the single choice that cannot be changed, and
the countdown, in real Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.test_accessibility import AXE, WCAG_21_AA
from tests.conftest import POLL

NOTES = "Ask who has tried it first."
KEYED = {
    **POLL,
    "items": [
        POLL["items"][0],
        {**POLL["items"][1], "notes": NOTES, "countdown": True},
        POLL["items"][2],
    ],
}
# axe on the open dialog only, every impact: the list of shortcuts must be spotless.
AXE_ON_DIALOG = """async (tags) => {
    const result = await axe.run("#shortcuts", {
        runOnly: { type: "tag", values: tags }, resultTypes: ["violations"],
    });
    return result.violations.map((v) => v.id + " [" + v.impact + "]: " +
        v.nodes.map((n) => n.target.join(" ")).join(", "));
}"""


@pytest.fixture
def checked_page(browser):
    """A page whose context bypasses the CSP, so that axe can be injected; console errors fail."""
    contexts, errors = [], []

    def open_page(url, viewport=LAPTOP, locale="en-US"):
        context = browser.new_context(viewport=viewport, locale=locale, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, errors


def phone_on_open_poll(live, open_page, definition):
    """A workshop of one poll, opened, and a phone that joined it: (presenter client, phone)."""
    workshop = live.workshop(definition)
    (poll,) = live.items(workshop)
    presenter = live.presenter(workshop)
    phone = open_page(f"{live.url}/j/{workshop.join_code}", viewport=PHONE, locale="en-US")
    phone.get_by_role("button", name="Join").click()
    expect(phone.locator("#waiting")).to_be_visible()
    assert presenter.call("open_item", {"item_id": poll.id})["ok"]
    return presenter, phone


def focused_item(page):
    return page.evaluate("() => document.activeElement.dataset.item || null")


def wait_for_focus_on(page, item):
    """The focus is on ``item``'s agenda entry (it moves there once the server answered)."""
    page.wait_for_function(f"() => document.activeElement.dataset.item === '{item.id}'")


def test_the_presenter_runs_a_poll_by_keyboard_alone(live, checked_page, screenshot):
    workshop = live.workshop(KEYED)
    welcome, poll, _ = live.items(workshop)
    observer = live.presenter(workshop)
    page = checked_page(f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}")
    expect(page.locator("#agenda .agenda-open")).to_have_count(3)
    expect(page.locator("#next")).to_have_attribute("aria-keyshortcuts", "ArrowRight N")
    expect(page.locator("#close-item")).to_have_attribute("aria-keyshortcuts", "C")
    expect(page.locator("#to-lobby")).to_have_attribute("aria-keyshortcuts", "L")

    page.keyboard.press("n")
    expect(page.locator("#current-title")).to_have_text("Welcome")
    wait_for_focus_on(page, welcome)
    expect(page.locator("#speaker-notes")).to_be_hidden()

    page.keyboard.press("n")
    expect(page.locator("#current-title")).to_have_text(poll.title)
    wait_for_focus_on(page, poll)
    expect(page.locator("#speaker-notes")).to_be_visible()
    expect(page.locator("#speaker-notes")).to_contain_text(NOTES)
    screenshot(page, "presenter-notes-laptop")

    page.keyboard.press("c")
    expect(page.locator("#reopen-item")).to_be_visible()
    assert observer.state()["item"]["status"] == "closed"
    page.keyboard.press("c")
    expect(page.locator("#close-item")).to_be_visible()
    assert observer.state()["item"]["status"] == "open"
    page.keyboard.press("r")
    expect(page.locator("#hide-results")).to_be_visible()
    assert observer.state()["item"]["revealed"] is True
    page.keyboard.press("R")
    expect(page.locator("#reveal-results")).to_be_visible()

    # Typing in a field, or with Ctrl/Alt/Meta, never moves the agenda.
    page.locator("#threshold").focus()
    page.keyboard.press("n")
    page.keyboard.press("ArrowRight")
    page.locator("body").focus()
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("Alt+n")
    page.keyboard.press("Control+ArrowRight")
    page.wait_for_timeout(300)
    assert observer.state()["current_item_id"] == poll.id
    expect(page.locator("#current-title")).to_have_text(poll.title)

    # "?" opens the list as a modal dialog; Escape closes it and the focus comes back.
    page.locator(f'#agenda [data-item="{poll.id}"]').focus()
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    in_dialog = "() => document.getElementById('shortcuts').contains(document.activeElement)"
    assert page.evaluate(in_dialog)
    for key in ("→", "N", "←", "P", "L", "C", "R", "S", "B", "?", "Esc"):
        expect(dialog.locator("kbd", has_text=re.compile(rf"^{re.escape(key)}$"))).to_have_count(1)
    page.keyboard.press("n")  # keys inside the dialog do nothing
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_ON_DIALOG, WCAG_21_AA) == []
    screenshot(page, "presenter-shortcuts-laptop")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert focused_item(page) == poll.id
    assert observer.state()["current_item_id"] == poll.id

    page.keyboard.press("l")
    expect(page.locator("#current-title")).to_have_text("Welcome screen")
    assert observer.state()["current_item_id"] is None


def test_an_unchangeable_single_choice_is_sent_with_send_not_by_arrowing(live, open_page):
    definition = {
        **POLL,
        "items": [
            {**POLL["items"][1], "config": {**POLL["items"][1]["config"], "changeable": False}}
        ],
    }
    presenter, phone = phone_on_open_poll(live, open_page, definition)

    first = phone.get_by_role("radio", name="Hide them")
    expect(first).to_be_visible()
    first.focus()
    phone.keyboard.press("ArrowDown")
    phone.keyboard.press("ArrowDown")
    phone.keyboard.press("ArrowUp")
    expect(phone.get_by_role("radio", name="Fix them quietly")).to_be_checked()
    phone.wait_for_timeout(500)
    assert presenter.state()["item"]["results"]["answers"] == 0

    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".poll-status.confirmed")).to_be_visible()
    results = presenter.state()["item"]["results"]
    counts = {option["id"]: option["count"] for option in results["options"]}
    assert counts == {"o1": 0, "o2": 1, "o3": 0}
    expect(phone.get_by_role("radio", name="Hide them")).to_be_disabled()


def test_an_unchangeable_rating_is_sent_with_send_not_by_arrowing(live, open_page):
    definition = {
        "title": "Rating once",
        "language": "en",
        "items": [
            {
                "kind": "rating",
                "title": "How safe is it to admit a mistake?",
                "minutes": 2,
                "config": {"minimum": 1, "maximum": 5, "changeable": False},
            }
        ],
    }
    presenter, phone = phone_on_open_poll(live, open_page, definition)

    phone.get_by_role("radio", name="1").focus()
    for _ in range(3):
        phone.keyboard.press("ArrowRight")
    expect(phone.get_by_role("radio", name="4")).to_be_checked()
    phone.wait_for_timeout(1500)  # longer than the pause after which a changeable one sends
    assert presenter.state()["item"]["results"]["answers"] == 0

    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".poll-status.confirmed")).to_be_visible()
    assert presenter.state()["item"]["results"]["answers"] == 1
    assert presenter.state()["item"]["results"]["mean"] == 4


def test_the_countdown_shows_on_phone_and_big_screen(live, open_page, screenshot):
    workshop = live.workshop(
        {
            **POLL,
            "items": [{**POLL["items"][1], "countdown": True, "auto_close": True}],
        }
    )
    (poll,) = live.items(workshop)
    presenter = live.presenter(workshop)
    phone = open_page(f"{live.url}/j/{workshop.join_code}", viewport=PHONE)
    phone.get_by_label("Ihr Name (freiwillig)").fill("Anna")
    phone.get_by_role("button", name="Zum Workshop").click()
    expect(phone.locator("#waiting")).to_be_visible()
    screen = open_page(f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP)
    expect(screen.locator(".lobby-code")).to_contain_text(workshop.join_code)
    assert presenter.call("open_item", {"item_id": poll.id})["ok"]

    for page, selector in ((phone, ".countdown-participant"), (screen, ".countdown-screen")):
        clock = page.locator(selector)
        expect(clock).to_be_visible()
        expect(clock.locator(".countdown-time")).to_have_text(re.compile(r"\b4:5\d\b"))
        expect(clock).to_have_attribute("role", "timer")
        expect(clock.locator(".countdown-note")).to_be_visible()
    screenshot(phone, "participant-countdown-phone")
    screenshot(screen, "screen-countdown-laptop")

    assert presenter.call("close_item", {"item_id": poll.id})["ok"]
    expect(phone.locator(".countdown-participant")).to_be_hidden()
    expect(screen.locator(".countdown-screen")).to_be_hidden()


def test_s_puts_the_focused_answer_on_screen_and_b_recalls_a_breakout(live, open_page):
    workshop = live.workshop(
        {
            "title": "Keys",
            "language": "en",
            "anonymity_threshold": 1,
            "items": [
                {"kind": "open_text", "title": "What stays?", "minutes": 3, "config": {}},
                {
                    "kind": "breakout",
                    "title": "Groups",
                    "minutes": 10,
                    "config": {"prompts": ["What would you try?"], "duration": 5},
                },
            ],
        }
    )
    answers, breakout = live.items(workshop)
    control = live.presenter(workshop)
    anna = live.participant(workshop, "Anna")
    assert control.call("open_item", {"item_id": answers.id})["ok"]
    assert anna.call("vote", {"item_id": answers.id, "value": "Courage"})["ok"]
    page = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    card = page.locator("[data-answer]", has_text="Courage")
    expect(card).to_be_visible()
    highlight = card.locator('[data-action="highlight"]')
    expect(highlight).to_have_attribute("aria-keyshortcuts", "S")

    card.locator('[data-action="hide"]').focus()
    page.keyboard.press("s")
    answer_id = card.get_attribute("data-answer")
    expect(highlight).to_have_text("Remove highlight")
    assert control.state()["item"]["results"]["highlight"]["id"] == answer_id
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("s")  # no card focused: what is on the screen comes off
    expect(card.locator('[data-action="highlight"]')).to_have_text("Highlight on screen")
    assert control.state()["item"]["results"]["highlight"] is None

    assert control.call("open_item", {"item_id": breakout.id})["ok"]
    assert control.call("start_breakout", {"item_id": breakout.id})["ok"]
    recall = page.locator(".bo-recall")
    expect(recall).to_be_visible()
    expect(recall).to_have_attribute("aria-keyshortcuts", "B")
    page.once("dialog", lambda dialog: dialog.dismiss())  # the recall still asks first
    page.keyboard.press("b")
    page.wait_for_timeout(300)
    assert control.state()["breakout"]["status"] == "running"
    page.once("dialog", lambda dialog: dialog.accept())
    page.keyboard.press("b")
    expect(recall).to_be_hidden()
    assert control.state()["breakout"]["status"] == "ended"
