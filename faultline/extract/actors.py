"""Actors: the CAMEO-coded actor dictionaries, their loader, and the `actors` stage.

Data lives in ``faultline/data/actors/`` (countries, IGOs, institutions, sectors,
offices, people with dated roles); this module only loads, validates and applies it.

Matching is a dictionary of token tuples keyed on lower-cased tokens, applied to the
Doc's own tokens (or, for :meth:`ActorDictionary.lookup` on free text, to a bare
tokenizer's tokens: the same rules, no parse). A PhraseMatcher would tie the
dictionary to one Vocab; the tuple dictionary serves both paths from one build and
costs one dict probe per token and candidate length.

Matched words become *units* (a country, an IGO, an institution, a sector noun, an
office title, a person). Adjacent units inside one noun phrase compose:
``Russian`` + ``troops`` -> RUSMIL, ``Russian`` + ``president`` -> the person who
held that office on the article date, ``US President`` + ``Joe Biden`` -> Biden.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.attrs import IDX
from spacy.tokens import Doc

from faultline.datafiles import YAML_LOADER
from faultline.errors import DataFileError
from faultline.extract import doc_text, stage
from faultline.model import Actor, ActorMention, Annotations, Span
from faultline.options import Options

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

_CODE3 = re.compile(r"^[A-Z]{3}$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IGO_PREFIXES = ("IGO", "NGO", "IMG", "MNC")
_GENDERS = {"male": "m", "female": "f", "m": "m", "f": "f"}

# Unit kinds.
COUNTRY, IGO, INST, PLACE, SECTOR, GROUP, OFFICE, PERSON = (
    "country", "igo", "inst", "place", "sector", "group", "office", "person")
_OWNER_KINDS = frozenset({COUNTRY, IGO, INST, PLACE})

# Tokens that may sit between two units of one noun phrase.
# "Vietnamese-led forces" are Vietnam's forces; "Russian-backed" ones are not (see below).
_GLUE = frozenset({"'s", "’s", "'", "’", "-", "–", "led"})
# Words that never continue a noun phrase (the lexical fallback when there is no POS).
_STOP = frozenset("""
a an the and or but nor , ; : . ! ? ( ) " “ ” said says say told tell is are was were be been
being has have had do does did will would shall should can could may might must to in on at
for by with from as into onto over under about after before against between during without
within than that which who whom whose this these those it its he she they them his her their
we our you your i me my not no also only just even still yet so if when while where because
although though since until unless whether
""".split())
_LINK_OF = frozenset({"of"})
_LINK_IN = frozenset({"in", "from", "across", "throughout"})
# "pro-Russian", "anti-NATO": the country is a stance, not an actor.
_STANCE_PREFIX = frozenset({"pro", "anti", "non"})
# "Russian-backed", "Kremlin-controlled": the country modifies someone else.
_HYPHEN_SUFFIX = frozenset({
    "backed", "controlled", "occupied", "speaking", "allied", "aligned", "friendly",
    "supported", "sponsored", "installed", "annexed", "held", "appointed", "funded",
    "armed", "trained", "leaning", "born", "made", "built", "style", "era", "based",
})
_NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
_LOCATIVE = frozenset({"in", "at", "near", "around", "outside", "inside", "across",
                       "throughout", "into", "through"})
_FORMER = frozenset({"former", "ex", "ousted", "deposed", "exiled", "toppled", "late",
                     "onetime", "erstwhile"})
_HONORIFICS = frozenset("""mr mrs ms miss dr sir dame lord lady madame monsieur herr frau
comrade prof rev sen rep gov lt col maj capt gen adm sgt""".split())
_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
# Sectors of a state's own bodies: an unknown "local" or "the country's" actor takes the
# country of the last place or state body named before it.
_STATE_SECTORS = frozenset({None, "GOV", "JUD", "LEG", "COP", "CVL"})
_COREF_SENTENCES = 3  # how many sentences back a pronoun may reach


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class Role:
    code: str
    office: str
    title: str
    start: str | None
    end: str | None  # exclusive; None = still in office

    def valid_on(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    country: str
    gender: str | None  # "m" | "f" | None
    roles: tuple[Role, ...]
    wikidata: str | None = None
    first_names: frozenset[str] = frozenset()  # lower-cased: "francois", "françois"

    def role_on(self, date: str | None) -> Role | None:
        if not self.roles:
            return None
        if date is None:
            return max(self.roles, key=lambda r: r.start or "")
        for role in self.roles:
            if role.valid_on(date):
                return role
        return None

    def actor_on(self, date: str | None) -> Actor:
        """The person coded by the role held on `date` (latest role when undated).

        Outside every role: country + ELI once a role has ended (a former official),
        the bare country before the first one.
        """
        role = self.role_on(date)
        if role is not None:
            code = role.code
        elif date is not None and any(r.end is not None and r.end <= date for r in self.roles):
            code = self.country + "ELI"
        else:
            code = self.country
        return _actor_for_code(code, self.name, "person", self.wikidata)

    def holds(self, owner: str, office: str, date: str | None) -> bool:
        role = self.role_on(date)
        return role is not None and role.office == office and _owner(role.code) == owner


@dataclass(frozen=True)
class Entry:
    """What one dictionary phrase means."""

    kind: str  # COUNTRY | IGO | INST | PLACE | SECTOR | GROUP | OFFICE | PERSON
    code: str = ""  # actor code for owner kinds; sector code for SECTOR / OFFICE
    name: str = ""  # canonical name
    office: str = ""  # OFFICE: the office key
    persons: tuple[str, ...] = ()  # PERSON: candidate person ids (several: an ambiguous surname)
    form: str = ""  # name | adj | demonym | capital | seat ...
    case: str = "any"  # any | cap | exact
    located: bool = False  # SECTOR: "separatists in Donbas" composes
    weak: bool = False  # SECTOR: yields to an earlier sector word ("rebel leaders" -> REB)
    qualified: str = ""  # a qualified name: the sector it takes after an owner (context.yaml)


@dataclass(frozen=True)
class _Pattern:
    tokens: tuple[str, ...]  # as written (for case checks)
    entry: Entry


@dataclass(frozen=True)
class ActorContext:
    """The context tables of ``context.yaml``: what the words around a name change."""

    location_preps: frozenset[str] = frozenset()
    dateline_dashes: frozenset[str] = frozenset()
    dateline_max: int = 12
    possessive_pronouns: frozenset[str] = frozenset()
    separatist_modifiers: tuple[tuple[str, ...], ...] = ()
    entity_nouns: tuple[tuple[str, ...], ...] = ()
    separatist_sector: str = "REB"
    regions: frozenset[str] = frozenset()
    unknown_prefix: str = "---"
    unknown_deps: frozenset[str] = frozenset()
    unknown_skip_after: frozenset[str] = frozenset()
    unknown_skip_sectors: frozenset[str] = frozenset()
    unknown_skip_words: frozenset[tuple[str, ...]] = frozenset()
    group_heads: frozenset[str] = frozenset()
    mass_nouns: frozenset[str] = frozenset()
    place_country_sectors: frozenset[str] = frozenset()
    place_only_sectors: frozenset[str] = frozenset()
    area_words: frozenset[str] = frozenset()
    context_modifiers: frozenset[str] = frozenset()
    context_possessors: frozenset[str] = frozenset()
    # names the dictionaries do not know: the entity labels (and "none") that make one an
    # actor, and the dependency roles a place-like label needs to be one
    name_labels: frozenset[str] = frozenset()
    name_place_labels: frozenset[str] = frozenset()
    name_place_deps: frozenset[str] = frozenset()
    name_skip_heads: frozenset[str] = frozenset()
    name_after: frozenset[str] = frozenset()
    allegiance_words: frozenset[str] = frozenset()


@dataclass
class ActorDictionary:
    """Every actor phrase the project knows, ready to match token sequences."""

    sectors: dict[str, dict[str, Any]]
    offices: dict[str, dict[str, Any]]
    countries: dict[str, str]  # code -> name
    igos: dict[str, str]  # code -> name
    people: dict[str, Person]
    phrases: dict[tuple[str, ...], _Pattern] = field(default_factory=dict)
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first token -> lengths
    context: ActorContext = field(default_factory=ActorContext)

    # ------------------------------------------------------------------ public lookups

    def valid_code(self, code: str) -> bool:
        """True for COUNTRY, COUNTRY+SECTOR, and known IGO codes."""
        if code in self.igos:
            return True
        country, sector = code[:3], code[3:]
        return country in self.countries and (sector == "" or sector in self.sectors)

    def person(self, person_id: str) -> Person:
        return self.people[person_id]

    def holder(self, owner: str, office: str, date: str | None) -> Person | None:
        """The person who held `office` for `owner` (RUS, IGOWSTNAT ...) on `date`.

        An office with `any_of` ("leader") is the first of those offices that someone
        held for that owner: the German leader is the chancellor, the Russian one the
        president (`by_owner` overrides the order: Israel's leader is its prime minister).
        """
        for key in self.offices_for(office, owner):
            found = [p for p in self.people.values() if p.holds(owner, key, date)]
            if date is None and len(found) > 1:
                found.sort(key=lambda p: max(r.start or "" for r in p.roles), reverse=True)
            if found:
                return found[0]
        return None

    def offices_for(self, office: str, owner: str | None = None) -> list[str]:
        """The concrete offices a title stands for ("leader" -> president, ...)."""
        spec = self.offices.get(office, {})
        by_owner = spec.get("by_owner") or {}
        return list((by_owner.get(owner) if owner else None) or spec.get("any_of") or [office])

    def lookup(self, text: str, date: str | None = None) -> Actor | None:
        """Best-effort actor for a free-text name or phrase ("the Kremlin", "Sergey Ryabkov")."""
        doc = _tokenizer()(text)
        date = _norm_date(date)
        mentions = _compose(doc, self.match(doc), self, date, lookup=True)
        for _start, _end, actor, _via in mentions:
            if actor.code:
                return actor
        return None

    # ------------------------------------------------------------------ matching

    def match(self, doc: Doc) -> list[tuple[int, int, Entry]]:
        """Longest dictionary matches, no overlaps: (start, end, entry).

        Left to right, except that a match starting inside another and reaching further
        wins: "the West Bank" is the West Bank, not "the West" + "Bank".
        """
        lowers = _lowers(doc)
        n = len(lowers)
        found: list[tuple[int, int, Entry]] = []
        i = 0
        while i < n:
            hit = self._longest_at(doc, lowers, i)
            if hit is None:
                i += 1
                continue
            for j in range(i + 1, hit[1]):
                later = self._longest_at(doc, lowers, j)
                if later is not None and later[1] > hit[1]:
                    hit = None
                    i = j
                    break
            if hit is None:
                continue
            found.append(hit)
            i = hit[1]
        return found

    def _longest_at(self, doc: Doc, lowers: list[str], i: int
                    ) -> tuple[int, int, Entry] | None:
        lens = self.lengths.get(lowers[i])
        if lens:
            for length in lens:
                if i + length > len(lowers):
                    continue
                pat = self.phrases.get(tuple(lowers[i : i + length]))
                if pat is not None and _case_ok(pat, doc, i):
                    return (i, i + length, pat.entry)
        return None


_LOWERS = "faultline_lowers"  # Doc.user_data key: the doc's lower-cased words, made once


def _lowers(doc: Doc) -> list[str]:
    """The lower-cased words of `doc`, computed once per doc (several passes look them up)."""
    cached = doc.user_data.get(_LOWERS)
    if cached is None or len(cached) != len(doc):
        cached = doc.user_data[_LOWERS] = [t.lower_ for t in doc]
    return cached


def _case_ok(pat: _Pattern, doc: Doc, i: int) -> bool:
    case = pat.entry.case
    if case == "any":
        return True
    if case == "exact":
        return all(doc[i + k].text == tok for k, tok in enumerate(pat.tokens))
    # Proper names are capitalized where the data capitalizes them ("United States",
    # "von der Leyen"); "turkey", "chad" and "china" in lower case are not countries.
    for k, tok in enumerate(pat.tokens):
        if tok[:1].isupper() and not doc[i + k].text[:1].isupper():
            return False
    return True


# --------------------------------------------------------------------------- loading


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


def _norm_date(date: str | None) -> str | None:
    return date[:10] if date else None


def _owner(code: str) -> str:
    """RUSGOV -> RUS; IGO codes own themselves."""
    return code if code.startswith(_IGO_PREFIXES) else code[:3]


def _actor_for_code(code: str, name: str, kind: str, wikidata: str | None = None) -> Actor:
    if code.startswith(_IGO_PREFIXES):
        return Actor(code=code, name=name, country=None, sector=None, kind=kind,
                     wikidata=wikidata)
    return Actor(code=code, name=name, country=code[:3], sector=code[3:] or None, kind=kind,
                 wikidata=wikidata)


_BaseLoader: Any = YAML_LOADER


class _LineLoader(_BaseLoader):
    """A safe loader that records the line of every mapping under '__line__'."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as e:
        raise DataFileError(f"{path}: cannot read actor data: {e}") from e


def _read_tsv(path: Path, ncols: int) -> Iterable[tuple[int, list[str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DataFileError(f"{path}: cannot read actor data: {e}") from e
    header_seen = False
    for lineno, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            continue
        if len(cols) > ncols or len(cols) < 2:
            raise DataFileError(f"{path}:{lineno}: expected up to {ncols} tab-separated "
                                f"columns, found {len(cols)}")
        yield lineno, [c.strip() for c in cols] + [""] * (ncols - len(cols))


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _check_date(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.date):
        value = value.isoformat()
    value = str(value)
    if not _ISO_DATE.match(value):
        raise DataFileError(f"{where}: malformed date {value!r} (want YYYY-MM-DD)")
    try:
        _dt.date.fromisoformat(value)
    except ValueError as e:
        raise DataFileError(f"{where}: impossible date {value!r}") from e
    return value


def _str_list(value: Any, where: str, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"{where}: {what} must be a list of strings")
    return value


class _Builder:
    """Collects phrases from every file and refuses conflicting duplicates."""

    def __init__(self) -> None:
        self.phrases: dict[tuple[str, ...], tuple[_Pattern, str]] = {}
        self.surnames: dict[tuple[str, ...], list[tuple[str, str]]] = {}

    def add(self, text: str, entry: Entry, where: str) -> None:
        keep_article = text.startswith("the+")
        if keep_article:
            text = text[len("the+"):]
        tokens = tuple(t.text for t in _tokenizer()(text) if not t.is_space)
        if not tokens:
            raise DataFileError(f"{where}: empty name")
        if tokens[0].lower() == "the" and len(tokens) > 1:
            tokens = tokens[1:]  # determiners are not part of a mention ...
        if keep_article:
            tokens = ("the",) + tokens  # ... unless the name needs one: "the+West"
        case = entry.case
        if len(tokens) == 1 and tokens[0].isupper() and len(tokens[0]) <= 3 \
                and tokens[0].isalnum():
            case = "exact"  # "US", "UN", "RT": the lower-case forms are ordinary words
        entry = Entry(**{**entry.__dict__, "case": case})
        key = tuple(t.lower() for t in tokens)
        old = self.phrases.get(key)
        if old is not None:
            prev, prev_where = old
            if _same_meaning(prev.entry, entry):
                return
            meaning = prev.entry.code or ", ".join(prev.entry.persons)
            raise DataFileError(
                f"{where}: {text!r} already means {prev.entry.kind} {meaning}"
                f" ({prev_where}); a name may have one meaning")
        self.phrases[key] = (_Pattern(tokens, entry), where)

    def add_surname(self, text: str, person_id: str, where: str) -> None:
        key = tuple(t.lower_ for t in _tokenizer()(text))
        self.surnames.setdefault(key, []).append((person_id, where))

    def finish(self) -> tuple[dict[tuple[str, ...], _Pattern], dict[str, tuple[int, ...]]]:
        # Surnames derived from full names: several people sharing one stay ambiguous
        # (resolved by context); an explicit phrase with the same words wins.
        for key, owners in self.surnames.items():
            if key in self.phrases:
                continue
            ids = tuple(dict.fromkeys(pid for pid, _ in owners))
            tokens = tuple(_tokenizer()(" ".join(key)).__iter__())
            self.phrases[key] = (_Pattern(tuple(t.text for t in tokens),
                                          Entry(kind=PERSON, persons=ids, case="cap",
                                                form="surname")), owners[0][1])
        phrases = {k: p for k, (p, _) in self.phrases.items()}
        lengths: dict[str, set[int]] = {}
        for key in phrases:
            lengths.setdefault(key[0], set()).add(len(key))
        return phrases, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


def _same_meaning(a: Entry, b: Entry) -> bool:
    return (a.kind, a.code, a.office, a.persons) == (b.kind, b.code, b.office, b.persons)


def load_actor_data(directory: str | Path | None = None) -> ActorDictionary:
    """Read and validate the actor data in `directory` (default: the packaged data)."""
    return _load(str(Path(directory).resolve()) if directory is not None else str(DATA_DIR))


@functools.lru_cache(maxsize=4)
def _load(directory: str) -> ActorDictionary:
    root = Path(directory)
    builder = _Builder()
    sectors, group_nouns = _load_sectors(root / "sectors.yaml", builder)
    offices = _load_offices(root / "offices.yaml", sectors, builder)
    countries = _load_countries(root / "countries.tsv", builder)
    igos = _load_igos(root / "igos.yaml", builder)
    dictionary = ActorDictionary(sectors=sectors, offices=offices, countries=countries,
                                 igos=igos, people={})
    _load_institutions(root / "institutions.tsv", dictionary, builder)
    dictionary.people = _load_people(root / "people.yaml", dictionary, builder)
    dictionary.context = _load_context(root / "context.yaml", dictionary, builder)
    for where, word in group_nouns:
        builder.add(word, Entry(kind=GROUP, form="group"), where)
    dictionary.phrases, dictionary.lengths = builder.finish()
    return dictionary


def _load_sectors(path: Path, builder: _Builder
                  ) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str]]]:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("sectors"), dict):
        raise DataFileError(f"{path}: expected a mapping with 'sectors'")
    sectors: dict[str, dict[str, Any]] = {}
    for code, spec in data["sectors"].items():
        if code == "__line__":
            continue
        where = f"{path}:{spec.get('__line__', '?') if isinstance(spec, dict) else '?'}"
        if not _CODE3.match(str(code)) or not isinstance(spec, dict):
            raise DataFileError(f"{where}: sector {code!r} must be three capital letters "
                                f"mapping to label/words")
        sectors[code] = spec
        located = bool(spec.get("located", False))
        weak = set(_str_list(spec.get("weak"), where, "weak"))
        words = _str_list(spec.get("words"), where, "words")
        if weak - set(words):
            raise DataFileError(f"{where}: weak words not among the sector's words: "
                                f"{sorted(weak - set(words))}")
        for word in words:
            builder.add(word, Entry(kind=SECTOR, code=code, name=word, located=located,
                                    weak=word in weak, form="sector"), where)
    groups = [(f"{path}", w) for w in _str_list(data.get("group_nouns"), str(path), "group_nouns")]
    return sectors, groups


