"""Group a document's sentences into overlapping passage windows for retrieval."""

from __future__ import annotations

from index.meta.metadata import passage_facts
from index.models import Chunk, Document

MAX_SENTENCES = 3
MAX_CHARS = 700
OVERLAP = 1


def sentence_windows(
    sentences: list[tuple[int, int]], max_sentences: int = MAX_SENTENCES, max_chars: int = MAX_CHARS
) -> list[tuple[int, int]]:
    """[first, last) sentence index ranges: up to ``max_sentences`` sentences and ``max_chars`` characters
    each, consecutive windows sharing one sentence; a sentence longer than ``max_chars`` stands alone."""

    def extend(first: int) -> int:
        last = first + 1
        while (
            last < len(sentences)
            and last - first < max_sentences
            and sentences[last][1] - sentences[first][0] <= max_chars
        ):
            last += 1
        return last

    windows: list[tuple[int, int]] = []
    first = 0
    while first < len(sentences):
        last = extend(first)
        windows.append((first, last))
        if last >= len(sentences):
            break
        overlapped = last - OVERLAP
        # start the next window on the shared sentence only if that window then reaches past this one
        first = overlapped if overlapped > first and extend(overlapped) > last else last
    return windows


def make_chunks(doc: Document, first_id: int) -> list[Chunk]:
    """The passage chunks of ``doc`` with consecutive ids from ``first_id``; ``chunk.text`` is exactly
    ``doc.text[start:end]`` and each chunk carries its scope, provinces and as-of time."""
    chunks: list[Chunk] = []
    for offset, (first, last) in enumerate(sentence_windows(doc.sentences)):
        start, end = doc.sentences[first][0], doc.sentences[last - 1][1]
        text = doc.text[start:end]
        scope, provinces, as_of = passage_facts(text, doc.meta)
        chunks.append(
            Chunk(
                chunk_id=first_id + offset,
                doc_id=doc.doc_id,
                start=start,
                end=end,
                sentence_start=first,
                sentence_end=last,
                text=text,
                scope=scope,
                provinces=provinces,
                as_of=as_of,
            )
        )
    return chunks
