"""Applying safe fixes: the first suggestion of findings marked ``fixable`` (spin swaps).

Claims and caveats are never fixed: rewording a health claim or adding a
safety caveat needs an editor, not a string swap. Everything outside the
replaced spans is kept byte for byte: the BOM, line endings, markup.

Writing is as careful as the edit. A file is replaced atomically (a reader
sees the old file or the new one), and only if it still holds exactly the
bytes the fix was computed from, checked once the new content is on disk,
just before it takes the old one's place. A symbolic link keeps being a link:
its target is fixed, if the target is inside the tree being linted. A
read-only file is not fixed, and neither is a file with several hard links:
an atomic replacement would split them (the other names would keep the old
text), and writing in place is not atomic.
"""

from __future__ import annotations

import difflib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .files import read_bounded, write_atomically
from .finding import Finding
from .readers import InputError

# Families whose findings may never be rewritten automatically, whatever a rule says.
NEVER_FIXED = frozenset({"claim", "caveat"})
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Edit:
    start: int  # offsets in the decoded source (BOM excluded), as in findings
    end: int
    replacement: str
    finding: Finding


def edits(findings: Iterable[Finding]) -> list[Edit]:
    """The safe edits among ``findings``, earliest first; a fix overlapping an earlier one is left out."""
    chosen: list[Edit] = []
    candidates = sorted(
        (f for f in findings if f.fixable and f.suggestions and f.family not in NEVER_FIXED),
        key=lambda f: (f.start, f.end),
    )
    for finding in candidates:
        if chosen and finding.start < chosen[-1].end:
            continue
        chosen.append(Edit(finding.start, finding.end, finding.suggestions[0], finding))
    return chosen


def apply(text: str, changes: list[Edit]) -> str:
    """``text`` with non-overlapping ``changes`` applied, working from the end so offsets stay valid."""
    for change in reversed(changes):
        text = text[:change.start] + change.replacement + text[change.end:]
    return text


class StaleFile(Exception):
    """The file on disk is no longer the text that was linted."""


def fix_bytes(data: bytes, linted: str, changes: list[Edit]) -> bytes:
    """The original bytes with the changes applied.

    Decoding keeps line endings as they are, so CRLF survives; the BOM is set
    aside and put back. ``linted`` is the text the findings point into: if the
    file changed since, its offsets mean nothing and nothing is fixed.
    """
    bom = BOM if data.startswith(BOM) else b""
    text = data[len(bom):].decode("utf-8")
    if text != linted:
        raise StaleFile("changed since it was linted; not fixed")
    return bom + apply(text, changes).encode("utf-8")


def diff(path: str, before: bytes, after: bytes) -> str:
    """A unified diff of one file's fix, as ``git apply`` reads it."""
    old = before.decode("utf-8-sig").splitlines(keepends=True)
    new = after.decode("utf-8-sig").splitlines(keepends=True)
    lines = difflib.unified_diff(old, new, f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


class NotFixed(Exception):
    """Why a file's fixes were not written; the message is for the user."""


def writable_target(path: str | Path, root: str) -> Path:
    """The file to write for ``path`` (a link's target), or NotFixed saying why it must not be written."""
    real = Path(os.path.realpath(path))
    if os.path.islink(path) and os.path.commonpath([real, root]) != root:
        raise NotFixed("a symbolic link to a file outside the tree being linted; not fixed")
    try:
        info = os.stat(real)
    except OSError as error:
        raise NotFixed(f"cannot check it: {error.strerror or error}; not fixed") from None
    if not stat.S_ISREG(info.st_mode):
        raise NotFixed("not a regular file; not fixed")
    if not info.st_mode & 0o222 or not os.access(real, os.W_OK):
        raise NotFixed("read-only; not fixed")
    if info.st_nlink > 1:
        raise NotFixed(f"has {info.st_nlink} hard links, which replacing it would split; not fixed "
                       "(--diff shows the fix to apply by hand)")
    return real


def write_fixed(path: str | Path, root: str, expected: bytes, data: bytes) -> None:
    """Write the fixed ``data`` over ``path`` if it still holds ``expected``; NotFixed otherwise."""
    target = writable_target(path, root)

    def unchanged() -> None:
        try:
            current = read_bounded(target)
        except InputError as error:
            raise NotFixed(f"cannot re-read it: {error}; not fixed") from None
        if current != expected:
            raise NotFixed("changed since it was read; not fixed")

    unchanged()  # before the work of writing a temporary file
    try:
        write_atomically(target, data, check=unchanged)
    except OSError as error:
        raise NotFixed(f"cannot write it: {error.strerror or error}; not fixed") from None
