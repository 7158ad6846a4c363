"""Inline suppression comments, and the report of those that silence nothing (MT101)."""

from __future__ import annotations

import pytest


SPUN = "Protect your pores and skin from the sun."


def spin(check, text, format="markdown", **settings):
    """Findings of the spun-phrase rule (and the unused-suppression rule) as (code, text, line)."""
    settings.setdefault("select", ("SP101", "MT101"))
    return [(f.code, f.text, f.line) for f in check(text, format=format, **settings)]


def test_without_directives_the_phrase_is_reported(check):
    assert spin(check, f"{SPUN}\n") == [("SP101", "pores and skin", 1)]


def test_disable_next_line_silences_only_the_next_line(check):
    text = f"<!-- cliniclint-disable-next-line SP101 -->\n{SPUN}\n\n{SPUN}\n"
    assert spin(check, text) == [("SP101", "pores and skin", 4)]


def test_disable_next_line_skips_blank_lines(check):
    text = f"<!-- cliniclint-disable-next-line SP101 -->\n\n{SPUN}\n"
    assert spin(check, text) == []


def test_range_silences_until_enable(check):
    text = (f"{SPUN}\n\n<!-- cliniclint-disable SP101 -->\n\n{SPUN}\n\n{SPUN}\n\n"
            f"<!-- cliniclint-enable -->\n\n{SPUN}\n")
    assert [line for _, _, line in spin(check, text)] == [1, 11]


def test_range_without_enable_runs_to_the_end(check):
    text = f"{SPUN}\n\n<!-- cliniclint-disable SP101 -->\n\n{SPUN}\n"
    assert [line for _, _, line in spin(check, text)] == [1]


def test_enable_with_a_name_closes_only_ranges_that_share_it(check):
    text = ("<!-- cliniclint-disable SP101 -->\n<!-- cliniclint-disable claim -->\n\n"
            f"<!-- cliniclint-enable claim -->\n\n{SPUN}\n")
    assert spin(check, text) == []


def test_file_level_directive_anywhere_in_the_file(check):
    text = f"{SPUN}\n\n{SPUN}\n\n<!-- cliniclint-disable-file SP101 -->\n"
    assert spin(check, text) == []


@pytest.mark.parametrize("selector", ["SP101", "SP1", "SP", "spin", "spun-phrase", "SP101, CL101", "CL101 SP101"])
def test_directives_name_rules_as_select_does(check, selector):
    text = f"<!-- cliniclint-disable-next-line {selector} -->\n{SPUN}\n"
    assert [code for code, _, _ in spin(check, text, select=("SP101",))] == []


def test_a_directive_for_another_rule_does_not_silence(check):
    text = f"<!-- cliniclint-disable-next-line CL101 -->\n{SPUN}\n"
    assert [code for code, _, _ in spin(check, text, select=("SP101",))] == ["SP101"]


def test_a_bare_directive_silences_every_rule(check):
    text = f"<!-- cliniclint-disable-next-line -->\n{SPUN}\n"
    assert spin(check, text) == []


def test_html_comments_work_the_same(check):
    text = (f"<html><body><p>{SPUN}</p>\n<!-- cliniclint-disable-next-line spin -->\n"
            f"<p>{SPUN}</p>\n</body></html>\n")
    assert spin(check, text, format="html") == [("SP101", "pores and skin", 1)]


def test_plain_text_has_no_directives(check):
    text = f"<!-- cliniclint-disable-file SP101 -->\n{SPUN}\n"
    assert spin(check, text, format="text", select=("SP101",)) == [("SP101", "pores and skin", 2)]


def test_suppression_applies_to_the_whole_run(tmp_path):
    from cliniclint import lint

    article = tmp_path / "a.md"
    article.write_text(f"<!-- cliniclint-disable-next-line SP101 -->\n{SPUN}\n\n{SPUN}\n")
    report = lint.check_paths([str(article)], lint.Config(select=("SP101",)))
    assert [f.line for f in report.findings] == [4]


# Unused suppressions ---------------------------------------------------------


def unused(check, text, **settings):
    return [(f.text, f.message) for f in check(text, format="markdown", **settings) if f.code == "MT101"]


def test_a_directive_that_silences_nothing_is_reported_on_the_comment(check):
    comment = "<!-- cliniclint-disable-next-line SP101 -->"
    findings = [f for f in check(f"Intro.\n{comment}\nWear sunscreen.\n", format="markdown", select=("SP101", "MT101"))]
    finding, = findings
    assert (finding.code, finding.text, finding.line, finding.column) == ("MT101", comment, 2, 1)
    assert (finding.end_line, finding.end_column) == (2, len(comment) + 1)
    assert "SP101" in finding.message and finding.severity == "warning"


def test_only_the_unused_names_of_a_directive_are_reported(check):
    text = f"<!-- cliniclint-disable-next-line SP101, SP102 -->\n{SPUN}\n"
    (_, message), = unused(check, text, select=("SP101", "SP102", "MT101"))
    assert "'SP102'" in message and "SP101" not in message


def test_names_of_rules_that_did_not_run_are_not_judged(check):
    text = "<!-- cliniclint-disable-next-line SP102 -->\nWear sunscreen.\n"
    assert unused(check, text, select=("SP101", "MT101")) == []


@pytest.mark.parametrize(("comment", "reason"), [
    ("<!-- cliniclint-disable-next-line XX999 -->", "'XX999' names no rule"),
    ("<!-- cliniclint-disabel SP101 -->", "unknown directive 'cliniclint-disabel'"),
    ("<!-- cliniclint-enable -->", "closes no open"),
    ("<!-- cliniclint-disable-file -->", "silences no finding"),
])
def test_typos_and_dangling_directives_are_reported(check, comment, reason):
    (text, message), = unused(check, f"{comment}\nWear sunscreen.\n", select=("SP101", "MT101"))
    assert text == comment and reason in message


def test_the_report_of_unused_suppressions_can_be_switched_off(check):
    text = "<!-- cliniclint-disable-next-line SP101 -->\nWear sunscreen.\n"
    assert check(text, format="markdown", select=("SP101",)) == []
    assert check(text, format="markdown", select=("SP101", "MT101"), ignore=("MT101",)) == []
    assert check(text, format="markdown", select=("SP101", "meta"), ignore=("meta",)) == []


def test_unused_suppression_severity_is_configurable(check):
    text = "<!-- cliniclint-disable-next-line SP101 -->\nWear sunscreen.\n"
    finding, = check(text, format="markdown", select=("SP101", "MT101"), severity={"MT101": "info"})
    assert finding.severity == "info"


def test_the_rule_comes_from_a_pack_with_examples_that_run_as_markdown(rules):
    """MT101's examples are Markdown (plain text has no comments); tests/test_rule_examples.py runs them."""
    rule, = [rule for rule in rules if rule.code == "MT101"]
    assert rule.name == "unused-suppression" and rule.family == "meta"
    assert rule.examples.format == "markdown" and rule.examples.bad and rule.examples.good
