"""Load one article file into plain text plus the metadata the file itself gives.

Formats: ``.txt``, ``.md``/``.markdown`` (optional YAML front matter), ``.html``/``.htm`` (main text by
trafilatura; ``<title>`` and meta tags as metadata). An optional sidecar ``<file>.meta.yaml`` (or
``<stem>.meta.yaml``) adds or overrides metadata. Text is UTF-8 (BOM or not) or a detected legacy
encoding (GB18030 for Chinese). Line endings become ``\\n``; the returned text is final: every
offset computed later points into it.

What cannot be indexed faithfully is reported (:class:`ArticleError`) rather than indexed wrong: bytes
that are broken UTF-8, or that no legacy encoding decodes with confidence (no mojibake), a page with no
article text (only menus, cookie and legal lines), front matter or sidecar values of the wrong type. A
file that cannot be read at all raises :class:`UnreadableError`, which may pass (the builder keeps the
file's indexed version).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

import yaml
from charset_normalizer import from_bytes

from index.facts.numbers import number_value
from index.meta.datelines import find_header
from index.text.cleanup import clean_text
from index.text.rejoin import rejoin_split_entries

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES
SIDECAR_SUFFIX = ".meta.yaml"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_DECLARED_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
# A legacy encoding is accepted only if charset-normalizer finds the text this orderly and this coherent.
MAX_CHAOS = 0.15
MIN_COHERENCE = 0.05
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
# Lines of a page that are not its article: cookie banners, legal and account lines.
_NOT_ARTICLE = re.compile(
    r"cookie|privacy|terms of (?:use|service)|all rights reserved|copyright|©|sign (?:in|up)|log ?in|"
    r"subscribe|newsletter|javascript|your browser|accept all|隐私|版权所有|登录|注册",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]{12,}")
MIN_PROSE_WORDS = 4
_SENTENCE_ENDS = frozenset('.!?…。！？"”’)」')
# Front matter and sidecar keys with the types they take (dates also as YYYY-MM-DD text).
_TEXT_KEYS = frozenset({"title", "source", "url", "site_name", "description", "author"})
_LIST_KEYS = frozenset({"provinces", "enterprises"})
_NUMBER_KEYS = frozenset({"round", "batch"})
_DATE_KEYS = frozenset({"date", "as_of"})
_PHASES = frozenset({"pilot", "lookback", "look-back", "look back"})
_LEGACY_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030"}


class ArticleError(Exception):
    """A file that cannot be indexed; ``reason`` is a short phrase such as "empty file"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnreadableError(ArticleError):
    """A file (or its sidecar) that could not be read: a permission or I/O error, which may pass."""


@dataclass(frozen=True)
class LoadedArticle:
    """The article text (final, offsets point into it), metadata given by the file, and its content hash."""

    text: str
    given: dict[str, Any] = field(default_factory=dict)
    content_hash: str = ""


def is_sidecar(path: Path) -> bool:
    """True for a metadata sidecar file (``*.meta.yaml``), which is not an article itself."""
    return path.name.lower().endswith(SIDECAR_SUFFIX)


