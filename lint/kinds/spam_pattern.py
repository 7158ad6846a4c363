r"""Kind ``spam-pattern``: boilerplate a template or scraper leaves in an article.

Rule data: ``patterns``, regular expressions (case-insensitive), inline or a
word-list data file of them. With ``whole-block: true`` a pattern must
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
from pydantic import Field, field_validator

from ..finding import Match
from ..options import KindOptions, RuleWarning, WordList
from . import RuleKind


def _re2(pattern: str):
    """``pattern``, case-insensitive, on RE2, or the reason RE2 cannot run it."""
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would write its own lines to stderr
    try:
        return re2.compile(pattern, options), None
    except re2.error as error:
        return None, error.args[0].decode("utf-8", "replace") if isinstance(error.args[0], bytes) else str(error)


def compile_pattern(pattern: str):
    """``pattern`` on RE2; on Python's engine, with a RuleWarning, if RE2 cannot run it."""
    compiled, reason = _re2(pattern)
    if compiled is not None:
        return compiled
    warnings.warn(RuleWarning(f"field 'patterns': {pattern!r} needs Python's backtracking regex engine "
                              f"(RE2: {reason}), so its matching time is not bounded"), stacklevel=2)
    return re.compile(pattern, re.IGNORECASE)


class Options(KindOptions):
    patterns: WordList = Field(min_length=1, description="regular expressions (case-insensitive), or a word list of them")
    whole_block: bool = Field(False, description="true: a pattern must match a whole block")

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            if _re2(pattern)[0] is not None:
                continue
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as error:
                raise ValueError(f"bad regular expression {pattern!r}: {error}") from None
        return patterns


class SpamPattern(RuleKind, name="spam-pattern"):
    Options = Options

    def __init__(self, rule, options: Options) -> None:
        super().__init__(rule, options)
        self.patterns = [compile_pattern(pattern) for pattern in options.patterns]

    def check(self, doc, context) -> Iterator[Match]:
        for index, block in enumerate(doc.document.blocks):
            for pattern in self.patterns:
                if self.options.whole_block:
                    if pattern.fullmatch(block.text.strip()):
                        yield Match(index, 0, len(block.text))
                        break
                else:
                    for found in pattern.finditer(block.text):
                        yield Match(index, found.start(), found.end())
