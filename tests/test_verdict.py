"""The document verdict: spin density and "spun"/"clean" (checked on the corpus in test_quality.py)."""

from __future__ import annotations

from cliniclint.lint.finding import Finding
from cliniclint.lint.verdict import SPUN_DENSITY, spin_verdict


def finding(family: str) -> Finding:
    return Finding("a.txt", "XX101", "rule", family, "warning", "message", 1, 1, 1, 2, 0, 1, "x")


def test_density_counts_only_spin_findings_per_hundred_words():
    findings = [finding("spin")] * 3 + [finding("claim")] * 5
    assert spin_verdict(findings, 200) == (1.5, "spun")


def test_threshold_is_inclusive_and_below_it_is_clean():
    per_hundred = int(SPUN_DENSITY * 4)
    assert spin_verdict([finding("spin")] * per_hundred, 400)[1] == "spun"
    assert spin_verdict([finding("spin")] * (per_hundred - 1), 400)[1] == "clean"


def test_empty_document_is_clean():
    assert spin_verdict([], 0) == (0.0, "clean")
