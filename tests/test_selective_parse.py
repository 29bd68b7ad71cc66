"""Selective parsing: the dependency parser only on sentences a stage can use."""

from __future__ import annotations

from faultline.model import Article
from faultline.nlp import PARSED_SENTS, load_nlp, pipe_selective
from faultline.options import Options
from faultline.parsegate import Gate, gate
from faultline.pipeline import process_batch

TEXT = ("The mood was tense and the streets were quiet. "
        "Russian troops attacked Ukrainian positions on Monday, officials said. "
        "The quiet lasted until the rain came.")


def test_only_gated_sentences_are_parsed_and_the_rest_carry_no_relations():
    nlp = load_nlp(Options().model)
    doc = next(pipe_selective(nlp, [TEXT], gate()))
    morning = next(t for t in doc if t.text == "mood").sent
    crossed = next(t for t in doc if t.text == "attacked")
    assert morning.end <= crossed.i
    parsed = doc.user_data[PARSED_SENTS]
    assert any(start <= crossed.i < end for start, end in parsed)
    assert not any(start < morning.end and morning.start < end for start, end in parsed)
    assert [t.dep_ for t in morning] == ["ROOT"] + ["dep"] * (len(morning) - 1)  # flat
    assert all(t.head.i == morning.start for t in morning)
    assert [s.text for s in doc.sents][0] == "The mood was tense and the streets were quiet."
    assert crossed.dep_ in ("ROOT", "ccomp") and any(c.dep_ == "nsubj" for c in crossed.children)


def test_tags_lemmas_and_entities_match_the_full_pipeline():
    nlp = load_nlp(Options().model)
    full = nlp(TEXT)
    selective = next(pipe_selective(nlp, [TEXT], Gate(frozenset(), frozenset(), open_all=True)))
    assert [(t.pos_, t.tag_, t.lemma_) for t in selective] == [
        (t.pos_, t.tag_, t.lemma_) for t in full]
    assert [(e.start, e.end, e.label_) for e in selective.ents] == [
        (e.start, e.end, e.label_) for e in full.ents]


def test_a_selective_run_finds_the_event_of_the_gated_sentence():
    article = Article(id="s1", text=TEXT, published="2022-02-21")
    full = process_batch([article], Options())[0]
    selective = process_batch([article], Options(selective_parse=True))[0]
    assert selective.events and [e.trigger_text for e in selective.events] == [
        e.trigger_text for e in full.events]
    assert [e.text for e in selective.entities] == [e.text for e in full.entities]


def test_fast_attribute_match_equals_the_rulers_own_matcher():
    import spacy

    from faultline.nlp import FastAttributeMatch

    nlp = spacy.load(Options().model)  # a fresh pipeline, its ruler untouched
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributeMatch(ruler)
    texts = [TEXT, "I ain't gonna wait. Y'all gotta see it; there's no way back. Let's go, "
             "c'mon! There were 3 men, and that was that.",
             "It said it would not. You know what I mean? Did he do it, or had he done it?",
             "", "  \n\n  ", "But the talks, which began on Monday, have stalled, and that is "
             "what they wanted."]
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert fast(doc) == ruler.match(doc), doc.text
    loaded = load_nlp(Options().model)
    assert isinstance(loaded.get_pipe("attribute_ruler").match, FastAttributeMatch)
