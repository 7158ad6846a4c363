"""Applying fixes: the fix loop, byte-exact edits, and writing files safely.

A finding's :class:`~cliniclint.lint.finding.Fix` says how safe it is to apply
without review. ``--fix`` applies safe fixes, ``--unsafe-fixes`` unsafe ones
too; display-only fixes are never applied. Claims and caveats carry no fix at
all: rewording a health claim or adding a safety caveat needs an editor.

A fix can make the next one visible (a swap completes a phrase another rule
knows), so text is linted again after each pass until nothing is left to fix,
as ruff does (:func:`fix_sources`). Everything outside the replaced spans is
kept byte for byte: the BOM, line endings, markup.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .config import Config
from .files import write_atomically
from .finding import Edit, Finding
from .inputs import InputError, read_bounded
from .report import FileResult, Report
from .rules import Rule, load_rules
from .runner import Source, run

BOM = b"\xef\xbb\xbf"
# Fixing stops after this many passes even if a fix keeps revealing another.
MAX_PASSES = 10


def edits(findings: Iterable[Finding], unsafe: bool = False) -> list[Edit]:
    """The applicable edits among ``findings``, earliest first; a fix overlapping an earlier one waits."""
    chosen: list[Edit] = []
    for finding in sorted((f for f in findings if f.applicable(unsafe)), key=lambda f: (f.start, f.end)):
        fix_edits = sorted(finding.fix.edits, key=lambda e: (e.start, e.end))
        if chosen and fix_edits[0].start < chosen[-1].end:
            continue  # the next pass sees it again, on the text this pass made
        chosen.extend(fix_edits)
    return chosen


def apply(text: str, changes: Sequence[Edit]) -> str:
    """``text`` with non-overlapping ``changes`` applied, working from the end so offsets stay valid."""
    for change in reversed(changes):
        text = text[:change.start] + change.replacement + text[change.end:]
    return text


class StaleFile(Exception):
    """The file on disk is no longer the text that was linted."""


def fix_bytes(data: bytes, linted: str, changes: Sequence[Edit]) -> bytes:
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


@dataclass
class FixedSource:
    """One source after fixing: its bytes before and after, how many fixes were applied, what is left."""

    path: str
    original: bytes | None  # None: the source could not be read
    fixed: bytes | None  # None: nothing was fixed
    applied: int
    initial: FileResult  # the lint of the original text
    result: FileResult  # the lint of the final text


@dataclass(frozen=True)
class FixRun:
    """What fixing a set of sources came to: each source, and the report of what is left."""

    sources: list[FixedSource]
    report: Report

    @property
    def changed(self) -> list[FixedSource]:
        return [source for source in self.sources if source.fixed is not None]


def fix_sources(sources: Iterable[Source], config: Config, rules: Sequence[Rule], unsafe: bool = False) -> FixRun:
    """Fix ``(path, data[, format])`` sources in memory (data None: read the path) until no fix applies."""
    sources = [Source.of(source) for source in sources]
    contents = {source.path: source.data if source.data is not None else _read(source.path, config.max_file_size)
                for source in sources}
    report = run((Source(s.path, contents[s.path], s.format) for s in sources), config, rules)
    state = {file.path: FixedSource(file.path, data if isinstance(data := contents.get(file.path), bytes) else None,
                                    None, 0, file, file) for file in report.files}
    pending = [file for file in report.files if not file.error]
    for _ in range(MAX_PASSES):
        changed = []
        for file in pending:
            current = state[file.path]
            changes = edits(file.findings, unsafe)
            if not changes:
                continue
            current.fixed = fix_bytes(current.fixed or current.original, file.source, changes)
            current.applied += len(changes)
            changed.append(Source(file.path, current.fixed, file.format))
        if not changed:
            break
        pending = run(changed, config, rules).files
        for file in pending:
            state[file.path].result = file
    fixed = [state[source.path] for source in sources]
    return FixRun(fixed, replace(report, files=[item.result for item in fixed]))


def fix_text(text: str, format: str = "text", config: Config | None = None, rules: Sequence[Rule] | None = None,
             unsafe: bool = False) -> FixedText:
    """``text`` with its fixes applied, and the findings left."""
    config = config or Config()
    rules = rules if rules is not None else load_rules(config.rule_packs)
    fixed, = fix_sources([Source("<text>", text.encode("utf-8"), format)], config, rules, unsafe).sources
    data = fixed.fixed if fixed.fixed is not None else fixed.original
    return FixedText(data.decode("utf-8"), fixed.applied, fixed.result.findings)


@dataclass(frozen=True)
class FixedText:
    text: str
    applied: int
    findings: list[Finding]


def _read(path: str, limit: int) -> bytes | InputError:
    try:
        return read_bounded(path, limit)
    except InputError as error:
        return error  # the run reports it as the file's error


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
