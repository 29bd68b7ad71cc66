"""Reported speech: direct, indirect and mixed quotations with their cue and speaker.

Direct quotes are found from quotation marks in the text (curly, straight, doubled
apostrophes, guillemets), including quotes that run over paragraphs and split quotes; their
speaker comes from the cue clause next to the quote ("...," Biden said), else from the
neighbouring quote or paragraph. Indirect quotes come from the parse: a cue verb from
faultline/data/quotes/cues.yaml and its clause, infinitive or object; "according to X";
"X's claim that ...". A quote inside another quote gets the outer speaker as its reporter.
Cue words carry a sense in the data: a clause_only verb ("seek", "plan", "attack") is a cue
only with a clause or a quotation, or when a person holds the stance; "it seems" / "X
appears to" clauses are attributions with no named source. A content stops at its
attribution's clause: not the reporter's aside after a frame, nor the speaker's next act.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from faultline.extract import doc_text, stage
from faultline.extract.speakers import (
    CueLexicon,
    SpeakerResolver,
    can_speak,
    document_speaker,
    lexicon,
    phrase_before,
    subject_of,
)
from faultline.model import Annotations, Quote, Span, Speaker
from faultline.options import Options

QUOTE_MARK_RE = re.compile(r"[“”\"«»‘’]|''|``|'")
OPENING = frozenset({"“", "«", "``"})
CLOSING = frozenset({"”", "»"})
MARK_FAMILY = {"“": "curly", "”": "curly", '"': "straight", "''": "doubled", "``": "doubled",
               "«": "guillemet", "»": "guillemet", "‘": "single", "’": "single", "'": "single"}
SINGLE_MARKS = frozenset("‘’'")
PARAGRAPH_BREAK_RE = re.compile(r"\n\s*")
SENTENCE_END = frozenset({".", "!", "?"})
SENTENCE_BREAK_RE = re.compile(r"[.?!]\s")
# Characters before an opening mark / after a closing one.
OPEN_CONTEXT = frozenset(" \t\n([{—–-/")
FRAME_END_PUNCT = frozenset(",?!—–-")
FRAME_STOPS = frozenset({",", ".", "!", "?", ";", ":", "—", "--", "“", "”", '"', "''", "(", ")"})
FRAME_WORDS = 12  # a parenthetical attribution frame is at most this many words each side
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
COMPLEMENT_DEPS = frozenset({"prep", "xcomp", "oprd", "ccomp", "advcl", "acomp"})
LOOSE_CLAUSE_DEPS = frozenset({"advcl", "conj", "parataxis", "dobj"})
SIGNATURE_DASHES = frozenset("―—–")
SET_OFF = frozenset({",", ";", "—", "–", "―", "--", "-", "(", ":"})
MAX_SIGNATURE = 5  # words of a name signing a quote after a dash
RELATIVE_TAGS = frozenset({"WDT", "WP", "WP$"})
# Words opening an adverbial clause ("said when she resigned ...", "said before he died"):
# such a clause tells when it was said, not what.
SUBORDINATORS = frozenset({"when", "where", "whenever", "before", "after", "while", "as",
                           "since", "until", "because", "if", "though", "although", "once"})
OWN_CONTENT_DEPS = frozenset({"ccomp", "dobj", "intj", "xcomp", "attr"})  # after the cue
NOTHING_SAID = frozenset({"nothing"})  # a negative object: no words to report
QUESTION_MARKS = frozenset({"if", "whether"})  # "asked if ...": the content of a question
PASSIVE_PREPS = frozenset({"of", "for", "as", "with"})  # "accused of", "blamed for"
CONCESSIVE = frozenset({"though", "although", "while", "whereas", "as"})
TIMING = frozenset({"after", "before", "since"})  # ", hours after ...", ", a day before ..."
MAX_LABEL_CHARS = 40  # "PENCE:", "Rush Limbaugh:", "Poll:" - a label is short
MAX_LABEL_WORDS = 4
MIN_LABELLED_WORDS = 3
MAX_SPLIT_FRAME = 100  # characters of ", Mr. Obama said in an interview, " between parts
MIN_ASIDE_WORDS = 5  # a parenthesis this long ends a content ("(R-Texas)", "(61 percent)" stay)
MAX_QUOTE_RUN = 80  # tokens a content may run on to reach its closing quotation mark
CLOSING_MARKS = frozenset({"”", "''", '"'})
SAME_SHARE = 0.8  # an indirect content this much inside a direct quote is the same quote
MAX_FALLBACK_FRAME = 15  # a frame without a known cue verb counts only when this short
MAX_CONTINUED_PARAGRAPHS = 2  # a quote left open runs at most this many paragraphs on
# Words opening the reporter's own clause after an attribution frame ("..., he said, but")
REPORTER_OPENERS = frozenset({"but", "though", "although", "whereas", "yet"})
LIST_JOINERS = frozenset({"and", "or", "nor"})
MIN_UNCUED_WORDS = 3  # a quotation with no cue nor speaker shorter than this is a title
MAX_LIST_ITEM = 8  # words in one item of a list a content runs on through
QUOTE_TOKENS = frozenset({"“", "”", '"', "''", "``", "«", "»"})
ADJUNCT_DEPS = frozenset({"advcl", "relcl", "acl", "prep", "npadvmod", "advmod"})
WHEN_ENTS = frozenset({"DATE", "TIME"})
PERSON_ENTS = frozenset({"PERSON", "NORP"})  # "Clinton", "Democrats"
# Named places an assault verb may aim at as an armed act (not countries: "Trump attacked
# China over trade" is words, and a subject that is a country acts anyway)
PLACE_ENTS = frozenset({"LOC", "FAC"})
PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "ccomp"})
SETTING_DEPS = frozenset({"advcl", "acl"})  # a participle clause set beside another act
LABEL_DEPS = frozenset({"acl", "appos", "amod", "oprd", "attr"})  # "called [the vote] rigged"
SECOND_COMPLEMENT_DEPS = OWN_CONTENT_DEPS | {"oprd"}  # "called [Trump] a liar": two of them
HIDDEN_LABEL_DEPS = frozenset({"nmod", "relcl"})  # a label the parser buried in the object
CALL_ADJUNCT_DEPS = frozenset({"prep", "advmod", "npadvmod", "cc", "mark"})  # "called X after"
MAX_PARTICIPLE_CLIMB = 3  # heads climbed to find the subject a participle speaks for
MAX_DOER_CLIMB = 5  # arcs from an unowned speech noun up to the verb whose subject owns it


@dataclass
class Segment:
    """One stretch of quoted text between quotation marks."""

    open_at: int  # index of the opening mark
    start: int  # content start (after the mark)
    end: int  # content end (before the closing mark, trailing comma dropped)
    close_at: int  # index just after the closing mark (paragraph end when left open)
    para: int
    close_para: int
    continues: int | None = None  # index of the segment this one continues
    standalone: bool = True  # a quotation of its own, not a fragment inside a sentence
    ends_clause: bool = False  # content ends with , ? ! or a dash: a cue clause may follow
    speaker: Speaker | None = None
    cue: Token | None = None
    inherited: bool = False
    split_of: Segment | None = None  # the first part of a quote split by its cue
    signed: bool = False  # a name after a dash signs it: the next quote is someone else's


_Found = tuple[list[list[Token]], Token | None, list[Token] | None]


def _is_clause(found: _Found) -> bool:
    """Whether a content found for a cue is a clause (a verb with its own subject, a that- or
    whether-clause) or holds a quotation, rather than an object, an infinitive or a phrase."""
    tokens = [x for part in found[0] for x in part]
    inside = {x.i for x in tokens}
    return any(x.text in QUOTE_TOKENS for x in tokens) or any(
        x.head.i not in inside and x.pos_ in ("VERB", "AUX") and (
            _has_own_subject(x) or _has_that_mark(x)
            or any(c.dep_ == "csubj" for c in x.children))
        and x.dep_ not in ADJUNCT_DEPS for x in tokens)


class _Paragraphs:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in PARAGRAPH_BREAK_RE.finditer(text)]
        breaks = [m.start() for m in PARAGRAPH_BREAK_RE.finditer(text)]
        self.ends = breaks + [len(text)]

    def of(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1


def _single_kind(text: str, pos: int) -> str:
    """‘...’ / '...' (British style, headlines): a mark opens after a space or a bracket
    before a word and closes after a word before a space or punctuation; anything else
    (don’t, Clinton’s) is an apostrophe ("skip")."""
    before = text[pos - 1] if pos > 0 else "\n"
    after = text[pos + 1] if pos + 1 < len(text) else "\n"
    if (before in OPEN_CONTEXT or before.isspace() or before == ":") and after.isalpha() and (
            text[pos] != "’"):
        return "open"
    if not before.isspace() and not after.isalnum() and text[pos] != "‘":
        return "close"
    return "skip"


def _mark_kind(text: str, pos: int, mark: str) -> str:
    if mark in SINGLE_MARKS:
        return _single_kind(text, pos)
    if mark in OPENING:
        return "open"
    if mark in CLOSING:
        before = text[pos - 1] if pos > 0 else "\n"
        after = text[pos + 1] if pos + 1 < len(text) else "\n"
        if before == "\n" and not after.isspace():
            return "open"  # a paragraph opening with the wrong curly mark
        return "close"
    before = text[pos - 1] if pos > 0 else "\n"
    after_i = pos + len(mark)
    after = text[after_i] if after_i < len(text) else "\n"
    opens = (before in OPEN_CONTEXT or before.isspace()) and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "toggle"


def find_segments(text: str, paras: _Paragraphs) -> list[Segment]:
    """Quoted stretches, pairing marks within a paragraph and across paragraph breaks."""
    segments: list[Segment] = []
    open_at = -1
    open_len = 0
    open_para = -1
    continues: int | None = None

    def close(at: int, close_at: int) -> None:
        nonlocal open_at
        start = open_at + open_len
        end = at
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            # the content's last mark, past a quotation nested at its end ("..., 'Oh, this
            # is important,' ")
            last = text[start:at].rstrip().rstrip("".join(SINGLE_MARKS)).rstrip()[-1:]
            segments.append(Segment(open_at, start, end, close_at, open_para,
                                    paras.of(max(open_at, close_at - 1)), continues,
                                    ends_clause=last in FRAME_END_PUNCT))
        open_at = -1

    open_family = ""
    nested = ""
    for m in QUOTE_MARK_RE.finditer(text):
        pos, mark = m.start(), m.group()
        kind = _mark_kind(text, pos, mark)
        para = paras.of(pos)
        family = MARK_FAMILY[mark]
        if family == "single":
            if kind == "skip" or (kind == "close" and (open_at < 0 or open_family != "single")
                                  and nested != "single"):
                continue  # an apostrophe, or one inside a double-quoted stretch
        if open_at >= 0 and open_family == "single" and (
            para != open_para or family != "single" and kind != "close"
        ):
            open_at = -1  # a single mark left open was no quote (or a double one comes)
        if nested == "single" and family != "single" and kind != "open":
            nested = ""  # ‘rock ‘n’ roll: a stray single mark does not hide the closing one
        if nested and para == open_para:
            if family == nested and kind != "open":
                nested = ""
            continue
        nested = ""
        if open_at >= 0 and para == open_para and kind == "open" and (
                family != open_family or mark in OPENING):
            # "... “Shark Tank.” ...", or “... what he calls “hell” than ...”: a quote
            # within the quote
            nested = family
            continue
        if open_at >= 0 and para != open_para:
            at_para_start = not text[paras.starts[para]:pos].strip()
            if kind != "close" and at_para_start and para == open_para + 1:
                # English convention: a quote continued in the next paragraph re-opens there
                close(paras.ends[open_para], paras.ends[open_para])
                continues = len(segments) - 1 if segments else None
                open_at, open_len, open_para = pos, len(mark), para
                open_family = MARK_FAMILY[mark]
                continue
            if kind != "open" and para <= open_para + MAX_CONTINUED_PARAGRAPHS:
                close(pos, m.end())
                continues = None
                continue
            close(paras.ends[open_para], paras.ends[open_para])
            continues = None
        if kind == "open" or (kind == "toggle" and open_at < 0):
            open_at, open_len, open_para = pos, len(mark), para
            open_family = MARK_FAMILY[mark]
        elif open_at >= 0:
            close(pos, m.end())
            continues = None
    if open_at >= 0 and open_family != "single":
        close(paras.ends[open_para], paras.ends[open_para])
    return segments


class _Tokens:
    """Char offset -> token index lookups over one Doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = doc.to_array("IDX").tolist() if len(doc) else []

    def at(self, pos: int) -> int:
        """Index of the token containing or starting after ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return 0
        t = self.doc[i]
        return i if pos < t.idx + len(t.text) else min(i + 1, len(self.doc))

    def before(self, pos: int) -> int:
        """Index of the last token ending at or before ``pos``."""
        return bisect.bisect_left(self.starts, pos) - 1


class QuoteFinder:
    """All quotes of one Doc."""

    def __init__(self, doc: Doc, ann: Annotations, lex: CueLexicon) -> None:
        self.doc = doc
        self.ann = ann
        self.text = doc_text(doc)
        self.lex = lex
        self.paras = _Paragraphs(self.text)
        self.tokens = _Tokens(doc)
        self.segments = find_segments(self.text, self.paras)
        self.quoted = [(s.open_at, s.close_at) for s in self.segments]
        self.resolver = SpeakerResolver.for_doc(doc, ann, lex, self.quoted)
        self.used_cues: set[int] = set()
        self.datelines = _dateline_spans(doc)
        self.resolver.datelines = self.datelines

    # -- direct quotes ---------------------------------------------------------------------

    def _prefix(self, seg: Segment, prev: Segment | None) -> str:
        floor = self.paras.starts[seg.para]
        if prev is not None and prev.close_at > floor:
            floor = prev.close_at
        prefix = self.text[floor:seg.open_at]
        ends = list(SENTENCE_BREAK_RE.finditer(prefix))  # any space: "added.\xa0“..."
        return prefix[ends[-1].end():] if ends else prefix

    def _splits(self, prev: Segment, seg: Segment) -> bool:
        """“A,” she said, “b ...” - a frame of one clause between two parts of a quote."""
        if not prev.standalone or not prev.ends_clause:
            return False
        between = self.text[prev.close_at:seg.open_at]
        if len(between) > MAX_SPLIT_FRAME:
            return False
        first, last = self.tokens.at(prev.close_at), self.tokens.before(seg.open_at)
        if any(self.doc[i].text in SENTENCE_END or self.doc[i].text == ";"
               for i in range(first, last + 1)):
            return False  # tokens, so that "Mr. Obama said," is one clause
        tail = between.rstrip()
        return tail.endswith((",", ":")) or tail.lower().endswith((" but", " and"))

    def _classify(self, seg: Segment, prefix: str) -> None:
        if seg.continues is not None:
            return
        stripped = prefix.strip()
        if stripped.lower().rstrip(",").endswith(" that") or stripped.lower() == "that":
            seg.standalone = False  # "said that “...”": part of an indirect quote
            return
        if not stripped or stripped.endswith(":"):
            return
        first_alpha = next((c for c in self.text[seg.start:seg.end] if c.isalpha()), "")
        if first_alpha.isupper() and stripped.endswith(","):
            return
        if first_alpha.isupper():
            i = self.tokens.before(seg.open_at)
            if i >= 0 and self.doc[i].lemma_.lower() in self.lex.direct and self.doc[i].pos_ in (
                "VERB", "AUX"
            ):
                return
        seg.standalone = False

    def _frame_after(self, seg: Segment, next_open: int) -> list[Token]:
        after = self.text[seg.close_at:seg.close_at + 3].lstrip()
        if not (seg.ends_clause or after.startswith(",") or after[:1].islower()):
            return []
        limit = min(next_open, self.paras.ends[seg.para] if seg.close_at <= self.paras.ends[
            seg.para] else self.paras.ends[self.paras.of(seg.close_at)])
        out: list[Token] = []
        for i in range(self.tokens.at(seg.close_at), len(self.doc)):
            t = self.doc[i]
            if t.idx >= limit or t.text in SENTENCE_END or "\n" in t.text:
                break
            out.append(t)
        if out and out[0].pos_ == "CCONJ":
            return []  # 'declared “...” and said that ...': the next clause, no frame of this
        return out

    def _dash_signature(self, seg: Segment
                        ) -> tuple[Token | None, Token | None, list[Token] | None]:
        """“...” ― Ana Ruiz. : a name after a dash signs the quote."""
        rest = self.text[seg.close_at:seg.close_at + 4].lstrip(" \t\xa0")
        if not rest or rest[0] not in SIGNATURE_DASHES:
            return None, None, None
        first = self.tokens.at(max(0, seg.close_at - 1))
        i = next((k for k in range(first, min(first + 3, len(self.doc)))
                  if any(c in SIGNATURE_DASHES for c in self.doc[k].text)), -1)
        if i < 0:
            return None, None, None
        dash = self.doc[i]
        words: list[Token] = []
        j = i + 1
        while j < len(self.doc) and len(words) < MAX_SIGNATURE and (
            self.doc[j].pos_ == "PROPN" or self.doc[j].is_space and "\n" not in self.doc[j].text
            or self.doc[j].text in (".", "-") and self.doc[j].i + 1 < len(self.doc)
            and self.doc[j + 1].pos_ == "PROPN"
        ):
            if not self.doc[j].is_space:
                words.append(self.doc[j])
            j += 1
        while j < len(self.doc) and self.doc[j].is_space and "\n" not in self.doc[j].text:
            j += 1
        ends = j >= len(self.doc) or self.doc[j].text in SENTENCE_END or "\n" in self.doc[j].text
        if not words or not ends:
            return None, None, None  # "“...” — and then he left" is no signature
        return dash, words[-1], words

    def _frame_before(self, seg: Segment, prefix: str) -> list[Token]:
        stripped = prefix.strip()
        if not stripped and self.text[:seg.open_at].rstrip().endswith(":"):
            # "He put it this way:\n\n“...”" - the cue ends the previous paragraph
            if seg.para > 0:
                prev_end = self.paras.ends[seg.para - 1]
                return self._sentence_before(prev_end)
        if not stripped:
            return []
        first = self.tokens.at(seg.open_at - len(prefix.lstrip()))
        last = self.tokens.before(seg.open_at)
        return [self.doc[i] for i in range(first, last + 1) if not self.doc[i].is_space]

    def _sentence_before(self, pos: int) -> list[Token]:
        last = self.tokens.before(pos)
        out: list[Token] = []
        i = last
        while i >= 0:
            t = self.doc[i]
            if (t.text in SENTENCE_END and i != last) or "\n" in t.text:
                break
            out.append(t)
            i -= 1
        return out[::-1]

    def _cue_in(self, frame: list[Token], prefer_last: bool
                ) -> tuple[Token | None, Token | None, list[Token] | None]:
        """(cue, speaker head, speaker phrase or None) in a frame clause."""
        if not frame:
            return None, None, None
        inside = {t.i for t in frame}
        known = [t for t in frame if t.pos_ in ("VERB", "AUX") and t.lemma_.lower()
                 in self.lex.direct]
        if prefer_last:
            known.reverse()
        for t in frame:
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and (
                self.doc[t.i + 1].lower_ == "to"
            ):
                obj = next((c for c in self.doc[t.i + 1].children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return t, obj, None
        candidates = known
        if not candidates and len(frame) <= MAX_FALLBACK_FRAME:
            candidates = [t for t in frame if t.pos_ == "VERB" and (
                t.head.i not in inside or t.head is t)]
        for cue in candidates:
            if not prefer_last and cue.i > frame[0].i:
                found = phrase_before(cue, frame[0].i)
                if found is not None:
                    return cue, found[0], found[1]
            subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")
                         and self._outside_quotes(c.idx)), None) or subject_of(cue)
            if subj is not None and self._outside_quotes(subj.idx):
                return cue, subj, None
            if not prefer_last:  # "..., said Caddell": the subject after the verb
                for c in cue.children:
                    if c.i > cue.i and c.i in inside and c.pos_ in ("PROPN", "NOUN") and c.dep_ in (
                        "dobj", "attr", "npadvmod", "appos", "nsubj", "oprd"
                    ):
                        return cue, c, None
                after = _name_after(cue, inside)
                if after is not None:
                    return cue, after[-1], after
        if candidates:
            return candidates[0], None, None
        return None, None, None

    def _label_before(self, frame: list[Token]
                      ) -> tuple[Token, Token, list[Token]] | None:
        """'Sen. Ana Ruiz (D-Ore.): “...”', 'Port chief on the strike: ‘...’': the noun phrase
        opening a frame that ends in a colon names the speaker; the colon is the cue."""
        if not frame or not frame[-1].text.endswith(":"):  # ":" or "):"
            return None
        words: list[Token] = []
        for t in frame[:-1]:
            if t.pos_ in ("PROPN", "NOUN") or t.text == "." and words or (
                    t.pos_ in ("DET", "ADJ") and not words):
                words.append(t)
            else:
                break
        while words and words[-1].pos_ not in ("PROPN", "NOUN"):
            words.pop()
        if not words or len(words) > MAX_LABEL_WORDS + 2 or (
                words[0].lower_ in self.lex.label_stopwords):
            return None
        return frame[-1], words[-1], words

    def _outside_quotes(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted, (pos, 1 << 30)) - 1
        return k < 0 or not (self.quoted[k][0] <= pos < self.quoted[k][1])

    def direct_quotes(self) -> None:
        segs = self.segments
        prev: Segment | None = None
        for seg in segs:
            same_para_prev = prev if prev is not None and prev.para == seg.para else None
            prefix = self._prefix(seg, same_para_prev)
            if same_para_prev is not None and self._splits(same_para_prev, seg):
                seg.split_of = same_para_prev
            else:
                self._classify(seg, prefix)
            prev = seg
        standalone = [s for s in segs if s.standalone]
        for k, seg in enumerate(standalone):
            if seg.split_of is not None:  # “A,” he said, “b ...”: the same utterance
                source = seg.split_of
                seg.speaker, seg.cue, seg.inherited = source.speaker, source.cue, True
                second = self._second_cue(source, seg)
                if second is not None:
                    seg.cue = second
                    self.used_cues.add(second.i)
                continue
            nxt = standalone[k + 1].open_at if k + 1 < len(standalone) else len(self.text)
            prev_seg = standalone[k - 1] if k else None
            prefix = self._prefix(seg, prev_seg if prev_seg and prev_seg.para == seg.para
                                  else None)
            if self._labelled_segment(seg):
                continue
            cue, subj, phrase = self._dash_signature(seg)
            seg.signed = subj is not None
            if subj is None:
                cue, subj, phrase = self._cue_in(self._frame_after(seg, nxt), prefer_last=False)
            if subj is None:
                cue2, subj2, phrase2 = self._cue_in(self._frame_before(seg, prefix),
                                                    prefer_last=True)
                if subj2 is not None or cue is None:
                    cue, subj, phrase = cue2, subj2, phrase2
            if subj is None and prefix.rstrip().endswith(":"):
                labelled = self._label_before(self._frame_before(seg, prefix))
                if labelled is not None:
                    cue, subj, phrase = labelled
            seg.cue = cue
            if subj is not None:
                seg.speaker = self.resolver.speaker(subj, phrase)
            if cue is not None:
                self.used_cues.add(cue.i)
        self._share_along_chains()
        self._inherit(standalone)

    def _second_cue(self, first: Segment, seg: Segment) -> Token | None:
        """“A,” she said, adding, “B.” / “A,” he said before asking, “B?”: a second cue verb in
        the frame opens an utterance of its own, by the same speaker."""
        if first.cue is None:
            return None
        start, end = self.tokens.at(first.close_at), self.tokens.before(seg.open_at)
        verbs = self.lex.verbs | self.lex.direct
        return next((self.doc[i] for i in range(end, max(start, first.cue.i), -1)
                     if self.doc[i].pos_ == "VERB" and self.lex.lemma(self.doc[i]) in verbs),
                    None)

    def _share_along_chains(self) -> None:
        """The paragraphs of one continued quote have one speaker, wherever its cue is."""
        chains: dict[int, list[Segment]] = {}
        for i, seg in enumerate(self.segments):
            root = i
            while self.segments[root].continues is not None:
                root = self.segments[root].continues  # type: ignore[assignment]
            chains.setdefault(root, []).append(seg)
        for members in chains.values():
            if len(members) < 2:
                continue
            source = next((m for m in members if m.speaker is not None and not m.signed), None)
            if source is None:
                continue
            for m in members:
                if m.speaker is None:
                    m.speaker, m.cue, m.inherited = source.speaker, source.cue, True

    def _inherit(self, standalone: list[Segment]) -> None:
        """Quotes without a cue of their own take the speaker of the quote they go with, or
        of a cue in the sentence just before them in the paragraph."""
        for k, seg in enumerate(standalone):
            if seg.cue is not None or seg.speaker is not None:
                continue
            source: Segment | None = None
            if seg.continues is not None:
                source = self.segments[seg.continues]
            before = standalone[k - 1] if k else None
            if source is None and before is not None and before.close_para == seg.para:
                source = before
            if source is None and self._take_previous_sentence(seg):
                continue
            if source is None and before is not None and (
                before.close_para == seg.para - 1 and self._opens_paragraph(seg)
            ):
                source = before
            if source is None and k + 1 < len(standalone):
                after = standalone[k + 1]
                if after.para == seg.para and after.cue is not None and not after.inherited:
                    source = after
            if source is not None and source.speaker is not None and not source.signed:
                seg.speaker, seg.cue, seg.inherited = source.speaker, source.cue, True
            elif source is None and seg.para > 0 and self._opens_paragraph(seg):
                # "Obama told the crowd the vote mattered.\n“It's about me.”": the speaker
                # of the cue ending the paragraph before (the cue stays that quote's own)
                frame = [t for t in self._sentence_before(self.paras.ends[seg.para - 1])
                         if self._outside_quotes(t.idx)]
                cue, subj, phrase = self._cue_in(frame, prefer_last=True)
                if cue is not None and subj is not None and cue.lemma_.lower() in (
                        self.lex.direct) and (subj.pos_ != "NOUN" or can_speak(subj, self.lex)):
                    seg.speaker, seg.inherited = self.resolver.speaker(subj, phrase), True

    def _take_previous_sentence(self, seg: Segment) -> bool:
        """"..., Schiff said. “The other factor is ...”": the cue of the sentence before."""
        if self._opens_paragraph(seg):
            return False
        frame = [t for t in self._sentence_before(seg.open_at) if self._outside_quotes(t.idx)]
        cue, subj, phrase = self._cue_in(frame, prefer_last=True)
        if cue is None or subj is None or cue.lemma_.lower() not in self.lex.direct:
            return False
        seg.speaker, seg.cue, seg.inherited = self.resolver.speaker(subj, phrase), cue, True
        return True

    def _opens_paragraph(self, seg: Segment) -> bool:
        return not self.text[self.paras.starts[seg.para]:seg.open_at].strip()

    def emit_direct(self) -> list[Quote]:
        out = []
        for seg in self.segments:
            if not seg.standalone or seg.cue is None and seg.speaker is None and (
                    not self._says_something(seg)):
                continue
            out.append(self._quote(seg.start, seg.end, "direct", seg.speaker, seg.cue))
        return out

    def _says_something(self, seg: Segment) -> bool:
        """A quotation nobody is said to have spoken needs a clause to be a quote; a few
        quoted words with no verb are a title, a term or a caption ('“The Long Winter”',
        '“See also”')."""
        first, last = self.tokens.at(seg.start), self.tokens.before(seg.end)
        tokens = [self.doc[i] for i in range(first, last + 1)]
        return sum(t.is_alpha for t in tokens) >= MIN_UNCUED_WORDS and any(
            t.pos_ in ("VERB", "AUX") for t in tokens)

    # -- speaker labels: "PENCE: Well, look ...", "Limbaugh: Clinton ...", "He added:" ----

    def labelled_paragraphs(self) -> list[Quote]:
        """Paragraphs that open with a speaker label and a colon (transcripts, headlines),
        and unquoted paragraphs introduced by a cue clause ending in a colon."""
        out: list[Quote] = []
        quoted_starts = {s.para for s in self.segments if s.standalone}
        for k, (start, end) in enumerate(zip(self.paras.starts, self.paras.ends,
                                             strict=True)):
            if k in quoted_starts or end - start < 8:
                continue
            found = self._label(start, end)
            if found is not None:
                out.append(found)
            elif k + 1 < len(self.paras.starts) and self.text[start:end].rstrip().endswith(":"):
                found = self._colon_block(start, end, k + 1)
                if found is not None:
                    out.append(found)
        return out

    def _label(self, start: int, end: int) -> Quote | None:
        colon = self.text.find(":", start, min(end, start + MAX_LABEL_CHARS))
        if colon < 0 or len(self.text[colon + 1:end].split()) < MIN_LABELLED_WORDS:
            return None
        first, last = self.tokens.at(start), self.tokens.before(colon)
        words = [self.doc[i] for i in range(first, last + 1) if not self.doc[i].is_space]
        if not words or len(words) > MAX_LABEL_WORDS:
            return None
        if words[0].lower_ in self.lex.label_stopwords or not all(
            w.pos_ in ("PROPN", "NOUN") and w.text[:1].isupper() or w.text == "."
            for w in words
        ):
            return None
        body_start = colon + 1
        while body_start < end and self.text[body_start].isspace():
            body_start += 1
        body_end = end
        while body_end > body_start and self.text[body_end - 1].isspace():
            body_end -= 1
        speaker = self.resolver.speaker(words[-1], words)
        colon_tok = self.doc[self.tokens.at(colon)]
        kind = "direct" if all(w.text.isupper() for w in words if w.is_alpha) else "indirect"
        return self._quote(body_start, body_end, kind, speaker, colon_tok)

    def _labelled_segment(self, seg: Segment) -> bool:
        """A quoted transcript paragraph, '"PENCE: Well, look ...': the label speaks."""
        found = self._label(seg.start, seg.end)
        if found is None:
            return False
        seg.start = found.span.start
        seg.speaker = found.speaker
        seg.cue = self.doc[self.tokens.at(found.cue_span.start)] if found.cue_span else None
        seg.signed = True
        return True

    def _colon_block(self, start: int, end: int, nxt: int) -> Quote | None:
        frame = self._sentence_before(self.text.rindex(":", start, end))
        cue, subj, phrase = self._cue_in(frame, prefer_last=True)
        if cue is None or subj is None or cue.lemma_.lower() not in self.lex.direct:
            return None
        body_start, body_end = self.paras.starts[nxt], self.paras.ends[nxt]
        if self.text[body_start:body_start + 1] in "“\"'‘":
            return None
        self.used_cues.add(cue.i)
        return self._quote(body_start, body_end, "direct", self.resolver.speaker(subj, phrase),
                           cue)

    # -- indirect quotes -------------------------------------------------------------------

    def indirect_quotes(self) -> list[Quote]:
        lex = self.lex
        verbs = lex.verbs
        out: list[Quote] = []
        seen: set[tuple[int, int]] = set()
        for t in self._candidates():
            if t.i in self.used_cues:
                continue
            lemma = lex.lemma(t)
            found: _Found | None = None
            if t.lower_ == "according":
                found = self._according(t)
            elif t.lower_ == "in":
                found = self._in_document(t)
            elif lemma in lex.perception and t.pos_ in ("VERB", "AUX"):
                found = self._perceived(t)
            elif lemma in verbs and (t.pos_ == "VERB" or t.pos_ == "NOUN" and t.dep_ == "ROOT"
                                     and _has_own_subject(t)):  # "The campaign plans to"
                found = self._verb_content(t, lemma)
                if found is not None and lemma in lex.clause_only and not self._speech_sense(
                        t, found):
                    found = None
                if found is not None and self._on_the_sources_terms(t, found):
                    continue  # "not authorized to discuss the talks": why the source is unnamed
                if found is None and lemma not in lex.clause and lemma not in lex.not_cues:
                    found = self._that_clause(t)  # "they resent that ...": any verb's clause
            elif t.pos_ in ("VERB", "ADJ") and lemma not in lex.not_cues:
                found = self._that_clause(t)
            elif t.pos_ == "NOUN" and (lemma in lex.noun or lemma in lex.noun_infinitive
                                       or lemma in lex.noun_prep):
                found = self._noun_content(t)
            if found is None:
                continue
            parts, subj, phrase = found
            speaker = self.resolver.speaker(subj, phrase) if subj is not None else None
            cue_end = self.doc[t.i + 1] if t.lower_ == "according" else t
            for content in parts:
                content = _close_quote(_trim(_cut_own_cues(_prune_tail(content), lex.direct)))
                content = self._past_dateline(content)
                if not content or not any(c.is_alpha for c in content) or (
                        len(content) == 1 and content[0].pos_ == "PRON"
                        and content[0].lower_.endswith(("self", "selves"))):
                    continue  # ("the right to defend ourselves": an act on oneself, no words)
                start, end = content[0].idx, content[-1].idx + len(content[-1].text)
                if (start, end) in seen:
                    continue
                seen.add((start, end))
                out.append(self._quote(start, end, "indirect", speaker, t, cue_end))
        return out

    def _past_dateline(self, tokens: list[Token]) -> list[Token]:
        """"MANILA, May 10 (Reuters) - Ships fired ..., the navy said": the content starts
        after the dateline."""
        for _, dash in self.datelines:
            if tokens and tokens[0].i <= dash < tokens[-1].i and self.doc[dash].whitespace_:
                # (a spaced dash: "YOU-KNOW-WHAT" in a capitalised heading is no dateline)
                return _trim([t for t in tokens if t.i > dash])
        return tokens

    def _candidates(self) -> Iterable[Token]:
        """Tokens that may be cues, picked from the Doc's arrays without building a Token
        for every word: a cue lemma, "according", or a word governing a clause."""
        doc = self.doc
        if not len(doc):
            return
        cols = doc.to_array(["LEMMA", "LOWER", "DEP", "HEAD"])
        cue_hashes = self.lex.hashes | self.lex.perception_hashes
        forms = self.lex.form_hashes
        ccomp = doc.vocab.strings["ccomp"]
        according = doc.vocab.strings["according"]
        in_ = doc.vocab.strings["in"]
        heads: set[int] = set()
        for i, (_, _, dep, head) in enumerate(cols.tolist()):
            if dep == ccomp:
                heads.add(i + _signed(head))
        for i, (lemma, lower, _, _) in enumerate(cols.tolist()):
            if lemma in cue_hashes or lower in (according, in_) or i in heads or lower in forms:
                yield doc[i]

    def _in_document(self, t: Token) -> _Found | None:
        """"In this poll, Trump leads by five points": a document opening the sentence."""
        doc = self.doc
        sent_start = _bounds(t)[0]
        while sent_start < t.i and (doc[sent_start].is_space or doc[sent_start].is_punct):
            sent_start += 1  # a paragraph break or an opening mark before "In"
        if t.dep_ != "prep" or t.head.pos_ not in ("VERB", "AUX"):
            return None
        obj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if obj is None or obj.lemma_.lower() not in self.lex.documents:
            return None
        if t.i != sent_start:
            return None
        after = t.right_edge.i + 1
        if after >= len(self.doc) or self.doc[after].text != ",":
            return None
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in self.lex.verbs
               for c in t.head.children):
            return None
        if t.head.lemma_.lower() in self.lex.verbs:
            return None  # "In a statement, she said ...": the verb is the cue
        owner = document_speaker(obj, t.head, self.lex)
        content = [x for x in t.head.subtree if x.i > after]
        return [content], owner, None

    def _according(self, t: Token) -> _Found | None:
        if t.i + 1 >= len(self.doc) or self.doc[t.i + 1].lower_ != "to":
            return None
        obj = next((c for c in self.doc[t.i + 1].children if c.dep_ == "pobj"), None)
        if obj is None or obj.lemma_.lower() in self.lex.standards:
            return None  # ("going according to plan": a measure, not a source)
        doc = self.doc
        start, end = _bounds(t)
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        if t.i == start:  # "According to X, the move reeks of fear."
            comma = next((i for i in range(obj.i + 1, end) if doc[i].text == ","), None)
            if comma is not None and comma + 1 < end:
                return [[doc[i] for i in range(comma + 1, end)]], obj, None
        elif doc[t.i - 1].text == "," and t.i - 1 > start and not any(
            doc[i].text in (",", ";") for i in range(t.i + 2, end)
        ):  # "Incomes would rise 19 percent, according to the Tax Foundation."
            return [[doc[i] for i in range(start, t.i - 1)]], obj, None
        elif doc[t.i - 1].text == "," and t.i - 1 > start:
            # "X, according to Y, although Z" / "X, according to Y (a sizable margin)": what
            # follows the source is the reporter's aside; the content is X
            nxt = t.right_edge.i + 1
            before = [doc[i] for i in range(start, t.i - 1)]
            if nxt < end and (doc[nxt].text == "(" or doc[nxt].text == "," and (
                    _reporter_aside([doc[i] for i in range(nxt + 1, end)])
                    or any(x.dep_ == "ROOT" and x.pos_ in ("VERB", "AUX") for x in before))):
                # ("X rose 20 percent, according to Y, more than Z": the sentence's own
                # clause is complete before the source)
                return [before], obj, None
        phrase = {x.i for x in t.subtree}
        head = t.head
        if head is t or head.pos_ not in ("VERB", "AUX"):
            pool: Iterable[Token] = t.sent
        else:
            pool = head.subtree
        content = [x for x in pool if x.i not in phrase]
        return [_contiguous_around(content)], obj, None

    def _verb_content(self, t: Token, lemma: str) -> _Found | None:
        lex = self.lex
        if lemma in lex.clause:
            framed = self._frame_content(t) or self._as_clause(t)
            if framed is not None:
                return framed
        children = list(t.children)
        content: list[Token] | None = None
        if lemma in lex.clause:
            comps = [c for c in children if c.dep_ == "ccomp" and not (
                # "said before he died": a clause telling when, misparsed as the content
                any(g.dep_ == "mark" and g.lower_ in SUBORDINATORS - QUESTION_MARKS
                    for g in c.children))]
            if not comps:
                # a misparsed complement: "said after the talks he would not accept it"
                # ("asked the students if they ...": a verb of asking takes if/whether too;
                # "promised X, but he ...": a clause after a conjunction is coordinated)
                marks = {"that"} | (QUESTION_MARKS if lemma in lex.question else set())
                comps = [c for c in children if c.i > t.i and c.dep_ in LOOSE_CLAUSE_DEPS
                         and c.pos_ in ("VERB", "AUX") and _has_own_subject(c)
                         and not any(g.dep_ == "mark" and g.lower_ not in marks
                                     for g in c.children)
                         and (c.left_edge.lower_ not in SUBORDINATORS
                              or c.left_edge.lower_ in marks)
                         and not (c.dep_ == "conj" and any(
                             g.dep_ == "cc" and t.i < g.i < c.i for g in children))]
            if not comps:
                comps = self._clause_on_object(t)
            comps = [c for c in comps if c.i > t.i or not any(
                self.doc[i].text == ";" for i in range(c.right_edge.i + 1, t.i))]
            # ("X said Y; observers disputed that": the clause before a semicolon is its own)
            if comps:
                right = [c for c in comps if c.i > t.i]
                comp = (right or comps)[0]
                content = self._own_clause(t, comp)
                obj = next((c for c in children if c.dep_ == "dobj" and t.i < c.i < comp.i), None)
                if obj is not None and comp.left_edge.i == obj.right_edge.i + 1 and not (
                        _has_own_subject(comp)):
                    # "as saying the risk of a clash was growing": the clause's subject, taken
                    # for the cue's object; the content is both
                    content = list(obj.subtree) + content
                if comp.i > t.i and any(x.i < t.i for x in content):
                    # "a factory, which residents said had been closed": the relative pronoun
                    # opening the said clause stands before its cue; the content follows it
                    content = [x for x in content if x.i > t.i]
                particle = next((c for c in children if c.dep_ == "prep" and t.i < c.i < comp.i
                                 and c.lower_ in lex.phrasal.get(lemma, ())), None)
                if particle is not None and not _has_that_mark(comp):
                    # ("agreed with the mayor that the bridge must wait": the verb's own clause)
                    # "insist on guarantees that the U.S. cannot give": the clause is the
                    # noun's relative clause, misparsed; the content is the whole object
                    content = [self.doc[i] for i in range(particle.i + 1, comp.right_edge.i + 1)]
                if comp.i > t.i:
                    # "she said she hopes to win, but she knows that ..." - a coordinated
                    # clause with its own subject continues what was said
                    for c in children:
                        if c.dep_ == "conj" and c.i > comp.i and _has_that_mark(c):
                            # "said X, but that Y": a second complement, whatever joins it
                            content.extend(c.subtree)
                        elif c.dep_ == "conj" and c.i > comp.i and _has_own_subject(c) and any(
                            g.dep_ == "cc" and g.lower_ == "and" for g in children
                            if comp.i < g.i < c.i
                        ) and not self._narrates_speaker(t, c) and not any(
                                x.pos_ == "VERB" and lex.lemma(x) in lex.verbs
                                for x in c.subtree):  # (a cue of its own: its own quote)
                            # ", but ..." is usually the reporter's own voice
                            content.extend(c.subtree)
        if content is None and lemma in lex.infinitive and not any(
                c.dep_ == "prt" and c.i < t.i + 2 and c.lower_ not in lex.phrasal.get(lemma, ())
                and c.lower_ not in ("on", "upon") for c in children):
            # ("called up reservists to bolster the front": another verb; "called on NATO to
            # act" is the cue's)
            for c in children:
                if c.dep_ in ("xcomp", "ccomp") and c.i > t.i and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children
                ):
                    if c.lemma_.lower() in lex.anonymity_verbs and any(
                            a.dep_ == "auxpass" for a in c.children) and any(
                            a.dep_ == "neg" for a in c.children):
                        return None  # "who asked not to be named": the terms of the source
                    content = self._complements(t, c)
                    for g in children:  # "wants to triple X, grow Y and create Z": the
                        # parser hangs "grow" on the cue; a bare verb continues the content
                        if g.dep_ == "conj" and g.i > c.i and g.tag_ == "VB" and (
                                not _has_own_subject(g)):
                            content.extend(g.subtree)
                    break
        if content is None and lemma in lex.phrasal:
            particles = lex.phrasal[lemma]
            for c in children:
                if c.dep_ in ("prep", "prt") and c.lower_ in particles and c.i > t.i:
                    obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")
                                and g.ent_type_ not in WHEN_ENTS), None)  # "spoke on Monday"
                    if obj is None and c.dep_ == "prt":  # "laid out a plan": the verb's object
                        obj = next((g for g in children if g.dep_ == "dobj" and g.i > t.i),
                                   None)
                    if obj is not None and (obj.lemma_.lower() in lex.manner_nouns
                                            or obj.lemma_.lower() in lex.platforms):
                        continue  # "spoke on condition of anonymity", "on the phone"
                    if obj is not None:  # "pointed to China as the enforcer"
                        content = self._complements(t, obj)
                        break
            for c in children if content is None else ():
                # "called for the army to withdraw": the particle marks a clause of its own
                if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > t.i and any(
                        g.dep_ == "mark" and g.lower_ in particles and g.i < c.i
                        for g in c.children):
                    content = [x for x in c.subtree if not (
                        x.dep_ == "mark" and x.head.i == c.i and x.lower_ in particles)]
                    break
        if content is None and lemma in lex.labelling and not (t.dep_ == "acl"
                                                               and t.tag_ == "VBN"):
            # ("a charity called Open Doors" names it; no one is labelling anything)
            label = next((c for c in children if c.dep_ == "oprd" and c.i > t.i), None)
            if label is not None and lemma in lex.label_only and any(
                    c.dep_ == "nsubj" for c in children) and not any(
                    c.dep_ in ("dobj", "dative") for c in children) and all(
                    x.pos_ == "PROPN" for x in label.subtree) and not _labelled(label):
                label = None  # "called Ankara": the one called, not a label on anyone
            if label is not None:  # "called it a common ailment", "called Trump a liar"
                last = max(c.right_edge.i for c in children if c.i > t.i and (
                    c.dep_ in COMPLEMENT_DEPS or c.dep_ in ("oprd", "dobj", "dative")))
                content = [self.doc[i] for i in range(t.i + 1, last + 1)]
        if content is None and (lemma in lex.object or lemma in lex.object_as and _labels_as(t)
                                ) and not any(c.dep_ == "prt" and c.lower_ not in lex.phrasal.get(
                                    lemma, ()) for c in children):
            # ("called up reservists", "called off the attack": a particle the cue does not
            # list makes another verb)
            obj = next((c for c in children if c.dep_ == "dobj" and c.i > t.i), None)
            if obj is None:  # "proposed dropping the tax": a gerund as the object
                obj = next((c for c in children if c.dep_ == "xcomp" and c.i > t.i and (
                    c.tag_ == "VBG" or any(a.dep_ in ("aux", "auxpass") and a.tag_ == "VBG"
                                           for a in c.children))), None)  # "being held"
            if obj is None and lemma in lex.direct:  # "said yes", "said so": the answer
                obj = next((c for c in children if c.i == t.i + 1 and (
                    c.dep_ == "intj" or c.dep_ == "advmod" and c.lower_ == "so")), None)
            if obj is None and t.dep_ == "relcl":  # "the deal, which she opposed": the pronoun
                obj = next((c for c in children if c.dep_ == "dobj" and c.i < t.i
                            and c.tag_ in RELATIVE_TAGS), None)
            if obj is not None and obj.lower_ in NOTHING_SAID and not any(
                    c.dep_ in ("prep", "relcl", "acl") for c in obj.children):
                return None  # "the army said nothing as ...": no words (not "nothing about X",
                # "nothing that would ...")
            if obj is not None and lemma in lex.label_only and not _labelled(obj):
                return None
            if obj is not None:
                content = self._complements(t, obj)
            elif obj is None and t.tag_ == "VBN":
                # "the nominee is endorsed by dozens of papers": the patient is the content,
                # the agent the speaker
                patient = next((c for c in children if c.dep_ == "nsubjpass"), None)
                agent = next((c for c in children if c.dep_ == "agent"), None)
                by = next((g for g in agent.children if g.dep_ == "pobj"),
                          None) if agent is not None else None
                if patient is not None and by is not None and patient.pos_ != "PRON":
                    return [list(patient.subtree)], by, None
                prep = next((c for c in children if c.dep_ == "prep" and c.i > t.i
                             and c.lower_ in PASSIVE_PREPS), None)
                what = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")),
                            None) if prep is not None else None
                if patient is not None and by is None and what is not None:
                    # "Mr. Quiros was accused of using the money": who, and of what; the
                    # accuser goes unnamed
                    return [list(patient.subtree), list(what.subtree)], None, None
        if content is None:
            return None
        subj = self._speaker_head(t)
        if subj is None and t.tag_ == "VBN" and content and any(
                c.dep_ == "xcomp" and c.i > t.i and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in children):
            patient = next((c for c in children if c.dep_ == "nsubjpass"), None)
            if patient is not None and not any(c.dep_ == "agent" for c in children):
                # "one voter in nine is expected to be Latino": who, and what is expected
                return [list(patient.subtree), content], None, None
        if subj is None and t.tag_ != "VBG" and not (
            content and content[0].dep_ == "mark" and content[0].lower_ == "that"
        ) and not _agentless_passive(t) and not _whole_clause(content):
            return None
        if subj is None and t.tag_ in FINITE:
            subj = _nominal_before(t)  # "Sen. Ana Ruiz said ...", the name misparsed
        return [content], subj, None

    def _clause_on_object(self, verb: Token) -> list[Token]:
        """"told a briefing that the talks were over", "told reporters on a call that ...":
        the parser hangs the said clause on the noun before it as a relative clause. One
        opened by the complementizer "that" with a subject of its own has no gap, so it is
        no relative clause but the verb's (a noun whose content it can be, "the claim that
        ...", keeps it)."""
        particles = self.lex.phrasal.get(self.lex.lemma(verb), frozenset())
        for c in verb.children:
            if c.i < verb.i or c.dep_ not in ("dobj", "dative", "prep") or (
                    c.lower_ in particles):  # ("insist on guarantees that X cannot give")
                continue
            for x in c.subtree:
                if x.dep_ in ("relcl", "acl") and x.pos_ in ("VERB", "AUX") and (
                        _has_own_subject(x)) and any(
                        g.dep_ == "mark" and g.lower_ == "that" for g in x.children) and (
                        self.lex.lemma(x.head) not in self.lex.noun):
                    return [x]
        return []

    def _own_clause(self, cue: Token, comp: Token) -> list[Token]:
        """The said clause without a verb joined to it in the cue's tense, not the clause's
        ("she said she admires him and praised his plan"), or a cue that tells someone to do
        something ("... and urged voters to stay home"): the speaker's next act, which the
        parser hung on the said clause."""
        heads = [comp] + [x for x in comp.children if x.dep_ == "xcomp" and x.i > comp.i]
        for c in (c for h in heads for c in h.children):
            if c.dep_ != "conj" or c.i < comp.i or _has_own_subject(c):
                continue
            tense = _finite_tag(c)
            cc = [g for g in c.head.children if g.dep_ == "cc" and comp.i < g.i < c.i]
            urges = self.lex.lemma(c) in self.lex.infinitive and any(
                g.dep_ == "dobj" for g in c.children) and any(
                g.dep_ == "xcomp" and any(a.lower_ == "to" for a in g.children)
                for g in c.children)  # "... and urged voters to stay home": a cue of its own
            urges = urges or self.lex.lemma(c) in self.lex.object and any(
                g.dep_ == "dobj" for g in c.children) and any(
                g.dep_ == "prep" and g.lower_ in ("of", "for") and any(
                    a.dep_ == "pcomp" and a.tag_ == "VBG" for a in g.children)
                for g in c.children)  # "... and accused NATO of stoking hysteria"
            shifts = tense in FINITE and tense == _finite_tag(cue) != _finite_tag(comp) or (
                self.lex.lemma(c) in self.lex.verbs and tense in FINITE
                and _verb_form(c) == _verb_form(cue) != _verb_form(comp))
            if (urges or shifts) and not any(g.lower_ in ("or", "nor") for g in cc):
                start = c.left_edge.i
                while start - 1 > comp.i and (self.doc[start - 1].dep_ == "cc"
                                              or self.doc[start - 1].is_punct):
                    start -= 1
                return [x for x in comp.subtree if x.i < start]
        return list(comp.subtree)

    def _perceived(self, t: Token) -> _Found | None:
        """"The talks appear to have failed", "it seems the vote is lost": the writer's
        hedged view of a clause, attributed to no one named. The content is the whole
        clause, subject and verb included; "it seems that X" gives X."""
        comps = [c for c in t.children if c.i > t.i]
        clause = next((c for c in comps if c.dep_ == "ccomp"), None)
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "expl") and c.i < t.i),
                    None)
        if clause is not None and subj is not None and subj.lower_ == "it":
            return [list(clause.subtree)], None, None
        inf = next((c for c in comps if c.dep_ == "xcomp" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if inf is None or subj is None or subj.lower_ in ("it", "there"):
            return None
        if self.lex.lemma(inf) in self.lex.verbs:
            return None  # "seemed to blame Cruz": the inner verb is the cue
        start = subj.left_edge.i  # a relative subject ("who seemed to ...") starts it too
        doc = self.doc
        return [[doc[i] for i in range(start, inf.right_edge.i + 1)]], None, None

    def _narrates_speaker(self, cue: Token, verb: Token) -> bool:
        """"She said the vote was close, and she left": a clause joined to the cue whose
        subject is the speaker again (or who does another speech act) goes on telling what
        the speaker did, in the reporter's voice."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return False
        if verb.lemma_.lower() in self.lex.direct:
            return True
        speaker = subject_of(cue)
        return subj.lower_ in self.lex.person_pronouns or (
            speaker is not None and speaker.lower_ == subj.lower_)

    def _speech_sense(self, cue: Token, found: _Found) -> bool:
        """A clause_only verb ("seek", "plan", "support", "attack") reports speech or a
        stance when its content is a clause or a quotation, or when a person holds it; with
        any other subject it names an act or an aim ("rebels seeking talks"). As a participle
        on another cue ("Speaking about the floods, she said ...") it only sets the topic."""
        subj = found[1]
        if _is_clause(found):
            return True
        if self.lex.lemma(cue) in self.lex.assaults and self._armed(cue, found):
            return False
        if cue.tag_ == "VBG" and cue.dep_ in PARTICIPLE_DEPS and (
                cue.head.lemma_.lower() in self.lex.direct or cue.dep_ in SETTING_DEPS):
            return False  # "Seeking a way out, the president flew to Moscow": an aim
        if subj is None:
            return False
        return self._is_person(subj)

    def _armed(self, cue: Token, found: _Found) -> bool:
        """An assault verb's object, or its "with" phrase, names a place, a military target, a
        weapon or an operation: an act of war, not words ("attacked the stronghold with
        artillery", "planning a counterattack")."""
        lex = self.lex
        inside = {x.i for part in found[0] for x in part}
        heads = [x for part in found[0] for x in part if x.head.i not in inside]
        heads += [g for c in cue.children if c.dep_ == "prep" and c.lower_ == "with"
                  for g in c.children if g.dep_ == "pobj"]
        return any(h.ent_type_ in PLACE_ENTS or h.lemma_.lower() in lex.targets
                   or h.lower_ in lex.targets for h in heads)

    def _on_the_sources_terms(self, cue: Token, found: _Found) -> bool:
        """The terms a source spoke on ("who was not authorised to discuss the talks", "spoke
        on condition of anonymity to describe the plans") tell why the source goes unnamed,
        not what was said: no content, unless that content is a clause or a quotation."""
        lex = self.lex
        head = cue.head
        return cue.dep_ in ("xcomp", "advcl") and head.i != cue.i and (
            lex.lemma(head) in lex.source_terms or any(
                g.lemma_.lower() in lex.source_terms for c in head.children
                if c.dep_ == "prep" and c.i < cue.i for g in c.subtree)
        ) and not _is_clause(found)

    def _is_person(self, subj: Token, depth: int = 2) -> bool:
        """A named person, a pronoun, an office or a noun for people: one who holds a stance;
        also a share of such people ("most of the voters"). (Not any noun a "who" clause
        describes: "fighters who support the government" act.)"""
        lex = self.lex
        if (subj.ent_type_ in PERSON_ENTS or subj.lower_ in lex.person_pronouns
                or subj.lower_ in lex.first_person or subj.lemma_.lower() in lex.honorifics
                or subj.lemma_.lower() in lex.person_nouns):
            return True
        of = next((g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
        return of is not None and depth > 0 and subj.pos_ in ("ADJ", "NOUN", "PRON", "NUM") and (
            self._is_person(of, depth - 1))

    def _that_clause(self, t: Token) -> _Found | None:
        """Any verb or adjective with a that-clause and a subject reads as attribution:
        "the Pentagon worries that ...", "she is confident that ..."."""
        adjective = t.pos_ == "ADJ" and t.lemma_.lower() in self.lex.adjective
        comp = next((c for c in t.children if c.i > t.i and (
            c.dep_ == "ccomp" and (adjective or any(g.dep_ == "mark" and g.lower_ == "that"
                                                    for g in c.children))
            or adjective and c.dep_ == "advcl" and _has_that_mark(c)  # "made it clear that"
            or adjective and c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to"
                                                        for g in c.children))), None)
        if comp is not None and any(c.dep_ in ("advmod", "amod", "det")
                                    and c.lower_ in self.lex.not_cues for c in t.children):
            comp = None  # "so slow that the envoys left": a result, not a view
        if comp is None and adjective and t.dep_ in ("oprd", "ccomp", "acomp", "xcomp"):
            # "made (it) clear that ...": the parser hangs the clause on the verb
            comp = _that_clause_after(t.head, t)
        content = list(comp.subtree) if comp is not None else None
        if content is None and t.pos_ == "ADJ":
            # "critical of Trump", "worried about the deal": the object of the preposition
            preps = self.lex.adjective_prep.get(t.lemma_.lower(), ())
            prep = next((c for c in t.children if c.dep_ == "prep" and c.i > t.i
                         and c.lower_ in preps), None)
            obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")),
                       None) if prep is not None else None
            if obj is not None and prep is not None:
                content = [x for x in prep.subtree if x.i != prep.i]
        if content is None:
            return None
        head = t.head if t.pos_ == "ADJ" and t.dep_ in ("acomp", "oprd", "ccomp", "xcomp") else t
        subj = self._speaker_head(head)
        if subj is None or subj.lower_ in ("it", "this", "that", "there"):
            return None
        if comp is not None and comp.dep_ == "xcomp" and not self._is_person(subj):
            return None  # "troops ready to deploy", "a bank eager to lend": an aim, not a view
        return [content], subj, None

    def _as_clause(self, t: Token) -> _Found | None:
        """"As the minister noted, the talks are over": the main clause is the content."""
        if t.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as"
                                        for c in t.children):
            return None
        if any(c.dep_ in ("ccomp", "dobj") for c in t.children):
            return None  # "as he said that ..." / "as she noted the costs": not this form
        subj = self._speaker_head(t)
        if subj is None:
            return None
        own = {x.i for x in t.subtree}
        content = [x for x in t.head.subtree if x.i not in own]
        if t.i < t.head.i:
            content = [x for x in content if x.i > t.right_edge.i]
        else:
            content = [x for x in content if x.i < t.left_edge.i]
        return [content], subj, None

    def _speaker_head(self, t: Token) -> Token | None:
        if t.dep_ == "pcomp" and t.head.lower_ == "as" and t.tag_ == "VBG":
            # "Interfax quoted a diplomat as saying ...": the one quoted speaks
            quoted = next((c for c in t.head.head.children if c.dep_ == "dobj"
                           and c.i < t.i), None)
            if quoted is not None:
                return quoted
        reported = self._reported_clause_of(t)
        if reported is not None:
            return self._speaker_head(reported)
        if t.tag_ == "VBN" and t.dep_ == "advcl" and t.i < t.head.i and (
                self.lex.lemma(t) in self.lex.question) and not any(
                c.dep_ in ("agent", "nsubj", "nsubjpass", "auxpass") for c in t.children):
            return None  # "Asked whether ..., the president said": the asker goes unnamed
        subj = subject_of(t)
        if subj is None and t.tag_ == "VBG" and t.dep_ in PARTICIPLE_DEPS:
            # "..., criticizing Machado": a participle set off from its clause speaks for
            # the subject of the clause it hangs on, however deep the parser put it
            head = t.head
            for _ in range(MAX_PARTICIPLE_CLIMB):
                subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
                             and c.i < t.i), None)
                if subj is not None or head.head is head:
                    break
                head = head.head
        if subj is not None and subj.dep_ == "nsubjpass" and subj.head.i == t.i:
            # (the cue's own patient: "was endorsed by X" speaks X; "X was forced out and
            # said ..." climbs to another verb's patient, the speaker)
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            subj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        if subj is not None and subj.i < t.i:
            doc = t.doc
            brk = next((i for i in range(t.i - 1, subj.i - 1, -1)
                        if "\n" in doc[i].text or doc[i].text == ":"), None)
            if brk is not None:
                # "12:15 p.m. <newline> Donald Trump says ...", "The Latest: Trump urges":
                # the parser ran a heading into the sentence; the speaker follows it
                found = phrase_before(t, brk + 1)
                subj = found[0] if found is not None else None
        return subj

    def _reported_clause_of(self, t: Token) -> Token | None:
        """"The army denied that its soldiers fired, saying they ...": a speech participle set
        off after a reported clause, which the parser hung on that clause's verb, goes on with
        the cue whose clause it follows: its speaker is that cue's (not the clause's subject).
        Returns that cue."""
        if t.tag_ != "VBG" or t.dep_ not in ("advcl", "conj", "xcomp") or (
                self.lex.lemma(t) not in self.lex.verbs):
            return None
        if t.left_edge.i == 0 or self.doc[t.left_edge.i - 1].text != ",":
            return None
        clause = t.head
        cue = clause.head
        if clause.dep_ != "ccomp" or cue.i >= clause.i or self.lex.lemma(cue) not in (
                self.lex.verbs) or cue.pos_ != "VERB":
            return None
        return cue

    def _complements(self, verb: Token, first: Token) -> list[Token]:
        """The object and what follows it in the verb phrase: "accused Russia of lying",
        "urged Congress to act", "described him as a fraud"."""
        out = list(first.subtree)
        doc = verb.doc
        for c in verb.children:
            if c.i > first.i and c.dep_ in COMPLEMENT_DEPS:
                if doc[c.left_edge.i - 1].text in SET_OFF:
                    break  # ", saying ...", "— a metaphor for ...": the reporter's words
                if c.dep_ == "prep" and c.lower_ in self.lex.circumstance_preps and (
                        c.i != first.right_edge.i + 1 or _tells_when_or_where_said(c, self.lex)):
                    break  # "attacked Machado on Monday in tweets": when or where, not what
                # ("backed her candidacy in high numbers": a phrase right after the object is
                # usually the object's own, whatever the parser hung it on)
                if c.dep_ == "advcl" and (c.left_edge.lower_ in SUBORDINATORS or any(
                        g.dep_ == "mark" and g.lower_ in SUBORDINATORS for g in c.children)
                ) and not (c.left_edge.lower_ == "as" and self.lex.lemma(verb) in (
                        self.lex.object_as)):  # ("sees the party as too timid": the label)
                    break  # "painted a dark picture as he accepted the nomination": when
                out.extend(c.subtree)
        if first.dep_ in ("xcomp", "ccomp"):
            for c in verb.children:
                if c.dep_ in ("dobj", "dative") and verb.i < c.i < first.i:
                    out.extend(c.subtree)
        for c in verb.children:
            if c.dep_ == "dobj" and c.left_edge.i == first.right_edge.i + 2 and (
                    doc[first.right_edge.i + 1].text == ",") and _list_goes_on(
                    doc, first.right_edge.i + 1, c.right_edge.i):
                # "discussing the harvest, soldiers' pay, the railway or ...": the list
                # the parser split into a second object
                out.extend(x for x in doc[first.right_edge.i + 1:c.right_edge.i + 1])
        for c in verb.children:
            if c.dep_ == "conj" and c.i > first.right_edge.i and not _has_own_subject(c) and (
                    c.pos_ in ("NOUN", "PROPN") or c.tag_ == "VBG" and verb.tag_ != "VBG") and all(
                    doc[k].text == "," or doc[k].lower_ in ("and", "or")
                    for k in range(first.right_edge.i + 1, c.left_edge.i)):
                # "mentioned lower rates and forcing banks to ...", "stressed growth, and a
                # need to ...": a second object the parser joined to the verb
                out.extend(x for x in doc[first.right_edge.i + 1:c.right_edge.i + 1])
        return out

    def _frame_content(self, cue: Token) -> _Found | None:
        """"X, the agency said in a report, and Y." / "X, he said." / "X, said Y.": the
        cue and its subject form a frame set off by commas; the content is the rest of
        the sentence around it (read from the surface, which survives bad parses)."""
        doc = self.doc
        if cue.tag_ in ("VBN", "VBG"):
            return None  # ", known in Washington as ...", ", saying ...": no frame
        if cue.dep_ == "relcl" and cue.head.i < cue.i:
            return None  # ", a claim the rebels deny": the cue's clause describes a noun
        sent_start, sent_end = _bounds(cue)
        left = cue.i - 1
        steps = 0
        while left > sent_start and doc[left].text not in FRAME_STOPS and steps < FRAME_WORDS:
            if doc[left].tag_ in FINITE and doc[left].i != cue.i or doc[left].lower_ == "that":
                return None  # (", remarking that it showed ...": a clause of its own, no frame)
            left -= 1
            steps += 1
        if left <= sent_start:
            return None
        if doc[left].text in CLOSING_MARKS and doc[left - 1].text == ",":
            left -= 1  # '... is a misguided approach,'' Mr. Burman said.'
        paren = doc[left].text == "("  # "X (the mayor said on Friday) Y"
        own = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if not paren and own is not None and sent_start < own.left_edge.i and own.i < left and (
                not any(doc[i].tag_ in FINITE for i in range(own.left_edge.i, cue.i))):
            k = own.left_edge.i - 1
            if doc[k].text in CLOSING_MARKS and doc[k - 1].text == ",":
                k -= 1
            if doc[k].text == ",":
                left = k  # '"...," Ana Ruiz, a minister for X, Y and Z, said': from the subject
        if doc[left].text != "," and not paren:
            return None
        if left + 1 < cue.i and doc[left + 1].dep_ == "cc":
            return None  # ", and half said the same": a coordinated clause, no frame
        if left + 1 < cue.i and doc[left + 1].lower_ in SUBORDINATORS - {"as"}:
            return None  # ", though he said ...", ", while most said ...": a clause of its own
        right = cue.i + 1
        steps = 0
        if any(doc[i].tag_ in RELATIVE_TAGS for i in range(left + 1, cue.i)):
            return None  # ", which he explained in an essay": a relative clause, no frame
        while right < sent_end and doc[right].text not in FRAME_STOPS and steps < FRAME_WORDS:
            if doc[right].tag_ in FINITE or doc[right].lower_ == "that":
                return None
            right += 1
            steps += 1
        if right < sent_end and (doc[right].text not in FRAME_STOPS or doc[right].text == ":"):
            return None
        if paren and (right >= sent_end or doc[right].text != ")"):
            return None
        own = self._speaker_head(cue) if paren else None
        if paren and (own is None or own.left_edge.i != left + 1):
            return None  # "(a claim the army denies)": a noun's relative clause, no frame
        before = _host_clause([doc[i] for i in range(sent_start, left)])
        if any(t.i in self.used_cues for t in before):
            return None
        if _sets_the_scene(before) and any(c.i > cue.i and c.dep_ in OWN_CONTENT_DEPS
                                           for c in cue.children):
            return None  # "Asked about the vote, she said no": the cue's content follows it
        if any(c.dep_ in ("xcomp", "ccomp") and cue.i < c.i < right for c in cue.children):
            return None  # ", Graham urged Republicans to join ...,": the cue's own content
        own = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if own is not None and own.i < left and any(
                c.dep_ == "dobj" and cue.i < c.i < right for c in cue.children):
            return None  # "Ross, who ..., described the rally as calm": subject, verb, object
        parts = [before]
        if paren and right + 1 < sent_end and doc[right + 1].is_alpha:
            parts.append([doc[i] for i in range(right + 1, sent_end)])
        elif right < sent_end and doc[right].text == "," and not paren:
            after = [doc[i] for i in range(right + 1, sent_end)]
            frame = range(left + 1, right)
            if any(t.is_alpha for t in after) and not _reporter_aside(after) and not _noun_phrase(
                    after) and not _circumstance_after(before, after, self.lex) and not any(
                    t.head.i in frame and t.dep_ in ("appos", "relcl", "acl") for t in after):
                # (", said Ana Ruiz, a lawyer who ...": the speaker's apposition)
                parts.append(after)
        # the words around the frame must make a clause: "X, she said." / "X, she said, Y."
        if not any(t.tag_ in FINITE for part in parts for t in part):
            return None
        subj = self._speaker_head(cue)
        phrase = None
        if subj is None or not left < subj.i < right:
            span_tokens = [doc[i] for i in range(left + 1, cue.i)] or [
                doc[i] for i in range(cue.i + 1, right)]
            nominal = [t for t in span_tokens if t.pos_ in ("NOUN", "PROPN", "PRON")]
            if not nominal:
                return None
            subj, phrase = nominal[-1] if span_tokens[0].i < cue.i else nominal[0], None
        return parts, subj, phrase

    def _noun_content(self, t: Token) -> _Found | None:
        lex = self.lex
        lemma = t.lemma_.lower()
        clause = None
        whole: list[Token] = []
        if lemma in lex.noun:
            clause = next((c for c in t.children if c.dep_ in ("acl", "ccomp", "appos") and any(
                g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
            if clause is None and t.dep_ == "dobj":
                clause = _that_clause_after(t.head, t)  # "issued a warning that ..."
            if clause is None and t.dep_ == "nsubj" and t.head.lemma_ == "be":
                # "her view is that the deal fails": the clause the copula gives the noun
                clause = next((c for c in t.head.children if c.dep_ == "ccomp"
                               and c.i > t.head.i), None)
        if clause is None and lemma in lex.noun_infinitive:
            clause = next((c for c in t.children if c.dep_ in ("acl", "relcl", "xcomp")
                           and c.i > t.i and any(g.dep_ == "aux" and g.lower_ == "to"
                                                 for g in c.children)), None)
        if clause is None and lemma in lex.noun_prep:
            preps = lex.noun_prep[lemma]
            prep = next((c for c in t.children if c.dep_ == "prep" and c.i > t.i
                         and c.lower_ in preps), None)
            obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")),
                       None) if prep is not None else None
            if obj is not None and obj.lemma_.lower() in lex.platforms:
                obj = None  # "a post on Telegram": where it was said
            clause = obj
            if obj is not None and prep is not None:  # "a supporter of NATO and of its allies"
                whole = [x for x in prep.subtree if x.i != prep.i]
                for c in t.children:  # "questions about practices at his foundation"
                    if c.i > prep.i and c.dep_ in ("prep", "relcl", "acl"):
                        whole.extend(c.subtree)
        if clause is None:
            return None
        owner = next((c for c in t.children if c.dep_ == "poss"), None)
        if owner is None:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("by", "from", "of") and not (
                    c.left_edge.i <= clause.i <= c.right_edge.i
                ):
                    owner = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if owner is not None:
                        break
        if owner is None and t.dep_ == "dobj" and t.head.pos_ == "VERB":
            owner = subject_of(t.head)  # "the ministry issued a statement that ..."
        if owner is None and t.dep_ == "attr" and t.head.lemma_ == "be":
            owner = subject_of(t.head)  # "the mayor is a fierce critic of the toll road"
        if owner is None and t.dep_ == "pobj" and _has_that_mark(clause) and (
                t.head.head.pos_ == "VERB" and self.lex.lemma(t.head.head) in self.lex.direct):
            owner = subject_of(t.head.head)  # "she said in a statement that ...", misparsed
        if owner is None and lemma in self.lex.unowned_nouns:
            owner = self._doer_around(t)  # "the crowd answered with chants of ..."
        elif owner is None and lemma in self.lex.noun_prep:
            doer = self._doer_around(t)  # "she peppered him with attacks on his record"
            owner = doer if doer is not None and self._is_person(doer) else None
        elif owner is None and t.dep_ == "pobj" and lemma in self.lex.noun and (
                clause.dep_ != "pobj"):
            doer = self._doer_around(t)  # "he flirted with the idea that ..."
            owner = doer if doer is not None and can_speak(doer, self.lex) else None
        if owner is None and not (lemma in self.lex.noun and clause.dep_ != "pobj") and not (
                clause.dep_ in ("pobj", "pcomp") and lemma in self.lex.unowned_nouns):
            return None
        if lemma in self.lex.clause_only and clause.dep_ in ("pobj", "pcomp", "acl", "xcomp",
                                                              "relcl") and not (
                owner is not None and self._is_person(owner)):
            return None  # "Russia's support for the rebels", "the army's plan to attack": acts
        return [whole or list(clause.subtree)], owner, None

    def _doer_around(self, noun: Token) -> Token | None:
        """The subject of the verb a noun's phrase hangs on, through its prepositions and
        the nouns they attach to: "issued a statement of concern about ...", "spoke with
        admiration of ...", "rallied in the hope of ..." (the doer is the noun's owner)."""
        current = noun
        for _ in range(MAX_DOER_CLIMB):
            if current.dep_ not in ("pobj", "dobj", "prep", "conj", "appos") or (
                    current.head.i == current.i):
                return None
            current = current.head
            if current.pos_ == "VERB":
                return subject_of(current)
        return None

    # -- assembly --------------------------------------------------------------------------

    def _quote(self, start: int, end: int, kind: str, speaker: Speaker | None,
               cue: Token | None, cue_last: Token | None = None) -> Quote:
        aid = self.ann.article.id
        cue_span = cue_text = None
        if cue is not None:
            last = cue_last or cue
            cue_span = Span(aid, cue.idx, last.idx + len(last.text))
            cue_text = self.text[cue_span.start:cue_span.end]
        return Quote(span=Span(aid, start, end), kind=kind, speaker=speaker,
                     cue_span=cue_span, cue_text=cue_text)

    def run(self) -> list[Quote]:
        self.direct_quotes()
        direct = self.emit_direct() + self.labelled_paragraphs()
        indirect = self.indirect_quotes()
        kept: list[Quote] = []
        fragments = [s.start for s in self.segments if not s.standalone]
        absorbed: set[int] = set()
        for q in indirect:
            duplicate = False
            for k, d in enumerate(direct):
                inter = min(q.span.end, d.span.end) - max(q.span.start, d.span.start)
                if inter <= 0 or _covers(d.span, q.span):
                    continue  # apart, or a quote inside the direct quote: both stay
                if inter >= SAME_SHARE * (q.span.end - q.span.start):
                    duplicate = True  # the parse's view of the same direct quote
                    break
                if _covers(q.span, d.span):
                    absorbed.add(k)  # "she said “...” to drive up the price": one mixed quote
                    q.kind = "mixed"
            if duplicate:
                continue
            if any(q.span.start <= a < q.span.end for a in fragments):
                q.kind = "mixed"
            kept.append(q)
        direct = [d for k, d in enumerate(direct) if k not in absorbed]
        quotes = sorted(direct + kept, key=lambda q: (q.span.start, -q.span.end))
        _set_reporters(quotes, self.lex)
        return quotes


def _verb_form(verb: Token) -> tuple[str, str]:
    """A verb group's tense and form: its finite tag and the main verb's own tag ("had
    crossed" is (VBD, VBN), "accused" (VBD, VBD))."""
    return _finite_tag(verb), verb.tag_


def _finite_tag(verb: Token) -> str:
    """The tense of a verb group: its first finite auxiliary's tag, else its own."""
    aux = next((a for a in verb.children if a.dep_ in ("aux", "auxpass") and a.tag_ in FINITE),
               None)
    return aux.tag_ if aux is not None else verb.tag_


def _trim(tokens: list[Token]) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].is_space or (
        tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")
                      or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    while tokens and ((tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in (
            "”", '"', "''", "?", "!") or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]  # (", and" left over where a coordinated clause was cut)
    return tokens


def _is_dash(t: Token) -> bool:
    return t.text in ("—", "–", "--") or t.text == "-" and bool(t.whitespace_) and (
        t.i > 0 and bool(t.doc[t.i - 1].whitespace_))


def _host_clause(tokens: list[Token]) -> list[Token]:
    """The words before a frame from where the clause holding the frame opens ("the
    talks collapsed - the blame, she said, lies with ..."): after the sentence's one dash
    between two clauses, or after an opening phrase that sets the scene ("Under the law,
    agencies, she said, ...")."""
    start = 0
    for k in range(1, len(tokens) - 1):
        t = tokens[k]
        if _is_dash(t) and sum(_is_dash(x) for x in tokens) == 1 and (
                tokens[k + 1].dep_ != "cc") and any(
                x.tag_ in FINITE for x in tokens[:k]):
            start = k + 1
    if start == 0:
        comma = next((k for k, t in enumerate(tokens) if t.text == ","), None)
        if comma is not None and 0 < comma < len(tokens) - 1 and _sets_the_scene(
                tokens[:comma]) and not any(t.tag_ in FINITE for t in tokens[:comma]):
            start = comma + 1
    return tokens[start:]


def _line_breaks(doc: Doc) -> list[int]:
    """Indices of the Doc's tokens holding a line break (space tokens only), once per Doc."""
    breaks = doc.user_data.get(_BREAKS_KEY)
    if breaks is None:
        spaces = doc.to_array("IS_SPACE").tolist() if len(doc) else []
        breaks = [i for i, space in enumerate(spaces) if space and "\n" in doc[i].text]
        doc.user_data[_BREAKS_KEY] = breaks
    return breaks


_BREAKS_KEY = "faultline.quotes.line_breaks"


def _bounds(tok: Token) -> tuple[int, int]:
    """The token's sentence, cut at paragraph breaks (the parser sometimes runs on)."""
    sent = tok.sent
    start, end = sent.start, sent.end
    breaks = _line_breaks(tok.doc)
    k = bisect.bisect_left(breaks, tok.i)
    if k > 0 and breaks[k - 1] >= start:
        start = breaks[k - 1] + 1
    k = bisect.bisect_right(breaks, tok.i)
    if k < len(breaks) and breaks[k] < end:
        end = breaks[k]
    return start, end


def _close_quote(tokens: list[Token]) -> list[Token]:
    """A content that opens a quotation (“worrying) runs on to its closing mark."""
    if not tokens:
        return tokens
    opened = sum(1 for t in tokens if _opens(t))
    closed = sum(1 for t in tokens if t.text in ("”", "''") or t.text == '"' and not _opens(t))
    if opened <= closed:
        return tokens
    doc = tokens[0].doc
    end = len(doc)  # (the quotation may close sentences later: "... debate. It was ...”")
    for i in range(tokens[-1].i + 1, min(end, tokens[-1].i + MAX_QUOTE_RUN)):
        if "\n" in doc[i].text or doc[i].text in ("“", "``"):
            break
        if doc[i].text in ("”", "''") or doc[i].text == '"' and not _opens(doc[i]):
            return tokens + [doc[k] for k in range(tokens[-1].i + 1, i + 1)]
    return tokens


def _opens(t: Token) -> bool:
    """An opening quotation mark. A straight '"' opens where a space or the start comes
    before it and a word follows ('for talks "without preconditions."': the second one
    closes, though the tagger may tag both as opening); where the spacing does not tell,
    the tag does."""
    if t.text in ("“", "``"):
        return True
    if t.text != '"':
        return False
    doc = t.doc
    spaced_before = t.i == 0 or bool(doc[t.i - 1].whitespace_) or doc[t.i - 1].is_space
    spaced_after = bool(t.whitespace_) or t.i + 1 == len(doc) or doc[t.i + 1].is_space
    if spaced_before != spaced_after:
        return spaced_before
    return t.tag_ == "``"


def _prune_tail(tokens: list[Token]) -> list[Token]:
    """Drop a trailing aside set off by a comma: a participle (", warning that ..."), a
    non-restrictive relative clause (", which ..."), a concession (", though ...") or a
    second verb without its own subject (", and left") - the reporter's words, not the
    source's."""
    if len(tokens) < 4:
        return tokens
    tokens = sorted(tokens, key=lambda t: t.i)
    semicolon = next((k for k, t in enumerate(tokens) if t.text == ";" and k > 1), None)
    if semicolon is not None:  # "...; they only learned on Friday": a new sentence
        tokens = tokens[:semicolon]
    inside = {t.i for t in tokens}
    doc = tokens[0].doc
    last = tokens[-1].i
    cut = None
    first = tokens[0].i
    for t in tokens:
        # (cheapest test first: most words' subtrees end before the content does)
        if t.i == first or t.right_edge.i < last - 1 or t.head.i not in inside:
            continue
        edge = t.left_edge.i
        if edge <= first:
            continue
        comma = edge - 1
        while comma > first and doc[comma].text in CLOSING_MARKS:
            comma -= 1  # 'said things “should be done by May,” referring to ...'
        if doc[comma].text == "," and _is_aside(t) and not _list_goes_on(doc, comma, last) or (
                _is_dash(doc[comma]) and _dashed_gloss(t)):
            cut = comma if cut is None else min(cut, comma)
    paren = next((t.i for t in tokens if t.text == "(" and t.i > tokens[0].i + 1), None)
    aside = [t for t in tokens if paren is not None and t.i > paren]
    if paren is not None and (cut is None or paren < cut) and (
            any(t.tag_ in FINITE for t in aside)
            or sum(t.is_alpha for t in aside) >= MIN_ASIDE_WORDS) and not any(
            t.text == ")" and t.i < last - 1 for t in tokens if t.i > paren):
        cut = paren  # "... near the border (a claim the army denies)": the reporter's aside
    if cut is None:
        return tokens
    return [t for t in tokens if t.i < cut]


def _cut_own_cues(tokens: list[Token], verbs: frozenset[str]) -> list[Token]:
    """"it opposed the test and warned Pyongyang to stop": the second cue verb opens an
    attribution of its own, so the first content ends before it."""
    if len(tokens) < 4:
        return tokens
    tokens = sorted(tokens, key=lambda t: t.i)
    inside = {t.i for t in tokens}
    last = tokens[-1].i
    doc = tokens[0].doc
    for t in tokens[1:]:
        if t.pos_ == "VERB" and t.lemma_.lower() in verbs and t.head.i in inside and (
                t.right_edge.i >= last - 1) and (
                t.dep_ == "conj" and not _has_own_subject(t)  # "... and that talks would begin"
                # "accused X of Y while doctors warned of Z": a juxtaposed source of its own
                or t.dep_ == "advcl" and _has_own_subject(t) and any(
                    c.dep_ == "mark" and c.lower_ in CONCESSIVE for c in t.children)):
            edge = t.left_edge.i
            while edge - 1 > tokens[0].i and (doc[edge - 1].dep_ == "cc"
                                              or doc[edge - 1].is_punct):
                edge -= 1
            if edge > tokens[0].i + 1:
                return [x for x in tokens if x.i < edge]
    return tokens


def _reporter_aside(tokens: list[Token]) -> bool:
    """The words after a frame (", she said, ...") that are the reporter's, not the
    source's: a contrast (", but she has ..."), a participle (", referring to ...") or a
    relative clause (", whom he described as ...")."""
    first = next((t for t in tokens if not (t.is_punct or t.is_space)), None)
    if first is None:
        return True
    participle = first.tag_ in ("VBG", "VBN") and first.dep_ in ("advcl", "acl", "xcomp",
                                                                  "conj")
    return first.lower_ in REPORTER_OPENERS or participle or first.tag_ in RELATIVE_TAGS


def _is_aside(t: Token) -> bool:
    dep = t.dep_
    if dep == "appos" and t.head.pos_ == "PROPN":
        return True  # "..., backing Bush, the former governor": the reporter's gloss
    if dep == "appos" and t.left_edge.lower_ in ("a", "an") and (
            t.lemma_.lower() in lexicon().noun):
        return True  # "..., a claim that could not be verified": the writer's word on it
    if dep in ("relcl", "acl") and t.left_edge.tag_ in ("WDT", "WP", "WP$"):
        return True
    if dep in ("advcl", "acl", "xcomp") and t.tag_ in ("VBG", "VBN") and all(
            t.doc[k].dep_ in ("advmod", "neg") for k in range(t.left_edge.i, t.i)):
        return True  # ", warning that ...", ", implicitly putting ..."
    if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONCESSIVE for c in t.children):
        return True
    if dep == "prep" and _free_relative(t):
        return True  # ", in what appeared to be an admission": the writer's reading of it
    if dep in ("advcl", "prep") and (t.lower_ in TIMING or any(
            c.dep_ == "mark" and c.lower_ in TIMING for c in t.children)) and any(
            c.dep_ == "npadvmod" and c.i < t.i for c in t.children):
        return True  # ", days after the talks collapsed": the reporter's timeline
    if dep in ("npadvmod", "dobj") and t.head.pos_ in ("VERB", "AUX") and t.left_edge.lower_ in (
            "the", "a", "an") and t.ent_type_ not in WHEN_ENTS and t.left_edge.i > t.head.i + 1:
        # "..., the latest in a series of launches": a noun phrase set off after the verb's
        # own words is the writer's gloss on the clause (the parser makes it an adverbial or,
        # after a verb with no object, its object)
        return True
    return dep == "conj" and t.pos_ == "VERB" and not _has_own_subject(t)


def _list_goes_on(doc: Doc, comma: int, last: int) -> bool:
    """The words after a comma, to the content's end, are the rest of a list: items of no more
    than a few words, none with a finite verb or a relative or subordinate opener, the last
    joined by "and" / "or" ("vowed to rebuild the army, secure the border, and restore the
    currency"; "cut off power, water and gas"). Not an aside, however the parser hung it."""
    tail = [doc[i] for i in range(comma + 1, last + 1)]
    if not tail or tail[0].tag_ in ("VBG", "VBN") or tail[0].lower_ in REPORTER_OPENERS:
        return False  # (", killing two and wounding ten": a participle is the writer's)
    if any(t.tag_ in FINITE or t.tag_ in RELATIVE_TAGS or t.dep_ == "mark" or t.text in (
            ";", ":", "(") or _is_dash(t) for t in tail):
        return False
    items: list[list[Token]] = [[]]
    joined = False
    for t in tail:
        if t.text == "," or t.lower_ in LIST_JOINERS and t.dep_ == "cc":
            joined = t.text != ","
            if items[-1]:
                items.append([])
        else:
            items[-1].append(t)
    return joined and all(0 < len(item) <= MAX_LIST_ITEM for item in items)


def _dashed_gloss(t: Token) -> bool:
    """"... until the spring — a move likely to anger Moscow", "— the strongest protest short
    of ...": an indefinite or ranked noun phrase after a dash at the end of a content is the
    writer's word on it."""
    ranked = t.left_edge.lower_ == "the" and any(
        c.tag_ == "JJS" or c.ent_type_ == "ORDINAL" for c in t.children if c.i < t.i)
    return t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("appos", "npadvmod", "dobj", "attr") and (
        t.left_edge.lower_ in ("a", "an") or ranked) and t.ent_type_ not in WHEN_ENTS


def _free_relative(prep: Token) -> bool:
    """"in what appeared to be ...", "in what he called ...": a preposition whose object is a
    clause opened by "what"."""
    nxt = prep.i + 1
    return nxt < len(prep.doc) and prep.doc[nxt].lower_ == "what" and any(
        c.dep_ in ("pcomp", "pobj") for c in prep.children)


def _contiguous_around(tokens: list[Token]) -> list[Token]:
    """The longest run of consecutive token indices (the clause minus a middle phrase)."""
    if not tokens:
        return tokens
    tokens = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = [[tokens[0]]]
    for t in tokens[1:]:
        if t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    if len(runs) == 1:
        return runs[0]
    return tokens  # the span runs from first to last; the phrase inside stays in it


def _signed(value: int) -> int:
    """Doc.to_array gives HEAD offsets as unsigned 64-bit numbers."""
    return value - (1 << 64) if value >= 1 << 63 else value


def _labels_as(verb: Token) -> bool:
    """"sees the deal as a trap", "is seen as weak": an "as" phrase after the verb, on it or
    on its object."""
    for c in verb.children:
        if c.i > verb.i and c.dep_ == "prep" and c.lower_ == "as":
            return True
        if c.i > verb.i and c.dep_ == "dobj" and any(
                g.dep_ == "prep" and g.lower_ == "as" for g in c.children):
            return True
        if c.i > verb.i and c.dep_ in ("advcl", "xcomp", "oprd", "acomp", "ccomp") and (
                c.left_edge.lower_ == "as" and c.left_edge.i > verb.i + 1):
            return True  # "see the campaign as most unfair", the "as" misparsed
    return False


def _labelled(obj: Token) -> bool:
    """Whether a label follows the object: a predicate the parser hung on it ("the vote
    rigged", "her son her hero"), or any word after the object's phrase but a preposition,
    an adverb, a time, an infinitive or the clause's end ("called his counterpart after the
    strike", "called Erdogan late on Friday to discuss ..." are calls)."""
    if any(c.i > obj.i and c.dep_ in LABEL_DEPS for c in obj.children) or any(
            c.i > obj.i and c.dep_ in SECOND_COMPLEMENT_DEPS for c in obj.head.children
    ) or any(x.is_quote or x.dep_ in HIDDEN_LABEL_DEPS for x in obj.subtree):
        return True  # "the pact “insanity”", parsed as one phrase; "President Obama a fool"
    end = obj.right_edge.i + 1
    if end >= len(obj.doc):
        return False
    nxt = obj.doc[end]
    return nxt.is_quote or not (nxt.is_punct or nxt.dep_ in CALL_ADJUNCT_DEPS
                                or nxt.ent_type_ in WHEN_ENTS or nxt.lower_ == "to")


def _that_clause_after(verb: Token, word: Token) -> Token | None:
    """The verb's that-clause after ``word``, when the parser hung the clause of a noun or an
    adjective ("issued a warning that ...", "made it clear that ...") on the verb."""
    return next((c for c in verb.children if c.dep_ == "ccomp" and c.i > word.i
                 and _has_that_mark(c)), None)


def _sets_the_scene(tokens: list[Token]) -> bool:
    """Words opening a sentence that tell when or on what occasion, not what was said: a
    participle ("Asked about ...", "Downplaying ..."), a subordinate clause ("When the
    moderator ...") or a phrase of time ("Minutes after the vote began")."""
    first = next((t for t in tokens if not (t.is_punct or t.is_space)), None)
    if first is None:
        return False
    return (first.tag_ in ("VBG", "VBN") or first.lower_ in SUBORDINATORS
            or first.dep_ in ("npadvmod", "prep") and first.head.dep_ == "ROOT")


def _agentless_passive(verb: Token) -> bool:
    """"she was asked about the wall", "when pressed on the deal": a passive cue whose
    speaker goes unnamed (its subject is the one spoken to or about)."""
    if verb.tag_ != "VBN" or any(c.dep_ == "agent" for c in verb.children):
        return False
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.dep_ == "advcl")


def _tells_when_or_where_said(prep: Token, lex: CueLexicon) -> bool:
    """"in a statement", "on Monday", "at a rally": a phrase naming a time, the medium of
    the words or the occasion they were said on."""
    return any(g.ent_type_ in WHEN_ENTS or g.dep_ == "pobj" and g.head.i == prep.i
               and g.lemma_.lower() in lex.settings for g in prep.subtree)


def _has_that_mark(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def _circumstance_after(before: list[Token], after: list[Token], lex: CueLexicon) -> bool:
    """"X has agreed to a swap, an official said on Sunday, after three days of talks": a
    phrase of time or occasion with no verb of its own after the frame, when the words before
    it are a whole clause, tells when it was said."""
    first = next((t for t in after if not (t.is_punct or t.is_space)), None)
    return first is not None and first.lower_ in lex.circumstance_preps and not any(
        t.tag_ in FINITE for t in after) and any(t.tag_ in FINITE for t in before)


def _noun_phrase(tokens: list[Token]) -> bool:
    """Words with no verb at their top, only a noun phrase ("..., the navy said, the third
    clash this month"): the reporter's apposition on the sentence."""
    inside = {t.i for t in tokens}
    tops = [t for t in tokens if t.head.i not in inside or t.head is t]
    return bool(tops) and not any(t.pos_ in ("VERB", "AUX") for t in tops) and any(
        t.pos_ in ("NOUN", "PROPN", "NUM") for t in tops)


def _dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    try:
        from faultline.extract.actors import dateline_spans
    except ImportError:  # an install without the actors stage has no datelines to skip
        return []
    return dateline_spans(doc)


def _name_after(cue: Token, inside: set[int]) -> list[Token] | None:
    """'“...,” said David Brock, a confidant who ...': the name right after an inverted cue,
    when the parser hung it elsewhere."""
    doc = cue.doc
    words: list[Token] = []
    i = cue.i + 1
    while i in inside and i < len(doc) and (doc[i].pos_ == "PROPN" or doc[i].text == "."
                                             and words):
        words.append(doc[i])
        i += 1
    while words and words[-1].pos_ != "PROPN":
        words.pop()
    return words or None


def _nominal_before(verb: Token) -> Token | None:
    """The noun or pronoun just before a finite verb (past its auxiliaries, adverbs and
    negation): its subject when the parser attached it elsewhere."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].pos_ in ("ADV", "AUX", "PART") and "\n" not in verb.doc[i].text:
        i -= 1
    if i < 0 or verb.doc[i].pos_ not in ("NOUN", "PROPN", "PRON") or (
            verb.doc[i].tag_ in RELATIVE_TAGS):
        return None
    return verb.doc[i]


def _whole_clause(tokens: list[Token]) -> bool:
    """The tokens are a clause with its own subject ("... say they are in the midst of a
    surge"): a content even when the parser loses the cue's own subject."""
    inside = {t.i for t in tokens}
    return any(t.head.i not in inside and t.pos_ in ("VERB", "AUX") and _has_own_subject(t)
               for t in tokens)


def _has_own_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _covers(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _set_reporters(quotes: list[Quote], lex: CueLexicon) -> None:
    """A quote inside another gets the outer speaker as reporter ("I"/"we" become them).
    ``quotes`` is sorted by start, longest first, so open containers form a stack."""
    stack: list[Quote] = []
    for q in quotes:
        while stack and stack[-1].span.end < q.span.end:
            stack.pop()
        outer = next((o for o in reversed(stack)
                      if (o.span.start, o.span.end) != (q.span.start, q.span.end)), None)
        stack.append(q)
        if outer is None or outer.speaker is None:
            continue
        q.reporter = outer.speaker
        if q.speaker is not None and q.speaker.name.lower() in lex.first_person:
            q.speaker = Speaker(outer.speaker.name, q.speaker.span, outer.speaker.code)


def find_quotes(doc: Doc, ann: Annotations) -> list[Quote]:
    """The quotes of one parsed article (what the stage appends)."""
    return QuoteFinder(doc, ann, lexicon()).run()


@stage("quotes", requires=("actors",), assigns=("quotes",))
def extract_quotes(doc: Doc, ann: Annotations, options: Options) -> None:
    ann.quotes.extend(find_quotes(doc, ann))
