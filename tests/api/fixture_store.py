"""A small store for the API and browser tests: the bundled examples plus one hostile article."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from faultline.options import Options
from faultline.runner import analyze, bundled_examples

# Markup that leaves a visible trace in the page if it ever runs (the browser test looks).
PWN_SCRIPT = "<script>document.documentElement.setAttribute('data-pwned','script')</script>"
PWN_IMG = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">"
HOSTILE_ID = "hostile-markup-1"
HOSTILE_TITLE = f"Border report {PWN_SCRIPT}"
HOSTILE_OUTLET = f"Nightly {PWN_IMG} Ledger"
HOSTILE_TEXT = (
    f"Russia threatened Ukraine with new sanctions on Monday {PWN_SCRIPT} after a week of "
    f"talks. Ukraine accused Russia of shelling a border village {PWN_IMG} on Sunday.\n\n"
    "The foreign minister of Ukraine said, \"We will not be pushed around,\" in a short "
    "statement to reporters."
)


def write_hostile(folder: Path) -> Path:
    path = folder / "hostile.jsonl"
    record = {"id": HOSTILE_ID, "title": HOSTILE_TITLE, "publisher": HOSTILE_OUTLET,
              "published": "2022-02-21", "url": "javascript:alert(1)", "text": HOSTILE_TEXT}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def build_store(folder: Path) -> Path:
    """Analyze the examples and the hostile article into folder/faultline.duckdb."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs = folder / "inputs"
    shutil.copytree(bundled_examples(), inputs, ignore=shutil.ignore_patterns("README.md"))
    write_hostile(inputs)
    summary = analyze([str(inputs)], Options(out=str(folder / "out"), report=False))
    assert summary.stored >= 9, summary
    return Path(summary.database)


def build_alert_store(path: Path) -> Path:
    """A hand-built store where one dyad escalates: a calm month of talks between two made-up
    capitals, then a week of shelling. faultline.analysis raises an alert on that week."""
    from datetime import date, timedelta

    from faultline.link import link_all, link_rows
    from faultline.model import Actor, Annotations, Article, Event, Span
    from faultline.store import Store

    rus, ukr = Actor("RUSGOV", "Russian government", "RUS", "GOV"), Actor(
        "UKRGOV", "Ukrainian government", "UKR", "GOV")
    first = date(2022, 1, 1)
    results = []
    for k in range(40):
        day = (first + timedelta(days=k)).isoformat()
        if k < 33:
            sentence, trigger, cameo = (f"Envoys of Russia and Ukraine met again on day {k}.",
                                        "met", ("036", "03", 1, 4.0))
        else:
            sentence, trigger, cameo = (f"Russian guns shelled Ukrainian towns on day {k}.",
                                        "shelled", ("195", "19", 4, -10.0))
        aid = f"alert-{k:02d}"
        art = Article(id=aid, text=sentence, publisher="Own Words Wire", published=day,
                      title=f"Day {k}")
        t0 = sentence.index(trigger)
        event = Event(span=Span(aid, 0, len(sentence)),
                      trigger_span=Span(aid, t0, t0 + len(trigger)), trigger_text=trigger,
                      code=cameo[0], root=cameo[1], quad_class=cameo[2], goldstein=cameo[3],
                      source=rus, target=ukr, date=day, date_source="text")
        results.append(Annotations(article=art, events=[event], n_words=len(sentence.split())))
    with Store.open(path) as store:
        store.write_batch(results, store.start_run(["alert fixture"], {}))
        store.replace_links(link_rows(link_all(store)))
    return path
