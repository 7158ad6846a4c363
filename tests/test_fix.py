"""--fix and --diff: safe spin swaps only, applied byte-exactly and atomically."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cliniclint import lint
from cliniclint.cli import main
from cliniclint.lint import fix
from cliniclint.lint.finding import Applicability, Finding, Fix
from conftest import CORPUS

SPUN = "Protect your pores and skin from the sun."
SELECT = ("--select", "SP101,MT101")


def cli(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def finding(start, end, applicability=Applicability.SAFE, suggestion="skin"):
    repair = Fix.replace(start, end, suggestion, applicability, "why") if applicability else None
    return Finding("a.txt", "SP101", "spun-phrase", "spin", "warning", "m", 1, start + 1, 1, end + 1,
                   start, end, "x" * (end - start), (suggestion,), repair)


# The mechanism ---------------------------------------------------------------


def test_only_safe_fixes_apply_unless_unsafe_ones_are_asked_for():
    found = [finding(0, 4), finding(5, 9, Applicability.UNSAFE), finding(10, 14, Applicability.DISPLAY_ONLY),
             finding(15, 19, None)]
    assert [edit.start for edit in fix.edits(found)] == [0]
    assert [edit.start for edit in fix.edits(found, unsafe=True)] == [0, 5]


def test_claims_and_caveats_carry_no_fix(rules):
    """Rewording a health claim or adding a caveat needs an editor: their kinds never propose a fix."""
    report = lint.check_paths([str(CORPUS)], lint.Config(select=("claim", "caveat"), exclude=("README.md",)), rules)
    findings = report.findings
    assert {f.family for f in findings} == {"claim", "caveat"}
    assert [f for f in findings if f.fix is not None] == []


def test_overlapping_fixes_keep_the_first():
    assert [(e.start, e.end) for e in fix.edits([finding(4, 10), finding(0, 6), finding(10, 12)])] == [(0, 6), (10, 12)]


def test_a_stale_file_is_not_fixed():
    try:
        fix.fix_bytes(b"changed text", "linted text", [fix.Edit(0, 6, "x")])
    except fix.StaleFile:
        return
    raise AssertionError("a file that changed since it was linted was fixed")


# Property: everything outside the replaced spans is byte-identical -------------

_fragments = st.sampled_from([
    "Protect your pores and skin", " from the sun.", "Wear sunscreen", " daily", "; ", ", ", " ",
    "Pores and skin", "PORES AND SKIN", " café ✓ 日本", "\t", "  ", "micro-accidents", " heal.",
])
_endings = st.sampled_from(["\n", "\r\n", "\r\n\r\n", "\n\n"])


@st.composite
def articles(draw):
    lines = draw(st.lists(st.lists(_fragments, min_size=1, max_size=6).map("".join), min_size=1, max_size=5))
    ending = draw(_endings)
    bom = draw(st.booleans())
    text = ending.join(lines) + draw(st.sampled_from(["", ending]))
    return (fix.BOM if bom else b"") + text.encode("utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=articles())
@example(data=fix.BOM + "Protect your pores and skin\r\nPORES AND SKIN heal, café ✓ pores and skin.".encode())
def test_fixing_changes_only_the_replaced_spans(data, rules):
    source = data.decode("utf-8-sig")
    findings = lint.check_text(source, "text", lint.Config(select=("SP101",)), rules=rules)
    changes = fix.edits(findings)
    fixed = fix.fix_bytes(data, source, changes)

    bom = fix.BOM if data.startswith(fix.BOM) else b""
    assert fixed.startswith(bom) and fixed.count(fix.BOM) == data.count(fix.BOM)
    # Walk both texts: every gap between replaced spans must be the same bytes in both.
    original, result = data[len(bom):], fixed[len(bom):]
    old_at = new_at = 0
    for change in changes:
        start = len(source[:change.start].encode("utf-8"))
        end = len(source[:change.end].encode("utf-8"))
        gap = start - old_at
        assert result[new_at:new_at + gap] == original[old_at:start]
        new_at += gap
        replacement = change.replacement.encode("utf-8")
        assert result[new_at:new_at + len(replacement)] == replacement
        new_at += len(replacement)
        old_at = end
    assert result[new_at:] == original[old_at:]
    assert fixed.count(b"\r\n") == data.count(b"\r\n")


# The command line ------------------------------------------------------------


def test_fix_rewrites_the_file_keeping_bom_crlf_and_mode(tmp_path):
    article = tmp_path / "a.md"
    article.write_bytes(fix.BOM + f"# Sun care\r\n\r\n{SPUN}\r\nPores and skin age.\r\n".encode())
    article.chmod(0o640)
    result = cli("check", "--fix", *SELECT, str(article))
    assert article.read_bytes() == fix.BOM + b"# Sun care\r\n\r\nProtect your skin from the sun.\r\nSkin age.\r\n"
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]  # no temporary file left behind
    assert "fixed 2 findings in 1 file\n" in result.stderr
    assert result.exit_code == 0, result.output  # nothing left to report


def test_a_file_with_nothing_safe_to_fix_is_left_untouched(tmp_path):
    """It has a finding (a stale suppression comment), but no safe fix: the file is not even rewritten."""
    article = tmp_path / "notes.md"
    content = fix.BOM + b"<!-- cliniclint-disable-next-line SP101 -->\r\nWear sunscreen daily.  \r\n\r\nNo newline at end"
    article.write_bytes(content)
    before = article.stat()
    result = cli("check", "--fix", *SELECT, str(article))
    after = article.stat()
    assert article.read_bytes() == content
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert result.exit_code == 1 and "MT101" in result.stdout  # the finding is still reported
    assert "fixed 0 findings in 0 files" in result.stderr


def test_a_spun_phrase_spelled_with_markup_is_reported_but_not_fixed(tmp_path):
    """Replacing "pores <b>and</b> skin" would drop the markup inside it: that is an editor's call."""
    article = tmp_path / "page.html"
    content = b"<p>Protect your pores <b>and</b> skin &amp; hair.</p>\n"
    article.write_bytes(content)
    result = cli("check", "--fix", *SELECT, str(article))
    assert article.read_bytes() == content
    assert result.exit_code == 1 and "pores <b>and</b> skin" in result.stdout


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(f"Sun care.\n{SPUN}\n")
    before = article.read_bytes()
    result = cli("check", "--diff", *SELECT, str(article))
    assert article.read_bytes() == before
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"--- a/{article}",
        f"+++ b/{article}",
        "@@ -1,2 +1,2 @@",
        " Sun care.",
        f"-{SPUN}",
        "+Protect your skin from the sun.",
    ]
    clean = tmp_path / "clean.txt"
    clean.write_text("Wear sunscreen.\n")
    assert cli("check", "--diff", *SELECT, str(clean)).stdout == ""


