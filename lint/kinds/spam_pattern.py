"""Kind ``spam-pattern``: boilerplate a template or scraper leaves in an article.

Rule data: ``patterns``, regular expressions (case-insensitive), inline or a
word-list data file of them. With ``whole-block: true`` a pattern must
match a whole block (a lone "Blog Article" line, a fake "Team Writer-Name"
byline), so the same words inside a sentence are left alone; otherwise every
match inside a block is reported ("Your email address will not be published").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field, field_validator

from ..finding import Match
from ..options import KindOptions, WordList
from . import RuleKind


class Options(KindOptions):
    patterns: WordList = Field(min_length=1, description="regular expressions (case-insensitive), or a word list of them")
    whole_block: bool = Field(False, description="true: a pattern must match a whole block")

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as error:
                raise ValueError(f"bad regular expression {pattern!r}: {error}") from None
        return patterns


class SpamPattern(RuleKind, name="spam-pattern"):
    Options = Options

    def __init__(self, rule, options: Options) -> None:
        super().__init__(rule, options)
        self.patterns = [re.compile(pattern, re.IGNORECASE) for pattern in options.patterns]

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
