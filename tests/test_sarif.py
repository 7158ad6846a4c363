"""The sarif report validates against the official SARIF 2.1.0 schema and points at exact regions."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from cliniclint.cli import main
from conftest import CORPUS, ROOT

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())


def sarif(*args):
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "--select", "spin,meta", *args])
    return result, json.loads(result.stdout)


@pytest.fixture(scope="module")
def corpus_log():
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        result, log = sarif(str(CORPUS))  # an absolute path inside the working directory
    assert result.exit_code == 1, result.stderr
    return log


def test_the_corpus_report_validates_against_the_schema(corpus_log):
    jsonschema.validate(corpus_log, SCHEMA)
    assert corpus_log["version"] == "2.1.0" and corpus_log["runs"][0]["results"]


def test_regions_point_at_the_reported_text(corpus_log):
    run, = corpus_log["runs"]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        uri = location["artifactLocation"]["uri"]
        assert uri.startswith("corpus/")  # relative to the repository, as code scanning needs
        source = (ROOT / uri).read_bytes().decode("utf-8-sig")
        start, length = region["charOffset"], region["charLength"]
        assert source[start:start + length] == region["snippet"]["text"]
        lines = source.split("\n")
        assert lines[region["startLine"] - 1][region["startColumn"] - 1:].startswith(
            region["snippet"]["text"].split("\n")[0])


def test_rules_carry_their_documentation_and_results_their_rule(corpus_log):
    run, = corpus_log["runs"]
    rules = run["tool"]["driver"]["rules"]
    codes = [rule["id"] for rule in rules]
    assert "SP101" in codes and "MT101" in codes
    sp101 = rules[codes.index("SP101")]
    assert "spinner" in sp101["help"]["text"] and "pores and skin" in sp101["help"]["markdown"]
    assert sp101["defaultConfiguration"]["level"] == "warning"
    for result in run["results"]:
        assert codes[result["ruleIndex"]] == result["ruleId"]
        assert result["partialFingerprints"]["cliniclint/v1"]


def test_safe_fixes_are_included_as_replacements(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("Protect your pores and skin.\n")
    _, log = sarif(str(article))
    result, = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == article.as_uri()
    replacement, = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement == {"deletedRegion": {"charOffset": 13, "charLength": 14}, "insertedContent": {"text": "skin"}}
    jsonschema.validate(log, SCHEMA)


def test_unreadable_files_become_notifications(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result, log = sarif(str(tmp_path / "bad.txt"))
    jsonschema.validate(log, SCHEMA)
    invocation, = log["runs"][0]["invocations"]
    assert result.exit_code == 2 and invocation["executionSuccessful"] is False
    assert "binary" in invocation["toolExecutionNotifications"][0]["message"]["text"]
