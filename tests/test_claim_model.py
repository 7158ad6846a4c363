"""The claim model (kind ``claim-model``, CL121): NumPy inference as it was trained, real parses, and
what it adds to the claim patterns' verdict."""

from __future__ import annotations

from collections import Counter

import pytest

from cliniclint import lint
from cliniclint.lint.kinds.claim_model import ClaimModel, TermSpace, shared_model

MODEL = "claim-model.json"
CODE = "CL121"


def claims(text: str, rules, *, select=("claim",)):
    return [f for f in lint.check_text(text, format="text", config=lint.Config(select=select), rules=rules)]


@pytest.mark.parametrize("analyzer", ["word", "char_wb"])
def test_terms_are_scikit_learns(analyzer):
    """The runtime cuts text into the terms scikit-learn's vectoriser trained on."""
    text = pytest.importorskip("sklearn.feature_extraction.text")
    sizes = (1, 2) if analyzer == "word" else (3, 5)
    reference = text.TfidfVectorizer(analyzer=analyzer, ngram_range=sizes).build_analyzer()
    space = TermSpace({"analyzer": analyzer, "ngrams": list(sizes), "terms": {}}, 1)
    for sample in ["Book   now: 20% off lip filler!", "A jab\ttakes 5 mins, it's a no-brainer.", "Q: x? A: ok"]:
        assert Counter(space.terms(sample)) == Counter(reference(sample))


def test_the_model_is_rule_data_read_once():
    model = shared_model(MODEL)
    assert model is shared_model(MODEL)
    assert isinstance(model, ClaimModel) and 0.5 <= model.threshold < 1
    assert set(model.categories) >= {"pain", "safety", "urgency", "offer"}
