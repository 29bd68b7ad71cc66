"""Fixtures for the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from faultline.eval import shared_eval_dir


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The three seed documents, read in place (never copied into the repo)."""
    path = shared_eval_dir().parent / "seeds"
    assert path.is_dir(), f"seed documents missing at {path}"
    return path
