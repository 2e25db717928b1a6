"""Ranking and points polls in real Chromium: touch, keyboard and mouse on a phone; live results."""

import pytest
from playwright.sync_api import expect

from tests.browser import test_accessibility
from tests.browser.conftest import LAPTOP, PHONE
from tests.browser.test_accessibility import Audit

RANKING = "What should we tackle first?"
POINTS = "Where should the budget go?"
OPTIONS = ["Budget", "People", "Time", "Space"]
BUDGET, PEOPLE, TIME, SPACE = "o1", "o2", "o3", "o4"

# axe-core runs in a context that bypasses the CSP; the fixture comes from the WCAG test.
open_checked_page = test_accessibility.open_checked_page


def workshop_definition():
    """A ranking and a points poll, results for everyone, no anonymity threshold."""
    return {
        "title": "Priorities",
        "language": "en",
        "anonymity_threshold": 1,
        "items": [
            {
                "kind": "ranking",
                "title": RANKING,
                "minutes": 5,
                "config": {"options": OPTIONS, "results": "live"},
            },
            {
                "kind": "points",
                "title": POINTS,
                "minutes": 5,
                "config": {"options": ["Training", "Tools", "Time off"], "results": "live"},
            },
        ],
    }


def join(page, url, workshop, name):
    """Join through the form in English and wait for the participant page."""
    page.goto(f"{url}/j/{workshop.join_code}")
    page.get_by_label("Your name (optional)").fill(name)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.locator("#waiting")).to_be_visible()
    return page


def order_on(page):
    """The option ids in the order the participant's list shows them."""
    return page.locator(".ranking-row").evaluate_all("rows => rows.map(r => r.dataset.option)")


def places_on(page):
    """The visible place numbers, top to bottom."""
    return page.locator(".ranking-row .ranking-place").all_text_contents()


def focused_label(page):
    """The accessible label of the focused element."""
    return page.evaluate(
        "document.activeElement && document.activeElement.getAttribute('aria-label')"
    )


def settled(page):
    """Wait until rows that moved have slid into place (for screenshots)."""
    page.wait_for_function(
        """() => document.getAnimations()
            .filter((a) => a.effect.getTiming().iterations !== Infinity)
            .every((a) => a.playState !== "running")"""
    )
    return page


@pytest.fixture
def touch_phone(browser):
    """A phone context with a touch screen (``open_page`` has none); console errors fail."""
    context = browser.new_context(viewport=PHONE, has_touch=True, locale="en-US")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, "errors in the touch phone's console:\n" + "\n".join(errors)


