"""Calling the facilitator in real Chromium: a phone calls, the presenter's queue shows the
group with the time waited, the presenter answers that group, marks the call handled; the new
states pass axe-core."""

import re

from playwright.sync_api import expect

from tests.browser import test_accessibility
from tests.browser.test_breakout import (
    axe_phone_and_cockpit,
    breakout_item,
    join,
    presenter_page,
    workshop_with,
)

axe_page = test_accessibility.open_checked_page

# axe on the new parts alone, every impact: none may have any violation.
AXE_ON = """async ([selectors, tags]) => {
    const include = selectors.filter((selector) => document.querySelector(selector));
    const result = await axe.run({ include: include.map((s) => [s]) }, {
        runOnly: { type: "tag", values: tags }, resultTypes: ["violations"],
    });
    return result.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")));
}"""
NEW_PARTS = [".bo-help", ".bo-message-region", ".bo-calls", ".bo-summary", ".bo-groups"]


def started_round(live, open_page):
    workshop = live.workshop(workshop_with({"mode": "size", "size": 4}))
    item = breakout_item(live, workshop)
    control = live.presenter(workshop)
    presenter = presenter_page(open_page, live, workshop)
    anna = join(open_page, live.url, workshop, "Anna")
    ben = live.participant(workshop, "Ben")
    expect(presenter.locator("#presence")).to_contain_text("2 online")
    assert control.call("open_item", {"item_id": item.id})["ok"]
    assert control.call("start_breakout", {"item_id": item.id})["ok"]
    expect(anna.locator(".bo-board")).to_be_visible()
    return workshop, item, control, presenter, anna, ben


def test_a_phone_calls_the_presenter_answers_and_marks_it_handled(live, open_page, screenshot):
    workshop, item, control, presenter, anna, ben = started_round(live, open_page)
    card = anna.locator(".bo-group-card")
    card.get_by_role("button", name="Call the facilitator").click()
    # The text is in the card all along (hidden until the call is made): it must be shown.
    expect(card.get_by_text("The facilitator has been called")).to_be_visible()
    withdraw = card.get_by_role("button", name="We are fine again")
    expect(withdraw).to_be_focused()
    expect(card.get_by_role("button", name="Call the facilitator")).to_be_hidden()
    assert ben.state()["breakout"]["my_group"]["call"] is not None, "the group's call, not Anna's"

    # The presenter's queue: the group and the time waited, counting on the server's clock.
    queue = presenter.locator(".bo-calls")
    expect(queue).to_contain_text("Calls from the groups (1)")
    entry = queue.locator(".bo-call")
    expect(entry).to_have_count(1)
    expect(entry.locator(".bo-call-group")).to_have_text("Group 1")
    waited = entry.locator(".bo-call-waited")
    expect(waited).to_have_text(re.compile(r"^waiting for 0:0\d$"))
    first = waited.text_content()
    expect(waited).not_to_have_text(first, timeout=3000)
    expect(presenter.locator(".bo-call-badge")).to_have_text("1 call")
    expect(
        presenter.locator("[role=status]").filter(has_text="Group 1 calls the facilitator")
    ).to_have_count(1)
    calling = presenter.locator(".bo-group.calling")
    expect(calling).to_have_count(1)
    expect(calling.locator(".bo-group-calling")).to_have_text("Calling the facilitator")
    screenshot(presenter, "help-presenter-groups-laptop")
    # On the Cards tab the badge and the queue stay in view.
    presenter.get_by_role("tab", name=re.compile("Cards by question")).click()
    expect(presenter.locator(".bo-call-badge")).to_be_visible()
    expect(queue).to_be_visible()
    screenshot(anna, "help-participant-called-phone")
    screenshot(presenter, "help-presenter-queue-laptop")

    # The answer reaches the group's page; the call stays in the queue, answered.
    entry.get_by_label("Answer to Group 1").fill("I'll join your room in a minute")
    entry.get_by_role("button", name="Send answer").click()
    message = anna.locator(".bo-message-group")
    expect(message).to_contain_text("Message from the facilitator to your group:")
    expect(message).to_contain_text("I'll join your room in a minute")
    expect(entry.locator(".bo-call-answered")).to_have_text(
        "Answered: I'll join your room in a minute"
    )
    expect(entry.get_by_label("Answer to Group 1")).to_have_value("")
    screenshot(anna, "help-participant-answered-phone")
    screenshot(presenter, "help-presenter-answered-laptop")

    # Mark handled: the queue empties, the phone may call again and keeps the answer.
    entry.get_by_role("button", name="Mark handled: Group 1").click()
    expect(queue).to_be_hidden()
    expect(presenter.locator(".bo-call-badge")).to_be_hidden()
    expect(presenter.locator(".bo-group.calling")).to_have_count(0)
    expect(card.get_by_role("button", name="Call the facilitator")).to_be_visible()
    expect(message).to_contain_text("I'll join your room in a minute")

    # A reload keeps the call: the state comes with the snapshot.
    card.get_by_role("button", name="Call the facilitator").click()
    expect(withdraw).to_be_visible()
    anna.reload()
    called = anna.locator(".bo-group-card").get_by_text("The facilitator has been called")
    expect(called).to_be_visible()
    anna.locator(".bo-group-card").get_by_role("button", name="We are fine again").click()
    expect(anna.get_by_role("button", name="Call the facilitator")).to_be_visible()
    expect(queue).to_be_hidden()
    assert control.state()["breakout"]["calls"] == []


def test_the_call_and_the_queue_meet_wcag_21_aa(live, axe_page):
    workshop = live.workshop(workshop_with({"mode": "size", "size": 4}))
    item = breakout_item(live, workshop)
    control = live.presenter(workshop)
    ben = live.participant(workshop, "Ben")
    audit = test_accessibility.Audit("phone and laptop")
    phone, cockpit = axe_phone_and_cockpit(live, axe_page, workshop)
    assert control.call("open_item", {"item_id": item.id})["ok"]
    assert control.call("start_breakout", {"item_id": item.id})["ok"]
    expect(phone.locator(".bo-help-call")).to_be_visible()

    def clean(page, state):
        audit.check(page, state)
        # audit.check injected axe into the page
        found = page.evaluate(AXE_ON, [NEW_PARTS, test_accessibility.WCAG_21_AA])
        assert found == [], f"{state}: {found}"

    clean(phone, "participant: may call the facilitator")
    call = ben.call("call_facilitator", {"item_id": item.id})["call"]
    expect(phone.locator(".bo-help-called")).to_be_visible()
    expect(cockpit.locator(".bo-call")).to_have_count(1)
    clean(phone, "participant: the facilitator has been called")
    clean(cockpit, "presenter: a group calls")
    answer = {"item_id": item.id, "call_id": call["id"], "text": "Coming"}
    assert control.call("answer_call", answer)["ok"]
    expect(phone.locator(".bo-message-group")).to_be_visible()
    expect(cockpit.locator(".bo-call-answered")).to_be_visible()
    clean(phone, "participant: the facilitator answered the group")
    clean(cockpit, "presenter: a call answered")
    audit.assert_clean()
