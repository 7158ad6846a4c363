"""The spin model: finds words that fit their context much worse than one of their own synonyms would.

Independent of the rule engine: it takes a spaCy ``Doc`` and returns
candidates with character spans, a calibrated confidence and the word the
writer probably meant. Load it once per process::

    model = SpinModel.load()
    for candidate in model.candidates(doc, exempt=vocabulary):
        ...

Modules, one job each: ``resources`` (the files), ``thesaurus`` (what could
have been swapped), ``inflection``, ``context`` (bigram fit), ``slots``
(where swaps may be), ``features``, ``scoring`` (ranker, classifier,
calibration), ``detector`` (a per-word replaced-token signal, an optional
classifier input). The data is built by ``tools/spin/`` (see ``NOTICE`` in
``rules/data/spin-model/`` for its sources).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.attrs import IS_ALPHA, LEMMA, LOWER
from spacy.tokens import Doc

from ..analysis.tokens import match_case
from .agreement import Agreement
from .context import ContextModel
from .detector import Detector, slot_detector
from .features import candidate_features, compound_fits, own_features, site_fits, slot_features
from .inflection import suggestion_form
from .resources import MODEL_DIR, ModelMissing, Resources, read_json
from .scoring import Scorer
from .slots import Site, SlotFinder
from .thesaurus import Thesaurus

__all__ = ["Candidate", "ModelMissing", "SpinModel", "word_counts"]


def word_counts(blocks: Iterable[Doc]) -> Counter:
    """How often each word occurs in a document, by lower-case form and by lemma (counted once per token)."""
    counts: Counter = Counter()
    for doc in blocks:
        # Tokens counted by (form, lemma) first, read as numbers: a block repeats its words, and a Token
        # object per token costs more than the counting.
        alpha, lower, lemma = doc.to_array([IS_ALPHA, LOWER, LEMMA]).T
        strings = doc.vocab.strings
        for (form, base), times in Counter(zip(lower[alpha == 1].tolist(), lemma[alpha == 1].tolist())).items():
            for word in {strings[form], strings[base].lower()}:
                counts[word] += times
    return counts


@dataclass(frozen=True)
class Candidate:
    """A span that reads like a spinner's swap."""

    start_char: int
    end_char: int
    confidence: float  # calibrated probability that the span was swapped by a spinner
    suggestions: tuple[str, ...]  # what the writer probably meant, best first
    mechanism: str  # "context-misfit", "capitalised-swap" ...
    score_gap: float  # ranker margin between the first and second suggestion (how unambiguous the fix is)


