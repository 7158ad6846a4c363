"""The YAML comment trap: an unquoted " #num" in a pattern starts a comment and silently cuts it short."""

from __future__ import annotations

from pathlib import Path

import pytest

from cliniclint.lint.rules import RulePackError, comment_traps, load_pack

RULES = Path(__file__).resolve().parent.parent / "rules"

PACK = """\
rules:
  - code: XX901
    name: trap-example
    kind: claim
    category: statistics
    severity: warning
    message: "'{text}' is a figure"
    suggestion: "Give the source."
    docs: A rule whose pattern is cut short by a comment.
    patterns:
      - up to #num %
"""


@pytest.mark.parametrize(("text", "lines"), [
    ("patterns:\n  - up to #num %\n", [2]),
    ("patterns: [painless, up to #num %]\n", [1]),
    ("cues:\n  - #botox\n", [2]),
    ("patterns:\n  - 'up to #num %'\n  - \"#botox\"\n", []),
    ("patterns:\n  - painless   # the adjective; #num in a comment is prose\n", []),
    ("# a whole-line comment about #num\npatterns: [painless]\n", []),
    ("docs: |\n  Says where #num goes.\n  - up to #num %\n", []),
    ("symbols: [\"£\", \"#\"]\n", []),
])
def test_an_unquoted_hash_word_after_content_is_a_comment_trap(text, lines):
    assert comment_traps(text) == lines


def test_the_pack_loader_names_the_file_and_line_of_a_comment_trap(tmp_path):
    pack = tmp_path / "trap.yaml"
    pack.write_text(PACK, encoding="utf-8")
    with pytest.raises(RulePackError, match=r"trap\.yaml:11: an unquoted ' #' starts a YAML comment"):
        load_pack(pack)


@pytest.mark.parametrize("path", sorted(RULES.rglob("*.yaml")), ids=lambda path: str(path.relative_to(RULES)))
def test_no_built_in_pack_or_data_file_has_a_comment_trap(path):
    # Data files are not read through the pack loader: their raw text is checked here.
    assert comment_traps(path.read_text(encoding="utf-8")) == []
