"""Exports of a big workshop: every kind, 2,000 participants answering everything; prints the
seconds and file size of each format.

    .venv/bin/python bench/export_2000.py [--participants 2000]

Builds the workshop of ``tests/exports/every_kind.py`` in a fresh SQLite file
(WAL, as the server runs): every poll kind answered by every participant
through the kinds' own ``parse_answer`` and ``Store.save_answer``, four
questions with votes and one more per ten participants, one breakout card
per participant. Then times ``facilitation.exports.export`` for xlsx, csv, json and
pdf (the printable record through WeasyPrint; it also prints the page count), each
reading everything from the store again. The target is under 10 s per format.
"""

import argparse
import io
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402

from facilitation.domain.questions import VISIBLE, Question  # noqa: E402
from facilitation.domain.workshop import new_id  # noqa: E402
from facilitation.exports import FORMATS, export  # noqa: E402
from facilitation.storage import Store  # noqa: E402
from tests.exports.every_kind import build_workshop  # noqa: E402

TARGET_SECONDS = 10


def main() -> int:
    """Build, time each format, print a table; exit 1 if a format misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        started = time.perf_counter()
        workshop, people = build_workshop(store, participants=args.participants)
        _more_questions(store, workshop, people)
        built = time.perf_counter() - started
        answers = store.db.execute(
            "SELECT COUNT(*) FROM answers WHERE workshop_id = ?", [workshop.id]
        ).fetchone()[0]
        print(
            f"workshop: {args.participants} participants, {len(store.items(workshop.id))} items,"
            f" {answers} answers, built in {built:.1f} s"
        )
        missed = False
        for fmt in FORMATS:
            started = time.perf_counter()
            data = export(store, workshop.id, fmt)
            seconds = time.perf_counter() - started
            missed |= seconds >= TARGET_SECONDS
            print(f"{fmt:5s} {seconds:6.2f} s  {len(data) / 1024:8.0f} KiB{_unpacked(fmt, data)}")
        store.close()
    return 1 if missed else 0


def _more_questions(store, workshop, people) -> None:
    """One question per ten participants, each with a few votes, as a lively board has."""
    for number, asker in enumerate(people[::10]):
        question = Question(
            new_id(), workshop.id, asker.id, f"Frage {number}: Wie geht es weiter?", status=VISIBLE
        )
        store.add_question(question)
        for voter in people[number : number + 20]:
            store.add_vote(question, voter.id)


def _unpacked(fmt: str, data: bytes) -> str:
    """The ZIP formats' unpacked size (sorted rows pack very well); the PDF's pages."""
    if fmt == "json":
        return ""
    if fmt == "pdf":
        return f"  ({len(PdfReader(io.BytesIO(data)).pages)} pages)"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        size = sum(info.file_size for info in archive.infolist())
    return f"  ({size / 1024:.0f} KiB unpacked)"


if __name__ == "__main__":
    sys.exit(main())
