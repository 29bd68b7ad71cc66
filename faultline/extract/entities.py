"""Named entities (people, organizations, places, dates ...) from the spaCy model."""

from __future__ import annotations

from spacy.tokens import Doc

from faultline.extract import stage
from faultline.model import Annotations, Entity, Span
from faultline.options import Options

KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "EVENT", "LAW"}
)


@stage("entities", assigns=("entities",))
def extract_entities(doc: Doc, ann: Annotations, options: Options) -> None:
    article_id = ann.article.id
    for ent in doc.ents:
        if ent.label_ in KEPT_LABELS:
            ann.entities.append(
                Entity(
                    span=Span(article_id, ent.start_char, ent.end_char),
                    label=ent.label_,
                    text=ent.text,
                )
            )
