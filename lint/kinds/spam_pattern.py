r"""Kind ``spam-pattern``: boilerplate a template or scraper leaves in an article.

Rule data: ``patterns`` names a word list in ``rules/data/`` of regular
expressions (case-insensitive). With ``whole-block: true`` a pattern must
match a whole block (a lone "Blog Article" line, a fake "Team Writer-Name"
byline), so the same words inside a sentence are left alone; otherwise every
match inside a block is reported ("Your email address will not be published").

Patterns come from whoever wrote the pack, so they run on RE2, whose matching
time is linear in the text: ``(a+)+$`` cannot stall a run. RE2 has no
backreferences or lookaround, and its ``\w``, ``\d`` and ``\b`` are ASCII
(``\pL`` is any letter). A pattern that needs what RE2 lacks runs on Python's
engine, with a warning when the pack loads, never silently.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import re2

from ..data import rule_data
from ..finding import Match
from . import RuleKind, register


def compile_pattern(pattern: str):
    """``pattern``, case-insensitive, on RE2; on Python's engine (with a RuleWarning) if RE2 cannot run it."""
    from ..rules import RuleWarning

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would write its own lines to stderr
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        reason = error.args[0].decode("utf-8", "replace") if isinstance(error.args[0], bytes) else str(error)
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"field 'patterns': bad regular expression {pattern!r}: {error}") from None
    warnings.warn(RuleWarning(f"field 'patterns': {pattern!r} needs Python's backtracking regex engine "
                              f"(RE2: {reason}), so its matching time is not bounded"), stacklevel=2)
    return compiled


@register
class SpamPattern(RuleKind):
    name = "spam-pattern"
    fields = {
        "patterns": "word list in rules/data/ of regular expressions (case-insensitive)",
        "whole-block": "true: a pattern must match a whole block (default false)",
    }
    required = frozenset({"patterns"})

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        lines = rule_data(data["patterns"], "patterns", self.pack)
        if not isinstance(lines, tuple) or not lines:
            raise ValueError("field 'patterns' must name a non-empty .txt list in rules/data/")
        self.whole_block = data.get("whole-block", False)
        if not isinstance(self.whole_block, bool):
            raise ValueError("field 'whole-block' is true or false")
        self.patterns = [compile_pattern(line) for line in lines]

    def check(self, doc, context) -> Iterator[Match]:
        for index, block in enumerate(doc.document.blocks):
            for pattern in self.patterns:
                if self.whole_block:
                    if pattern.fullmatch(block.text.strip()):
                        yield Match(index, 0, len(block.text))
                        break
                else:
                    for found in pattern.finditer(block.text):
                        yield Match(index, found.start(), found.end())
