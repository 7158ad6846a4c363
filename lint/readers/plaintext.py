"""Plain-text articles: paragraphs, headings and list items recovered from line layout."""

from __future__ import annotations

import re

from ..document import Block, BlockBuilder

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)?")
_BULLET = re.compile(r"[ \t]*(?:[-*•‣◦–]|\d{1,2}[.)])[ \t]+")
# A line ending like this closes its block; any other line is hard-wrapped
# prose that continues on the next line.
_CLOSES_BLOCK = re.compile(r"[.!?…:;]['\"”’)]*\s*$")
_HEADING_END = re.compile(r"[.!;,…]['\"”’)]*\s*$")
HEADING_MAX_WORDS = 14
# "Bottom line:" is a heading; "A session follows these steps:" introduces a list.
COLON_HEADING_MAX_WORDS = 5
# In hard-wrapped text a heading is clearly shorter than the wrap width (the
# longest line); a wrapped line of prose is not, even if it ends without punctuation.
HEADING_SHARE_OF_WRAP_WIDTH = 0.6


def spells(piece: str, text: str) -> bool:
    """Whether source ``piece`` reads as block ``text`` in plain text: itself, or a line break read as a space."""
    return piece == text or (text == " " and piece in ("\n", "\r", "\r\n"))


def _is_heading(text: str) -> bool:
    """A short line that does not end like a sentence ("?" and a short ":" may end a heading)."""
    words = len(text.split())
    if text.rstrip().endswith(":"):
        return words <= COLON_HEADING_MAX_WORDS
    return words <= HEADING_MAX_WORDS and not _HEADING_END.search(text)


def read_plaintext(source: str) -> list[Block]:
    """Split text into blocks.

    A blank line ends a block. A bulleted line is a list item. A line that
    ends a sentence ends its block; one that does not continues into the next
    line (hard-wrapped prose), unless it is a short unpunctuated line, well
    short of the wrap width, followed by a capitalised one: a heading over its
    paragraph. A one-line block that is short and unpunctuated is a heading,
    and the first block of the file, if it is heading-like, is the title.
    """
    lines = [(match.start(), match.group()) for match in _LINE.finditer(source) if match.group()]
    wrap_width = max((len(raw.rstrip("\r\n")) for _, raw in lines), default=0)
    blocks: list[Block] = []
    current: BlockBuilder | None = None
    # The block's lines so far and its last one: what ends a block is read from
    # the last line, never from the whole text, so long wrapped blocks stay linear.
    current_lines = 0
    last_line = ""
    previous_break: tuple[int, int] = (0, 0)

    def flush() -> None:
        nonlocal current, current_lines
        if current is not None and (block := current.build()) is not None:
            if current_lines == 1 and current.kind == "paragraph" and _is_heading(block.text):
                kind, level = ("title", 1) if not blocks else ("heading", 2)
                block = Block(kind, block.text, block.starts, block.ends, level)
            blocks.append(block)
        current, current_lines = None, 0

    for offset, raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            flush()
            continue
        bullet = _BULLET.match(line)
        if current is not None and (
            bullet
            or _CLOSES_BLOCK.search(last_line)
            or (
                current_lines == 1
                and _is_heading(last_line)
                and len(last_line) < HEADING_SHARE_OF_WRAP_WIDTH * wrap_width
                and line.lstrip()[:1].isupper()
            )
        ):
            flush()
        if current is None:
            current = BlockBuilder("list-item" if bullet else "paragraph")
        else:
            # The line break inside hard-wrapped prose is read as one space.
            current.replaced(" ", *previous_break)
        start = bullet.end() if bullet else 0
        last_line = line[start:]
        current.verbatim(last_line, offset + start)
        current_lines += 1
        previous_break = (offset + len(line), offset + len(raw))
    flush()
    return blocks
