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
