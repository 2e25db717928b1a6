"""The presenter page previews group sizes with its own copy of the rule (sizesFor in
static/js/breakout/sizes.js); it must deal exactly as domain/breakouts.py does."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from facilitation.domain.breakouts import BY_COUNT, BY_SIZE, sizes_for

MODULE = Path(__file__).resolve().parents[2] / "static" / "js" / "breakout" / "sizes.js"


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_page_previews_the_sizes_the_server_deals():
    cases = [(people, mode, n) for people in range(1, 61) for mode in ("size", "count")
             for n in range(1, 13) if not (mode == "size" and n < 2)]  # fmt: skip
    program = (
        f"import {{ sizesFor }} from {json.dumps(MODULE.as_uri())};\n"
        f"const cases = {json.dumps(cases)};\n"
        "console.log(JSON.stringify(cases.map(([p, m, n]) => sizesFor(p, m, n, n))));\n"
    )
    result = subprocess.run(
        ["node", "--input-type=module", "-e", program], capture_output=True, text=True, check=True
    )
    in_the_page = json.loads(result.stdout)
    for (people, mode, n), shown in zip(cases, in_the_page, strict=True):
        dealt = sizes_for(people, BY_SIZE if mode == "size" else BY_COUNT, size=n, count=n)
        assert shown == dealt, (people, mode, n)
