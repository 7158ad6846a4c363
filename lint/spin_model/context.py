"""How well a word (or short phrase) fits between its neighbours, by smoothed bigram counts.

For a slot with left neighbour ``a`` and right neighbour ``b``, a filler
``x1 .. xk`` is scored by the log probability a bigram model gives the chain
``a x1 .. xk b`` in clean domain prose:

    P(y | x) = (c(x y) + K * P(y)) / (c(x) + K)

where ``P(y)`` mixes the domain unigram frequency with general-English
frequency (wordfreq), so a word the domain counts never saw still gets the
probability its everyday use suggests. General English speaks separately,
through the (log) counts of the two outer pairs in symspellpy's bigram table.
All look-ups for a document go to NumPy in one batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .keys import gram, key
from .resources import Resources

SMOOTHING = 5.0  # pseudo-count K of the backed-off unigram distribution
DOMAIN_SHARE = 0.5  # weight of the domain unigram frequency against general English in P(y)
FLOOR = 1e-9  # frequency of a word neither source knows
CACHE_SIZE = 200_000  # word and pair keys kept between documents


@dataclass(frozen=True)
class Slot:
    """A filler between two neighbours; ``right`` is None at the end of a block."""

    left: str
    words: tuple[str, ...]
    right: str | None


@dataclass(frozen=True)
class Fit:
    domain: np.ndarray  # log P(filler, right | left) in domain prose
    prior: np.ndarray  # sum of log P(word) over the filler and the right neighbour: what the context adds is the rest
    left_pair: np.ndarray  # log10(1 + count) of (left, first word) in domain prose
    right_pair: np.ndarray  # and of (last word, right); 0 without a right neighbour
    general_left: np.ndarray  # log10(1 + count) of the outer pairs in general English
    general_right: np.ndarray
    zipf: np.ndarray  # general-English Zipf frequency of the filler's rarest word
    domain_count: np.ndarray  # log10(1 + domain count) of the filler's rarest word


class ContextModel:
    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        self.total = float(resources.totals["domain_words"])
        self._word_keys: dict[str, int] = {}
        self._pair_keys: dict[tuple[str, str], int] = {}

    def _word_key(self, word: str) -> int:
        found = self._word_keys.get(word)
        if found is None:
            if len(self._word_keys) >= CACHE_SIZE:
                self._word_keys.clear()
            found = self._word_keys[word] = key(word)
        return found

    def _pair_key(self, pair: tuple[str, str]) -> int:
        found = self._pair_keys.get(pair)
        if found is None:
            if len(self._pair_keys) >= CACHE_SIZE:
                self._pair_keys.clear()
            found = self._pair_keys[pair] = key(gram(*pair)) & 0xFFFFFFFF
        return found

    def _words(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        known = self._word_keys  # looked up here first: most words of a document were met before
        wanted = np.array([known[w] if w in known else self._word_key(w) for w in words], dtype=np.uint64)
        counts = self.resources.domain_words.get(wanted)
        zipf = self.resources.general_zipf.get(wanted) / 10.0
        return counts, zipf

    def _pairs(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
        known = self._pair_keys
        wanted = np.array([known[pair] if pair in known else self._pair_key(pair) for pair in pairs], dtype=np.uint32)
        return self.resources.domain_pairs.get(wanted), self.resources.general_pairs.get(wanted)

    def pair_counts(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Domain counts of word pairs."""
        return self._pairs(pairs)[0] if pairs else np.zeros(0)

    def outer_pairs(self, slots: Sequence[Slot]) -> np.ndarray:
        """Domain counts of each slot's outer pairs, (left, first word) and (last word, right), as two
        columns; 0 for the right one at the end of a block. Cheaper than :meth:`fit` for a first look."""
        ends = [slot.right is not None for slot in slots]
        pairs = [(slot.left, slot.words[0]) for slot in slots]
        pairs += [(slot.words[-1], slot.right) for slot, end in zip(slots, ends) if end]
        counts = self.pair_counts(pairs)
        right = np.zeros(len(slots))
        right[np.array(ends, dtype=bool)] = counts[len(slots):]
        return np.column_stack([counts[:len(slots)], right])

    def fit(self, slots: Sequence[Slot]) -> Fit:
        n = len(slots)
        pairs: list[tuple[str, str]] = []
        owner: list[int] = []
        outer_left: list[int] = []
        outer_right: list[int] = []
        for index, slot in enumerate(slots):
            chain = [slot.left, *slot.words] if slot.right is None else [slot.left, *slot.words, slot.right]
            outer_left.append(len(pairs))
            pairs += zip(chain, chain[1:])
            owner += [index] * (len(chain) - 1)
            outer_right.append(len(pairs) - 1 if slot.right is not None else -1)
        firsts = [a for a, _ in pairs]
        seconds = [b for _, b in pairs]
        vocabulary = sorted(set(firsts) | set(seconds) | {w for slot in slots for w in slot.words})
        position = {w: i for i, w in enumerate(vocabulary)}
        counts, zipf = self._words(vocabulary)
        prior = DOMAIN_SHARE * (counts + 0.1) / self.total + (1 - DOMAIN_SHARE) * np.where(
            zipf > 0, 10.0 ** (zipf - 9.0), FLOOR)
        pair_domain, pair_general = self._pairs(pairs)
        first_ids = np.array([position[w] for w in firsts], dtype=np.int64)
        second_ids = np.array([position[w] for w in seconds], dtype=np.int64)
        log_p = np.log((pair_domain + SMOOTHING * prior[second_ids]) / (counts[first_ids] + SMOOTHING))
        domain = np.bincount(np.array(owner, dtype=np.int64), weights=log_p, minlength=n)
        outer_left = np.array(outer_left, dtype=np.int64)
        outer_right = np.array(outer_right, dtype=np.int64)
        has_right = outer_right >= 0
        right = np.where(has_right, outer_right, 0)
        filler_ids = [[position[w] for w in slot.words] for slot in slots]
        log_prior = np.log(prior)
        listed_prior, listed_zipf = log_prior.tolist(), zipf.tolist()
        right_prior = np.array([listed_prior[position[s.right]] if s.right is not None else 0.0 for s in slots])
        # Fillers of one length summed as the rows of one array: a row's sum is the same float as that of
        # the filler's own array, in one NumPy call instead of one per filler.
        by_length: dict[int, list[int]] = {}
        for index, ids in enumerate(filler_ids):
            by_length.setdefault(len(ids), []).append(index)
        filler_prior = np.empty(n)
        for rows in by_length.values():
            filler_prior[rows] = log_prior[np.array([filler_ids[row] for row in rows])].sum(axis=1)
        filler_prior += right_prior
        rarest = np.array([min(ids, key=listed_zipf.__getitem__) for ids in filler_ids], dtype=np.int64)
        return Fit(
            domain=domain,
            prior=filler_prior,
            left_pair=np.log10(1 + pair_domain[outer_left]),
            right_pair=np.where(has_right, np.log10(1 + pair_domain[right]), 0.0),
            general_left=np.log10(1 + pair_general[outer_left]),
            general_right=np.where(has_right, np.log10(1 + pair_general[right]), 0.0),
            zipf=zipf[rarest],
            domain_count=np.log10(1 + counts[rarest]),
        )
