"""The data model every stage speaks: articles, evidence spans and the annotations on them."""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

MODALITIES = ("asserted", "negated", "hypothetical", "intended", "future", "denied", "alleged")
QUOTE_KINDS = ("direct", "indirect", "mixed")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


def article_id_for(text: str) -> str:
    """Stable id from the normalized text: whitespace runs and case do not change it."""
    canon = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()[:16]


class Record:
    """Mixin: dataclass <-> plain dict with stable JSON shapes."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        names = {f.name: f for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in names:
                continue
            nested = _NESTED.get((cls.__name__, key))
            if nested is not None and isinstance(value, dict):
                value = nested.from_dict(value)
            kwargs[key] = value
        return cls(**kwargs)


@dataclass(frozen=True)
class Span(Record):
    """Evidence: characters [start, end) of an article's text."""

    article_id: str
    start: int
    end: int

    def text(self, article_text: str) -> str:
        return article_text[self.start : self.end]


@dataclass
class Article(Record):
    """One news document after ingest; every offset anywhere refers to `text`."""

    id: str
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date or datetime
    language: str = "en"
    source: str | None = None  # where it was read from: path, path:line, "-"
    # Back to the source text (file or record text, before normalization and header/footer
    # removal): [text offset, source offset] anchors; None when text IS the source text,
    # [] when there is no source text to point into (HTML: the source is markup).
    source_offsets: list[list[int]] | None = None

    @property
    def published_date(self) -> str | None:
        return self.published[:10] if self.published else None

    def meta_dict(self) -> dict[str, Any]:
        """The articles.jsonl shape: everything but the text."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "publisher": self.publisher,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            "n_chars": len(self.text),
        }


@dataclass(frozen=True)
class Actor(Record):
    """A coded actor: CAMEO/PETRARCH code such as RUSGOV, IGOWSTNAT, USAMIL."""

    code: str
    name: str
    country: str | None = None  # ISO 3166 alpha-3, or None for IGOs without one
    sector: str | None = None  # GOV, MIL, CVL, MED ...
    kind: str = "country"  # country | igo | person | org | group
    wikidata: str | None = None

    def brief(self) -> dict[str, Any]:
        """The shape events.jsonl uses for source and target."""
        return {"code": self.code, "name": self.name, "country": self.country,
                "sector": self.sector}


@dataclass
class Entity(Record):
    """A named entity from the NLP model (PERSON, ORG, GPE, DATE ...)."""

    span: Span
    label: str
    text: str


@dataclass
class ActorMention(Record):
    """A stretch of text that names (or refers back to) a coded actor."""

    span: Span
    text: str
    actor: Actor
    token_start: int  # token indices in the Doc, for stages that work on the parse
    token_end: int
    via: str = "dictionary"  # dictionary | role | person | coref | unknown | location


@dataclass
class Timex(Record):
    """A TimeML temporal expression with its resolved ISO 8601 value."""

    span: Span
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # 2022-02-15, 2021-07, 2021-W50, P3Y, PRESENT_REF ...
    anchor: str | None = None  # the date it was resolved against


@dataclass
class Speaker(Record):
    name: str
    span: Span | None = None
    code: str | None = None


@dataclass
class Quote(Record):
    """Reported speech: the content span, its cue and its speaker."""

    span: Span  # the quoted content
    kind: str  # direct | indirect | mixed
    speaker: Speaker | None = None
    cue_span: Span | None = None
    cue_text: str | None = None
    reporter: Speaker | None = None  # outer speaker of a quote inside a quote


@dataclass
class Event(Record):
    """Who did what to whom: one coded event mention with its evidence."""

    span: Span  # the evidence sentence
    trigger_span: Span
    trigger_text: str
    code: str  # CAMEO, e.g. "036"
    source: Actor | None = None
    target: Actor | None = None
    root: str = ""
    plover: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    modality: str = "asserted"
    reported_by: Speaker | None = None
    date: str | None = None
    date_precision: str | None = None  # day | week | month | year
    date_source: str = "article"  # text | article
    location: str | None = None
    confidence: float = 1.0
    # the mentions the source and target were read from (an implied actor: its cue's)
    source_span: Span | None = None
    source_text: str | None = None
    target_span: Span | None = None
    target_text: str | None = None


@dataclass
class Claim(Record):
    """A numeric, check-worthy statement: a quantity of something, asserted by someone."""

    span: Span
    quantity: float
    unit: str | None = None
    subject: str | None = None
    approximate: str | None = None  # at least | more than | about ... or None
    attributed_to: str | None = None
    quantity_max: float | None = None  # for ranges ("thousands")


@dataclass
class Failure(Record):
    """An input (file, record, article) that could not be used, and why."""

    source: str
    reason: str
    stage: str = "ingest"  # ingest | nlp | <extractor name> | store
    line: int | None = None
    article_id: str | None = None

    def describe(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass
class Annotations(Record):
    """Everything the extractors found in one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    n_words: int = 0


_NESTED: dict[tuple[str, str], Any] = {
    ("Entity", "span"): Span,
    ("ActorMention", "span"): Span,
    ("ActorMention", "actor"): Actor,
    ("Timex", "span"): Span,
    ("Speaker", "span"): Span,
    ("Quote", "span"): Span,
    ("Quote", "speaker"): Speaker,
    ("Quote", "cue_span"): Span,
    ("Quote", "reporter"): Speaker,
    ("Event", "span"): Span,
    ("Event", "trigger_span"): Span,
    ("Event", "source"): Actor,
    ("Event", "target"): Actor,
    ("Event", "reported_by"): Speaker,
    ("Event", "source_span"): Span,
    ("Event", "target_span"): Span,
    ("Claim", "span"): Span,
}
