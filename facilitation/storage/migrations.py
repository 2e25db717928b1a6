"""The database schema, created and changed only by these migrations."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("facilitation")


@migrations()
def m001_workshops_agenda_participants_answers(db):
    """Workshops with their agenda, pseudonymous participants and one answer per item each."""
    db.execute(
        """
        CREATE TABLE workshops (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            language TEXT NOT NULL,
            join_code TEXT NOT NULL UNIQUE,
            presenter_token TEXT NOT NULL,
            screen_token TEXT NOT NULL,
            current_item_id TEXT,
            started_at REAL,
            created_at REAL NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE agenda_items (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            minutes INTEGER NOT NULL,
            config TEXT NOT NULL,
            status TEXT NOT NULL,
            opened_at REAL,
            UNIQUE (workshop_id, position)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE participants (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            display_name TEXT NOT NULL,
            joined_at REAL NOT NULL,
            UNIQUE (workshop_id, number)
        )
        """
    )
    # One row per (item, participant): a repeated or replayed vote can only
    # overwrite the participant's own answer, never add a second one.
    db.execute(
        """
        CREATE TABLE answers (
            item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            value TEXT NOT NULL,
            answered_at REAL NOT NULL,
            PRIMARY KEY (item_id, participant_id)
        )
        """
    )
    db.execute("CREATE INDEX answers_by_workshop ON answers (workshop_id, participant_id)")


@migrations()
def m002_poll_settings_reveal_and_moderation(db):
    """Per-workshop anonymity threshold, revealed results and highlight per item, answer ids."""
    db["workshops"].add_column("anonymity_threshold", int, not_null_default=3)
    db["agenda_items"].add_column("revealed", int, not_null_default=0)
    db["agenda_items"].add_column("highlight", str)
    db["answers"].add_column("id", str)
    db["answers"].add_column("hidden", int, not_null_default=0)
    db.execute("UPDATE answers SET id = lower(hex(randomblob(8))) WHERE id IS NULL")
    db.execute("CREATE UNIQUE INDEX answers_by_id ON answers (id)")


@migrations()
def m003_question_board(db):
    """The question board: questions, one upvote per participant and question, settings, pin."""
    db.execute(
        """
        CREATE TABLE questions (
            id TEXT PRIMARY KEY,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            name TEXT,
            status TEXT NOT NULL,
            edited INTEGER NOT NULL DEFAULT 0,
            filtered INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL,
            answered_at REAL,
            client_id TEXT
        )
        """
    )
    db.execute("CREATE INDEX questions_by_workshop ON questions (workshop_id, created_at)")
    # A replayed ask (same client nonce from the same participant) can never store twice.
    db.execute(
        "CREATE UNIQUE INDEX questions_by_client_id ON questions (participant_id, client_id)"
        " WHERE client_id IS NOT NULL"
    )
    # The primary key is the "one vote per participant and question" rule itself.
    db.execute(
        """
        CREATE TABLE question_votes (
            question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            PRIMARY KEY (question_id, participant_id)
        )
        """
    )
    db.execute(
        "CREATE INDEX question_votes_by_participant ON question_votes (workshop_id, participant_id)"
    )
    db["workshops"].add_column("board", str)
    db["workshops"].add_column("pinned_question_id", str)


@migrations()
def m004_breakouts(db):
    """Breakout rounds with their groups, members, group cards and private notes; video link."""
    db.execute(
        """
        CREATE TABLE breakout_rounds (
            item_id TEXT PRIMARY KEY REFERENCES agenda_items(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            mode TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at REAL,
            ends_at REAL,
            ended_at REAL,
            message TEXT NOT NULL DEFAULT '',
            message_at REAL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE breakout_groups (
            id TEXT PRIMARY KEY,
            item_id TEXT NOT NULL REFERENCES breakout_rounds(item_id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            capacity INTEGER,
            UNIQUE (item_id, number)
        )
        """
    )
    # One group per participant and round: the primary key is that rule.
    db.execute(
        """
        CREATE TABLE breakout_members (
            item_id TEXT NOT NULL REFERENCES breakout_rounds(item_id) ON DELETE CASCADE,
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            group_id TEXT NOT NULL REFERENCES breakout_groups(id) ON DELETE CASCADE,
            PRIMARY KEY (item_id, participant_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE breakout_cards (
            id TEXT PRIMARY KEY,
            item_id TEXT NOT NULL REFERENCES breakout_rounds(item_id) ON DELETE CASCADE,
            group_id TEXT NOT NULL REFERENCES breakout_groups(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            prompt_id TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            client_id TEXT,
            harvested INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX breakout_cards_by_item ON breakout_cards (item_id, created_at)")
    # A card resent after a reconnect (same client nonce) can never be stored twice.
    db.execute(
        "CREATE UNIQUE INDEX breakout_cards_by_client_id"
        " ON breakout_cards (item_id, participant_id, client_id) WHERE client_id IS NOT NULL"
    )
    db.execute(
        """
        CREATE TABLE breakout_notes (
            item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (item_id, participant_id)
        )
        """
    )
    db["workshops"].add_column("video_link", str)


@migrations()
def m005_organizers_and_workshop_plans(db):
    """Organizer accounts, sign-in links, sharing, saved templates; a workshop's plan and end.

    Organizers, their links and templates belong to the instance, not to a workshop:
    they hold no participant data. ``workshop_shares`` goes with its workshop.
    """
    db.execute(
        """
        CREATE TABLE organizers (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL DEFAULT '',
            password_hash TEXT,
            created_at REAL NOT NULL
        )
        """
    )
    # Only a hash of each one-time link is stored: a copy of the database signs nobody in.
    db.execute(
        """
        CREATE TABLE organizer_links (
            token_hash TEXT PRIMARY KEY,
            organizer_id TEXT NOT NULL REFERENCES organizers(id) ON DELETE CASCADE,
            expires_at REAL NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE workshop_shares (
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            organizer_id TEXT NOT NULL REFERENCES organizers(id) ON DELETE CASCADE,
            PRIMARY KEY (workshop_id, organizer_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE saved_templates (
            id TEXT PRIMARY KEY,
            organizer_id TEXT NOT NULL REFERENCES organizers(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            language TEXT NOT NULL,
            agenda TEXT NOT NULL,
            created_at REAL NOT NULL
        )
        """
    )
    workshops = db["workshops"]
    workshops.add_column("moderator_token", str)
    workshops.add_column("owner_id", str)
    workshops.add_column("planned_date", str)
    workshops.add_column("planned_start", str)
    workshops.add_column("planned_minutes", int)
    workshops.add_column("retention_days", int)
    workshops.add_column("ended_at", float)
    db.execute(
        "UPDATE workshops SET moderator_token = lower(hex(randomblob(18)))"
        " WHERE moderator_token IS NULL"
    )


@migrations()
def m006_check_ins(db):
    """The Kaizen check: one row per participant who was offered it, found by a hashed link.

    Only a hash of the private link is stored, so a copy of the database opens
    nobody's check-in. The row goes with its workshop (and its participant).
    """
    db.execute(
        """
        CREATE TABLE check_ins (
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
            token_hash TEXT NOT NULL UNIQUE,
            status TEXT,
            learned TEXT NOT NULL DEFAULT '',
            offered_at REAL NOT NULL,
            checked_at REAL,
            PRIMARY KEY (workshop_id, participant_id)
        )
        """
    )


@migrations()
def m007_series(db):
    """Series of workshops an organizer learns across; a workshop is in at most one.

    A series holds no participant data and exists only while it holds a workshop: the
    storage drops it with its last one (``SeriesStorage``).
    """
    db.execute(
        """
        CREATE TABLE series (
            id TEXT PRIMARY KEY,
            owner_id TEXT NOT NULL REFERENCES organizers(id) ON DELETE CASCADE,
            title TEXT NOT NULL,
            created_at REAL NOT NULL
        )
        """
    )
    db.execute(
        "ALTER TABLE workshops ADD COLUMN series_id TEXT REFERENCES series(id) ON DELETE SET NULL"
    )
    db.execute("CREATE INDEX workshops_by_series ON workshops (series_id)")


@migrations()
def m008_time_plan(db):
    """The time each agenda item was actually shown, and items a replan left out."""
    db.execute("ALTER TABLE agenda_items ADD COLUMN spent_seconds REAL NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE agenda_items ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0")


@migrations()
def m009_item_notes_and_timers(db):
    """Speaker notes and timers per agenda item, and when an open poll closes by itself.

    Columns rather than the kind's config: every kind has them, the kinds' configs go
    to participants (``public_config``), and notes must never travel with them.
    """
    db["agenda_items"].add_column("notes", str, not_null_default="")
    db["agenda_items"].add_column("countdown", int, not_null_default=0)
    db["agenda_items"].add_column("auto_close", int, not_null_default=0)
    db["agenda_items"].add_column("closes_at", float)
    db.execute("CREATE INDEX agenda_items_closing ON agenda_items (closes_at)")


@migrations()
def m010_rehearsal(db):
    """Whether a workshop runs as a rehearsal, with simulated participants."""
    db.execute("ALTER TABLE workshops ADD COLUMN rehearsing INTEGER NOT NULL DEFAULT 0")


@migrations()
def m011_help_calls(db):
    """Breakout groups' calls for the facilitator: a group's, never a person's (no participant).

    A group has at most one open call (the partial unique index is that rule); a call
    goes with its group, its round and its workshop.
    """
    db.execute(
        """
        CREATE TABLE breakout_calls (
            id TEXT PRIMARY KEY,
            item_id TEXT NOT NULL REFERENCES breakout_rounds(item_id) ON DELETE CASCADE,
            group_id TEXT NOT NULL REFERENCES breakout_groups(id) ON DELETE CASCADE,
            workshop_id TEXT NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
            called_at REAL NOT NULL,
            answer TEXT NOT NULL DEFAULT '',
            answered_at REAL,
            closed_at REAL,
            closed_by TEXT
        )
        """
    )
    db.execute(
        "CREATE UNIQUE INDEX breakout_calls_open ON breakout_calls (group_id)"
        " WHERE closed_at IS NULL"
    )
    db.execute("CREATE INDEX breakout_calls_by_item ON breakout_calls (item_id, called_at)")
