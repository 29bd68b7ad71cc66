"""faultline.nlp.parse: the annotations nlp.pipe gives, by the faster decoding path."""

from __future__ import annotations

import numpy
import pytest
import spacy

from faultline import nlp as nlp_module
from faultline.nlp import FAST_PARSE, check_fast_parse, load_nlp, parse
from faultline.options import Options

ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "SENT_START", "ENT_IOB",
         "ENT_TYPE"]

TEXTS = [
    "Ministers from Kenya and Uganda met in Nairobi on Friday and agreed to reopen the border "
    "crossing, a spokesman said.\n\nTwo days later, militants shelled the town of Arua.",
    "",
    "   \n  ",
    "ok",
    "The central bank raised its rate to 4.5 percent in June; analysts had expected 4.25.",
    "“We were never consulted,” said Amina Yusuf, who chairs the farmers' union, adding that "
    "the new tax would fall hardest on smallholders in the north.",
]


def _annotations(doc: spacy.tokens.Doc) -> tuple[list[list[int]], list[tuple[int, int, str]]]:
    return doc.to_array(ATTRS).tolist(), [(e.start, e.end, e.label_) for e in doc.ents]


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load_nlp(Options().model)


def test_the_installed_model_takes_the_fast_path(nlp):
    assert nlp.meta[FAST_PARSE] is True


def test_parse_gives_the_annotations_of_nlp_pipe(nlp):
    stock = list(nlp.pipe(TEXTS))
    fast = list(parse(nlp, TEXTS, batch_size=4))  # two batches: 4 texts and 2
    assert len(fast) == len(TEXTS)
    for a, b in zip(stock, fast, strict=True):
        assert b.text == a.text
        assert _annotations(b) == _annotations(a)
    assert any(len(doc.ents) >= 3 for doc in fast)  # the texts do exercise the recognizer
    assert any(t.dep_ == "nsubj" for doc in fast for t in doc)


def test_the_lemma_memo_gives_the_lemmatizer_s_own_lemmas(nlp):
    text = "The talks were held as the leaders held talks; she was leading, they led."
    stock, fast = nlp(text), list(parse(nlp, [text, text]))
    for doc in fast:  # the second copy is served from the memo
        assert [t.lemma_ for t in doc] == [t.lemma_ for t in stock]
    assert "hold" in [t.lemma_ for t in fast[1]]


def test_a_fast_path_that_differs_is_refused_and_nlp_pipe_is_used(nlp, monkeypatch):
    def wrong_decode(parser, docs):
        original(parser, docs)
        if parser.name == "ner":
            for doc in docs:
                doc.ents = []  # a decoder that lost the entities

    original = nlp_module.decode
    monkeypatch.setattr(nlp_module, "decode", wrong_decode)
    try:
        assert check_fast_parse(nlp) is False
        assert nlp.meta[FAST_PARSE] is False
        doc = next(parse(nlp, [TEXTS[0]]))
        assert len(doc.ents) >= 3  # nlp.pipe's entities, not the broken decoder's
    finally:
        monkeypatch.setattr(nlp_module, "decode", original)
        assert check_fast_parse(nlp) is True


def test_the_fast_path_is_refused_when_it_raises(nlp, monkeypatch):
    def broken(parser, docs):
        raise AttributeError("no such internals")

    monkeypatch.setattr(nlp_module, "decode", broken)
    try:
        assert check_fast_parse(nlp) is False
        assert numpy.array_equal(next(parse(nlp, [TEXTS[4]])).to_array(ATTRS),
                                 nlp(TEXTS[4]).to_array(ATTRS))
    finally:
        monkeypatch.undo()
        assert check_fast_parse(nlp) is True


def test_preset_entities_take_spacy_s_own_moves_and_are_kept(nlp):
    from spacy.tokens import Doc, Span

    from faultline.nlp import decode

    ner = nlp.get_pipe("ner")
    before = list(nlp.pipe([TEXTS[0]], disable=["ner"]))[0]
    arua = next(t.i for t in before if t.text == "Arua")
    stock = Doc(nlp.vocab).from_bytes(before.to_bytes())
    fast = Doc(nlp.vocab).from_bytes(before.to_bytes())
    for doc in (stock, fast):
        doc.set_ents([Span(doc, arua, arua + 1, label="FAC")], default="unmodified")
    stock = ner(stock)
    decode(ner, [fast])
    assert _annotations(fast) == _annotations(stock)
    assert (arua, arua + 1, "FAC") in _annotations(fast)[1]  # the preset entity is kept
    assert len(fast.ents) >= 3


