"""Breakout reflection in real Chromium: the presenter starts a round in the browser, two phones
write on their own group boards, everyone's countdown agrees, the recall brings everyone back
(and sends what was still typed), and the pages pass axe-core."""

import re
import time

from playwright.sync_api import expect

from tests.browser import test_accessibility
from tests.browser.conftest import LAPTOP, PHONE

# Pages in contexts that let axe-core in (see tests/browser/test_accessibility.py).
axe_page = test_accessibility.open_checked_page

CLOCK = re.compile(r"^[45]:\d\d$")  # a 5-minute round, a few seconds in
PROMPTS = [
    "Where do you have room to decide that you don't use yet?",
    "What small step will you take next week?",
]


def workshop_with(grouping, duration=5):
    return {
        "title": "Kaizen reflection",
        "language": "en",
        "items": [
            {"kind": "content", "title": "Welcome", "minutes": 2, "config": {"body": "Hello"}},
            {
                "kind": "breakout",
                "title": "Reflection in small groups",
                "minutes": 10,
                "config": {
                    "prompts": PROMPTS,
                    "duration": duration,
                    "grouping": grouping,
                    "private_notes": True,
                },
            },
        ],
    }


def breakout_item(live, workshop):
    return next(item for item in live.items(workshop) if item.kind == "breakout")


def join(open_page, url, workshop, name):
    page = open_page(f"{url}/j/{workshop.join_code}", viewport=PHONE, locale="en-US")
    page.get_by_label("Your name (optional)").fill(name)
    page.get_by_role("button", name="Join the workshop").click()
    expect(page.locator("#waiting")).to_be_visible()
    return page


def presenter_page(open_page, live, workshop):
    page = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, "en-US"
    )
    expect(page.locator("#presence")).to_contain_text("online")
    return page


def axe_phone_and_cockpit(live, axe_page, workshop):
    """Anna on a phone and the presenter's cockpit, both in contexts axe-core can check."""
    phone = axe_page(f"{live.url}/j/{workshop.join_code}", PHONE)
    phone.locator("#display_name").fill("Anna")
    phone.locator("form button[type=submit]").click()
    expect(phone.locator("#waiting")).to_be_visible()
    cockpit = axe_page(f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP)
    return phone, cockpit


def add_card(page, question, text):
    column = page.locator(f'.bo-prompt[data-prompt="p{question}"]')
    column.get_by_label(f"Add a card to question {question}").fill(text)
    column.get_by_role("button", name="Add card").click()


def seconds_left(page, scope):
    """The countdown shown in ``scope`` ("m:ss") in seconds."""
    text = page.locator(f"{scope} .bo-clock-time").text_content()
    minutes, seconds = re.fullmatch(r"(\d+):(\d\d)", text.strip()).groups()
    return int(minutes) * 60 + int(seconds)


