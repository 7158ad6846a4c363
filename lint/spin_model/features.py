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


def _per_pair(fit: Fit, rows: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    return (fit.domain[rows] - fit.prior[rows]) / pairs


def site_fits(context: ContextModel, sites: Sequence[Site]) -> tuple[Fit, np.ndarray]:
    """One batched fit for every slot's own text and every candidate; ``offsets[i]`` is site i's own row."""
    slots = []
    offsets = np.zeros(len(sites) + 1, dtype=np.int64)
    for index, site in enumerate(sites):
        slots.append(site.seen)
        slots.extend(site.candidates)
        offsets[index + 1] = len(slots)
    return context.fit(slots), offsets


def compound_fits(context: ContextModel, site: Site, candidates: bool = True) -> np.ndarray:
    """For a slot inside a hyphenated word, log10(1 + count) of the compound pairs its words make with
    the word's other segments in clean prose, for the slot's own words (first) and, with ``candidates``,
    each candidate's: "wound-therapeutic" is no compound a writer uses, "wound-healing" is. Zeros
    outside a compound."""
    before, after = site.compound
    fillers = [site.seen.words, *(candidate.words for candidate in site.candidates if candidates)]
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


def candidate_features(site: Site, fit: Fit, own: int, document: Mapping[str, int],
                       compound: np.ndarray) -> np.ndarray:
    """One row per candidate of ``site``; ``own`` is the row of the site's own text in ``fit``.

    ``document`` counts the words (lower case and lemmas) of the whole document: a spinner swaps a
    word in one place and leaves it in another, so the word meant is often on the same page.
    """
    rows = np.arange(own + 1, own + 1 + len(site.candidates))
    pairs_seen = len(site.seen.words) + (site.seen.right is not None)
    pairs = np.array([len(c.words) + (c.right is not None) for c in site.candidates], dtype=np.float64)
    seen_context = (fit.domain[own] - fit.prior[own]) / pairs_seen
    related = site.related
    return np.column_stack([
        _per_pair(fit, rows, pairs) - seen_context,
        fit.prior[rows] / pairs - fit.prior[own] / pairs_seen,
        (fit.general_left[rows] + fit.general_right[rows]) - (fit.general_left[own] + fit.general_right[own]),
        fit.left_pair[rows], fit.right_pair[rows], fit.general_left[rows], fit.general_right[rows],
        fit.zipf[rows] - fit.zipf[own], fit.domain_count[rows] - fit.domain_count[own],
        [r.relation == SYNONYM for r in related], [r.relation == SIMILAR for r in related],
        [r.relation == HYPONYM for r in related],
        [r.rank for r in related], [r.other_rank for r in related],
        [len(c.words) for c in site.candidates],
        np.log1p([document.get(r.word, 0) for r in related]),
        compound[1:] - compound[0],
    ]).astype(np.float64)


def own_features(site: Site, fit: Fit, own: int, document: Mapping[str, int], compound: np.ndarray) -> np.ndarray:
    """The part of a slot's row that does not depend on the ranker.

    A word the document uses again elsewhere is a topic word, rarely a swap.
    """
    pairs_seen = len(site.seen.words) + (site.seen.right is not None)
    return np.array([
        (fit.domain[own] - fit.prior[own]) / pairs_seen, fit.left_pair[own], fit.right_pair[own],
        fit.general_left[own], fit.general_right[own], fit.zipf[own], fit.domain_count[own],
        len(site.seen.words), np.log1p(max(document.get(site.lemma, 0) - 1, 0)),
        np.log1p(len(site.candidates)), site.capitalised, site.proper,
        site.seen.right is None, site.compound != (None, None), compound[0], *(site.pos == name for name in POS),
    ], dtype=np.float64)


def slot_features(own: np.ndarray, candidates: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """A slot's row: its own features, the ranker's best two scores and the best candidate's features."""
    order = np.argsort(-scores, kind="stable")
    best = order[0]
    second = scores[order[1]] if len(order) > 1 else scores[best] - 10.0
    return np.concatenate([own, [scores[best], second], candidates[best]])

