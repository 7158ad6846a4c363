"""Readers: turn a file into a Document. They know formats, never rules."""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..inputs import InputError, read_bounded
from . import html, markdown, plaintext

FORMATS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
_READERS = {"text": plaintext.read_plaintext, "markdown": markdown.read_markdown, "html": html.read_html}
# How each format may spell a block character in its source (see ``spelling_errors``).
_SPELLS = {"text": plaintext.spells, "markdown": markdown.spells, "html": html.spells}


def format_for(path: str | Path) -> str | None:
    """The format a file name implies, or None for a name cliniclint does not read."""
    return FORMATS_BY_SUFFIX.get(Path(path).suffix.lower())


def decode(data: bytes) -> str:
    """UTF-8 text with any BOM removed; line endings are kept as they are so offsets stay exact."""
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not valid UTF-8 (byte {error.start}: {error.reason})") from None


def read_text(source: str, format: str = "text", path: str = "<text>") -> Document:
    if format not in _READERS:
        raise InputError(f"unknown format {format!r} (expected one of: {', '.join(_READERS)})")
    return Document(path, format, source, tuple(_READERS[format](source)))


def read_path(path: str | Path, format: str | None = None, data: bytes | None = None) -> Document:
    """Read and parse one file; ``data`` stands in for its contents when given (stdin)."""
    format = format or format_for(path) or "text"
    if data is None:
        data = read_bounded(path)
    return read_text(decode(data), format, str(path))


def spelling_errors(document: Document, limit: int = 10) -> list[str]:
    """What breaks the promise every reader makes; empty when it holds.

    The promise: each character of each block maps to source text that spells
    it (itself, or an escape, a character reference or collapsed whitespace
    that decodes to it), characters decoded from one piece of markup share its
    span, and a block's spans run forward through the file without overlapping.
    """
    spells = _SPELLS[document.format]
    source = document.source
    errors: list[str] = []
    for number, block in enumerate(document.blocks):
        if not (len(block.text) == len(block.starts) == len(block.ends)):
            errors.append(f"block {number}: text and source map differ in length")
            continue
        previous_end = 0
        index = 0
        while index < len(block.text) and len(errors) < limit:
            start, end = block.starts[index], block.ends[index]
            stop = index + 1
            while stop < len(block.text) and (block.starts[stop], block.ends[stop]) == (start, end):
                stop += 1
            text, piece = block.text[index:stop], source[start:end]
            if not 0 <= start < end <= len(source) or start < previous_end:
                errors.append(f"block {number} {text!r} at {index}: span {start}:{end} is out of order")
            elif not spells(piece, text):
                errors.append(f"block {number} {text!r} at {index}: source {piece!r} does not spell it")
            previous_end, index = end, stop
    return errors
