"""Scorers that measure each extractor against annotated gold in ../shared/eval (read in place).

Each scorer is a module here with ``main(argv) -> int`` (what ``faultline eval NAME`` runs)
and a ``score(...)`` function returning its metrics as a dict; floors pinned in
``tests/eval/floors_NAME.toml`` are checked by ``tests/eval/test_NAME_floor.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

SCORERS = ("events", "time", "quotes")


def shared_eval_dir() -> Path:
    """../shared/eval beside the checkout, or $FAULTLINE_EVAL_DIR."""
    env = os.environ.get("FAULTLINE_EVAL_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "eval"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared" / "eval"
