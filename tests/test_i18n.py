"""German and English catalogs are complete and in step with the strings in the code."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = ROOT / "facilitation" / "translations"


def catalog(language):
    with open(CATALOGS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def source_messages(tmp_path) -> set:
    template = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "-o",
            str(template),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with open(template, "rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


def test_every_string_in_the_code_is_in_both_catalogs(tmp_path):
    wanted = source_messages(tmp_path)
    assert len(wanted) > 50
    for language in ("de", "en"):
        present = {message.id for message in catalog(language) if message.id}
        missing = sorted(wanted - present)
        assert not missing, f"{language}: run `make messages` and translate: {missing}"


def test_catalogs_are_fully_translated_and_not_fuzzy():
    for language in ("de", "en"):
        for message in catalog(language):
            if not message.id:
                continue
            assert all(text for _, text in forms(message)), (
                f"{language}: untranslated {message.id!r}"
            )
            assert not message.fuzzy, f"{language}: fuzzy {message.id!r}"


def forms(message) -> list[tuple[str, str]]:
    """(source, translation) pairs of a message; plural messages have one per form."""
    if isinstance(message.id, tuple):
        return [(message.id[min(i, 1)], text) for i, text in enumerate(message.string)]
    return [(message.id, message.string)]


def test_placeholders_survive_translation():
    import re

    for message in catalog("de"):
        if message.id:
            for source, text in forms(message):
                names = sorted(re.findall(r"%\((\w+)\)s", source))
                assert names == sorted(re.findall(r"%\((\w+)\)s", text)), message.id


def test_german_is_really_german():
    german = {m.id: m.string for m in catalog("de") if m.id}
    assert german["Close poll"] == "Umfrage schließen"
    different = sum(1 for source, text in german.items() if source != text)
    assert different > len(german) * 0.9


def test_translations_add_no_markup_characters():
    """Translations land in HTML attributes unescaped; ASCII quotes or tags would break them."""
    for language in ("de", "en"):
        for message in catalog(language):
            if not message.id:
                continue
            for source, text in forms(message):
                for character in '"<>&':
                    if character in text:
                        assert character in source, (language, message.id, text)


def test_make_messages_changes_nothing_when_nothing_changed(tmp_path):
    """``make messages`` on up-to-date catalogs rewrites no byte, so adding five strings
    shows up as five entries in a diff — not as a reflowed or re-dated file."""
    import re
    import shutil

    makefile = (ROOT / "Makefile").read_text()
    commands = re.findall(r"^\t\$\(BIN\)/pybabel ((?:extract|update) .*)$", makefile, re.M)
    assert [command.split()[0] for command in commands] == ["extract", "update"]
    copy = tmp_path / "translations"
    shutil.copytree(CATALOGS, copy)
    for command in commands:
        arguments = command.replace("facilitation/translations", str(copy)).split()
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", *arguments],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    for path in sorted(CATALOGS.rglob("*.po*")):
        again = copy / path.relative_to(CATALOGS)
        assert again.read_bytes() == path.read_bytes(), f"make messages would change {path.name}"
