"""The compiled-regex cache (bot/regex_cache.py): a second process compiles none of the engine's patterns
from scratch, and gets patterns equal to those ``re`` compiles itself; a damaged cache file is ignored and
written anew. Real modules (the engine's) in fresh processes."""

from __future__ import annotations

import _sre
import json
import subprocess
import sys
from pathlib import Path

from bot.regex_cache import _ORIGINAL, _read, cache_file

#: Installs the cache at argv[1], imports the whole answer engine, prints the patterns it parsed.
PROBE = """
import json, sys
from pathlib import Path
from re import _parser
from bot.regex_cache import install
install(Path(sys.argv[1]))
parsed = []
parse = _parser.parse
_parser.parse = lambda *args, **kwargs: parsed.append(args[0]) or parse(*args, **kwargs)
import bot.engine.answering
print(json.dumps([pattern for pattern in parsed if isinstance(pattern, str)]))
"""


def _parsed_in_fresh_process(cache: Path) -> set[str]:
    """The str patterns parsed while a fresh process imports the answer engine with the cache at ``cache``."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(cache)], capture_output=True, text=True, timeout=300, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _stored(cache: Path) -> set[str]:
    return {pattern for pattern, _ in _read(cache) if isinstance(pattern, str)}


def test_a_second_process_parses_none_of_the_stored_patterns_and_gets_equal_ones(tmp_path: Path) -> None:
    cache = cache_file(tmp_path)
    first = _parsed_in_fresh_process(cache)
    stored = cache.read_bytes()
    second = _parsed_in_fresh_process(cache)
    assert len(_stored(cache)) > 300 and _stored(cache) <= first
    # the second parses only patterns the cache does not keep (other packages', built anew in each process)
    assert not second & _stored(cache) and len(second) < len(first) / 4, len(second)
    assert cache.read_bytes() == stored, "nothing was added"
    for (pattern, flags), entry in _read(cache).items():
        assert _sre.compile(pattern, *entry) == _ORIGINAL(pattern, flags), pattern


def test_a_damaged_cache_file_is_ignored_and_written_anew(tmp_path: Path) -> None:
    cache = cache_file(tmp_path)
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"\x00" * 64 + b"not a cache")
    first = _parsed_in_fresh_process(cache)
    assert len(_stored(cache)) > 300 and _stored(cache) <= first
    assert not _parsed_in_fresh_process(cache) & _stored(cache)
