"""Two embedding models, one per language: which vector set ranks which passages for which question.

all-MiniLM-L6-v2 knows English only (61% of Chinese tokens are [UNK]); multilingual-e5-small (4 bits) puts
Chinese and English in one vector space but answers two realistic English gold questions fewer than
MiniLM (/work/notes/zh_models.md). So the per-language setting embeds every passage with both, and a
question's language picks the vector set by the passages' language (``ROUTES``): an English question
ranks English passages with MiniLM and Chinese passages with e5, a Chinese question ranks every passage
with e5. The lists meet in the searcher's rank fusion with BM25. Over English articles alone an English
question thus ranks exactly as with MiniLM alone, and never pays for an e5 query.
"""

from __future__ import annotations

from typing import Literal

from index.embedder import MINILM_MODEL, MULTILINGUAL_MODEL, PER_LANGUAGE, Embedder
from index.multilingual_embedder import MultilingualEmbedder

Language = Literal["en", "zh"]
#: (question language, vector set's model) -> the languages of the passages that set ranks for it. Used
#: when an index holds more than one vector set; a single set ranks every passage for every question.
ROUTES: dict[tuple[Language, str], frozenset[Language]] = {
    ("en", MINILM_MODEL): frozenset({"en"}),
    ("en", MULTILINGUAL_MODEL): frozenset({"zh"}),
    ("zh", MULTILINGUAL_MODEL): frozenset({"en", "zh"}),
}


def routed(question: Language, model: str) -> frozenset[Language]:
    """The passage languages the vector set of ``model`` ranks for a ``question`` language question."""
    return ROUTES.get((question, model), frozenset())


class PerLanguageEmbedder:
    """The per-language setting's embedders: ``members`` fill an index's vector sets, the first set
    first (MiniLM's, kept in the version's main FAISS file). Both models load on first use."""

    def __init__(self, english: Embedder, multilingual: MultilingualEmbedder) -> None:
        self.name = PER_LANGUAGE
        self.precision = english.precision  # the setting's precision is MiniLM's (e5 is always q4)
        self.members = (english, multilingual)

    @property
    def is_loaded(self) -> bool:
        """Whether both models are in memory."""
        return all(member.is_loaded for member in self.members)

    def load(self) -> PerLanguageEmbedder:
        """Load both models now."""
        for member in self.members:
            member.load()
        return self
