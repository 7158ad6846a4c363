"""The article as a reader sees it, for reports that show it rendered: its blocks and where they came from.

A Document's blocks map every character to the source (``Block.starts`` and
``ends``), which is what lets a report put a finding, found in source
offsets, onto the words a reader sees. Reports must not re-parse, so the run
keeps, for each file, each block's kind, level and text with that map in
compact form: runs of characters copied one for one from the source, and
pieces that markup spells differently (an entity, collapsed whitespace), each
with its source span.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Block


@dataclass(frozen=True)
class Segment:
    """Block text ``[text_start, text_end)``: copied one for one from source ``[source_start, ...)``
    (``shared`` False), or read from the whole of source ``[source_start, source_end)`` (``shared``)."""

    text_start: int
    text_end: int
    source_start: int
    source_end: int
    shared: bool

    def covered(self, start: int, end: int) -> tuple[int, int] | None:
        """The part of this segment's text whose source overlaps ``[start, end)``."""
        if self.shared:
            return (self.text_start, self.text_end) if self.source_start < end and start < self.source_end else None
        first = max(self.text_start, self.text_start + start - self.source_start)
        last = min(self.text_end, self.text_start + end - self.source_start)
        return (first, last) if first < last else None


@dataclass(frozen=True)
class ArticleBlock:
    kind: str  # as in lint.document.BLOCK_KINDS
    level: int  # heading level, where the format has one
    text: str
    segments: tuple[Segment, ...]

    @property
    def source_start(self) -> int:
        return self.segments[0].source_start

    def covered(self, start: int, end: int) -> tuple[int, int] | None:
        """The block text whose source overlaps source ``[start, end)``, or None: a finding's words here."""
        found = [part for segment in self.segments if (part := segment.covered(start, end))]
        return (found[0][0], found[-1][1]) if found else None

    @classmethod
    def of(cls, block: Block) -> ArticleBlock:
        # One pass over the two maps together: indexing them character by character would search
        # their runs (lint.document.Offsets) at every step.
        segments: list[Segment] = []
        pairs = zip(block.starts, block.ends)
        first, (first_start, first_end) = 0, next(pairs, (0, 0))
        previous_end = first_end
        for index, (start, end) in enumerate(pairs, start=1):
            if first_end - first_start == 1:  # one for one: the next source character continues it
                continues = end - start == 1 and start == previous_end
            else:  # the same piece of markup
                continues = start == first_start and end == first_end
            if not continues:
                segments.append(_segment(first, index, first_start, first_end, previous_end))
                first, first_start, first_end = index, start, end
            previous_end = end
        if block.text:
            segments.append(_segment(first, len(block.text), first_start, first_end, previous_end))
        return cls(block.kind, block.level, block.text, tuple(segments))


def _segment(first: int, stop: int, start: int, end: int, last_end: int) -> Segment:
    """Block text ``[first, stop)``, whose first character maps to source ``[start, end)`` and last ends at
    ``last_end``."""
    if end - start == 1:
        return Segment(first, stop, start, last_end, shared=False)
    return Segment(first, stop, start, end, shared=True)


def article_blocks(blocks: tuple[Block, ...]) -> tuple[ArticleBlock, ...]:
    """What a rendered report needs of a document's blocks (computed in the run, where the Document is)."""
    return tuple(ArticleBlock.of(block) for block in blocks)