def is_article_path(path: Path) -> bool:
    """True if ``path`` has a supported article extension and is not a sidecar or hidden file."""
    return (
        path.suffix.lower() in SUPPORTED_SUFFIXES and not is_sidecar(path) and not path.name.startswith(".")
    )


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of ``path`` if one exists: ``<name>.meta.yaml`` first, then ``<stem>.meta.yaml``."""
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)):
        if candidate.is_file():
            return candidate
    return None


def load_article(path: Path, max_bytes: int) -> LoadedArticle:
    """Read ``path`` into a :class:`LoadedArticle`; raise :class:`ArticleError` if it cannot be indexed."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ArticleError(f"unsupported file type '{suffix or path.name}' (use .txt, .md or .html)")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(f"file too large ({size:,} bytes; limit {max_bytes:,})")
        raw = path.read_bytes()
    except OSError as exc:
        raise UnreadableError(f"cannot read file ({exc.strerror or exc})") from exc
    if len(raw) > max_bytes:
        raise ArticleError(f"file too large ({len(raw):,} bytes; limit {max_bytes:,})")
    if not raw.strip():
        raise ArticleError("empty file")

    html = suffix in HTML_SUFFIXES
    decoded = _normalize_newlines(decode_bytes(raw, html=html))
    if suffix in MARKDOWN_SUFFIXES:
        given, body = _split_front_matter(decoded)
        text = _markdown_to_text(body)
        heading = _first_heading(body)
        if heading and "heading" not in given:  # the headline, whatever menu line stands above it
            given["heading"] = heading
    elif html:
        given, text = _html_to_text(decoded)
    else:
        given, text = {}, decoded

    sidecar_bytes = b""
    sidecar = sidecar_path(path)
    if sidecar is not None:
        try:
            sidecar_bytes = sidecar.read_bytes()
        except OSError as exc:
            raise UnreadableError(f"cannot read sidecar {sidecar.name} ({exc.strerror or exc})") from exc
        given.update(_parse_yaml_mapping(decode_bytes(sidecar_bytes), "sidecar"))

    cleaned = clean_text(text)  # page furniture and injected lines dropped before storing
    text = rejoin_split_entries(cleaned.text.strip())  # a team's entry cut over lines is one line again
    owner = [line.text for line in cleaned.dropped if "copyright" in line.reasons]
    if owner and "site_lines" not in given:  # who publishes the page: metadata reads a government's province
        given["site_lines"] = owner
    if not text:
        raise ArticleError("empty file (no article text)")
    if not has_article_text(text):
        raise ArticleError("no article text (only menus, cookie or legal lines)")
    return LoadedArticle(text=text, given=given, content_hash=content_hash(raw, sidecar_bytes))


def content_hash(raw: bytes, sidecar_bytes: bytes = b"") -> str:
    """The hash incremental indexing compares: sha256 of the file's raw bytes followed by its sidecar's."""
    return hashlib.sha256(raw + sidecar_bytes).hexdigest()


