"""The parse-based assertion tests of lint/analysis/assertion.py, on real parses."""

from __future__ import annotations

import pytest

from cliniclint.lint import nlp
from cliniclint.lint.analysis.assertion import voided


@pytest.fixture(scope="module")
def parse():
    pipeline = nlp.load(nlp.resolve_model(None), frozenset({"parser", "lemmatizer"}))

    def span(text: str, phrase: str):
        start = text.index(phrase)
        return pipeline(text).char_span(start, start + len(phrase))

    return span


@pytest.mark.parametrize(("text", "phrase"), [
    ("Apply a fragrance-free moisturiser twice a day.", "moisturiser"),
    ("Use oil-free sunscreen every day for a month.", "sunscreen"),
    ("Choose a soap-free, gentle cleanser for the first week.", "cleanser"),
    ("Book a free consultation with our prescriber.", "consultation"),
])
def test_a_product_attribute_or_a_price_free_voids_nothing(parse, text, phrase):
    assert not voided(parse(text, phrase))


@pytest.mark.parametrize(("text", "phrase"), [
    ("Expect a pain-free recovery after the peel.", "recovery"),
    ("A side-effect-free peel for sensitive skin.", "peel"),
    ("There are no side effects.", "side effects"),
    ("The filler is free of any complications.", "complications"),
    ("This laser is risk-free.", "risk"),
])
def test_a_free_that_says_a_risk_is_absent_still_voids(parse, text, phrase):
    assert voided(parse(text, phrase))
