"""Storage of breakout rounds: the round's clock, groups, members, cards, private notes.

Mixed into ``Store``; like it, every public method runs under the store's lock
and commits before it returns.
"""

from __future__ import annotations

import threading
import time

from sqlite_utils import Database

from ..domain.breakouts import FORMING, Breakout, Card, Group, Person, Round
from ..domain.errors import Refusal
from ..domain.help_calls import HelpCall
from ..domain.workshop import AgendaItem, Participant
from .locking import serialized


@serialized
class BreakoutStorage:
    """Breakout reads and writes."""

    # What the mixin uses of ``Store``.
    db: Database
    lock: threading.RLock

    def breakout(self, item: AgendaItem) -> Breakout | None:
        """The round with groups, members, cards and members' names; None before it starts."""
        row = next(self.db.table("breakout_rounds").rows_where("item_id = ?", [item.id]), None)
        if row is None:
            return None
        round_ = Round(**row)
        groups = {
            row["id"]: Group(**row)
            for row in self.db.query(
                "SELECT id, item_id, number, name, capacity FROM breakout_groups WHERE item_id = ?",
                [item.id],
            )
        }
        members = {
            row["participant_id"]: row["group_id"]
            for row in self.db.query(
                "SELECT participant_id, group_id FROM breakout_members WHERE item_id = ?", [item.id]
            )
        }
        cards = {
            row["id"]: _card(row)
            for row in self.db.query(
                "SELECT id, item_id, group_id, participant_id, prompt_id, text, created_at,"
                " updated_at, client_id, harvested FROM breakout_cards WHERE item_id = ?",
                [item.id],
            )
        }
        people = {
            p.id: Person(p.number, p.display_name) for p in self.participants(item.workshop_id)
        }
        calls = {
            row["id"]: HelpCall(**row)
            for row in self.db.query(
                "SELECT id, item_id, group_id, called_at, answer, answered_at, closed_at,"
                " closed_by FROM breakout_calls WHERE item_id = ?",
                [item.id],
            )
        }
        return Breakout(round_, item.config["prompts"], groups, members, cards, people, calls=calls)

    def participants(self, workshop_id: str) -> list[Participant]:
        """Everyone who joined the workshop, by number."""
        rows = self.db.table("participants").rows_where(
            "workshop_id = ?",
            [workshop_id],
            select="id, workshop_id, number, display_name",
            order_by="number",
        )
        return [Participant(**row) for row in rows]

    def form_breakout(self, round_: Round, groups: list[Group], members: dict[str, str]) -> None:
        """Store a round's groups and who is in which, replacing groups formed before.

        One transaction; refused once the round's clock has started.
        """
        with self.db.atomic():
            rows = list(
                self.db.query(
                    "SELECT status FROM breakout_rounds WHERE item_id = ?", [round_.item_id]
                )
            )
            if rows and rows[0]["status"] != FORMING:
                raise Refusal("breakout_started")
            self.db.execute("DELETE FROM breakout_rounds WHERE item_id = ?", [round_.item_id])
            self.db.table("breakout_rounds").insert(vars(round_))
            self.db.table("breakout_groups").insert_all(
                {**vars(group), "workshop_id": round_.workshop_id} for group in groups
            )
            self.db.table("breakout_members").insert_all(
                {
                    "item_id": round_.item_id,
                    "participant_id": participant_id,
                    "workshop_id": round_.workshop_id,
                    "group_id": group_id,
                }
                for participant_id, group_id in members.items()
            )

    def save_round(self, round_: Round) -> None:
        """Store the round's status, clock and message."""
        self.db.execute(
            "UPDATE breakout_rounds SET status = ?, started_at = ?, ends_at = ?, ended_at = ?,"
            " message = ?, message_at = ? WHERE item_id = ?",
            [
                round_.status,
                round_.started_at,
                round_.ends_at,
                round_.ended_at,
                round_.message,
                round_.message_at,
                round_.item_id,
            ],
        )

    def save_member(self, round_: Round, participant_id: str, group_id: str) -> None:
        """Put a participant into a group of the round (replacing their earlier group)."""
        self.db.execute(
            "INSERT INTO breakout_members (item_id, participant_id, workshop_id, group_id)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (item_id, participant_id)"
            " DO UPDATE SET group_id = excluded.group_id",
            [round_.item_id, participant_id, round_.workshop_id, group_id],
        )

    def add_card(self, card: Card, workshop_id: str) -> None:
        """Store a new card."""
        self.db.execute(
            "INSERT INTO breakout_cards (id, item_id, group_id, workshop_id, participant_id,"
            " prompt_id, text, created_at, updated_at, client_id, harvested)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                card.id,
                card.item_id,
                card.group_id,
                workshop_id,
                card.participant_id,
                card.prompt_id,
                card.text,
                card.created_at,
                card.updated_at,
                card.client_id,
                int(card.harvested),
            ],
        )

    def save_card(self, card: Card) -> None:
        """Store a card's text and whether it is harvested."""
        self.db.execute(
            "UPDATE breakout_cards SET text = ?, updated_at = ?, harvested = ? WHERE id = ?",
            [card.text, card.updated_at, int(card.harvested), card.id],
        )

    def delete_card(self, card: Card) -> None:
        """Remove a card for good."""
        self.db.execute("DELETE FROM breakout_cards WHERE id = ?", [card.id])

    def add_call(self, call: HelpCall, workshop_id: str) -> None:
        """Store a group's new call (refused by the schema if the group has an open one)."""
        self.db.execute(
            "INSERT INTO breakout_calls (id, item_id, group_id, workshop_id, called_at, answer,"
            " answered_at, closed_at, closed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                call.id,
                call.item_id,
                call.group_id,
                workshop_id,
                call.called_at,
                call.answer,
                call.answered_at,
                call.closed_at,
                call.closed_by,
            ],
        )

    def save_call(self, call: HelpCall) -> None:
        """Store a call's answer and whether (and why) it was closed."""
        self.db.execute(
            "UPDATE breakout_calls SET answer = ?, answered_at = ?, closed_at = ?,"
            " closed_by = ? WHERE id = ?",
            [call.answer, call.answered_at, call.closed_at, call.closed_by, call.id],
        )

    def end_round(self, round_: Round, closed_calls: list[HelpCall]) -> None:
        """The recall: the ended round and the calls it closed, in one transaction."""
        with self.db.atomic():
            self.save_round(round_)
            for call in closed_calls:
                self.save_call(call)

    def note(self, item_id: str, participant_id: str) -> str:
        """A participant's private note for a breakout ("" if none)."""
        rows = self.db.table("breakout_notes").rows_where(
            "item_id = ? AND participant_id = ?", [item_id, participant_id], select="text"
        )
        return next(rows, {"text": ""})["text"]

    def save_note(self, item: AgendaItem, participant_id: str, text: str) -> None:
        """Store a participant's private note (the empty text deletes it)."""
        if not text:
            self.db.execute(
                "DELETE FROM breakout_notes WHERE item_id = ? AND participant_id = ?",
                [item.id, participant_id],
            )
            return
        self.db.execute(
            "INSERT INTO breakout_notes (item_id, participant_id, workshop_id, text, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_id, participant_id)"
            " DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            [item.id, participant_id, item.workshop_id, text, time.time()],
        )

    def started_breakouts(self, workshop_id: str) -> list[str]:
        """Ids of the workshop's breakout items whose groups were formed, in agenda order."""
        return [
            row["item_id"]
            for row in self.db.query(
                "SELECT r.item_id FROM breakout_rounds r JOIN agenda_items i ON i.id = r.item_id"
                " WHERE r.workshop_id = ? ORDER BY i.position",
                [workshop_id],
            )
        ]

    def video_link(self, workshop_id: str) -> str:
        """The workshop's video-room link template ("" if none)."""
        rows = list(self.db.query("SELECT video_link FROM workshops WHERE id = ?", [workshop_id]))
        if not rows:
            raise Refusal("unknown_workshop")
        return rows[0]["video_link"] or ""

    def set_video_link(self, workshop_id: str, template: str) -> None:
        """Store the workshop's video-room link template ("" removes it)."""
        self.db.execute(
            "UPDATE workshops SET video_link = ? WHERE id = ?", [template or None, workshop_id]
        )

    def _export_breakouts(self, workshop_id: str) -> dict:
        """Per breakout item: groups with their sizes and the cards, without authors or notes."""
        exported = {}
        for row in self.db.query(
            "SELECT * FROM breakout_rounds WHERE workshop_id = ?", [workshop_id]
        ):
            groups = list(
                self.db.query(
                    "SELECT g.id, g.number, g.name, g.capacity,"
                    " (SELECT COUNT(*) FROM breakout_members m WHERE m.group_id = g.id) AS size"
                    " FROM breakout_groups g WHERE g.item_id = ? ORDER BY g.number",
                    [row["item_id"]],
                )
            )
            numbers = {group["id"]: group["number"] for group in groups}
            cards = self.db.query(
                "SELECT group_id, prompt_id, text, created_at, updated_at, harvested"
                " FROM breakout_cards WHERE item_id = ? ORDER BY created_at, rowid",
                [row["item_id"]],
            )
            exported[row["item_id"]] = {
                "mode": row["mode"],
                "status": row["status"],
                "started_at": row["started_at"],
                "ended_at": row["ended_at"],
                "groups": [
                    {key: group[key] for key in ("number", "name", "capacity", "size")}
                    for group in groups
                ],
                "cards": [
                    {
                        "group": numbers.get(card["group_id"]),
                        "prompt_id": card["prompt_id"],
                        "text": card["text"],
                        "harvested": bool(card["harvested"]),
                        "created_at": card["created_at"],
                        "updated_at": card["updated_at"],
                    }
                    for card in cards
                ],
            }
        return exported


def _card(row: dict) -> Card:
    row = dict(row)
    row["harvested"] = bool(row["harvested"])
    return Card(**row)
