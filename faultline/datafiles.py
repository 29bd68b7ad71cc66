"""Reading the packaged knowledge files (YAML) with one clear error when one is broken."""

from __future__ import annotations

from typing import Any, Protocol

import yaml

from faultline.errors import DataFileError

# The safe YAML loader every data file is read with: libyaml's when built (~6x faster).
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Readable(Protocol):
    def read_text(self, encoding: str = ...) -> str: ...


def read_yaml_mapping(path: _Readable, what: str) -> dict[str, Any]:
    """The top-level mapping of a YAML data file; DataFileError naming `what` otherwise."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)  # noqa: S506
    except (OSError, yaml.YAMLError) as e:
        raise DataFileError(f"cannot read {what} {path}: {e}") from e
    if not isinstance(data, dict):
        raise DataFileError(f"{what} {path} must be a mapping at top level")
    return data
