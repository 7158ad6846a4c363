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
from itertools import chain
from dataclasses import dataclass

import numpy as np

from .keys import gram, key, keys
from .resources import Resources

SMOOTHING = 5.0  # pseudo-count K of the backed-off unigram distribution
DOMAIN_SHARE = 0.5  # weight of the domain unigram frequency against general English in P(y)
FLOOR = 1e-9  # frequency of a word neither source knows
CACHE_SIZE = 200_000  # words and pairs whose table values are kept between documents


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
        # Table values of the words and pairs met, kept between documents: most of a document's were met before.
        self._word_values: dict[str, tuple[float, float]] = {}
        self._pair_values: dict[tuple[str, str], tuple[float, float]] = {}

    @staticmethod
    def _kept(cache: dict, items: Sequence, look_up) -> tuple[np.ndarray, np.ndarray]:
        """Each item's two table values; ``look_up`` gets the items not kept yet, in one batch."""
        missing = list({item: None for item in items if item not in cache})
        if missing:
            if len(cache) + len(missing) > CACHE_SIZE:
                cache.clear()
                missing = list(dict.fromkeys(items))
            first, second = look_up(missing)
            cache.update(zip(missing, zip(first.tolist(), second.tolist())))
        kept = [cache[item] for item in items]
        values = np.fromiter(chain.from_iterable(kept), dtype=np.float64, count=2 * len(kept)).reshape(-1, 2)
        return values[:, 0], values[:, 1]

    def _words(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Each word's domain count and general-English Zipf frequency."""
        def look_up(missing: list[str]) -> tuple[np.ndarray, np.ndarray]:
            wanted = keys(missing)
            return self.resources.domain_words.get(wanted), self.resources.general_zipf.get(wanted) / 10.0

        return self._kept(self._word_values, words, look_up)

    def _pairs(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
        """Each pair's count in domain prose and in general English."""
        def look_up(missing: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
            wanted = np.fromiter((key(gram(*pair)) & 0xFFFFFFFF for pair in missing), dtype=np.uint32,
                                 count=len(missing))
            return self.resources.domain_pairs.get(wanted), self.resources.general_pairs.get(wanted)

        return self._kept(self._pair_values, pairs, look_up)

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
        return self.fit_chains([(slot.left, *slot.words) if slot.right is None else
                                (slot.left, *slot.words, slot.right) for slot in slots],
                               [slot.right is not None for slot in slots])

    def fit_chains(self, chains: Sequence[tuple[str, ...]], has_right: Sequence[bool]) -> Fit:
        """:meth:`fit` of slots given as word chains: each slot's left neighbour, its words and its right
        neighbour where ``has_right`` says it has one (a scored block's candidates need no :class:`Slot`).

        Per-slot work is done on flat arrays of the chains' words and pairs: a block has thousands of
        candidates, and the arithmetic of each is that of its own chain, in the same order."""
        n = len(chains)
        flat = [word for chain in chains for word in chain]
        pairs = [pair for chain in chains for pair in zip(chain, chain[1:])]
        position: dict[str, int] = {}
        ids = np.array([position.setdefault(word, len(position)) for word in flat], dtype=np.int64)
        lengths = np.fromiter(map(len, chains), dtype=np.int64, count=n)
        right_known = np.array(has_right, dtype=bool)
        counts, zipf = self._words(list(position))
        prior = DOMAIN_SHARE * (counts + 0.1) / self.total + (1 - DOMAIN_SHARE) * np.where(
            zipf > 0, 10.0 ** (zipf - 9.0), FLOOR)
        pair_domain, pair_general = self._pairs(pairs)
        ends = np.cumsum(lengths)
        opens_pair = np.ones(len(flat), dtype=bool)  # every word but a chain's last is the first of a pair
        opens_pair[ends - 1] = False
        first = np.flatnonzero(opens_pair)
        log_p = np.log((pair_domain + SMOOTHING * prior[ids[first + 1]]) / (counts[ids[first]] + SMOOTHING))
        pair_lengths = lengths - 1
        domain = np.bincount(np.repeat(np.arange(n), pair_lengths), weights=log_p, minlength=n)
        outer_left = np.cumsum(pair_lengths) - pair_lengths
        right = np.where(right_known, outer_left + pair_lengths - 1, 0)
        log_prior = np.log(prior)
        # Fillers of one length summed as the rows of one array: a row's sum is the same float as that of
        # the filler's own array, in one NumPy call instead of one per filler. The rarest word is the
        # first of least Zipf frequency.
        filler_lengths = pair_lengths - right_known
        filler_prior = np.empty(n)
        rarest = np.empty(n, dtype=np.int64)
        for length in np.unique(filler_lengths).tolist():
            rows = np.flatnonzero(filler_lengths == length)
            filler = ids[(ends - lengths)[rows, None] + 1 + np.arange(length)]
            filler_prior[rows] = log_prior[filler].sum(axis=1)
            rarest[rows] = filler[np.arange(len(rows)), zipf[filler].argmin(axis=1)]
        filler_prior += np.where(right_known, log_prior[ids[ends - 1]], 0.0)
        return Fit(
            domain=domain,
            prior=filler_prior,
            left_pair=np.log10(1 + pair_domain[outer_left]),
            right_pair=np.where(right_known, np.log10(1 + pair_domain[right]), 0.0),
            general_left=np.log10(1 + pair_general[outer_left]),
            general_right=np.where(right_known, np.log10(1 + pair_general[right]), 0.0),
            zipf=zipf[rarest],
            domain_count=np.log10(1 + counts[rarest]),
        )
