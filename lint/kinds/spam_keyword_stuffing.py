"""Kind ``spam-keyword-stuffing``: a search keyword phrase forced into a sentence.

SEO copy stuffs the exact keyword a page targets into sentences whether it
fits or not: "microneedling will be the microneedling treatment best Answer"
carries the query "microneedling treatment best". The tell is a query tail
(``tails``: "best", "near me", "cheap") straight after a run of nouns, where
English puts neither a verb nor an adverb next, and the run repeats a word
already used earlier in the same sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from ..analysis.tokens import block_words, starts_sentence, token_keys
from ..finding import Match
from ..options import KindOptions
from . import RuleKind

# Keywords are noun runs; the tagger reads a product name used as a modifier as ADJ or VBG.
KEYWORD_POS = frozenset({"NOUN", "PROPN", "ADJ"})
# After a real "treatment best ..." English continues with a verb or adverb
# ("the treatment best suited", "which works best for").
NATURAL_NEXT_POS = frozenset({"VERB", "AUX", "ADV", "ADP", "PART", "PUNCT", "SCONJ", "CCONJ"})


class Options(KindOptions):
    tails: tuple[str, ...] = Field(description="words a search query ends with (\"best\", \"near me\")")


def _keyword_word(token) -> bool:
    return token.pos_ in KEYWORD_POS or token.tag_ == "VBG"


class SpamKeywordStuffing(RuleKind, name="spam-keyword-stuffing"):
    Options = Options
    analyses = (token_keys, block_words)

    def __init__(self, rule, options: Options) -> None:
        super().__init__(rule, options)
        # The tails by their first word: a block without one of those words is skipped unread.
        self.tails: dict[str, list[tuple[str, ...]]] = {}
        for tail in options.tails:
            words = tuple(tail.lower().split())
            self.tails.setdefault(words[0], []).append(words)

    def check(self, doc, context) -> Iterator[Match]:
        present = doc.get(block_words)
        for index in range(len(present)):
            if present[index].isdisjoint(self.tails):
                continue
            parsed = doc.docs[index]
            keys = doc.get(token_keys)[index]
            # The block's words read once: a tail is compared with a slice of them, not a Span per token.
            lower = [token.lower_ for token in parsed]
            for i, word in enumerate(lower):
                for tail in self.tails.get(word, ()):
                    end = i + len(tail)
                    if end > len(parsed) or tuple(lower[i:end]) != tail:
                        continue
                    start = i
                    while start > 0 and _keyword_word(parsed[start - 1]) and not starts_sentence(parsed[start]):
                        start -= 1
                    if start == i or (end < len(parsed) and parsed[end].pos_ in NATURAL_NEXT_POS):
                        continue
                    sentence = start
                    while sentence > 0 and not starts_sentence(parsed[sentence]):
                        sentence -= 1
                    earlier = {form for j in range(sentence, start) for form in keys[j]}
                    if any(keys[j] & earlier for j in range(start, i)):
                        span = parsed[start:end]
                        yield Match(index, span.start_char, span.end_char)
