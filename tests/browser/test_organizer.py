"""The organizer's workspace in real Chromium against the real server, in German and English:
the one-time link, a workshop from a template, reordering and editing its agenda, handing out
the presenter and moderator links, moderating a question, replacing a key, ending, deleting,
and a broken agenda file.

One signed-in browser context per language serves the whole file (like an organizer who keeps
the tab open); presenter, moderator and participants get contexts of their own.
"""

import re

import pytest
from playwright.sync_api import expect

from facilitation.storage import Store
from tests.browser.conftest import LAPTOP, PHONE

PASSWORD = "ein Satz als Passwort, lang genug"
LOCALES = ["de-DE", "en-US"]
IDS = ["de", "en"]
TEMPLATE = {"de-DE": "Impulsvortrag mit Fragerunde", "en-US": "Input talk with Q&A"}
QUESTION = {
    "de-DE": "Wo finde ich die Folien nach dem Vortrag?",
    "en-US": "Where do I find the slides after the talk?",
}

# What a person reads on the pages, per language.
TEXT = {
    "de-DE": {
        "your_name": "Ihr Name",
        "login": "E-Mail (Ihre Anmeldung)",
        "new_password": "Neues Passwort",
        "again": "Passwort wiederholen",
        "save_and_sign_in": "Speichern und anmelden",
        "library": "Ihre Workshops",
        "no_workshops": "Noch keine Workshops",
        "sign_out": "Abmelden",
        "save_template": "Als Vorlage speichern",
        "spent": "Dieser Link funktioniert nicht mehr",
        "sign_in": "Anmelden",
        "email": "E-Mail",
        "password": "Passwort",
        "new_workshop": "Neuer Workshop",
        "use_template": "Vorlage verwenden",
        "agenda_heading": "Ablauf und Einstellungen",
        "title": "Titel",
        "order_failed": "Die neue Reihenfolge konnte nicht gespeichert werden. Bitte laden Sie"
        " die Seite neu und versuchen Sie es noch einmal.",
        "save_settings": "Einstellungen speichern",
        "settings_saved": "Einstellungen gespeichert.",
        "created": "Der Workshop wurde angelegt.",
        "up": "„{}“ nach oben verschieben",
        "down": "„{}“ nach unten verschieben",
        "edit": "„{}“ bearbeiten",
        "duplicate": "„{}“ duplizieren",
        "title_field": "Titel oder Frage",
        "save": "Speichern",
        "activities": "{} Aktivitäten",
        "copied": "Kopiert",
        "copy_moderator": "Link für Co-Moderation kopieren",
        "display_name": "Ihr Name (freiwillig)",
        "join": "Zum Workshop",
        "questions_tab": "^Fragen",
        "activity_tab": "^Aktivität",
        "question_box": "Ihre Frage",
        "ask": "Frage stellen",
        "premoderation": "Jede Frage vor dem Erscheinen freigeben",
        "waiting_for_approval": "Wartet auf Freigabe",
        "approve": "Freigeben",
        "replace_key": "Schlüssel ersetzen",
        "replaced_notice": "Der Moderations-Link wurde ersetzt.",
        "key_rotated": (
            "Dieser Link wurde durch einen neuen ersetzt. Bitte fragen Sie die Organisation danach."
        ),
        "end": "Workshop beenden",
        "ended_notice": "Der Workshop ist beendet.",
        "ended_title": "Der Workshop ist beendet.",
        "retention": r"^Ihre Antworten werden am \d{1,2}\. \w+ \d{4} gelöscht\.$",
        "delete_link": "Workshop löschen …",
        "delete_heading": "„{}“ löschen?",
        "delete_for_good": "„{}“ endgültig löschen",
        "deleted_notice": "„{}“ wurde mit allen Antworten gelöscht.",
        "deleted_reason": "Dieser Workshop wurde gelöscht. Danke für Ihre Teilnahme.",
        "agenda_file": "YAML- oder JSON-Datei",
        "upload": "Hochladen und anlegen",
        "yaml_error": r"^Zeile 4, Spalte 4: .*YAML",
    },
    "en-US": {
        "your_name": "Your name",
        "login": "E-mail (your login)",
        "new_password": "New password",
        "again": "The password again",
        "save_and_sign_in": "Save and sign in",
        "library": "Your workshops",
        "no_workshops": "No workshops yet",
        "sign_out": "Sign out",
        "save_template": "Save as template",
        "spent": "This link no longer works",
        "sign_in": "Sign in",
        "email": "E-mail",
        "password": "Password",
        "new_workshop": "New workshop",
        "use_template": "Use this template",
        "agenda_heading": "Agenda and settings",
        "title": "Title",
        "order_failed": "The new order could not be saved. Please reload the page and try again.",
        "save_settings": "Save settings",
        "settings_saved": "Settings saved.",
        "created": "The workshop was created.",
        "up": "Move “{}” up",
        "down": "Move “{}” down",
        "edit": "Edit “{}”",
        "duplicate": "Duplicate “{}”",
        "title_field": "Title or question",
        "save": "Save",
        "activities": "{} activities",
        "copied": "Copied",
        "copy_moderator": "Copy the link for Moderator",
        "display_name": "Your name (optional)",
        "join": "Join the workshop",
        "questions_tab": "^Questions",
        "activity_tab": "^Activity",
        "question_box": "Your question",
        "ask": "Ask",
        "premoderation": "Approve each question before it appears",
        "waiting_for_approval": "Waiting for approval",
        "approve": "Approve",
        "replace_key": "Replace key",
        "replaced_notice": "The presenter link was replaced.",
        "key_rotated": "This link was replaced by a new one. Please ask the organizer for it.",
        "end": "End workshop",
        "ended_notice": "The workshop has ended.",
        "ended_title": "The workshop has ended.",
        "retention": r"^Your answers will be deleted on \w+ \d{1,2}, \d{4}\.$",
        "delete_link": "Delete workshop…",
        "delete_heading": "Delete “{}”?",
        "delete_for_good": "Delete “{}” for good",
        "deleted_notice": "“{}” and all its answers were deleted.",
        "deleted_reason": "This workshop was deleted. Thank you for taking part.",
        "agenda_file": "YAML or JSON file",
        "upload": "Upload and create",
        "yaml_error": r"^Line 4, column 4: .*YAML",
    },
}
BROKEN_YAML = b"title: Kaputt\nitems:\n  - kind: content\n   title: Versetzt\n"


