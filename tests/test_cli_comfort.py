"""CLI comfort: init, rule pages, --quiet, --statistics, --exit-zero, and the pre-commit / Action integrations."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess

import pytest
import yaml
from click.testing import CliRunner

from cliniclint.cli import main
from cliniclint.lint.config import Config, load_config
from cliniclint.lint.readers import FORMATS_BY_SUFFIX
from conftest import ROOT

SPUN = "Protect your pores and skin from the sun. Pores and skin need care.\n"


def cli(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spun.txt").write_text(SPUN)
    (tmp_path / "clean.txt").write_text("Wear sunscreen.\n")
    return tmp_path


def test_init_writes_a_commented_config_that_loads_as_the_defaults(folder):
    result = cli("init")
    assert result.exit_code == 0
    text = (folder / "cliniclint.toml").read_text()
    assert text.count("\n#") > 10  # every setting explained
    config = load_config(folder / "cliniclint.toml")
    assert config == Config(source=str(folder / "cliniclint.toml"))


def test_init_never_overwrites(folder):
    (folder / "cliniclint.toml").write_text("select = ['spin']\n")
    result = cli("init")
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (folder / "cliniclint.toml").read_text() == "select = ['spin']\n"


def test_rule_page_shows_docs_and_examples():
    page = cli("rule", "SP101").stdout
    assert page.startswith("SP101 spun-phrase  (spin, warning")
    assert "Flagged:" in page and "[[pores and skin]]" in page and "Not flagged:" in page
    assert "RUF100" in cli("rule", "unused-suppression").stdout
    assert "MT101" in cli("rules").stdout


def test_quiet_prints_only_the_summary(folder):
    result = cli("check", "--select", "SP101", "--quiet", ".")
    assert (result.exit_code, result.stdout) == (1, "2 findings in 2 files (2 warning); by family: spin 2\n")


def test_statistics_count_findings_per_rule(folder):
    (folder / "more.md").write_text("# Care\n\n<!-- cliniclint-disable-next-line SP101 -->\nWear a hat.\n")
    result = cli("check", "--select", "SP101,MT101", "--statistics", ".")
    assert result.exit_code == 1
    assert [line.split() for line in result.stdout.splitlines()] == [
        ["2", "SP101", "spun-phrase", "spin", "2", "fixable"],
        ["1", "MT101", "unused-suppression", "meta"],
    ]
    rows = json.loads(cli("check", "--select", "SP101,MT101", "--statistics", "--format", "json", ".").stdout)
    assert [(row["code"], row["count"], row["fixable"]) for row in rows] == [("SP101", 2, 2), ("MT101", 1, 0)]
    assert cli("check", "--statistics", "--format", "sarif", ".").exit_code == 2


def test_exit_zero_and_fail_on(folder):
    assert cli("check", "--select", "SP101", "--exit-zero", "spun.txt").exit_code == 0
    assert cli("check", "--select", "SP101", "--fail-on", "error", "spun.txt").exit_code == 0
    assert cli("check", "--select", "SP101", "spun.txt").exit_code == 1
    (folder / "bad.txt").write_bytes(b"\x00")
    assert cli("check", "--select", "SP101", "--exit-zero", "bad.txt").exit_code == 2  # errors are not findings


def test_select_and_ignore_take_lists(folder):
    assert cli("check", "--select", "SP101,SP102", "--ignore", "SP1", "spun.txt").exit_code == 0
    assert cli("check", "--select", "SP101", "--select", "SP102", "spun.txt").exit_code == 1


def test_grammar_and_language_options_are_accepted(folder):
    result = cli("check", "--select", "SP101", "--grammar", "off", "--language", "en-GB", "clean.txt")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "junit", "html"])
def test_every_format_renders_and_can_be_written_to_a_file(folder, output_format):
    result = cli("check", "--select", "SP101", "--format", output_format, "-o", "report.out", ".")
    assert result.exit_code == 1 and result.stdout == ""
    assert "pores and skin" in (folder / "report.out").read_text(encoding="utf-8")


# Integrations -----------------------------------------------------------------


def test_pre_commit_hooks_run_cliniclint_on_the_files_it_reads(folder):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [hook["id"] for hook in hooks] == ["cliniclint", "cliniclint-fix"]
    for hook in hooks:
        pattern = re.compile(hook["files"])
        assert all(pattern.search(f"articles/a{suffix}") for suffix in FORMATS_BY_SUFFIX)
        assert not pattern.search("setup.py") and not pattern.search("notes.md.bak")
        program, *args = shlex.split(hook["entry"])
        assert program == "cliniclint" and hook["language"] == "python" and hook["require_serial"] is True
    # pre-commit appends the staged file names to the entry.
    check_args = shlex.split(hooks[0]["entry"])[1:]
    assert cli(*check_args, "--select", "SP101", "spun.txt").exit_code == 1
    assert cli(*check_args, "--select", "SP101", "clean.txt").exit_code == 0
    fix_args = shlex.split(hooks[1]["entry"])[1:]
    cli(*fix_args, "--select", "SP101", "spun.txt")
    assert (folder / "spun.txt").read_text() == "Protect your skin from the sun. Skin need care.\n"


def test_the_action_lints_uploads_sarif_and_fails_on_findings():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    lint_step = next(step for step in steps if step.get("id") == "lint")
    assert "cliniclint check --format sarif --output \"$SARIF\"" in lint_step["run"]
    # Inputs reach the script through the environment, never by template expansion inside it.
    assert all("${{" not in step.get("run", "") for step in steps)
    upload = next(step for step in steps if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}" and "always()" in upload["if"]
    assert 'exit "$STATUS"' in steps[-1]["run"]
    assert set(action["inputs"]) >= {"paths", "args", "sarif-file", "upload-sarif"}


def test_init_into_a_missing_folder_is_a_one_line_error(folder):
    result = cli("init", "--path", "sub/x.toml")
    assert (result.exit_code, result.stderr) == (2, "cliniclint: sub/x.toml: folder 'sub' does not exist\n")


def test_init_adds_a_cliniclint_table_to_pyproject_and_never_a_second(folder):
    (folder / "pyproject.toml").write_text('[project]\nname = "clinic-site"\n')
    assert cli("init", "--path", "pyproject.toml").exit_code == 0
    text = (folder / "pyproject.toml").read_text()
    assert text.startswith('[project]\nname = "clinic-site"\n\n[tool.cliniclint]\n')
    assert load_config(folder / "pyproject.toml") == Config(source=str(folder / "pyproject.toml"))
    again = cli("init", "--path", "pyproject.toml")
    assert again.exit_code == 2 and "already has a [tool.cliniclint] table" in again.stderr
    assert (folder / "pyproject.toml").read_text() == text


def test_init_writes_a_new_pyproject_with_the_table(folder):
    assert cli("init", "--path", "pyproject.toml").exit_code == 0
    assert (folder / "pyproject.toml").read_text().startswith("[tool.cliniclint]\n")
    assert load_config(start=folder).source == str(folder / "pyproject.toml")


def _action_step(key: str, value: str) -> str:
    """The bash script of the Action's step whose ``key`` is ``value``."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    return next(step for step in action["runs"]["steps"] if step.get(key) == value)["run"]


