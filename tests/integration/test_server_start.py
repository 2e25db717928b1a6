"""Starting the server: one per port, a usable database, the links first."""

import os
import subprocess
import sys

import pytest

from facilitation.storage import Store
from facilitation.workshops import create_workshop
from tests.conftest import POLL
from tests.support import ROOT, ServerProcess, server_env


def start_and_wait(database, port, extra=None, timeout=30):
    """Run ``wsgi.py`` expecting it to exit; return (exit code, everything it printed)."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "wsgi.py")],
        cwd=ROOT,
        env=server_env(database, port, extra),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return result.returncode, result.stdout + result.stderr


def test_a_second_server_on_the_same_port_refuses_to_start(tmp_path):
    first = ServerProcess.start(tmp_path / "first.db")
    try:
        code, output = start_and_wait(tmp_path / "second.db", first.port)
        assert code != 0
        assert f"Cannot listen on 127.0.0.1:{first.port}" in output
        assert "another server" in output
        assert "Traceback" not in output
        assert first.alive()
    finally:
        first.stop()


def test_a_database_with_a_garbage_header_is_refused_in_one_line(tmp_path):
    database = tmp_path / "garbage.db"
    database.write_bytes(b"this is not a database at all" * 200)
    code, output = start_and_wait(database, 1)
    assert code != 0
    assert "is damaged" in output and "backup" in output
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) == 1, output


def test_a_database_damaged_in_later_pages_is_refused(tmp_path):
    database = tmp_path / "damaged.db"
    store = Store(database)
    for number in range(30):
        create_workshop(store, {**POLL, "title": f"Workshop {number}"})
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = store.db.execute("PRAGMA page_size").fetchone()[0]
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.close()
    assert pages > 6
    with open(database, "r+b") as handle:
        for page in range(3, pages - 1):
            handle.seek(page * page_size + 100)
            handle.write(os.urandom(200))
    code, output = start_and_wait(database, 1)
    assert code != 0
    assert "is damaged" in output
    assert "Traceback" not in output


@pytest.mark.skipif(os.geteuid() != 0, reason="chattr +i needs root")
def test_a_read_only_database_is_refused_at_start(tmp_path):
    database = tmp_path / "readonly.db"
    Store(database).close()
    for leftover in ("-wal", "-shm"):
        path = tmp_path / f"readonly.db{leftover}"
        if path.exists():
            path.unlink()
    if subprocess.run(["chattr", "+i", str(database)], capture_output=True).returncode:
        pytest.skip("the file system does not support chattr +i")
    try:
        code, output = start_and_wait(database, 1)
    finally:
        subprocess.run(["chattr", "-i", str(database)], check=True)
    assert code != 0
    assert "cannot be written" in output or "cannot be opened" in output, output
    assert "Traceback" not in output


def test_the_first_thing_make_run_prints_is_the_links(tmp_path):
    server = ServerProcess.start(tmp_path / "demo.db", {"FACILITATION_LOAD_DEMO": "true"})
    output = server.stop()
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines[0] == "facilitation is running. Open these links:", output[:500]
    assert "deprecated" not in output.lower()