# Sentences that end and begin on names, one-word sentences, space tokens between them, and
# Docs of very different lengths in one batch: the recognizer decodes each sentence as its own
# state, so entities at sentence edges are where a slip would show.
EDGE_TEXTS = [
    "He met Olena Petrenko. Petrenko left for Lviv.\n\nLviv. Warsaw and Berlin replied on "
    "Monday. \"Go,\" said Kofi Mensah.  Mensah went to Accra in May 2020.",
    "Paris.",
    "The talks in Vienna ended. " * 12 + "Officials from the World Bank and the IMF stayed.",
    "\n\nNairobi, Kenya \n\nThe ministry of health in Nairobi said 40 people had died.",
]


def test_entities_at_sentence_edges_are_those_of_nlp_pipe(nlp):
    stock = list(nlp.pipe(EDGE_TEXTS))
    fast = list(parse(nlp, EDGE_TEXTS, batch_size=len(EDGE_TEXTS)))
    for a, b in zip(stock, fast, strict=True):
        assert _annotations(b) == _annotations(a)
    ends = {e.end for doc in fast for e in doc.ents}
    sentence_ends = {s.end for doc in fast for s in doc.sents}
    assert ends & sentence_ends  # some entity does end a sentence
    assert sum(len(list(doc.sents)) for doc in fast) >= 20


def test_the_attribute_ruler_s_array_write_equals_its_own_loop(nlp):
    from spacy.tokens import Doc

    ruler = nlp.get_pipe("attribute_ruler")
    # contractions and "there is" are the model's rules that span two tokens
    text = ("There is no deal, and we ain't gonna sign it. Let's go, y'all: c'mon! "
            "There were 3 talks in Oslo.\n\nShe'd said so.")
    before = list(nlp.pipe([text], disable=["attribute_ruler", "lemmatizer", "ner"]))[0]
    stock = Doc(nlp.vocab).from_bytes(before.to_bytes())
    fast = Doc(nlp.vocab).from_bytes(before.to_bytes())
    ruler.set_annotations(stock, ruler.match(stock))
    ruler.match.apply(fast)
    assert fast.to_array(ATTRS).tolist() == stock.to_array(ATTRS).tolist()
    assert fast.to_array(ATTRS).tolist() != before.to_array(ATTRS).tolist()
    assert any(len(span) > 1 for span in (stock[s:e] for _, _, s, e in ruler.match(stock)))


PARAGRAPHS = ("Border Talks Stall as Envoys Trade Blame\n\n"
              "The foreign minister, speaking in Vienna, said the talks had failed. "
              "\"We are done here.\"\n"
              "Her deputy disagreed.\n"
              "The statement, which ran to\ntwo pages, blamed the rebels.")


@pytest.mark.parametrize("selective", [False, True])
def test_a_paragraph_break_ends_a_sentence_and_a_wrapped_line_does_not(nlp, selective):
    options = Options(selective_parse=selective)
    from faultline.pipeline import _pipe  # noqa: PLC0415

    doc = next(iter(_pipe(nlp, [PARAGRAPHS], options)))
    starts = [s.text.strip()[:20] for s in doc.sents]
    assert starts[0] == "Border Talks Stall a"  # the headline is a sentence of its own
    assert "The foreign minister" in starts
    assert "Her deputy disagreed" in starts
    assert not any(s.startswith("two pages") for s in starts)  # a hard wrap mid-sentence
    heads = {t.text: t.head.text for t in doc}
    assert heads["minister"] == "said"  # its subject is not taken into the headline


def test_paragraph_starts_reads_line_breaks_after_sentence_ends_only(nlp):
    doc = nlp.make_doc("One.\nTwo and\nthree.\n\nFour \"five.\"\nSix")
    assert [doc[i].text for i in nlp_module.paragraph_starts(doc)] == ["Two", "Four", "Six"]