def _load_offices(path: Path, sectors: dict[str, Any], builder: _Builder
                  ) -> dict[str, dict[str, Any]]:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("offices"), dict):
        raise DataFileError(f"{path}: expected a mapping with 'offices'")
    offices: dict[str, dict[str, Any]] = {}
    for key, spec in data["offices"].items():
        if key == "__line__":
            continue
        where = f"{path}:{spec.get('__line__', '?') if isinstance(spec, dict) else '?'}"
        if not isinstance(spec, dict) or spec.get("sector") not in sectors:
            raise DataFileError(f"{where}: office {key!r} needs a known sector, "
                                f"got {spec.get('sector') if isinstance(spec, dict) else spec!r}")
        offices[key] = spec
        for word in _str_list(spec.get("words"), where, "words") or [key]:
            builder.add(word, Entry(kind=OFFICE, code=spec["sector"], office=key, name=key,
                                    form="office"), where)
    for key, spec in offices.items():
        by_owner = spec.get("by_owner") or {}
        if not isinstance(by_owner, dict):
            raise DataFileError(f"{path}:{spec.get('__line__', '?')}: office {key!r}: "
                                f"by_owner must map owner codes to lists of offices")
        named = _str_list(spec.get("any_of"), str(path), "any_of") + [
            k for owner, ks in by_owner.items() if owner != "__line__"
            for k in _str_list(ks, str(path), "by_owner")]
        unknown = [k for k in named if k not in offices]
        if unknown:
            raise DataFileError(f"{path}:{spec.get('__line__', '?')}: office {key!r}: "
                                f"any_of names unknown offices {unknown}")
    return offices


