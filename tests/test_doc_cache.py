"""Listing and documenting rules reads pack data only: no kind, no spaCy, the same docs as compiled rules."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from cliniclint.cli import main
from cliniclint.lint import cache, data, doc_cache
from cliniclint.lint.report.views import RuleDoc
from cliniclint.lint.doc_cache import documented_rules
from cliniclint.lint.rules import RulePackError

# Runs a command in a fresh interpreter and says which heavy modules it imported.
PROBE = ("import json, sys\nfrom cliniclint.cli import main\n"
         "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
         "print(json.dumps([name for name in ('spacy', 'numpy', 'thinc') if name in sys.modules]), file=sys.stderr)")
BROKEN_OPTIONS = ("rules:\n  - code: XX101\n    name: odd-swap\n    family: spin\n    kind: substitution\n"
                  "    severity: warning\n    message: m\n    docs: d\n    swaps: 12\n")


@pytest.fixture(autouse=True)
def _fresh_catalogue():
    doc_cache.kind_catalogue.cache_clear()
    yield
    doc_cache.kind_catalogue.cache_clear()


def _probe(*args: str) -> tuple[str, list[str]]:
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=os.environ)
    return run.stdout, json.loads(run.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("command", [("rules",), ("rule", "CL101"), ("rule", "spun-phrase")])
def test_rules_and_rule_import_no_spacy_once_the_catalogue_is_kept(command):
    first, cold = _probe(*command)  # a cold cache folder: the kinds are imported once to fill it
    again, imported = _probe(*command)
    assert "spacy" in cold and imported == [] and again == first and again.strip()


def test_documented_rules_read_as_the_compiled_ones(rules):
    kinds = doc_cache.kind_catalogue()
    documented = [RuleDoc.of(rule, kinds[rule.kind].options_schema) for rule in documented_rules()]
    assert documented == [RuleDoc.of(rule) for rule in rules]


def test_a_changed_code_digest_rebuilds_the_catalogue(monkeypatch):
    doc_cache.kind_catalogue()
    monkeypatch.setattr(doc_cache, "_computed", lambda: {"only-kind": doc_cache.KindEntry(frozenset(), {})})
    doc_cache.kind_catalogue.cache_clear()
    assert "only-kind" not in doc_cache.kind_catalogue()  # same code: the kept catalogue
    monkeypatch.setattr(cache, "code_digest", lambda: "an edited checkout")
    doc_cache.kind_catalogue.cache_clear()
    assert list(doc_cache.kind_catalogue()) == ["only-kind"]


@pytest.mark.parametrize("torn", [b"", b'{"claim": {"message_fields": ["hedged"]', b'{"claim": 3}', b"[]",
                                  b'{"claim": {"message_fields": [1], "options_schema": {}}}'])
def test_a_torn_or_malformed_catalogue_is_a_miss(torn):
    path = doc_cache._catalogue_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(torn)
    kinds = doc_cache.kind_catalogue()
    assert "claim" in kinds and "hedged" in kinds["claim"].message_fields
    assert json.loads(path.read_bytes())["claim"]["options_schema"] == kinds["claim"].options_schema


@pytest.fixture
def kept(tmp_path):
    """YAML parsed into ``tmp_path / 'cache'`` while the test runs."""
    data.keep_parsed(tmp_path / "cache")
    yield tmp_path / "cache" / "parsed-v1"
    data.keep_parsed(None)


def test_parsed_yaml_is_kept_by_its_bytes_and_a_torn_entry_is_parsed_again(kept, tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules: []\nfamily: spin\n")
    assert data.read_file(pack) == {"rules": [], "family": "spin"}
    (entry,) = kept.iterdir()
    assert json.loads(entry.read_bytes()) == {"rules": [], "family": "spin"}
    assert data.read_file(pack) == {"rules": [], "family": "spin"}
    pack.write_text("rules: []\nfamily: spam\n")
    assert data.read_file(pack) == {"rules": [], "family": "spam"}
    for entry in kept.iterdir():
        entry.write_bytes(b'{"rules": [')
    assert data.read_file(pack) == {"rules": [], "family": "spam"}
    assert not list(kept.glob(".tmp-*"))


def test_what_json_cannot_hold_exactly_is_parsed_each_time(kept, tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules: []\ndescription: 2024-01-02\nfamily: {1: spin}\n")
    first = data.read_file(pack)
    assert first == data.read_file(pack) and not kept.exists()


def test_every_built_in_table_reads_back_as_parsed(kept):
    tables = sorted(data.builtin_rules_folder().rglob("*.yaml"))
    parsed = [data.read_file(path) for path in tables]
    assert list(kept.iterdir()) and [data.read_file(path) for path in tables] == parsed


def test_no_cache_keeps_nothing_and_a_run_keeps_the_packs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text("Wear sunscreen every day.\n")
    try:
        assert CliRunner().invoke(main, ["check", "--no-cache", "--grammar", "off", "article.txt"]).exit_code == 0
        assert not (tmp_path / "cache").exists()
        assert CliRunner().invoke(main, ["check", "--cache-dir", "cache", "--grammar", "off", "article.txt"]).exit_code == 0
        packs = list(data.builtin_rules_folder().glob("*.yaml"))
        assert len(list((tmp_path / "cache" / "parsed-v1").glob("*.json"))) >= len(packs)
    finally:
        data.keep_parsed(None)


def test_a_broken_pack_is_one_line_exit_2_on_rules_and_on_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "article.txt").write_text("Wear sunscreen every day.\n")
    (tmp_path / "cliniclint.toml").write_text('rule-packs = ["pack.yaml"]\n')
    (tmp_path / "pack.yaml").write_text(BROKEN_OPTIONS.replace("odd-swap", "Odd Swap"))
    for command in (["rules"], ["rule", "XX101"], ["check", "--no-cache", "article.txt"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "'name'" in result.stderr
    # A kind's own fields are validated where the pack is compiled to check text.
    (tmp_path / "pack.yaml").write_text(BROKEN_OPTIONS)
    assert CliRunner().invoke(main, ["rules"]).exit_code == 0
    result = CliRunner().invoke(main, ["check", "--no-cache", "article.txt"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "pack.yaml" in result.stderr and "XX101" in result.stderr and "'swaps'" in result.stderr


def test_documented_rules_still_check_kinds_messages_and_unique_codes(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(BROKEN_OPTIONS.replace("kind: substitution", "kind: substitutoin"))
    with pytest.raises(RulePackError, match="unknown kind 'substitutoin'.*did you mean 'substitution'"):
        documented_rules([pack])
    pack.write_text(BROKEN_OPTIONS.replace("message: m", "message: '{nothing}'"))
    with pytest.raises(RulePackError, match="field 'message'"):
        documented_rules([pack])
    pack.write_text(BROKEN_OPTIONS.replace("XX101", "SP101"))
    with pytest.raises(RulePackError, match="code already used"):
        documented_rules([pack])
