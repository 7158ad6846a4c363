"""The claim classifier's inference as a linter would run it: NumPy over exported weights (issue 12).

``loro.py`` scores every held-out round through this, not through scikit-learn, so its table is
what a rule built on the model would find. The weights are TF-IDF terms (scikit-learn's word and
``char_wb`` analyzers, re-implemented term for term) with one logistic regression per category.
A sentence flagged in a category counts only when the writer asserts it: the claim patterns'
own checks (``lint/analysis/assertion.py``) are run on the sentence's cue word, the word that
weighs most for the category. A sentence with no main verb (a heading, a table cell, a list
fragment) is never a model finding: the model was trained on sentences, and the patterns keep
their own findings on such blocks.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from cliniclint.lint.analysis import assertion

_WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern, as the model was trained
_SPACE = re.compile(r"\s\s+")


class TermSpace:
    """One TF-IDF space of the model: its analyzer, n-gram sizes, and each term's idf and weights."""

    def __init__(self, data: dict, categories: int) -> None:
        self.analyzer = data["analyzer"]
        self.sizes = range(data["ngrams"][0], data["ngrams"][1] + 1)
        terms = data["terms"]
        self.index = {term: i for i, term in enumerate(terms)}
        self.idf = np.array([terms[term][0] for term in terms])
        self.weights = np.array([terms[term][1:] for term in terms]).reshape(len(terms), categories)

    def terms(self, text: str) -> list[str]:
        text = text.lower()
        if self.analyzer == "word":
            tokens = _WORD.findall(text)
            return [" ".join(tokens[i:i + n]) for n in self.sizes for i in range(len(tokens) - n + 1)]
        grams = []
        for word in _SPACE.sub(" ", text).split():
            word = f" {word} "
            for n in self.sizes:
                grams += [word[i:i + n] for i in range(max(1, len(word) - n + 1))]
                if len(word) <= n:
                    break  # a short word counts once, as scikit-learn's char_wb counts it
        return grams

    def scores(self, text: str) -> np.ndarray:
        """The text's contribution to each category's log-odds: sublinear tf x idf, L2-normalised."""
        counts = Counter(term for term in self.terms(text) if term in self.index)
        if not counts:
            return np.zeros(self.weights.shape[1])
        rows = np.array([self.index[term] for term in counts])
        values = np.array([1 + math.log(count) for count in counts.values()]) * self.idf[rows]
        return values @ self.weights[rows] / np.linalg.norm(values)


class ClaimModel:
    """The classifier's weights, as ``classifier.export`` writes them."""

    def __init__(self, data: dict) -> None:
        self.categories = tuple(data["categories"])
        self.threshold = data["threshold"]
        self.intercepts = np.array(data["intercepts"])
        self.spaces = [TermSpace(space, len(self.categories)) for space in data["spaces"]]
        self.words = next(space for space in self.spaces if space.analyzer == "word")

    def probabilities(self, text: str) -> dict[str, float]:
        logits = self.intercepts + sum(space.scores(text) for space in self.spaces)
        return dict(zip(self.categories, (1 / (1 + np.exp(-logits))).tolist()))

    def cue(self, sentence, category: str):
        """The token of ``sentence`` whose word weighs most for ``category``, as a one-token span."""
        column = self.categories.index(category)
        index = self.words.index
        weighted = [(self.words.weights[index[t.lower_], column], t.i) for t in sentence if t.lower_ in index]
        if not weighted:
            return None
        position = max(weighted)[1]
        return sentence.doc[position:position + 1]


def writer_asserts(span) -> bool:
    """The patterns' general checks on a claim word: not a plain question, not negated, not a
    warning, report or mention, not a statement of risk, no citation in its sentence."""
    if assertion.is_question(span) and not assertion.rhetorical(span):
        return False
    if assertion.negated(span) or assertion.framed(span) or assertion.states_risk(span):
        return False
    return not assertion.cites_source(span.sent.text)


def model_finds(model: ClaimModel, category: str, sentence) -> bool:
    """Whether the model's reading of ``sentence`` in ``category`` stands (its probability aside):
    the sentence has a main verb, and the writer asserts its cue word."""
    if assertion.verbless(sentence):
        return False
    cue = model.cue(sentence, category)
    return cue is not None and writer_asserts(cue)