class Browsing:
    """Pages in contexts of their own or in the shared organizer contexts; any console
    error (a CSP violation, a JS exception) fails the test that opened the page."""

    def __init__(self, browser, url, organizers, bypass_csp=False):
        self.browser = browser
        self.url = url
        self.organizers = organizers
        self.bypass_csp = bypass_csp  # to let axe-core in (test_organizer_accessibility.py)
        self.errors = []
        self.refused = set()  # URLs meant to answer 4xx (their "failed to load" is no error)
        self.contexts = []
        self.pages = []

    def watch(self, page):
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"{page.url}: {message.text}")
                if message.type == "error" and message.location.get("url") not in self.refused
                else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        return page

    def open(self, path, locale, viewport=LAPTOP):
        """A page in a new context: someone else's browser."""
        context = self.browser.new_context(
            viewport=viewport, locale=locale, bypass_csp=self.bypass_csp
        )
        self.contexts.append(context)
        page = self.watch(context.new_page())
        page.goto(path if path.startswith("http") else self.url + path)
        return page

    def tab(self, beside, path):
        """A new tab in the context of the page ``beside`` (same cookies)."""
        page = self.watch(beside.context.new_page())
        self.pages.append(page)
        page.goto(self.url + path)
        return page

    def organizer(self, locale, path="/organize/"):
        """A new tab of the signed-in organizer of ``locale``."""
        page = self.watch(self.organizers(locale).new_page())
        self.pages.append(page)
        page.goto(self.url + path)
        return page

    def close(self):
        for page in self.pages:
            page.close()
        for context in self.contexts:
            context.close()


def set_up_account(page, locale, name):
    """Fill in the one-time link's form as a new organizer does."""
    text = TEXT[locale]
    page.get_by_label(text["your_name"], exact=True).fill(name)
    page.get_by_label(text["new_password"]).fill(PASSWORD)
    page.get_by_label(text["again"]).fill(PASSWORD)
    page.get_by_role("button", name=text["save_and_sign_in"]).click()


def new_account(store, email):
    """An account without a password and its one-time link, as the CLI makes them."""
    return store.new_sign_in_link(store.add_organizer(email))