def test_two_groups_write_apart_and_come_back_to_the_plenary(live, open_page, screenshot):
    workshop = live.workshop(workshop_with({"mode": "count", "count": 2}))
    presenter = presenter_page(open_page, live, workshop)
    anna = join(open_page, live.url, workshop, "Anna")
    ben = join(open_page, live.url, workshop, "Ben")
    expect(presenter.locator("#presence")).to_contain_text("2 online")

    # The presenter opens the breakout: the setup panel previews the groups.
    presenter.get_by_role("button", name=re.compile("Reflection in small groups")).click()
    setup = presenter.locator(".bo-setup")
    expect(setup).to_be_visible()
    expect(setup.get_by_label("A fixed number of random groups")).to_be_checked()
    expect(setup.get_by_label("Number of groups")).to_have_value("2")
    expect(setup.locator(".bo-preview")).to_have_text("2 online → 2 groups of 1")
    for page in (anna, ben):
        expect(page.locator(".bo-intro")).to_contain_text(PROMPTS[0])
    screenshot(presenter, "breakout-presenter-setup-laptop")

    presenter.get_by_role("button", name="Start round (5 min)").click()
    for page in (anna, ben):
        expect(page.locator(".bo-board")).to_be_visible()
        expect(page.locator(".bo-group-card .bo-clock-time")).to_have_text(CLOCK)
    titles = {page.locator(".bo-group-title").text_content() for page in (anna, ben)}
    assert titles == {"Group 1", "Group 2"}
    expect(anna.locator(".bo-members-line")).to_have_text("Anna (you)")

    # Each writes on their own board; the presenter sees both, neither sees the other's.
    add_card(anna, 1, "Anna: we could decide small purchases ourselves")
    add_card(ben, 2, "Ben: ask for feedback after every meeting")
    groups = presenter.locator(".bo-groups")
    expect(groups).to_contain_text("Anna: we could decide small purchases ourselves")
    expect(groups).to_contain_text("Ben: ask for feedback after every meeting")
    expect(presenter.locator(".bo-summary")).to_contain_text("2 groups · 2 cards")
    mine = anna.locator(".bo-card.mine")
    expect(mine).to_have_text(re.compile("Anna: we could decide"))
    expect(mine).to_contain_text("yours")
    expect(ben.locator(".bo-card.mine")).to_contain_text("Ben: ask for feedback")
    expect(anna.locator(".bo-board")).not_to_contain_text("Ben:")
    expect(ben.locator(".bo-board")).not_to_contain_text("Anna:")
    expect(anna.get_by_label("Add a card to question 1")).to_have_value("")

    # The countdown runs on the server's clock: all three pages agree within a second.
    started = time.monotonic()
    shown = [
        seconds_left(anna, ".bo-group-card"),
        seconds_left(ben, ".bo-group-card"),
        seconds_left(presenter, ".bo-controls"),
    ]
    assert time.monotonic() - started < 0.5
    assert max(shown) - min(shown) <= 1, shown
    assert 4 * 60 <= min(shown) <= 5 * 60
    screenshot(anna, "breakout-participant-running-phone")
    screenshot(presenter, "breakout-presenter-running-laptop")

    # The recall: everyone is back in the plenary, with their group's cards to read.
    presenter.once("dialog", lambda dialog: dialog.accept())
    presenter.get_by_role("button", name="Recall everyone").click()
    for page, own in ((anna, "Anna: we could"), (ben, "Ben: ask for")):
        ended = page.locator(".bo-ended")
        expect(ended).to_be_visible()
        expect(ended).to_contain_text("Back in the plenary")
        expect(page.locator(".bo-card.mine")).to_contain_text(own)
        expect(page.locator(".bo-add")).to_have_count(2)
        expect(page.get_by_role("button", name="Add card")).to_have_count(0)
        expect(page.locator(".bo-group-card .bo-clock-time")).to_be_hidden()
    expect(presenter.get_by_role("button", name="Resume with 5 more minutes")).to_be_visible()
    expect(presenter.get_by_role("tab", name=re.compile("Cards by question"))).to_have_attribute(
        "aria-selected", "true"
    )
    screenshot(anna, "breakout-participant-ended-phone")


def test_text_typed_when_the_round_ends_is_sent_at_the_recall(live, open_page):
    workshop = live.workshop(workshop_with({"mode": "size", "size": 4}))
    item = breakout_item(live, workshop)
    control = live.presenter(workshop)
    presenter = presenter_page(open_page, live, workshop)
    anna = join(open_page, live.url, workshop, "Anna")
    expect(presenter.locator("#presence")).to_contain_text("1 online")  # Anna's page is connected
    assert control.call("open_item", {"item_id": item.id})["ok"]
    expect(presenter.locator(".bo-setup")).to_be_visible()
    assert control.call("start_breakout", {"item_id": item.id})["ok"]
    field = anna.get_by_label("Add a card to question 2")
    expect(field).to_be_visible()

    # Typed, not sent: the text survives a reload of the page (kept on the device) ...
    field.fill("A step I had not sent yet")
    anna.reload()
    field = anna.get_by_label("Add a card to question 2")
    expect(field).to_have_value("A step I had not sent yet")

    # ... and the recall sends it: it reaches the presenter and stays on the participant's page.
    assert control.call("end_breakout", {"item_id": item.id})["ok"]
    expect(anna.locator(".bo-ended")).to_be_visible()
    expect(anna.locator(".bo-card.mine")).to_contain_text("A step I had not sent yet")
    expect(presenter.locator(".bo-harvest-pick")).to_contain_text("A step I had not sent yet")
    expect(presenter.locator(".bo-summary")).to_contain_text("1 card")

    # Stored once, even though a reload follows (the outbox is empty, the field too).
    anna.reload()
    expect(anna.locator(".bo-card.mine")).to_have_count(1)
    groups = control.state()["breakout"]["group_details"]
    cards = [card["text"] for group in groups for card in group["cards"]]
    assert cards == ["A step I had not sent yet"]


