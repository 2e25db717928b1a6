"""HTTP hardening: body limits, Secure cookies behind TLS, cookie age, headers, join limits."""

import re
import time

import pytest

from facilitation import create_app
from facilitation.security import participant_cookie_name, sign_participant
from facilitation.workshops import create_workshop
from tests.conftest import POLL


def make_app(tmp_path, **settings):
    """An app on its own database with ``settings`` on top of the test defaults."""
    config = {
        "TESTING": True,
        "DATABASE": str(tmp_path / "hardening.db"),
        "SECRET_KEY": "unit-test-secret",
        "ASYNC_MODE": "threading",
        **settings,
    }
    return create_app(config)


@pytest.fixture
def workshop(store):
    return create_workshop(store, POLL)


def set_cookies(response) -> list[str]:
    return response.headers.getlist("Set-Cookie")


def test_a_body_over_the_limit_gets_a_readable_413_and_is_not_echoed(tmp_path):
    app = make_app(tmp_path, MAX_CONTENT_LENGTH=1024)
    workshop = create_workshop(app.extensions["facilitation.store"], POLL)
    client = app.test_client()
    name = "x" * 5000 + "MARKER"
    response = client.post(
        f"/j/{workshop.join_code}",
        data={"display_name": name},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 413
    assert "too large" in response.text
    assert "MARKER" not in response.text and "xxxxxxxxxx" not in response.text
    assert app.extensions["facilitation.store"].participant_count(workshop.id) == 0


def test_the_default_body_limit_is_one_mebibyte(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 1024 * 1024


def test_a_refused_authoring_form_shows_each_value_again_only_up_to_a_limit(client, workshop):
    url = f"/presenter/{workshop.id}/items/new?kind=content&key={workshop.presenter_token}"
    response = client.post(url, data={"title": "", "minutes": "5", "body": "b" * 50_000})
    assert response.status_code == 400
    assert "b" * 10_000 in response.text and "b" * 10_001 not in response.text


def test_cookies_are_secure_when_the_public_url_is_https(tmp_path):
    app = make_app(tmp_path, PUBLIC_URL="https://workshops.example.org")
    workshop = create_workshop(app.extensions["facilitation.store"], POLL)
    client = app.test_client()
    joined = client.post(f"/j/{workshop.join_code}", data={"display_name": ""})
    assert joined.status_code == 302
    assert all("Secure" in cookie for cookie in set_cookies(joined))
    switched = client.get("/lang/en")
    assert "lang=en" in set_cookies(switched)[0] and "Secure" in set_cookies(switched)[0]


def test_cookies_are_not_secure_on_plain_http_without_a_public_url(client, workshop):
    joined = client.post(f"/j/{workshop.join_code}", data={"display_name": ""})
    assert "Secure" not in set_cookies(joined)[0]
    assert "Secure" not in set_cookies(client.get("/lang/en"))[0]


def test_behind_a_trusted_proxy_the_forwarded_scheme_makes_cookies_secure(tmp_path):
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    app = make_app(tmp_path, PROXY_FIX=1)
    workshop = create_workshop(app.extensions["facilitation.store"], POLL)
    joined = app.test_client().post(f"/j/{workshop.join_code}", headers=forwarded)
    assert "Secure" in set_cookies(joined)[0]
    # Without the setting, the same headers are not believed.
    untrusting = make_app(tmp_path / "other")
    workshop = create_workshop(untrusting.extensions["facilitation.store"], POLL)
    joined = untrusting.test_client().post(f"/j/{workshop.join_code}", headers=forwarded)
    assert "Secure" not in set_cookies(joined)[0]


def test_a_form_sent_over_https_without_a_referer_is_accepted(tmp_path):
    # Behind nginx every form comes over https, and our no-referrer policy means browsers
    # send no Referer: Flask-WTF's strict https check would refuse every one as expired.
    app = make_app(tmp_path, PUBLIC_URL="https://workshops.example.org")
    client = app.test_client()
    https = {"base_url": "https://workshops.example.org", "headers": {"Accept-Language": "en"}}
    page = client.get("/organize/sign-in", **https).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"email": "nobody@example.org", "password": "wrong-password"}
    without_token = client.post("/organize/sign-in", data=form, **https)
    assert without_token.status_code == 400 and "expired" in without_token.text
    sent = client.post("/organize/sign-in", data={**form, "csrf_token": token}, **https)
    assert sent.status_code == 400
    assert "expired" not in sent.text and 'name="password"' in sent.text


def test_a_participant_cookie_older_than_the_retention_is_refused(app, client, store, workshop):
    participant = store.add_participant(workshop.id, "")
    name = participant_cookie_name(workshop.id)
    page = f"/j/{workshop.join_code}"
    fresh = sign_participant(app.secret_key, workshop.id, participant.id)
    client.set_cookie(name, fresh)
    assert 'name="display_name"' not in client.get(page).text
    days = app.config["PARTICIPANT_COOKIE_DAYS"]
    old = sign_participant(
        app.secret_key, workshop.id, participant.id, issued_at=time.time() - (days + 1) * 86400
    )
    client.set_cookie(name, old)
    assert 'name="display_name"' in client.get(page).text


def test_a_cookie_lives_as_long_as_the_workshop_is_kept(app, client, store):
    workshop = create_workshop(store, {**POLL, "retention_days": 3})
    participant = store.add_participant(workshop.id, "")
    four_days_old = sign_participant(
        app.secret_key, workshop.id, participant.id, issued_at=time.time() - 4 * 86400
    )
    client.set_cookie(participant_cookie_name(workshop.id), four_days_old)
    assert 'name="display_name"' in client.get(f"/j/{workshop.join_code}").text
    joined = client.post(f"/j/{workshop.join_code}")
    assert f"Max-Age={3 * 86400}" in set_cookies(joined)[0]


def test_a_cookie_signed_without_issue_time_is_refused(app, client, store, workshop):
    from itsdangerous import URLSafeSerializer

    participant = store.add_participant(workshop.id, "")
    legacy = URLSafeSerializer(app.secret_key, salt="facilitation.participant").dumps(
        [workshop.id, participant.id]
    )
    client.set_cookie(participant_cookie_name(workshop.id), legacy)
    assert 'name="display_name"' in client.get(f"/j/{workshop.join_code}").text


def test_the_polling_handshake_says_nosniff(client):
    response = client.get("/socket.io/?EIO=4&transport=polling")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers.getlist("X-Content-Type-Options") == ["nosniff"]
    assert client.get("/").headers.getlist("X-Content-Type-Options") == ["nosniff"]


def test_forty_joins_from_one_address_within_a_minute_are_all_accepted(client, workshop, store):
    for _ in range(40):
        response = client.post(f"/j/{workshop.join_code}", data={"display_name": ""})
        assert response.status_code == 302
        client.delete_cookie(participant_cookie_name(workshop.id))
    assert store.participant_count(workshop.id) == 40


def test_a_join_flood_from_one_address_is_refused_with_a_readable_429(tmp_path, caplog):
    app = make_app(tmp_path, JOIN_RATE_LIMIT="5 per minute")
    store = app.extensions["facilitation.store"]
    workshop = create_workshop(store, POLL)
    client = app.test_client()
    statuses = []
    for _ in range(8):
        response = client.post(
            f"/j/{workshop.join_code}", headers={"Accept-Language": "en"}, data={}
        )
        statuses.append(response.status_code)
        client.delete_cookie(participant_cookie_name(workshop.id))
    assert statuses == [302] * 5 + [429] * 3
    assert "Please wait" in response.text and "seconds and try again" in response.text
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert store.participant_count(workshop.id) == 5
    assert "127.0.0.1" not in caplog.text
    # Another address is not affected.
    other = client.post(f"/j/{workshop.join_code}", environ_base={"REMOTE_ADDR": "192.0.2.9"})
    assert other.status_code == 302


def test_healthz_reports_storage(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "storage": "ok", "workshops_in_memory": 0}


def test_the_secret_key_is_generated_where_the_readme_says(tmp_path):
    from pathlib import Path

    database = tmp_path / "elsewhere" / "workshops.db"
    app = create_app({"TESTING": True, "DATABASE": str(database), "ASYNC_MODE": "threading"})
    app.extensions["facilitation.store"].close()
    assert (database.parent / "secret_key").read_text().strip() == app.secret_key
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    row = next(line for line in readme.splitlines() if "`FACILITATION_SECRET_KEY`" in line)
    assert "next to the database" in row