def _load_countries(path: Path, builder: _Builder) -> dict[str, str]:
    countries: dict[str, str] = {}
    rows = list(_read_tsv(path, 5))
    for lineno, (code, names, *_rest) in rows:
        where = f"{path}:{lineno}"
        if not _CODE3.match(code):
            raise DataFileError(f"{where}: country code {code!r} must be three capital letters")
        if code in countries:
            raise DataFileError(f"{where}: country {code} listed twice")
        primary = _split(names)
        if not primary:
            raise DataFileError(f"{where}: country {code} has no name")
        countries[code] = primary[0].removeprefix("the+")
    for lineno, (code, names, adjectives, demonyms, capitals) in rows:
        where = f"{path}:{lineno}"
        name = countries[code]
        for text in _split(names):
            builder.add(text, Entry(COUNTRY, code, name, form="name", case="cap"), where)
        for text in _split(adjectives):
            builder.add(text, Entry(COUNTRY, code, name, form="adj", case="cap"), where)
        for text in _split(demonyms):
            # A people named as a group: "Russians tire of the war" -> RUSCVL.
            builder.add(text, Entry(COUNTRY, code + "CVL", name, form="demonym", case="cap"),
                        where)
        for text in _split(capitals):
            # The capital standing for the government, as PETRARCH codes it.
            builder.add(text, Entry(COUNTRY, code + "GOV", name, form="capital", case="cap"),
                        where)
    return countries


def _load_igos(path: Path, builder: _Builder) -> dict[str, str]:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("igos"), list):
        raise DataFileError(f"{path}: expected a mapping with an 'igos' list")
    igos: dict[str, str] = {}
    for spec in data["igos"]:
        where = f"{path}:{spec.get('__line__', '?') if isinstance(spec, dict) else '?'}"
        if not isinstance(spec, dict):
            raise DataFileError(f"{where}: each IGO is a mapping")
        code = str(spec.get("code", ""))
        if not re.match(r"^(IGO|NGO|IMG)[A-Z]{0,9}$", code) or len(code) % 3:
            raise DataFileError(f"{where}: IGO code {code!r} must be IGO/NGO/IMG + 3-letter parts")
        names = _str_list(spec.get("names"), where, "names")
        if not names:
            raise DataFileError(f"{where}: IGO {code} has no names")
        if code in igos:
            raise DataFileError(f"{where}: IGO {code} listed twice")
        igos[code] = names[0].removeprefix("the+")
    for spec in data["igos"]:
        where = f"{path}:{spec['__line__']}"
        code = spec["code"]
        for text in _str_list(spec.get("names"), where, "names"):
            builder.add(text, Entry(IGO, code, igos[code], form="name", case="cap"), where)
    return igos


def _load_institutions(path: Path, dictionary: ActorDictionary, builder: _Builder) -> None:
    for lineno, (code, names, kind, _note) in _read_tsv(path, 4):
        where = f"{path}:{lineno}"
        if not dictionary.valid_code(code):
            raise DataFileError(f"{where}: unknown actor code {code!r} (country or IGO code, "
                                f"optionally followed by a known sector)")
        entry_kind = PLACE if kind == "place" else INST
        primary = _split(names)
        if not primary:
            raise DataFileError(f"{where}: no names")
        for text in primary:
            builder.add(text, Entry(entry_kind, code, primary[0], form=kind or "org",
                                    case="cap"), where)


def _load_people(path: Path, dictionary: ActorDictionary, builder: _Builder
                 ) -> dict[str, Person]:
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise DataFileError(f"{path}: expected a mapping with a 'people' list")
    people: dict[str, Person] = {}
    for spec in data["people"]:
        where = f"{path}:{spec.get('__line__', '?') if isinstance(spec, dict) else '?'}"
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise DataFileError(f"{where}: each person is a mapping with a 'name'")
        name = spec["name"]
        country = str(spec.get("country", ""))
        if country not in dictionary.countries:
            raise DataFileError(f"{where}: {name}: unknown country {country!r}")
        gender = spec.get("gender")
        if gender is not None and gender not in _GENDERS:
            raise DataFileError(f"{where}: {name}: gender must be male or female")
        roles = []
        for role in spec.get("roles") or []:
            rwhere = f"{path}:{role.get('__line__', '?') if isinstance(role, dict) else '?'}"
            if not isinstance(role, dict):
                raise DataFileError(f"{rwhere}: {name}: a role is a mapping")
            code = str(role.get("code", ""))
            if not dictionary.valid_code(code):
                raise DataFileError(f"{rwhere}: {name}: unknown actor code {code!r}")
            office = str(role.get("office", ""))
            if office and office not in dictionary.offices:
                raise DataFileError(f"{rwhere}: {name}: unknown office {office!r}")
            start = _check_date(role.get("start"), rwhere)
            end = _check_date(role.get("end"), rwhere)
            if start and end and end <= start:
                raise DataFileError(f"{rwhere}: {name}: role ends ({end}) before it starts "
                                    f"({start})")
            roles.append(Role(code, office, str(role.get("title", office)), start, end))
        pid = str(spec.get("id") or name)
        if pid in people:
            raise DataFileError(f"{where}: person {pid!r} listed twice")
        variants = [name] + _str_list(spec.get("names"), where, "names")
        first_names = frozenset(v.split()[0].lower() for v in variants if len(v.split()) > 1)
        people[pid] = Person(pid, name, country, _GENDERS.get(gender) if gender else None,
                             tuple(roles), spec.get("wikidata"), first_names)
        entry = Entry(PERSON, persons=(pid,), name=name, form="name", case="cap")
        for text in variants:
            builder.add(text, entry, where)
        if not spec.get("no_surname"):
            surnames = {v.split()[-1] for v in variants
                        if len(v.split()) > 1 and v.split()[-1].lower() not in _NAME_SUFFIXES}
            for surname in surnames:
                builder.add_surname(surname, pid, where)
    return people


def _words(value: Any, where: str, what: str) -> list[tuple[str, ...]]:
    """A list of words or phrases as lower-cased token tuples."""
    out = []
    for text in _str_list(value, where, what):
        tokens = tuple(t.lower_ for t in _tokenizer()(text) if not t.is_space)
        if not tokens:
            raise DataFileError(f"{where}: {what}: empty entry")
        out.append(tokens)
    return out


