"""Word patterns: a small syntax for the phrase lists in ``rules/data`` that name procedures and caveats.

A pattern is space-separated steps matched against consecutive tokens of one
sentence:

- ``risk|risks`` - any of the words, compared with the token's lower-case
  text and its lemma (so inflections the tagger knows need not be listed);
- ``#num`` - a cardinal number ("3", "three"); ``#many`` - one other than one;
- ``...`` - skip up to 5 tokens before the next step (``...2``: up to 2);
- ``?word`` - an optional step;
- ``$NAME`` - the alternatives of a macro defined beside the patterns.

A word with a hyphen ("micro-needling", "follow-up|maintenance") matches the
tokens spaCy splits it into (``micro``, ``-``, ``needling``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

from .analysis.lexicon import english

DEFAULT_GAP = 5
_GAP = re.compile(r"^\.\.\.(\d*)$")
_MACRO = re.compile(r"\$([A-Z]+)")


def token_keys(token: Token) -> frozenset[str]:
    """What a pattern word may equal: the token's lower-case text or lemma."""
    return frozenset((token.lower_, token.lemma_.lower()))


@dataclass(frozen=True)
class Step:
    words: frozenset[str]  # one-token words; "#num"/"#many" are number tests
    compounds: tuple[tuple[str, ...], ...] = ()  # hyphenated words, as spaCy splits them
    optional: bool = False
    gap: int = 0  # tokens that may be skipped before this step

    @functools.cached_property
    def numeric(self) -> bool:
        return "#num" in self.words or "#many" in self.words

    def lengths(self, tokens: Sequence[Token], keys: Sequence[frozenset[str]], at: int) -> list[int]:
        """How many tokens from ``at`` this step can consume.

        A Token is made only where the keys cannot answer: a number test, or a compound whose parts are
        among the keys (a part must equal a token's lower case, which is one of its keys)."""
        found = []
        if not self.words.isdisjoint(keys[at]):
            found.append(1)
        elif self.numeric and (token := tokens[at]).like_num and token.tag_ == "CD" and (
                "#num" in self.words or token.lower_ not in english().single_numbers):
            found.append(1)
        for parts in self.compounds:
            if at + len(parts) <= len(tokens) and all(part in keys[at + n] for n, part in enumerate(parts)) and all(
                    tokens[at + n].lower_ == part for n, part in enumerate(parts)):
                found.append(len(parts))
        return found

    @property
    def first_words(self) -> frozenset[str]:
        return self.words | {parts[0] for parts in self.compounds}


@dataclass(frozen=True)
class Pattern:
    text: str
    steps: tuple[Step, ...]

    @property
    def words(self) -> frozenset[str]:
        """Every word the pattern names (a matched token that is none of these filled a gap)."""
        return frozenset().union(*(step.words | {part for parts in step.compounds for part in parts}
                                   for step in self.steps))

    def match_at(self, tokens: Sequence[Token], keys: Sequence[frozenset[str]], start: int) -> int | None:
        """End index of a match starting exactly at ``start``, or None."""
        return self._from(tokens, keys, start, 0, first=True)

    def _from(self, tokens, keys, i: int, k: int, first: bool = False) -> int | None:
        if k == len(self.steps):
            return i
        step = self.steps[k]
        reach = 0 if first else step.gap
        for j in range(i, min(i + reach + 1, len(tokens))):
            for length in step.lengths(tokens, keys, j):
                end = self._from(tokens, keys, j + length, k + 1)
                if end is not None:
                    return end
        if step.optional:
            return self._from(tokens, keys, i, k + 1, first)
        return None


def _expand(text: str, macros: Mapping[str, str]) -> str:
    def substitute(match: re.Match) -> str:
        name = match.group(1)
        if name not in macros:
            raise ValueError(f"pattern {text!r}: unknown macro ${name}")
        return macros[name]

    return _MACRO.sub(substitute, text)


