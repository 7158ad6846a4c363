"""A big document's parsed blocks, kept compact: a few bytes a token instead of a spaCy Doc.

Once rules have read it, a spaCy Doc costs about half a kilobyte a token (its
token structs and the Python Token objects it caches), so the Docs of a
1M-word article would take most of a gigabyte. For a document over
``COMPACT_CHARS`` the engine keeps each block as the annotation columns the
pipeline set (``Doc.to_array``, compressed) and makes the Doc again when a rule
asks for it: the tokenizer is deterministic, so the block's text through
``make_doc`` with the columns put back (``from_array``) is the same Doc, token
for token.

Making a Doc again costs about 3 µs a token, and every rule reads every block,
so the Docs of a document of up to ``KEPT_TOKENS`` tokens are kept once made
(it is made once). A bigger document keeps only the last few, for rules that
read neighbouring blocks (the next sentence, the next block): keeping its first
``KEPT_TOKENS`` tokens would spare making a small share of it again, at the
cost of tens of megabytes held to the end.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Documents with more block text than this are kept compact (about 17,000 words).
COMPACT_CHARS = 100_000
KEPT_TOKENS = 60_000  # a document of up to this many tokens keeps its Docs once made (about 20 MB)
RECENT = 8  # Docs kept past that, for rules that read neighbouring blocks

# Column groups, each stored when the Doc has that annotation.
_GROUPS = (
    ("TAG", ("TAG",)),
    ("POS", ("POS",)),
    ("MORPH", ("MORPH",)),
    ("LEMMA", ("LEMMA",)),
    ("DEP", ("HEAD", "DEP")),
    ("SENT_START", ("SENT_START",)),
    ("ENT_IOB", ("ENT_IOB", "ENT_TYPE")),
)


class CompactDocs(Sequence):
    """The parsed blocks of one document, stored compactly and made into Docs on demand."""

    def __init__(self, language: Language) -> None:
        self._make = language.make_doc
        # (text, columns, compressed column data, what a tensor reader kept in user_data, if anything)
        self._blocks: list[tuple[str, tuple[str, ...], bytes, dict | None]] = []
        self._kept: dict[int, Doc] = {}
        self._tokens = 0
        self._recent: OrderedDict[int, Doc] = OrderedDict()

    def append(self, doc: Doc, text: str) -> None:
        """Keep ``doc``, made from ``text`` (the block's own string: kept, not a copy of its characters)."""
        columns = tuple(name for annotation, names in _GROUPS if doc.has_annotation(annotation) for name in names)
        data = doc.to_array(list(columns)).tobytes() if columns and len(doc) else b""
        self._blocks.append((text, columns, zlib.compress(data, 1), dict(doc.user_data) or None))
        self._tokens += len(doc)

    def __len__(self) -> int:
        return len(self._blocks)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        doc = self._kept.get(index) or self._recent.get(index)
        if doc is not None:
            if index in self._recent:
                self._recent.move_to_end(index)
            return doc
        doc = self._made(index)
        if self._tokens <= KEPT_TOKENS:
            self._kept[index] = doc
        else:
            self._recent[index] = doc
            if len(self._recent) > RECENT:
                self._recent.popitem(last=False)
        return doc

    def _made(self, index: int) -> Doc:
        import numpy

        text, columns, data, kept = self._blocks[index]
        doc = self._make(text)
        if columns and len(doc):
            values = numpy.frombuffer(zlib.decompress(data), dtype="uint64").reshape(len(doc), len(columns))
            doc.from_array(list(columns), values)
        if kept:
            doc.user_data.update(kept)
        return doc