def group_cards(control):
    """The texts of all cards the server holds, as the presenter's state lists them."""
    groups = control.state()["breakout"]["group_details"]
    return sorted(card["text"] for group in groups for card in group["cards"])


def test_own_cards_are_edited_in_place_deleted_and_an_open_edit_is_sent_at_the_recall(
    live, open_page
):
    workshop = live.workshop(workshop_with({"mode": "size", "size": 4}))
    item = breakout_item(live, workshop)
    control = live.presenter(workshop)
    presenter = presenter_page(open_page, live, workshop)
    anna = join(open_page, live.url, workshop, "Anna")
    expect(presenter.locator("#presence")).to_contain_text("1 online")
    assert control.call("open_item", {"item_id": item.id})["ok"]
    expect(presenter.locator(".bo-setup")).to_be_visible()
    assert control.call("start_breakout", {"item_id": item.id})["ok"]
    add_card(anna, 1, "First thought")
    add_card(anna, 2, "To be deleted")
    card = anna.locator('.bo-prompt[data-prompt="p1"] .bo-card.mine')
    expect(card).to_have_text(re.compile("First thought"))
    expect(anna.locator(".bo-card.mine")).to_have_count(2)

    # An empty edit is refused on the page; Escape leaves the card as it was.
    card.get_by_role("button", name="Edit").click()
    editor = card.get_by_label("Edit your card")
    expect(editor).to_be_focused()
    expect(editor).to_have_value("First thought")
    editor.fill("   ")
    editor.press("Control+Enter")
    expect(card.get_by_role("alert")).to_have_text("Please write something first.")
    editor.press("Escape")
    expect(editor).to_be_hidden()
    expect(card.locator(".bo-card-text")).to_have_text("First thought")
    expect(card.get_by_role("button", name="Edit")).to_be_focused()
    assert group_cards(control) == ["First thought", "To be deleted"]

    # Ctrl+Enter saves: the card and the presenter's overview show the new text.
    card.get_by_role("button", name="Edit").click()
    editor.fill("A better thought")
    editor.press("Control+Enter")
    expect(card.locator(".bo-card-text")).to_have_text("A better thought")
    expect(card.get_by_role("button", name="Edit")).to_be_focused()
    expect(presenter.locator(".bo-groups")).to_contain_text("A better thought")
    assert group_cards(control) == ["A better thought", "To be deleted"]

    # Delete asks first; dismissed, the card stays; accepted, it is gone for everyone.
    doomed = anna.locator('.bo-prompt[data-prompt="p2"] .bo-card.mine')
    anna.once("dialog", lambda dialog: dialog.dismiss())
    doomed.get_by_role("button", name="Delete").click()
    expect(doomed).to_be_visible()
    anna.once("dialog", lambda dialog: dialog.accept())
    doomed.get_by_role("button", name="Delete").click()
    expect(doomed).to_have_count(0)
    expect(presenter.locator(".bo-groups")).not_to_contain_text("To be deleted")
    assert group_cards(control) == ["A better thought"]

    # An edit still open at the recall is sent, and the ended board offers no buttons.
    card.get_by_role("button", name="Edit").click()
    editor.fill("Written while the round ended")
    assert control.call("end_breakout", {"item_id": item.id})["ok"]
    expect(anna.locator(".bo-ended")).to_be_visible()
    ended_card = anna.locator(".bo-card.mine")
    expect(ended_card.locator(".bo-card-text")).to_have_text("Written while the round ended")
    expect(ended_card.get_by_role("button")).to_have_count(0)
    expect(presenter.locator(".bo-harvest-pick")).to_contain_text("Written while the round ended")
    assert group_cards(control) == ["Written while the round ended"]


