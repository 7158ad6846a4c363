"""The grammar family against a real LanguageTool server.

Runs when ``CLINICLINT_LT_URL`` names one (e.g. ``http://localhost:8010`` from
``docker run -p 8010:8010 erikvl87/languagetool``); skipped otherwise. This is
where the grammar rules' own examples are checked, since only a real
LanguageTool can say what it flags.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cliniclint import lint
from cliniclint.lint.config import Config
from cliniclint.lint.rules import EXAMPLE_MARK

URL = os.environ.get("CLINICLINT_LT_URL")
pytestmark = pytest.mark.skipif(not URL, reason="CLINICLINT_LT_URL is not set: no LanguageTool server to test against")

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
GRAMMAR_RULES = [rule for rule in lint.load_rules() if rule.family == "grammar"]


def _examples(which: str):
    for rule in GRAMMAR_RULES:
        for index, example in enumerate(getattr(rule.examples, which)):
            yield pytest.param(rule.code, example, id=f"{rule.code}-{which}-{index}")


def _found(text: str, code: str, rules, **settings) -> list[str]:
    config = Config(grammar=URL, select=(code,), **settings)
    return [f.text for f in lint.check_text(text, "text", config=config, rules=rules)]  # raises if grammar failed


@pytest.mark.parametrize(("code", "example"), list(_examples("bad")))
def test_bad_example_is_flagged_exactly(code, example, rules):
    text = EXAMPLE_MARK.sub(lambda m: m.group(1), example)
    assert sorted(_found(text, code, rules)) == sorted(EXAMPLE_MARK.findall(example))


@pytest.mark.parametrize(("code", "example"), list(_examples("good")))
def test_good_example_is_not_flagged(code, example, rules):
    assert _found(example, code, rules) == []


def test_corpus_findings_point_at_exact_source_text(rules):
    report = lint.check_paths([str(CORPUS)], config=Config(grammar=URL, select=("grammar",)), rules=rules)
    assert report.families["grammar"].startswith("ran ("), report.families["grammar"]
    for file in report.files:
        for finding in file.findings:
            assert finding.family == "grammar"
            assert file.source[finding.start:finding.end] == finding.text
    assert report.findings  # the seed articles have real errors ("there is no much irritation")


def test_british_variant_accepts_british_spelling(rules):
    text = "Apply a moisturiser after the peel."
    assert _found(text, "GR102", rules, language="en-GB") == []
    assert _found(text, "GR102", rules, language="en-US") == ["moisturiser"]