def _load_context(path: Path, dictionary: ActorDictionary, builder: _Builder) -> ActorContext:
    if not path.exists():
        return ActorContext()
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: expected a mapping of context tables")

    def where(key: str, node: Any = None) -> str:
        line = node.get("__line__") if isinstance(node, dict) else None
        return f"{path}:{line or data.get('__line__', 1)} ({key})"

    known = {"location_prepositions", "dateline", "qualified_names", "possessive_pronouns",
             "separatist_modifiers", "entity_nouns", "separatist_sector", "regions",
             "unknown_actor", "__line__"}
    extra = set(data) - known
    if extra:
        raise DataFileError(f"{where('top level')}: unknown keys {sorted(extra)}")

    def flat(key: str, node: dict[str, Any] | None = None) -> frozenset[str]:
        node = data if node is None else node
        return frozenset(" ".join(w) for w in _words(node.get(key), where(key, node), key))

    dateline = data.get("dateline") or {}
    if not isinstance(dateline, dict):
        raise DataFileError(f"{where('dateline')}: dateline must be a mapping")
    dashes = frozenset(_str_list(dateline.get("dashes"), where("dateline", dateline), "dashes"))
    max_tokens = dateline.get("max_tokens", 12)
    if not isinstance(max_tokens, int) or not 1 <= max_tokens <= 40:
        raise DataFileError(f"{where('dateline', dateline)}: max_tokens must be 1-40")

    sep_sector = str(data.get("separatist_sector", "REB"))
    if sep_sector not in dictionary.sectors:
        raise DataFileError(f"{where('separatist_sector')}: unknown sector {sep_sector!r}")
    regions = frozenset(_str_list(data.get("regions"), where("regions"), "regions"))
    unknown_regions = sorted(regions - set(dictionary.countries))
    if unknown_regions:
        raise DataFileError(f"{where('regions')}: not codes in countries.tsv: {unknown_regions}")

    names = data.get("qualified_names") or []
    if not isinstance(names, list):
        raise DataFileError(f"{where('qualified_names')}: a list of mappings")
    for spec in names:
        w = where("qualified_names", spec)
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise DataFileError(f"{w}: each qualified name is a mapping with a 'name'")
        bare, sector = spec.get("bare"), spec.get("sector")
        if bare is not None and not dictionary.valid_code(str(bare)):
            raise DataFileError(f"{w}: {spec['name']}: unknown actor code {bare!r}")
        if sector not in dictionary.sectors:
            raise DataFileError(f"{w}: {spec['name']}: unknown sector {sector!r}")
        builder.add(spec["name"], Entry(INST, str(bare or ""), spec["name"], form="qualified",
                                        case="cap", qualified=str(sector)), w)

    unknown = data.get("unknown_actor") or {}
    if not isinstance(unknown, dict):
        raise DataFileError(f"{where('unknown_actor')}: unknown_actor must be a mapping")
    skip_sectors = flat("skip_sectors", unknown)
    bad = sorted(s.upper() for s in skip_sectors if s.upper() not in dictionary.sectors)
    if bad:
        raise DataFileError(f"{where('unknown_actor', unknown)}: unknown sectors {bad}")
    prefix = str(unknown.get("code_prefix", "---"))
    if len(prefix) != 3 or prefix.isalpha():
        raise DataFileError(f"{where('unknown_actor', unknown)}: code_prefix must be three "
                            f"non-letters (PETRARCH: '---')")
    return ActorContext(
        location_preps=flat("location_prepositions"),
        dateline_dashes=dashes, dateline_max=max_tokens,
        possessive_pronouns=flat("possessive_pronouns"),
        separatist_modifiers=tuple(_words(data.get("separatist_modifiers"),
                                          where("separatist_modifiers"),
                                          "separatist_modifiers")),
        entity_nouns=tuple(sorted(_words(data.get("entity_nouns"), where("entity_nouns"),
                                         "entity_nouns"), key=len, reverse=True)),
        separatist_sector=sep_sector, regions=regions,
        unknown_prefix=prefix,
        unknown_deps=frozenset(_str_list(unknown.get("deps"), where("unknown_actor", unknown),
                                         "deps")),
        unknown_skip_after=flat("skip_after", unknown),
        unknown_skip_sectors=frozenset(s.upper() for s in skip_sectors),
        unknown_skip_words=frozenset(_words(unknown.get("skip_words"),
                                            where("unknown_actor", unknown), "skip_words")),
        group_heads=flat("group_heads", unknown),
        mass_nouns=flat("mass_nouns", unknown),
        place_country_sectors=frozenset(s.upper() for s in flat("place_country_sectors",
                                                                unknown)),
        area_words=flat("area_words", unknown),
        place_only_sectors=frozenset(s.upper() for s in flat("place_only_sectors", unknown)),
        context_modifiers=flat("context_modifiers", unknown),
        context_possessors=flat("context_possessors", unknown),
        name_labels=frozenset(w.upper() for w in flat("name_labels", unknown)),
        name_place_labels=frozenset(w.upper() for w in flat("name_place_labels", unknown)),
        name_skip_heads=flat("name_skip_heads", unknown),
        name_after=flat("name_after", unknown),
        allegiance_words=flat("allegiance_words", unknown),
        name_place_deps=frozenset(_str_list(unknown.get("name_place_deps"),
                                            where("unknown_actor", unknown), "name_place_deps")),
    )


@functools.lru_cache(maxsize=1)
def actor_dictionary() -> ActorDictionary:
    """The packaged actor dictionary, loaded and validated once per process."""
    return load_actor_data(None)


# --------------------------------------------------------------------------- composition


@dataclass
class _Unit:
    start: int
    end: int
    entry: Entry


@dataclass
class _Phrase:
    """Units that form one noun phrase, with its token extent."""

    units: list[_Unit]

    @property
    def start(self) -> int:
        return self.units[0].start

    @property
    def end(self) -> int:
        return self.units[-1].end

    def kinds(self) -> list[str]:
        return [u.entry.kind for u in self.units]


def _is_glue(doc: Doc, i: int, lookup: bool) -> bool:
    """May token i sit inside a noun phrase between two units?"""
    tok = doc[i]
    low = tok.lower_
    if low in _GLUE:
        return True
    if low in _STOP or tok.is_punct or tok.is_space:
        return False
    if lookup or not tok.pos_:
        return tok.is_alpha
    if tok.is_alpha and any(0 <= k < len(doc) and doc[k].text in ("-", "–")
                            for k in (i - 1, i + 1)):
        return True  # a hyphenated modifier: "state-owned", "Kremlin-friendly"
    return tok.pos_ in ("ADJ", "NOUN", "PROPN", "NUM")


def _blocked(doc: Doc, unit: _Unit) -> bool:
    """'pro-Russian', 'Russian-backed': a country used as a stance, not as an actor."""
    s, e = unit.start, unit.end
    if s >= 2 and doc[s - 1].text in ("-", "–") and doc[s - 2].lower_ in _STANCE_PREFIX:
        return True
    if e + 1 < len(doc) and doc[e].text in ("-", "–") and doc[e + 1].lower_ in _HYPHEN_SUFFIX:
        return True
    return False


def _phrases(doc: Doc, units: list[_Unit], lookup: bool,
             area: frozenset[str] = frozenset()) -> list[_Phrase]:
    """Group units into noun phrases: adjacent (up to three glue tokens), one owner each."""
    phrases: list[_Phrase] = []
    current: list[_Unit] = []
    for unit in units:
        if current:
            prev = current[-1]
            gap = range(prev.end, unit.start)
            joined = len(gap) <= 3 and all(_is_glue(doc, k, lookup) for k in gap)
            if joined and not lookup and unit.start < len(doc) and doc[unit.start].is_sent_start:
                joined = False
            kinds = [u.entry.kind for u in current]
            if joined and unit.entry.kind in _OWNER_KINDS and not (
                    unit.entry.qualified and any(k in _OWNER_KINDS or k == PERSON
                                                 for k in kinds)):
                # An owner opens its phrase: "Russia-Ukraine" is two, "Putin's Russia" is
                # two, "to force NATO" is not a NATO force. Only "of"/"in" links reach back,
                # and a qualified name takes the owner before it ("Russia's Security Council").
                joined = False
            if joined and PERSON in kinds and unit.entry.kind in (OFFICE, PERSON, GROUP):
                joined = False
            if joined and unit.entry.kind == PERSON and any(
                    doc[k].text[:1].isupper() and doc[k].is_alpha for k in gap):
                # "Washington Post Hit Piece Exploits Trump": a headline, not a title.
                joined = False
            if not joined and unit.entry.kind in _OWNER_KINDS and len(gap) <= 3 \
                    and not any(k in _OWNER_KINDS or k == PERSON for k in kinds) \
                    and _links(doc, gap, current[-1].entry, lookup, area) \
                    and (doc[gap[-1]].lower_ in _LINK_OF or unit.entry.kind in (COUNTRY, PLACE)):
                joined = True  # "president of Armenia", "separatists in Donbas"
            if not joined:
                phrases.append(_Phrase(current))
                current = []
        current.append(unit)
    if current:
        phrases.append(_Phrase(current))
    return phrases


def _links(doc: Doc, gap: range, head: Entry, lookup: bool,
           area: frozenset[str] = frozenset()) -> bool:
    """'president of Armenia', 'separatists in Donbas', 'opposition groups in Zimbabwe'."""
    ks = [k for k in gap if doc[k].lower_ != "the"]
    while len(ks) > 1 and doc[ks[-1]].lower_ in area and doc[ks[-2]].lower_ in _LINK_IN:
        ks.pop()  # "separatists in eastern Ukraine"
    if not ks or len(ks) > 2 or head.kind not in (SECTOR, OFFICE, GROUP):
        return False
    if any(not _is_glue(doc, k, lookup) for k in ks[:-1]):
        return False
    word = doc[ks[-1]].lower_
    if word in _LINK_OF:
        # "police shootings of X" is not X's police; "King Hassan of Morocco" is Morocco's.
        return len(ks) == 1 or (head.kind == OFFICE and doc[ks[0]].text[:1].isupper())
    return word in _LINK_IN and head.kind == SECTOR and head.located


def _unknown_name_after(doc: Doc, i: int, lookup: bool) -> int:
    """End of a run of capitalized name tokens starting at i (i itself when there is none)."""
    if i >= len(doc) or not doc[i].is_alpha or not doc[i].text[:1].isupper():
        return i
    if not lookup and doc.has_annotation("ENT_IOB"):
        if doc[i].ent_type_ != "PERSON" or doc[i].ent_iob_ != "B":
            return i
        j = i + 1  # the whole entity: "Park Geun-hye"
        while j < len(doc) and doc[j].ent_iob_ == "I" and j - i < 6:
            j += 1
        return j
    j = i
    while j < len(doc) and j - i < 4 and doc[j].is_alpha and doc[j].text[:1].isupper():
        j += 1
    return j


@dataclass
class _Found:
    start: int
    end: int
    actor: Actor
    via: str
    person: str | None = None  # person id when the mention is a known person
    gender: str | None = None
    person_like: bool = False  # a person (known or not): a candidate for pronouns
    office: str | None = None
    qualified: str | None = None  # a qualified name read alone: the sector an owner gives it
    place: bool = False  # a place named alone (country, region, capital, city)


def _compose(doc: Doc, matches: Sequence[tuple[int, int, Entry]], dic: ActorDictionary,
             date: str | None, lookup: bool = False) -> list[tuple[int, int, Actor, str]]:
    found = _compose_found(doc, matches, dic, date, lookup)
    return [(f.start, f.end, f.actor, f.via) for f in found]


