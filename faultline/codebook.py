"""The CAMEO codebook (data/cameo.tsv): codes, names, Goldstein values, QuadClass, PLOVER, traits.

The one reader of cameo.tsv: the events stage, the report, the eval scorers and the export
formats all ask this module. Traits are words in the codebook's ``traits`` column; a code has
the traits of its own row and of its root's row. See the file's header for what each means.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from faultline.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent / "data"
HEADER = ["code", "name", "goldstein", "quad_class", "plover", "traits"]
# Every trait a row may carry (the loader rejects others): what the coder does with it is
# said in cameo.tsv's header.
TRAITS = frozenset({"cooperative", "material", "violent", "reciprocal", "of_target", "moves",
                    "harm", "answers"})


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    traits: frozenset[str] = frozenset()

    @property
    def root(self) -> str:
        return self.code[:2]


@functools.lru_cache(maxsize=2)
def codebook(path: str | None = None) -> dict[str, CodeInfo]:
    """CAMEO codes from cameo.tsv, validated: every code once, its root present, sane values.
    A code's traits include its root's."""
    file = Path(path) if path else DATA_DIR / "cameo.tsv"
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DataFileError(f"cannot read the CAMEO codebook {file}: {e}") from e
    numbered = [(n, line) for n, line in enumerate(lines, start=1)
                if line.strip() and not line.startswith("#")]
    if not numbered:
        raise DataFileError(f"{file}: empty codebook")
    header = next(csv.reader([numbered[0][1]], delimiter="\t"))
    if header != HEADER:
        raise DataFileError(f"{file}: line {numbered[0][0]}: unexpected header {header}")
    book: dict[str, CodeInfo] = {}
    for n, line in numbered[1:]:
        row = next(csv.reader([line], delimiter="\t"))
        where = f"{file}: line {n}"
        if len(row) == 5:
            row.append("")  # an empty traits cell an editor trimmed away
        if len(row) != 6:
            raise DataFileError(f"{where}: expected 6 tab-separated columns, got {len(row)}")
        code, name, goldstein, quad, plover, traits = (cell.strip() for cell in row)
        if not (code.isdigit() and len(code) in (2, 3, 4)):
            raise DataFileError(f"{where}: bad CAMEO code {code!r}")
        if code in book:
            raise DataFileError(f"{where}: code {code} appears twice")
        try:
            value = float(goldstein)
            quad_class = int(quad)
        except ValueError as e:
            raise DataFileError(f"{where}: bad number ({e})") from e
        if not -10.0 <= value <= 10.0:
            raise DataFileError(f"{where}: Goldstein value {value} outside [-10, 10]")
        if quad_class not in (1, 2, 3, 4):
            raise DataFileError(f"{where}: QuadClass {quad_class} not in 1..4")
        if not name:
            raise DataFileError(f"{where}: code {code} has no name")
        words = frozenset(t.strip() for t in traits.split(",") if t.strip())
        if words - TRAITS:
            raise DataFileError(f"{where}: unknown trait(s) {sorted(words - TRAITS)} "
                                f"(known: {sorted(TRAITS)})")
        book[code] = CodeInfo(code, name, value, quad_class, plover or None, words)
    for code in book:
        if len(code) > 2 and code[:2] not in book:
            raise DataFileError(f"{file}: code {code} has no root {code[:2]}")
        if len(code) == 4 and code[:3] not in book:
            raise DataFileError(f"{file}: code {code} has no parent {code[:3]}")
        if book[code].quad_class != book[code[:2]].quad_class:
            raise DataFileError(f"{file}: code {code} and its root differ in QuadClass")
    if len({c for c in book if len(c) == 2}) != 20:
        raise DataFileError(f"{file}: expected the 20 CAMEO root codes")
    for code, info in list(book.items()):
        inherited = book[code[:2]].traits | (book[code[:3]].traits if len(code) == 4 else set())
        if inherited - info.traits:
            book[code] = CodeInfo(info.code, info.name, info.goldstein, info.quad_class,
                                  info.plover, info.traits | inherited)
    return book


def names() -> dict[str, str]:
    """CAMEO code -> short name."""
    return {code: info.name for code, info in codebook().items()}


def has_trait(code: str | None, trait: str) -> bool:
    """Whether `code` (or its root) carries `trait` in the codebook; False for no code."""
    if not code:
        return False
    if trait not in TRAITS:
        raise ValueError(f"unknown codebook trait {trait!r}")
    book = codebook()
    info = book.get(code) or book.get(code[:3]) or book.get(code[:2])
    return info is not None and trait in info.traits


@functools.lru_cache(maxsize=16)
def roots_with(trait: str) -> frozenset[str]:
    """The root codes ("01".."20") that carry `trait`."""
    return frozenset(c for c, info in codebook().items() if len(c) == 2 and trait in info.traits)


def code_root(code: str | None) -> str:
    return (code or "")[:2]


def code_is_violence(code: str | None) -> bool:
    """Bodily harm (killing, wounding): fighting when armed forces do it (CAMEO 19)."""
    return has_trait(code, "harm")


__all__ = ["CodeInfo", "TRAITS", "codebook", "names", "has_trait", "roots_with", "code_root",
           "code_is_violence"]
