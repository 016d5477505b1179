"""The perspective stage: how each source writes about the same people and events.

Reads documents, their spaCy parses, their mentions (and resolved entities, fused events); adds
  - quotes: who each source quotes, directly or in reported speech (`extract_quotes`), each speaker tied to
    its resolved entity so one speaker is one row (`resolve_speakers`, `group_speakers`);
  - stance: each source's judgement of the entities it mentions most, target-dependent, telling the
    author's own judgement from the views it reports (`extract_stance_evidence`, `aggregate_stances`);
  - framing: the words each source uses for one event and their connotation (`frame_terms`);
  - distinctive vocabulary: per source, by the Fightin' Words log-odds z-score (`count_terms`,
    `distinctive_vocabulary`).
All functions are pure: records in, records out. Word lists are in `rashomon/data/perspective_*.tsv`.
"""

from __future__ import annotations

from .aggregate import aggregate_stances, corpus_stances, main_actors, stance_label
from .framing import frame_events, frame_terms
from .lexicon import Lexicon, load_lexicon
from .quotes import extract_quotes
from .speakers import Speaker, group_speakers, resolve_speakers
from .stance import UNNAMED, extract_stance_evidence
from .vocabulary import count_terms, distinctive_vocabulary

__all__ = [
    "UNNAMED",
    "Lexicon",
    "Speaker",
    "aggregate_stances",
    "corpus_stances",
    "count_terms",
    "distinctive_vocabulary",
    "extract_quotes",
    "extract_stance_evidence",
    "frame_events",
    "frame_terms",
    "group_speakers",
    "load_lexicon",
    "main_actors",
    "resolve_speakers",
    "stance_label",
]
