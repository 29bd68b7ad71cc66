"""Scorers that measure each extractor against annotated gold in ../shared/eval (read in place).

Each scorer is a module here with ``main(argv) -> int`` (what ``faultline eval NAME`` runs)
and a ``score(...)`` function returning its metrics as a dict; floors pinned in
``tests/eval/floors_NAME.toml`` are checked by ``tests/eval/test_NAME_floor.py``.

The evaluation data and the seed documents cannot ship with the repository. One setting finds
them: ``$FAULTLINE_EVAL_DIR`` names the folder that holds ``eval/`` and ``seeds/`` (default:
``../shared`` beside the checkout). Pointing it at the ``eval/`` folder itself also works.
"""

from __future__ import annotations

import os
from pathlib import Path

SCORERS = ("events", "time", "quotes")
ENV_VAR = "FAULTLINE_EVAL_DIR"


def _repo_root() -> Path | None:
    """The checkout this package was imported from, when it is one (an editable install)."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() else None


def shared_data_dir() -> Path:
    """The folder holding ``eval/`` and ``seeds/``: $FAULTLINE_EVAL_DIR, else ../shared."""
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env).expanduser()
        if path.name == "eval" and not (path / "eval").is_dir():
            return path.parent  # the variable names the eval folder itself
        return path
    root = _repo_root()
    base = root if root is not None else Path.cwd()
    return (base.parent / "shared").resolve()


def shared_eval_dir() -> Path:
    """The annotated gold the scorers read (``eval/`` under :func:`shared_data_dir`)."""
    return shared_data_dir() / "eval"


def shared_seeds_dir() -> Path:
    """The seed documents some tests read (``seeds/`` under :func:`shared_data_dir`)."""
    return shared_data_dir() / "seeds"


def missing_eval_data() -> str | None:
    """None when both folders are there, else what is missing, in words."""
    root = shared_data_dir()
    if not root.is_dir():
        return f"no evaluation data at {root}; set {ENV_VAR}"
    for path in (shared_eval_dir(), shared_seeds_dir()):
        if not path.is_dir():
            return f"no evaluation data at {path}; set {ENV_VAR}"
    return None