def decode_bytes(raw: bytes, *, html: bool = False) -> str:
    """Decode ``raw`` as UTF-8 (BOM ok) or UTF-16 with BOM, else a detected legacy encoding.

    Raises :class:`ArticleError` for binary data (NUL bytes, mostly control characters) or bytes
    that no encoding decodes as text.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _check_text(raw.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise ArticleError("undecodable text (bad UTF-16)") from exc
    if b"\x00" in raw[:65536]:
        raise ArticleError("binary file (contains NUL bytes)")
    try:
        return _check_text(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        if _mostly_utf8(raw):  # UTF-8 with bad bytes: any legacy reading of it would be mojibake
            raise ArticleError(f"undecodable text (invalid UTF-8 at byte {exc.start:,})") from exc
    if html:
        declared = _DECLARED_CHARSET.search(raw[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "ignore").lower()
            try:
                return _check_text(raw.decode(_LEGACY_ALIASES.get(name, name)))
            except (LookupError, UnicodeDecodeError):
                pass
    best = from_bytes(raw).best()
    if best is None or best.encoding is None or best.chaos > MAX_CHAOS or best.coherence < MIN_COHERENCE:
        chinese = _as_gb18030(raw)  # a short Chinese text: too little for a confident guess
        if chinese is not None:
            return _check_text(chinese)
    if best is None or best.encoding is None:
        raise ArticleError("undecodable text (not UTF-8 and no known encoding fits)")
    if best.chaos > MAX_CHAOS or best.coherence < MIN_COHERENCE:
        raise ArticleError(f"undecodable text (not UTF-8; {best.encoding} is only a guess)")
    encoding = _LEGACY_ALIASES.get(best.encoding.lower(), best.encoding)
    try:
        return _check_text(raw.decode(encoding))
    except (LookupError, UnicodeDecodeError) as exc:
        raise ArticleError("undecodable text (not UTF-8 and no known encoding fits)") from exc


MIN_DISTINCT_HAN = 20  # distinct characters a longer text needs to read as Chinese (a short one: a quarter)
MIN_GB2312_SHARE = 0.95  # of the non-ASCII characters of a GB18030 reading, for it to be Chinese text
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_SPACED_HAN = re.compile(r"[\u4e00-\u9fff] (?=[\u4e00-\u9fff])")
_KANA = re.compile(r"[\u3040-\u30ff]")


def _as_gb18030(raw: bytes) -> str | None:
    """``raw`` read as GB18030 when that reading is plainly Chinese: it decodes strictly and nearly all its
    non-ASCII characters are in GB2312, the common characters and punctuation (Big5 bytes read as GB18030
    give rare characters; Latin-1 bytes rarely decode at all)."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = [char for char in set(text) if ord(char) > 0x7F]
    common = sum(1 for char in wide if _in_gb2312(char))
    if not wide or common < MIN_GB2312_SHARE * len(wide):
        return None
    # EUC-KR Korean and EUC-JP Japanese bytes also read as GB2312: Korean words are spaced, Japanese has kana
    hans = _CJK_CHAR.findall(text)
    han = len(hans)
    spaced = len(_SPACED_HAN.findall(text))
    kana = len(_KANA.findall(text))
    varied = len(set(hans)) * 4 >= min(han, MIN_DISTINCT_HAN * 4)  # not one byte pair repeated ("亮亮亮…")
    return text if han and varied and spaced * 10 <= han and kana * 20 <= han else None


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _mostly_utf8(raw: bytes) -> bool:
    """True when most non-ASCII bytes of ``raw`` form valid UTF-8 sequences (UTF-8 with a few bad bytes)."""
    high = len(raw) - len(raw.translate(None, _HIGH_BYTES))
    valid = sum(len(match) for match in _UTF8_MULTIBYTE.findall(raw))
    return high > 0 and valid * 2 >= high


def has_article_text(text: str) -> bool:
    """True unless every line of ``text`` is page furniture: a cookie, legal or account line, or a menu-like
    line (no sentence end, and few words or mostly capitalised ones: "Home News World Sports")."""
    for line in text.splitlines():
        line = line.strip()
        if not line or _NOT_ARTICLE.search(line):
            continue
        if _CJK_RUN.search(line) or line[-1] in _SENTENCE_ENDS:
            return True
        words = _WORD.findall(line)
        lower = sum(1 for word in words if word[0].islower())
        if len(words) >= MIN_PROSE_WORDS and lower * 2 >= len(words):
            return True
    return False


