"""Numbers that describe a slot and its candidates, for the ranker and the classifier.

Two levels, both plain arrays:

* candidate features (one row per candidate of a slot): how much better the
  candidate fits the context than the word in the text — the mechanism of
  spinning, a word that fits much worse than one of its own synonyms — and
  how the two compare in frequency, sense rank and relation;
* slot features (one row per slot): the word's own fit, frequency, part of
  speech, capitalisation, and the features of its best-ranked candidate.

The order of columns is fixed by the ``*_FEATURES`` names; the trained
weights in ``weights.json`` name them too, so a mismatch is caught at load.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .context import ContextModel, Fit
from .keys import joined
from .slots import Site
from .thesaurus import HYPONYM, POS, SIMILAR, SYNONYM

CANDIDATE_FEATURES = (
    "context_gain", "prior_gain", "general_gain", "left_pair", "right_pair", "general_left", "general_right",
    "zipf_gain", "domain_count_gain", "synonym", "similar", "hyponym", "rank", "other_rank", "words", "in_document",
    "compound_gain",
)
SLOT_FEATURES = (
    "seen_context", "seen_left_pair", "seen_right_pair", "seen_general_left", "seen_general_right",
    "seen_zipf", "seen_domain_count", "seen_words", "seen_repeated", "candidates", "capitalised", "proper",
    "end_of_block", "in_compound", "seen_compound",
    *(f"pos_{name.lower()}" for name in POS),
    "best_score", "second_score", *(f"best_{name}" for name in CANDIDATE_FEATURES),
)


def site_fits(context: ContextModel, sites: Sequence[Site]) -> tuple[Fit, np.ndarray]:
    """One batched fit for every slot's own text and every candidate; ``offsets[i]`` is site i's own row."""
    chains: list[tuple[str, ...]] = []
    has_right: list[bool] = []
    offsets = np.zeros(len(sites) + 1, dtype=np.int64)
    for index, site in enumerate(sites):
        left, right = site.seen.left, site.seen.right
        words = (site.seen.words, *site.fillers)
        if right is None:
            chains.extend((left, *filler) for filler in words)
        else:
            chains.extend((left, *filler, right) for filler in words)
        has_right.extend([right is not None] * len(words))
        offsets[index + 1] = len(chains)
    return context.fit_chains(chains, has_right), offsets


def compound_fits(context: ContextModel, site: Site, candidates: bool = True) -> np.ndarray:
    """For a slot inside a hyphenated word, log10(1 + count) of the compound pairs its words make with
    the word's other segments in clean prose, for the slot's own words (first) and, with ``candidates``,
    each candidate's: "wound-therapeutic" is no compound a writer uses, "wound-healing" is. Zeros
    outside a compound."""
    before, after = site.compound
    fillers = [site.seen.words, *(site.fillers if candidates else ())]
    if before is None and after is None:
        return np.zeros(len(fillers))
    pairs, owner = [], []
    for index, words in enumerate(fillers):
        if before is not None:
            pairs.append((joined(before, None), words[0]))
            owner.append(index)
        if after is not None:
            pairs.append((words[-1], joined(None, after)))
            owner.append(index)
    counts = np.log10(1 + context.pair_counts(pairs))
    return np.bincount(np.array(owner), weights=counts, minlength=len(fillers))


def candidate_features(sites: Sequence[Site], fit: Fit, offsets: np.ndarray, document: Mapping[str, int],
                       compounds: Sequence[np.ndarray]) -> list[np.ndarray]:
    """For each site, one row per candidate; site i's own text is row ``offsets[i]`` of ``fit``, its
    candidates the rows after it, and ``compounds[i]`` its :func:`compound_fits`.

    ``document`` counts the words (lower case and lemmas) of the whole document: a spinner swaps a
    word in one place and leaves it in another, so the word meant is often on the same page.
    The columns of every site's candidates are computed at once, each element as in its own site's rows.
    """
    sizes = np.array([len(site.fillers) for site in sites], dtype=np.int64)
    own = np.repeat(offsets[:-1], sizes)
    rows = np.flatnonzero(np.isin(np.arange(offsets[-1]), offsets[:-1], invert=True))
    right = np.array([site.seen.right is not None for site in sites], dtype=np.int64)
    pairs_seen = np.repeat(np.array([len(site.seen.words) for site in sites], dtype=np.int64) + right, sizes)
    pairs = np.array([len(words) for site in sites for words in site.fillers], dtype=np.float64)
    words = pairs.copy()
    pairs += np.repeat(right, sizes)
    seen_context = (fit.domain[own] - fit.prior[own]) / pairs_seen
    related = [r for site in sites for r in site.related]
    compound_gain = np.concatenate([compound[1:] - compound[0] for compound in compounds])
    matrix = np.column_stack([
        (fit.domain[rows] - fit.prior[rows]) / pairs - seen_context,
        fit.prior[rows] / pairs - fit.prior[own] / pairs_seen,
        (fit.general_left[rows] + fit.general_right[rows]) - (fit.general_left[own] + fit.general_right[own]),
        fit.left_pair[rows], fit.right_pair[rows], fit.general_left[rows], fit.general_right[rows],
        fit.zipf[rows] - fit.zipf[own], fit.domain_count[rows] - fit.domain_count[own],
        [r.relation == SYNONYM for r in related], [r.relation == SIMILAR for r in related],
        [r.relation == HYPONYM for r in related],
        [r.rank for r in related], [r.other_rank for r in related],
        words,
        np.log1p([document.get(r.word, 0) for r in related]),
        compound_gain,
    ]).astype(np.float64)
    return [part.copy() for part in np.split(matrix, np.cumsum(sizes)[:-1])]


def own_features(site: Site, fit: Fit, own: int, document: Mapping[str, int], compound: np.ndarray) -> np.ndarray:
    """The part of a slot's row that does not depend on the ranker.

    A word the document uses again elsewhere is a topic word, rarely a swap.
    """
    pairs_seen = len(site.seen.words) + (site.seen.right is not None)
    return np.array([
        (fit.domain[own] - fit.prior[own]) / pairs_seen, fit.left_pair[own], fit.right_pair[own],
        fit.general_left[own], fit.general_right[own], fit.zipf[own], fit.domain_count[own],
        len(site.seen.words), np.log1p(max(document.get(site.lemma, 0) - 1, 0)),
        np.log1p(len(site.fillers)), site.capitalised, site.proper,
        site.seen.right is None, site.compound != (None, None), compound[0], *(site.pos == name for name in POS),
    ], dtype=np.float64)


def slot_features(own: np.ndarray, candidates: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """A slot's row: its own features, the ranker's best two scores and the best candidate's features."""
    order = np.argsort(-scores, kind="stable")
    best = order[0]
    second = scores[order[1]] if len(order) > 1 else scores[best] - 10.0
    return np.concatenate([own, [scores[best], second], candidates[best]])

