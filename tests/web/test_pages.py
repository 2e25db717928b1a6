"""The pages served over HTTP: joining, secret links, languages, headers."""

import json
import logging
import re

import pytest

from facilitation.server import AccessLog
from facilitation.workshops import create_workshop
from tests.conftest import POLL


@pytest.fixture
def workshop(store):
    return create_workshop(store, POLL)


def joined_cookie(client, workshop, name=""):
    response = client.post(f"/j/{workshop.join_code}", data={"display_name": name})
    assert response.status_code == 302
    return response.headers["Set-Cookie"]


def test_start_page_sends_a_code_to_its_workshop(client, workshop):
    assert client.get("/").status_code == 200
    typed = workshop.join_code.lower()[:3] + "-" + workshop.join_code.lower()[3:]
    response = client.get(f"/join?code={typed}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/j/{workshop.join_code}")


def test_an_unknown_code_gets_a_readable_message(client):
    response = client.get("/join?code=zzzz", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "no workshop with this code" in response.text
    assert client.get("/j/ZZZZZZ").status_code == 404


def test_joining_sets_a_signed_httponly_cookie_and_shows_the_live_page(client, workshop):
    form = client.get(f"/j/{workshop.join_code}")
    assert 'name="display_name"' in form.text
    cookie = joined_cookie(client, workshop, "  Anna   Berg ")
    assert f"fac_p_{workshop.id}=" in cookie
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get(f"/j/{workshop.join_code}", headers={"Accept-Language": "en"})
    assert f'data-workshop-id="{workshop.id}"' in page.text
    assert "You take part as “Anna Berg”." in page.text
    assert 'name="display_name"' not in page.text


def test_anonymous_participants_are_numbered(client, workshop, store):
    joined_cookie(client, workshop)
    page = client.get(f"/j/{workshop.join_code}", headers={"Accept-Language": "en"})
    assert "anonymously as participant 1" in page.text
    assert store.participant_count(workshop.id) == 1


def test_a_tampered_cookie_is_not_a_participant(client, workshop):
    client.set_cookie(f"fac_p_{workshop.id}", "forged.value")
    page = client.get(f"/j/{workshop.join_code}")
    assert 'name="display_name"' in page.text


@pytest.mark.parametrize("name", ["x" * 41, "bell\x07", "tab\x00null"])
def test_bad_names_are_refused_with_a_message(client, workshop, store, name):
    response = client.post(
        f"/j/{workshop.join_code}", data={"display_name": name}, headers={"Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.text
    assert store.participant_count(workshop.id) == 0


def test_presenter_and_screen_pages_need_their_own_key(client, workshop):
    assert client.get(f"/presenter/{workshop.id}").status_code == 404
    assert client.get(f"/presenter/{workshop.id}?key=wrong").status_code == 404
    assert client.get(f"/presenter/{workshop.id}?key={workshop.screen_token}").status_code == 404
    assert client.get(f"/screen/{workshop.id}?key={workshop.presenter_token}").status_code == 404
    assert client.get(f"/presenter/unknown?key={workshop.presenter_token}").status_code == 404
    presenter = client.get(f"/presenter/{workshop.id}?key={workshop.presenter_token}")
    assert presenter.status_code == 200
    assert presenter.headers["Cache-Control"] == "no-store"
    screen = client.get(f"/screen/{workshop.id}?key={workshop.screen_token}")
    assert screen.status_code == 200
    assert "<svg" in screen.text and workshop.join_code in screen.text
    assert workshop.presenter_token not in screen.text, "the screen must not leak the presenter key"


def test_every_page_sends_a_content_security_policy_and_loads_nothing_from_elsewhere(
    client, workshop
):
    cookie_client = client.application.test_client()
    joined_cookie(cookie_client, workshop)
    pages = [
        (client, "/"),
        (client, f"/j/{workshop.join_code}"),
        (cookie_client, f"/j/{workshop.join_code}"),
        (client, f"/presenter/{workshop.id}?key={workshop.presenter_token}"),
        (client, f"/screen/{workshop.id}?key={workshop.screen_token}"),
        (client, "/nowhere"),
    ]
    for page_client, path in pages:
        response = page_client.get(path)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        external = re.findall(r'(?:src|href)="((?:https?:)?//[^"]*)"', response.text)
        external = [url for url in external if not url.startswith("http://localhost/")]
        assert not external, (path, external)
        assert "<script>" not in response.text and " on" + "click=" not in response.text


def test_language_follows_the_browser_and_the_switch(client):
    assert 'lang="de"' in client.get("/", headers={"Accept-Language": "fr, de;q=0.5"}).text
    assert "Join a workshop" in client.get("/", headers={"Accept-Language": "en-GB"}).text
    assert "An einem Workshop teilnehmen" in client.get("/").text, "German by default"
    response = client.get("/lang/en?next=/join%3Fcode%3DX")
    assert response.status_code == 302 and response.headers["Location"] == "/join?code=X"
    assert "lang=en" in response.headers["Set-Cookie"]
    assert "Join a workshop" in client.get("/", headers={"Accept-Language": "de"}).text


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "evil", "/\\evil"])
def test_the_language_switch_never_redirects_elsewhere(client, target):
    response = client.get("/lang/de", query_string={"next": target})
    location = response.headers["Location"]
    assert location == "/" or (location.startswith("/") and not location.startswith("//"))
    assert "evil.example" not in location


def test_an_unknown_language_is_ignored(client):
    response = client.get("/lang/xx?next=/")
    assert "Set-Cookie" not in response.headers


def test_the_access_log_leaves_out_keys_and_addresses(app, workshop, caplog):
    app.wsgi_app = AccessLog(app.wsgi_app)
    with caplog.at_level(logging.INFO, logger="facilitation.access"):
        app.test_client().get(
            f"/presenter/{workshop.id}?key={workshop.presenter_token}",
            environ_base={"REMOTE_ADDR": "203.0.113.9"},
        )
    logged = caplog.text
    assert f"/presenter/{workshop.id}" in logged
    assert workshop.presenter_token not in logged
    assert "203.0.113.9" not in logged


def test_cli_demo_export_and_delete(runner, store):
    result = runner.invoke(args=["demo", "--language", "en"])
    assert result.exit_code == 0, result.output
    assert "Presenter:" in result.output and "Screen:" in result.output
    workshop = store.workshops()[0]
    assert workshop.title.startswith("Micro-impulse")

    exported = runner.invoke(args=["export", workshop.id])
    data = json.loads(exported.output)
    assert [item["kind"] for item in data["items"]] == [
        "rating",
        "content",
        "word_cloud",
        "breakout",
        "question_board",
        "rating",
        "open_text",
        "commitment",
    ]
    assert workshop.presenter_token not in exported.output

    assert runner.invoke(args=["delete", workshop.id, "--yes"]).exit_code == 0
    assert store.workshops() == []
    missing = runner.invoke(args=["export", "nope"])
    assert missing.exit_code != 0 and "no workshop" in missing.output
