"""What the scripts render of a workshop keeps its language (WCAG 3.1.2): a German workshop on
English pages marks its item title, options, results and agenda titles ``lang="de"``, never the
page's own buttons and status lines; on German pages nothing is marked."""

from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP
from tests.conftest import POLL

GERMAN = {
    **POLL,
    "title": "Fehlerkultur im Amt",
    "language": "de",
    "items": [
        {"kind": "content", "title": "Willkommen", "minutes": 2, "config": {"body": "Hallo"}},
        {
            "kind": "single_choice",
            "title": "Wie geht Ihr Team mit Fehlern um?",
            "minutes": 5,
            "config": {"options": ["Verstecken", "Still beheben", "Gemeinsam lernen"]},
        },
    ],
}


def lang_of(locator) -> str:
    """The language that applies to an element: its own or its nearest ancestor's lang."""
    return locator.evaluate("(node) => node.closest('[lang]').getAttribute('lang')")


def open_everything(live, open_page, locale):
    """Presenter, screen and a joined participant on the German workshop's open poll."""
    workshop = live.workshop(GERMAN)
    poll = next(item for item in live.items(workshop) if item.kind == "single_choice")
    participant = open_page(f"{live.url}/j/{workshop.join_code}", LAPTOP, locale)
    participant.locator("#display_name").fill("Anna")
    participant.locator("form button[type=submit]").click()
    expect(participant.locator("#waiting")).to_be_visible()
    assert live.presenter(workshop).call("open_item", {"item_id": poll.id})["ok"]
    presenter = open_page(
        f"{live.url}/presenter/{workshop.id}?key={workshop.presenter_token}", LAPTOP, locale
    )
    screen = open_page(
        f"{live.url}/screen/{workshop.id}?key={workshop.screen_token}", LAPTOP, locale
    )
    for page in (participant, presenter, screen):
        expect(page.get_by_text(poll.title).first).to_be_visible()
    return participant, presenter, screen


def test_a_german_workshop_on_english_pages_keeps_its_language(live, open_page):
    participant, presenter, screen = open_everything(live, open_page, "en-US")
    expect(participant.locator("html")).to_have_attribute("lang", "en")
    expect(participant.locator(".item-card .item-title")).to_have_attribute("lang", "de")
    assert lang_of(participant.get_by_text("Gemeinsam lernen")) == "de"
    participant.get_by_text("Gemeinsam lernen").click()
    expect(participant.locator(".poll-status.confirmed")).to_be_visible()
    assert lang_of(participant.locator(".poll-status")) == "en"
    assert lang_of(participant.locator(".item-card .eyebrow")) == "en", "the kind's name"

    expect(presenter.locator("#current-title")).to_have_attribute("lang", "de")
    assert lang_of(presenter.locator("#current-body .bar-label").first) == "de"
    assert lang_of(presenter.locator(".agenda-title").first) == "de"
    assert lang_of(presenter.locator(".agenda-meta").first) == "en"
    assert lang_of(presenter.locator("#close-item")) == "en"

    expect(screen.locator("#screen-title")).to_have_attribute("lang", "de")


def test_nothing_is_marked_when_the_languages_match(live, open_page):
    participant, presenter, screen = open_everything(live, open_page, "de-DE")
    for page in (participant, presenter, screen):
        expect(page.locator("html")).to_have_attribute("lang", "de")
        expect(page.locator("main [lang]")).to_have_count(0)