def _stand_in(folder, program: str, separator: str, status: int = 0) -> str:
    """A PATH on which ``program`` is a script printing each argument it gets as ``<arg>``."""
    bin_folder = folder / "bin"
    bin_folder.mkdir()
    (bin_folder / program).write_text(
        f'#!/bin/sh\nfor word in "$@"; do printf "<%s>{separator}" "$word"; done\nexit {status}\n')
    (bin_folder / program).chmod(0o755)
    return f"{bin_folder}:{os.environ['PATH']}"


def test_the_action_splits_args_like_a_shell_and_passes_them_as_words(folder):
    """Run the Action's lint step with a stand-in cliniclint that prints the words it was given."""
    script = _action_step("id", "lint")
    env = {"PATH": _stand_in(folder, "cliniclint", "\\n", status=1), "GITHUB_OUTPUT": str(folder / "out"),
           "UPLOAD": "false",
           "SARIF": "x.sarif", "ARGS": "--select 'spin, claim' --config \"my config.toml\" $(touch pwned)",
           "PATHS": "'articles/summer care' drafts;rm"}
    run = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, cwd=folder)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["<check>", "<--format>", "<github>", "<--select>", "<spin, claim>",
                                       "<--config>", "<my config.toml>", "<$(touch>", "<pwned)>", "<-->",
                                       "<articles/summer care>", "<drafts;rm>"]
    assert not (folder / "pwned").exists()
    assert (folder / "out").read_text() == "exit-code=1\n"
    unbalanced = subprocess.run(["bash", "-c", script], env={**env, "ARGS": "--select 'spin"},
                                capture_output=True, text=True, cwd=folder)
    assert "unclosed quote" in unbalanced.stdout and (folder / "out").read_text().endswith("exit-code=2\n")


@pytest.mark.parametrize(("version", "installed"), [
    ("", "<-m> <pip> <install> <--quiet> <ACTION>"),
    ("0.2.0", "<-m> <pip> <install> <--quiet> <cliniclint==0.2.0>"),
    ("1.0.0rc1", "<-m> <pip> <install> <--quiet> <cliniclint==1.0.0rc1>"),
    ("evil @ https://example.org/evil.whl", None),
    ("0.2.0 --index-url=https://example.org", None),
])
def test_the_action_installs_a_version_never_a_requirement_string(folder, version, installed):
    script = _action_step("name", "Install cliniclint")
    env = {"PATH": _stand_in(folder, "python", " "), "VERSION": version, "ACTION_PATH": "ACTION"}
    run = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True)
    if installed is None:
        assert run.returncode == 2 and "must be a version number" in run.stdout
    else:
        assert run.returncode == 0 and run.stdout.strip() == installed
