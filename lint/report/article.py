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
        starts, ends = block.starts, block.ends
        segments: list[Segment] = []
        first = 0
        for index in range(1, len(block.text) + 1):
            if index < len(block.text) and _continues(block, first, index):
                continue
            if ends[first] - starts[first] == 1:
                segments.append(Segment(first, index, starts[first], ends[index - 1], shared=False))
            else:
                segments.append(Segment(first, index, starts[first], ends[first], shared=True))
            first = index
        return cls(block.kind, block.level, block.text, tuple(segments))


def _continues(block: Block, first: int, index: int) -> bool:
    """Whether character ``index`` maps to the source as the segment that began at ``first`` does."""
    start, end = block.starts[index], block.ends[index]
    if block.ends[first] - block.starts[first] == 1:  # one for one: the next source character
        return end - start == 1 and start == block.ends[index - 1]
    return (start, end) == (block.starts[first], block.ends[first])  # the same piece of markup


def article_blocks(blocks: tuple[Block, ...]) -> tuple[ArticleBlock, ...]:
    """What a rendered report needs of a document's blocks (computed in the run, where the Document is)."""
    return tuple(ArticleBlock.of(block) for block in blocks)
