"""The caveat concept classifier: how likely a sentence is to convey each concept, from its words.

A linear model over TF-IDF features (word uni- and bigrams, character n-grams inside words), trained
by ``tools/caveat/train.py`` on every concept sentence of the caveat sets and shipped as
``rules/data/caveat-model/concepts.json``. The features are computed here as scikit-learn's
``TfidfVectorizer`` computes them (lower case, tokens of two or more word characters; ``char_wb``
n-grams of each space-padded word; 1 + log of each count, times its idf; each part L2-normalised), so
linting needs no scikit-learn. The review (``caveats.py``) reads it only as a stance beside a topic
phrase of the concept that the parse does not negate: the classifier alone never makes a sentence
evidence, and "carries no risk" is never the risks.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

MODEL = Path(__file__).resolve().parents[2] / "rules" / "data" / "caveat-model" / "concepts.json"
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_SPACES = re.compile(r"\s\s+")


@dataclass(frozen=True)
class ConceptModel:
    word_ngrams: tuple[int, int]
    char_ngrams: tuple[int, int]
    idf: dict[str, dict[str, float]]  # part ("word", "char") -> term -> idf
    weights: dict[str, dict[str, dict[str, float]]]  # concept -> part -> term -> weight
    bias: dict[str, float]
    threshold: float  # the probability from which a sentence conveys a concept

    def features(self, text: str) -> dict[str, dict[str, float]]:
        """Per part, each known term's normalised TF-IDF value in ``text``."""
        lower = text.lower()
        tokens = _TOKEN.findall(lower)
        low, high = self.word_ngrams
        words = [" ".join(tokens[i:i + n]) for n in range(low, high + 1) for i in range(len(tokens) - n + 1)]
        low, high = self.char_ngrams
        chars = []
        for word in _SPACES.sub(" ", lower).split():
            padded = f" {word} "
            for n in range(low, high + 1):
                chars.extend(padded[i:i + n] for i in range(max(1, len(padded) - n + 1)))
        return {part: _normalised(terms, self.idf[part]) for part, terms in (("word", words), ("char", chars))}

    def probabilities(self, text: str) -> dict[str, float]:
        """Each concept's probability that ``text`` conveys it."""
        features = self.features(text)
        result = {}
        for concept, parts in self.weights.items():
            score = self.bias[concept] + sum(weight * parts[part].get(term, 0.0)
                                             for part, values in features.items() for term, weight in values.items())
            result[concept] = 1.0 / (1.0 + math.exp(-score))
        return result


def _normalised(terms: list[str], idf: dict[str, float]) -> dict[str, float]:
    values = {term: (1.0 + math.log(count)) * idf[term] for term, count in Counter(terms).items() if term in idf}
    norm = math.sqrt(sum(value * value for value in values.values()))
    return {term: value / norm for term, value in values.items()} if norm else {}


@functools.cache
def concept_model() -> ConceptModel:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return ConceptModel(tuple(data["word-ngrams"]), tuple(data["char-ngrams"]), data["idf"],
                        {concept: {part: spec[part] for part in ("word", "char")}
                         for concept, spec in data["concepts"].items()},
                        {concept: spec["bias"] for concept, spec in data["concepts"].items()}, data["threshold"])


@functools.lru_cache(maxsize=4096)
def concept_probabilities(text: str) -> dict[str, float]:
    """:meth:`ConceptModel.probabilities` of ``text``, remembered for the sentences seen most recently."""
    return concept_model().probabilities(text)