def test_choosing_a_named_group_and_picking_cards_for_the_big_screen(live, open_page):
    grouping = {
        "mode": "choose",
        "groups": [{"name": "Garden", "capacity": 1}, {"name": "Kitchen", "capacity": None}],
    }
    workshop = live.workshop(workshop_with(grouping))
    item = breakout_item(live, workshop)
    control = live.presenter(workshop)
    other = live.participant(workshop, "Ben")
    anna = join(open_page, live.url, workshop, "Anna")
    assert control.call("open_item", {"item_id": item.id})["ok"]
    assert control.call("form_groups", {"item_id": item.id})["ok"]
    garden = next(g for g in control.state()["breakout"]["groups"] if g["name"] == "Garden")
    assert other.call("choose_group", {"item_id": item.id, "group_id": garden["id"]})["ok"]

    # Garden is full; Anna joins the Kitchen, which has room for anyone.
    picker = anna.locator(".bo-picker")
    expect(picker).to_contain_text("1 of 1 places")
    expect(picker.get_by_role("button", name="Garden: Full")).to_be_disabled()
    picker.get_by_role("button", name="Join Kitchen").click()
    expect(anna.locator(".bo-group-title")).to_have_text("Kitchen")
    expect(anna.locator(".bo-switch")).to_be_visible()

    assert control.call("start_breakout", {"item_id": item.id})["ok"]
    add_card(anna, 1, "Decide small purchases in the team")
    screen_url = f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}"
    screen = open_page(screen_url, LAPTOP, "en-US")
    expect(screen.locator(".bo-screen-clock .bo-clock-time")).to_have_text(CLOCK)
    expect(screen.locator(".bo-screen-status")).to_have_text("2 groups · 1 card")

    presenter = presenter_page(open_page, live, workshop)
    presenter.get_by_role("tab", name=re.compile("Cards by question")).click()
    picking = presenter.locator(".bo-harvest-pick")
    star = picking.get_by_role("button", name="Show on the big screen")
    expect(star).to_have_attribute("aria-pressed", "false")
    star.click()
    expect(star).to_have_attribute("aria-pressed", "true")
    harvest = screen.locator(".bo-harvest")
    expect(harvest).to_contain_text("Decide small purchases in the team")
    expect(harvest).to_contain_text("Kitchen")
    expect(harvest).to_contain_text(PROMPTS[0])


def test_breakout_states_meet_wcag_21_aa(live, axe_page):
    workshop = live.workshop(workshop_with({"mode": "size", "size": 2}))
    item = breakout_item(live, workshop)
    control = live.presenter(workshop)
    other = live.participant(workshop, "Ben")
    audit = test_accessibility.Audit("phone and laptop")

    phone, cockpit = axe_phone_and_cockpit(live, axe_page, workshop)
    assert control.call("open_item", {"item_id": item.id})["ok"]
    expect(cockpit.locator(".bo-setup")).to_be_visible()
    expect(phone.locator(".bo-intro")).to_be_visible()
    audit.check(cockpit, "presenter: breakout setup")
    audit.check(phone, "participant: breakout waiting")

    assert control.call("form_groups", {"item_id": item.id})["ok"]
    expect(cockpit.locator(".bo-move")).to_have_count(2)
    audit.check(cockpit, "presenter: groups formed")

    assert control.call("start_breakout", {"item_id": item.id})["ok"]
    assert control.call("breakout_message", {"item_id": item.id, "text": "5 minutes left"})["ok"]
    assert other.call("add_card", {"item_id": item.id, "prompt_id": "p1", "text": "From Ben"})["ok"]
    expect(phone.locator(".bo-card")).to_have_count(1)
    phone.locator('.bo-prompt[data-prompt="p2"] textarea').fill("Mine")
    phone.locator('.bo-prompt[data-prompt="p2"] button[type=submit]').click()
    phone.locator(".bo-note-text").fill("Only for me")
    expect(phone.locator(".bo-card.mine")).to_have_count(1)
    expect(phone.locator(".bo-message")).to_contain_text("5 minutes left")
    audit.check(phone, "participant: breakout running with cards, message and note")
    expect(cockpit.locator(".bo-newest .bo-card")).to_have_count(2)
    audit.check(cockpit, "presenter: breakout running")

    screen = axe_page(f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP)
    card_id = control.state()["breakout"]["group_details"][0]["cards"][0]["id"]
    assert control.call("harvest_card", {"item_id": item.id, "card_id": card_id})["ok"]
    expect(screen.locator(".bo-harvest-card")).to_have_count(1)
    audit.check(screen, "screen: breakout running with harvest")

    assert control.call("end_breakout", {"item_id": item.id})["ok"]
    expect(phone.locator(".bo-ended")).to_be_visible()
    expect(cockpit.locator(".bo-harvest-pick")).to_be_visible()
    audit.check(phone, "participant: back in the plenary")
    audit.check(cockpit, "presenter: round ended, picking cards")
    audit.assert_clean()
