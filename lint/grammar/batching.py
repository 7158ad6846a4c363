"""Packing a document's blocks into few checker calls, and mapping matches back to blocks.

A checker (LanguageTool, Harper) receives prose only: block texts joined by
blank lines, which both read as paragraph breaks, so no sentence runs from one
block into the next; a match that still spans two blocks has no source span
and is dropped.
A request stays under a character limit (servers enforce one: the public API
takes 20,000 characters, self-hosted servers whatever ``maxTextLength`` says);
a block longer than the limit is cut at a sentence end, or failing that at a
space, into pieces that go in separate requests.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .client import Issue, LocatedIssue

SEPARATOR = "\n\n"
MAX_CHARS = 10_000
_SENTENCE_END = re.compile(r"[.!?…]['\"’”)]*\s+")


@dataclass(frozen=True)
class Piece:
    """Block text ``[block_start, block_start + length)`` sits at ``request_start`` in the request."""

    block: int
    block_start: int
    request_start: int
    length: int


@dataclass(frozen=True)
class Batch:
    """One request's text and where each block's text lies in it."""

    text: str
    pieces: tuple[Piece, ...]

    def locate(self, start: int, end: int) -> tuple[int, int, int] | None:
        """``(block, start, end)`` in block coordinates, or None if the span is not inside one piece."""
        index = bisect.bisect_right([p.request_start for p in self.pieces], start) - 1
        if index < 0:
            return None
        piece = self.pieces[index]
        offset = piece.block_start - piece.request_start
        if end > piece.request_start + piece.length or end <= start:
            return None
        return piece.block, start + offset, end + offset


def _cut(text: str, limit: int) -> int:
    """Where to end the first part of ``text`` (longer than ``limit``): a sentence end, else a space."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit)]
    if ends:
        return ends[-1]
    space = text.rfind(" ", 0, limit)
    return space + 1 if space > 0 else limit


def _parts(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """``(start, part)`` pieces of one block's text, each at most ``limit`` characters."""
    start = 0
    while len(text) - start > limit:
        cut = start + _cut(text[start:], limit)
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def batches(texts: Sequence[str], limit: int = MAX_CHARS) -> Iterator[Batch]:
    """Requests covering every block text in order, none longer than ``limit`` characters."""
    parts: list[str] = []
    pieces: list[Piece] = []
    size = 0
    for block, text in enumerate(texts):
        for block_start, part in _parts(text, limit):
            if parts and size + len(SEPARATOR) + len(part) > limit:
                yield Batch("".join(parts), tuple(pieces))
                parts, pieces, size = [], [], 0
            if parts:
                parts.append(SEPARATOR)
                size += len(SEPARATOR)
            pieces.append(Piece(block, block_start, size, len(part)))
            parts.append(part)
            size += len(part)
    if parts:
        yield Batch("".join(parts), tuple(pieces))


def check_blocks(texts: Sequence[str], check: Callable[[str], list[Issue]], limit: int = MAX_CHARS) -> list[LocatedIssue]:
    """``check`` run over the block texts in batches, its issues located in their blocks."""
    found = []
    for batch in batches(texts, limit):
        for issue in check(batch.text):
            located = batch.locate(issue.start, issue.end)
            if located is not None:
                found.append(LocatedIssue(*located, issue))
    return found
