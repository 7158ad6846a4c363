"""Kind ``spam-bare-url``: a raw URL standing in running prose where a word should be.

Link farms paste the target address into a sentence in place of its subject
("https://example.com/... causes your body's natural healing response").
A URL introduced as one ("visit", "see", "Source:", in brackets) is fine;
one followed straight on by a lower-case word, with no introduction, is the
tell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from ..finding import Match
from ..options import KindOptions
from . import RuleKind

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]]")
NEXT_WORD = re.compile(r"\s+[a-z]")
PREVIOUS_WORD = re.compile(r"([\w:(\[]+)\W*$")


class Options(KindOptions):
    introductions: frozenset[str] = Field(
        description="words after which a URL is introduced, not injected (\"visit\", \"see\")")


class SpamBareUrl(RuleKind, name="spam-bare-url"):
    Options = Options

    def __init__(self, rule, options: Options) -> None:
        super().__init__(rule, options)
        self.introductions = frozenset(word.lower() for word in options.introductions)

    def _introduced(self, before: str) -> bool:
        before = before.rstrip()
        if before.endswith((":", "(", "[", "<")):
            return True
        previous = PREVIOUS_WORD.search(before)
        return previous is not None and previous.group(1).lower() in self.introductions

    def check(self, doc, context) -> Iterator[Match]:
        for index, block in enumerate(doc.document.blocks):
            for url in URL.finditer(block.text):
                if NEXT_WORD.match(block.text, url.end()) and not self._introduced(block.text[:url.start()]):
                    yield Match(index, url.start(), url.end())
