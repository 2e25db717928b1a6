"""Organizer accounts, one-time sign-in links, shared workshops and saved templates."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time

from sqlite_utils import Database

from ..domain.errors import Refusal
from ..domain.organizers import LINK_HOURS, Organizer
from ..domain.workshop import new_id
from .locking import serialized
from .rows import workshop_from_row


def token_digest(token: str) -> str:
    """What is stored of a one-time link's secret: its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


@serialized
class OrganizerStorage:
    """Mixed into ``Store``: reads and writes for organizers and what they own."""

    # What the mixin uses of ``Store``.
    db: Database
    lock: threading.RLock

    def add_organizer(self, email: str, name: str = "") -> Organizer:
        """Create an account without a password (it is set through a one-time link)."""
        if self.organizer_by_email(email) is not None:
            raise Refusal("organizer_exists")
        organizer_id = new_id()
        self.db.table("organizers").insert(
            {"id": organizer_id, "email": email, "name": name, "created_at": time.time()}
        )
        return Organizer(**self.db.table("organizers").get(organizer_id))

    def organizer(self, organizer_id: str) -> Organizer | None:
        """The account with this id, if any."""
        row = next(self.db.table("organizers").rows_where("id = ?", [organizer_id]), None)
        return None if row is None else Organizer(**row)

    def organizer_by_email(self, email: str) -> Organizer | None:
        """The account with this (lower-cased) e-mail, if any."""
        row = next(self.db.table("organizers").rows_where("email = ?", [email]), None)
        return None if row is None else Organizer(**row)

    def organizers_or_first(self, email: str) -> list[Organizer]:
        """Every account, oldest first; on an instance without any, a first one (``email``).

        In one transaction, so that processes starting together create one account.
        """
        with self.db.atomic():
            found = self.organizers()
            return found or [self.add_organizer(email)]

    def organizers(self) -> list[Organizer]:
        """Every account, oldest first."""
        rows = self.db.table("organizers").rows_where(order_by="created_at, rowid")
        return [Organizer(**row) for row in rows]

    def update_organizer(self, organizer: Organizer, **fields) -> Organizer:
        """Change an account's e-mail, name or password hash."""
        allowed = {"email", "name", "password_hash"}
        if set(fields) - allowed:
            raise TypeError(f"unknown organizer fields: {sorted(set(fields) - allowed)}")
        if "email" in fields:
            other = self.organizer_by_email(fields["email"])
            if other is not None and other.id != organizer.id:
                raise Refusal("organizer_exists")
        self.db.table("organizers").update(organizer.id, fields)
        return Organizer(**self.db.table("organizers").get(organizer.id))

    # -- one-time links ------------------------------------------------------

    def new_sign_in_link(self, organizer: Organizer, now: float | None = None) -> str:
        """A fresh one-time secret for ``organizer`` (valid LINK_HOURS); older ones stop working."""
        token = secrets.token_urlsafe(32)
        now = time.time() if now is None else now
        with self.db.atomic():
            self.db.execute("DELETE FROM organizer_links WHERE organizer_id = ?", [organizer.id])
            self.db.table("organizer_links").insert(
                {
                    "token_hash": token_digest(token),
                    "organizer_id": organizer.id,
                    "expires_at": now + LINK_HOURS * 3600,
                }
            )
        return token

    def organizer_for_link(self, token, now: float | None = None) -> Organizer | None:
        """The organizer a valid, unexpired one-time secret belongs to."""
        if not isinstance(token, str) or not 20 <= len(token) <= 100:
            return None
        now = time.time() if now is None else now
        rows = list(
            self.db.query(
                "SELECT organizer_id FROM organizer_links WHERE token_hash = ? AND expires_at > ?",
                [token_digest(token), now],
            )
        )
        return self.organizer(rows[0]["organizer_id"]) if rows else None

    def use_sign_in_link(self, organizer: Organizer, password_hash: str, **fields) -> Organizer:
        """Set the password (and name/e-mail) and spend every link of the account, at once."""
        with self.db.atomic():
            organizer = self.update_organizer(organizer, password_hash=password_hash, **fields)
            self.db.execute("DELETE FROM organizer_links WHERE organizer_id = ?", [organizer.id])
        return organizer

    # -- who may see which workshop -----------------------------------------

    def workshops_of(self, organizer_id: str) -> list:
        """The workshops an organizer owns or that were shared with them."""
        rows = self.db.query(
            "SELECT * FROM workshops WHERE owner_id = ? OR id IN"
            " (SELECT workshop_id FROM workshop_shares WHERE organizer_id = ?)",
            [organizer_id, organizer_id],
        )
        return [workshop_from_row(row) for row in rows]

    def may_organize(self, workshop, organizer_id: str) -> bool:
        """Whether the organizer owns the workshop or is a co-organizer of it."""
        if workshop.owner_id == organizer_id:
            return True
        return bool(
            self.db.table("workshop_shares").count_where(
                "workshop_id = ? AND organizer_id = ?", [workshop.id, organizer_id]
            )
        )

    def share_workshop(self, workshop_id: str, organizer_id: str) -> None:
        """Make another organizer a co-organizer (a second time changes nothing)."""
        self.db.execute(
            "INSERT OR IGNORE INTO workshop_shares (workshop_id, organizer_id) VALUES (?, ?)",
            [workshop_id, organizer_id],
        )

    def unshare_workshop(self, workshop_id: str, organizer_id: str) -> None:
        """Take a co-organizer's access back."""
        self.db.execute(
            "DELETE FROM workshop_shares WHERE workshop_id = ? AND organizer_id = ?",
            [workshop_id, organizer_id],
        )

    def co_organizers(self, workshop_id: str) -> list[Organizer]:
        """Who the workshop is shared with, by e-mail."""
        rows = self.db.query(
            "SELECT o.* FROM organizers o JOIN workshop_shares s ON s.organizer_id = o.id"
            " WHERE s.workshop_id = ? ORDER BY o.email",
            [workshop_id],
        )
        return [Organizer(**row) for row in rows]

    def adopt_workshops(self, organizer_id: str) -> int:
        """Give every workshop without an owner (made before accounts existed) to this organizer."""
        cursor = self.db.execute(
            "UPDATE workshops SET owner_id = ? WHERE owner_id IS NULL", [organizer_id]
        )
        return cursor.rowcount

    # -- saved templates -----------------------------------------------------

    def save_template(self, organizer_id: str, title: str, language: str, agenda: str) -> str:
        """Keep an agenda file (YAML text) as one of the organizer's templates."""
        template_id = new_id()
        self.db.table("saved_templates").insert(
            {
                "id": template_id,
                "organizer_id": organizer_id,
                "title": title,
                "language": language,
                "agenda": agenda,
                "created_at": time.time(),
            }
        )
        return template_id

    def saved_templates(self, organizer_id: str) -> list[dict]:
        """The organizer's own templates, newest first."""
        return list(
            self.db.query(
                "SELECT * FROM saved_templates WHERE organizer_id = ? ORDER BY created_at DESC",
                [organizer_id],
            )
        )

    def saved_template(self, organizer_id: str, template_id) -> dict:
        """One of the organizer's templates, or refuse."""
        rows = list(
            self.db.query(
                "SELECT * FROM saved_templates WHERE id = ? AND organizer_id = ?",
                [str(template_id), organizer_id],
            )
        )
        if not rows:
            raise Refusal("unknown_template")
        return rows[0]

    def delete_saved_template(self, organizer_id: str, template_id) -> None:
        """Remove one of the organizer's templates."""
        self.saved_template(organizer_id, template_id)
        self.db.execute(
            "DELETE FROM saved_templates WHERE id = ? AND organizer_id = ?",
            [template_id, organizer_id],
        )
