"""The language of an article (offline, py3langid), and whether the extractors can read it.

The extractors are English ones (the spaCy model, the verb and actor dictionaries), so an
article in another language is stored with its `language` but not parsed: it gets a
`language` failure that names the reason, rather than junk actors from an English parse.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from faultline.model import Article, Failure

STAGE = "language"
# Below this many letters the statistical guess is noise; the script decides instead.
MIN_LETTERS = 60
# A guess less sure than this keeps the script-based answer.
MIN_PROBABILITY = 0.80
_SAMPLE = 4000

_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_UKRAINIAN = re.compile("[іїєґІЇЄҐ]")
_GREEK = re.compile("[\u0370-\u03ff]")
_LATIN = re.compile("[A-Za-z]")


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def script_guess(sample: str) -> str:
    """A cheap script-based guess: Cyrillic -> ru/uk, Greek -> el, otherwise en."""
    latin = len(_LATIN.findall(sample))
    cyrillic = len(_CYRILLIC.findall(sample))
    if cyrillic > latin:
        return "uk" if _UKRAINIAN.search(sample) else "ru"
    if len(_GREEK.findall(sample)) > latin:
        return "el"
    return "en"


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid's model, shipped with the package)."""
    sample = text[:_SAMPLE]
    fallback = script_guess(sample)
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return fallback
    language, probability = _identifier().classify(sample)
    if probability < MIN_PROBABILITY:
        return fallback
    return str(language)


def language_failure(article: Article, analysed: tuple[str, ...]) -> Failure | None:
    """The recorded reason an article is not analysed because of its language, or None."""
    if not analysed or article.language in analysed:
        return None
    return Failure(source=article.source or article.id, stage=STAGE, article_id=article.id,
                   reason=f"language {article.language!r} is not analysed (extractors read "
                          f"{', '.join(analysed)}); stored without annotations")