def _compose_found(doc: Doc, matches: Sequence[tuple[int, int, Entry]], dic: ActorDictionary,
                   date: str | None, lookup: bool) -> list[_Found]:
    units = [_Unit(s, e, en) for s, e, en in matches]
    units = [u for u in units if not (u.entry.kind in _OWNER_KINDS and _blocked(doc, u))]
    covered = {i for u in units for i in range(u.start, u.end)}
    for u in units:
        # "Francois Mitterand": a first name we know, before a surname we know.
        if u.entry.kind == PERSON and u.start > 0 and u.start - 1 not in covered and any(
                doc[u.start - 1].lower_ in dic.people[p].first_names for p in u.entry.persons):
            u.start -= 1
            covered.add(u.start)
    units = [u for u in units if not (u.entry.kind == PERSON and u.end - u.start == 1
                                      and _inside_other_name(doc, u, covered, lookup))]
    units = _separatist_units(doc, units, dic)
    out: list[_Found] = []
    phrases = _phrases(doc, units, lookup, dic.context.area_words)
    # "Russian and American citizens": a lone owner before 'and' shares the next head.
    shared: dict[int, _Unit] = {}
    for a, b in zip(phrases, phrases[1:], strict=False):
        if a.kinds() == [COUNTRY] and a.units[0].entry.form in ("adj", "name") \
                and b.units[0].entry.kind \
                in _OWNER_KINDS and b.units[-1].entry.kind in (SECTOR, OFFICE) \
                and b.start - a.end == 1 and doc[a.end].lower_ in ("and", "or", ","):
            shared[id(a)] = b.units[-1]
    seen: list[str] = []  # people named so far, for ambiguous surnames later on
    for phrase in phrases:
        f = _resolve_phrase(doc, phrase, dic, date, lookup, shared.get(id(phrase)), seen)
        if f is None and not lookup:
            f = _unknown_actor(doc, phrase, dic, out)
        if f is not None:
            out.append(f)
            if f.person is not None and f.via == "person":
                seen.append(f.person)
    if lookup and out:
        out = _lookup_head(doc, units, out, dic)
    return out


def _inside_other_name(doc: Doc, unit: _Unit, covered: set[int], lookup: bool) -> bool:
    """'Hunter Biden', 'Michel Aoun': a one-word name that is part of a longer unknown name."""
    for k in (unit.start - 1, unit.end):
        if k < 0 or k >= len(doc) or k in covered:
            continue
        tok = doc[k]
        if not tok.is_alpha or not tok.text[:1].isupper() or tok.lower_ in _HONORIFICS:
            continue
        if lookup or not tok.pos_:
            return True
        if tok.pos_ == "PROPN" and tok.ent_type_ in ("PERSON", ""):
            return True
    return False


def _resolve_phrase(doc: Doc, phrase: _Phrase, dic: ActorDictionary, date: str | None,
                    lookup: bool, borrowed_head: _Unit | None,
                    seen: Sequence[str] = ()) -> _Found | None:
    owner: Entry | None = None
    person_unit: _Unit | None = None
    office_unit: _Unit | None = None
    sector: Entry | None = None
    sector_after_office = sector_before_office = False
    for unit in phrase.units:
        kind = unit.entry.kind
        if kind in _OWNER_KINDS:
            owner = unit.entry
        elif kind == PERSON:
            person_unit = unit
        elif kind == OFFICE:
            office_unit = unit
            # "Afghan rebel leader": the leader of a sector, not the office of the country.
            sector_before_office = sector is not None
        elif kind == SECTOR:
            # The last one is the head ("government troops" -> MIL) unless it is a weak
            # head after another sector ("rebel leaders" -> REB).
            if not (unit.entry.weak and sector is not None):
                sector = unit.entry
            sector_after_office = office_unit is not None
    if borrowed_head is not None:
        if borrowed_head.entry.kind == SECTOR:
            sector = borrowed_head.entry
        else:
            office_unit = borrowed_head
    office = office_unit.entry if office_unit is not None else None
    start, end = phrase.start, phrase.end
    last = phrase.units[-1]
    if last.entry.qualified and len(phrase.units) > 1:
        found = _qualified(doc, phrase, dic, date, seen)
        if found is not None:
            return found

    if person_unit is not None:
        person = _pick_person(person_unit.entry.persons, dic, owner, office, date, seen)
        if person is None:
            return None
        after = [u for u in phrase.units if u.start >= person_unit.end]
        if after and after[0].start == person_unit.end and after[-1].entry.kind == SECTOR \
                and sector is not None:
            # "a Biden administration official": the person's side, not the person.
            base = _owner(person.actor_on(date).code)
            code = _with_sector(base, sector.code, dic)
            return _Found(start, end, _actor_for_code(code, _name(doc, start, end), "group"),
                          "dictionary")
        # The person with the titles before the name: "Russian President Vladimir Putin"
        # (not "network President ..." nor "Putin's troops").
        first = next(u for u in phrase.units if u.entry.kind in _OWNER_KINDS
                     or u.entry.kind in (OFFICE, PERSON))
        actor = _titled_actor(person, owner, office, date)
        return _Found(first.start, person_unit.end, actor, "person", person.id, person.gender,
                      True)

    if office is not None and office_unit is not None and not sector_after_office \
            and not sector_before_office:
        # "the former Ukrainian president" is not whoever holds the office now.
        former = _is_former(doc, start, office_unit.start)
        sector_code = "ELI" if former else office.code
        if office_unit is phrase.units[-1] and borrowed_head is None:
            name_end = _unknown_name_after(doc, end, lookup)
            if name_end > end:
                # "Lithuanian Defence Minister Arvydas Anusauskas" (not in the dictionary)
                if owner is None:
                    return None
                code = _with_sector(_owner(owner.code), sector_code, dic)
                name = doc[end:name_end].text
                return _Found(start, name_end, _actor_for_code(code, name, "person"), "role",
                              person_like=True)
        if owner is None:
            if former or (end < len(doc) and doc[end].lower_ == "of"):
                return None  # "the former president", "the president of the company"
            return _Found(start, end, Actor(code="", name="", sector=office.code), "coref",
                          office=office.office)
        # A city's mayor is not the capital's: offices of places are not looked up.
        holder = None if former or owner.kind == PLACE else dic.holder(
            _owner(owner.code), office.office, date)
        if holder is not None:
            return _Found(start, end, holder.actor_on(date), "role", holder.id, holder.gender,
                          True)
        code = _with_sector(_owner(owner.code), sector_code, dic)
        return _Found(start, end, _actor_for_code(code, _name(doc, start, end), "group"), "role")

    if owner is None:
        return None
    if sector is not None and _unknown_proper_name(doc, phrase, lookup):
        # "American Civil Liberties Union": an organization we do not know; its
        # capitalized "Union" is part of its name, not the sector of a country.
        return _Found(start, end, _actor_for_code(_owner(owner.code) if owner.kind != IGO
                                                  else owner.code, _name(doc, start, end),
                                                  "org"), "dictionary")
    if sector is not None:
        if owner.kind == IGO:
            actor = Actor(code=owner.code, name=owner.name, country=None, sector=sector.code,
                          kind="igo")
        else:
            code = _with_sector(_owner(owner.code), sector.code, dic)
            name_end = end
            if phrase.units[-1].entry.kind == SECTOR and borrowed_head is None:
                name_end = _unknown_name_after(doc, end, lookup)
            if name_end > end:
                # "Ukrainian lawmaker Oleksiy Honcharenko": a person the dictionary lacks.
                actor = _actor_for_code(code, doc[end:name_end].text, "person")
                return _Found(start, name_end, actor, "person", person_like=True)
            actor = _actor_for_code(code, _name(doc, start, end), "group")
        return _Found(start, end, actor, "dictionary")
    if owner.kind == IGO:
        return _Found(start, end, Actor(code=owner.code, name=owner.name, kind="igo"),
                      "dictionary", qualified=owner.qualified or None)
    if owner.qualified and not owner.code:
        # "the Defence Council" alone: a body of some unnamed state.
        code = dic.context.unknown_prefix + owner.qualified
        return _Found(start, end, Actor(code=code, name=_name(doc, start, end), country=None,
                                        sector=owner.qualified, kind="org"), "unknown",
                      qualified=owner.qualified)
    code = owner.code
    kind = {COUNTRY: "country", INST: "org", PLACE: "place"}[owner.kind]
    if owner.kind == COUNTRY and code in dic.context.regions:
        kind = "region"
    if owner.kind == COUNTRY and owner.form == "demonym":
        kind = "group"
    elif owner.kind == COUNTRY and owner.form == "capital":
        kind = "org"
        if _after_locative(doc, start):
            # "fighting in central Kyiv": the city as a place, coded as its people
            # (the PETRARCH/PLOVER convention for cities that are not subject or object).
            code, kind = _owner(code) + "CVL", "group"
    if owner.kind == COUNTRY and owner.form in ("name", "adj"):
        name = owner.name
    else:
        name = _name(doc, start, end)  # "Meduza", "the Pentagon", "Russians"
    place = owner.kind == PLACE or (owner.kind == COUNTRY and owner.form in ("name", "capital"))
    return _Found(start, end, _actor_for_code(code, name, kind), "dictionary",
                  qualified=owner.qualified or None, place=place)


def _qualified(doc: Doc, phrase: _Phrase, dic: ActorDictionary, date: str | None,
               seen: Sequence[str]) -> _Found | None:
    """A qualified name after its owner: "Russia's Security Council" -> RUSGOV."""
    base = None
    for u in phrase.units[:-1]:
        if u.entry.kind in _OWNER_KINDS and u.entry.code:
            base = _owner(u.entry.code)
        elif u.entry.kind == PERSON:
            person = _pick_person(u.entry.persons, dic, None, None, date, seen)
            if person is not None:
                base = _owner(person.actor_on(date).code)
    if base is None:
        return None
    code = _with_sector(base, phrase.units[-1].entry.qualified, dic)
    return _Found(phrase.start, phrase.end, _actor_for_code(code, _name(doc, phrase.start,
                                                                        phrase.end), "org"),
                  "dictionary")


def _ends_with(lowers: Sequence[str], at: int, words: Sequence[tuple[str, ...]]) -> bool:
    """Do the tokens just before `at` spell one of `words`?"""
    return any(at >= len(w) and tuple(lowers[at - len(w):at]) == w for w in words)


def _starts_with(lowers: Sequence[str], at: int, words: Sequence[tuple[str, ...]]) -> int:
    """End of the first of `words` (longest first) spelled from `at`; `at` when none."""
    for w in words:
        if tuple(lowers[at:at + len(w)]) == w:
            return at + len(w)
    return at


