"""Kind ``spam-pattern``: boilerplate a template or scraper leaves in an article.

Rule data: ``patterns`` names a word list in ``rules/data/`` of regular
expressions (case-insensitive). With ``whole-block: true`` a pattern must
match a whole block (a lone "Blog Article" line, a fake "Team Writer-Name"
byline), so the same words inside a sentence are left alone; otherwise every
match inside a block is reported ("Your email address will not be published").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..data import rule_data
from ..finding import Match
from . import RuleKind, register


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
        lines = rule_data(data["patterns"], "patterns")
        if not isinstance(lines, tuple) or not lines:
            raise ValueError("field 'patterns' must name a non-empty .txt list in rules/data/")
        self.whole_block = data.get("whole-block", False)
        if not isinstance(self.whole_block, bool):
            raise ValueError("field 'whole-block' is true or false")
        try:
            self.patterns = [re.compile(line, re.IGNORECASE) for line in lines]
        except re.error as error:
            raise ValueError(f"field 'patterns': bad regular expression {error.pattern!r}: {error}") from None

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