def test_ranking_by_touch_and_keyboard_reaches_the_presenter_as_borda_order(
    live, open_page, touch_phone, screenshot
):
    workshop = live.workshop(workshop_definition())
    presenter = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    screen = open_page(
        f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP, "en-US"
    )
    phone = join(touch_phone, live.url, workshop, "Tara")
    keyboard = join(open_page(f"{live.url}/", PHONE, "en-US"), live.url, workshop, "Kai")
    expect(presenter.locator("#presence")).to_contain_text("2 online")

    presenter.get_by_role("button", name=RANKING).click()
    expect(phone.get_by_role("heading", name=RANKING)).to_be_visible()
    assert order_on(phone) == [BUDGET, PEOPLE, TIME, SPACE]
    assert places_on(phone) == ["1", "2", "3", "4"]

    # Touch: tap Space up three times, then Time up twice.
    space_up = phone.get_by_role("button", name="Move “Space” up")
    box = space_up.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    for _ in range(3):
        space_up.tap()
    expect(phone.locator(".ranking-row").first).to_have_attribute("data-option", SPACE)
    expect(space_up).to_have_attribute("aria-disabled", "true")
    space_up.tap(force=True)  # already first: nothing moves, the button says so
    expect(phone.locator(".ranking-row").first).to_have_attribute("data-option", SPACE)
    for _ in range(2):
        phone.get_by_role("button", name="Move “Time” up").tap()
    assert order_on(phone) == [SPACE, TIME, BUDGET, PEOPLE]
    assert places_on(phone) == ["1", "2", "3", "4"]
    expect(phone.locator(".ranking-row").first.locator(".ranking-label")).to_have_text("Space")
    screenshot(settled(phone), "ranking-phone")
    phone.get_by_role("button", name="Send").tap()
    expect(phone.locator(".poll-status")).to_contain_text("Your answer is saved")

    # Keyboard: the focused button moves with its option, so repeated presses keep moving it.
    time_up = keyboard.get_by_role("button", name="Move “Time” up")
    time_up.focus()
    announcer = keyboard.locator(".ranking-list + [role=status]")
    keyboard.keyboard.press("Enter")
    assert focused_label(keyboard) == "Move “Time” up"
    assert order_on(keyboard) == [BUDGET, TIME, PEOPLE, SPACE]
    expect(announcer).to_have_text("“Time” is now in place 2 of 4.")
    keyboard.keyboard.press("Space")
    assert focused_label(keyboard) == "Move “Time” up"
    assert order_on(keyboard) == [TIME, BUDGET, PEOPLE, SPACE]
    expect(announcer).to_have_text("“Time” is now in place 1 of 4.")
    expect(keyboard.locator(".ranking-row").first).to_have_class("ranking-row just-moved")
    keyboard.keyboard.press("Enter")
    assert focused_label(keyboard) == "Move “Time” up"
    expect(announcer).to_have_text("“Time” is already in first place.")
    assert order_on(keyboard) == [TIME, BUDGET, PEOPLE, SPACE]
    keyboard.get_by_role("button", name="Move “Space” up").focus()
    keyboard.keyboard.press("Enter")
    assert focused_label(keyboard) == "Move “Space” up"
    assert order_on(keyboard) == [TIME, BUDGET, SPACE, PEOPLE]
    keyboard.keyboard.press("Tab")
    keyboard.keyboard.press("Enter")  # the "down" button of the same option
    assert order_on(keyboard) == [TIME, BUDGET, PEOPLE, SPACE]
    assert focused_label(keyboard) == "Move “Space” down"
    keyboard.keyboard.press("Shift+Tab")
    keyboard.keyboard.press("Space")
    assert order_on(keyboard) == [TIME, BUDGET, SPACE, PEOPLE]
    keyboard.get_by_role("button", name="Send").press("Enter")
    expect(keyboard.locator(".poll-status")).to_contain_text("Your answer is saved")

    # Borda over both orders: Time 2+3, Space 3+1, Budget 1+2, People 0+0.
    rows = presenter.locator("#current-body .ranking-result")
    expect(rows).to_have_count(4)
    expect(presenter.locator("#current-body .results-summary")).to_have_text("2 of 2 answered")
    expected = [TIME, SPACE, BUDGET, PEOPLE]
    presenter.wait_for_function(
        """(expected) => Array.from(document.querySelectorAll('#current-body .ranking-result'))
            .map((row) => row.dataset.option).join() === expected.join()""",
        arg=expected,
    )
    first = presenter.locator(f'#current-body .ranking-result[data-option="{TIME}"]')
    expect(first.locator(".bar-figures")).to_have_text("5 points · average place 1.5")
    expect(first.locator(".ranking-rank")).to_have_text("1")
    expect(first).to_contain_text("Rank 1")
    expect(first).to_contain_text("place 1: 1, place 2: 1")
    space = presenter.locator(f'#current-body .ranking-result[data-option="{SPACE}"]')
    expect(space.locator(".bar-figures")).to_have_text("4 points · average place 2.0")
    expect(screen.locator(".ranking-result").first).to_have_attribute("data-option", TIME)

    # The participants see the live results with their own place.
    expect(phone.locator(f'.ranking-result[data-option="{SPACE}"] .bar-figures')).to_contain_text(
        "your place: 1"
    )
    screenshot(settled(presenter), "ranking-presenter-laptop")
    screenshot(settled(screen), "ranking-screen-laptop")
    screenshot(settled(phone), "ranking-results-phone")

    # A changed order moves the presenter's ranking.
    for _ in range(3):
        phone.get_by_role("button", name="Move “People” up").tap()
    phone.get_by_role("button", name="Change my answer").tap()
    presenter.wait_for_function(
        """() => {
            const rows = document.querySelectorAll('#current-body .ranking-result');
            const people = document.querySelector('#current-body [data-option="o2"] .bar-figures');
            return rows[0].dataset.option === 'o3' && people.textContent.startsWith('3 points');
        }"""
    )


def test_ranking_by_dragging_with_a_mouse(live, open_page):
    workshop = live.workshop(workshop_definition())
    phone = join(open_page(f"{live.url}/", PHONE, "en-US"), live.url, workshop, "")
    ranking = next(item for item in live.items(workshop) if item.kind == "ranking")
    presenter = live.presenter(workshop)
    assert presenter.call("open_item", {"item_id": ranking.id})["ok"]
    expect(phone.locator(".ranking-row")).to_have_count(4)

    handle = phone.locator(f'.ranking-row[data-option="{PEOPLE}"] .ranking-handle')
    target = phone.locator(f'.ranking-row[data-option="{SPACE}"]').bounding_box()
    start = handle.bounding_box()
    phone.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    phone.mouse.down()
    phone.mouse.move(start["x"] + 20, target["y"] + target["height"] * 0.8, steps=12)
    phone.mouse.up()

    assert order_on(phone) == [BUDGET, TIME, SPACE, PEOPLE]
    assert places_on(phone) == ["1", "2", "3", "4"]
    phone.get_by_role("button", name="Send").click()
    expect(phone.locator(".poll-status")).to_contain_text("Your answer is saved")
    assert presenter.state()["item"]["results"]["options"][0]["id"] == BUDGET
    phone.reload()
    expect(phone.locator(".ranking-row").last).to_have_attribute("data-option", PEOPLE)


