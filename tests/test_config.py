"""Configuration: discovery, validation, and its effect on which rules run and how severe they are."""

from __future__ import annotations

import pytest

from cliniclint import lint
from cliniclint.lint.config import Config, ConfigError, load_config

SPUN = "Protect your pores and skin from the sun."


def test_nearest_config_is_found_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cliniclint]\nfail-on = "error"\nvocabulary = ["Dermapen"]\n')
    nested = tmp_path / "articles" / "2026"
    nested.mkdir(parents=True)
    config = load_config(start=nested)
    assert config.fail_on == "error" and config.vocabulary == ("Dermapen",)
    assert config.source == str(tmp_path / "pyproject.toml")


def test_pyproject_without_a_cliniclint_table_is_passed_over(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "site"\n')
    assert load_config(start=tmp_path).source != str(tmp_path / "pyproject.toml")


def test_cliniclint_toml_wins_over_pyproject_in_the_same_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.cliniclint]\nfail-on = "error"\n')
    (tmp_path / "cliniclint.toml").write_text('fail-on = "info"\n')
    assert load_config(start=tmp_path).fail_on == "info"


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ('selekt = ["SP"]', "'selekt'"),
        ('fail-on = "sometimes"', "'fail-on'"),
        ('severity = { SP101 = "fatal" }', "'severity'"),
        ('select = "SP"', "'select'"),
    ],
)
def test_bad_values_name_the_key(tmp_path, toml, named):
    (tmp_path / "cliniclint.toml").write_text(toml + "\n")
    with pytest.raises(ConfigError, match=named):
        load_config(start=tmp_path)


def test_flags_override_config():
    config = Config(fail_on="error", select=("SP",)).with_overrides(fail_on="info", select=None)
    assert config.fail_on == "info" and config.select == ("SP",)


@pytest.mark.parametrize("selector", ["SP101", "SP1", "SP", "spin", "spun-phrase"])
def test_select_and_ignore_by_code_prefix_family_or_name(check, selector):
    assert any(f.code == "SP101" for f in check(SPUN, select=(selector,)))
    assert not any(f.code == "SP101" for f in check(SPUN, ignore=(selector,)))


def test_severity_override_by_code_or_family(check):
    assert {f.severity for f in check(SPUN, select=("SP101",), severity={"SP101": "error"})} == {"error"}
    assert {f.severity for f in check(SPUN, select=("SP101",), severity={"spin": "info"})} == {"info"}


def test_report_fails_at_or_above_fail_on(rules, tmp_path):
    (tmp_path / "a.txt").write_text(SPUN)
    config = Config(select=("SP101",), severity={"SP101": "warning"})
    report = lint.check_paths([str(tmp_path)], config=config, rules=rules)
    assert report.fails("info") and report.fails("warning")
    assert not report.fails("error") and not report.fails("never")


# Malformed files are one-line errors naming the file -----------------------------------


@pytest.mark.parametrize(("name", "content", "message"), [
    ("pyproject.toml", b"tool = 1\n", "'tool' must be a table, not 1"),
    ("pyproject.toml", b"[tool]\ncliniclint = 5\n", "the cliniclint settings must be a table of keys, not 5"),
    ("cliniclint.toml", b"select = [\n", "not valid TOML: "),
    ("cliniclint.toml", b'select = ["caf\xe9"]\n', "not valid UTF-8 (byte 14)"),
    ("cliniclint.toml", b"force-exclude = 1\n", "'force-exclude' must be true or false"),
    ("cliniclint.toml", b'max-file-size = "big"\n', "'max-file-size' must be a number of bytes or a size"),
])
def test_malformed_config_files_are_errors(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ConfigError) as raised:
        load_config(start=tmp_path)
    assert str(raised.value).startswith(f"{tmp_path / name}: {message}")
    with pytest.raises(ConfigError):
        load_config(tmp_path / name)  # the same through --config


@pytest.mark.parametrize("content", [b"select = [\n", b"\xff\xfe", b"tool = 1\n"])
def test_a_bad_config_flag_file_is_one_line_exit_2(tmp_path, monkeypatch, content):
    from click.testing import CliRunner

    from cliniclint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(SPUN)
    (tmp_path / "pyproject.toml").write_bytes(content)
    result = CliRunner().invoke(main, ["check", "--config", "pyproject.toml", "a.txt"])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("cliniclint: pyproject.toml: ")


def test_cliniclint_toml_also_takes_the_pyproject_table(tmp_path):
    (tmp_path / "cliniclint.toml").write_text('[tool.cliniclint]\nfail-on = "error"\n')
    assert load_config(start=tmp_path).fail_on == "error"


def test_sizes_and_switches(tmp_path):
    (tmp_path / "cliniclint.toml").write_text('max-file-size = "2 MiB"\nforce-exclude = true\n'
                                              'respect-gitignore = false\n')
    config = load_config(start=tmp_path)
    assert (config.max_file_size, config.force_exclude, config.respect_gitignore) == (2 * 2**20, True, False)


def test_a_grammar_url_is_marked_as_coming_from_the_file_until_a_flag_sets_it(tmp_path):
    (tmp_path / "cliniclint.toml").write_text('grammar = "https://lt.example.org"\n')
    config = load_config(start=tmp_path)
    assert config.grammar_url_from_file
    assert not config.with_overrides(grammar="https://lt.example.org").grammar_url_from_file
    (tmp_path / "cliniclint.toml").write_text('grammar = "local"\n')
    assert not load_config(start=tmp_path).grammar_url_from_file