@pytest.fixture(scope="module")
def server_store(server):
    opened = Store(server.database)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def organizers(browser, server, server_store):
    """One signed-in context per language, made on first use through a one-time link."""
    contexts = {}

    def signed_in(locale):
        if locale not in contexts:
            token = new_account(server_store, f"workspace-{locale.lower()}@example.org")
            context = browser.new_context(viewport=LAPTOP, locale=locale)
            page = context.new_page()
            page.goto(f"{server.url}/organize/welcome/{token}")
            set_up_account(page, locale, f"Organisation {locale}")
            expect(page.get_by_role("heading", name=TEXT[locale]["library"])).to_be_visible()
            page.close()
            contexts[locale] = context
        return contexts[locale]

    yield signed_in
    for context in contexts.values():
        context.close()


@pytest.fixture
def browse(browser, server, organizers):
    browsing = Browsing(browser, server.url, organizers)
    yield browsing
    browsing.close()
    assert not browsing.errors, "errors in the browser console:\n" + "\n".join(browsing.errors)


def from_template(page, locale):
    """New workshop → "Use this template" on the input talk; returns the agenda editor."""
    text = TEXT[locale]
    page.get_by_role("navigation").get_by_role("link", name=text["new_workshop"]).click()
    card = page.locator(".template-card").filter(
        has=page.get_by_role("heading", name=TEMPLATE[locale])
    )
    card.get_by_role("button", name=re.compile("^" + text["use_template"])).click()
    expect(page.get_by_role("heading", name=text["agenda_heading"])).to_be_visible()
    expect(page.locator(".notice")).to_contain_text(text["created"])
    return page


def titles(page):
    return page.locator("#editor-items .editor-title")


# -- a. the one-time link ----------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES, ids=IDS)
def test_a_one_time_link_sets_the_password_and_opens_the_library(browse, server_store, locale):
    text = TEXT[locale]
    email = f"first-{locale.lower()}@example.org"
    token = new_account(server_store, email)
    page = browse.open(f"/organize/welcome/{token}", locale, PHONE)
    expect(page.get_by_label(text["login"])).to_have_value(email)
    set_up_account(page, locale, "Kim Beispiel")

    expect(page).to_have_url(re.compile(r"/organize/$"))
    expect(page.get_by_role("heading", name=text["library"])).to_be_visible()
    expect(page.get_by_role("heading", name=text["no_workshops"])).to_be_visible()
    expect(page.locator(".whoami-top")).to_contain_text("Kim Beispiel")

    # The link is spent; the password now signs in.
    page.get_by_role("button", name=text["sign_out"]).click()
    spent = f"{browse.url}/organize/welcome/{token}"
    browse.refused.add(spent)
    assert page.goto(spent).status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(text["spent"])
    page.goto(f"{browse.url}/organize/sign-in")
    page.get_by_label(text["email"], exact=True).fill(email)
    page.get_by_label(text["password"], exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name=text["sign_in"]).click()
    expect(page.get_by_role("heading", name=text["library"])).to_be_visible()


# -- b. from a template to a finished agenda -----------------------------------------


