"""spaCy token patterns matched only where they can match: a pattern runs on a block holding its words.

spaCy's ``Matcher`` tries every pattern it holds at every token, so a rule's
dozens of patterns cost as much on a block that cannot match them as on one
that does; over all claim rules that was more than the parse. Most patterns
name the words some of their tokens must be ("painless", a lemma of
"guarantee"): a block that lacks a word for each such token cannot match the
pattern. :class:`TokenPatterns` indexes each pattern by those words and, for
a block, runs only the patterns whose every required token has a word in the
block's word set (the ``block-words`` analysis: each token's text, lower case
and lemma). The patterns a block can match run together, in one ``Matcher``
per set of candidates (a ``Matcher`` call makes two Token objects per token of
the block, whatever it holds), kept for the sets met most recently; each
pattern is validated once, on first use. The matches are exactly those of one
``Matcher`` holding every pattern.

A word in a token's word list that the tokenizer splits ("self-conscious", ``{LOWER: {IN:
[ultra-comfortable]}}``) matches the tokens it is split into ("self", "-", "conscious"), as it does
in a phrase: :func:`split_words` writes it as that sequence. Without it such a word could never
match, and nothing said so.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

TokenPattern = list[dict[str, Any]]

# Token attributes whose value names the word a token must be, compared with a form in the block's word set.
_WORD_ATTRIBUTES = ("LOWER", "LEMMA", "TEXT", "ORTH")
# Quantifiers under which a pattern token must match at least one token.
_REQUIRED = (None, "+")
# Matchers kept per TokenPatterns, one per set of candidate patterns met (most recently used kept).
KEPT_MATCHERS = 256


# Attributes whose words are compared by lower-case text once split into tokens (a lemma of
# "fat-dissolving" is not "fat-dissolve": its parts are compared in lower case).
_SPLIT_AS = {"LOWER": "LOWER", "LEMMA": "LOWER"}


def split_words(pattern: TokenPattern, tokenize: Callable[[str], Sequence[str]]) -> list[TokenPattern]:
    """``pattern`` with each word of a required token's word list that the tokenizer splits into several
    tokens ("self-conscious" -> self, -, conscious; "teenager's"; "problem area") written as those tokens: one pattern
    for the token's other words, one for each such word. A token with a quantifier keeps its words as
    they are (an optional sequence is not one token)."""
    for index, token in enumerate(pattern):
        if "OP" in token:
            continue
        for attribute, part_attribute in _SPLIT_AS.items():
            value = token.get(attribute)
            words = [value] if isinstance(value, str) else (
                value["IN"] if isinstance(value, dict) and set(value) == {"IN"} else [])
            # only words with a hyphen, an apostrophe or a space: the tokenizer's exceptions split some
            # plain words when they stand alone ("id" -> "i", "d") that running text keeps whole
            split = {word: parts for word in words if not word.isalnum() and len(parts := tokenize(word)) > 1}
            if not split:
                continue
            before, after = pattern[:index], pattern[index + 1:]
            rest = [word for word in words if word not in split]
            variants = [[*before, {**token, attribute: {"IN": rest}}, *after]] if rest else []
            variants += [[*before, *({part_attribute: part} for part in parts), *after] for parts in split.values()]
            return [done for variant in variants for done in split_words(variant, tokenize)]
    return [pattern]


def named_words(token: dict[str, Any]) -> frozenset[str] | None:
    """The words a token pattern requires its token to be (by text, lower case or lemma), if it names any."""
    for attribute in _WORD_ATTRIBUTES:
        value = token.get(attribute)
        if isinstance(value, str):
            return frozenset({value})
        if isinstance(value, dict) and set(value) == {"IN"}:
            return frozenset(value["IN"])
    return None


def required_words(pattern: TokenPattern) -> tuple[frozenset[str], ...]:
    """For each token the pattern requires and names words for: those words (one of each is in every match)."""
    return tuple(words for token in pattern
                 if token.get("OP") in _REQUIRED and (words := named_words(token)) is not None)


class TokenPatterns:
    """Token patterns (phrases as lower-case tokens) of one pipeline, each matched only where it can match."""

    def __init__(self, patterns: Sequence[str | TokenPattern], vocab: Vocab,
                 tokenize: Callable[[str], Sequence[str]]) -> None:
        self._vocab = vocab
        self._patterns: list[TokenPattern] = []
        for item in patterns:
            if isinstance(item, str):
                self._patterns.append([{"LOWER": word} for word in tokenize(item)])
            else:
                self._patterns.extend(split_words(item, tokenize))
        self._required = [required_words(pattern) for pattern in self._patterns]
        self._unconditional = [index for index, required in enumerate(self._required) if not required]
        # Each pattern under the words of its first required token; the others are checked per block.
        self._by_word: dict[str, list[int]] = {}
        for index, required in enumerate(self._required):
            for word in required[0] if required else ():
                self._by_word.setdefault(word, []).append(index)
        self._validated: set[int] = set()
        self._index_of: dict[int, int] = {}  # a pattern's match id (the hash of its index as a string) -> index
        self._matchers: OrderedDict[tuple[int, ...], Matcher] = OrderedDict()

    def __call__(self, doc: Doc, words: frozenset[str]) -> list[Span]:
        """Every match in ``doc``, whose word set (text, lower case and lemma of its tokens) is ``words``."""
        return self.matches(doc, self.candidates(words))

    def candidates(self, words: frozenset[str]) -> list[int]:
        """The patterns that can match a block whose word set is ``words``: an empty list needs no Doc."""
        candidates = set(self._unconditional)
        indexed = self._by_word
        smaller, larger = (words, indexed) if len(words) < len(indexed) else (indexed, words)
        for word in smaller:
            if word in larger:
                candidates.update(indexed[word])
        return [index for index in sorted(candidates)
                if not any(required.isdisjoint(words) for required in self._required[index][1:])]

    def matches(self, doc: Doc, candidates: list[int]) -> list[Span]:
        """The matches in ``doc`` of the patterns ``candidates`` (from :meth:`candidates`) names, pattern by
        pattern in that order, each pattern's in the order its own ``Matcher`` gives them."""
        from spacy.tokens import Span

        if not candidates:
            return []
        by_pattern: dict[int, list[Span]] = {index: [] for index in candidates}
        index_of = self._index_of
        for match_id, start, end in self._matcher(tuple(candidates))(doc):
            by_pattern[index_of[match_id]].append(Span(doc, start, end))
        return [span for index in candidates for span in by_pattern[index]]

    def _matcher(self, candidates: tuple[int, ...]) -> Matcher:
        """One Matcher holding ``candidates``, each pattern added under its own index as match id."""
        matcher = self._matchers.get(candidates)
        if matcher is not None:
            self._matchers.move_to_end(candidates)
            return matcher
        from spacy.matcher import Matcher

        for index in candidates:
            if index not in self._validated:  # once: a malformed pattern fails as the Matcher reports it
                Matcher(self._vocab, validate=True).add(str(index), [self._patterns[index]])
                self._validated.add(index)
                self._index_of[self._vocab.strings[str(index)]] = index
        matcher = Matcher(self._vocab)
        for index in candidates:
            matcher.add(str(index), [self._patterns[index]])
        self._matchers[candidates] = matcher
        if len(self._matchers) > KEPT_MATCHERS:
            self._matchers.popitem(last=False)
        return matcher
