"""Why the event coder coded what it did: the parse, each candidate trigger, its frame and
actors, and the code it gave or the named reason it gave none (`faultline explain`); then
what the learned fallback (``events_learned``) did with the sentence, or the named gate that
stopped it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from faultline import extract
from faultline.errors import UsageError
from faultline.extract.events.context import EXPLAIN_KEY, READING_KEY, Note
from faultline.extract.events.filters import REASONS
from faultline.extract.events.lexicon import lexicon
from faultline.extract.events.triggers import _obj_lemmas
from faultline.extract.events_learned import EXPLAIN_KEY as LEARNED_KEY
from faultline.extract.events_learned import REASONS as LEARNED_REASONS
from faultline.extract.events_learned import LearnedEvent, Verdict
from faultline.extract.modality import REASONS_KEY, frame_of, modality_reason
from faultline.model import ActorMention, Annotations, Article, article_id_for
from faultline.nlp import load_nlp
from faultline.options import Options
from faultline.pipeline import stage_names


@dataclass
class Explanation:
    """One text as the events stage read it."""

    doc: Doc
    ann: Annotations
    notes: list[Note] = field(default_factory=list)
    learned: list[Verdict] = field(default_factory=list)  # the fallback's, one a sentence


def explain_article(article: Article, options: Options | None = None) -> Explanation:
    """Parse `article` in full and run the stages up to events, keeping the coder's notes."""
    options = options or Options()
    names = stage_names(options)
    if "events" not in names:
        names.append("events")
    doc = load_nlp(options.model)(article.text)
    notes: list[Note] = []
    learned: list[Verdict] = []
    doc.user_data[EXPLAIN_KEY] = notes
    doc.user_data[LEARNED_KEY] = learned
    doc.user_data[REASONS_KEY] = {}
    doc.user_data[READING_KEY] = {}
    ann = Annotations(article=article)
    extract.run_stages(doc, ann, extract.resolve(names), options)
    return Explanation(doc, ann, notes, learned)


def explain_text(text: str, options: Options | None = None,
                 published: str | None = None) -> Explanation:
    if not text.strip():
        raise UsageError("explain needs a sentence (or --article ID DB)")
    return explain_article(Article(id=article_id_for(text), text=text, published=published),
                           options)


def load_article(database: str, article_id: str) -> Article:
    """A stored article by id (or a unique id prefix)."""
    from faultline.store import Store

    with Store.open(database, read_only=True) as store:
        rows = store.con.execute(
            "SELECT id, text, title, published, publisher FROM articles "
            "WHERE id = ? OR starts_with(id, ?) LIMIT 2", [article_id, article_id]).fetchall()
    if not rows:
        raise UsageError(f"no article {article_id!r} in {database}")
    if len(rows) > 1 and rows[0][0] != article_id:
        raise UsageError(f"article id prefix {article_id!r} is not unique in {database}")
    aid, text, title, published, publisher = rows[0]
    return Article(id=aid, text=text or "", title=title, published=published,
                   publisher=publisher)


# --------------------------------------------------------------------------- rendering


def _mention(m: ActorMention) -> str:
    via = "" if m.via == "dictionary" else f", {m.via}"
    return f"{m.text!r} {m.actor.code} [{m.span.start}:{m.span.end}{via}]"


def _parse(sent: Span) -> str:
    """The sentence's parse, one token a word: text/POS/dep>head index (relative to it)."""
    return " ".join(f"{t.i - sent.start}:{t.text}/{t.pos_}/{t.dep_}>{t.head.i - sent.start}"
                    for t in sent if not t.is_space)


def _frame_line(tok: Token, inner: Token | None = None) -> str | None:
    """The frames-table entry of a candidate word: the one its complement hangs on it by,
    else its first."""
    frame = frame_of(tok, inner.dep_) if inner is not None and inner.head.i == tok.i else None
    if frame is None:  # the entry one of its dependents hangs on it by
        frame = next((f for c in tok.children if (f := frame_of(tok, c.dep_)) is not None),
                     None)
    if frame is None and tok.dep_ in ("amod", "advmod"):  # "allegedly", "staged"
        frame = frame_of(tok, tok.dep_)
    if frame is None:
        return None
    reading = frame.reading or "-"
    negated = f", negated: {frame.negated}" if frame.negated else ""
    code = f", codes {frame.code} ({frame.code_when})" if frame.code else ""
    return (f"frames.yaml:{frame.line} {frame.pos} gives {reading}{negated}, holder "
            f"{frame.holder}{code}")


