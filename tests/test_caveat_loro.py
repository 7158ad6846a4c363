"""tools/caveat/loro.py's design (f) on tiny training data: the classifier it trains is a
``caveats.Classifier`` whose own evidence fills what the patterns leave missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("sklearn", reason="scikit-learn (the spin-build extra) trains the classifier")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools" / "caveat"))
import loro  # noqa: E402
from model import probabilities  # noqa: E402

TRAINING = [
    ("Every face answers the needles in its own way.", "expectations", True),
    ("Each face answers treatment in its own way.", "expectations", True),
    ("How your skin answers varies from face to face.", "expectations", True),
    ("Redness and swelling are common side effects.", "risks", True),
    ("Side effects include redness and bruising.", "risks", True),
    ("Infection is a rare complication.", "risks", True),
    ("The treatment takes forty minutes.", "expectations", False),
    ("Our clinic is open on Saturdays.", "risks", False),
]


@pytest.fixture(scope="module")
def scorer():
    return loro.Scorer(TRAINING)


def test_the_scorer_gives_the_fitted_models_probabilities_and_word_weights(scorer):
    texts = ["Each face answers in its own way.", "Bruising is a side effect."]
    expected = probabilities(scorer.fitted, texts)
    got = scorer.probabilities(texts)
    assert set(got) == {"expectations", "risks"}
    for concept in got:
        assert got[concept] == pytest.approx(expected[concept])
    (word, _), models = scorer.fitted
    assert scorer.weight("expectations", "answers") == pytest.approx(models["expectations"].coef_[0][word.vocabulary_["answers"]])
    assert scorer.weight("expectations", "unheard-of") is None


def test_union_own_adds_the_classifiers_concept_and_keeps_the_patterns(scorer):
    text = ("Microneedling at our clinic\n\nSide effects include redness and bruising for a day or two. "
            "Every face answers the needles in its own way.\n")
    reader = loro.Reader()
    found = loro.concepts_found(reader, scorer, text, "microneedling", 0.6)
    assert "expectations" not in found["patterns"] and "risks" in found["patterns"]
    assert found["union-own"] == found["patterns"] | {"expectations"}
    assert loro.concepts_found(reader, scorer, text, "microneedling", 0.999)["union-own"] == found["patterns"]
    assert loro.concepts_found(reader, scorer, text, "dermal-filler", 0.6) == {"patterns": None, "union-own": None}


def test_the_verdict_applies_the_pre_registered_margins():
    from collections import Counter
    counts = Counter({("patterns", "ablation right"): 2, ("union-own", "ablation right"): 5,
                      ("patterns", "concepts found"): 22, ("union-own", "concepts found"): 22,
                      ("patterns", "conveys found"): 67, ("union-own", "conveys found"): 66,
                      ("patterns", "must-not accepted"): 2, ("union-own", "must-not accepted"): 4})
    holds = [h for *_, h in loro.verdict(counts)]
    assert holds == [False, True, False, True]
