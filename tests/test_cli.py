"""The command line end to end: reports, exit codes, and clear errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cliniclint.cli import main
from conftest import CORPUS, ROOT

SCHEMA = json.loads((ROOT / "lint" / "report" / "report.schema.json").read_text())
SPUN = "Protect your pores and skin from the sun.\n"
CLEAN = "Wear sunscreen every day.\n"


def cli(*args, input=None, cwd=None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args), input=input)
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(main, list(args), input=input)


@pytest.fixture
def articles(tmp_path, monkeypatch):
    """A folder with one spun and one clean article, as the working directory (no config above it)."""
    (tmp_path / "spun.txt").write_text(SPUN)
    (tmp_path / "clean.md").write_text(CLEAN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_report_on_the_corpus_validates_against_the_shipped_schema():
    result = cli("check", "--format", "json", str(CORPUS))
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["summary"]["findings"] == sum(len(f["findings"]) for f in report["files"]) > 0
    assert report["model"].startswith("en_core_web_sm")


def test_text_report_marks_the_span_and_summarises(articles):
    result = cli("check", ".")
    assert result.exit_code == 1
    assert "spun.txt" in result.stdout and "clean.md" not in result.stdout
    lines = result.stdout.splitlines()
    marker = next(i for i, line in enumerate(lines) if "SP101" in line)
    excerpt, carets = lines[marker + 1], lines[marker + 2]
    start = carets.index("^")
    assert excerpt[start:start + carets.count("^")] == "pores and skin"
    assert "\x1b[" not in result.stdout  # no colour when not on a terminal
    assert "1 finding in 2 files" in result.stdout


def test_stdin_is_read_with_its_stated_name_and_format(articles):
    result = cli("check", "--format", "json", "-", "--stdin-filename", "draft.md",
                 input="# Draft\n\nProtect your *pores and skin* daily.\n")
    file, = json.loads(result.stdout)["files"]
    assert (file["path"], file["format"]) == ("draft.md", "markdown")
    assert [f["text"] for f in file["findings"]] == ["pores and skin"]


def test_fail_on_and_exit_codes(articles):
    assert cli("check", "clean.md").exit_code == 0
    assert cli("check", "spun.txt").exit_code == 1
    assert cli("check", "--fail-on", "never", "spun.txt").exit_code == 0
    assert cli("check", "--fail-on", "error", "spun.txt").exit_code == 0


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("missing.txt", None, "no such file"),
        ("binary.txt", b"\x89PNG\x00\x00\x01", "binary file"),
        ("latin1.txt", "café crème".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_input_names_the_file_and_the_reason_and_the_rest_is_linted(articles, name, content, reason):
    if content is not None:
        (articles / name).write_bytes(content)
    result = cli("check", "--format", "json", name, "spun.txt")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"cliniclint: {name}: {reason}")
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert files[name]["error"].startswith(reason)
    assert [f["text"] for f in files["spun.txt"]["findings"]] == ["pores and skin"]


def test_empty_file_has_no_findings_and_is_not_an_error(articles):
    (articles / "empty.txt").write_text("")
    result = cli("check", "--format", "json", "empty.txt")
    assert result.exit_code == 0
    file, = json.loads(result.stdout)["files"]
    assert file["findings"] == [] and file["error"] is None and file["words"] == 0


def test_unknown_format_is_a_usage_error(articles):
    result = cli("check", "--format", "yaml", "spun.txt")
    assert result.exit_code == 2
    assert "yaml" in result.stderr


def test_a_format_another_package_registers_is_accepted_and_used(articles, monkeypatch):
    import catalogue

    from cliniclint.lint import report

    # As an entry point of the cliniclint_reporters group would register it (removed afterwards).
    monkeypatch.setitem(catalogue.REGISTRY, ("cliniclint", "reporters", "count"),
                        lambda run, options: f"{len(run.findings)} findings")
    result = cli("check", "--format", "count", "--exit-zero", "--no-cache", "--grammar", "off", "spun.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(" findings") and result.stdout.strip() != "0 findings"
    assert "count" in report.formats()


def test_a_built_in_format_imports_its_own_reporter_only(articles):
    probe = ("import sys\nfrom cliniclint.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.startswith('cliniclint.lint.report.')), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", probe, "check", "--format", "json", "--no-cache", "--grammar", "off",
                          "spun.txt"], capture_output=True, text=True, timeout=300)
    imported = run.stderr.strip().splitlines()[-1]
    assert '"findings"' in run.stdout  # it did render
    assert "cliniclint.lint.report.json" in imported and "cliniclint.lint.report.html" not in imported


def test_unknown_config_key_is_named(articles):
    (articles / "cliniclint.toml").write_text('selekt = ["SP"]\n')
    result = cli("check", "spun.txt")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "cliniclint.toml" in result.stderr and "'selekt'" in result.stderr


def test_malformed_rule_pack_names_the_file_rule_and_field(articles):
    (articles / "pack.yaml").write_text(
        "rules:\n  - code: XX101\n    name: Bad Name\n    family: spin\n    kind: substitution\n"
        "    severity: warning\n    message: m\n    docs: d\n    swaps: [{use: a, instead-of: b}]\n"
    )
    (articles / "cliniclint.toml").write_text('rule-packs = ["pack.yaml"]\n')
    result = cli("check", "spun.txt")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "pack.yaml" in result.stderr and "XX101" in result.stderr and "'name'" in result.stderr


def test_directory_walk_skips_hidden_unknown_and_excluded(articles):
    (articles / ".hidden").mkdir()
    (articles / ".hidden" / "a.txt").write_text(SPUN)
    (articles / "notes.yaml").write_text("pores and skin")
    (articles / "drafts").mkdir()
    (articles / "drafts" / "b.txt").write_text(SPUN)
    (articles / "cliniclint.toml").write_text('exclude = ["drafts"]\n')
    result = cli("check", "--format", "json", ".")
    assert sorted(Path(f["path"]).name for f in json.loads(result.stdout)["files"]) == ["clean.md", "spun.txt"]


def test_rules_and_rule_documentation():
    listing = cli("rules")
    assert listing.exit_code == 0
    assert any(line.startswith("SP101  spun-phrase") for line in listing.stdout.splitlines())
    doc = cli("rule", "SP101")
    assert doc.exit_code == 0 and "spun-phrase" in doc.stdout and "Flagged:" in doc.stdout
    assert cli("rule", "ZZ999").exit_code == 2


def test_version_names_spacy_and_the_model():
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("cliniclint ")
    assert "spaCy 3." in result.stdout and "en_core_web_sm" in result.stdout


def test_python_dash_m_runs_the_same_command_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Our peels are painless.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "cliniclint", "check", "--no-cache", "--grammar", "off",
                             str(article)], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "painless" in result.stdout
    usage = subprocess.run([sys.executable, "-m", "cliniclint", "check", "--no-such-flag"],
                           capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert usage.returncode == 2 and usage.stderr.startswith("cliniclint: No such option")