@pytest.mark.parametrize("locale", LOCALES, ids=IDS)
def test_a_workshop_from_a_template_is_reordered_duplicated_and_edited(browse, locale):
    text = TEXT[locale]
    page = from_template(browse.organizer(locale), locale)
    first, second, third, *rest = titles(page).all_inner_texts()

    # By keyboard: ↓ on the first item; it moves and keeps the focus on its ↓ button.
    page.get_by_role("button", name=text["down"].format(first)).focus()
    page.keyboard.press("Enter")
    expect(titles(page)).to_have_text([second, first, third, *rest])
    expect(page.get_by_role("button", name=text["down"].format(first))).to_be_focused()
    # ↑ on the third: it takes second place, focus still on its ↑ button.
    page.get_by_role("button", name=text["up"].format(third)).focus()
    page.keyboard.press("Enter")
    expect(titles(page)).to_have_text([second, third, first, *rest])
    expect(page.get_by_role("button", name=text["up"].format(third))).to_be_focused()
    # At the top, ↑ is off; the focus goes to ↓ of the same item.
    page.keyboard.press("Enter")
    expect(titles(page)).to_have_text([third, second, first, *rest])
    expect(page.get_by_role("button", name=text["up"].format(third))).to_be_disabled()
    expect(page.get_by_role("button", name=text["down"].format(third))).to_be_focused()

    # By drag: the first row onto the lower half of the third; the page saves and reloads.
    rows = page.locator("#editor-items .editor-item")
    target = rows.nth(2)
    height = target.bounding_box()["height"]
    with page.expect_navigation():  # the page reloads itself once the order is saved
        rows.nth(0).drag_to(target, target_position={"x": 40, "y": height * 0.8})
    expect(titles(page)).to_have_text([second, first, third, *rest])
    expect(page.locator("#order-error")).to_be_hidden()

    # If the order cannot be saved (here: signed out meanwhile, an HTML error page), the page
    # says so instead of pretending.
    browse.refused.add(browse.url + page.locator("#editor-items").get_attribute("data-order-url"))
    page.route("**/order", lambda route: route.fulfill(status=400, body="<p>Bad request</p>"))
    rows.nth(0).drag_to(rows.nth(1), target_position={"x": 40, "y": height * 0.8})
    expect(page.locator("#order-error")).to_have_text(text["order_failed"])
    page.unroute("**/order")
    page.reload()
    expect(titles(page)).to_have_text([second, first, third, *rest])

    # Duplicate: the copy comes right after the original.
    page.get_by_role("button", name=text["duplicate"].format(first)).click()
    expect(titles(page)).to_have_text([second, first, first, third, *rest])

    # Edit the third activity through its kind's form.
    page.get_by_role("link", name=text["edit"].format(third)).click()
    field = page.get_by_label(text["title_field"])
    expect(field).to_have_value(third)
    field.fill(f"{third} – 2. Teil")
    page.get_by_role("button", name=text["save"], exact=True).click()
    expect(page.get_by_role("heading", name=text["agenda_heading"])).to_be_visible()
    expect(titles(page)).to_have_text([second, first, first, f"{third} – 2. Teil", *rest])
    expect(page.locator(".editor-number")).to_have_text(
        [str(number) for number in range(1, len(rest) + 5)]
    )

    # The workshop page counts the activities.
    page.locator(".page-head .eyebrow a").click()
    expect(page.locator(".facts")).to_contain_text(text["activities"].format(len(rest) + 4))


# -- c. to f. a live run: presenter, moderator, participant; replace a key; end; delete ----


