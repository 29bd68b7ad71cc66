"""Events: CAMEO-coded who-did-what-to-whom over the dependency parse, with evidence.

The package's modules follow the reading of a sentence:

- :mod:`.lexicon` loads the pattern dictionary (``data/verbs.yaml``) against the codebook
  (:mod:`faultline.codebook`);
- :mod:`.triggers` finds the tokens the dictionary codes;
- :mod:`.frames` combines a frame word with the event in its complement ("agreed to resume
  talks" -> 036, "threatened to impose sanctions" -> 1312);
- :mod:`.arguments` reads source and target from ``ann.actors`` through the parse (passives
  swap them, coordinations multiply them);
- :mod:`.speech` finds who reports an event (``ann.quotes`` first, then "X said (that) ...");
- :mod:`.filters` drops candidates that are no event of their own, each for a named reason;
- :mod:`.reading` gives the code an event takes once its modality is known;
- :mod:`.stage` is the registered "events" stage that puts them together.

Modality comes from :mod:`faultline.extract.modality` and dates from
:mod:`faultline.extract.eventdate`.
"""

from __future__ import annotations

from faultline.codebook import DATA_DIR, CodeInfo, code_is_violence, code_root, codebook
from faultline.extract.events.context import Trigger
from faultline.extract.events.lexicon import FRAMES, Lexicon, Pattern, event_codes_used, lexicon
from faultline.extract.events.stage import extract_events
from faultline.model import Actor

__all__ = ["CodeInfo", "Pattern", "Lexicon", "Trigger", "FRAMES", "DATA_DIR", "codebook",
           "lexicon", "extract_events", "event_codes_used", "code_root", "code_is_violence",
           "Actor"]
