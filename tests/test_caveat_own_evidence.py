"""Design (f) of the caveat review: the classifier's own evidence for what the patterns leave missing
(``review_with(..., own=...)``), with a stand-in classifier whose scores and weights the tests set."""

from __future__ import annotations

import pytest

from cliniclint import lint
from cliniclint.lint.analysis.caveats import OwnEvidence, cue, review, review_with
from cliniclint.lint.engine import Checker
from cliniclint.lint.readers import read_text


class Stand:
    """Scores ``concept`` at ``score`` for a text containing ``marker`` (0.0 otherwise); word weights as given."""

    def __init__(self, concept: str, marker: str, score: float, weights: dict[str, float]) -> None:
        self.concept, self.marker, self.score, self.weights = concept, marker, score, weights

    def probabilities(self, texts):
        return {self.concept: [self.score if self.marker in text else 0.0 for text in texts]}

    def weight(self, concept, word):
        return self.weights.get(word) if concept == self.concept else None


@pytest.fixture(scope="module")
def checker(rules):
    return Checker(rules, lint.Config(select=("CV",)))


def parse(checker, text):
    (parsed,) = checker.parse([read_text(text, "text")])
    return parsed


def checks(parsed, stand, threshold=0.8):
    (first, *_) = review_with(parsed, lambda candidate: True, OwnEvidence(stand, threshold))
    return first.checks


# Patterns do not take "every face answers the needles in its own way" as expectations.
ARTICLE = "Microneedling at our clinic\n\nMicroneedling uses fine needles. Every face answers the needles in its own way.\n"
ANSWERS = {"face": 0.5, "answers": 2.0, "way": 1.0}


def test_the_classifier_adds_evidence_the_patterns_miss_at_the_sentence(checker):
    parsed = parse(checker, ARTICLE)
    (plain, *_) = parsed.get(review)
    assert plain.checks["expectations"].evidence is None, "the patterns must miss it for this test to mean anything"
    check = checks(parsed, Stand("expectations", "answers", 0.9, ANSWERS))["expectations"]
    block, start, end = check.evidence
    assert parsed.docs[block].text[start:end] == "Every face answers the needles in its own way."
    assert check.probability == pytest.approx(0.9)


def test_below_the_threshold_is_no_evidence(checker):
    parsed = parse(checker, ARTICLE)
    assert checks(parsed, Stand("expectations", "answers", 0.79, ANSWERS))["expectations"].evidence is None


def test_pattern_evidence_is_never_vetoed_and_keeps_no_probability(checker):
    text = "Microneedling at our clinic\n\nSide effects include redness and swelling for a day or two.\n"
    parsed = parse(checker, text)
    check = checks(parsed, Stand("risks", "nothing scores", 0.0, {}))["risks"]
    assert check.evidence is not None and check.probability is None


def test_a_heading_and_another_topics_section_are_not_evidence(checker):
    text = ("Microneedling at our clinic\n\nMicroneedling uses fine needles.\n\nWho should not have it\n\n"
            "Every face answers the needles in its own way.\n")
    parsed = parse(checker, text)
    assert checks(parsed, Stand("expectations", "answers", 0.9, ANSWERS))["expectations"].evidence is None
    heading = "Microneedling at our clinic\n\nMicroneedling uses fine needles.\n\nEvery face answers in its own way\n\nIt is quick.\n"
    assert checks(parse(checker, heading), Stand("expectations", "answers", 0.9, ANSWERS))["expectations"].evidence is None


def test_the_cue_is_a_content_word_so_a_negated_claim_is_voided(checker):
    text = "Microneedling at our clinic\n\nMicroneedling has no side effects and carries no risks at all.\n"
    parsed = parse(checker, text)
    stand = Stand("risks", "risks", 0.95, {"and": 9.0, "at": 8.0, "risks": 1.0, "microneedling": 0.5})
    sentence = next(parsed.docs[1].sents)
    assert cue(sentence, "risks", stand).text == "risks", "'and' and 'at' are stop words"
    assert checks(parsed, stand)["risks"].evidence is None


def test_a_sentence_about_another_procedure_is_not_evidence_for_this_one(checker):
    text = ("Microneedling at our clinic\n\nMicroneedling uses fine needles. "
            "Every chemical peel answers the acid in its own way.\n")
    parsed = parse(checker, text)
    (first, *_) = parsed.get(review)
    assert first.procedure.id == "microneedling"
    found = review_with(parsed, lambda candidate: True, OwnEvidence(Stand("expectations", "answers", 0.9, ANSWERS), 0.8))
    assert next(r for r in found if r.procedure.id == "microneedling").checks["expectations"].evidence is None
