"""Who is speaking: the subject noun phrase of a cue, resolved to a person, role or group."""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Token

from faultline.errors import DataFileError
from faultline.model import ActorMention, Annotations, Span, Speaker

try:  # the actors stage is optional: speakers still resolve names without it
    from faultline.extract import actors as _actors
except ImportError:  # pragma: no cover - depends on what is installed
    _actors = None  # type: ignore[assignment]

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "quotes"
LIST_KEYS = ("direct", "clause", "infinitive", "object", "noun", "noun_infinitive",
             "honorifics", "label_stopwords", "not_cues", "adjective", "labelling",
             "documents", "circumstance_preps", "clause_only", "person_nouns",
             "perception", "object_as", "question", "manner_nouns", "subject_control",
             "unowned_nouns", "standards", "spoken_documents", "bodies", "anonymity_verbs",
             "platforms", "label_only", "occasions", "source_terms", "assaults", "targets")
# Frames that take an object, an infinitive or a phrase: a clause_only verb uses them only
# when a person is its subject.
NON_CLAUSE_FRAMES = ("infinitive", "object", "labelling", "phrasal")
PRONOUN_KEYS = ("person", "first_person", "plural", "neuter")

# Subject noun phrases longer than this lose their trailing clauses ("a group of academics
# surveying Russian opinion who ..." keeps "a group of academics surveying Russian opinion").
MAX_NP_TOKENS = 10
TRIMMED_DEPS = frozenset({"relcl", "acl", "appos", "advcl"})
MAX_ROLE_TOKENS = 5
ANTECEDENT_SENTENCES = 1  # sentences outside quotations a pronoun's antecedent may lie back
ROLE_DETERMINERS = frozenset({"the", "his", "her", "its", "their", "our", "this", "that"})
CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "acl", "pcomp", "prep", "acomp", "dep"})
RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# A participle on the object of these speaks for that object ("the wake of a poll showing",
# "a chorus of critics calling for"); on the object of others ("at a briefing announcing",
# "with an article stating") it tells how the clause's subject spoke.
OWNING_PREPS = frozenset({"of", "from", "by", "among", "including", "like"})


@dataclass(frozen=True)
class CueLexicon:
    """The cue words of faultline/data/quotes/cues.yaml, as frozensets."""

    direct: frozenset[str]
    clause: frozenset[str]
    infinitive: frozenset[str]
    object: frozenset[str]
    noun: frozenset[str]
    noun_infinitive: frozenset[str]
    honorifics: frozenset[str]
    label_stopwords: frozenset[str]
    not_cues: frozenset[str]
    adjective: frozenset[str]
    labelling: frozenset[str]
    documents: frozenset[str]
    circumstance_preps: frozenset[str]
    clause_only: frozenset[str]
    person_nouns: frozenset[str]
    perception: frozenset[str]
    object_as: frozenset[str]
    question: frozenset[str]
    manner_nouns: frozenset[str]
    subject_control: frozenset[str]
    unowned_nouns: frozenset[str]
    standards: frozenset[str]
    spoken_documents: frozenset[str]
    bodies: frozenset[str]
    anonymity_verbs: frozenset[str]
    platforms: frozenset[str]
    label_only: frozenset[str]
    occasions: frozenset[str]
    source_terms: frozenset[str]
    assaults: frozenset[str]
    targets: frozenset[str]
    lemma_forms: dict[str, str]
    phrasal: dict[str, frozenset[str]]
    noun_prep: dict[str, frozenset[str]]
    adjective_prep: dict[str, frozenset[str]]
    person_pronouns: frozenset[str]
    first_person: frozenset[str]
    other_pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]

    @functools.cached_property
    def verbs(self) -> frozenset[str]:
        return (self.clause | self.infinitive | self.object | frozenset(self.phrasal)
                | self.labelling | self.object_as)

    def lemma(self, token: Token) -> str:
        """The token's lowercase lemma, corrected where the lemmatizer is known to err."""
        return self.lemma_forms.get(token.lower_) or token.lemma_.lower()

    @functools.cached_property
    def settings(self) -> frozenset[str]:
        """Nouns that, after "in", "at", "during" ..., tell where or in what something was
        said: documents ("in a statement") and occasions ("at a rally", "in a tirade")."""
        return self.documents | self.spoken_documents | self.occasions

    @functools.cached_property
    def perception_hashes(self) -> frozenset[int]:
        return frozenset(hash_string(w) for w in self.perception)

    @functools.cached_property
    def form_hashes(self) -> frozenset[int]:
        """spaCy hashes of the lowercase forms in lemma_forms whose lemma is a cue."""
        return frozenset(hash_string(f) for f in self.lemma_forms)

    @functools.cached_property
    def hashes(self) -> frozenset[int]:
        """spaCy string hashes of every cue lemma (verbs, nouns), to scan Doc arrays."""
        words = (self.verbs | self.noun | self.noun_infinitive | frozenset(self.noun_prep)
                 | self.adjective | frozenset(self.adjective_prep))
        return frozenset(hash_string(w) for w in words)


