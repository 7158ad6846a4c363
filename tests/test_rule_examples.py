"""Every rule's own examples, run as tests (as LanguageTool and Harper do).

A bad example marks each span the rule must report with [[...]]; the rule
must report exactly those spans. A good example must not trigger the rule.
"""

from __future__ import annotations

import pytest

from cliniclint import lint
from cliniclint.lint.rules import EXAMPLE_MARK

# Grammar rules' examples need a LanguageTool server: tests/test_grammar_live.py runs them.
RULES = [rule for rule in lint.load_rules() if rule.family != "grammar"]


def _unmark(example: str) -> tuple[str, list[str]]:
    return EXAMPLE_MARK.sub(lambda m: m.group(1), example), EXAMPLE_MARK.findall(example)


def _cases(which: str):
    for rule in RULES:
        for index, example in enumerate(getattr(rule.examples, which)):
            yield pytest.param(rule, example, id=f"{rule.code}-{which}-{index}")


@pytest.mark.parametrize(("rule", "example"), list(_cases("bad")))
def test_bad_example_is_flagged_exactly(rule, example, check):
    text, expected = _unmark(example)
    found = [f.text for f in check(text, select=(rule.code,))]
    assert sorted(found) == sorted(expected), f"{rule.code} on {text!r}"


@pytest.mark.parametrize(("rule", "example"), list(_cases("good")))
def test_good_example_is_not_flagged(rule, example, check):
    found = [f.text for f in check(example, select=(rule.code,))]
    assert found == [], f"{rule.code} flagged {found} in {example!r}"


def test_every_rule_has_examples_of_both_kinds():
    lacking = [rule.code for rule in RULES if not rule.examples.bad or not rule.examples.good]
    assert lacking == []
