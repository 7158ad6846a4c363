"""Every rule's own examples, run as tests (as LanguageTool and Harper do).

A bad example marks each span the rule must report with [[...]]; the rule
must report exactly those spans, and where the example states its ``fixed``
text, ``--fix`` must turn it into exactly that. A good example must not
trigger the rule. Examples are read in the format their rule states, with the
rules it says it needs beside it.
"""

from __future__ import annotations

import pytest

from cliniclint import lint
from cliniclint.lint.rules import EXAMPLE_MARK

# Grammar rules' examples need a grammar backend: tests/test_grammar_live.py runs them.
RULES = [rule for rule in lint.load_rules() if rule.family != "grammar"]


def _unmark(example: str) -> tuple[str, list[str]]:
    return EXAMPLE_MARK.sub(lambda m: m.group(1), example), EXAMPLE_MARK.findall(example)


def _cases(which: str):
    for rule in RULES:
        for index, example in enumerate(getattr(rule.examples, which)):
            yield pytest.param(rule, example, id=f"{rule.code}-{which}-{index}")


def _config(rule) -> lint.Config:
    return lint.Config(select=(rule.code, *rule.examples.select))


def _found(rule, text, rules) -> list[str]:
    findings = lint.check_text(text, rule.examples.format, _config(rule), rules=rules)
    return [f.text for f in findings if f.code == rule.code]


@pytest.mark.parametrize(("rule", "example"), list(_cases("bad")))
def test_bad_example_is_flagged_exactly(rule, example, rules):
    text, expected = _unmark(example.text)
    assert sorted(_found(rule, text, rules)) == sorted(expected), f"{rule.code} on {text!r}"
    if example.fixed is not None:
        fixed = lint.fix.fix_text(text, rule.examples.format, _config(rule), rules)
        assert fixed.text == example.fixed, f"{rule.code} fixed {text!r}"


@pytest.mark.parametrize(("rule", "example"), list(_cases("good")))
def test_good_example_is_not_flagged(rule, example, rules):
    found = _found(rule, example, rules)
    assert found == [], f"{rule.code} flagged {found} in {example!r}"


def test_every_rule_has_examples_of_both_kinds():
    lacking = [rule.code for rule in RULES if not rule.examples.bad or not rule.examples.good]
    assert lacking == []


def test_every_fixable_rule_states_a_fixed_example(rules):
    """A rule whose bad examples get a safe fix shows, in at least one, the text --fix makes."""
    lacking = []
    for rule in RULES:
        texts = [_unmark(example.text)[0] for example in rule.examples.bad]
        safe = any(f.fixable for text in texts
                   for f in lint.check_text(text, rule.examples.format, _config(rule), rules=rules))
        if safe and not any(example.fixed is not None for example in rule.examples.bad):
            lacking.append(rule.code)
    assert lacking == []
