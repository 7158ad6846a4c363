"""The junit report: a test case per file, a failure per finding, an error per unreadable file."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from click.testing import CliRunner

from cliniclint.cli import main


def test_cases_failures_and_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spun.txt").write_text("Protect your pores and skin.\nPores and skin & <b>\x0c</b>.\n")
    (tmp_path / "clean.txt").write_text("Wear sunscreen.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00")
    result = CliRunner().invoke(main, ["check", "--format", "junit", "--select", "SP101",
                                       "spun.txt", "clean.txt", "bad.txt"])
    root = ET.fromstring(result.stdout.encode())  # parses: every character is legal XML
    suite, = root.iter("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert sorted(cases) == ["bad.txt", "clean.txt", "spun.txt"]
    failures = cases["spun.txt"].findall("failure")
    assert [f.get("type") for f in failures] == ["SP101 warning", "SP101 warning"]
    assert failures[0].text.startswith("spun.txt:1:14: warning SP101 [spun-phrase]")
    assert "suggestion: skin" in failures[0].text and failures[1].text.startswith("spun.txt:2:1:")
    assert list(cases["clean.txt"]) == []
    error, = cases["bad.txt"]
    assert error.tag == "error" and "binary" in error.get("message")
