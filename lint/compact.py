"""A big document's parsed blocks, kept compact: a few bytes a token instead of a spaCy Doc.

Once rules have read it, a spaCy Doc costs about half a kilobyte a token (its
token structs and the Python Token objects it caches), so the Docs of a
1M-word article would take most of a gigabyte. For a document over
``COMPACT_CHARS`` the engine keeps each block as the annotation columns the
pipeline set (``Doc.to_array``) and makes the Doc again when a rule asks for
it: the tokenizer is deterministic, so the block's text through ``make_doc``
with the columns put back (``from_array``) is the same Doc, token for token.

The columns are 64-bit hashes (tags, lemmas, labels) and head offsets, of a
few thousand distinct values in a whole article, so each block stores every
value as its number in the document's table of values (two bytes while the
table holds fewer than 65,536), compressed: about 8 bytes a token, where the
hashes compressed block by block took 21 (a block is too short for the
compressor to find a hash again).

Making a Doc again costs about 3 µs a token, and every rule reads every block,
so the Docs of a document of up to ``KEPT_TOKENS`` tokens are kept once made
(it is made once). A bigger document keeps only the last few, for rules that
read neighbouring blocks (the next sentence, the next block): keeping its first
``KEPT_TOKENS`` tokens would spare making a small share of it again, at the
cost of tens of megabytes held to the end.
"""

from __future__ import annotations

import zlib
from array import array
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy
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
        # (text, columns, the numbers of their values compressed and their type code, what a tensor reader kept
        # in user_data, if anything)
        self._blocks: list[tuple[str, tuple[str, ...], bytes, str, dict | None]] = []
        self._numbers: dict[int, int] = {}  # each column value met, by its number
        self._values: numpy.ndarray | None = None  # the values in the order of their numbers, once asked for
        self._kept: dict[int, Doc] = {}
        self._tokens = 0
        self._recent: OrderedDict[int, Doc] = OrderedDict()

    def append(self, doc: Doc, text: str) -> None:
        """Keep ``doc``, made from ``text`` (the block's own string: kept, not a copy of its characters)."""
        columns = tuple(name for annotation, names in _GROUPS if doc.has_annotation(annotation) for name in names)
        values = doc.to_array(list(columns)).ravel().tolist() if columns and len(doc) else []
        numbers = self._numbers
        # Each value's number, through the table (a dict look-up a value: cheaper than numpy.unique on a block).
        numbered = [numbers.setdefault(value, len(numbers)) for value in values]
        typecode = "H" if len(numbers) <= 1 << 16 else "I"
        self._blocks.append((text, columns, zlib.compress(array(typecode, numbered).tobytes(), 1), typecode,
                             dict(doc.user_data) or None))
        self._values = None
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

        text, columns, data, typecode, kept = self._blocks[index]
        doc = self._make(text)
        if columns and len(doc):
            if self._values is None:
                self._values = numpy.fromiter(self._numbers, dtype="uint64", count=len(self._numbers))
            numbered = numpy.frombuffer(zlib.decompress(data), dtype=numpy.dtype(typecode))
            doc.from_array(list(columns), self._values[numbered].reshape(len(doc), len(columns)))
        if kept:
            doc.user_data.update(kept)
        return doc
