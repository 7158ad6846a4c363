"""The document verdict: a score over evidence densities, three verdicts, lower-tier evidence shown only when spun.

The corpus checks the verdict on real articles (test_quality.py); these pin the arithmetic.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from cliniclint.lint.finding import Finding
from cliniclint.lint.verdict import (
    CLEAN, EVIDENCE_FLOOR, FEATURES, MIN_WORDS, POSSIBLY_SPUN, SPUN, STANDALONE, TIERS, WEIGHTS, features,
    keep_evidence_if_spun, score, spin_verdict,
)


def finding(family: str = "spin", severity: str = "warning", confidence: float | None = None, start: int = 1) -> Finding:
    return Finding("a.txt", "XX101", "rule", family, severity, "message", 1, 1, 1, 2, start, start + 1, "x",
                   confidence=confidence)


def many(count: int, **kind) -> list[Finding]:
    return [finding(start=i, **kind) for i in range(count)]


def test_density_counts_only_spin_findings_per_hundred_words():
    findings = many(3) + many(5, family="claim")
    assert spin_verdict(findings, 200)[0] == 1.5


def test_features_weigh_confidence_above_the_floor_and_sort_findings_by_kind():
    halfway = (1 + EVIDENCE_FLOOR) / 2
    found = dict(zip(FEATURES, features(
        [finding(confidence=halfway), finding(confidence=EVIDENCE_FLOOR - 0.1), finding(), finding(severity="info"),
         finding("spam"), finding("claim")], 1000)))
    assert found["model_evidence"] == pytest.approx(0.05)  # 0.5 of one finding per 1,000 words
    assert found["candidates"] == pytest.approx(0.2)
    assert found["tables"] == found["capitals"] == found["spam"] == pytest.approx(0.1)


def test_weights_are_non_negative_so_more_evidence_never_reads_cleaner():
    assert all(weight >= 0 for weight in WEIGHTS.values())
    assert set(WEIGHTS) == set(FEATURES)
    base = many(2) + many(3, severity="info", confidence=0.8)
    for extra in (finding(), finding(severity="info"), finding("spam"), finding(confidence=0.99)):
        assert score([*base, extra], 400) >= score(base, 400)


def test_a_handful_of_strong_artifacts_make_a_page_spun():
    words = 300
    needed = next(n for n in range(1, 100) if score(many(n), words) >= TIERS[SPUN])
    assert needed <= 10, "a handful of table findings on a 300-word page"
    assert spin_verdict(many(needed), words)[1] == SPUN
    # The same findings spread over a page ten times as long are weaker evidence.
    assert spin_verdict(many(needed), words * 10)[1] != SPUN


def test_one_slip_is_not_spun_however_sure_and_short_the_text():
    assert spin_verdict([finding(confidence=0.99)], 20)[1] == CLEAN
    assert spin_verdict([finding()], 20)[1] == CLEAN
    assert spin_verdict([finding(), finding(start=5)], 20)[1] != CLEAN
    # Findings that add nothing to the score (a confidence at the floor) are no second piece of evidence.
    assert spin_verdict([finding(), finding(confidence=EVIDENCE_FLOOR, start=5)], 20)[1] == CLEAN
    assert features([finding()], 20) == features([finding()], MIN_WORDS)


def test_tiers_are_ordered():
    assert 0 < TIERS[POSSIBLY_SPUN] < TIERS[SPUN]


def test_empty_document_is_clean():
    assert spin_verdict([], 0) == (0.0, CLEAN)


def test_evidence_is_dropped_from_clean_documents_only():
    weak = finding(severity="info", confidence=0.75)
    warning = finding(confidence=(0.9 + STANDALONE) / 2)  # the model's warning tier, but not sure enough alone
    sure = finding(confidence=STANDALONE)  # stands on its own
    capital = finding(severity="info")  # no confidence: a table rule's finding, always shown
    table = finding()
    page = [weak, warning, sure, capital, table]
    assert spin_verdict(page, 5000)[1] == CLEAN
    assert keep_evidence_if_spun(page, 5000) == [sure, capital, table]
    spun = [*many(12, confidence=0.97), weak, table]
    assert spin_verdict(spun, 200)[1] != CLEAN and spin_verdict([table], 200)[1] != SPUN
    assert keep_evidence_if_spun(spun, 200) == spun


def test_weak_evidence_is_left_out_where_the_tables_alone_show_the_page_spun():
    tables = many(12)
    weak = replace(finding(severity="info", confidence=0.8), start=50)
    warning = replace(finding(confidence=0.96), start=60)
    assert spin_verdict(tables, 200)[1] == SPUN
    assert keep_evidence_if_spun([*tables, weak, warning], 200) == [*tables, warning]


def test_likely_spun_needs_two_kinds_of_evidence_unless_the_tables_alone_make_it():
    model = many(12, confidence=0.97)  # dense, sure misfits: a page about an unusual topic looks like this too
    assert spin_verdict(model, 200)[1] == POSSIBLY_SPUN
    assert spin_verdict([*model, replace(finding(), start=90)], 200)[1] == SPUN  # and a known swap
    capitals = [replace(finding(severity="info"), start=start) for start in (90, 95)]
    assert spin_verdict([*model, *capitals], 200)[1] == SPUN  # or capitals
    # One capital mid-line is a flattened list's or a title's, no second kind of evidence.
    assert spin_verdict([*model, capitals[0]], 200)[1] == POSSIBLY_SPUN
    assert spin_verdict([*model, replace(finding("spam"), start=90)], 200)[1] == POSSIBLY_SPUN  # spam is no kind
    assert spin_verdict(many(12), 200)[1] == SPUN


def test_capitals_alone_make_no_verdict():
    capitals = many(12, severity="info")  # a flattened list: "Short stature Abnormal growth ..."
    assert spin_verdict(capitals, 200)[1] == CLEAN
    assert spin_verdict([*capitals, replace(finding(), start=90)], 200)[1] == SPUN
