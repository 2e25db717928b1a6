"""Storage of the question board: settings and pin on the workshop, questions, votes.

Mixed into ``Store``; like it, every public method runs under the store's lock
and commits before it returns.
"""

from __future__ import annotations

import threading

from sqlite_utils import Database

from ..domain.errors import Refusal
from ..domain.questions import Board, BoardSettings, Question
from .locking import serialized


@serialized
class QuestionStorage:
    """The question board's reads and writes."""

    # What the mixin uses of ``Store``.
    db: Database
    lock: threading.RLock

    def board(self, workshop_id: str) -> Board:
        """The workshop's question board: settings, pin, questions and their vote counts."""
        rows = list(
            self.db.query(
                "SELECT board, pinned_question_id FROM workshops WHERE id = ?", [workshop_id]
            )
        )
        if not rows:
            raise Refusal("unknown_workshop")
        votes = {
            row["question_id"]: row["votes"]
            for row in self.db.query(
                "SELECT question_id, COUNT(*) AS votes FROM question_votes"
                " WHERE workshop_id = ? GROUP BY question_id",
                [workshop_id],
            )
        }
        return Board(
            workshop_id,
            BoardSettings.from_json(rows[0]["board"]),
            self.questions(workshop_id),
            votes,
            rows[0]["pinned_question_id"],
        )

    def save_board_settings(self, workshop_id: str, settings: BoardSettings) -> None:
        """Store the board's settings in the workshop's ``board`` column."""
        self.db.execute(
            "UPDATE workshops SET board = ? WHERE id = ?", [settings.to_json(), workshop_id]
        )

    def set_pinned_question(self, workshop_id: str, question_id: str | None) -> None:
        """Pin a question to the big screen (None: unpin)."""
        self.db.execute(
            "UPDATE workshops SET pinned_question_id = ? WHERE id = ?", [question_id, workshop_id]
        )

    def questions(self, workshop_id: str) -> list[Question]:
        """Every question of the workshop, oldest first."""
        rows = self.db.table("questions").rows_where(
            "workshop_id = ?", [workshop_id], order_by="created_at, rowid"
        )
        return [_question(row) for row in rows]

    def add_question(self, question: Question) -> None:
        """Store a new question."""
        self.db.execute(
            "INSERT INTO questions (id, workshop_id, participant_id, text, name, status,"
            " edited, filtered, created_at, answered_at, client_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                question.id,
                question.workshop_id,
                question.participant_id,
                question.text,
                question.name,
                question.status,
                int(question.edited),
                int(question.filtered),
                question.created_at,
                question.answered_at,
                question.client_id,
            ],
        )

    def save_question(self, question: Question) -> None:
        """Store a question's text, status and times; a question leaving the board is unpinned."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE questions SET text = ?, status = ?, edited = ?, answered_at = ?"
                " WHERE id = ? AND workshop_id = ?",
                [
                    question.text,
                    question.status,
                    int(question.edited),
                    question.answered_at,
                    question.id,
                    question.workshop_id,
                ],
            )
            if not question.public:
                self._unpin(question)

    def delete_question(self, question: Question) -> None:
        """Remove a question with its votes (and its pin)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM question_votes WHERE question_id = ?", [question.id])
            self.db.execute("DELETE FROM questions WHERE id = ?", [question.id])
            self._unpin(question)

    def _unpin(self, question: Question) -> None:
        self.db.execute(
            "UPDATE workshops SET pinned_question_id = NULL"
            " WHERE id = ? AND pinned_question_id = ?",
            [question.workshop_id, question.id],
        )

    def add_vote(self, question: Question, participant_id: str) -> bool:
        """Record a participant's upvote; False if they had already voted (nothing changes)."""
        cursor = self.db.execute(
            "INSERT INTO question_votes (question_id, participant_id, workshop_id)"
            " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [question.id, participant_id, question.workshop_id],
        )
        return cursor.rowcount == 1

    def remove_vote(self, question: Question, participant_id: str) -> bool:
        """Take a participant's upvote back; False if there was none."""
        cursor = self.db.execute(
            "DELETE FROM question_votes WHERE question_id = ? AND participant_id = ?",
            [question.id, participant_id],
        )
        return cursor.rowcount == 1

    def votes_of(self, workshop_id: str, participant_id: str) -> list[str]:
        """The ids of the questions a participant upvoted in this workshop."""
        return [
            row["question_id"]
            for row in self.db.query(
                "SELECT question_id FROM question_votes"
                " WHERE workshop_id = ? AND participant_id = ?",
                [workshop_id, participant_id],
            )
        ]


def _question(row: dict) -> Question:
    row = dict(row)
    row["edited"] = bool(row["edited"])
    row["filtered"] = bool(row["filtered"])
    return Question(**row)
