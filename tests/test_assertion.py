"""The parse-based assertion tests of lint/analysis/assertion.py, on real parses."""

from __future__ import annotations

import pytest

from cliniclint.lint import nlp
from cliniclint.lint.analysis.assertion import states_risk, unrelated, voided


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


@pytest.mark.parametrize(("text", "phrase", "thing"), [
    ("Our café's lunch voucher is valid on weekdays.", "voucher", "voucher"),
    ("The bakery sale at the shop next door ends on Friday.", "sale", "sale"),
    ("Parking spaces on our street fill up by nine.", "spaces on our street fill up", "spaces"),
])
def test_an_offer_belonging_to_an_unrelated_thing_is_unrelated(parse, text, phrase, thing):
    found = unrelated(parse(text, phrase))
    assert found is not None and found.text == thing


@pytest.mark.parametrize(("text", "phrase"), [
    ("The summer sale on laser hair removal ends on Sunday.", "sale"),
    ("Book a lunchtime peel at our Leeds clinic.", "lunchtime peel"),
    ("Appointment slots for skin boosters fill up in December.", "slots for skin boosters fill up"),
])
def test_a_clinic_offer_is_not_unrelated(parse, text, phrase):
    assert unrelated(parse(text, phrase)) is None


@pytest.mark.parametrize(("text", "phrase", "states"), [
    ("Problems after a peel are almost unheard of.", "almost unheard", False),
    ("Serious side effects are practically non-existent.", "practically non-existent", False),
    ("Pigment changes can be permanent in darker skin.", "permanent", True),
])
def test_a_risk_said_to_be_nil_is_denied_not_stated(parse, text, phrase, states):
    assert states_risk(parse(text, phrase)) is states