def _word_list(data: dict[str, Any], key: str, where: str) -> frozenset[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise DataFileError(f"{where}: {key!r} must be a list of non-empty strings")
    bad = [w for w in value if w != w.lower()]
    if bad:
        raise DataFileError(f"{where}: {key!r} entries must be lowercase, got {bad[:3]}")
    return frozenset(value)


def parse_lexicon(data: Any, where: str = "cues.yaml") -> CueLexicon:
    """Validate the loaded YAML and build the lexicon (separate from I/O for tests)."""
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: expected a mapping at top level")
    lists = {key: _word_list(data, key, where) for key in LIST_KEYS}
    phrasal_raw = data.get("phrasal")
    if not isinstance(phrasal_raw, dict):
        raise DataFileError(f"{where}: 'phrasal' must map a verb to its particles")
    phrasal = {verb: _word_list(phrasal_raw, verb, f"{where}: phrasal") for verb in phrasal_raw}
    noun_prep_raw = data.get("noun_prep")
    if not isinstance(noun_prep_raw, dict):
        raise DataFileError(f"{where}: 'noun_prep' must map a noun to its prepositions")
    noun_prep = {noun: _word_list(noun_prep_raw, noun, f"{where}: noun_prep")
                 for noun in noun_prep_raw}
    adjective_prep_raw = data.get("adjective_prep")
    if not isinstance(adjective_prep_raw, dict):
        raise DataFileError(f"{where}: 'adjective_prep' must map an adjective to its "
                            "prepositions")
    adjective_prep = {adj: _word_list(adjective_prep_raw, adj, f"{where}: adjective_prep")
                      for adj in adjective_prep_raw}
    pronouns = data.get("pronouns")
    if not isinstance(pronouns, dict):
        raise DataFileError(f"{where}: 'pronouns' must be a mapping")
    pron = {key: _word_list(pronouns, key, f"{where}: pronouns") for key in PRONOUN_KEYS}
    forms = data.get("lemma_forms")
    if not isinstance(forms, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k == k.lower() and v == v.lower()
            and k and v for k, v in forms.items()):
        raise DataFileError(f"{where}{_line_of(data, 'lemma_forms', '')}: 'lemma_forms' must "
                            "map lowercase word forms to lowercase lemmas")
    framed = frozenset(phrasal).union(*(lists[f] for f in NON_CLAUSE_FRAMES if f != "phrasal"))
    unframed = sorted(lists["clause_only"] - framed)
    if unframed:
        raise DataFileError(
            f"{where}{_line_of(data, 'clause_only', unframed[0])}: {unframed[0]!r} is listed "
            f"in 'clause_only' but has no object, infinitive or phrasal frame to restrict; "
            f"add it to one of {', '.join(NON_CLAUSE_FRAMES)} or remove it")
    unframed_nouns = sorted(lists["unowned_nouns"] - frozenset(noun_prep))
    if unframed_nouns:
        raise DataFileError(
            f"{where}{_line_of(data, 'unowned_nouns', unframed_nouns[0])}: "
            f"{unframed_nouns[0]!r} is listed in 'unowned_nouns' but has no preposition in "
            "'noun_prep'; add it there or remove it")
    return CueLexicon(
        lemma_forms=dict(forms),
        phrasal=phrasal,
        noun_prep=noun_prep,
        adjective_prep=adjective_prep,
        person_pronouns=pron["person"],
        first_person=pron["first_person"],
        other_pronouns=pron["plural"] | pron["neuter"],
        neuter_pronouns=pron["neuter"],
        **lists,
    )


def _line_of(data: Any, key: str, word: str) -> str:
    """":LINE" of ``word`` under ``key`` when the data came from YAML text (for errors)."""
    text = getattr(data, "source_text", None)
    if not isinstance(text, str):
        return ""
    node = yaml.compose(text)
    for k, v in getattr(node, "value", []):
        if k.value != key:
            continue
        items = v.value if isinstance(v.value, list) else []
        for item in items:
            item_key = item[0] if isinstance(item, tuple) else item
            if getattr(item_key, "value", None) == word:
                return f":{item_key.start_mark.line + 1}"
        return f":{k.start_mark.line + 1}"
    return ""


class _Source(dict[str, Any]):
    """The loaded mapping, remembering its YAML text for line numbers in errors."""

    source_text: str = ""


@functools.lru_cache(maxsize=1)
def lexicon() -> CueLexicon:
    """The packaged cue lexicon, loaded once per process."""
    path = DATA_DIR / "cues.yaml"
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as e:
        raise DataFileError(f"cannot read {path}: {e}") from e
    if isinstance(data, dict):
        data = _Source(data)
        data.source_text = text
    return parse_lexicon(data, str(path))


@dataclass
class _Role:
    start: int  # token index where the role was seen
    head: str  # lemma of the role's head noun ("president")
    at: int  # token index of that head noun
    words: frozenset[str]  # every lowercase word of the role ("russian", "president")
    name: str  # the person it names


@dataclass
class SpeakerResolver:
    """Per-document state for naming speakers: persons, their surnames and their roles."""

    doc: Doc
    ann: Annotations
    lex: CueLexicon
    person_starts: list[int] = field(default_factory=list)  # token starts of PERSON ents
    person_names: list[str] = field(default_factory=list)
    surnames: dict[str, str] = field(default_factory=dict)
    roles: list[_Role] = field(default_factory=list)
    mentions: dict[int, ActorMention] = field(default_factory=dict)
    datelines: list[tuple[int, int]] = field(default_factory=list)  # (first word, dash)
    quoted: list[tuple[int, int]] = field(default_factory=list)  # char ranges of quotations

    @classmethod
    def for_doc(cls, doc: Doc, ann: Annotations, lex: CueLexicon,
                quoted: list[tuple[int, int]] = ()) -> SpeakerResolver:  # type: ignore[assignment]
        """``quoted``: sorted char ranges of quotations; persons named inside them are not
        taken as antecedents of a later "he said"."""
        self = cls(doc, ann, lex)
        self.quoted = list(quoted)
        for mention in ann.actors:
            for i in range(mention.token_start, mention.token_end):
                self.mentions.setdefault(i, mention)
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = [t for t in ent if not t.is_punct and t.lower_ not in ("'s", "’s")]
            while words and words[0].lower_.rstrip(".") in lex.honorifics:
                words = words[1:]
            if not words:
                continue
            name = " ".join(t.text for t in words)
            if len(words) >= 2:
                self.surnames.setdefault(words[-1].lower_, name)
            if not _inside(quoted, ent.start_char):
                self.person_starts.append(ent.start)
                self.person_names.append(name)
            self._collect_roles(ent.start, ent.end, ent.root)
        return self

    def _collect_roles(self, start: int, end: int, root: Token) -> None:
        """Titles before a name ("Russian President Vladimir Putin") and appositions."""
        name = self.full_name(self.doc[start:end].text)
        words: list[Token] = []
        i = start - 1
        while i >= 0 and self.doc[i].dep_ in ("compound", "amod") and i < self.doc[i].head.i < end:
            words.append(self.doc[i])
            i -= 1
        if words:
            self.roles.append(_Role(start, words[0].lemma_.lower(), words[0].i,  # the title
                                    frozenset(t.lower_ for t in words), name))
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                sub = [t for t in child.subtree if not t.is_punct]
                self.roles.append(_Role(start, child.lemma_.lower(), child.i,
                                        frozenset(t.lower_ for t in sub), name))
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            head = root.head
            sub = [t for t in head.subtree if t.i < start and not t.is_punct]
            self.roles.append(_Role(start, head.lemma_.lower(), head.i,
                                    frozenset(t.lower_ for t in sub), name))

    def full_name(self, text: str) -> str:
        """"Simonyan" / "Mr. Simonyan" -> "Margarita Simonyan" when the article names her."""
        words = [w for w in text.replace("’s", "").replace("'s", "").split()]
        while len(words) > 1 and words[0].lower().rstrip(".") in self.lex.honorifics:
            words = words[1:]
        if not words:
            return text
        if len(words) == 1:
            return self.surnames.get(words[0].lower(), words[0])
        return " ".join(words)

    def last_person_before(self, token_i: int) -> str | None:
        k = bisect.bisect_left(self.person_starts, token_i)
        return self.person_names[k - 1] if k else None

    def _role_name(self, np: list[Token], head: Token) -> str | None:
        """"the Russian president" -> the person the article titled that earlier; or, when
        an unnamed one was mentioned since ("Hamas official Basem Naim ... A senior U.S.
        official said ... the official said"), that one's own phrase."""
        if len(np) > MAX_ROLE_TOKENS or np[0].lower_ not in ROLE_DETERMINERS:
            return None
        mods = frozenset(t.lower_ for t in np if t.i != head.i and not t.is_punct
                         and t.pos_ in ("ADJ", "NOUN", "PROPN"))
        lemma = head.lemma_.lower()
        best: _Role | None = None
        if lemma in self.lex.bodies or not head.is_alpha:
            return None  # "a spokesman for the military, Col. X, ... The military said": a
            # body the parser hung the name on speaks for itself
        for role in self.roles:
            if role.head != lemma or not mods <= role.words:
                continue
            if best is None or (role.start < head.i and (best.start > head.i
                                                         or role.start > best.start)):
                best = role
        if best is not None and best.at < head.i:
            named = {role.at for role in self.roles}
            for i in range(head.i - 1, best.at, -1):
                t = self.doc[i]
                if t.lemma_.lower() == lemma and t.tag_ == head.tag_ and i not in named and (
                        t.dep_ not in ("compound", "amod")):
                    phrase = noun_phrase(t)
                    return self.doc[phrase[0].i:phrase[-1].i + 1].text
        return best.name if best else None

    def _code_for(self, first: int, last: int, name: str) -> str | None:
        for i in range(first, last + 1):
            mention = self.mentions.get(i)
            if mention is not None and mention.actor.code:
                return mention.actor.code
        return lookup_code(name, self.ann.article.published_date)

    def _span(self, first: int, last: int) -> Span:
        return Span(self.ann.article.id, self.doc[first].idx,
                    self.doc[last].idx + len(self.doc[last].text))

    def speaker(self, head: Token, np: list[Token] | None = None) -> Speaker:
        """The Speaker whose noun phrase is headed by ``head`` (``np``: the phrase, when the
        caller knows it better than the parse)."""
        lex = self.lex
        lower = head.lower_
        after = self._after_dateline(head)
        if after is not None:
            return self.speaker(after[-1], after)
        if np is None or len(np) == 1:
            if head.pos_ == "PRON" or lower in lex.person_pronouns or lower in lex.first_person:
                return self._pronoun_speaker(head)
            np = noun_phrase(head)
        np = self._past_dateline(np, head)
        first, last = np[0].i, np[-1].i
        # A named person inside the phrase wins: "his deputy, Sergey Ryabkov" -> Ryabkov;
        # not one who only qualifies another noun ("Obama aides", "Trump's lawyers").
        for t in np:
            if t.ent_type_ == "PERSON" and t.ent_iob_ == "B":
                ent_end = t.i + 1
                while ent_end <= last and self.doc[ent_end].ent_iob_ == "I":
                    ent_end += 1
                if _qualifies_a_noun(self.doc[t.i:ent_end].root, t.i, ent_end):
                    continue
                person = self.full_name(self.doc[t.i:ent_end].text)
                # the name of the one a relative clause goes on about ("Senator Ana Ruiz of
                # Ohio, who said ...") is the whole phrase up to the relative pronoun
                low, high = (first, last) if self._before_relative(last) else (t.i, ent_end - 1)
                return Speaker(person, self._span(low, high),
                               self._code_for(t.i, ent_end - 1, person))
        author = self._author(head, first, last)
        if author is not None:  # "a statement from the health ministry": the ministry speaks
            found = self.speaker(author)
            return Speaker(found.name, self._span(first, last), found.code)
        mention = next((self.mentions[t.i] for t in np if t.i in self.mentions and not (
            _qualifies_a_noun(t, self.mentions[t.i].token_start, self.mentions[t.i].token_end))),
            None)
        text = self.doc[first:last + 1].text
        name: str | None = None
        if mention is not None and mention.actor.kind == "person":
            name = mention.actor.name
        if name is None and head.pos_ == "NOUN" and head.tag_ in ("NN", "NNP"):
            name = self._role_name(np, head)
        if name is None and head.pos_ == "PROPN" and last == first:
            name = self.full_name(text)
        return Speaker(name or text, self._span(first, last),
                       self._code_for(first, last, name or text))

    def _author(self, head: Token, first: int, last: int) -> Token | None:
        """Who issued a document that is the speaker's phrase: "a statement from the
        ministry", "the army's statement" (not "his statement": the pronoun stays)."""
        if head.lemma_.lower() not in self.lex.documents:
            return None
        for c in head.children:
            if c.dep_ == "poss" and c.pos_ != "PRON" and first <= c.i <= last:
                return c
            if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i <= last:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.i <= last and (
                        can_speak(obj, self.lex) or obj.lemma_.lower() in self.lex.bodies):
                    return obj
        return None

    def _before_relative(self, last: int) -> bool:
        k = last + 1
        if k < len(self.doc) and self.doc[k].text == ",":
            k += 1
        return k < len(self.doc) and self.doc[k].tag_ in RELATIVE_TAGS

    def _after_dateline(self, head: Token) -> list[Token] | None:
        """A subject the parser found inside a dateline ("KYIV, Ukraine (AP) — the military
        said"): the noun phrase after the dash, up to its verb, speaks."""
        for first, dash in self.datelines:
            if first <= head.i <= dash and self.doc[dash].text != ":":
                # (a heading's "NY Post: ..." is a label, its name the speaker)
                run: list[Token] = []
                for t in self.doc[dash + 1:]:
                    if t.pos_ in ("VERB", "AUX") or t.is_sent_start and run or (
                            t.is_punct and t.tag_ != "POS"):
                        break
                    run.append(t)
                while run and run[-1].pos_ not in ("NOUN", "PROPN"):
                    run.pop()
                return run or None
        return None

    def _past_dateline(self, np: list[Token], head: Token) -> list[Token]:
        """"KYIV, Ukraine (AP) — Ukraine's military said": the dateline before the dash
        is no part of the speaker's phrase."""
        for _, dash in self.datelines:
            if np[0].i <= dash < head.i:
                rest = [t for t in np if t.i > dash]
                return rest or np
        return np

    def _pronoun_speaker(self, head: Token) -> Speaker:
        lower = head.lower_
        span = self._span(head.i, head.i)
        mention = self.mentions.get(head.i)
        if mention is not None and mention.actor.kind == "person" and mention.actor.name:
            return Speaker(mention.actor.name, span, mention.actor.code or None)
        code = mention.actor.code or None if mention is not None else None
        if lower in self.lex.person_pronouns:
            name = (self._subject_over(head) or self._subject_of_sentence_before(head)
                    or self.last_person_before(head.i))
            if name is not None:
                return Speaker(name, span, code or self._code_for(head.i, head.i, name))
        if lower in self.lex.person_pronouns or lower in self.lex.other_pronouns:
            antecedent = self._subject_before(head)
            if antecedent is not None:
                found = self.speaker(antecedent)
                return Speaker(found.name, span, code or found.code)
        return Speaker(head.text, span, code)

    def _subject_over(self, pron: Token) -> str | None:
        """A named person who is the subject of a clause the pronoun lies in, before it: "Ruiz,
        who met the envoy, stressed in her remarks that ...": her is Ruiz, whoever was named
        last."""
        for verb in pron.ancestors:
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                         and c.i < pron.i), None)
            if subj is None or subj.i == pron.i or pron.i in range(subj.left_edge.i,
                                                                    subj.right_edge.i + 1):
                continue
            if subj.ent_type_ == "PERSON":
                ent = next((e for e in self.doc.ents if e.start <= subj.i < e.end), None)
                if ent is not None:
                    return self.full_name(ent.text)
            return None
        return None

    def _subject_of_sentence_before(self, pron: Token) -> str | None:
        """"Ruiz met the envoy Ahmed Haddad on Monday. Later she said ...": a subject
        pronoun opening its sentence's account stands for the named person who was the
        subject of the sentence before (not the last name in it), when no person is named
        between."""
        if pron.dep_ not in ("nsubj", "nsubjpass") or pron.sent.start == 0:
            return None
        sent = pron.sent
        if any(t.ent_type_ == "PERSON" for t in self.doc[sent.start:pron.i]):
            return None
        before = self.doc[sent.start - 1].sent
        subj = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")),
                    None)
        if subj is None or subj.pos_ == "PRON":
            return None
        name = self.speaker(subj).name  # "The minister, Oleksii Reznikov, met ..." too
        return name if name in self.person_names else None

    def _subject_before(self, pron: Token) -> Token | None:
        """With no person named before it, a pronoun stands for the nearest subject before
        it, in its own sentence or the one before, that can speak: an office or a noun for
        people for "he" / "she" ("The Polish president visited ... She said"), a body or a
        place for "it" / "they" ("the navy sent ships in what it called ..."). Sentences
        inside a quotation do not count, nor do their subjects: '"We held the line. ...," he
        said' reaches back past the quotation to the one who spoke."""
        start = pron.sent.start
        counted = 0
        while start > 0 and counted < ANTECEDENT_SENTENCES:
            start = self.doc[start - 1].sent.start
            if not _inside(self.quoted, self.doc[start].idx) and not (
                    self.doc[start].is_punct and _inside(self.quoted, self.doc[start].idx + 1)):
                counted += 1
        lex = self.lex
        personal = pron.lower_ in lex.person_pronouns
        singular = pron.lower_ in lex.neuter_pronouns  # "it" is no plural "14 people"
        for t in reversed(self.doc[start:pron.i]):
            if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ == "PRON" or _inside(
                    self.quoted, t.idx):
                continue
            lemma = t.lemma_.lower()
            office = lemma in lex.honorifics or lemma in lex.person_nouns
            if personal and office and t.tag_ in ("NN", "NNP"):
                return t
            if not personal and (t.ent_type_ in ("ORG", "GPE", "NORP")
                                 or office and t.tag_ == "NNS" and not singular
                                 or lemma in lex.bodies and singular and t.tag_ == "NN"):
                return t
        return None


