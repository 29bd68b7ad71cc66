"""Which sentences need the dependency parse (`Options.selective_parse`).

A sentence is parsed when it holds an actor or speaker candidate together with something a
stage turns into a row: an event trigger or a quote cue (by lemma), a number or a time word.
Candidates and words come from the stages' own data (the actor dictionary, the verb and noun
patterns, the quote cues), so a line added there widens the gate with no change here. When a
lexicon cannot be loaded the gate opens for every sentence: slower, never less accurate.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from spacy.tokens import Span

log = logging.getLogger(__name__)

# entity labels that name an actor, and labels that carry a number or a time
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
FIGURE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT",
                         "ORDINAL"})


@dataclass(frozen=True)
class Gate:
    actor_words: frozenset[str]  # lower-cased first words of actor phrases, person nouns
    trigger_lemmas: frozenset[str]  # event triggers and quote cues
    pronouns: frozenset[str] = frozenset()  # pronouns that can be a speaker or an actor
    open_all: bool = False

    def __call__(self, sent: Span) -> bool:
        if self.open_all:
            return True
        actor = other = False
        for tok in sent:
            if not actor and (tok.ent_type_ in ACTOR_ENTS or tok.pos_ == "PROPN"
                              or tok.lower_ in self.pronouns
                              or (not tok.is_stop and (tok.lower_ in self.actor_words
                                                       or tok.lemma_ in self.actor_words))):
                actor = True
            if not other and (tok.lemma_ in self.trigger_lemmas or tok.like_num
                              or tok.ent_type_ in FIGURE_ENTS):
                other = True
            if actor and other:
                return True
        return False


@functools.lru_cache(maxsize=1)
def gate() -> Gate:
    """The gate built from the packaged stage data (loaded once per process)."""
    try:
        from faultline.extract.actors import actor_dictionary  # noqa: PLC0415
        from faultline.extract.events.lexicon import lexicon  # noqa: PLC0415
        from faultline.extract.speakers import lexicon as cue_lexicon  # noqa: PLC0415

        actors = actor_dictionary()
        events = lexicon()
        cues = cue_lexicon()
        actor_words = frozenset(actors.lengths) | cues.person_nouns
        pronouns = cues.person_pronouns | cues.first_person | cues.other_pronouns
        triggers = (frozenset(events.verbs) | frozenset(events.nouns)
                    | frozenset(events.adjectives) | cues.verbs | cues.noun | cues.direct
                    | cues.adjective | frozenset(cues.lemma_forms))
    except Exception as e:  # noqa: BLE001 - a stage's data moved: parse everything
        log.warning("selective parse: stage data unavailable (%s); parsing every sentence", e)
        return Gate(frozenset(), frozenset(), open_all=True)
    return Gate(frozenset(w.lower() for w in actor_words), frozenset(triggers),
                frozenset(w.lower() for w in pronouns))
