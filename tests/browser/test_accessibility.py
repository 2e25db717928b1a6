"""WCAG 2.1 AA in real Chromium: axe-core finds no serious or critical problem on any page.

Every page state a workshop goes through (start page, join form, participant waiting / voted /
poll closed, presenter with a live poll, big screen lobby / results) is checked on a phone and a
laptop, in German. One workshop per viewport keeps the file fast.

axe-core is vendored in ``tests/browser/vendor`` (see its README). The pages' CSP only allows
scripts from our own origin, so these contexts bypass the CSP to let Playwright inject axe; the
CSP itself is covered by the other browser tests, which fail on any console error.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE
from tests.conftest import POLL

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core-4.14.1.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
LOCALE = "de-DE"
SHOWN_TARGETS = 3


def figures(option, count, percent):
    """A results bar's figures ("1 · 100 %"), tolerant of spacing and separator."""
    return f'.bar-row[data-option="{option}"] .bar-figures', re.compile(
        rf"^\s*{count}\b.*\b{percent}\s?%"
    )


RUN_AXE = """async (tags) => {
    // Let finite animations and transitions (the results bars) settle, so colours and sizes are
    // final; the infinite, aria-hidden "pulse" would never finish.
    await Promise.all(
        document.getAnimations()
            .filter((animation) => animation.effect.getTiming().iterations !== Infinity)
            .map((animation) => animation.finished.catch(() => null))
    );
    const result = await axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
    });
    return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        nodes: violation.nodes.map((node) => ({
            target: node.target.join(" "),
            impact: node.impact,
            summary: node.failureSummary,
        })),
    }));
}"""


@pytest.fixture
def open_checked_page(browser):
    """Like ``open_page``, but in a context that bypasses the CSP so axe can be injected."""
    contexts, errors = [], []

    def open_checked_page(url, viewport):
        context = browser.new_context(viewport=viewport, locale=LOCALE, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                errors.append(f"{url}: {message.text}") if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: errors.append(f"{url}: {error}"))
        page.goto(url)
        return page

    yield open_checked_page
    for context in contexts:
        context.close()
    assert not errors, "errors in the browser console:\n" + "\n".join(errors)


def describe(violation) -> str:
    """One violation as a developer needs it: rule, impact, help, where, and what failed."""
    nodes = violation["nodes"]
    lines = [
        f"  - {violation['id']} [{violation['impact']}] {violation['help']}"
        f" ({len(nodes)} element(s)) {violation['helpUrl']}"
    ]
    for node in nodes[:SHOWN_TARGETS]:
        summary = " ".join((node["summary"] or "").split())
        lines.append(f"      {node['target']}: {summary}")
    if len(nodes) > SHOWN_TARGETS:
        lines.append(f"      … and {len(nodes) - SHOWN_TARGETS} more")
    return "\n".join(lines)


class Audit:
    """Runs axe on page states and collects the blocking violations of all of them."""

    def __init__(self, viewport_name):
        self.viewport_name = viewport_name
        self.findings = []

    def check(self, page, state):
        if not page.evaluate("typeof window.axe !== 'undefined'"):  # once per document
            page.add_script_tag(path=str(AXE))
        violations = page.evaluate(RUN_AXE, WCAG_21_AA)
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        if blocking:
            self.findings.append(
                f"{state} ({self.viewport_name}, {LOCALE}, {page.url}):\n"
                + "\n".join(describe(v) for v in blocking)
            )

    def assert_clean(self):
        if self.findings:
            pytest.fail(
                "serious/critical WCAG 2.1 AA violations found by axe-core:\n\n"
                + "\n\n".join(self.findings),
                pytrace=False,
            )


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_every_page_state_meets_wcag_21_aa(live, open_checked_page, viewport):
    audit = Audit("phone" if viewport is PHONE else "laptop")
    workshop = live.workshop(POLL)
    poll = next(item for item in live.items(workshop) if item.kind == "single_choice")
    presenter_client = live.presenter(workshop)

    participant = open_checked_page(f"{live.url}/", viewport)
    expect(participant.locator("#code")).to_be_visible()
    audit.check(participant, "start page")

    participant.goto(f"{live.url}/j/{workshop.join_code}")
    expect(participant.get_by_label("Ihr Name (freiwillig)")).to_be_visible()
    audit.check(participant, "join form")

    participant.get_by_label("Ihr Name (freiwillig)").fill("Anna")
    participant.get_by_role("button", name="Zum Workshop").click()
    expect(participant.locator("#waiting")).to_be_visible()
    expect(participant.locator("#connection")).to_be_hidden()
    audit.check(participant, "participant waiting")

    screen = open_checked_page(
        f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", viewport
    )
    expect(screen.locator(".lobby-code")).to_contain_text(workshop.join_code)
    expect(screen.locator("#presence")).to_contain_text("1")
    audit.check(screen, "big screen lobby")

    assert presenter_client.call("open_item", {"item_id": poll.id})["ok"]
    participant.get_by_text("Learn together").click()
    expect(participant.get_by_role("radio", name="Learn together")).to_be_checked()
    expect(participant.locator(".poll-status.confirmed")).to_be_visible()  # the server's ack
    audit.check(participant, "participant voted in an open poll")

    presenter = open_checked_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", viewport
    )
    expect(presenter.locator("#current-title")).to_have_text(poll.title)
    bar, text = figures("o3", 1, 100)
    expect(presenter.locator(bar)).to_have_text(text)
    expect(presenter.locator("#close-item")).to_be_visible()
    audit.check(presenter, "presenter with an open poll and one vote")

    # Two more voters: bars of different lengths, and the 3 answers the default anonymity
    # threshold needs before anyone but the presenter sees results.
    for option in ("o3", "o1"):
        voter = live.participant(workshop)
        assert voter.call("vote", {"item_id": poll.id, "value": option})["ok"]
    bar, text = figures("o3", 2, 67)
    expect(screen.locator("#screen-title")).to_have_text(poll.title)
    expect(screen.locator(bar)).to_have_text(text)
    audit.check(screen, "big screen with poll results")

    # Participants see results only once revealed (the poll's default is "presenter and screen").
    assert presenter_client.call("close_item", {"item_id": poll.id})["ok"]
    assert presenter_client.call("reveal_results", {"item_id": poll.id})["ok"]
    expect(participant.get_by_role("radio", name="Learn together")).to_be_disabled()
    expect(participant.locator(bar)).to_have_text(text)
    audit.check(participant, "participant after the poll was closed (results)")

    audit.assert_clean()
