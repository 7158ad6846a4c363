"""Typographic variants read as their plain forms, before anything is matched.

Writers (and their editors) spell "risk-free" with a non-breaking hyphen,
"pain­less" with a soft hyphen, "pain–free" with an en dash, "don’t" with a
curly apostrophe, and paste zero-width characters from web pages. Every rule
would otherwise need each spelling; instead a block's text holds the plain
form and its source map still points at the character the file has:

- dropped: soft hyphen, zero-width space/joiners, word joiner, BOM inside text;
- read as "-": hyphen, non-breaking hyphen, figure dash, and an en dash between
  two letters ("pain–free"; "10–15 minutes" keeps its dash, a range);
- read as "'" and '"': curly single and double quotes;
- read as " ": no-break spaces, which spaCy would otherwise keep inside a token.

Each kept character stays one character, so offsets map one to one; dropped
characters simply have no block character.
"""

from __future__ import annotations

import re

DROPPED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
PLAIN = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u00a0": " ", "\u202f": " ", "\u2007": " ",
}
EN_DASH = "\u2013"
_SPECIAL = re.compile("[" + re.escape("".join(DROPPED) + "".join(PLAIN) + EN_DASH) + "]")


def needs_normalising(text: str) -> bool:
    return _SPECIAL.search(text) is not None


def normalise(text: str) -> tuple[str, list[int]]:
    """The plain form of ``text`` and, for each of its characters, the index it came from."""
    chars: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        if char in DROPPED:
            continue
        if char == EN_DASH and _between_letters(text, index):
            char = "-"
        chars.append(PLAIN.get(char, char))
        origins.append(index)
    return "".join(chars), origins


def _between_letters(text: str, index: int) -> bool:
    before = next((c for c in reversed(text[:index]) if c not in DROPPED), "")
    after = next((c for c in text[index + 1:] if c not in DROPPED), "")
    return before.isalpha() and after.isalpha()


def variants(plain: str) -> frozenset[str]:
    """The characters that read as ``plain`` (itself included): what a source may spell it with."""
    found = {plain} | {char for char, value in PLAIN.items() if value == plain}
    if plain == "-":
        found.add(EN_DASH)
    return frozenset(found)
