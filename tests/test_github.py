"""The github report: one workflow command per finding, checked line by line."""

from __future__ import annotations

from click.testing import CliRunner

from cliniclint.cli import main
from cliniclint.lint.report.github import escape_data, escape_property


def github(*args):
    return CliRunner().invoke(main, ["check", "--format", "github", "--select", "SP101,MT101", *args])


def test_annotations_carry_file_position_title_and_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(
        "# Care\n\nProtect your pores and skin.\n\n<!-- cliniclint-disable-next-line SP101 -->\nWear a hat.\n")
    result = github("a.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::warning file=a.md,line=3,col=14,endLine=3,endColumn=28,title=SP101::"
        "'pores and skin' reads like article-spinner output; the writer probably meant 'skin'",
        "::warning file=a.md,line=5,col=1,endLine=5,endColumn=44,title=MT101::"
        "Unused suppression comment: 'SP101' silences no finding here",
    ]


def test_severities_map_to_error_warning_and_notice(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Protect your pores and skin.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00")
    for severity, command in (("error", "::error "), ("info", "::notice ")):
        result = CliRunner().invoke(main, ["check", "--format", "github", "--select", "SP101",
                                           "--config", str(_config(tmp_path, severity)), "a.txt"])
        assert result.stdout.startswith(command)
    assert github("bad.txt").stdout == "::error file=bad.txt,title=cliniclint::binary file (contains NUL bytes)\n"


def _config(folder, severity):
    path = folder / f"{severity}.toml"
    path.write_text(f'severity = {{ SP101 = "{severity}" }}\n')
    return path


def test_values_are_escaped_so_they_cannot_break_the_command():
    assert escape_data("50% off\r\nnow") == "50%25 off%0D%0Anow"
    assert escape_property("a,b:c.md") == "a%2Cb%3Ac.md"


def test_a_file_name_with_a_comma_is_escaped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "peels, part 1.txt").write_text("Protect your pores and skin.\n")
    line, = github("peels, part 1.txt").stdout.splitlines()
    assert line.startswith("::warning file=peels%2C part 1.txt,line=1,col=14,")
