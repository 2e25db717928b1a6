"""Tests for the agenda commands of facilitation.cli: ``import`` of YAML/JSON and ``agenda``."""

import json

import pytest

from facilitation.agenda_files import dump_agenda
from facilitation.agenda_templates import template_text
from tests.test_agenda_files import MAXIMAL_CONFIGS, item, workshop_with

EVERY_KIND = workshop_with(
    *(item(kind, config) for kind, config in sorted(MAXIMAL_CONFIGS.items()))
)


def imported(runner, store, path):
    """Run ``flask import path``; return the new workshop."""
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Presenter:" in result.output and "Participant:" in result.output
    return store.workshops()[-1]


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_import_takes_yaml_and_agenda_prints_it_back_byte_for_byte(runner, store, tmp_path, suffix):
    text = dump_agenda(EVERY_KIND)
    path = tmp_path / f"agenda{suffix}"
    path.write_text(text, encoding="utf-8")

    workshop = imported(runner, store, path)
    printed = runner.invoke(args=["agenda", workshop.id])

    assert printed.exit_code == 0, printed.output
    assert printed.output == text
    assert workshop.planned_start == "10:30" and workshop.anonymity_threshold == 5


def test_import_takes_json(runner, store, tmp_path):
    path = tmp_path / "agenda.json"
    path.write_text(json.dumps(EVERY_KIND, ensure_ascii=False), encoding="utf-8")

    workshop = imported(runner, store, path)

    assert runner.invoke(args=["agenda", workshop.id]).output == dump_agenda(EVERY_KIND)


def test_an_export_imports_again(runner, store, tmp_path):
    """``flask export`` → ``flask import`` used to fail with "Please give a title."."""
    path = tmp_path / "kaizen.yaml"
    path.write_text(template_text("kaizen-impulse", "en"), encoding="utf-8")
    original = imported(runner, store, path)
    exported = tmp_path / "export.json"
    exported.write_text(runner.invoke(args=["export", original.id]).output, encoding="utf-8")

    copy = imported(runner, store, exported)

    assert copy.id != original.id and copy.join_code != original.join_code
    agenda = runner.invoke(args=["agenda", copy.id]).output
    assert agenda == runner.invoke(args=["agenda", original.id]).output
    assert agenda == template_text("kaizen-impulse", "en")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: T\nitems:\n  - kind: content\n   title: x\n", "Line 4, column 4: "),
        (
            "title: T\nitems:\n  - {kind: content, title: A}\n  - {kind: rating, title: B,"
            " config: {maximum: 11}}\n",
            "Activity 2: ",
        ),
        ("title: T\nitems: []\ntitle: U\n", "Line 3, column 1: "),
    ],
)
def test_a_bad_file_names_where_the_problem_is_and_stores_nothing(
    runner, store, tmp_path, text, where
):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")

    result = runner.invoke(args=["import", str(path)])

    assert result.exit_code != 0
    assert f"bad.yaml: {where}" in result.output
    assert store.workshops() == []


def test_agenda_of_an_unknown_workshop_fails(runner):
    result = runner.invoke(args=["agenda", "nope"])

    assert result.exit_code != 0 and "no workshop" in result.output
