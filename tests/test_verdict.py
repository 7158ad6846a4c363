"""The document verdict: spin density and "spun"/"clean" for each file."""

from __future__ import annotations

import pytest

from cliniclint import lint
from cliniclint.lint.finding import Finding
from cliniclint.lint.verdict import SPUN_DENSITY, spin_verdict

from conftest import CORPUS
from test_spin import SPUN_SEEDS


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


@pytest.fixture(scope="module")
def corpus_report(rules):
    return lint.check_paths([str(CORPUS)], lint.Config(select=("spin",), exclude=("README.md",)), rules=rules)


def test_verdict_is_right_for_every_corpus_article(corpus_report):
    verdicts = {f.path.rsplit("/", 1)[-1]: spin_verdict(f.findings, f.words)[1] for f in corpus_report.files}
    assert len(verdicts) >= 5
    expected = {name: "spun" if name in SPUN_SEEDS else "clean" for name in verdicts}
    assert verdicts == expected
