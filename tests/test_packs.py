"""Rule packs from users are bounded: linear-time regexes, YAML alias limits, confined data, safe templates."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from cliniclint.cli import main
from cliniclint.lint.data import MAX_YAML_NODES
from cliniclint.lint.rules import RulePackError, load_pack

CLINICLINT = (sys.executable, "-c", "from cliniclint.cli import main; main()")
RULE = """\
family: spam
rules:
  - code: SM901
    name: house-boilerplate
    kind: spam-pattern
    severity: warning
    message: {message}
    docs: Boilerplate our old theme left behind.
    patterns: {patterns}
"""


def cli(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A working folder whose config loads ``style/pack.yaml``; ``write(patterns=..., lines=...)`` fills it in."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "style" / "data").mkdir(parents=True)
    (tmp_path / "cliniclint.toml").write_text('rule-packs = ["style/pack.yaml"]\n')

    def write(lines=(), patterns="boilerplate.txt", message="\"'{text}' is boilerplate\""):
        (tmp_path / "style" / "data" / "boilerplate.txt").write_text("".join(line + "\n" for line in lines))
        (tmp_path / "style" / "pack.yaml").write_text(RULE.format(patterns=patterns, message=message))

    return write


def test_a_catastrophic_regex_runs_in_linear_time(site, tmp_path):
    site(["(a+)+$"])
    (tmp_path / "a.txt").write_text("Call now " + "a" * 5000 + "b.\n")  # backtracking would take years
    # A real process with a deadline far beyond what linear matching needs.
    result = subprocess.run([*CLINICLINT, "check", "--select", "SM901", "--format", "json", "a.txt"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["findings"] == 0


def test_a_pattern_re2_cannot_run_falls_back_with_a_warning(site, tmp_path):
    site(["call (?=now)"])
    (tmp_path / "a.txt").write_text("Please call now.\n")
    result = cli("check", "--select", "SM901", "--format", "json", "a.txt")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"cliniclint: warning: {tmp_path / 'style' / 'pack.yaml'}: rule SM901: field 'patterns': 'call (?=now)' "
        "needs Python's backtracking regex engine (RE2: invalid perl operator: (?=), so its matching time is not "
        "bounded"]
    assert [f["text"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["call "]


def test_patterns_match_any_letter_with_re2_classes(site, tmp_path):
    site([r"written by \pL+"])
    (tmp_path / "a.txt").write_text("Written by Émile.\n")
    result = cli("check", "--select", "SM901", "--format", "json", "a.txt")
    assert [f["text"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["Written by Émile"]


def test_an_invalid_regex_is_a_pack_error(site):
    site(["(unclosed"])
    result = cli("check", "--select", "SM901", ".")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "rule SM901: field 'patterns': bad regular expression '(unclosed'" in result.stderr


def bomb(levels: int = 9) -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        previous, name = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\nrules: *i\n"


def test_a_yaml_alias_bomb_is_refused_before_it_expands(tmp_path):
    pack = tmp_path / "bomb.yaml"
    pack.write_text(bomb())  # 9**9 nodes expanded: gigabytes
    with pytest.raises(RulePackError, match=f"not valid YAML: its aliases expand to more than {MAX_YAML_NODES:,}"):
        load_pack(pack)


def test_ordinary_aliases_still_load(tmp_path):
    pack = tmp_path / "pack.yaml"
    rule = ("  - {{code: {code}, name: {name}, kind: substitution, severity: warning, message: m, docs: {docs},"
            " swaps: *swaps}}\n")
    pack.write_text("family: spin\ndescription: &swaps [{use: skin, instead-of: pores and skin}]\nrules:\n"
                    + rule.format(code="SP901", name="one", docs="&docs Shared docs.")
                    + rule.format(code="SP902", name="two", docs="*docs"))
    assert [(rule.code, rule.docs) for rule in load_pack(pack)] == [("SP901", "Shared docs."), ("SP902", "Shared docs.")]


def test_a_recursive_alias_is_refused(tmp_path):
    pack = tmp_path / "loop.yaml"
    pack.write_text("rules: &r [*r]\n")
    with pytest.raises(RulePackError, match="an alias refers to a node that contains it"):
        load_pack(pack)


@pytest.mark.parametrize("name", ["/etc/hostname", "../../secret.txt", "~/notes.txt", "sub/../../x.txt"])
def test_data_paths_are_confined_to_the_packs_data_folder(site, name):
    site(["x"], patterns=f'"{name}"')
    result = cli("check", "--select", "SM901", ".")
    assert result.exit_code == 2
    assert f"field 'patterns': {name!r} must be a path inside the pack's data/ folder" in result.stderr


def test_a_data_file_linking_out_of_its_folder_is_refused(site, tmp_path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "words.txt"
    outside.write_text("secret\n")
    site(["x"], patterns="linked.txt")
    (tmp_path / "style" / "data" / "linked.txt").symlink_to(outside)
    result = cli("check", "--select", "SM901", ".")
    assert result.exit_code == 2 and "data/linked.txt is a link out of its data folder" in result.stderr


def test_a_pack_may_use_the_built_in_tables_by_name(site, tmp_path):
    site(patterns="spam-comment-form.txt")
    (tmp_path / "a.md").write_text("# Hi\n\nLeave a reply\n")
    result = cli("check", "--select", "SM901", "--format", "json", "a.md")
    assert [f["text"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["Leave a reply"]


@pytest.mark.parametrize(("message", "problem"), [
    ('"{0} is spam"', "unknown field {0}"),
    ('"{} is spam"', "unknown field {}"),
    ('"{text:>3000000000}"', "{text} takes no format spec or conversion"),
    ('"{text.__class__}"', "unknown field {text.__class__}"),
    ('"{suggestion[0]}"', "unknown field {suggestion[0]}"),
    ('"{nope}"', "unknown field {nope}"),
    ('"{text"', "field 'message': expected '}' before end of string"),
])
def test_message_templates_are_checked_when_the_pack_loads(site, message, problem):
    site(["x"], message=message)
    result = cli("check", "--select", "SM901", ".")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "rule SM901: " in result.stderr and problem in result.stderr


def test_regex_token_patterns_are_refused_in_claim_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pack.yaml").write_text(textwrap.dedent("""\
        family: claim
        rules:
          - code: CL901
            name: house-claim
            kind: claim
            severity: error
            message: "'{text}' is a claim"
            docs: A claim.
            category: guarantee
            suggestion: Say what is likely.
            patterns:
              - [{TEXT: {REGEX: "(a+)+$"}}]
    """))
    (tmp_path / "cliniclint.toml").write_text('rule-packs = ["pack.yaml"]\n')
    result = cli("check", ".")
    assert result.exit_code == 2
    assert "rule CL901: field 'patterns': REGEX is not allowed in token patterns" in result.stderr
