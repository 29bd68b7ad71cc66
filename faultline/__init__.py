"""faultline: news coverage of an international crisis in, evidence-linked event data out."""

from faultline.errors import FaultlineError, InputError, UsageError
from faultline.model import (
    Actor,
    ActorMention,
    Annotations,
    Article,
    Claim,
    Entity,
    Event,
    Failure,
    Quote,
    Span,
    Speaker,
    Timex,
)
from faultline.options import Options
from faultline.pipeline import annotate_text, process_batch

__version__ = "0.1.0"

__all__ = [
    "Actor", "ActorMention", "Annotations", "Article", "Claim", "Entity", "Event", "Failure",
    "FaultlineError", "InputError", "Options", "Quote", "Span", "Speaker", "Timex", "UsageError",
    "annotate_text", "process_batch",
]
