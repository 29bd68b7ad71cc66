"""Score the events stage on the CAMEO/PLOVER gold in ../shared/eval/events (read in place).

Two sets:

* ``PLOVER_GSR_CAMEO.txt``: 322 sentences of the CAMEO manual with source and target
  countries and a PLOVER 0.5b1 category. Our CAMEO codes map to that older label set
  (REQUEST was DEMAND, ACCUSE was DISAPPROVE, conventional fighting and mass violence were
  FIGHT, investigations had their own INVESTIGATE; the gold shows appeals filed under
  DEMAND). Scored: category F1 and (source country, target country, category) F1.
* ``petr2_unittest_gold.jsonl``: PETRARCH's unit-test sentences. Most use fictional
  countries whose dictionaries are not shipped with the XML, so only records whose
  expected actors are all real (ISO 3166 alpha-3, or IGO/NGO codes) and whose codes are
  real CAMEO codes are scored on triples; every no-event record counts for the
  false-event rate.

Events that the text negates, denies, only supposes or only reports as someone's claim
(modality negated, denied, hypothetical, alleged) are not counted as events. Run:
``python -m faultline.eval.events`` (add ``--limit N`` for a quick look, ``--show`` to print
misses).

A third set, ``--set plv`` (``faultline eval events --set plv``): ``plv-train.csv``, 1,050
real news sentences, each with one PLOVER category and the source and target as written.
Scored per sentence, as ../shared/eval/README.md says, with these choices:

* The sentence's event is its *first asserted event*: the first event, in text order, whose
  modality is not in ``PLV_SKIP`` (negated, denied, hypothetical, alleged); when the sentence
  has only such events, the first of them is taken anyway (a threat coded "hypothetical" is
  still the sentence's act of threatening: the gold labels what the sentence is about, and
  dropping them scored lower; see ``--first`` for the other choices measured).
* Its category is the codebook's PLOVER category, CONCEDE and RETREAT counted as YIELD and
  root 02 (appeals) as REQUEST; root 01 (statements) has no category and counts as wrong.
  A sentence with no event (after the skip) is wrong; the no-event rate is their share.
* Accuracy and macro F1 over the 15 gold categories (a predicted category outside them, or
  none, is a false negative of the gold one and a false positive of nothing).
* Source right / target right: on the sentences where some event has the gold category (the
  first such event is judged), the predicted actor is the one the gold text names: the
  mention the event read it from (``source_span``/``source_text``) lies inside the gold
  text, or that mention or the actor's name shares a content word with it (words such as
  "president", "minister", "government" do not count). A gold side that is not written in
  the sentence (a placeholder such as "recipient") is not scored for that side, and does not
  constrain the triple.
* All three right: over every sentence, one event with the gold category, the right source
  and the right target.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faultline.errors import UsageError
from faultline.eval import shared_eval_dir
from faultline.eval.metrics import PRF, wilson
from faultline.model import Actor, ActorMention, Annotations, Article, Event, Span
from faultline.options import Options

STAGES = ("entities", "actors", "time", "quotes", "events", "events_learned")
# The gold codes what the text reports as done or announced. faultline also codes what
# did not happen (negated, denied) and what might (hypothetical: conditions, questions,
# "could"), each with its modality; those are not events of their category here.
NOT_EVENTS = frozenset({"negated", "denied", "hypothetical", "alleged"})
# plv: the modalities skipped when choosing a sentence's first event (see the docstring).
PLV_SKIP = NOT_EVENTS
PLV_CATEGORIES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE",
                  "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "SANCTION", "SUPPORT", "THREATEN",
                  "YIELD")
# Codes the PETRARCH fixtures give to fictional countries that collide with a real ISO code
# (Eriador uses ERI, Eritrea's code): such records are fictional, whatever the code says.
FICTIONAL_COLLISIONS = frozenset({"ERI"})
# Records that test the fixture's own verb dictionary ("act on a resolution" -> 102): their
# codes say what that test file's verbs mean, not what CAMEO says.
FIXTURE_VERB_CATEGORIES = frozenset({"VERB"})
_NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC"})


@dataclass
class GoldRecord:
    id: str
    text: str
    date: str | None
    triples: set[tuple[str, str, str]] = field(default_factory=set)
    noevents: bool = False


def old_plover(code: str, plover: str | None) -> str | None:
    """The PLOVER 0.5b1 label of a CAMEO code, as used in PLOVER_GSR_CAMEO.txt."""
    root = code[:2]
    if root == "08":  # PLOVER: 081-083 concede, 084-087 retreat
        return "CONCEDE" if code[:3] in ("080", "081", "082", "083") else "RETREAT"
    fixed = {"01": None, "02": "DEMAND", "09": "INVESTIGATE", "10": "DEMAND",
             "11": "DISAPPROVE", "17": "COERCE", "18": "ASSAULT", "19": "FIGHT", "20": "FIGHT"}
    if root in fixed:
        return fixed[root]
    return plover


def _iso3() -> frozenset[str]:
    from babel.core import get_global

    aliases = get_global("territory_aliases")
    return frozenset(k for k in aliases if len(k) == 3 and k.isalpha() and k.isupper())


def _country(code: str | None) -> str:
    return (code or "")[:3]


def load_plover(eval_dir: Path) -> list[GoldRecord]:
    path = eval_dir / "events" / "PLOVER_GSR_CAMEO.txt"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise UsageError(f"cannot read PLOVER gold {path}: {e}") from e
    records: list[GoldRecord] = []
    for raw in data:
        if raw.get("event") in (None, "DOCUMENT"):
            continue
        sources = raw.get("source") or []
        targets = raw.get("target") or []
        src_codes = sorted({_country(a.get("code")) for a in sources
                            if isinstance(a, dict)}) or [""]
        tgt_codes = sorted({_country(a.get("code")) for a in targets
                            if isinstance(a, dict)}) or [""]
        rec = GoldRecord(raw["id"], raw["text"], raw.get("date"))
        info = raw.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        if "SRC/TAR" in markup and tgt_codes == [""] and len(src_codes) > 1:
            # reciprocal actors (the readme's SRC/TAR): each is source and target of the other
            for s in src_codes:
                for t in src_codes:
                    if s != t:
                        rec.triples.add((s, t, raw["event"]))
            records.append(rec)
            continue
        for s in src_codes:
            for t in tgt_codes:
                if s and s == t and len(src_codes) > 1:
                    continue
                rec.triples.add((s, t, raw["event"]))
        records.append(rec)
    return records


def load_petr(eval_dir: Path, codes: Iterable[str]) -> tuple[list[GoldRecord], list[GoldRecord]]:
    """(scored records with real actors and real codes, no-event records)."""
    path = eval_dir / "events" / "petr2_unittest_gold.jsonl"
    known = set(codes)
    real = _iso3() - FICTIONAL_COLLISIONS
    scored: list[GoldRecord] = []
    empty: list[GoldRecord] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise UsageError(f"cannot read PETRARCH gold {path}: {e}") from e
    for line in lines:
        if not line.strip():
            continue
        raw = json.loads(line)
        date = raw.get("date") or ""
        iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None
        rec = GoldRecord(raw["id"], raw["text"], iso, noevents=bool(raw.get("noevents")))
        if raw.get("id") == "FINAL-RECORD":
            continue
        if rec.noevents:
            empty.append(rec)
            continue
        expected = raw.get("expected") or []
        actors = [c for x in expected for c in (x.get("source"), x.get("target"))
                  if c and c != "---"]
        if not expected or raw.get("error") or raw.get("category") in FIXTURE_VERB_CATEGORIES:
            continue
        if not all(_country(c) in real or _country(c) in _NON_STATE for c in actors):
            continue
        if not all(x.get("code") in known for x in expected):
            continue
        for x in expected:
            rec.triples.add((x.get("source") or "", (x.get("target") or "").replace("---", ""),
                             x["code"]))
        scored.append(rec)
    return scored, empty


def annotate(records: Sequence[GoldRecord], batch: int = 64,
             learned: str | None = None) -> list[list[Event]]:
    """Run the real pipeline over the gold sentences, in batches through nlp.pipe."""
    from faultline.pipeline import process_batch

    options = Options(stages=STAGES, extra={"events_learned": learned} if learned else {})
    out: list[list[Event]] = []
    for k in range(0, len(records), batch):
        chunk = records[k:k + batch]
        articles = [Article(id=r.id, text=r.text, published=r.date) for r in chunk]
        for ann in process_batch(articles, options):
            failed = [f for f in ann.failures if f.stage in STAGES]
            if failed:
                raise UsageError(f"stage failed on {ann.article.id}: {failed[0].reason}")
            out.append([e for e in ann.events if e.modality not in NOT_EVENTS])
    return out


def _triples(events: Iterable[Event], how: str) -> set[tuple[str, str, str]]:
    out: set[tuple[str, str, str]] = set()
    for e in events:
        src = e.source.code if e.source else ""
        tgt = e.target.code if e.target else ""
        if how == "plover":
            label = old_plover(e.code, e.plover)
            if label is not None:
                out.add((_country(src), _country(tgt), label))
        elif how == "code":
            out.add((src, tgt, e.code))
        elif how == "root":
            out.add((src, tgt, e.code[:2]))
        elif how == "quad":
            out.add((src, tgt, str(e.quad_class)))
        elif how == "country":
            out.add((_country(src), _country(tgt), e.code))
        elif how == "country_root":
            out.add((_country(src), _country(tgt), e.code[:2]))
    return out


def _gold_view(triples: set[tuple[str, str, str]], how: str,
               quad: dict[str, int]) -> set[tuple[str, str, str]]:
    if how == "code":
        return set(triples)
    if how == "root":
        return {(s, t, c[:2]) for s, t, c in triples}
    if how == "quad":
        return {(s, t, str(quad.get(c, 0))) for s, t, c in triples}
    if how == "country":
        return {(_country(s), _country(t), c) for s, t, c in triples}
    if how == "country_root":
        return {(_country(s), _country(t), c[:2]) for s, t, c in triples}
    raise ValueError(how)


def _add(prf: PRF, gold: set[Any], pred: set[Any]) -> None:
    prf.add(tp=len(gold & pred), fp=len(pred - gold), fn=len(gold - pred))


def score(eval_dir: Path | None = None, limit: int | None = None,
          show: bool = False, learned: str | None = None) -> dict[str, Any]:
    """Every metric of the events stage against the shared gold, as a flat dict."""
    from faultline.extract.events import codebook

    eval_dir = eval_dir or shared_eval_dir()
    book = codebook()
    quad = {c: info.quad_class for c, info in book.items()}
    plover = load_plover(eval_dir)
    petr, empty = load_petr(eval_dir, book)
    if limit:
        plover, petr, empty = plover[:limit], petr[:limit], empty[:limit]
    every = plover + petr + empty
    predicted = annotate(every, learned=learned)
    pred_plover = predicted[:len(plover)]
    pred_petr = predicted[len(plover):len(plover) + len(petr)]
    pred_empty = predicted[len(plover) + len(petr):]

    metrics: dict[str, PRF] = defaultdict(PRF)
    per_category: dict[str, PRF] = defaultdict(PRF)
    misses: list[str] = []
    for rec, events in zip(plover, pred_plover, strict=True):
        pred = _triples(events, "plover")
        _add(metrics["plover_triple"], rec.triples, pred)
        gold_cats = {c for _, _, c in rec.triples}
        pred_cats = {c for _, _, c in pred}
        _add(metrics["plover_category"], gold_cats, pred_cats)
        _add(metrics["plover_source_category"], {(s, c) for s, _, c in rec.triples},
             {(s, c) for s, _, c in pred})
        for cat in gold_cats | pred_cats:
            _add(per_category[cat], gold_cats & {cat}, pred_cats & {cat})
        if show and gold_cats != pred_cats:
            got = sorted((e.code, e.source and e.source.code, e.target and e.target.code,
                          e.trigger_text, e.modality) for e in events)
            misses.append(f"{rec.id}: gold {sorted(rec.triples)} got {got}\n    {rec.text}")
    per_root: dict[str, PRF] = defaultdict(PRF)
    for rec, events in zip(petr, pred_petr, strict=True):
        for how in ("code", "root", "quad", "country", "country_root"):
            _add(metrics[f"petr_{how}"], _gold_view(rec.triples, how, quad), _triples(events, how))
        gold_roots = {c[:2] for _, _, c in rec.triples}
        pred_roots = {e.code[:2] for e in events}
        for r in gold_roots | pred_roots:
            _add(per_root[r], gold_roots & {r}, pred_roots & {r})
        wanted = _gold_view(rec.triples, "country_root", quad)
        if show and wanted != _triples(events, "country_root"):
            got = sorted((e.code, e.source and e.source.code, e.target and e.target.code,
                          e.trigger_text, e.modality) for e in events)
            misses.append(f"{rec.id}: gold {sorted(rec.triples)} got {got}\n    {rec.text}")
    false_events = sum(1 for events in pred_empty if events)
    lo, hi = wilson(false_events, len(pred_empty))
    result: dict[str, Any] = {
        "n_plover": len(plover), "n_petr": len(petr), "n_noevent": len(empty),
        "false_event_rate": false_events / len(empty) if empty else 0.0,
        "false_event_interval": (lo, hi),
        "metrics": {name: prf for name, prf in metrics.items()},
        "per_category": dict(per_category), "per_root": dict(per_root), "misses": misses,
    }
    for name, prf in metrics.items():
        result[f"{name}_f1"] = prf.f1
        result[f"{name}_precision"] = prf.precision
        result[f"{name}_recall"] = prf.recall
    return result


@dataclass
class PlvRecord:
    id: str
    text: str
    label: str
    source: str
    target: str


def load_plv(eval_dir: Path) -> list[PlvRecord]:
    path = eval_dir / "events" / "plv-train.csv"
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise UsageError(f"cannot read plv set {path}: {e}") from e
    records: list[PlvRecord] = []
    for k, row in enumerate(rows, start=2):
        text = (row.get("text") or "").strip()
        label = (row.get("label") or "").strip()
        if not text or label not in PLV_CATEGORIES:
            raise UsageError(f"{path}:{k}: a row needs a text and one of the 15 categories")
        records.append(PlvRecord(f"plv-{k}", text, label, (row.get("source") or "").strip(),
                                 (row.get("target") or "").strip()))
    return records


def plv_category(event: Event) -> str | None:
    """The plv label of an event: CONCEDE/RETREAT are YIELD, root 02 is REQUEST."""
    if event.code[:2] == "02":
        return "REQUEST"
    if event.plover in ("CONCEDE", "RETREAT"):
        return "YIELD"
    return event.plover


FIRST_CHOICES = ("asserted-else-any", "asserted", "any")


def plv_events(events: Sequence[Event], first: str = "asserted-else-any") -> list[Event]:
    """The events a sentence is judged on, the first of them being "its" event."""
    ordered = sorted(events, key=lambda e: (e.trigger_span.start, e.span.start))
    kept = [e for e in ordered if e.modality not in PLV_SKIP]
    if first == "any":
        return ordered
    if first == "asserted" or kept:
        return kept
    return ordered


_WORD = re.compile(r"[^\W\d_]+(?:[.'’-][^\W\d_]+)*\.?", re.UNICODE)
_GENERIC = frozenset({"president", "minister", "prime", "foreign", "government", "official",
                      "officials", "spokesman", "spokeswoman", "spokesperson", "state", "states",
                      "national", "ministry", "forces", "people", "country", "leader", "leaders",
                      "chief", "head", "secretary", "general", "united", "republic", "new"})


def _content_words(text: str) -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    out: set[str] = set()
    for m in _WORD.finditer(text.casefold()):
        w = m.group(0).rstrip(".").replace(".", "")
        if len(w) > 1 and w not in STOP_WORDS and w not in _GENERIC:
            out.add(w)
    return out


def _gold_spans(sentence: str, gold: str) -> list[tuple[int, int]]:
    if not gold:
        return []
    spans: list[tuple[int, int]] = []
    low, g = sentence.casefold(), gold.casefold()
    at = low.find(g)
    while at != -1:
        spans.append((at, at + len(g)))
        at = low.find(g, at + 1)
    return spans


def actor_right(actor: Actor | None, mentions: Sequence[ActorMention], sentence: str,
                gold: str, mention: tuple[Span | None, str | None] = (None, None)) -> bool:
    """The predicted actor is the one the gold text names: the mention it was read from
    (`mention`: the event's span and text for that side, offsets into `sentence`) lies
    inside the gold text or shares a content word with it, or the actor's name does. An
    event without its mention falls back on any mention of the same actor."""
    if actor is None or not actor.code:
        return False
    spans = _gold_spans(sentence, gold)
    words = _content_words(gold)
    span, text = mention
    if span is not None:
        if any(lo <= span.start and span.end <= hi for lo, hi in spans):
            return True
        return bool(words & (_content_words(text or "") | _content_words(actor.name or "")))
    own = [m for m in mentions if m.actor.code == actor.code]
    for m in own:
        if any(lo <= m.span.start and m.span.end <= hi for lo, hi in spans):
            return True
    if not words:
        return False
    if _content_words(actor.name or "") & words:
        return True
    return any(_content_words(m.text) & words for m in own)


def _side(e: Event, side: str) -> tuple[Span | None, str | None]:
    return getattr(e, f"{side}_span", None), getattr(e, f"{side}_text", None)


def annotate_full(texts: Sequence[tuple[str, str]], batch: int = 64,
                  extra: dict[str, Any] | None = None) -> list[Annotations]:
    """(id, text) pairs through the real pipeline, whole Annotations back."""
    from faultline.pipeline import process_batch

    options = Options(stages=STAGES, extra=dict(extra or {}))
    out: list[Annotations] = []
    for k in range(0, len(texts), batch):
        articles = [Article(id=i, text=t) for i, t in texts[k:k + batch]]
        for ann in process_batch(articles, options):
            failed = [f for f in ann.failures if f.stage in STAGES]
            if failed:
                raise UsageError(f"stage failed on {ann.article.id}: {failed[0].reason}")
            out.append(ann)
    return out


def _interval(k: int, n: int) -> dict[str, Any]:
    lo, hi = wilson(k, n)
    return {"k": k, "n": n, "value": k / n if n else 0.0, "interval": (lo, hi)}


def score_plv(eval_dir: Path | None = None, limit: int | None = None, show: bool = False,
              first: str = "asserted-else-any", learned: str | None = None) -> dict[str, Any]:
    """plv-train.csv: category accuracy, macro F1, no-event rate, source/target/triple."""
    if first not in FIRST_CHOICES:
        raise UsageError(f"--first must be one of {', '.join(FIRST_CHOICES)}")
    eval_dir = eval_dir or shared_eval_dir()
    records = load_plv(eval_dir)
    if limit and limit < len(records):  # the file is sorted by category: take every k-th
        step = len(records) / limit
        records = [records[int(k * step)] for k in range(limit)]
    extra = {"events_learned": learned} if learned else None
    anns = annotate_full([(r.id, r.text) for r in records], extra=extra)
    per_category: dict[str, PRF] = {c: PRF() for c in PLV_CATEGORIES}
    right = no_event = src_k = src_n = tgt_k = tgt_n = triple = 0
    learned_used = 0
    misses: list[str] = []
    for rec, ann in zip(records, anns, strict=True):
        events = plv_events(ann.events, first)
        got = plv_category(events[0]) if events else None
        if not events:
            no_event += 1
        if events and getattr(events[0], "coder", "rules") != "rules":
            learned_used += 1
        if got == rec.label:
            right += 1
            per_category[rec.label].add(tp=1)
        else:
            per_category[rec.label].add(fn=1)
            if got in per_category:
                per_category[got].add(fp=1)
        src_gold = bool(_gold_spans(rec.text, rec.source))
        tgt_gold = bool(_gold_spans(rec.text, rec.target))
        same = [e for e in events if plv_category(e) == rec.label]
        if same:
            e = same[0]
            if src_gold:
                src_n += 1
                src_k += actor_right(e.source, ann.actors, rec.text, rec.source,
                                     _side(e, "source"))
            if tgt_gold:
                tgt_n += 1
                tgt_k += actor_right(e.target, ann.actors, rec.text, rec.target,
                                     _side(e, "target"))
        for e in same:
            ok_s = not src_gold or actor_right(e.source, ann.actors, rec.text, rec.source,
                                               _side(e, "source"))
            ok_t = not tgt_gold or actor_right(e.target, ann.actors, rec.text, rec.target,
                                               _side(e, "target"))
            if ok_s and ok_t:
                triple += 1
                break
        if show and got != rec.label:
            desc = [(e.code, plv_category(e), e.source and e.source.code,
                     e.target and e.target.code, e.trigger_text, e.modality,
                     getattr(e, "coder", "rules")) for e in events] or "no event"
            actors = sorted({m.actor.code for m in ann.actors})
            misses.append(f"{rec.id}: gold {rec.label} ({rec.source} -> {rec.target}) got "
                          f"{got} {desc} actors {actors}\n    {rec.text}")
    n = len(records)
    f1s = [per_category[c].f1 for c in PLV_CATEGORIES]
    return {
        "n": n, "first": first,
        "accuracy": right / n if n else 0.0, "accuracy_detail": _interval(right, n),
        "macro_f1": sum(f1s) / len(f1s),
        "no_event_rate": no_event / n if n else 0.0,
        "no_event_detail": _interval(no_event, n),
        "source_right": src_k / src_n if src_n else 0.0,
        "source_detail": _interval(src_k, src_n),
        "target_right": tgt_k / tgt_n if tgt_n else 0.0,
        "target_detail": _interval(tgt_k, tgt_n),
        "triple_right": triple / n if n else 0.0, "triple_detail": _interval(triple, n),
        "learned_first": learned_used,
        "per_category": per_category, "misses": misses,
    }


def print_plv(result: dict[str, Any]) -> None:
    print(f"plv-train (real news), n = {result['n']} sentences, first event: {result['first']}")
    rows = (("category accuracy", "accuracy_detail"), ("no-event rate", "no_event_detail"),
            ("source right (category right)", "source_detail"),
            ("target right (category right)", "target_detail"),
            ("label + source + target", "triple_detail"))
    for name, key in rows:
        d = result[key]
        lo, hi = d["interval"]
        print(f"  {name:<34} {d['value']:6.3f}  [{lo:.3f}-{hi:.3f}]  {d['k']}/{d['n']}")
    print(f"  {'macro F1 (15 categories)':<34} {result['macro_f1']:6.3f}")
    if result["learned_first"]:
        print(f"  first event from the learned fallback: {result['learned_first']} sentences")
    print("  per category:")
    for cat, prf in result["per_category"].items():
        print("    " + prf.row(f"{cat} (n={prf.tp + prf.fn})"))


LABELS = {
    "plover_category": "PLOVER category",
    "plover_source_category": "(source country, category)",
    "plover_triple": "(src country, tgt country, category)",
    "petr_code": "(source, target, code)",
    "petr_root": "(source, target, root)",
    "petr_quad": "(source, target, QuadClass)",
    "petr_country": "(src country, tgt country, code)",
    "petr_country_root": "(src country, tgt country, root)",
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="faultline eval events",
                                     description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", action="store_true", help="print the sentences coded wrong")
    parser.add_argument("--set", choices=("gold", "plv", "all"), default="gold",
                        help="gold: PLOVER GSR + PETRARCH (default); plv: plv-train.csv")
    parser.add_argument("--first", choices=FIRST_CHOICES, default="asserted-else-any",
                        help="plv: which event is a sentence's first")
    parser.add_argument("--learned", choices=("fallback", "off", "alone"), default=None,
                        help="the learned event stage: fallback (default), off, or alone "
                        "(the classifier codes every sentence with actors)")
    args = parser.parse_args(argv)
    if args.set in ("plv", "all"):
        plv = score_plv(args.eval_dir, args.limit, args.show, args.first, args.learned)
        if args.show:
            print("\n".join(plv["misses"]))
        print_plv(plv)
        if args.set == "plv":
            return 0
    result = score(args.eval_dir, args.limit, args.show, args.learned)
    if args.show:
        print("\n".join(result["misses"]))
    print(f"PLOVER GSR (CAMEO manual examples), n = {result['n_plover']} sentences")
    for name in ("plover_category", "plover_source_category", "plover_triple"):
        print("  " + result["metrics"][name].row(LABELS[name]))
    print("  per category:")
    for cat, prf in sorted(result["per_category"].items()):
        print("    " + prf.row(cat))
    print(f"PETRARCH unit tests with real actors and codes, n = {result['n_petr']} sentences")
    for name in ("petr_code", "petr_root", "petr_quad", "petr_country", "petr_country_root"):
        if name in result["metrics"]:
            print("  " + result["metrics"][name].row(LABELS[name]))
    print("  per root:")
    for root, prf in sorted(result["per_root"].items()):
        print("    " + prf.row(root))
    lo, hi = result["false_event_interval"]
    print(f"False-event rate on no-event sentences: {result['false_event_rate']:.3f} "
          f"[{lo:.3f}-{hi:.3f}] (n = {result['n_noevent']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
