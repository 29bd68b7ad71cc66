"""The claims knowledge: number words, scales, vague plurals, hedges, units and currencies,
read from ``faultline/data/claims/*.yaml``.

One module for what both the claims stage (`faultline.extract.claims`, which reads figures
in a parse) and the linking of figures across articles (`faultline.link.numbers`, which
reads hedges on stored claims) need; it loads no NLP model.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from faultline.datafiles import read_yaml_mapping
from faultline.errors import DataFileError

DATA_PACKAGE = "faultline"
DATA_DIR = ("data", "claims")


@dataclass(frozen=True)
class Lexicon:
    """The claims stage's word lists, read from ``faultline/data/claims/*.yaml``."""

    units: Mapping[str, float]
    scales: Mapping[str, float]
    vague: Mapping[tuple[str, ...], tuple[float, float]]
    vague_max_len: int
    vague_first: frozenset[str]
    vague_last: frozenset[str]
    markers: Mapping[tuple[str, ...], tuple[str, str]]  # words -> (phrase, direction)
    marker_max_len: int
    after_markers: Mapping[tuple[str, ...], tuple[str, str]]
    fractions: Mapping[str, float]
    percent: frozenset[tuple[str, ...]]
    currency_before: Mapping[str, str]  # "$" -> USD
    currency: Mapping[str, str]  # words after a figure: "dollars" -> USD
    measures: Mapping[tuple[str, ...], str]
    time_nouns: frozenset[str]
    counted: frozenset[str]
    people_unit: str
    people_verbs: Mapping[str, str]
    owner_verbs: frozenset[str]
    min_spelled_value: float
    currency_words: frozenset[tuple[str, ...]]
    currency_codes: frozenset[str]


def _read_yaml(name: str) -> dict[str, Any]:
    path = resources.files(DATA_PACKAGE).joinpath(*DATA_DIR, name)
    return read_yaml_mapping(path, "claims data file")


def _mapping(data: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise DataFileError(f"{source}: `{key}` must be a non-empty mapping")
    return value


def _words(list_or_phrase: str) -> tuple[str, ...]:
    return tuple(str(list_or_phrase).lower().split())


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataFileError(f"{where}: {value!r} is not a number")
    return float(value)


def _marker_table(data: dict[str, Any], key: str) -> dict[tuple[str, ...], tuple[str, str]]:
    table: dict[tuple[str, ...], tuple[str, str]] = {}
    for phrase, direction in _mapping(data, key, "approximation.yaml").items():
        if direction not in ("lower", "upper", "around"):
            raise DataFileError(
                f"approximation.yaml {key}.{phrase}: direction must be lower, upper or "
                f"around, not {direction!r}"
            )
        table[_words(phrase)] = (" ".join(_words(phrase)), direction)
    return table


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and validate the claims data files (once per process)."""
    numbers = _read_yaml("numbers.yaml")
    units = {str(k).lower(): _number(v, f"numbers.yaml units.{k}")
             for k, v in _mapping(numbers, "units", "numbers.yaml").items()}
    scales = {str(k).lower(): _number(v, f"numbers.yaml scales.{k}")
              for k, v in _mapping(numbers, "scales", "numbers.yaml").items()}
    vague: dict[tuple[str, ...], tuple[float, float]] = {}
    for phrase, bounds in _mapping(numbers, "vague", "numbers.yaml").items():
        if not (isinstance(bounds, list) and len(bounds) == 2):
            raise DataFileError(f"numbers.yaml vague.{phrase}: expected [low, high]")
        low, high = (_number(b, f"numbers.yaml vague.{phrase}") for b in bounds)
        if not 0 < low <= high:
            raise DataFileError(f"numbers.yaml vague.{phrase}: need 0 < low <= high")
        vague[_words(phrase)] = (low, high)
    min_spelled = _number(numbers.get("min_spelled_value", 10), "numbers.yaml min_spelled_value")

    approx = _read_yaml("approximation.yaml")
    markers = _marker_table(approx, "markers")
    after_markers = _marker_table(approx, "after")
    fractions = {str(k).lower(): _number(v, f"numbers.yaml fractions.{k}")
                 for k, v in _mapping(numbers, "fractions", "numbers.yaml").items()}

    unit_data = _read_yaml("units.yaml")
    percent = unit_data.get("percent")
    if not isinstance(percent, list) or not percent:
        raise DataFileError("units.yaml: `percent` must be a non-empty list")
    currency_before = {str(k).lower(): str(v).upper()
                       for k, v in _mapping(unit_data, "currency_before", "units.yaml").items()}
    currency = {str(k).lower(): str(v).upper()
                for k, v in _mapping(unit_data, "currency_after", "units.yaml").items()}
    measures = {_words(k): str(v) for k, v in _mapping(unit_data, "measures", "units.yaml").items()}
    for key in ("time", "counted"):
        if not isinstance(unit_data.get(key), list):
            raise DataFileError(f"units.yaml: `{key}` must be a list")
    people = unit_data.get("people")
    if not isinstance(people, str) or not people:
        raise DataFileError("units.yaml: `people` must be a unit name")

    return Lexicon(
        units=units,
        scales=scales,
        vague=vague,
        vague_max_len=max(len(k) for k in vague),
        vague_first=frozenset(k[0] for k in vague),
        vague_last=frozenset(k[-1] for k in vague),
        markers=markers,
        marker_max_len=max(len(k) for k in markers),
        after_markers=after_markers,
        fractions=fractions,
        percent=frozenset(_words(p) for p in percent),
        currency_before=currency_before,
        currency=currency,
        measures=measures,
        time_nouns=frozenset(str(w).lower() for w in unit_data["time"]),
        counted=frozenset(str(w).lower() for w in unit_data["counted"]),
        people_unit=people,
        people_verbs={str(k).lower(): str(v)
                      for k, v in _mapping(unit_data, "people_verbs", "units.yaml").items()},
        owner_verbs=frozenset(str(w).lower() for w in unit_data.get("owner_verbs", [])),
        min_spelled_value=min_spelled,
        currency_words=frozenset((c,) for c in currency),
        currency_codes=frozenset(currency.values()) | frozenset(currency_before.values()),
    )


def marker_direction(phrase: str | None) -> str | None:
    """'lower', 'upper' or 'around' for an approximation phrase as stored on a Claim."""
    if not phrase:
        return None
    lex = load_lexicon()
    found = lex.markers.get(_words(phrase)) or lex.after_markers.get(_words(phrase))
    return found[1] if found else None
