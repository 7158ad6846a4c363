"""The thesaurus: for a word and part of speech, the words a spinner could have swapped it for.

Derived from Open English WordNet by ``tools/spin/build_thesaurus.py``; see
that script for what a pair means and how sense ranks are packed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from .. import compiled
from .keys import key
from .resources import Resources

POS = ("NOUN", "VERB", "ADJ", "ADV")
POS_INDEX = {name: index for index, name in enumerate(POS)}
SYNONYM, SIMILAR, HYPERNYM, HYPONYM = 0, 1, 2, 3


@dataclass(frozen=True)
class Related:
    """One candidate original for a word: its lexicon id, relation and the two sense ranks."""

    word: str
    relation: int
    rank: int  # sense rank of the shared synset for the word seen in the text
    other_rank: int  # and for the candidate


class Thesaurus:
    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self._ids: dict[str, int] = {}
        self._has: dict[tuple[str, str], bool] = {}

    def word_id(self, word: str) -> int:
        """The lexicon id of ``word`` (lower case), or -1."""
        found = self._ids.get(word)
        if found is None:
            wanted = np.uint64(key(word))
            table = self.resources.word_keys
            at = int(np.searchsorted(table, wanted))
            found = int(self.resources.word_ids[at]) if at < len(table) and table[at] == wanted else -1
            self._ids[word] = found
        return found

    @functools.cached_property
    def phrase_starts(self) -> frozenset[tuple[str, str]]:
        """First two tokens of the entries of several words: ("optical", "maser"), ("step", "-").

        Kept on disk when the run keeps compiled tables (:mod:`..compiled`): a loop over every entry is a
        tenth of a second of each cold start."""
        words = (path.read_bytes() for path in [self.resources.folder / "words.txt"])  # read only to key an entry
        return compiled.kept("phrase-starts", words, self._phrase_starts)

    def _phrase_starts(self) -> frozenset[tuple[str, str]]:
        starts = set()
        for word in self.resources.words:
            if " " in word or "-" in word:
                tokens = word.replace("-", " - ").split()
                starts.add((tokens[0], tokens[1]))
        return frozenset(starts)

    def knows(self, word: str) -> bool:
        return self.word_id(word) >= 0

    def related(self, word: str, pos: str) -> list[Related]:
        """The candidate originals of ``word`` used as ``pos``, closest relation and sense first."""
        word_id = self.word_id(word)
        if word_id < 0 or pos not in POS_INDEX:
            return []
        slot = word_id * len(POS) + POS_INDEX[pos]
        start, end = self.resources.synonym_offsets[slot:slot + 2].tolist()
        words = self.resources.words
        return [
            Related(words[other], info >> 6, info >> 3 & 7, info & 7)
            for other, info in zip(self.resources.synonym_ids[start:end].tolist(),
                                   self.resources.synonym_info[start:end].tolist())
        ]

    def has(self, word: str, pos: str) -> bool:
        """Whether ``word`` used as ``pos`` has any candidate (asked for nearly every token: kept)."""
        found = self._has.get((word, pos))
        if found is None:
            word_id = self.word_id(word)
            found = False
            if word_id >= 0 and pos in POS_INDEX:
                slot = word_id * len(POS) + POS_INDEX[pos]
                start, end = self.resources.synonym_offsets[slot:slot + 2].tolist()
                found = end > start
            self._has[word, pos] = found
        return found
