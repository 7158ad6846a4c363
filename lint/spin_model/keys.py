"""Stable keys for words and word pairs, shared by the build scripts and the runtime.

Tables are sorted arrays of 64-bit keys, looked up with ``numpy.searchsorted``
instead of dictionaries built at start-up. Python's ``hash()`` changes with
``PYTHONHASHSEED``, so keys come from BLAKE2b.
"""

from __future__ import annotations

from collections.abc import Iterable
from hashlib import blake2b

import numpy as np

SEPARATOR = "\x1f"  # joins the words of an n-gram key; never occurs in a token


def key(text: str) -> int:
    """The 64-bit key of a lower-case word, phrase or n-gram (words joined by :data:`SEPARATOR`)."""
    return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def gram(*words: str) -> str:
    return SEPARATOR.join(words)


def keys(texts: Iterable[str]) -> np.ndarray:
    return np.fromiter((key(text) for text in texts), dtype=np.uint64)


def lookup(table: np.ndarray, values: np.ndarray, wanted: np.ndarray, missing=0) -> np.ndarray:
    """``values`` at the positions of ``wanted`` keys in the sorted key array ``table``; ``missing`` if absent."""
    if len(table) == 0:
        return np.full(len(wanted), missing, dtype=values.dtype)
    at = np.searchsorted(table, wanted)
    at[at == len(table)] = 0
    found = table[at] == wanted
    return np.where(found, values[at], missing)


START = "<s>"  # stands before the first word of a block
NUMBER = "<num>"


def joined(before: str | None, after: str | None) -> str:
    """A compound's segment as the context of its other segment: ``wound-`` before "healing", ``-healing``
    after "wound" (the counts pair each segment of a hyphenated compound with these)."""
    return f"{before}-" if before is not None else f"-{after}"


def normal(text: str) -> str:
    """A token as the count tables spell it: lower case, any number as :data:`NUMBER`."""
    if text[:1].isdigit() and any(char.isdigit() for char in text):
        return NUMBER
    return text.lower()
