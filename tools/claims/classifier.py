"""The claim classifier measured by ``loro.py`` (issue 12, round 11).

The caveat classifier's features (``tools/caveat/model.py``: TF-IDF word uni- and bigrams and
character 3-5-grams inside words) and one logistic regression per claim category over sentences.
A category's positives are the sentences that make its claims (the sentence holding the claim's
span); its negatives are every other labelled sentence: other categories' claims, the rounds'
not-flagged and qualified items, the claim-sentences' non-claims and the clean negatives.
Sentences of a flagged item outside its span are unknown and left out. The model is fitted twice,
the second time on the ``KEPT_FEATURES`` terms that weigh most, so that its weights stay small
enough to ship as rule data (``export``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "caveat"))

from model import features, vectorisers  # noqa: E402  (the caveat classifier's feature space)

NEGATIVE_ROLES = {"not-flagged", "qualified", "short", "sentence-not", "negative"}
REGULARISATION = 10.0  # scikit-learn's C
KEPT_FEATURES = 6000  # words and character n-grams the shipped model keeps (of about 60,000)


def labelled(items) -> list[tuple[str, frozenset[str]]]:
    """(sentence text, the categories it claims) for every sentence whose label is known."""
    units = []
    for item in items:
        for start, end in item.sentences:
            sentence = item.text[start:end]
            if item.bounds is not None:
                if start < item.bounds[1] and end > item.bounds[0]:
                    units.append((sentence, frozenset(item.categories)))
            elif item.categories:
                if len(item.sentences) == 1:  # a short text's claim is its one sentence
                    units.append((sentence, frozenset(item.categories)))
            elif item.role in NEGATIVE_ROLES:
                units.append((sentence, frozenset()))
    return units


def fit(units: list[tuple[str, frozenset[str]]], categories: list[str], kept: int | None = KEPT_FEATURES):
    """(feature spaces, {category: fitted LogisticRegression}).

    With ``kept``, the model is fitted twice: the second time on the ``kept`` words and character
    n-grams that weigh most for some category in the first, so that the shipped weights stay small."""
    texts = [text for text, _ in units]
    spaces = vectorisers(texts)
    models = _regressions(units, categories, features(spaces, texts))
    if kept is None:
        return spaces, models
    weight = np.abs(np.vstack([model.coef_[0] for model in models.values()])).max(axis=0)
    chosen = set(np.argsort(-weight)[:kept].tolist())
    width = len(spaces[0].vocabulary_)
    vocabularies = [sorted(term for term, i in space.vocabulary_.items() if i + offset in chosen)
                    for space, offset in zip(spaces, (0, width))]
    spaces = vectorisers(texts, vocabularies)
    return spaces, _regressions(units, categories, features(spaces, texts))


def _regressions(units, categories: list[str], matrix) -> dict:
    from sklearn.linear_model import LogisticRegression

    return {category: LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=3000).fit(
        matrix, [int(category in claimed) for _, claimed in units]) for category in categories}


def probabilities(fitted, texts: list[str]) -> dict[str, list[float]]:
    """Each category's probability for each text."""
    spaces, models = fitted
    matrix = features(spaces, texts)
    return {category: list(model.predict_proba(matrix)[:, 1]) for category, model in models.items()}


def export(fitted, threshold: float) -> dict:
    """The fitted model as plain data (``inference.ClaimModel`` reads it): each term's idf and weights."""
    spaces, models = fitted
    categories = sorted(models)
    weights = [models[c].coef_[0] for c in categories]
    written, offset = [], 0
    for space in spaces:
        terms = {term: [float(space.idf_[i])] + [float(w[offset + i]) for w in weights]
                 for term, i in sorted(space.vocabulary_.items(), key=lambda item: item[1])}
        written.append({"analyzer": space.analyzer, "ngrams": list(space.ngram_range), "terms": terms})
        offset += len(space.vocabulary_)
    return {"categories": categories, "threshold": threshold,
            "intercepts": [float(models[c].intercept_[0]) for c in categories], "spaces": written}

