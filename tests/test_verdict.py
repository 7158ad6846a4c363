"""The document verdict: evidence weighed by confidence, three verdicts, lower-tier evidence shown only when spun.

The corpus checks the verdict on real articles (test_quality.py); these pin the arithmetic.
"""

from __future__ import annotations

from dataclasses import replace

from cliniclint.lint.finding import Finding
import pytest

from cliniclint.lint.verdict import (
    CLEAN, EVIDENCE_FLOOR, POSSIBLY_SPUN, SPUN, TABLE_WEIGHT, TIERS, keep_evidence_if_spun, spin_verdict, weight,
)


def finding(family: str = "spin", severity: str = "warning", confidence: float | None = None) -> Finding:
    return Finding("a.txt", "XX101", "rule", family, severity, "message", 1, 1, 1, 2, 0, 1, "x",
                   confidence=confidence)


def test_density_counts_only_spin_findings_per_hundred_words():
    findings = [finding()] * 3 + [finding("claim")] * 5
    assert spin_verdict(findings, 200)[0] == 1.5


def test_weights_follow_confidence_and_family():
    halfway = (1 + EVIDENCE_FLOOR) / 2
    assert weight(finding(confidence=halfway)) == pytest.approx(0.5)
    assert weight(finding(confidence=EVIDENCE_FLOOR - 0.1)) == 0
    assert weight(finding()) == TABLE_WEIGHT
    assert weight(finding(severity="info")) < TABLE_WEIGHT
    assert 0 < weight(finding("spam")) < TABLE_WEIGHT
    assert weight(finding("claim")) == 0


def test_a_handful_of_strong_artifacts_make_a_page_spun():
    tier = TIERS[SPUN]
    needed = int(tier.evidence / TABLE_WEIGHT) + 1
    words = int(100 * needed * TABLE_WEIGHT / tier.density)
    assert spin_verdict([finding()] * needed, words)[1] == SPUN
    # The same findings spread over a page ten times as long are only weak evidence.
    assert spin_verdict([finding()] * needed, words * 10)[1] != SPUN


def test_both_the_sum_and_the_density_must_reach_a_tier():
    tier = TIERS[POSSIBLY_SPUN]
    one_slip = [finding()] * int(tier.evidence / TABLE_WEIGHT)
    assert spin_verdict(one_slip, 20)[1] == CLEAN  # dense, but one slip is not a spinner
    many = [finding()] * 20
    assert spin_verdict(many, int(100 * 20 * TABLE_WEIGHT / (tier.density * 0.5)))[1] == CLEAN  # enough, too thin


def test_empty_document_is_clean():
    assert spin_verdict([], 0) == (0.0, CLEAN)


def test_lower_tier_evidence_is_dropped_from_clean_documents_only():
    evidence = finding(severity="info", confidence=0.75)
    sure = finding(confidence=0.97)  # a warning the model is sure of stands on its own
    capital = finding(severity="info")  # no confidence: a table rule's finding, always shown
    table = finding()
    assert keep_evidence_if_spun([evidence, sure, capital, table], 1000) == [sure, capital, table]
    needed = [replace(sure, start=i) for i in range(5)] + [evidence, table]
    assert keep_evidence_if_spun(needed, 200) == needed


def test_evidence_is_shown_where_precise_findings_already_tell_the_page_is_spun():
    tables = [replace(finding(), start=i) for i in range(6)]
    evidence = finding(severity="info", confidence=0.8)
    assert spin_verdict(tables, 200)[1] == SPUN
    assert keep_evidence_if_spun([*tables, evidence], 200) == [*tables, evidence]
