"""Locating decoded text in its source, for readers whose parser reports no offsets.

Markup parsers hand back text with escapes (``\\*``) and character references
(``&amp;``) decoded. To map such text back to the file, it is matched against
the source character by character from a cursor, letting an escape or a
reference stand for the character it decodes to.
"""

from __future__ import annotations

import html
import re

from ..document import BlockBuilder

CHAR_REF = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};?)")


def _decoded_at(source: str, pos: int, escapes: bool) -> tuple[str, int] | None:
    """The text the markup at ``pos`` decodes to, and where it ends."""
    if escapes and source.startswith("\\", pos) and pos + 1 < len(source) and not source[pos + 1].isalnum():
        return source[pos + 1], pos + 2
    if source.startswith("&", pos) and (ref := CHAR_REF.match(source, pos)):
        decoded = html.unescape(ref.group())
        if decoded != ref.group():
            return decoded, ref.end()
    return None


def append_located(
    builder: BlockBuilder, text: str, source: str, cursor: int, limit: int, *, escapes: bool = True
) -> int:
    """Append ``text`` to ``builder`` mapped onto ``source[cursor:limit]``; return the new cursor.

    The text is searched for verbatim first (the common case). Otherwise the
    alignment starts at the first source position whose character, escape or
    reference produces the text's first character. Raises ValueError when the
    text cannot be found, which means the reader and parser disagree.
    """
    if not text:
        return cursor
    found = source.find(text, cursor, limit)
    if found >= 0:
        builder.verbatim(text, found)
        return found + len(text)
    for start in range(cursor, limit):
        end = _align(builder, text, source, start, limit, escapes, dry_run=True)
        if end is not None:
            _align(builder, text, source, start, limit, escapes, dry_run=False)
            return end
    raise ValueError(f"cannot locate {text[:40]!r} in the source")


def _align(
    builder: BlockBuilder, text: str, source: str, pos: int, limit: int, escapes: bool, dry_run: bool
) -> int | None:
    i = 0
    while i < len(text):
        if pos >= limit:
            return None
        # A reference or escape that decodes to the expected text wins over
        # reading its first character ("&" of "&amp;") literally.
        decoded = _decoded_at(source, pos, escapes)
        if decoded is not None and decoded[0] and text.startswith(decoded[0], i):
            if not dry_run:
                builder.replaced(decoded[0], pos, decoded[1])
            i, pos = i + len(decoded[0]), decoded[1]
        elif source[pos] == text[i]:
            if not dry_run:
                builder.verbatim(text[i], pos)
            i, pos = i + 1, pos + 1
        else:
            return None
    return pos
