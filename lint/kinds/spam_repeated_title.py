"""Kind ``spam-repeated-title``: the title repeated as a heading, word for word or re-spun.

Scraped and spun pages often paste the title again further down, sometimes
after running it through the spinner ("The Go-To Remedy for Smooth Skin"
comes back as "The Go-To Resolution for Clean Pores and skin"). The title is
the document's title block, or else its first block when that is short (a
headline in a plain-text file). An HTML page's first top-level heading is
its visible headline and normally restates the <title>, so it is not a repeat. A later short block whose words match the
title's closely enough (``similarity``: the share of words two sequences have
in common, in order) is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from pydantic import Field

from ..finding import Match
from ..options import KindOptions
from . import RuleKind

_WORD = re.compile(r"[^\W_]+")
MAX_TITLE_WORDS = 30  # a longer first block is prose, not a headline


class Options(KindOptions):
    similarity: float = Field(gt=0, le=1, description="least word-sequence similarity (0-1) to the title that counts as a repeat")


def _words(text: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(text)]


class SpamRepeatedTitle(RuleKind, name="spam-repeated-title"):
    Options = Options
    message_fields = frozenset({"how"})

    def check(self, doc, context) -> Iterator[Match]:
        blocks = doc.document.blocks
        title = doc.document.title
        if title is None and blocks and len(_words(blocks[0].text)) <= MAX_TITLE_WORDS:
            title = blocks[0]
        if title is None:
            return
        title_words = _words(title.text)
        start = blocks.index(title) + 1
        headline = next((i for i in range(start, len(blocks))
                         if title.kind == "title" and blocks[i].kind == "heading" and blocks[i].level <= 1), None)
        for index in range(start, len(blocks)):
            if index == headline:
                continue
            words = _words(blocks[index].text)
            if len(words) > MAX_TITLE_WORDS or not words:
                continue
            ratio = SequenceMatcher(None, title_words, words, autojunk=False).ratio()
            if ratio >= self.options.similarity:
                how = "word for word" if words == title_words else "reworded"
                yield Match(index, 0, len(blocks[index].text), details={"how": how})
