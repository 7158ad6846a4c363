"""Applying safe fixes: the first suggestion of findings marked ``fixable`` (spin swaps).

Claims and caveats are never fixed: rewording a health claim or adding a
safety caveat needs an editor, not a string swap. Everything outside the
replaced spans is kept byte for byte: the BOM, line endings, markup.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .finding import Finding

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


def write_atomically(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a reader sees the old file or the new one, never half of it."""
    path = Path(path)
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
