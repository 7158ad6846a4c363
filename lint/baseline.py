"""Baselines: record today's findings, then report only the ones that are new.

A finding's identity is its rule, its text and a few words either side of it,
never its line: adding a paragraph above a known finding must not make it new.
Identical findings (same rule, text and context) are counted, so a third copy
of a phrase known twice is reported as new.

The file is JSON, sorted, with paths relative to the baseline's own folder so
it can be committed and used from any working directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

from .finding import Finding
from .report import Report

FORMAT_VERSION = 1
CONTEXT_WORDS = 4  # words kept on each side of the finding
CONTEXT_CHARS = 200  # how far to look for them
_WORD = re.compile(r"\w+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\r?\n")


class BaselineError(Exception):
    """An unreadable baseline file; the message names it."""


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


def _context(source: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The words just before and after a span, within its paragraph."""
    before = _PARAGRAPH_BREAK.split(source[max(0, start - CONTEXT_CHARS):start])[-1]
    after = _PARAGRAPH_BREAK.split(source[end:end + CONTEXT_CHARS])[0]
    return _words(before)[-CONTEXT_WORDS:], _words(after)[:CONTEXT_WORDS]


def fingerprint(finding: Finding, source: str) -> str:
    """A stable identity for a finding: rule, normalised text and context (no position)."""
    before, after = _context(source, finding.start, finding.end)
    parts = [finding.code, " ".join(_words(finding.text)), " ".join(before), " ".join(after),
             finding.procedure or "", finding.concept or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def _key(path: str, folder: Path) -> str:
    """A file's name in the baseline: relative to the baseline's folder where it can be."""
    if path.startswith("<"):  # <stdin>, <text>
        return path
    try:
        return Path(os.path.relpath(Path(path).resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


def write(report: Report, path: str | Path) -> int:
    """Record every finding of ``report`` in ``path``; returns how many were recorded."""
    path = Path(path)
    files: dict[str, list[dict]] = {}
    for file in report.files:
        if not file.findings:
            continue
        entries = [
            {"code": f.code, "text": f.text, "fingerprint": fingerprint(f, file.source)}
            for f in file.findings
        ]
        files[_key(file.path, path.parent)] = sorted(entries, key=lambda e: (e["code"], e["fingerprint"]))
    data = {"cliniclint-baseline": FORMAT_VERSION, "files": dict(sorted(files.items()))}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return sum(len(entries) for entries in files.values())


def load(path: str | Path) -> dict[str, Counter]:
    """File key -> how many times each fingerprint is known."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (create it with --write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"{path}: not a cliniclint baseline: {error}") from None
    if not isinstance(data, dict) or data.get("cliniclint-baseline") != FORMAT_VERSION \
            or not isinstance(data.get("files"), dict):
        raise BaselineError(f"{path}: not a cliniclint baseline (version {FORMAT_VERSION})")
    try:
        return {name: Counter(entry["fingerprint"] for entry in entries) for name, entries in data["files"].items()}
    except (TypeError, KeyError):
        raise BaselineError(f"{path}: malformed entry (each needs a 'fingerprint')") from None


class Baseline:
    """A loaded baseline: which findings of each file are already known."""

    def __init__(self, path: str | Path) -> None:
        self.known = load(path)
        self.folder = Path(path).parent

    def new_findings(self, path: str, source: str, findings: list[Finding]) -> list[Finding]:
        """``findings`` of the file at ``path`` less those the baseline records (each as often as recorded)."""
        remaining = Counter(self.known.get(_key(path, self.folder), Counter()))
        new = []
        for finding in findings:
            mark = fingerprint(finding, source)
            if remaining[mark] > 0:
                remaining[mark] -= 1
            else:
                new.append(finding)
        return new
