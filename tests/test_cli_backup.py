"""``flask backup``: a consistent online copy of the database, and the errors a user can make."""

import sqlite3
import threading

from tests.exports.every_kind import build_workshop


def rows(path, table) -> int:
    """How many rows ``table`` has in the database at ``path``."""
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def intact(path) -> bool:
    """Whether SQLite's full integrity check passes on the file at ``path``."""
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_the_copy_holds_the_workshops_and_their_answers(runner, store, app, tmp_path):
    build_workshop(store, participants=4)
    copy = tmp_path / "backups" / "copy.db"
    copy.parent.mkdir()

    result = runner.invoke(args=["backup", str(copy)])

    assert result.exit_code == 0, result.output
    assert f"wrote {copy} ({copy.stat().st_size:,} bytes)" in result.output
    # The answers are still in the -wal file of the source: the copy must include them.
    source = app.config["DATABASE"]
    for table in ("workshops", "participants", "answers", "questions"):
        assert rows(copy, table) == rows(source, table) > 0, table
    assert intact(copy)
    assert [path.name for path in copy.parent.iterdir()] == ["copy.db"]


def test_a_backup_succeeds_while_another_connection_holds_a_write_transaction(
    runner, store, app, tmp_path
):
    workshop, _ = build_workshop(store, participants=4)
    writer = sqlite3.connect(app.config["DATABASE"], isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE workshops SET title = 'not committed yet'")
    copy = tmp_path / "copy.db"

    try:
        result = runner.invoke(args=["backup", str(copy)])
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert result.exit_code == 0, result.output
    assert intact(copy)
    with sqlite3.connect(copy) as connection:
        titles = connection.execute("SELECT title FROM workshops").fetchall()
    assert titles == [(workshop.title,)]


def test_backups_taken_while_another_connection_keeps_writing_are_intact(
    runner, store, app, tmp_path
):
    build_workshop(store, participants=4)
    setup = sqlite3.connect(app.config["DATABASE"])
    setup.execute("CREATE TABLE writes (n INTEGER NOT NULL, padding TEXT NOT NULL)")
    setup.commit()
    setup.close()
    stop = threading.Event()
    written = []

    def keep_writing():
        connection = sqlite3.connect(app.config["DATABASE"], timeout=30)
        while not stop.is_set():
            connection.execute("INSERT INTO writes VALUES (?, ?)", [len(written), "x" * 2000])
            connection.commit()
            written.append(1)
        connection.close()

    thread = threading.Thread(target=keep_writing)
    thread.start()
    copy = tmp_path / "copy.db"
    try:
        results = [runner.invoke(args=["backup", str(copy), "--force"]) for _ in range(5)]
        copied = rows(copy, "writes")
    finally:
        stop.set()
        thread.join()

    assert all(result.exit_code == 0 for result in results), [r.output for r in results]
    assert intact(copy)
    assert 0 < copied <= len(written)
    with sqlite3.connect(copy) as connection:
        numbers = [row[0] for row in connection.execute("SELECT n FROM writes ORDER BY rowid")]
    # A snapshot: every write up to some point, none missing in between.
    assert numbers == list(range(copied))


def test_an_existing_dest_is_kept_unless_forced(runner, store, tmp_path):
    build_workshop(store, participants=4)
    copy = tmp_path / "copy.db"
    copy.write_bytes(b"an older backup")

    refused = runner.invoke(args=["backup", str(copy)])

    assert refused.exit_code == 1
    assert f"Error: {copy} exists: give --force to replace it" in refused.output
    assert copy.read_bytes() == b"an older backup"

    forced = runner.invoke(args=["backup", str(copy), "--force"])

    assert forced.exit_code == 0, forced.output
    assert intact(copy) and rows(copy, "workshops") == 1


def test_a_missing_folder_is_one_clear_line(runner, tmp_path):
    missing = tmp_path / "no-such-folder"

    result = runner.invoke(args=["backup", str(missing / "copy.db")])

    assert result.exit_code == 1
    assert result.output == f"Error: the folder {missing} does not exist\n"
    assert result.exception is None or isinstance(result.exception, SystemExit)