def test_fix_on_stdin_prints_the_fixed_text(tmp_path):
    result = cli("check", "--fix", *SELECT, "-", "--stdin-filename", "draft.md", input=f"# Draft\n\n{SPUN}\n")
    assert result.stdout == "# Draft\n\nProtect your skin from the sun.\n"
    assert result.exit_code == 0


def test_write_atomically_replaces_in_one_step(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")
    inode = target.stat().st_ino
    fix.write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_ino != inode  # a new file renamed over the old one, not rewritten in place
    assert os.listdir(tmp_path) == ["a.txt"]


def test_unsafe_fixes_only_when_asked_for(tmp_path):
    """Lower-casing a capital mid-sentence may break a name: an unsafe fix, applied with --unsafe-fixes only."""
    article = tmp_path / "a.txt"
    article.write_text("Fillers give An immediate result.\n")
    kept = cli("check", "--fix", "--select", "SP103", str(article))
    assert article.read_text() == "Fillers give An immediate result.\n"
    assert "fixed 0 findings in 0 files" in kept.stderr and kept.exit_code == 0  # SP103 is info
    cli("check", "--fix", "--unsafe-fixes", "--select", "SP103", str(article))
    assert article.read_text() == "Fillers give an immediate result.\n"


def test_the_library_fixes_text_until_nothing_is_left_to_fix(rules):
    result = lint.fix.fix_text("Protect your pores and skin from great traces.", rules=rules,
                               config=lint.Config(select=("spin",)))
    assert (result.text, result.applied, result.findings) == ("Protect your skin from fine lines.", 2, [])


# Writing only what is safe to write ---------------------------------------------------


def test_fix_through_a_symlink_edits_the_target_and_keeps_the_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    target = tmp_path / "articles" / "real.txt"
    target.write_text(SPUN + "\n")
    link = tmp_path / "articles" / "alias.txt"
    link.symlink_to("real.txt")
    result = cli("check", "--fix", *SELECT, "articles/alias.txt")
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert target.read_text() == "Protect your skin from the sun.\n"


def test_fix_refuses_a_symlink_to_a_file_outside_the_tree(tmp_path, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outside = tmp_path_factory.mktemp("elsewhere") / "shared.txt"
    outside.write_text(SPUN + "\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "shared.txt").symlink_to(outside)
    result = cli("check", "--fix", "--follow-links", *SELECT, "site")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "cliniclint: site/shared.txt: a symbolic link to a file outside the tree being linted; not fixed")
    assert outside.read_text() == SPUN + "\n" and (tmp_path / "site" / "shared.txt").is_symlink()
    assert "SP101" in result.stdout  # the finding stands, as the file does


def test_fix_refuses_a_read_only_file(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SPUN + "\n")
    article.chmod(0o444)
    result = cli("check", "--fix", *SELECT, str(article))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"cliniclint: {article}: read-only; not fixed"
    assert article.read_text() == SPUN + "\n" and stat.S_IMODE(article.stat().st_mode) == 0o444
    assert "fixed 0 findings in 0 files" in result.stderr


def test_fix_refuses_a_file_with_hard_links_and_keeps_them(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SPUN + "\n")
    twin = tmp_path / "b.txt"
    os.link(article, twin)
    result = cli("check", "--fix", *SELECT, str(article))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"cliniclint: {article}: has 2 hard links, which replacing it would split; not fixed "
        "(--diff shows the fix to apply by hand)")
    assert article.stat().st_ino == twin.stat().st_ino and twin.read_text() == SPUN + "\n"


def test_an_edit_made_between_linting_and_writing_is_never_lost(tmp_path, monkeypatch):
    """The writer saves the file while the later fix passes run: its edit wins, the fix is not written."""
    article = tmp_path / "a.txt"
    article.write_text(SPUN + " Pores and skin.\n")
    real = fix.run
    calls = []

    def lint_then_edit(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:  # the second pass, after the first fixes were computed from the file
            article.write_text("The writer's new text.\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(fix, "run", lint_then_edit)
    result = cli("check", "--fix", *SELECT, str(article))
    assert len(calls) >= 2
    assert article.read_text() == "The writer's new text.\n"
    assert result.exit_code == 2
    assert f"cliniclint: {article}: changed since it was read; not fixed" in result.stderr.splitlines()


def test_an_edit_made_while_the_fixed_file_is_written_is_never_lost(tmp_path, monkeypatch):
    """The last check runs once the new content is on disk, just before it replaces the file."""
    from cliniclint.lint import files

    article = tmp_path / "a.txt"
    article.write_text(SPUN + "\n")
    real_fsync = files.os.fsync

    def fsync_then_edit(descriptor):
        real_fsync(descriptor)
        article.write_text("Saved by the editor meanwhile.\n")

    monkeypatch.setattr(files.os, "fsync", fsync_then_edit)
    result = cli("check", "--fix", *SELECT, str(article))
    assert article.read_text() == "Saved by the editor meanwhile.\n"
    assert result.exit_code == 2 and "changed since it was read; not fixed" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # the temporary file is gone


def test_write_fixed_checks_the_content_right_before_replacing(tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes(b"original")
    with pytest.raises(fix.NotFixed, match="changed since it was read"):
        fix.write_fixed(article, str(tmp_path), b"something else", b"fixed")
    assert article.read_bytes() == b"original"
    fix.write_fixed(article, str(tmp_path), b"original", b"fixed")
    assert article.read_bytes() == b"fixed"