def _separatist_units(doc: Doc, units: list[_Unit], dic: ActorDictionary) -> list[_Unit]:
    """Places named as separatist entities become their country's separatists (REB).

    "the breakaway Donetsk region", "the self-proclaimed Luhansk people's republic",
    "the Donetsk and Luhansk people's republics" (coordinated places share the noun or
    the modifier). The modifiers and nouns are tables in context.yaml.
    """
    ctx = dic.context
    if not units or not (ctx.separatist_modifiers or ctx.entity_nouns):
        return units
    lowers = _lowers(doc)
    places = [k for k, u in enumerate(units) if u.entry.kind == PLACE]
    if not places:
        return units
    ends: dict[int, int] = {}  # unit index -> new end (past the entity noun)
    for k in places:
        u = units[k]
        noun_end = _starts_with(lowers, u.end, ctx.entity_nouns)
        if noun_end > u.end or _ends_with(lowers, u.start, ctx.separatist_modifiers):
            ends[k] = noun_end
    # Coordinated places: "Donetsk and Luhansk people's republics", "the breakaway
    # Abkhazia and South Ossetia regions".
    for k in places:
        nxt = k + 1
        if nxt >= len(units) or units[nxt].entry.kind != PLACE:
            continue
        a, b = units[k], units[nxt]
        if b.start - a.end == 1 and lowers[a.end] in ("and", "or", ","):
            if k in ends and nxt not in ends:
                ends[nxt] = _starts_with(lowers, b.end, ctx.entity_nouns)
            elif nxt in ends and k not in ends and ends[nxt] > b.end:
                ends[k] = a.end
    if not ends:
        return units
    out: list[_Unit] = []
    reach = -1
    for k, u in enumerate(units):
        if u.start < reach:
            continue  # inside an entity noun: "people" of "people's republics"
        if k in ends:
            end = ends[k]
            code = _owner(u.entry.code)[:3] + ctx.separatist_sector
            out.append(_Unit(u.start, end, Entry(INST, code, doc[u.start:end].text,
                                                 form="separatist")))
            reach = end
            continue
        out.append(u)
    return out


def _known_inside(dic: ActorDictionary, doc: Doc, head: Any, phrase: _Phrase) -> bool:
    """Does the head's own noun phrase (its modifiers, not clauses) name a known actor?"""
    lo, hi = phrase.start, head.i + 1
    for c in head.children:
        if c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children):
            continue  # "rebels of shelling a school in X": a clause, not the phrase
        if c.dep_ in ("prep", "amod", "compound", "poss", "nmod", "appos"):
            sub = list(c.subtree)
            lo, hi = min(lo, sub[0].i), max(hi, sub[-1].i + 1)
    if (lo, hi) == (phrase.start, head.i + 1):
        return False
    lowers = _lowers(doc)
    for i in range(lo, hi):
        if phrase.start <= i < phrase.end:
            continue
        hit = dic._longest_at(doc, lowers, i)
        if hit is None or hit[2].kind not in (COUNTRY, IGO, INST, PLACE, PERSON) \
                or hit[1] > hi or _blocked(doc, _Unit(*hit)):
            continue  # "Russian-backed rebels": a stance, not an owner
        place_head = doc[hit[1] - 1]
        while place_head.dep_ == "compound" and place_head.head.i != place_head.i:
            place_head = place_head.head  # "in Luhansk region"
        place_head = _conj_root(place_head)
        if hit[2].kind in (COUNTRY, PLACE) and place_head.dep_ == "pobj" \
                and place_head.head.lower_ in dic.context.location_preps:
            continue  # "separatist leaders in Donetsk": where they are, not who speaks
        return True
    return False


def _conj_root(tok: Any) -> Any:
    """The first conjunct of a coordination ("Kyiv and Lviv": Lviv -> Kyiv)."""
    hops = 0
    while tok.dep_ == "conj" and tok.head.i != tok.i and hops < 6:
        tok = tok.head
        hops += 1
    return tok


def _unknown_actor(doc: Doc, phrase: _Phrase, dic: ActorDictionary,
                   before: Sequence[_Found]) -> _Found | None:
    """A noun phrase headed by a sector word that no owner, person or name explains.

    "a court", "students", "opposition parties", "the company", "an unnamed official":
    the actor is kept with its text, code "---" + sector (or the article's country +
    sector when a modifier ties it to the country: "local officials", "the country's
    opposition"). The tables are in context.yaml (unknown_actor).
    """
    ctx = dic.context
    if not ctx.unknown_deps or not doc.has_annotation("DEP"):
        return None
    if any(u.entry.kind in _OWNER_KINDS or u.entry.kind in (PERSON, OFFICE)
           for u in phrase.units):
        return None
    sector: _Unit | None = None
    for u in phrase.units:
        if u.entry.kind == SECTOR and not (u.entry.weak and sector is not None):
            sector = u
    if sector is None or sector.entry.code in ctx.unknown_skip_sectors:
        return None
    if tuple(t.lower_ for t in doc[sector.start:sector.end]) in ctx.unknown_skip_words:
        return None
    head = doc[phrase.end - 1]
    if phrase.units[-1].entry.kind == SECTOR and head.dep_ == "compound" \
            and head.head.i > head.i and head.head.i - head.i <= 2 \
            and head.head.lower_ in ctx.group_heads:
        head = head.head  # "opposition groups", "rebel representatives"
    if head.pos_ != "NOUN" or any(doc[k].pos_ == "PROPN" and not doc[k].is_sent_start
                                  for k in range(sector.start, sector.end)):
        return None  # a name we do not know ("Ministry of Magic") is not a generic phrase
    first = _conj_root(head)
    if first.dep_ not in ctx.unknown_deps or head.dep_ not in ctx.unknown_deps:
        return None
    if first.dep_ == "pobj" and first.head.lower_ in ctx.unknown_skip_after:
        return None
    if any(c.dep_ == "poss" and c.lower_ not in ctx.context_possessors for c in head.children):
        return None  # "its ambassador", "Moscow's envoys": someone's own, for coreference
    if head.tag_ == "NN" and head.lower_ not in ctx.mass_nouns and not any(
            c.dep_ in ("det", "poss", "amod", "compound", "nmod") for c in head.children):
        return None  # a bare singular count noun: "he said government proposed"
    if _known_inside(dic, doc, head, phrase):
        return None  # "doctors from two American aid groups": the known actor inside speaks
    start = phrase.start
    floor = before[-1].end if before else 0
    while start - 1 >= floor and doc[start - 1].head.i in range(start, head.i + 1) and (
            doc[start - 1].dep_ in ("amod", "compound", "nmod", "npadvmod", "nummod")
            or doc[start - 1].text in ("-", "–")):
        start -= 1  # "Russian-backed rebels", "striking miners", "human rights lawyers"
    while start < phrase.start and doc[start].text in ("-", "–"):
        start += 1
    end = head.i + 1
    country = None
    ties = [c for c in head.children
            if (c.dep_ in ("amod", "compound") and c.lower_ in ctx.context_modifiers)
            or (c.dep_ == "poss" and c.lower_ in ctx.context_possessors)]
    if ties:
        # The country of the last place or state body named before ("a court in Moscow
        # ... the country's"), not of a foreign medium or an envoy reporting on it.
        for f in reversed(before):
            a = f.actor
            if a.country and a.country not in ctx.regions and f.via != "unknown" \
                    and (f.place or a.sector in _STATE_SECTORS):
                country = a.country
                break
    code = (country or ctx.unknown_prefix) + sector.entry.code
    actor = Actor(code=code, name=doc[start:end].text, country=country,
                  sector=sector.entry.code, kind="group")
    return _Found(start, end, actor, "unknown")


def _unknown_proper_name(doc: Doc, phrase: _Phrase, lookup: bool) -> bool:
    """Is the phrase the name of an organization we do not know?

    Its head sector word is capitalized, capitalized words no unit explains sit between
    its units, and no person's name follows (that would make it a title: "Serbian Labour
    Minister Dragan Milovanovic").
    """
    last = phrase.units[-1]
    if last.entry.kind != SECTOR or not doc[last.start].text[:1].isupper():
        return False
    if _unknown_name_after(doc, last.end, lookup) > last.end:
        return False
    for a, b in zip(phrase.units, phrase.units[1:], strict=False):
        for k in range(a.end, b.start):
            tok = doc[k]
            if tok.is_alpha and tok.text[:1].isupper() and tok.lower_ not in _FORMER and (
                    lookup or not tok.pos_ or tok.pos_ == "PROPN"):
                return True
    return False


def _is_former(doc: Doc, start: int, office_start: int) -> bool:
    """'former president', 'Ukraine's ex-prime minister', 'ousted President X'."""
    k = start - 1
    while k >= 0 and doc[k].lower_ in ("the", "a", "an", "-"):
        k -= 1
    words = {doc[i].lower_ for i in range(start, office_start)}
    if k >= 0:
        words.add(doc[k].lower_)
    return not words.isdisjoint(_FORMER)


def _after_locative(doc: Doc, start: int) -> bool:
    """Is the phrase at `start` the object of a place preposition ("in", "near" ...)?"""
    k = start - 1
    skipped = 0
    while k >= 0 and skipped < 2 and doc[k].lower_ not in _LOCATIVE and (
            doc[k].lower_ in ("the", "central", "eastern", "western", "northern", "southern",
                              "downtown", "greater")):
        k -= 1
        skipped += 1
    return k >= 0 and doc[k].lower_ in _LOCATIVE


def _with_sector(base: str, sector: str, dic: ActorDictionary) -> str:
    """RUS + MIL -> RUSMIL; a base that has a sector already keeps its country only."""
    if base.startswith(_IGO_PREFIXES):
        return base
    return base[:3] + sector


