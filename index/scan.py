"""Find the candidate article files under a documents directory, and what cannot be one, with the reason.

Entries are walked without following symlinked folders (so a symlink loop cannot recur). A symlink loop,
a dangling symlink, a symlink to a folder, a named pipe, socket or device, and a folder that cannot be
read are each reported by name and skipped; reading a named pipe would block the build forever.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from index.text.loaders import is_sidecar


class ScanError(Exception):
    """The documents directory itself cannot be read (the message is one line)."""


@dataclass
class Scan:
    """What a documents directory holds. Paths are relative and POSIX; a folder's ends with "/"."""

    files: list[str] = field(default_factory=list)  # candidate article files, sorted by path parts
    sidecar_dirs: set[str] = field(default_factory=set)  # folders ("" for the top) holding a sidecar
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason), in walking order
    unreadable_dirs: list[str] = field(default_factory=list)  # folders that could not be listed


def scan_documents(documents_dir: Path) -> Scan:
    """Walk ``documents_dir`` (hidden entries left out); raise ScanError if it cannot be listed at all."""
    scan = Scan()
    pending = [""]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(documents_dir / folder) as iterator:
                entries = sorted(iterator, key=lambda entry: entry.name)
        except OSError as exc:
            if not folder:
                raise ScanError(
                    f"cannot read documents directory {documents_dir} ({exc.strerror or exc})"
                ) from None
            scan.skipped.append((f"{folder}/", f"cannot read folder ({exc.strerror or exc})"))
            scan.unreadable_dirs.append(folder)
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = f"{folder}/{entry.name}" if folder else entry.name
            kind, reason = _kind(entry)
            if kind == "dir":
                pending.append(relative)
            elif reason is not None:
                scan.skipped.append((relative, reason))
            elif is_sidecar(Path(entry.name)):
                scan.sidecar_dirs.add(folder)
            else:
                scan.files.append(relative)
    scan.files.sort(key=lambda relative: relative.split("/"))
    return scan


def _kind(entry: os.DirEntry[str]) -> tuple[str, str | None]:
    """("dir", None), ("file", None), or ("other", why it cannot be an article)."""
    try:
        if entry.is_dir(follow_symlinks=False):
            return "dir", None
        if entry.is_symlink():
            try:
                mode = os.stat(entry.path).st_mode
            except FileNotFoundError:
                return "other", "dangling symlink (its target does not exist)"
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    return "other", "symlink loop"
                return "other", f"cannot follow symlink ({exc.strerror or exc})"
            if stat.S_ISDIR(mode):
                return "other", "symlink to a folder (not followed)"
        else:
            mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as exc:
        return "other", f"cannot read entry ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return "file", None
    if stat.S_ISFIFO(mode):
        return "other", "not a regular file (a named pipe)"
    if stat.S_ISSOCK(mode):
        return "other", "not a regular file (a socket)"
    return "other", "not a regular file (a device)"
