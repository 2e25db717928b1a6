"""HTTP hardening: body limits, Secure cookies behind TLS, cookie age, headers, join limits."""

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
