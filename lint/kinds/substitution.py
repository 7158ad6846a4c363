"""Kind ``substitution``: a known wrong phrase, and the phrase the writer meant.

Rule data::

    swaps:
      - {use: skin, instead-of: pores and skin}

Matching is on tokens and ignores case. The suggestion keeps the found
text's capitalisation, and is marked safe to apply.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.matcher import PhraseMatcher
from spacy.vocab import Vocab

from ..finding import Match
from . import RuleKind, register


def match_case(found: str, replacement: str) -> str:
    """``replacement`` capitalised like ``found`` ("Pores and skin" -> "Skin")."""
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    if found[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@register
class Substitution(RuleKind):
    name = "substitution"
    fields = {"swaps": "list of {use, instead-of} pairs"}
    required = frozenset({"swaps"})

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        swaps = data["swaps"]
        if not isinstance(swaps, list) or not swaps:
            raise ValueError("field 'swaps' must be a non-empty list")
        self.replacements: dict[str, str] = {}
        for swap in swaps:
            if not isinstance(swap, dict) or set(swap) != {"use", "instead-of"}:
                raise ValueError("field 'swaps': each entry is {use: ..., instead-of: ...}")
            self.replacements[swap["instead-of"].lower()] = swap["use"]
        self._matchers: dict[int, PhraseMatcher] = {}

    def _matcher(self, vocab: Vocab) -> PhraseMatcher:
        # One matcher per vocabulary: patterns must be tokenized by the pipeline that parses.
        key = id(vocab)
        if key not in self._matchers:
            from spacy.lang.en import English

            tokenizer = English(vocab=vocab).tokenizer
            matcher = PhraseMatcher(vocab, attr="LOWER")
            for phrase in self.replacements:
                matcher.add(phrase, [tokenizer(phrase)])
            self._matchers[key] = matcher
        return self._matchers[key]

    def check(self, doc, context) -> Iterator[Match]:
        for index, block in enumerate(doc.docs):
            for _, start, end in self._matcher(block.vocab)(block):
                span = block[start:end]
                replacement = match_case(span.text, self.replacements[span.text.lower()])
                yield Match(index, span.start_char, span.end_char, (replacement,), fixable=True)
