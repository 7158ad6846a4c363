"""Kind ``claim-model``: a sentence a classifier reads as a claim in a category the patterns did not flag.

The claim patterns (kind ``claim``) know the words of each claim; a new writer words the same claim
in words they do not list ("our laser is kind to every skin tone"). A linear classifier trained on
the tuned claim rounds, the claim sentences and clean clinic and medical English
(``tools/claims/train.py``) reads each sentence instead: word uni- and bigrams and character 3-5-grams
inside words, TF-IDF weighted, one logistic regression per claim category. Its weights are rule
data (``rules/data/claim-model.json``), read once per process; inference is NumPy only.

A sentence whose probability for a category reaches the model's threshold is a finding in that
category when the writer asserts it: the patterns' assertion checks
(:mod:`~cliniclint.lint.analysis.assertion`: a plain question, a negation, a warning, report or
mention, a statement of risk, a citation in the sentence) are run on the sentence's cue word, the
word that weighs most for the category. A hedge lowers the severity one step. Where a pattern
already flags the same text in the same category, the ``claim-overlaps`` post-processor drops the
model's finding. Model findings are never above ``warning``: they are less sure than a pattern.

Rule fields: ``model`` names the weights file in ``rules/data/``; ``reasons`` gives, for each
category, why such wording is a claim (the message says it); ``advice`` the rewrite advice.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterator

import numpy as np
from pydantic import Field, model_validator

from ..analysis import assertion
from ..data import load_data
from ..finding import SEVERITIES, Match
from ..options import KindOptions
from . import RuleKind

_WORD = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern, as the model was trained
_SPACE = re.compile(r"\s\s+")
MOST_SEVERE = "warning"


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
    """The classifier's weights, from rule data."""

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


@functools.cache
def shared_model(name: str) -> ClaimModel:
    return ClaimModel(load_data(name))


def writer_asserts(span) -> bool:
    """The patterns' general checks on a claim word: not a plain question, not negated, not a
    warning, report or mention, not a statement of risk, no citation in its sentence."""
    if assertion.is_question(span) and not assertion.rhetorical(span):
        return False
    if assertion.negated(span) or assertion.framed(span) or assertion.states_risk(span):
        return False
    return not assertion.cites_source(span.sent.text)


class Options(KindOptions):
    model: str = Field(description="the weights file in rules/data/ (tools/claims/train.py writes it)")
    reasons: dict[str, str] = Field(description="for each category the model knows: why such wording is a claim")
    advice: dict[str, str] = Field(description="for each category the model knows: how to reword it")

    @model_validator(mode="after")
    def _every_category(self) -> Options:
        categories = set(shared_model(self.model).categories)
        for field in ("reasons", "advice"):
            missing = categories - set(getattr(self, field))
            if missing:
                raise ValueError(f"{field} lacks the model's categories {sorted(missing)}")
        return self


class ClaimModelKind(RuleKind, name="claim-model"):
    Options = Options
    needs = frozenset({"parser", "lemmatizer"})
    message_fields = frozenset({"category", "reason", "hedged", "probability"})

    def check(self, doc, context) -> Iterator[Match]:
        model = shared_model(self.options.model)
        for index, block in enumerate(doc.docs):
            for sentence in block.sents:
                if not sentence.text.strip():
                    continue
                for category, probability in model.probabilities(sentence.text).items():
                    if probability < model.threshold:
                        continue
                    cue = model.cue(sentence, category)
                    if cue is None or not writer_asserts(cue):
                        continue
                    hedge = assertion.hedge(cue)
                    yield Match(index, sentence.start_char, sentence.end_char, (self.options.advice[category],),
                                severity=self._severity(hedge is not None),
                                details={"category": category, "reason": self.options.reasons[category],
                                         "probability": f"{probability:.2f}",
                                         "hedged": f" (hedged by '{hedge}', still a claim)" if hedge else ""})

    def _severity(self, hedged: bool) -> str | None:
        """Never above warning; one step lower when hedged. None: the rule's own."""
        rank = min(SEVERITIES.index(self.rule.severity), SEVERITIES.index(MOST_SEVERE)) - hedged
        severity = SEVERITIES[max(0, rank)]
        return None if severity == self.rule.severity else severity
