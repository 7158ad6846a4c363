"""The Document: what a reader makes of a file, and the only thing later stages see.

A document is an ordered list of blocks (title, heading, paragraph, ...). Each
block's ``text`` is what gets linted; every character of it remembers which
characters of the decoded source file it came from, so a span found in block
text maps back to an exact span of the original file whatever the markup.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field

BLOCK_KINDS = (
    "title",
    "heading",
    "paragraph",
    "list-item",
    "quote",
    "table-cell",
    "meta-description",
    "image-alt",
)

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Block:
    """A run of prose with its map back to the source.

    ``starts[i]``/``ends[i]`` are the source offsets of the text that produced
    ``text[i]``: one character for verbatim text, several for an entity such
    as ``&amp;`` or for whitespace that markup collapsed to one space.
    """

    kind: str
    text: str
    starts: array
    ends: array
    level: int = 0  # heading level (1-6) where the format has one

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering block text ``[start, end)`` (end > start)."""
        return self.starts[start], self.ends[end - 1]


class BlockBuilder:
    """Accumulates a block's text together with its source map."""

    def __init__(self, kind: str, level: int = 0) -> None:
        self.kind = kind
        self.level = level
        self._parts: list[str] = []
        self._starts = array("l")
        self._ends = array("l")

    def verbatim(self, text: str, source_start: int) -> None:
        """Text that stands in the source exactly as it is linted."""
        self._parts.append(text)
        self._starts.extend(range(source_start, source_start + len(text)))
        self._ends.extend(range(source_start + 1, source_start + len(text) + 1))

    def replaced(self, text: str, source_start: int, source_end: int) -> None:
        """Text that the source spells differently (an entity, an escape, collapsed space)."""
        self._parts.append(text)
        self._starts.extend([source_start] * len(text))
        self._ends.extend([source_end] * len(text))

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def build(self) -> Block | None:
        """The finished block with outer whitespace trimmed, or None if it holds no prose."""
        text = self.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        if left >= right:
            return None
        return Block(
            self.kind,
            text[left:right],
            self._starts[left:right],
            self._ends[left:right],
            self.level,
        )


@dataclass(frozen=True)
class Document:
    """A decoded source file and the prose blocks read from it."""

    path: str
    format: str  # "text" | "markdown" | "html"
    source: str
    blocks: tuple[Block, ...]
    _line_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        starts = [0] + [m.end() for m in re.finditer("\n", self.source)]
        object.__setattr__(self, "_line_starts", starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    @property
    def words(self) -> int:
        return sum(len(_WORD.findall(block.text)) for block in self.blocks)

    @property
    def title(self) -> Block | None:
        """The title block, or the first top-level heading when there is none."""
        for kind in ("title", "heading"):
            for block in self.blocks:
                if block.kind == kind and (kind == "title" or block.level <= 1):
                    return block
        return None
