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

Events that the text negates, denies or only supposes (modality negated, denied,
hypothetical) are not counted as events. Run:
``python -m faultline.eval.events`` (add ``--limit N`` for a quick look, ``--show`` to print
misses).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faultline.errors import UsageError
from faultline.eval import shared_eval_dir
from faultline.eval.metrics import PRF, wilson
from faultline.model import Article, Event
from faultline.options import Options

STAGES = ("entities", "actors", "time", "quotes", "events")
# The gold codes what the text reports as done or announced. faultline also codes what
# did not happen (negated, denied) and what might (hypothetical: conditions, questions,
# "could"), each with its modality; those are not events of their category here.
NOT_EVENTS = frozenset({"negated", "denied", "hypothetical"})
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


def annotate(records: Sequence[GoldRecord], batch: int = 64) -> list[list[Event]]:
    """Run the real pipeline over the gold sentences, in batches through nlp.pipe."""
    from faultline.pipeline import process_batch

    options = Options(stages=STAGES)
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
          show: bool = False) -> dict[str, Any]:
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
    predicted = annotate(every)
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
    args = parser.parse_args(argv)
    result = score(args.eval_dir, args.limit, args.show)
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