def _check_given(data: dict[str, Any], what: str) -> None:
    """Raise ArticleError for a front matter or sidecar value of the wrong type, naming the key."""
    for key, value in data.items():
        if value is None:
            continue
        wrong = None
        if key in _TEXT_KEYS and (
            isinstance(value, bool) or not isinstance(value, str | int | float | dt.date)
        ):
            wrong = "text"
        elif key in _LIST_KEYS and not (
            isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            wrong = "a list of names"
        elif key in _NUMBER_KEYS and (
            isinstance(value, bool) or not isinstance(value, int | str) or number_value(str(value)) is None
        ):
            wrong = "a whole number"
        elif key in _DATE_KEYS and not (isinstance(value, dt.date) or _is_iso_date(value)):
            wrong = "a date (YYYY-MM-DD)"
        elif key == "phase" and str(value).strip().lower() not in _PHASES:
            wrong = "pilot or lookback"
        if wrong:
            raise ArticleError(f"bad {what}: {key} is {value!r}, expected {wrong}")


def _is_iso_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return False
    return True


def _check_text(text: str) -> str:
    """Reject decoded text that is mostly control characters (binary data that happened to decode)."""
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise ArticleError("binary file (mostly non-text)")
    return text


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def _parse_yaml_mapping(source: str, what: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ArticleError(f"bad {what}: invalid YAML{where}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArticleError(f"bad {what}: expected 'key: value' lines")
    given = {str(key): value for key, value in data.items()}
    _check_given(given, what)
    return given


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split optional YAML front matter (between ``---`` lines at the very top) from a Markdown body."""
    stripped = text.lstrip("\ufeff")
    if not stripped.startswith("---"):
        return {}, stripped
    match = _FRONT_MATTER.match(stripped)
    if match is None:
        if re.match(r"---[ \t]*\n", stripped):
            raise ArticleError("bad front matter: no closing '---' line")
        return {}, stripped
    return _parse_yaml_mapping(match.group(1) or "", "front matter"), stripped[match.end() :]


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _first_heading(body: str) -> str | None:
    """The text of the first Markdown heading of ``body`` (comments left out), if any."""
    match = _MD_HEADING.search(_MD_COMMENT.sub("", body))
    text = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", match.group(1))).strip() if match else ""
    return text or None


def _markdown_to_text(body: str) -> str:
    """Drop Markdown markup that would otherwise show in quotes: headings' #, bold, links, images."""
    body = _MD_COMMENT.sub("", body)
    body = _MD_IMAGE.sub("", body)
    body = _MD_LINK.sub(r"\1", body)
    body = _MD_HEADING.sub(r"\1", body)
    return _MD_EMPHASIS.sub(r"\2", body)


def _html_to_text(html: str) -> tuple[dict[str, Any], str]:
    """Main text of an HTML page (menus, footers dropped) and its metadata: title, date, url, description,
    author and site_name (the site is not necessarily the outlet: a dateline in the text names that)."""
    import trafilatura
    from trafilatura.metadata import extract_metadata as html_metadata

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
        meta = html_metadata(html, date_config={"extensive_search": False, "original_date": True})
    except Exception as exc:  # lxml/trafilatura errors on malformed markup vary by version
        raise ArticleError(f"unreadable HTML ({type(exc).__name__})") from exc
    if not text:
        raise ArticleError("empty file (no article text found in the HTML)")
    given: dict[str, Any] = {}
    if meta is not None:
        for key, value in (
            ("title", meta.title),
            ("site_name", meta.sitename),
            ("url", meta.url),
            ("description", meta.description),
            ("author", meta.author),
        ):
            if value:
                given[key] = value.strip()
        if meta.date:
            with contextlib.suppress(ValueError):
                given["date"] = dt.date.fromisoformat(meta.date[:10])
    source = _CONTENT_SOURCE.search(html)
    if source and "site_name" not in given:  # Chinese CMS: <meta name="ContentSource" content="生态环境部">
        given["site_name"] = unescape(source.group(1)).strip()
    if "date" not in given or "site_name" not in given:  # the page header ("Updated: Dec 29,2017 9:53 AM",
        header = find_header(_page_lines(html, given.get("title")))  # "发布时间：… 来源：生态环境部")
        if header is not None:
            given.setdefault("date", header.date)
            if header.outlet:
                given.setdefault("site_name", header.outlet)
    return given, _normalize_newlines(text)


_SCRIPT = re.compile(r"<(head|script|style|noscript)\b.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|div|h[1-6]|li|tr|td|header|footer|section|article|time|dd|dt)\b|br)[^>]*>", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")
_CONTENT_SOURCE = re.compile(
    r"""<meta\s+name\s*=\s*["'](?:ContentSource|source)["']\s+content\s*=\s*["']([^"'<>]{2,40})["']""",
    re.IGNORECASE,
)


def _page_lines(html: str, title: str | None) -> str:
    """The visible text of a whole page, one block per line, from its headline on when it is found: where
    the header line with the date stands, which trafilatura leaves out of the main text."""
    page = _TAG.sub("", _BLOCK_TAG.sub("\n", _SCRIPT.sub("", html)))
    page = _normalize_newlines(unescape(page))
    at = page.find(title.strip()) if title else -1
    return page[at:] if at >= 0 else page