@pytest.mark.parametrize("locale", LOCALES, ids=IDS)
def test_a_live_run_from_the_workshop_page_to_its_deletion(browse, locale):
    text = TEXT[locale]
    editor = from_template(browse.organizer(locale), locale)
    content_title = titles(editor).nth(1).inner_text()
    title = f"{TEMPLATE[locale]} · Teamtag"
    editor.get_by_label(text["title"], exact=True).fill(title)
    editor.get_by_role("button", name=text["save_settings"]).click()
    expect(editor.locator(".notice")).to_have_text(text["settings_saved"])
    editor.locator(".page-head .eyebrow a").click()
    workshop = editor  # now the workshop page
    workshop_url = workshop.url
    expect(workshop.get_by_role("heading", level=1)).to_have_text(title)
    code = workshop.locator("#link-participant .join-code").inner_text()

    # The presenter link, opened in the guest speaker's browser.
    presenter_url = workshop.locator("#url-presenter").input_value()
    presenter = browse.open(presenter_url, locale)
    participant = browse.open(f"/j/{code}", locale, PHONE)
    participant.get_by_label(text["display_name"]).fill("Anna")
    participant.get_by_role("button", name=text["join"]).click()
    expect(participant.locator("#waiting")).to_be_visible()
    expect(participant.locator("#questions-count")).to_have_text(
        re.compile(r"\(\d+\)")
    )  # connected
    presenter.locator(".agenda-open").filter(
        has=presenter.locator(".agenda-title").get_by_text(content_title, exact=True)
    ).click()
    expect(presenter.locator("#current-title")).to_have_text(content_title)
    expect(participant.get_by_role("heading", name=content_title)).to_be_visible()

    # The moderator link: copied from the workshop page, opened by the co-moderator.
    workshop.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy = workshop.get_by_role("button", name=text["copy_moderator"])
    copy.click()
    expect(copy).to_have_text(text["copied"])
    moderator_url = workshop.evaluate("navigator.clipboard.readText()")
    assert moderator_url == workshop.locator("#url-moderator").input_value()
    assert "/moderator/" in moderator_url
    moderator = browse.open(moderator_url, locale)
    expect(moderator.locator("#current-title")).to_have_text(content_title)  # board loaded too
    expect(moderator.locator("#next")).to_have_count(0)
    expect(moderator.locator("#previous")).to_have_count(0)
    expect(moderator.locator(".agenda-open")).to_have_count(0)
    premoderation = moderator.get_by_label(text["premoderation"])
    premoderation.check()
    expect(premoderation).to_be_checked()

    # A question waits for the moderator, who approves it: the participant sees it.
    participant.get_by_role("tab", name=re.compile(text["questions_tab"])).click()
    participant.get_by_role("textbox", name=text["question_box"], exact=True).fill(QUESTION[locale])
    participant.get_by_role("button", name=text["ask"], exact=True).click()
    expect(participant.locator(".board-list-mine .question")).to_contain_text(
        text["waiting_for_approval"]
    )
    queued = moderator.locator(".mod-list-pending .mod-question")
    expect(queued).to_contain_text(QUESTION[locale])
    queued.get_by_role("button", name=text["approve"]).click()
    expect(participant.locator(".board-list-open .question")).to_contain_text(QUESTION[locale])
    # Back to the activity. (The closing view does not come to the front by itself yet when
    # the workshop ends while the Questions tab is open: a reported bug in participant.js.)
    participant.get_by_role("tab", name=re.compile(text["activity_tab"])).click()
    expect(participant.get_by_role("heading", name=content_title)).to_be_visible()

    # d. The presenter key is replaced: the old presenter page says why and stops.
    workshop.once("dialog", lambda dialog: dialog.accept())
    workshop.locator("#link-presenter").get_by_role(
        "button", name=re.compile("^" + text["replace_key"])
    ).click()
    expect(workshop.locator(".notice")).to_contain_text(text["replaced_notice"])
    assert workshop.locator("#url-presenter").input_value() != presenter_url
    expect(presenter.locator("#connection")).to_have_text(text["key_rotated"])
    expect(presenter.locator("body")).to_have_class(re.compile(r"\bconnection-closed\b"))
    expect(moderator.locator("#connection")).to_be_hidden()  # other keys still work

    # e. Ending: the participant sees the closing view and when their answers go.
    workshop.once("dialog", lambda dialog: dialog.accept())
    workshop.get_by_role("button", name=text["end"]).click()
    expect(workshop.locator(".notice")).to_contain_text(text["ended_notice"])
    expect(participant.locator("#ended")).to_be_visible()
    expect(participant.locator("#ended h1")).to_have_text(text["ended_title"])
    expect(participant.locator("#retention-line")).to_have_text(re.compile(text["retention"]))

    # f. Deleting: the confirmation names the workshop; afterwards the library lacks it and
    # the participant's open page says it was deleted.
    workshop.goto(workshop_url)
    workshop.get_by_role("link", name=text["delete_link"]).click()
    expect(workshop.get_by_role("heading", level=1)).to_have_text(
        text["delete_heading"].format(title)
    )
    workshop.get_by_role("button", name=text["delete_for_good"].format(title)).click()
    expect(workshop.get_by_role("heading", name=text["library"])).to_be_visible()
    expect(workshop.locator(".notice")).to_have_text(text["deleted_notice"].format(title))
    expect(workshop.locator(".library-title").filter(has_text=title)).to_have_count(0)
    expect(participant.locator("#connection")).to_have_text(text["deleted_reason"])
    expect(participant.locator("body")).to_have_class(re.compile(r"\bconnection-closed\b"))


# -- g. a broken agenda file --------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES, ids=IDS)
def test_a_broken_agenda_file_is_refused_with_line_and_column(browse, locale):
    text = TEXT[locale]
    page = browse.organizer(locale, "/organize/new")
    browse.refused.add(page.url)  # the refusal answers 400
    page.get_by_label(text["agenda_file"]).set_input_files(
        {"name": "kaputt.yaml", "mimeType": "application/yaml", "buffer": BROKEN_YAML}
    )
    page.get_by_role("button", name=text["upload"]).click()
    error = page.locator("#error-upload")
    expect(error).to_have_text(re.compile(text["yaml_error"]))
    # The form is at the bottom of a long page: the message is brought into view, the
    # cursor is in the field it is about.
    expect(error).to_be_in_viewport()
    expect(page.get_by_label(text["agenda_file"])).to_be_focused()
    expect(page.get_by_label(text["agenda_file"])).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label(text["agenda_file"])).to_have_accessible_description(
        re.compile(text["yaml_error"][1:12])
    )
