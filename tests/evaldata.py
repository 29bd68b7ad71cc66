"""Evaluation data and seed documents that cannot ship with the repository.

Tests that read them ask here (``eval_dir()``, ``seeds_dir()``, ``seed_path()``) or carry the
``eval_data`` marker. When the data is absent they are skipped, and the run ends with one line
saying so; under CI (``CI=true``) they fail instead, so CI always runs everything.
The folder is ``$FAULTLINE_EVAL_DIR`` (default ``../shared`` beside the checkout).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from faultline.eval import missing_eval_data, shared_eval_dir, shared_seeds_dir

# Every skip or failure for missing data carries this text (tests/conftest.py counts them).
REASON_TAG = "no evaluation data"


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def require_eval_data() -> None:
    """Skip the calling test when the data is absent (fail it under CI)."""
    missing = missing_eval_data()
    if missing is None:
        return
    if under_ci():
        pytest.fail(f"{missing} (CI=true: the evaluation data is required)", pytrace=False)
    pytest.skip(missing)


def eval_dir() -> Path:
    require_eval_data()
    return shared_eval_dir()


def seeds_dir() -> Path:
    require_eval_data()
    return shared_seeds_dir()


def seed_path(prefix: str) -> Path:
    """The one seed document whose name starts with ``prefix`` (e.g. "000")."""
    matches = sorted(seeds_dir().glob(f"{prefix}_*.txt"))
    assert len(matches) == 1, f"expected one seed {prefix}_*.txt under {seeds_dir()}: {matches}"
    return matches[0]


def seed_text(prefix: str) -> str:
    return seed_path(prefix).read_text(encoding="utf-8")