def _note_lines(note: Note, final: dict[int, list[str]] | None = None) -> list[str]:
    tok = note.token
    head = (f"{tok.text!r} ({tok.lemma_}, {tok.pos_}/{tok.dep_}) pattern "
            f"{note.pattern_code or '-'}" + (f" frame {note.frame}" if note.frame else ""))
    if note.inner is not None:
        head += f" + complement {note.inner.text!r}"
    lines = [head]
    frame = _frame_line(tok, note.inner)
    if frame:
        lines.append(f"    frame word: {frame}")
    if note.reason is not None:
        lines.append(f"    dropped: {note.reason} ({REASONS.get(note.reason, '')})")
        return lines
    srcs = ", ".join(_mention(m) for m in note.sources) or "-"
    tgts = ", ".join(_mention(m) for m in note.targets) or "-"
    lines.append(f"    source: {srcs}")
    lines.append(f"    target: {tgts}")
    rep = f", reported by {note.speaker}" if note.speaker else ""
    codes = sorted(set((final or {}).get(tok.idx, []))) or [note.code or "-"]
    lines.append(f"    coded: {'/'.join(codes)} ({note.modality}{rep}), {note.events} event(s)")
    why = modality_reason(tok)
    if why is not None and why[1]:
        lines.append(f"    modality {why[0]}: {why[1]}")
    for what in tok.doc.user_data.get(READING_KEY, {}).get(tok.i, []):
        lines.append(f"    reading: {what}")
    return lines


def _silenced(sent: Span) -> list[str]:
    """Words the senses table reads as no event for the kind of their object."""
    lex = lexicon()
    out = []
    for tok in sent:
        pos = "verb" if tok.pos_ in ("VERB", "AUX") else "noun" if tok.pos_ in (
            "NOUN", "PROPN") else None
        if pos is None or tok.lemma_.lower() not in lex.senses.words:
            continue
        found = lex.senses.find(tok.lemma_.lower(), pos, _obj_lemmas(tok),
                                {c.lower_ for c in tok.children if c.dep_ in ("prt", "advmod")})
        if found is not None and found.code is None:
            out.append(f"{tok.text!r} is no event with this object (senses.yaml:{found.line})")
    return out


def _learned_line(v: Verdict | None, events: list[LearnedEvent]) -> str:
    """What the learned fallback did with one sentence."""
    if v is None:
        return "learned fallback: not run (events_learned is off or not among the stages)"
    if v.reason is None:
        ev = next((e for e in events
                   if e.span.start == v.sent.start_char and e.span.end == v.sent.end_char), None)
        head = ev.explain() if ev is not None else f"learned fallback: {v.label} p={v.p:.2f}"
        src = _mention(v.source) if v.source else "-"
        tgt = _mention(v.target) if v.target else "-"
        return f"{head} -> code {v.code}, source {src}, target {tgt}"
    line = f"learned fallback: did not fire, {v.reason}: {LEARNED_REASONS[v.reason]}"
    if v.label is not None:
        need = f" (needs {v.need:.2f})" if v.need else ""
        line += f"; top {v.label} p={v.p:.2f}{need}"
    return line


def render(ex: Explanation) -> str:
    """The explanation as text, sentence by sentence."""
    out: list[str] = [f"article {ex.ann.article.id}"]
    for f in ex.ann.failures:
        out.append(f"stage failure: {f.describe()}")
    by_sent: dict[int, list[Note]] = {}
    for note in ex.notes:
        by_sent.setdefault(note.token.sent.start, []).append(note)
    verdicts = {v.sent.start: v for v in ex.learned}
    learned = [e for e in ex.ann.events if isinstance(e, LearnedEvent)]
    final: dict[int, list[str]] = {}  # the codes the events of a trigger got in the end
    for e in ex.ann.events:
        if not isinstance(e, LearnedEvent):
            final.setdefault(e.trigger_span.start, []).append(e.code)
    for n, sent in enumerate(ex.doc.sents, start=1):
        text = sent.text.strip()
        if not text:
            continue
        out.append("")
        out.append(f"sentence {n} [{sent.start_char}:{sent.end_char}]: {text}")
        out.append(f"  parse: {_parse(sent)}")
        actors = [m for m in ex.ann.actors if sent.start <= m.token_start < sent.end]
        out.append("  actors: " + ("; ".join(_mention(m) for m in actors) or "none"))
        notes = by_sent.get(sent.start, [])
        out += [f"  sense: {line}" for line in _silenced(sent)]
        if not notes:
            out.append("  candidates: none (no word of the sentence is in verbs.yaml or "
                       "frames.yaml)")
        else:
            out.append("  candidates:")
            for note in notes:
                out += ["    " + line for line in _note_lines(note, final)]
        out.append("  " + _learned_line(verdicts.get(sent.start), learned))
    events = ex.ann.events
    out.append("")
    out.append(f"events: {len(events)}")
    for e in events:
        rep = f" reported_by {e.reported_by.code or e.reported_by.name}" if e.reported_by \
            else ""
        out.append(f"  {e.code} {e.source.code if e.source else '-'} -> "
                   f"{e.target.code if e.target else '-'} {e.modality}{rep} "
                   f"[{e.trigger_text!r} {e.trigger_span.start}:{e.trigger_span.end}]"
                   + (f" ({e.explain()})" if isinstance(e, LearnedEvent) else ""))
    return "\n".join(out)


__all__ = ["Explanation", "explain_article", "explain_text", "load_article", "render"]