class SpinModel:
    def __init__(self, resources: Resources, scorer: Scorer | None) -> None:
        self.resources = resources
        self.thesaurus = Thesaurus(resources)
        self.context = ContextModel(resources)
        slots = scorer.slots if scorer is not None else {}
        self.finder = SlotFinder(self.thesaurus, resources.forms, slots.get("max_candidates"))
        self.attested = slots.get("attested")  # pair count from which a word's fit is taken as given
        self.scorer = scorer
        self.agreement = Agreement(read_json(resources.folder, "initial-sounds.json"))
        # Read when the weights use it, or for training (no weights yet): its file is not small.
        self.detector = Detector.load(resources) if scorer is None or scorer.detector else None

    @classmethod
    def load(cls, folder: Path = MODEL_DIR, require_weights: bool = True) -> SpinModel:
        """The model in ``folder``; without ``require_weights`` (for training) only its counts and thesaurus."""
        resources = Resources.load(folder)
        scorer = None
        if require_weights:
            scorer = Scorer.from_json(read_json(folder, "weights.json"), str(folder / "weights.json"))
        return cls(resources, scorer)

    def site_features(self, doc: Doc, exempt: Collection[str] = (), capitals: bool = True,
                      document: Mapping[str, int] | None = None) -> list[tuple[Site, np.ndarray, np.ndarray]]:
        """Every slot of ``doc`` worth scoring, with its own features and its candidates' feature rows.

        ``document`` counts the words of the whole document ``doc`` is a block of (:func:`word_counts`);
        by default, of ``doc`` alone. A slot whose word clean prose attests with both its neighbours
        (``attested`` in the weights), and with the other segments of its hyphenated word if it is
        in one, fits its context and is not scored, unless it is capitalised mid-sentence ("The handpiece
        Provides"): the counts are of lower case, and a spinner's capital on a fitting word is still its tell.
        """
        sites = self.finder.sites(doc, exempt, capitals)
        if not sites:
            return []
        document = word_counts([doc]) if document is None else document
        attested = self.attested if self.attested is not None else np.inf
        seen = self.context.outer_pairs([site.seen for site in sites]).min(axis=1)
        floor = np.log10(1 + attested)
        kept = [i for i, site in enumerate(sites) if seen[i] < attested or site.capitalised
                or site.compound != (None, None) and compound_fits(self.context, site, candidates=False)[0] < floor]
        sites = [sites[i] for i in kept]
        if not sites:
            return []
        fit, offsets = site_fits(self.context, sites)
        compounds = [compound_fits(self.context, site) for site in sites]
        candidates = candidate_features(sites, fit, offsets, document, compounds)
        return [(site, own_features(site, fit, int(offsets[i]), document, compounds[i]), candidates[i])
                for i, site in enumerate(sites)]

    def slot_rows(self, doc: Doc, exempt: Collection[str] = (), capitals: bool = True,
                  document: Mapping[str, int] | None = None) -> tuple[list[Site], np.ndarray, list[np.ndarray]]:
        """Slots, their feature rows and each slot's ranker scores (the scorer must be loaded)."""
        found = self.site_features(doc, exempt, capitals, document)
        if not found:
            return [], np.zeros((0, 0)), []
        rows, scores = [], []
        for _, own, candidates in found:
            ranked = self.scorer.rank(candidates)
            rows.append(slot_features(own, candidates, ranked))
            scores.append(ranked)
        sites = [site for site, _, _ in found]
        if self.scorer.detector:
            if self.detector is None:
                raise ModelMissing(f"{self.resources.folder}: the weights use the detector, the folder has none")
            return sites, np.column_stack([np.vstack(rows), slot_detector(self.detector, doc, self.resources, sites)]), scores
        return sites, np.vstack(rows), scores

    @property
    def thresholds(self) -> dict[str, float]:
        """Confidence tiers: ``warning`` (report anywhere) and ``candidate`` (evidence, info findings)."""
        return self.scorer.thresholds

    def candidates(self, doc: Doc, exempt: Collection[str] = (), floor: float | None = None,
                   capitals: bool = True, document: Mapping[str, int] | None = None) -> list[Candidate]:
        """Spans of ``doc`` whose calibrated confidence reaches ``floor`` (default: the model's lowest tier).

        ``exempt``: lower-case words never reported; ``capitals``: whether capital letters mean anything
        in this block (not in headings and title-cased lines); ``document``: the word counts of the
        whole document (:func:`word_counts` of all its blocks), by default those of ``doc``.
        """
        if self.scorer is None:
            raise ModelMissing(f"{self.resources.folder / 'weights.json'}: the spin model has no trained weights")
        floor = self.scorer.thresholds["candidate"] if floor is None else floor
        sites, rows, scores = self.slot_rows(doc, exempt, capitals, document)
        if not sites:
            return []
        confidence = self.scorer.probability(rows)
        found = []
        for site, ranked, p in zip(sites, scores, confidence):
            if p < floor:
                continue
            order = np.argsort(-ranked, kind="stable")
            span = doc[site.start:site.end]
            head = span[0] if site.pos == "VERB" else span[-1]
            suggestions = tuple(dict.fromkeys(
                match_case(span.text, suggestion_form(site.related[i].word, head.tag_, self.resources.forms))
                for i in order[:3]
            ))
            gap = float(ranked[order[0]] - ranked[order[1]]) if len(order) > 1 else float("inf")
            found.append(Candidate(span.start_char, span.end_char, float(p), suggestions,
                                   "capitalised-swap" if site.capitalised else "context-misfit", gap))
        return found
