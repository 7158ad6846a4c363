"""A replaced-token detector: for every content word, the probability that a spinner put it there.

The slot classifier judges a word against its own synonyms, so it says little
where the writer's word is not among them (a phrase garbled word by word:
"sunlight publicity" for *sun exposure*). This model asks only whether the
word fits where it stands (the ELECTRA idea, issue 11), from what the linter
has anyway for each token:

* the rows of ``doc.tensor`` (the spaCy model's shared token vectors) of the
  word and of its two neighbours: what the tagger and parser make of the
  word in its window;
* how often clean prose pairs the word with each neighbour (the domain and the
  general bigram counts), how common the word and its neighbours are (Zipf,
  domain counts), its part of speech and capitalisation.

Training (``tools/spin/detector.py``) sees simulated spins of training text;
the runtime is a standardisation and a small network in NumPy, its arrays in
``detector.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from .keys import START, gram, key, normal
from .resources import ModelMissing, Resources, read_json

CONTENT = ("NOUN", "VERB", "ADJ", "ADV", "PROPN")
# A capital after one of these opens a sentence or a list item (the sm pipeline without the parser
# marks no sentence starts).
OPENERS = frozenset({".", "!", "?", ":", ";", "-", "•", "*", "(", '"'})
COUNT_FEATURES = (
    "zipf", "domain_count", "lemma_domain_count", "left_domain", "right_domain", "left_general", "right_general",
    "left_zipf", "right_zipf", "end_of_block", "capitalised", "all_capitals", *(f"pos_{pos.lower()}" for pos in CONTENT),
)
FILE = "detector.json"
# The ``doc.user_data`` key of the detector's probabilities kept from the tensor before its release (keep_scores).
KEPT = "cliniclint:spin-detector"
FEATURE = "detector"  # the slot classifier's input naming it, last in its row when the weights use it


def content_tokens(doc: Doc) -> list[int]:
    """Indices of the tokens the detector scores: alphabetic content words."""
    return [token.i for token in doc if token.is_alpha and token.pos_ in CONTENT]


def _word_values(resources: Resources, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    wanted = np.fromiter((key(w) for w in words), dtype=np.uint64, count=len(words))
    return resources.general_zipf.get(wanted) / 10.0, np.log10(1 + resources.domain_words.get(wanted))


def _pair_values(resources: Resources, pairs: list[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    wanted = np.fromiter((key(gram(a, b)) & 0xFFFFFFFF for a, b in pairs), dtype=np.uint32, count=len(pairs))
    return np.log10(1 + resources.domain_pairs.get(wanted)), np.log10(1 + resources.general_pairs.get(wanted))


def token_rows(doc: Doc, resources: Resources, indices: list[int]) -> np.ndarray:
    """One feature row per token of ``indices``: three tensor rows (left, word, right; zeros past the
    block's ends), then :data:`COUNT_FEATURES`. ``doc.tensor`` must still be there."""
    tensor = doc.tensor
    if tensor.ndim != 2 or len(tensor) != len(doc):
        # The linter releases doc.tensor after the parse (lint/nlp.py), after keep_scores has read it
        # wherever the spin model's weights use the detector.
        raise ModelMissing("the spin detector needs doc.tensor, which this pipeline has released")
    width = tensor.shape[1]
    padded = np.zeros((len(doc) + 2, width), dtype=np.float64)
    padded[1:-1] = tensor
    at = np.array(indices, dtype=np.int64)
    vectors = np.hstack([padded[at], padded[at + 1], padded[at + 2]])
    words = [normal(doc[i].text) for i in indices]
    lefts = [normal(doc[i - 1].text) if i > 0 else START for i in indices]
    ends = [i + 1 >= len(doc) for i in indices]
    rights = [normal(doc[i + 1].text) if not end else START for i, end in zip(indices, ends)]
    zipf, count = _word_values(resources, words)
    _, lemma_count = _word_values(resources, [doc[i].lemma_.lower() for i in indices])
    left_zipf, _ = _word_values(resources, lefts)
    right_zipf, _ = _word_values(resources, rights)
    left_domain, left_general = _pair_values(resources, list(zip(lefts, words)))
    right_domain, right_general = _pair_values(resources, list(zip(words, rights)))
    end = np.array(ends, dtype=np.float64)
    capitalised = [doc[i].text[:1].isupper() and i > 0 and doc[i - 1].text not in OPENERS for i in indices]
    counts = np.column_stack([
        zipf, count, lemma_count, left_domain, right_domain * (1 - end), left_general, right_general * (1 - end),
        left_zipf, right_zipf * (1 - end), end, capitalised, [doc[i].is_upper for i in indices],
        *([doc[i].pos_ == pos for i in indices] for pos in CONTENT),
    ]).astype(np.float64)
    return np.hstack([vectors, counts])


@dataclass(frozen=True)
class Detector:
    mean: np.ndarray
    scale: np.ndarray
    layers: tuple[tuple[np.ndarray, np.ndarray], ...]  # hidden layers (ReLU), then the output (one logit)
    calibration: tuple[float, float]  # Platt scaling of the output logit on dev tokens

    @classmethod
    def load(cls, resources: Resources) -> Detector | None:
        """The detector of the model folder, or None where it has none (models built before it)."""
        if not (resources.folder / FILE).exists():
            return None
        return cls.read(resources.folder)

    @classmethod
    def read(cls, folder: Path) -> Detector:
        """The detector in ``folder`` (a model folder, or a draw's folder carrying a retrained one)."""
        data = read_json(folder, FILE)
        if tuple(data["count_features"]) != COUNT_FEATURES:
            raise ValueError(f"{folder / FILE}: built for other features ({data['count_features']})")
        layers = tuple((np.array(layer["weights"]), np.array(layer["bias"])) for layer in data["layers"])
        return cls(np.array(data["mean"]), np.array(data["scale"]), layers, tuple(data["calibration"]))

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """Calibrated probability that each row's token was put there by a spinner."""
        hidden = (rows - self.mean) / self.scale
        for weights, bias in self.layers[:-1]:
            hidden = np.maximum(hidden @ weights + bias, 0.0)
        weights, bias = self.layers[-1]
        logit = (hidden @ weights + bias).ravel()
        a, b = self.calibration
        return 1.0 / (1.0 + np.exp(-(a * logit + b)))

    def scores(self, doc: Doc, resources: Resources) -> dict[int, float]:
        """Token index → probability, for every content word of ``doc``: those :func:`keep_scores` kept
        before the tensor was released, or computed from the tensor."""
        indices = content_tokens(doc)
        if not indices:
            return {}
        kept = doc.user_data.get(KEPT)
        found = kept[indices] if kept is not None else self.probability(token_rows(doc, resources, indices))
        return dict(zip(indices, found.tolist()))


def keep_scores(detector: Detector, doc: Doc, resources: Resources) -> None:
    """Read ``doc.tensor`` before the parse releases it: the detector's probability for every token (0 for
    those it does not score), 4 bytes a token in ``doc.user_data``, where :meth:`Detector.scores` finds it."""
    kept = np.zeros(len(doc), dtype=np.float32)
    for index, probability in detector.scores(doc, resources).items():
        kept[index] = probability
    doc.user_data[KEPT] = kept


def slot_detector(detector: Detector | None, doc: Doc, resources: Resources, sites) -> list[float]:
    """For each slot (``slots.Site``) of ``doc``, the detector's highest probability over its words
    (0 for all of them without a detector): the slot classifier's ``detector`` input."""
    if detector is None or not sites:
        return [0.0] * len(sites)
    scores = detector.scores(doc, resources)
    return [max((scores.get(i, 0.0) for i in range(site.start, site.end)), default=0.0) for site in sites]