def test_points_are_spread_on_a_phone_and_summed_for_the_presenter(
    live, open_page, touch_phone, screenshot
):
    workshop = live.workshop(workshop_definition())
    points = next(item for item in live.items(workshop) if item.kind == "points")
    presenter = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    screen = open_page(
        f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP, "en-US"
    )
    phone = join(touch_phone, live.url, workshop, "Pia")
    presenter.get_by_role("button", name=POINTS).click()

    counter = phone.locator(".points-counter")
    send = phone.get_by_role("button", name="Send")
    expect(counter).to_have_text("100 of 100 points left")
    expect(send).to_be_disabled()
    more_training = phone.get_by_role("button", name="More points for “Training”")
    assert more_training.bounding_box()["height"] >= 44
    for _ in range(6):
        more_training.tap()  # steps of 5
    expect(phone.get_by_role("textbox", name="Training", exact=True)).to_have_value("30")
    expect(counter).to_have_text("70 of 100 points left")
    phone.get_by_role("textbox", name="Tools", exact=True).fill("80")
    expect(counter).to_have_text("10 points too many")
    expect(send).to_be_disabled()
    phone.get_by_role("button", name="Fewer points for “Tools”").tap()
    phone.get_by_role("button", name="Fewer points for “Tools”").tap()
    expect(counter).to_have_text("All 100 points given ✓")
    expect(send).to_be_enabled()
    more_time_off = phone.get_by_role("button", name="More points for “Time off”")
    expect(more_time_off).to_have_attribute("aria-disabled", "true")
    more_time_off.tap(force=True)  # nothing left to give
    expect(phone.get_by_role("textbox", name="Time off", exact=True)).to_have_value("0")
    screenshot(settled(phone), "points-phone")
    send.tap()
    expect(phone.locator(".poll-status")).to_contain_text("Your answer is saved")

    other = live.participant(workshop)
    assert other.call("vote", {"item_id": points.id, "value": {"o3": 100}})["ok"]
    rows = presenter.locator("#current-body .points-result")
    expect(presenter.locator("#current-body .results-summary")).to_have_text("2 of 2 answered")
    expect(rows.first).to_have_attribute("data-option", "o3")
    expect(rows.first.locator(".bar-figures")).to_have_text("100 points · 50.0 per person")
    expect(presenter.locator('.points-result[data-option="o2"] .bar-figures')).to_have_text(
        "70 points · 35.0 per person"
    )
    expect(phone.locator('.points-result[data-option="o2"] .bar-figures')).to_contain_text(
        "yours: 70"
    )
    expect(screen.locator(".points-result").first).to_have_attribute("data-option", "o3")
    screenshot(settled(presenter), "points-presenter-laptop")
    screenshot(settled(screen), "points-screen-laptop")
    screenshot(settled(phone), "points-results-phone")

    phone.reload()
    expect(phone.get_by_role("textbox", name="Tools", exact=True)).to_have_value("70")
    expect(phone.locator(".points-counter")).to_have_text("All 100 points given ✓")


def test_ranking_and_points_meet_wcag_21_aa_in_german(live, open_checked_page):
    audit = Audit("phone and laptop")
    workshop = live.workshop(workshop_definition())
    ranking, points = live.items(workshop)
    presenter_client = live.presenter(workshop)
    phone = open_checked_page(f"{live.url}/j/{workshop.join_code}", PHONE)
    phone.locator("#display_name").fill("Ada")
    phone.locator("form button[type=submit]").click()
    expect(phone.locator("#waiting")).to_be_visible()
    presenter = open_checked_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP
    )
    screen = open_checked_page(
        f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP
    )

    assert presenter_client.call("open_item", {"item_id": ranking.id})["ok"]
    expect(phone.locator(".ranking-row")).to_have_count(4)
    phone.locator(f'.ranking-row[data-option="{TIME}"] .ranking-move.up').click()
    audit.check(phone, "ranking: putting the options in order")
    phone.locator(".poll-actions button[type=submit]").click()
    expect(phone.locator(".ranking-result")).to_have_count(4)
    audit.check(phone, "ranking: sent, with live results")
    expect(presenter.locator("#current-body .ranking-result")).to_have_count(4)
    audit.check(presenter, "ranking: presenter results")
    expect(screen.locator(".ranking-result")).to_have_count(4)
    audit.check(screen, "ranking: big screen results")

    assert presenter_client.call("open_item", {"item_id": points.id})["ok"]
    expect(phone.locator(".points-row")).to_have_count(3)
    phone.locator(".points-step-button.more").first.click()
    audit.check(phone, "points: spreading the points")
    phone.locator(".points-input").nth(1).fill("95")
    phone.locator(".poll-actions button[type=submit]").click()
    expect(phone.locator(".points-result")).to_have_count(3)
    audit.check(phone, "points: sent, with live results")
    expect(presenter.locator("#current-body .points-result")).to_have_count(3)
    audit.check(presenter, "points: presenter results")
    expect(screen.locator(".points-result")).to_have_count(3)
    audit.check(screen, "points: big screen results")

    audit.assert_clean()
