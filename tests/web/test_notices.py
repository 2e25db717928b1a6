"""The accessibility statement and the privacy notice: their settings, languages and footer."""

import re
import time

import pytest

from facilitation import create_app
from facilitation.web.notices import contact
from facilitation.workshops import create_workshop, end_workshop
from tests.conftest import POLL, FormClient
from tests.exports.every_kind import build_workshop
from tests.web.test_organizer import organizer, sign_in
from tests.web.test_takeaway import as_participant, takeaway_url

EN = {"Accept-Language": "en-US"}
DE = {"Accept-Language": "de-DE"}
FOOTER = 'class="site-footer"'


@pytest.fixture
def configured(tmp_path):
    """An app whose operator named itself, both contacts and the date of the last test."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "app.db"),
            "SECRET_KEY": "unit-test-secret",
            "ASYNC_MODE": "threading",
            "OPERATOR_NAME": "Stadt Musterstadt, Jugendamt",
            "ACCESSIBILITY_CONTACT": "barrierefrei@musterstadt.example",
            "ACCESSIBILITY_TESTED_ON": "2026-11-20",
            "PRIVACY_CONTACT": "https://musterstadt.example/datenschutz",
            "RETENTION_DAYS": 45,
            "PARTICIPANT_COOKIE_DAYS": 14,
        }
    )
    app.test_client_class = FormClient
    yield app.test_client()
    app.extensions["facilitation.store"].close()


@pytest.mark.parametrize("path", ["/accessibility", "/privacy"])
@pytest.mark.parametrize(("headers", "language"), [(EN, "en"), (DE, "de")])
def test_both_notices_answer_in_both_languages(client, path, headers, language):
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text
    assert response.text.count("<h1>") == 1
    assert len(re.findall(r"<h2>", response.text)) >= 5
    assert FOOTER in response.text


def test_the_statement_shows_the_settings(configured):
    page = configured.get("/accessibility", headers=EN).text
    assert "partially conformant" in page
    assert "Stadt Musterstadt, Jugendamt" in page
    assert (
        '<a href="mailto:barrierefrei@musterstadt.example">barrierefrei@musterstadt.example</a>'
        in page
    )
    assert "last tested on November 20, 2026" in page
    assert 'href="https://www.schlichtungsstelle-bgg.de"' in page
    assert "has not named" not in page


def test_the_statement_says_plainly_when_nothing_is_configured(client, app):
    page = client.get("/accessibility", headers=EN).text
    assert "has not named a contact for accessibility feedback yet" in page
    assert "has not entered their name yet" in page
    assert "last tested on December 1, 2026" in page
    assert app.config["ACCESSIBILITY_TESTED_ON"] == "2026-12-01"
    for limitation in ("word cloud", "buttons to move it up or down", "video room", "PDF/UA"):
        assert limitation in page


def test_the_privacy_notice_shows_the_settings(configured):
    page = configured.get("/privacy", headers=EN).text
    assert "operator of this installation: Stadt Musterstadt, Jugendamt." in page
    assert '<a href="https://musterstadt.example/datenschutz">' in page
    assert "deleted 45 days after the workshop ended" in page
    assert "or 14 days if the workshop sets none" in page


def test_the_privacy_notice_says_plainly_when_nothing_is_configured(client):
    page = client.get("/privacy", headers=EN).text
    assert "has not named a privacy contact yet" in page
    assert "has not entered their name yet" in page
    assert "deleted 30 days after the workshop ended" in page
    assert "No IP addresses are stored" in page
    for right in ("Art. 15", "Art. 16", "Art. 17", "Art. 18", "Art. 20", "Art. 21"):
        assert right in page


@pytest.mark.parametrize(
    ("value", "href"),
    [
        ("a11y@example.org", "mailto:a11y@example.org"),
        ("mailto:a11y@example.org", "mailto:a11y@example.org"),
        ("https://example.org/feedback", "https://example.org/feedback"),
        ("Zimmer 3, Rathaus", None),
    ],
)
def test_a_contact_links_where_it_can(value, href):
    assert contact(value).href == href
    assert contact("") is None and contact(None) is None


def test_the_footer_is_on_every_page_but_the_big_screen(client, store):
    maria = organizer(store, "maria@example.org")
    workshop = create_workshop(store, POLL, maria.id)
    joined = client.application.test_client()
    joined.post(f"/j/{workshop.join_code}", data={"display_name": ""})
    with_footer = [
        (client, "/"),
        (client, f"/j/{workshop.join_code}"),
        (joined, f"/j/{workshop.join_code}"),
        (client, f"/presenter/{workshop.id}?key={workshop.presenter_token}"),
        (client, f"/moderator/{workshop.id}?key={workshop.moderator_token}"),
        (client, "/organize/sign-in"),
        (client, "/nowhere"),
    ]
    for page_client, path in with_footer:
        page = page_client.get(path, headers=EN, follow_redirects=True).text
        assert FOOTER in page, path
        assert 'href="/accessibility"' in page and 'href="/privacy"' in page, path
    assert sign_in(client, "maria@example.org").status_code == 302
    for path in ("/organize/", f"/organize/w/{workshop.id}", f"/organize/w/{workshop.id}/agenda"):
        page = client.get(path, headers=EN, follow_redirects=True)
        assert page.status_code == 200 and FOOTER in page.text, path
    screen = client.get(f"/screen/{workshop.id}?key={workshop.screen_token}", headers=EN).text
    assert FOOTER not in screen
    assert 'href="/accessibility"' not in screen


def test_the_takeaway_links_both_notices_within_its_own_policy(client, app, store):
    workshop, people = build_workshop(store, participants=4)
    end_workshop(store, workshop, time.time())
    workshop = store.workshop(workshop.id)
    url = takeaway_url(as_participant(client, app, workshop, people[0]), workshop)
    response = client.get(url, headers=EN)
    assert response.status_code == 200
    assert 'href="/accessibility"' in response.text and 'href="/privacy"' in response.text
    assert "style=" not in response.text, "no inline style attribute: the CSP hashes one <style>"
    assert "style-src 'sha256-" in response.headers["Content-Security-Policy"]
