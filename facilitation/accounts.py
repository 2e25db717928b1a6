"""Organizer accounts: sessions (Flask-Login), CSRF tokens (Flask-WTF), sign-in limits,
one-time links, and the ``flask organizer`` commands.

Passwords are stored as salted hashes (werkzeug.security); one-time links only as a
SHA-256 of their secret. The first start creates the first organizer and prints its link.
"""

import logging

import click
from flask import current_app
from flask.cli import AppGroup
from werkzeug.security import check_password_hash, generate_password_hash

from .domain.errors import Refusal
from .domain.organizers import clean_email, clean_organizer_name
from .extensions import csrf, limiter, login_manager
from .messages import problem

FIRST_ORGANIZER_EMAIL = "organizer@localhost"


def hash_password(password: str) -> str:
    """A salted hash of ``password`` (scrypt, werkzeug's default)."""
    return generate_password_hash(password)


def password_matches(organizer, password) -> bool:
    """Whether ``password`` is the organizer's; False for accounts without one."""
    if organizer is None or not organizer.password_hash or not isinstance(password, str):
        return False
    return check_password_hash(organizer.password_hash, password)


def _store():
    return current_app.extensions["facilitation.store"]


def sign_in_url(token: str) -> str:
    """The absolute one-time link for ``token``."""
    return f"{current_app.extensions['facilitation.links'].base()}organize/welcome/{token}"


def ensure_first_organizer(app):
    """Make sure the instance has an organizer who can sign in; return (organizer, link).

    On an empty instance this creates the first organizer; as long as nobody has
    chosen a password, every start prints a fresh one-time link (the older one stops
    working). Workshops without an owner go to the first organizer.
    """
    store = app.extensions["facilitation.store"]
    organizers = store.organizers_or_first(FIRST_ORGANIZER_EMAIL)
    first = organizers[0]
    store.adopt_workshops(first.id)
    if any(organizer.has_password for organizer in organizers):
        return first, None
    with app.app_context():
        return first, sign_in_url(store.new_sign_in_link(first))


organizer_cli = AppGroup("organizer", help="Organizer accounts: add, reset, list.")


@organizer_cli.command("add")
@click.argument("email")
@click.option("--name", default="", help="The name others see.")
def add_organizer_command(email, name):
    """Create an organizer account and print its invitation link (valid 24 hours)."""
    try:
        organizer = _store().add_organizer(clean_email(email), clean_organizer_name(name))
    except Refusal as refusal:
        raise click.ClickException(problem(refusal.code, **refusal.params)["message"]) from None
    click.echo(f"Invitation for {organizer.email} (valid 24 hours):")
    click.echo(sign_in_url(_store().new_sign_in_link(organizer)))


@organizer_cli.command("reset")
@click.argument("email")
def reset_organizer_command(email):
    """Print a new one-time link with which the organizer sets a new password."""
    try:
        organizer = _store().organizer_by_email(clean_email(email))
    except Refusal:
        organizer = None
    if organizer is None:
        raise click.ClickException(f"no organizer with the e-mail {email}")
    click.echo(f"One-time link for {organizer.email} (valid 24 hours):")
    click.echo(sign_in_url(_store().new_sign_in_link(organizer)))


@organizer_cli.command("list")
def list_organizers_command():
    """List every organizer: e-mail, name, and whether a password was set."""
    store = _store()
    for organizer in store.organizers():
        state = "active" if organizer.has_password else "invited (no password yet)"
        workshops = len(store.workshops_of(organizer.id))
        click.echo(f"{organizer.email}\t{organizer.name or '-'}\t{state}\t{workshops} workshop(s)")


def init_app(app):
    """Bind Flask-Login, CSRF protection, the limiter and the organizer commands."""
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    # A CSRF token lives as long as the session, so that a form left open for a
    # workshop's preparation still submits.
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    # Flask-WTF's "strict" check wants a Referer on every https form; our pages send
    # Referrer-Policy: no-referrer, so a browser sends none and every form behind TLS
    # would fail as "expired". The session-bound token (and SameSite=Lax) protect it.
    app.config.setdefault("WTF_CSRF_SSL_STRICT", False)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.sign_in"
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    # One counter per client for all processes, else each process would allow the limit.
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("MESSAGE_QUEUE") or "memory://")
    limiter.init_app(app)
    # Flask-Limiter names the client address when it refuses; we log no addresses.
    logging.getLogger("flask-limiter").setLevel(logging.ERROR)
    app.cli.add_command(organizer_cli)

    @login_manager.user_loader
    def load_organizer(reference):
        organizer_id, _, fingerprint = str(reference).partition(".")
        organizer = app.extensions["facilitation.store"].organizer(organizer_id)
        if organizer is None or organizer.get_id() != reference:
            return None
        return organizer
