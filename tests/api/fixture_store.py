"""A small store for the API and browser tests: the bundled examples plus one hostile article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from faultline.options import Options
from faultline.runner import analyze, bundled_examples

# Markup that leaves a visible trace in the page if it ever runs (the browser test looks).
PWN_SCRIPT = "<script>document.documentElement.setAttribute('data-pwned','script')</script>"
PWN_IMG = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">"
HOSTILE_ID = "hostile-markup-1"
HOSTILE_TITLE = f"Border report {PWN_SCRIPT}"
HOSTILE_OUTLET = f"Nightly {PWN_IMG} Ledger"
HOSTILE_TEXT = (
    f"Russia threatened Ukraine with new sanctions on Monday {PWN_SCRIPT} after a week of "
    f"talks. Ukraine accused Russia of shelling a border village {PWN_IMG} on Sunday.\n\n"
    "The foreign minister of Ukraine said, \"We will not be pushed around,\" in a short "
    "statement to reporters."
)


def write_hostile(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    record = {"id": HOSTILE_ID, "title": HOSTILE_TITLE, "publisher": HOSTILE_OUTLET,
              "published": "2022-02-21", "url": "javascript:alert(1)", "text": HOSTILE_TEXT}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def build_store(folder: Path) -> Path:
    """Analyze the examples and the hostile article into folder/faultline.duckdb."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs = folder / "inputs"
    shutil.copytree(bundled_examples(), inputs, ignore=shutil.ignore_patterns("README.md"))
    write_hostile(inputs)
    summary = analyze([str(inputs)], Options(out=str(folder / "out"), report=False))
    assert summary.stored >= 9, summary
    return Path(summary.database)
