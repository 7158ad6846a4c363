"""Baselines: --write-baseline records findings, --baseline reports only new ones, whatever moved."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cliniclint.cli import main

SELECT = ("--select", "SP101")
ARTICLE = "# Sun care\n\nProtect your pores and skin from the sun.\n\nWear a hat in summer.\n"


def cli(*args):
    return CliRunner().invoke(main, list(args))


def texts(result) -> list[tuple[str, int]]:
    return [(f["text"], f["line"]) for file in json.loads(result.stdout)["files"] for f in file["findings"]]


@pytest.fixture
def recorded(tmp_path, monkeypatch):
    """An article and a baseline of its findings, in a fresh working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE)
    result = cli("check", *SELECT, "--write-baseline", "baseline.json", "a.md")
    assert result.exit_code == 0, result.output
    assert "recorded 1 finding in baseline.json" in result.stderr
    return tmp_path


def check_new(*args):
    return cli("check", *SELECT, "--format", "json", "--baseline", "baseline.json", *args, "a.md")


def test_known_findings_are_not_reported(recorded):
    result = check_new()
    assert (result.exit_code, texts(result)) == (0, [])


def test_identity_survives_edits_elsewhere(recorded):
    (recorded / "a.md").write_text("# Sun care\n\nA new first paragraph.\n\nAnd another one.\n\n"
                                   + ARTICLE.split("\n\n", 1)[1] + "\nA new last line.\n")
    assert texts(check_new()) == []


def test_a_new_finding_is_reported(recorded):
    (recorded / "a.md").write_text(ARTICLE + "\nMoisturise your pores and skin at night.\n")
    result = check_new()
    assert (result.exit_code, texts(result)) == (1, [("pores and skin", 7)])


def test_a_copy_of_a_known_finding_is_new(recorded):
    """Same phrase, same words around it: counted, so the extra copy is reported."""
    (recorded / "a.md").write_text(ARTICLE + "\nProtect your pores and skin from the sun.\n")
    assert [text for text, _ in texts(check_new())] == ["pores and skin"]


def test_the_same_phrase_in_a_new_context_is_new(recorded):
    (recorded / "a.md").write_text(ARTICLE.replace("from the sun", "from cold wind"))
    assert [text for text, _ in texts(check_new())] == ["pores and skin"]


def test_the_baseline_works_from_another_working_directory(recorded, monkeypatch):
    (recorded / "sub").mkdir()
    monkeypatch.chdir(recorded / "sub")
    result = cli("check", *SELECT, "--format", "json", "--baseline", "../baseline.json", "../a.md")
    assert (result.exit_code, texts(result)) == (0, [])


def test_the_baseline_file_is_readable_and_position_free(recorded):
    data = json.loads((recorded / "baseline.json").read_text())
    entry, = data["files"]["a.md"]
    assert entry["code"] == "SP101" and entry["text"] == "pores and skin"
    assert "line" not in entry and "column" not in entry


@pytest.mark.parametrize("content", [None, "not json", '{"files": {}}'])
def test_a_missing_or_foreign_baseline_is_an_error(tmp_path, monkeypatch, content):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE)
    if content is not None:
        (tmp_path / "baseline.json").write_text(content)
    result = check_new()
    assert result.exit_code == 2 and "baseline.json" in result.stderr


def test_baseline_and_write_baseline_together_is_a_usage_error(recorded):
    assert cli("check", "--baseline", "baseline.json", "--write-baseline", "b.json", "a.md").exit_code == 2