@functools.lru_cache(maxsize=4096)
def lookup_code(name: str, date: str | None) -> str | None:
    """The actor code the actor dictionary gives a speaker's name, if the stage exists."""
    if _actors is None or _DICTIONARY_BROKEN:
        return None
    try:
        actor = _actors.actor_dictionary().lookup(name, date)
    except Exception:  # noqa: BLE001 - a broken dictionary costs codes, not quotes
        _mark_dictionary_broken()
        return None
    return actor.code or None if actor is not None else None


_DICTIONARY_BROKEN = False


def _mark_dictionary_broken() -> None:
    global _DICTIONARY_BROKEN
    _DICTIONARY_BROKEN = True


def _qualifies_a_noun(token: Token, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` (``token`` in it) modifies a noun outside it: "the
    Obama administration", "Trump's lawyers", "a Merkel ally" (they are not the speaker)."""
    root = token
    while start <= root.head.i < end and root.head.i != root.i:
        root = root.head
    return root.dep_ in ("poss", "compound", "nmod", "amod") and not (
        start <= root.head.i < end) and root.head.pos_ == "NOUN"


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(ranges, (pos, 1 << 30)) - 1
    return k >= 0 and ranges[k][0] <= pos < ranges[k][1]


def noun_phrase(head: Token) -> list[Token]:
    """The subject's noun phrase: its subtree, less trailing clauses when it runs long."""
    # "friends who say ...": the phrase ends where its relative clause opens (what the parser
    # hangs on the noun after that clause is the sentence's, not the name's)
    # and where a participle of speech opens ("a poll showing that ...", "a group backing
    # the mayor": what the noun says is no part of its name)
    lex = lexicon()
    relative = min((c.left_edge.i for c in head.children if c.i > head.i and (
        c.dep_ == "relcl" or c.dep_ == "acl" and c.tag_ == "VBG" and (
            lex.lemma(c) in lex.verbs or lex.lemma(c) in lex.direct))), default=1 << 30)
    # ("many of the leaders who ... said": a relative clause deeper in the phrase ends it too,
    # when what it says names someone else)
    # ("officials in Kyiv, who declined to be named, said": one set off by a comma too)
    deeper = min((c.left_edge.i for c in head.subtree if c.dep_ == "relcl" and c.i > head.i
                  and c.head.i != head.i and (
                      any(t.ent_type_ == "PERSON" for t in c.subtree)
                      or c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ",")),
                 default=1 << 30)
    relative = min(relative, deeper)
    tokens = [t for t in head.subtree if t.i < relative]
    if len(tokens) > MAX_NP_TOKENS:
        cut: set[int] = set()
        for child in head.children:
            if child.i > head.i and child.dep_ in TRIMMED_DEPS:
                cut.update(t.i for t in child.subtree)
        tokens = [t for t in tokens if t.i not in cut]
        # only the contiguous run through the head survives
        run = [t for t in tokens if t.i <= head.i]
        for t in tokens:
            if t.i > head.i and t.i == run[-1].i + 1:
                run.append(t)
        tokens = run
    # a paragraph break never falls inside a speaker's name ("12:15 p.m.\n\nTrump says")
    before = [t.i for t in tokens if t.i < head.i and "\n" in t.text]
    after = [t.i for t in tokens if t.i > head.i and "\n" in t.text]
    if before or after:
        low = max(before) if before else -1
        high = min(after) if after else 1 << 30
        tokens = [t for t in tokens if low < t.i < high]
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].dep_ in ("cc", "case")):
        tokens.pop()  # "the general's claim": the speaker is the general
    while len(tokens) > 1 and tokens[0].is_punct:
        tokens.pop(0)
    return tokens


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
MAX_PHRASE_TOKENS = 14


def phrase_before(cue: Token, floor: int) -> tuple[Token, list[Token]] | None:
    """The words between ``floor`` and the cue as the speaker phrase ('"...," a group of
    academics surveying opinion wrote'), when they read as one noun phrase; (head, phrase)."""
    doc = cue.doc
    words = [doc[i] for i in range(floor, cue.i)]
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].pos_ in ("ADV", "AUX", "PART")):
        words.pop()
    if not words or len(words) > MAX_PHRASE_TOKENS:
        return None
    if any(t.tag_ in FINITE_TAGS or t.is_space for t in words):
        return None
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
        return None
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head is t]
    nominal = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON")]
    head = (nominal or [t for t in words if t.pos_ in ("NOUN", "PROPN", "PRON")])[0]
    return head, words


def _past_said_clause(verb: Token) -> Token:
    """The token to climb to from ``verb``: its head, except that a speech verb joined to the
    clause someone said ("she said the deal was close and warned that ...", misparsed as
    "was ... and warned") is that speaker's next act, so it climbs to the said-verb."""
    head = verb.head
    lex = lexicon()
    if (verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.i != head.i
            and lex.lemma(head.head) in lex.direct
            and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)):
        said_subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
        # any other cue verb too, when what the clause is about cannot speak ("denied that
        # its ships had acted and accused Manila ...": the ships accuse no one)
        if lex.lemma(verb) in lex.direct or lex.lemma(verb) in lex.verbs and (
                said_subject is None or not can_speak(said_subject, lex)):
            return head.head
    return head


def document_speaker(document: Token, verb: Token, lex: CueLexicon) -> Token:
    """Who speaks through a document opening a sentence ("In <document>, S <verb> ..."): S
    when the document is someone's own words and S can speak ("In an interview, the
    minister rejected the plan"), else the document's owner ("In its report, the agency
    ...") or the document itself ("In this poll, Trump leads ...")."""
    if document.lemma_.lower() in lex.spoken_documents:
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and (can_speak(subj, lex) or subj.pos_ == "PROPN"):
            return subj
    return next((c for c in document.children if c.dep_ == "poss"), document)


def _antecedent(relcl: Token) -> Token:
    """The noun a relative clause goes on about: its head, but the people before a place
    the parser hung it on ("officials in Kyiv, who ..." are the officials)."""
    place = relcl.head
    if (place.ent_type_ in ("GPE", "LOC", "FAC") or place.pos_ == "PROPN") and (
            place.dep_ == "pobj" and place.head.lower_ in ("in", "from", "of", "for", "at")
            and place.head.head.pos_ == "NOUN" and can_speak(place.head.head, lexicon())
            and place.ent_type_ != "PERSON"):
        return place.head.head
    return place


def can_speak(token: Token, lex: CueLexicon) -> bool:
    """A person, a group of people, or a pronoun that may stand for one."""
    return (token.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or token.pos_ == "PRON"
            or token.lemma_.lower() in lex.person_nouns or token.lemma_.lower() in lex.honorifics)


def subject_of(verb: Token, depth: int = 6) -> Token | None:
    """The subject of a cue verb, climbing through "and said", "saying", "who said"."""
    current = verb
    if verb.tag_ == "VBN" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        doer = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        if doer is not None:
            return doer  # "Asked by reporters whether ...": the ones asking
    for _ in range(depth):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS:
                if current.dep_ == "relcl" and any(t.tag_ in RELATIVE_TAGS
                                                   for t in child.subtree):
                    return _antecedent(current)  # "officials, most of whom said ..."
                name = next((c for c in current.children if c.dep_ in SUBJECT_DEPS
                             and c.i == child.right_edge.i + 1 and c.pos_ == "PROPN"), None)
                # "the state news agency KCNA said": the parser split a noun and the name
                # after it into two subjects; the name speaks
                return name if name is not None else child
        if current.dep_ in ("relcl", "acl") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in current.children) and (
                current.head.dep_ == "dobj") and any(
                c.dep_ in SUBJECT_DEPS and c.lower_ not in ("it", "there", "this", "that")
                for c in current.head.head.children):
            # "had nothing to say about", "has every reason to doubt": an infinitive on what
            # the clause's verb takes is that verb's subject's to do
            current = current.head.head
            continue
        if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return _antecedent(current)
        if current.i != verb.i and current.head.i == current.i and current.pos_ in (
                "NOUN", "PROPN") and can_speak(current, lexicon()):
            return current  # "Trump defended the plan, calling ...": read as one noun phrase
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN") or (
                current.dep_ == "acl" and current.head.tag_ == "DT"):  # "those backing him"
            noun = current.head  # "an announcement from the ministry saying ..."
            for child in noun.children:
                if child.dep_ == "poss":
                    return child
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in ("from", "by") and child.i < verb.i:
                    obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
            root = current.sent.root
            if current.tag_ in FINITE_TAGS and root.pos_ in ("NOUN", "PROPN") and (
                    root.i < current.i):
                # "The statement, released on Monday, called for ...": the parser read the
                # sentence as one noun phrase; its root noun is the finite verb's subject
                return root
            lex = lexicon()
            if current.tag_ == "VBG" and (noun.dep_ not in ("dobj", "pobj", "attr", "conj") or (
                    noun.dep_ == "pobj" and noun.head.lower_ in OWNING_PREPS) or (
                    noun.dep_ == "dobj" and can_speak(noun, lex) and noun.pos_ != "PRON")):
                # "a poll showing ...", "a group backing the mayor", "saw troops firing":
                # the noun the participle describes does it (what someone issued, "released
                # a statement saying", or the place or means of an act, "at a briefing
                # announcing", speaks for the one who acts)
                return noun
            current = noun.head
            continue
        if current.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to"
                                           for c in current.children):
            controller = next((c for c in current.head.children if c.dep_ == "dobj"
                               and c.i < current.i), None)
            if controller is not None and lexicon().lemma(current.head) not in (
                    lexicon().subject_control):
                return controller  # "forced the banker to admit ...": the banker admits
        if current.dep_ in CLIMB_DEPS and current.head.i != current.i:
            current = _past_said_clause(current)
            continue
        break
    if current.tag_ in FINITE_TAGS and not any(c.dep_ in SUBJECT_DEPS for c in current.children):
        return _unparsed_subject(current)
    return None


QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "‘", "’"})
OPENERS = {",": ",", "-": "-", "—": "—", "–": "–", "--": "--", ")": "("}
MAX_ASIDE_TOKENS = 30
NAME_PREPS = frozenset({"of", "for", "at", "from", "with"})


def _unparsed_subject(verb: Token) -> Token | None:
    """A finite verb the parser left with no subject still has one; read it from the
    surface: the subject of a clause it joined to the verb's left ("Kasich offered him a
    job, then says ..."), the noun phrase just before it past any asides set off by commas,
    dashes or brackets ("Ana Ruiz, a lawyer who ..., said"), or, after a quotation, the one
    just after it ('"...," said Ruiz').
    """
    doc = verb.doc
    sent = verb.sent
    content_after = any(c.i > verb.i and c.dep_ in ("ccomp", "xcomp", "dobj")
                        for c in verb.children)
    if content_after:
        for c in verb.children:
            if c.i < verb.i and c.dep_ in ("ccomp", "conj", "advcl", "parataxis"):
                subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")
                             and g.tag_ not in RELATIVE_TAGS), None)
                if subj is not None and subj.left_edge.i == _first_word(sent.start, doc) and (
                        not any(doc[k].text in QUOTE_MARKS for k in range(sent.start, subj.i))):
                    return subj
    i = verb.i - 1
    while i >= sent.start and doc[i].pos_ in ("ADV", "AUX", "PART") and doc[i].text not in (
            QUOTE_MARKS):
        i -= 1
    if i >= sent.start and (doc[i].text in QUOTE_MARKS or doc[i].text == "," and i > sent.start
                            and doc[i - 1].text in QUOTE_MARKS):
        return _name_after(verb)
    for _ in range(3):
        if i < sent.start or doc[i].text not in OPENERS:
            break
        opener = OPENERS[doc[i].text]
        k = next((k for k in range(i - 1, max(sent.start, i - MAX_ASIDE_TOKENS) - 1, -1)
                  if doc[k].text == opener), None)
        if k is None:
            return None
        i = k - 1
    if i < sent.start or doc[i].pos_ not in ("NOUN", "PROPN", "PRON", "NUM") or (
            doc[i].ent_type_ in ("DATE", "TIME")) or doc[i].tag_ == "EX":
        return None
    return _phrase_head(doc[i], verb)


def _first_word(start: int, doc: Doc) -> int:
    while start < len(doc) - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start


def _name_after(verb: Token) -> Token | None:
    """'"...," said Ruiz' / '"...," tweeted another': the noun phrase after the verb."""
    doc = verb.doc
    k = verb.i + 1
    if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM") and (
            doc[k].ent_type_ not in ("DATE", "TIME")):
        end = k
        while end + 1 < verb.sent.end and doc[end + 1].pos_ in ("NOUN", "PROPN", "PART") or (
                end + 1 < verb.sent.end and doc[end + 1].text == "."
                and doc[end].pos_ == "PROPN" and not doc[end + 1].is_sent_end):
            end += 1
        nominal = [doc[j] for j in range(k, end + 1) if doc[j].pos_ in ("NOUN", "PROPN", "PRON")]
        if nominal:
            return nominal[-1]
        if doc[k].pos_ in ("DET", "NUM") and doc[k].lower_ not in ("the", "a", "an"):
            return doc[k]  # "tweeted another", "said one"
    return None


def _phrase_head(last: Token, verb: Token) -> Token:
    """The head of the noun phrase ending at ``last``: its compound or possessor climbs to
    the noun it modifies, an "of"/"for" object to the noun before it ("a spokesman for the
    ministry"), an apposition to the name it renames."""
    head = last
    for _ in range(MAX_NP_TOKENS):
        up = head.head
        if head.dep_ in ("compound", "amod", "poss", "nummod", "nmod") and (
                head.i < up.i < verb.i):
            head = up
        elif head.dep_ == "pobj" and up.lower_ in NAME_PREPS and up.head.pos_ in (
                "NOUN", "PROPN") and up.head.i < up.i and up.i == head.left_edge.i - 1:
            head = up.head
        elif head.dep_ == "appos" and up.pos_ in ("NOUN", "PROPN") and up.i < head.i and (
                up.dep_ not in ("pobj", "dobj")):
            head = up
        else:
            break
    return head