def compile_pattern(text: str, macros: Mapping[str, str] = {}) -> Pattern:
    """``text`` in the syntax above, as steps; ValueError names the faulty pattern."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"pattern {text!r} must be non-empty text")
    steps: list[Step] = []
    gap = 0
    for raw in _expand(text, macros).split():
        if gap_mark := _GAP.match(raw):
            if not steps:
                raise ValueError(f"pattern {text!r} cannot start with a gap")
            gap = int(gap_mark.group(1) or DEFAULT_GAP)
            continue
        optional = raw.startswith("?")
        alternatives = raw.lstrip("?").lower().split("|")
        single = frozenset(word for word in alternatives if "-" not in word.strip("-"))
        # spaCy splits a hyphen between letters off as its own token
        compounds = tuple(tuple(re.split(r"(-)", word)) for word in alternatives if word not in single)
        steps.append(Step(single, compounds, optional, gap))
        gap = 0
    if gap or not steps or steps[0].optional:
        raise ValueError(f"pattern {text!r} must start and end with a word")
    return Pattern(text, tuple(steps))


class _Tokens(Sequence):
    """A span's tokens, each made when a pattern first reads it: most tokens of a sentence start no
    candidate pattern, and making a Token object costs more than testing its keys."""

    def __init__(self, span: Span) -> None:
        self._doc, self._start, self._length = span.doc, span.start, len(span)
        self._made: dict[int, Token] = {}

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> Token:
        token = self._made.get(index)
        if token is None:
            if not 0 <= index < self._length:
                raise IndexError(index)
            token = self._made[index] = self._doc[self._start + index]
        return token


@dataclass(frozen=True)
class Hit:
    """A pattern's match in a sentence: token offsets in the Doc, and the label of the set it came from."""

    pattern: Pattern
    span: Span
    label: str | None = None


class PatternSet:
    """Compiled patterns, indexed by their first words so that a sentence is scanned once."""

    def __init__(self, patterns: Sequence[str], macros: Mapping[str, str] = {}) -> None:
        self.patterns = [compile_pattern(text, macros) for text in patterns]
        self._labelled = [(pattern, None) for pattern in self.patterns]
        self._index()

    @classmethod
    def merged(cls, sets: Mapping[str, PatternSet]) -> PatternSet:
        """One index over several sets (a sentence scanned once for all of them), each hit labelled with
        its set's name."""
        merged = cls(())
        merged.patterns = [pattern for each in sets.values() for pattern in each.patterns]
        merged._labelled = [(pattern, label) for label, each in sets.items() for pattern in each.patterns]
        merged._index()
        return merged

    def _index(self) -> None:
        self._by_word: dict[str, list[tuple[Pattern, str | None]]] = {}
        self._numeric: list[tuple[Pattern, str | None]] = []
        for entry in self._labelled:
            for word in entry[0].steps[0].first_words:
                if word.startswith("#"):
                    self._numeric.append(entry)
                else:
                    self._by_word.setdefault(word, []).append(entry)
        self._first_words = frozenset(self._by_word)

    def hits(self, span: Span, keys: Sequence[frozenset[str]] | None = None) -> Iterator[Hit]:
        """Every (start, pattern) match in ``span``, longest first at each start.

        ``keys``: :func:`token_keys` of every token of the span's Doc (the ``pattern-keys`` analysis
        holds them per block), so that scanning a sentence for many sets computes them once.
        """
        if keys is None:
            tokens: Sequence[Token] = list(span)
            keys = [token_keys(token) for token in tokens]
        else:
            tokens = _Tokens(span)
            keys = keys[span.start:span.end]
        by_word, numeric, first_words = self._by_word, self._numeric, self._first_words
        if not numeric and first_words.isdisjoint(set().union(*keys)):
            return  # most sets name no word of most sentences: one test in C, no loop over its tokens
        for start, keys_here in enumerate(keys):
            candidates = [] if first_words.isdisjoint(keys_here) else [
                entry for key in keys_here for entry in by_word.get(key, ())]
            if numeric and tokens[start].like_num:
                candidates += numeric
            if not candidates:
                continue
            ends = []
            for pattern, label in candidates:
                end = pattern.match_at(tokens, keys, start)
                if end is not None:
                    ends.append((end, pattern, label))
            for end, pattern, label in sorted(ends, key=lambda item: -item[0]):
                yield Hit(pattern, span.doc[span.start + start:span.start + end], label)
