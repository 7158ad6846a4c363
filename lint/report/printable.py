"""Making file names and article text safe to print.

A file name is whatever bytes the file system holds: it may not be UTF-8 (Python
keeps such bytes as lone surrogates) and may contain a newline or a terminal
escape. Article text may contain control characters too. Printed raw, the
first crashes every encoder and the others break one-line errors or drive the
terminal. Reports and error lines pass names and text through here.
"""

from __future__ import annotations

import unicodedata

# Python keeps each byte of a file name that is not UTF-8 as a lone surrogate U+DC80..U+DCFF.
_ESCAPED_BYTE = range(0xDC80, 0xDD00)


def display_name(path: str) -> str:
    """``path`` as valid Unicode: bytes that are not UTF-8 become ``\\xNN`` (``caf\\xe9.txt``)."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _escape(char: str) -> str:
    if ord(char) in _ESCAPED_BYTE:
        return f"\\x{ord(char) - 0xDC00:02x}"
    if char == "\t":
        return char
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        return repr(char)[1:-1]  # \n, \r, \x1b, \u200b, \u2028
    return char


def escape_controls(text: str) -> str:
    """``text`` with control and format characters written as escapes, so a terminal shows them, not obeys them."""
    if text.isprintable() or all(_escape(char) == char for char in text):
        return text
    return "".join(_escape(char) for char in text)


def quote_name(path: str) -> str:
    """A file name for a one-line message: as it is when plain, quoted with escapes otherwise."""
    escaped = escape_controls(path)
    if escaped == path:
        return path
    return "'" + escaped.replace("'", "\\'") + "'"


def plural(count: int, noun: str) -> str:
    """``1 finding``, ``2 findings``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
