"""The Document: what a reader makes of a file, and the only thing later stages see.

A document is an ordered list of blocks (title, heading, paragraph, ...). Each
block's ``text`` is what gets linted; every character of it remembers which
characters of the decoded source file it came from, so a span found in block
text maps back to an exact span of the original file whatever the markup.

No block is longer than ``MAX_BLOCK_LENGTH``: longer ones are split where they
are built, at a sentence end or else at whitespace, so the NLP stage never
meets a text over its length limit and memory per block stays bounded.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from .normalise import needs_normalising, normalise

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

# "\r\n", a lone "\r" and "\n" each end one line, in every format.
LINE_BREAK = re.compile(r"\r\n?|\n")

# Well below spaCy's default ``max_length`` (1,000,000), which also bounds the
# memory one parse takes; an article paragraph is a few hundred characters.
MAX_BLOCK_LENGTH = 100_000
# Where an over-long block is best cut: after a sentence end, else at whitespace.
_SENTENCE_END = re.compile(r"[.!?…]['\"”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


class Offsets(Sequence):
    """Source offsets, one for each character of a block's text, kept as runs instead of one number each.

    A run is characters whose offsets rise by one a character (text the
    source spells as it is linted) or stay the same (characters decoded from
    one piece of markup, or whitespace collapsed to one space). Prose is
    mostly long verbatim runs, so a block costs a few runs where a number a
    character cost 4 bytes a character for each of its two maps (a 1M-word
    article's maps took 50 MB). Offsets are 64-bit whatever the source's size.
    """

    __slots__ = ("_runs", "_length")

    def __init__(self) -> None:
        # Each run as three numbers, one array for all (an array object costs 80 bytes, and a block
        # holds one run or a few): the block index where it begins, the offset there, and 1 when the
        # offset rises by one a character, 0 when it stays.
        self._runs = array("q")
        self._length = 0

    @classmethod
    def of(cls, values: Iterable[int]) -> Offsets:
        offsets = cls()
        for value in values:
            offsets.add(value, 1, rises=True)
        return offsets

    def add(self, base: int, count: int, rises: bool) -> None:
        """``count`` more characters, the first at source offset ``base``, rising by one a character or
        staying (for one character the two are the same)."""
        if count <= 0:
            return
        runs = self._runs
        if runs:
            run_length = self._length - runs[-3]
            last = runs[-2] + runs[-1] * (run_length - 1)  # the previous character's offset
            # The run goes on when these offsets continue it; a one-character run may go either way.
            if (rises or count == 1) and base == last + 1 and (runs[-1] or run_length == 1):
                runs[-1] = 1
                self._length += count
                return
            if (not rises or count == 1) and base == last and (not runs[-1] or run_length == 1):
                runs[-1] = 0
                self._length += count
                return
        runs.extend((self._length, base, 1 if rises and count > 1 else 0))
        self._length += count

    def __len__(self) -> int:
        return self._length

    def __sizeof__(self) -> int:
        return object.__sizeof__(self) + self._runs.buffer_info()[1] * self._runs.itemsize

    def _run(self, index: int) -> int:
        """Where in ``_runs`` the run holding character ``index`` starts."""
        return 3 * (bisect.bisect_right(memoryview(self._runs)[::3], index) - 1)

    def _run_end(self, run: int) -> int:
        return self._runs[run + 3] if run + 3 < len(self._runs) else self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._length)
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return self._slice(start, stop)
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        run = self._run(index)
        at, base, rises = self._runs[run:run + 3]
        return base + rises * (index - at)

    def _slice(self, start: int, stop: int) -> Offsets:
        part = Offsets()
        if stop <= start:
            return part
        runs = self._runs
        run = self._run(start)
        while run < len(runs) and runs[run] < stop:
            at, base, rises = runs[run:run + 3]
            begin = max(at, start)
            part.add(base + rises * (begin - at), min(self._run_end(run), stop) - begin, bool(rises))
            run += 3
        return part

    def __iter__(self) -> Iterator[int]:
        runs = self._runs
        for run in range(0, len(runs), 3):
            at, base, rises = runs[run:run + 3]
            count = self._run_end(run) - at
            yield from range(base, base + count) if rises else repeat(base, count)

    def __eq__(self, other) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Offsets({list(self)!r})"


def line_starts(source: str) -> list[int]:
    """The offset at which each line of ``source`` starts (the first is 0)."""
    return [0] + [match.end() for match in LINE_BREAK.finditer(source)]


@dataclass(frozen=True)
class Block:
    """A run of prose with its map back to the source.

    ``starts[i]``/``ends[i]`` are the source offsets of the text that produced
    ``text[i]``: one character for verbatim text, several for an entity such
    as ``&amp;`` or for whitespace that markup collapsed to one space.
    """

    kind: str
    text: str
    starts: Sequence[int]  # an Offsets where a reader built the block
    ends: Sequence[int]
    level: int = 0  # heading level (1-6) where the format has one

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets covering block text ``[start, end)`` (end > start)."""
        return self.starts[start], self.ends[end - 1]

    def piece(self, start: int, end: int) -> Block | None:
        """Block text ``[start, end)`` as a block of the same kind, outer whitespace trimmed."""
        text = self.text[start:end]
        left = start + len(text) - len(text.lstrip())
        right = start + len(text.rstrip())
        if left >= right:
            return None
        return Block(self.kind, self.text[left:right], self.starts[left:right], self.ends[left:right], self.level)

    def split(self, limit: int = MAX_BLOCK_LENGTH) -> list[Block]:
        """This block cut into pieces of at most ``limit`` characters, at sentence ends where it can be."""
        if len(self.text) <= limit:
            return [self]
        pieces = []
        start = 0
        while len(self.text) - start > limit:
            cut = self._cut(start, start + limit)
            if (piece := self.piece(start, cut)) is not None:
                pieces.append(piece)
            start = cut
        if (piece := self.piece(start, len(self.text))) is not None:
            pieces.append(piece)
        return pieces

    def _cut(self, start: int, limit: int) -> int:
        """Where to end the piece that starts at ``start``: after the last sentence end before
        ``limit``, else at the last whitespace, else at ``limit`` itself."""
        for pattern in (_SENTENCE_END, _SPACE):
            last = None
            for last in pattern.finditer(self.text, start + 1, limit):
                pass
            if last is not None:
                return last.end()
        cut = limit
        # Characters decoded from one reference ("&NotEqualTilde;") share a span: keep them together.
        while cut > start + 1 and self.starts[cut] == self.starts[cut - 1]:
            cut -= 1
        return cut


class BlockBuilder:
    """Accumulates a block's text together with its source map."""

    def __init__(self, kind: str, level: int = 0) -> None:
        self.kind = kind
        self.level = level
        self._parts: list[str] = []
        self._starts = Offsets()
        self._ends = Offsets()

    def verbatim(self, text: str, source_start: int) -> None:
        """Text that stands in the source exactly as it is linted."""
        self._parts.append(text)
        self._starts.add(source_start, len(text), rises=True)
        self._ends.add(source_start + 1, len(text), rises=True)

    def replaced(self, text: str, source_start: int, source_end: int) -> None:
        """Text that the source spells differently (an entity, an escape, collapsed space)."""
        self._parts.append(text)
        self._starts.add(source_start, len(text), rises=False)
        self._ends.add(source_end, len(text), rises=False)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def build(self) -> Block | None:
        """The finished block, typographic variants read as plain characters (:mod:`.normalise`)
        and outer whitespace trimmed, or None if it holds no prose."""
        text, starts, ends = self.text, self._starts, self._ends
        if needs_normalising(text):
            text, origins = normalise(text)
            starts, ends = list(starts), list(ends)
            starts = Offsets.of(starts[i] for i in origins)
            ends = Offsets.of(ends[i] for i in origins)
        return Block(self.kind, text, starts, ends, self.level).piece(0, len(text))


@dataclass(frozen=True)
class Document:
    """A decoded source file and the prose blocks read from it."""

    path: str
    format: str  # "text" | "markdown" | "html"
    source: str
    blocks: tuple[Block, ...]
    _line_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(piece for block in self.blocks for piece in block.split()))
        object.__setattr__(self, "_line_starts", line_starts(self.source))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a source offset; columns count characters.

        ``\r\n``, ``\r`` and ``\n`` each end a line, as editors count them.
        """
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    @property
    def line_count(self) -> int:
        return len(self._line_starts)

    def line_text(self, line: int) -> str:
        """The text of 1-based line ``line``, without its line break."""
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self.source)
        return self.source[start:end].rstrip("\r\n")

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
