"""The quality gate: cliniclint against the annotated corpus, with every threshold in one place.

Rule authors see the same numbers with ``cliniclint eval corpus/``.
"""

from __future__ import annotations

import pytest

from cliniclint import lint
from cliniclint.lint.evaluate import evaluate
from cliniclint.lint.grammar import harper

from conftest import CORPUS, require

# family -> (minimum precision, minimum recall) over every annotated corpus article.
QUALITY_BARS = {
    "spin": (0.95, 0.90),
    "spam": (0.95, 0.90),
    "claim": (0.90, 0.90),
    # Every judgement matched until microdermabrasion became a known procedure (issue 12 round 2):
    # in the peel-versus-microdermabrasion comparison two of its seven judgements are wrong (see
    # KNOWN_CAVEAT_MISJUDGEMENTS in test_caveats.py), 29 of 30.
    "caveat": (0.95, 0.95),
}
# The articles an article spinner produced; every other corpus article must read as clean.
SPUN_ARTICLES = {"000_5720665925d4a77f.txt", "002_0875d246422a95c0.txt"}
# Grammar (Harper, when installed): at most this many warning/error grammar findings per
# 1,000 words of the articles written to publication standard, all of them false alarms.
# Grammar precision on the annotations has issue 15's bar, 0.9; its recall is low (4 of 29: the
# corpus's errors are mostly a spinner's word choices, which Harper's rules do not judge), so
# only a minimum number of right findings keeps the precision from being a ratio of nothing.
GRAMMAR_FALSE_ALARMS_PER_1000_WORDS = 1.0
GRAMMAR_PRECISION, GRAMMAR_MIN_FOUND = 0.9, 4
WRITTEN_PREFIXES = ("clean-", "heldout-")


@pytest.fixture(scope="module")
def evaluation(rules):
    return evaluate([str(CORPUS)], lint.Config(exclude=("README.md",)), rules)


@pytest.fixture(scope="module")
def report(rules):
    return lint.check_paths([str(CORPUS)], lint.Config(exclude=("README.md",)), rules)


@pytest.mark.parametrize("family", sorted(QUALITY_BARS))
def test_family_meets_its_bar(evaluation, family):
    precision, recall = QUALITY_BARS[family]
    score = evaluation.families[family]
    assert score.found + score.missed > 0 or family == "caveat", f"no {family} annotations: the bar would be empty"
    misses = [(e.path, e.label, e.text) for e, _ in evaluation.misses if e.family == family]
    alarms = [(f.path, f.code, f.text) for f in evaluation.false_alarms if f.family == family]
    assert score.precision >= precision, alarms
    assert score.recall >= recall, misses


def test_every_article_is_annotated_for_every_family(report):
    assert len(report.files) >= 17
    unannotated = [
        (file.path, family) for file in report.files for family in (*QUALITY_BARS, "grammar")
        if not (CORPUS / "annotations" / family / f"{file.path.rsplit('/', 1)[-1]}.yaml").is_file()
    ]
    assert unannotated == []


@pytest.mark.parametrize("family", ["spin", "spam"])
def test_no_spin_or_spam_outside_the_spun_articles(report, family):
    found = [(f.path, f.text) for file in report.files if file.path.rsplit("/", 1)[-1] not in SPUN_ARTICLES
             for f in file.findings if f.family == family]
    assert found == []


def test_spin_verdict_is_right_for_every_article(report):
    verdicts = {file.path.rsplit("/", 1)[-1]: file.spin_verdict for file in report.files}
    assert verdicts == {name: "spun" if name in SPUN_ARTICLES else "clean" for name in verdicts}


@pytest.fixture(scope="module")
def harper_report(rules):
    require(harper.installed(), "harper-py is needed for the grammar bar: pip install '.[test,grammar]'")
    return lint.check_paths([str(CORPUS)], lint.Config(grammar="harper", exclude=("README.md",)), rules)


def test_grammar_false_alarms_on_written_articles_stay_under_the_bar(harper_report):
    assert harper_report.families["grammar"].startswith("ran (harper-py ")
    written = [file for file in harper_report.files if file.path.rsplit("/", 1)[-1].startswith(WRITTEN_PREFIXES)]
    words = sum(file.words for file in written)
    alarms = [(file.path, f.code, f.source_rule, f.text) for file in written for f in file.findings
              if f.family == "grammar" and f.severity in ("warning", "error")]
    assert words > 10_000
    assert 1000 * len(alarms) / words <= GRAMMAR_FALSE_ALARMS_PER_1000_WORDS, alarms


def test_grammar_findings_on_the_annotated_articles_are_right(evaluation):
    require(harper.installed(), "harper-py is needed for the grammar bar: pip install '.[test,grammar]'")
    score = evaluation.families["grammar"]
    alarms = [(f.path, f.code, f.text) for f in evaluation.false_alarms if f.family == "grammar"]
    assert score.found >= GRAMMAR_MIN_FOUND
    assert score.precision >= GRAMMAR_PRECISION, alarms
