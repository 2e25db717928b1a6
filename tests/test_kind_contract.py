"""Every activity kind brings the files docs/kinds.md lists, a domain test and an authoring case."""

from pathlib import Path

import pytest

from facilitation.domain.kinds import kind_names
from tests.web.test_authoring import INVALID_FORMS, VALID_FORMS

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_TESTS = ROOT / "tests" / "domain"


@pytest.mark.parametrize("kind", kind_names())
def test_kind_has_its_module_partials_and_script(kind):
    """The Python module, both template partials and the JS module exist."""
    for path in (
        f"facilitation/domain/kinds/{kind}.py",
        f"templates/kinds/{kind}/form.html",
        f"templates/kinds/{kind}/live.html",
        f"static/js/kinds/{kind}.js",
    ):
        assert (ROOT / path).is_file(), f"{kind}: {path} is missing"


@pytest.mark.parametrize("kind", kind_names())
def test_kind_live_partial_defines_its_template(kind):
    """The live partial puts the `kind-<name>` template on the page, which the JS reads."""
    live = (ROOT / f"templates/kinds/{kind}/live.html").read_text(encoding="utf-8")
    assert f'<template id="kind-{kind}"' in live


@pytest.mark.parametrize("kind", kind_names())
def test_kind_has_a_domain_test(kind):
    """tests/domain/test_<kind>.py exists, or a domain test names the kind."""
    if (DOMAIN_TESTS / f"test_{kind}.py").is_file():
        return
    named = [
        path.name
        for path in DOMAIN_TESTS.glob("test_*.py")
        if f'"{kind}"' in path.read_text(encoding="utf-8")
    ]
    assert named, f"{kind}: no tests/domain/test_{kind}.py and no domain test names it"


@pytest.mark.parametrize("kind", kind_names())
def test_kind_has_an_authoring_case(kind):
    """test_every_kind_has_a_working_authoring_form posts a valid and an invalid form for it."""
    assert kind in VALID_FORMS, f"{kind}: no valid form in tests/web/test_authoring.py"
    assert kind in INVALID_FORMS, f"{kind}: no invalid form in tests/web/test_authoring.py"
