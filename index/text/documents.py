"""Read one article file into a :class:`Document`: text, metadata and sentence offsets."""

from __future__ import annotations

from pathlib import Path

from index.meta.metadata import extract_metadata
from index.models import Document
from index.text.loaders import load_article
from index.text.sentences import split_sentences


def fallback_title(path: Path) -> str:
    """A readable title from a file name: "r3b2-progress-2024.txt" -> "r3b2 progress 2024"."""
    return path.stem.replace("_", " ").replace("-", " ").strip() or path.name


def read_document(path: Path, root: Path, max_bytes: int) -> Document:
    """Load, describe and sentence-split the article at ``path``; ``doc_id`` is the file stem and
    ``path`` is stored relative to ``root``. Raises :class:`index.text.loaders.ArticleError` for bad files."""
    loaded = load_article(path, max_bytes)
    try:
        relative = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        relative = path.name
    return Document(
        doc_id=path.stem,
        path=relative,
        content_hash=loaded.content_hash,
        meta=extract_metadata(loaded.text, loaded.given, fallback_title(path)),
        text=loaded.text,
        sentences=split_sentences(loaded.text),
    )
