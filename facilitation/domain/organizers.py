"""Organizers: the people who prepare workshops, with accounts on the instance.

Plain Python: what an organizer is and which input an account accepts. Passwords
are hashed by the storage layer's caller (werkzeug); nothing here sees a hash
function or a request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import Refusal

MIN_PASSWORD = 10
MAX_PASSWORD = 200
MAX_EMAIL = 254
MAX_ORGANIZER_NAME = 80
# One-time sign-in links (first start, invitations, resets) work for a day.
LINK_HOURS = 24
EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+")


@dataclass(frozen=True)
class Organizer:
    """An account that may create, edit, share, export and delete workshops.

    It answers what Flask-Login asks of a user; ``get_id`` includes a piece of
    the password hash, so that setting a new password signs out every other session.
    """

    id: str
    email: str
    name: str = ""
    password_hash: str | None = None
    created_at: float | None = None

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def get_id(self) -> str:
        """The session's reference to this account (changes with the password)."""
        return f"{self.id}.{(self.password_hash or '')[-12:]}"

    @property
    def has_password(self) -> bool:
        """Whether the account was set up (a password chosen) already."""
        return bool(self.password_hash)

    @property
    def label(self) -> str:
        """How the organizer is shown to others: the name, else the e-mail."""
        return self.name or self.email


def clean_email(raw) -> str:
    """A login e-mail address, lower-cased; refuses what cannot be one."""
    if not isinstance(raw, str):
        raise Refusal("invalid_email")
    email = raw.strip().lower()
    if not email or len(email) > MAX_EMAIL or not EMAIL_PATTERN.fullmatch(email):
        raise Refusal("invalid_email")
    return email


def clean_organizer_name(raw) -> str:
    """An organizer's name as others see it (may be empty)."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise Refusal("invalid_name")
    name = " ".join(raw.split())
    if len(name) > MAX_ORGANIZER_NAME:
        raise Refusal("name_too_long", limit=MAX_ORGANIZER_NAME)
    if any(not ch.isprintable() for ch in name):
        raise Refusal("invalid_name")
    return name


def check_new_password(password, repeated) -> str:
    """A new password: long enough, not absurdly long, typed the same twice."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise Refusal("password_too_short", minimum=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise Refusal("too_long", field="password", limit=MAX_PASSWORD)
    if password != repeated:
        raise Refusal("passwords_differ")
    return password