def _name(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _titled_actor(person: Person, owner: Entry | None, office: Entry | None,
                  date: str | None) -> Actor:
    """The person as the title before the name says: "NATO Secretary General Jens
    Stoltenberg" is NATO's even on a date (or with none) when another role is his; with
    no title, or none of his roles fits it, the role held on the date."""
    if owner is None or not owner.code:
        return person.actor_on(date)
    fits = [r for r in person.roles if _owner(r.code) == _owner(owner.code)
            and (office is None or r.office == office.office)]
    if not fits or any(r.valid_on(date) for r in fits if date is not None):
        return person.actor_on(date)
    role = max(fits, key=lambda r: r.start or "")
    return _actor_for_code(role.code, person.name, "person", person.wikidata)


def _pick_person(ids: tuple[str, ...], dic: ActorDictionary, owner: Entry | None,
                 office: Entry | None, date: str | None,
                 seen: Sequence[str] = ()) -> Person | None:
    """One person for a name; an ambiguous surname ("Bush", "Castro") by context."""
    people = [dic.people[i] for i in ids]
    if len(people) == 1:
        return people[0]
    # Named in full earlier in the article: the latest such one.
    for pid in reversed(seen):
        if pid in ids:
            return dic.people[pid]
    # The title and country around the surname.
    if owner is not None or office is not None:
        fits = [p for p in people
                if (owner is None or p.country == _owner(owner.code)
                    or any(_owner(r.code) == _owner(owner.code) for r in p.roles))
                and (office is None or any(r.office == office.office for r in p.roles))]
        if fits:
            people = fits
    if len(people) == 1:
        return people[0]
    # The one in office on the date; else the one who left office last before it.
    if date is None:
        return max(people, key=lambda p: max(r.start or "" for r in p.roles))
    active = [p for p in people if p.role_on(date) is not None]
    if len(active) == 1:
        return active[0]
    ended = [(max(r.end for r in p.roles if r.end and r.end <= date), p) for p in people
             if any(r.end and r.end <= date for r in p.roles)]
    if not active and ended:
        return max(ended, key=lambda e: e[0])[1]
    return None


def _lookup_head(doc: Doc, units: list[_Unit], found: list[_Found],
                 dic: ActorDictionary) -> list[_Found]:
    """Free text: a sector head before any actor borrows the first owner after it.

    "a group of academics surveying Russian popular opinion" -> RUSEDU.
    """
    first = found[0]
    for unit in units:
        if unit.start >= first.start:
            break
        if unit.entry.kind == SECTOR and first.actor.country and first.actor.sector is None \
                and first.via == "dictionary":
            code = first.actor.country + unit.entry.code
            actor = _actor_for_code(code, doc_text(doc), "group")
            return [_Found(unit.start, first.end, actor, "dictionary")] + found[1:]
    return found


# --------------------------------------------------------------------------- the stage


def find_actors(doc: Doc, date: str | None, dic: ActorDictionary | None = None
                ) -> list[tuple[int, int, Actor, str]]:
    """(token_start, token_end, actor, via) for every actor mention in a parsed Doc."""
    dic = dic or actor_dictionary()
    date = _norm_date(date)
    found = _compose_found(doc, dic.match(doc), dic, date, lookup=False)
    found = _corefer(doc, found, dic, date)
    found = _unknown_names(doc, found, dic)
    found = _drop_datelines(doc, found, dic)
    _own_qualified(doc, found, dic)
    _mark_locations(doc, found, dic)
    _place_countries(doc, found, dic)
    return [(f.start, f.end, f.actor, f.via) for f in found]


def _unknown_names(doc: Doc, found: list[_Found], dic: ActorDictionary) -> list[_Found]:
    """Proper names the dictionaries do not know, in an actor's place in the parse.

    "the FBI opened an investigation of Flynn", "a court convicted Siemens": the name is
    kept as an actor with its text, code "---" (plus the sector its head word names:
    "Grameen Bank" -> ---BUS), no country. Which entity labels qualify is data
    (context.yaml, unknown_actor.name_labels); place-like labels count only as a subject
    or object (a town after "in" is where, not who).
    """
    ctx = dic.context
    if not ctx.name_labels or not doc.has_annotation("DEP"):
        return found
    covered = {i for f in found for i in range(f.start, f.end)}
    titles = {i for f in found if f.via == "unknown" and f.office is not None
              for i in range(f.start, f.end)}  # bare titles: "Vice-President" (Moody Awori)
    lowers = _lowers(doc)
    new: list[_Found] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.i in covered or tok.dep_ not in ctx.unknown_deps:
            continue
        label = tok.ent_type_ or "NONE"
        if label not in ctx.name_labels and not (
                label in ctx.name_place_labels and tok.dep_ in ctx.name_place_deps):
            continue
        first = _conj_root(tok)
        if first.dep_ == "pobj" and first.head.lower_ in ctx.unknown_skip_after \
                and first.head.lower_ not in ctx.name_after:
            continue
        if first.dep_ == "pobj" and first.head.lower_ == "of" and \
                _title_word(doc, lowers, first.head.head.i, dic):
            continue  # "the Secretary of State": part of a title
        if any(c.dep_ in ("amod", "compound", "poss", "appos", "nmod") and c.i in covered
               and c.i not in titles for c in tok.children):
            continue  # "Iraqi Kurds", "X, the UN's envoy": the known actor says who
        start, end = _name_span(doc, tok, covered)
        if not any(doc[k].is_alpha and doc[k].text[:1].isupper() for k in range(start, end)):
            continue
        if 0 < start and end < len(doc) and doc[start - 1].text == "(" and doc[end].text == ")":
            continue  # "(AKK)": the short form of the name before it
        if lowers[end - 1] in ctx.name_skip_heads:
            continue  # "the Esfahan Uranium Conversion Facilities": a place, not an actor
        if all(_title_word(doc, lowers, k, dic) for k in range(start, end)):
            continue  # "the President", "the Commission": a title, not a name
        hit = dic._longest_at(doc, lowers, end - 1)
        sector = hit[2].code if hit is not None and hit[2].kind == SECTOR \
            and hit[1] == end else None
        bare = next((f for f in found if f.end == start and f.office is not None
                     and f.via == "unknown"), None)
        if bare is not None:  # "Vice-President Moody Awori": the bare title is his
            found = [f for f in found if f is not bare]
            start, sector = bare.start, sector or bare.actor.sector
        title = _title_before(doc, lowers, start, end, covered, dic)
        if title is not None:  # "President Dos Santos": an office no owner was named for
            start, sector = title[0], sector or title[1]
        person = label == "PERSON"
        actor = Actor(code=ctx.unknown_prefix + (sector or ""), name=doc[start:end].text,
                      country=None, sector=sector, kind="person" if person else "org")
        new.append(_Found(start, end, actor, "unknown", person_like=person))
        covered.update(range(start, end))
    if not new:
        return found
    return sorted(found + new, key=lambda f: f.start)


def _entity_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) of the Doc's entities, read once per Doc: `doc.ents` builds every Span
    anew on each access (plain ints in user_data, so no Span holds the Doc in a cycle)."""
    bounds = doc.user_data.get("faultline_ent_bounds")
    if bounds is None:
        bounds = doc.user_data["faultline_ent_bounds"] = [(e.start, e.end) for e in doc.ents]
    return list(bounds)


def _name_span(doc: Doc, tok: Any, covered: set[int]) -> tuple[int, int]:
    """Token span of the proper name headed by `tok`: the model's entity around it when it
    has one ("Commission for Assistance to a Free Cuba"), else its compound/flat words."""
    ent = next(((a, b) for a, b in _entity_bounds(doc) if a <= tok.i < b), None) \
        if tok.ent_type_ in ("PERSON", "ORG") else None
    if ent is not None:
        start, end = ent
        while start < tok.i and (start in covered or not doc[start].text[:1].isupper()
                                 or doc[start].lower_ in ("the", "a", "an")):
            start += 1
        while end - 1 > tok.i and doc[end - 1].is_punct:
            end -= 1
        if not any(k in covered for k in range(start, end)):
            return start, end
    start = tok.i
    while start - 1 >= 0 and start - 1 not in covered and doc[start - 1].head.i == tok.i \
            and doc[start - 1].dep_ in ("compound", "flat") and doc[start - 1].pos_ == "PROPN":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and end not in covered and doc[end].head.i == tok.i \
            and doc[end].dep_ == "flat" and doc[end].pos_ == "PROPN":
        end += 1
    return start, end


def _title_word(doc: Doc, lowers: list[str], k: int, dic: ActorDictionary) -> bool:
    """Is token k a title or sector word, or a function word ("of")?"""
    if not doc[k].is_alpha or doc[k].is_stop:
        return True
    hit = dic._longest_at(doc, lowers, k)
    return hit is not None and hit[2].kind in (OFFICE, SECTOR)


def _title_before(doc: Doc, lowers: list[str], start: int, end: int, covered: set[int],
                  dic: ActorDictionary) -> tuple[int, str] | None:
    """(first token, sector) of the office or sector word that titles the name
    doc[start:end], just before it or inside it ("Prime Minister Mahendra Chaudhry")."""
    best: tuple[int, str] | None = None
    for k in range(max(0, start - 4), end - 1):
        if k < start and any(i in covered for i in range(k, start)):
            continue
        hit = dic._longest_at(doc, lowers, k)
        if hit is not None and start <= hit[1] < end and hit[2].kind in (OFFICE, SECTOR) \
                and hit[2].code:
            best = (min(k, start), hit[2].code)
    return best


def _place_countries(doc: Doc, found: list[_Found], dic: ActorDictionary) -> None:
    """An unknown actor without a country takes its sentence's one country.

    The country of a known actor it is coordinated with ("Israeli helicopters and tanks"),
    else the only country its sentence names ("Riot police dispersed demonstrators in
    Monrovia", "Cairo's security chief warned that police ..."); with two countries in
    the sentence, or none, the country stays unknown.
    """
    if not doc.has_annotation("SENT_START"):
        return
    ctx = dic.context
    by_token = {i: g for g in found for i in range(g.start, g.end)}
    for k, f in enumerate(found):
        if f.via != "unknown" or f.actor.country is not None or (
                f.actor.sector is None and f.actor.kind != "org"):
            continue  # a person we do not know ("Flynn") is no country's by being near one
        country = None
        head = doc[f.end - 1]
        first = _conj_root(head)
        partner = by_token.get(first.i) if first is not head else None
        if partner is not None and partner.via != "unknown" and partner.actor.country \
                and partner.actor.country not in ctx.regions:
            country = partner.actor.country
        sent = doc[f.start].sent
        reported = _reported_clause(head)
        local = (f.actor.sector or "") in ctx.place_country_sectors
        place_only = (f.actor.sector or "") in ctx.place_only_sectors
        countries = {g.actor.country for g in found
                     if g.via != "unknown" and sent.start <= g.start < sent.end
                     and (local or g.via != "location")
                     and (not place_only or g.via == "location")
                     # a bare title ("the president warned") is not of the country named
                     # alone in its sentence, which is as often the one it speaks of
                     and (f.office is None or g.actor.sector is not None)
                     and g.actor.country and g.actor.country not in ctx.regions
                     # "analysts said Beijing could ...": what a phrase says is no sign of
                     # whose it is
                     and g.start not in reported}
        if country is None and len(countries) == 1:
            country = countries.pop()
            named = any(t.is_alpha and t.text[:1].isupper() and not t.is_sent_start
                        for t in doc[f.start:f.end])
            same = {g.actor.code for g in found if g.via != "unknown"
                    and sent.start <= g.start < sent.end}
            if named and country + (f.actor.sector or "") in same:
                country = None  # "Ethiopian troops ... Tigrayan forces": another side
        if country is not None:
            sector = f.actor.sector or ""
            found[k] = _Found(f.start, f.end, Actor(
                code=country + sector, name=f.actor.name, country=country, sector=sector or None,
                kind=f.actor.kind), "unknown")


def _reported_clause(head: Any) -> range | frozenset[int]:
    """The tokens of the clause the verb governing `head` (its subject or object) reports
    or is told: the subtree of that verb's clausal complement with a subject of its own
    (a finite clause, not 'allowed the leader to speak'); empty when it has none."""
    if head.dep_ not in ("nsubj", "dobj", "dative") or head.head.pos_ not in ("VERB", "AUX"):
        return frozenset()
    comp = [c for c in head.head.children if c.dep_ in ("ccomp", "parataxis")
            and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
            and not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    if not comp:
        return frozenset()
    return range(min(c.left_edge.i for c in comp), max(c.right_edge.i for c in comp) + 1)


def _datelines(doc: Doc, dic: ActorDictionary) -> list[tuple[int, int]]:
    """Token spans of datelines: "LONDON —", "KYIV, Ukraine —", "BRUSSELS, Feb 16 (AP) -"."""
    ctx = dic.context
    if not ctx.dateline_dashes:
        return []
    spans = []
    n = len(doc)
    lowers = _lowers(doc)
    for i in _line_starts(doc):
        tok = doc[i]
        if tok.is_space or not tok.is_alpha or len(tok.text) < 2:
            continue
        if not tok.text.isupper() and not _place_then_comma(doc, lowers, i, dic):
            continue  # "Tehran, March 15, IRNA -": a place written in title case, a comma
        for j in range(i + 1, min(n, i + ctx.dateline_max + 1)):
            t = doc[j]
            if t.text in ctx.dateline_dashes:
                if j > i:
                    spans.append((i, j))
                break
            if "\n" in t.text or (t.is_alpha and not t.text[:1].isupper()):
                break  # a lower-case word: a sentence, not a dateline
    return spans


def dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans (first word, dash) of the Doc's datelines, for stages that read past them."""
    return _datelines(doc, actor_dictionary())


def _line_starts(doc: Doc) -> list[int]:
    """The tokens that open a line: the first, and each one whose previous token's text or
    trailing space holds a line break (found from the text's line breaks, not token by
    token)."""
    if not len(doc):
        return []
    text = doc_text(doc)
    starts = [int(i) for i in doc.to_array([IDX]).tolist()]
    found = [0]
    for m in re.finditer("\n", text):
        k = bisect.bisect_right(starts, m.start()) - 1  # the token whose text+space holds it
        if k + 1 < len(starts) and found[-1] != k + 1:
            found.append(k + 1)
    return found


def _place_then_comma(doc: Doc, lowers: list[str], i: int, dic: ActorDictionary) -> bool:
    """Is token i a capitalized place name (a city, a country) followed by a comma?"""
    hit = dic._longest_at(doc, lowers, i)
    return hit is not None and hit[2].kind in (COUNTRY, PLACE) and hit[1] < len(doc) \
        and doc[hit[1]].text == "," and doc[i].text[:1].isupper()


def _drop_datelines(doc: Doc, found: list[_Found], dic: ActorDictionary) -> list[_Found]:
    spans = _datelines(doc, dic)
    if not spans:
        return found
    return [f for f in found if not any(a <= f.start and f.end <= b for a, b in spans)]


def _own_qualified(doc: Doc, found: list[_Found], dic: ActorDictionary) -> None:
    """'Putin convened his Security Council': a possessive takes the owner named before it."""
    pronouns = dic.context.possessive_pronouns
    for k, f in enumerate(found):
        if not f.qualified or f.start == 0 or doc[f.start - 1].lower_ not in pronouns:
            continue
        floor = doc[f.start].sent.start if doc.has_annotation("SENT_START") else 0
        for g in reversed(found[:k]):
            if g.start < floor:
                break
            a = g.actor
            if a.kind in ("place", "region") or g.via in ("location", "unknown") or not a.code:
                continue
            base = _owner(a.code)
            code = _with_sector(base, f.qualified, dic)
            found[k] = _Found(f.start, f.end, _actor_for_code(code, f.actor.name, "org"),
                              "coref")
            break


def _mark_locations(doc: Doc, found: list[_Found], dic: ActorDictionary) -> None:
    """A place that is the object of a location preposition is where, not who: via location."""
    preps = dic.context.location_preps
    if not preps or not doc.has_annotation("DEP"):
        return
    for f in found:
        if not f.place:
            continue
        head = _conj_root(doc[f.end - 1])
        if head.dep_ == "pobj" and head.head.lower_ in preps:
            f.via = "location"


def _corefer(doc: Doc, found: list[_Found], dic: ActorDictionary, date: str | None
             ) -> list[_Found]:
    """Resolve he/she/him/her and bare titles ("the president") to the last person named."""
    # People the model sees but the dictionary does not know block pronoun resolution:
    # "Putin met Ivan Petrov. He said ..." must not become Putin.
    covered = {i for f in found for i in range(f.start, f.end)}
    strangers = [_Found(e.start, e.end, Actor(code="", name=e.text), "", person_like=True)
                 for e in doc.ents if e.label_ == "PERSON"
                 and not any(i in covered for i in range(e.start, e.end))]
    pronouns = [_Found(t.i, t.i + 1, Actor(code="", name=t.text), "coref",
                       gender=_PRONOUNS[t.lower_])
                for t in (doc[i] for i, w in enumerate(_lowers(doc)) if w in _PRONOUNS)
                if t.pos_ in ("PRON", "")]
    events = sorted(found + strangers + pronouns, key=lambda f: f.start)
    out: list[_Found] = []
    history: list[_Found] = []  # person-like mentions so far
    for f in events:
        if f.via == "coref":
            target = _antecedent(doc, f, history, dic, date)
            if target is not None:
                out.append(_Found(f.start, f.end, target.actor, "coref", target.person,
                                  target.gender))
            elif f.office is not None and f.actor.sector:
                # "demanded an apology from the prime minister" with no holder named: an
                # office holder we cannot name is still an actor, of that sector
                first = f.start - 1 if f.start > 0 and doc[f.start - 1].lower_ in (
                    "the", "a", "an") else f.start  # named as written: "the defence minister"
                out.append(_Found(f.start, f.end, Actor(
                    code=dic.context.unknown_prefix + f.actor.sector, name=doc[first:f.end].text,
                    sector=f.actor.sector, kind="person"), "unknown", office=f.office))
            continue
        if f.person_like:
            history.append(f)
        if f.actor.code:
            out.append(f)
    return out


def _antecedent(doc: Doc, f: _Found, history: list[_Found], dic: ActorDictionary,
                date: str | None) -> _Found | None:
    window_start = _window_start(doc, f.start)
    offices = set(dic.offices_for(f.office or ""))
    for cand in reversed(history):
        if cand.start < window_start:
            return None
        if f.office is not None:  # "the president": the last person holding that office
            role = dic.people[cand.person].role_on(date) if cand.person else None
            if role is not None and role.office in offices:
                return cand
            continue
        if cand.gender is None:
            return None  # an unknown person stands between: do not guess past them
        if cand.gender == f.gender:
            return cand
    return None


def _window_start(doc: Doc, i: int) -> int:
    """First token of the sentence `_COREF_SENTENCES` sentences before token i's."""
    if not doc.has_annotation("SENT_START"):
        return max(0, i - 25 * (_COREF_SENTENCES + 1))  # no parse: about as many words
    start = doc[i].sent.start
    for _ in range(_COREF_SENTENCES):
        if start == 0:
            break
        start = doc[start - 1].sent.start
    return start


@stage("actors", assigns=("actors",))
def extract_actors(doc: Doc, ann: Annotations, options: Options) -> None:
    article_id = ann.article.id
    published = ann.article.published_date or options.default_published
    for start, end, actor, via in find_actors(doc, published):
        span = doc[start:end]
        ann.actors.append(ActorMention(
            span=Span(article_id, span.start_char, span.end_char), text=span.text,
            actor=actor, token_start=start, token_end=end, via=via))


def mention_at(ann: Annotations, token_i: int) -> ActorMention | None:
    """The actor mention covering token `token_i`, if any (mentions are sorted, disjoint)."""
    import bisect

    starts = [m.token_start for m in ann.actors]
    k = bisect.bisect_right(starts, token_i) - 1
    if k >= 0 and ann.actors[k].token_start <= token_i < ann.actors[k].token_end:
        return ann.actors[k]
    return None
