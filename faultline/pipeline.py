"""The pure part of a run: a batch of Articles in, a list of Annotations out.

`process_batch` holds no state besides the per-process spaCy pipeline, so the
local process pool and a distributed engine (Dask) call it unchanged.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from faultline import extract
from faultline.ingest.language import language_failure
from faultline.model import Annotations, Article, Failure, article_id_for
from faultline.nlp import load_nlp, parse, pipe_selective
from faultline.options import Options
from faultline.parsegate import gate


def stage_names(options: Options) -> list[str]:
    """The stages a run uses: the configured ones that exist in this install."""
    present = set(extract.available())
    return [name for name in options.stages if name in present or name not in extract.BUILTIN]


def process_batch(articles: Sequence[Article], options: Options) -> list[Annotations]:
    """Parse a batch with the process's one pipeline and run every stage on each Doc.

    An article in a language the extractors do not read is not parsed: it comes back with
    no annotations and a `language` failure that says why."""
    unread = [language_failure(a, options.languages) for a in articles]
    if any(unread):
        parsed = iter(process_batch([a for a, f in zip(articles, unread, strict=True)
                                     if f is None], options))
        return [next(parsed) if f is None else Annotations(article=a, failures=[f])
                for a, f in zip(articles, unread, strict=True)]
    nlp = load_nlp(options.model)
    stages = extract.resolve(stage_names(options))
    results: list[Annotations] = []
    docs = _pipe(nlp, [a.text for a in articles], options)
    for article in articles:
        try:
            doc = next(docs)
        except Exception as e:  # noqa: BLE001 - the parser failing on one text
            ann = Annotations(article=article)
            ann.failures.append(
                Failure(source=article.source or article.id, reason=f"parse failed: {e}",
                        stage="nlp", article_id=article.id)
            )
            results.append(ann)
            docs = _pipe(nlp, [a.text for a in articles[len(results):]], options)
            continue
        ann = Annotations(article=article, n_words=_n_words(doc))
        extract.run_stages(doc, ann, stages, options)
        results.append(ann)
    return results


def _n_words(doc: Doc) -> int:
    """Tokens that are neither punctuation nor space."""
    if not len(doc):
        return 0
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    return int((flags.sum(axis=1) == 0).sum())


# A short text of our own that reaches every stage's data (actors, cues, verbs, numbers, dates).
WARM_TEXT = ("Officials in the capital said on Monday that 200 troops had left the border, "
             "and the minister warned that talks would resume in March.")


def warm(options: Options) -> None:
    """Load the pipeline and every stage's data in this process, as the first batch would.

    Called before a local pool forks its workers, so they inherit all of it instead of each
    loading it again (less CPU, and the memory is shared until written). What is loaded by
    then is moved out of the garbage collector's reach (gc.freeze): the workers' collections
    no longer walk the dictionaries and models, and do not write to (and so copy) their
    pages."""
    process_batch([Article(id="warm-up", text=WARM_TEXT, published="2022-01-01")], options)
    gc.collect()
    gc.freeze()


# Docs parsed together: the token vectors of a group are the parse's peak memory; 12 long news
# articles peak about 145 MB lower than 32 at the same CPU (96 PolNeAR texts: 558 vs 703 MB).
PARSE_DOCS = 12


def _pipe(nlp: Language, texts: list[str], options: Options) -> Iterator[Doc]:
    """Docs for `texts`: the full pipeline (faultline.nlp.parse: nlp.pipe's annotations, less
    CPU), or (selective_parse) the parser only on the sentences the gate
    (faultline/parsegate.py) lets through."""
    if not options.selective_parse:
        return parse(nlp, texts, batch_size=PARSE_DOCS)
    return pipe_selective(nlp, texts, gate(), batch_size=max(1, len(texts)))


def annotate_text(
    text: str,
    *,
    published: str | None = None,
    stages: Sequence[str] | None = None,
    options: Options | None = None,
    article_id: str | None = None,
) -> Annotations:
    """Annotate one text: the convenience entry for tests, notebooks and the eval scorers."""
    options = options or Options()
    if stages is not None:
        options = options.replace(stages=tuple(stages))
    article = Article(id=article_id or article_id_for(text), text=text, published=published)
    return process_batch([article], options)[0]
