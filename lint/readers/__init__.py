"""Readers: turn a file into a Document. They know formats, never rules."""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from .html import read_html
from .markdown import read_markdown
from .plaintext import read_plaintext

FORMATS_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
_READERS = {"text": read_plaintext, "markdown": read_markdown, "html": read_html}


class InputError(Exception):
    """A file that cannot be linted; the message is the reason, for the user."""


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
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError("no such file") from None
        except IsADirectoryError:
            raise InputError("is a directory") from None
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}") from None
    return read_text(decode(data), format, str(path))
