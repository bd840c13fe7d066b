"""Compiled regular expressions kept across processes, as Python keeps compiled bytecode in .pyc files.

The engine's modules compile some 500 regular expressions when they are imported (the genre's figures,
scopes, dates, places in two languages), and Python's ``re`` parses and compiles each one again in every
process: about half a CPU second of a cold `inspectbot ask` of under two. ``install`` keeps, per Python
build, each pattern's compiled form (the code ``_sre.compile`` takes) in one file under the cache folder,
so a later process hands ``_sre.compile`` the stored code instead of parsing the pattern again; the
pattern objects are equal to freshly compiled ones (same pattern, flags and code; the tests assert it).
The patterns the project's modules compile when they are imported and that are not stored yet are added
when the process exits (past ``KEEP_ALL`` stored, only the ones this process used are kept: patterns
edited away do not pile up). A file that is damaged, or written by another Python, is ignored and written
anew.
"""

from __future__ import annotations

import _sre
import atexit
import hashlib
import marshal
import os
import re
import sys
from pathlib import Path
from re import _compiler, _parser
from types import FrameType
from typing import Any

PACKAGES = ("bot", "index")  # the patterns their modules compile when imported are kept
MAX_PATTERNS = 2000  # the engine and the builder compile about 600
KEEP_ALL = 1000
_DIGEST_BYTES = 16
_ORIGINAL = _compiler.compile
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def cache_file(cache_root: Path) -> Path:
    """This Python build's cache file under ``cache_root`` (by its version, the regex engine's, marshal's)."""
    build = f"{sys.version}|{_sre.MAGIC}|{marshal.version}"
    return cache_root / "regex" / f"{hashlib.sha256(build.encode()).hexdigest()[:24]}.marshal"


def install(path: Path) -> None:
    """Compile regular expressions from the cache at ``path`` from now on, adding new ones to it at exit.
    Does nothing where this Python's ``re`` internals are not the ones it was written for."""
    if _compiler.compile is not _ORIGINAL or not _compatible():
        return
    cache = _PatternCache(path, _read(path))
    _compiler.compile = cache.compile
    atexit.register(cache.save)


def _compatible() -> bool:
    """Whether a pattern compiled through the cache equals one compiled by ``re`` itself here."""
    probe = r"(?P<n>\d+)\s*(?:万|亿)?(?i:cases?)\b"
    try:
        return _PatternCache(Path(), {}).compile(probe, 0) == _ORIGINAL(probe, 0)
    except Exception:  # another Python's internals: leave ``re`` as it is
        return False


def _at_import(frame: FrameType | None) -> bool:
    """Whether the pattern is compiled by one of ``PACKAGES``' modules (the first frame outside ``re``)
    while one of theirs is being imported (the innermost module body on the stack): such patterns are
    the same in every process, where patterns built at run time (from a question) or by other packages
    (tokenize's, from a set: another in each process) would only pile up."""
    while frame is not None and _package(frame) == "re":
        frame = frame.f_back
    if frame is None or _package(frame) not in PACKAGES:
        return False
    while frame is not None and frame.f_code.co_name != "<module>":
        frame = frame.f_back
    return frame is not None and _package(frame) in PACKAGES


def _package(frame: FrameType) -> str:
    return str(frame.f_globals.get("__name__", "")).split(".")[0]


def _read(path: Path) -> dict[tuple[str | bytes, int], Entry]:
    """The entries stored at ``path``; none for a missing, damaged or foreign file."""
    try:
        raw = path.read_bytes()
        digest, payload = raw[:_DIGEST_BYTES], raw[_DIGEST_BYTES:]
        if hashlib.blake2b(payload, digest_size=_DIGEST_BYTES).digest() != digest:
            return {}
        entries = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


class _PatternCache:
    """Stands in for ``re._compiler.compile``: the stored entry of a pattern, else compiles it as ``re``
    does and stores it."""

    def __init__(self, path: Path, entries: dict[tuple[str | bytes, int], Entry]) -> None:
        self.path = path
        self.entries = entries
        self.used: set[tuple[str | bytes, int]] = set()
        self.added = False

    def compile(self, pattern: Any, flags: int = 0) -> re.Pattern:
        """The compiled ``pattern`` (a str or bytes pattern; anything else goes to ``re`` itself)."""
        if not isinstance(pattern, (str, bytes)) or flags & re.DEBUG:
            return _ORIGINAL(pattern, flags)
        key = (pattern, flags)
        entry = self.entries.get(key)
        if entry is not None:
            try:
                compiled = _sre.compile(pattern, *entry)
            except (TypeError, ValueError, RuntimeError):  # an entry _sre refuses: compiled afresh
                self.entries.pop(key, None)
            else:
                self.used.add(key)
                return compiled
        entry = self._entry(pattern, flags)
        if len(self.entries) < MAX_PATTERNS and _at_import(sys._getframe(1)):
            self.entries[key] = entry
            self.used.add(key)
            self.added = True
        return _sre.compile(pattern, *entry)

    @staticmethod
    def _entry(pattern: str | bytes, flags: int) -> Entry:
        """What ``_sre.compile`` takes besides the pattern, as ``re._compiler.compile`` makes it."""
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
        groups = dict(parsed.state.groupdict)
        names: list[str | None] = [None] * parsed.state.groups
        for name, index in groups.items():
            names[index] = name
        return (flags | parsed.state.flags, code, parsed.state.groups - 1, groups, tuple(names))

    def save(self) -> None:
        """Write the entries if any were added (atomically; a cache that cannot be written is skipped)."""
        if not self.added:
            return
        entries = dict(self.entries)  # a copy: another thread may be compiling
        if len(entries) > KEEP_ALL:
            entries = {key: entry for key, entry in entries.items() if key in self.used}
        payload = marshal.dumps(entries)
        digest = hashlib.blake2b(payload, digest_size=_DIGEST_BYTES).digest()
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(digest + payload)
            os.replace(tmp, self.path)
        except OSError:
            tmp.unlink(missing_ok=True)
