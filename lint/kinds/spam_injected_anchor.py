"""Kind ``spam-injected-anchor``: link anchor text pasted into a paragraph as if it were prose.

Link schemes drop a keyword phrase about some unrelated subject into an
article, usually where a sentence starts ("... for your specific needs.
nicole kidman botox after that discuss your goals"). The tell is a sentence
that opens in lower case with a run of nouns: no writer starts a sentence
that way, and a lower-case sentence start after an abbreviation ("approx.
two weeks") or a brand written in lower case is not a run of two or more
nouns.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..finding import Match
from ..options import KindOptions
from . import RuleKind

PROSE_BLOCKS = frozenset({"paragraph", "list-item", "quote"})
ANCHOR_POS = frozenset({"NOUN", "PROPN", "ADJ"})
MIN_ANCHOR_WORDS = 2


class Options(KindOptions):
    abbreviations: frozenset[str] = Field(
        description="words that end in a full stop without ending a sentence (\"approx\", \"vs\")")


def _after_full_stop(doc, i: int, abbreviations: frozenset[str]) -> bool:
    """Whether token ``i`` follows a full stop that ends a sentence (not an abbreviation's)."""
    if i < 2 or doc[i - 1].text != ".":
        return False
    word = doc[i - 2]
    return word.is_alpha and len(word) > 1 and word.lower_ not in abbreviations


class SpamInjectedAnchor(RuleKind, name="spam-injected-anchor"):
    needs = frozenset({"tagger", "attribute_ruler"})
    Options = Options
    needs = frozenset({"tagger", "attribute_ruler"})

    def __init__(self, rule, options: Options) -> None:
        super().__init__(rule, options)
        self.abbreviations = frozenset(word.lower().rstrip(".") for word in options.abbreviations)

    def check(self, doc, context) -> Iterator[Match]:
        for index, (block, parsed) in enumerate(zip(doc.document.blocks, doc.docs)):
            if block.kind not in PROSE_BLOCKS:
                continue
            for token in parsed:
                if not (token.is_alpha and token.text.islower() and _after_full_stop(parsed, token.i, self.abbreviations)):
                    continue
                end = token.i
                while end < len(parsed) and parsed[end].is_alpha and parsed[end].text.islower() \
                        and parsed[end].pos_ in ANCHOR_POS:
                    end += 1
                if end - token.i >= MIN_ANCHOR_WORDS and end < len(parsed):
                    span = parsed[token.i:end]
                    yield Match(index, span.start_char, span.end_char)
