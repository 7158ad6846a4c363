"""The places in a parsed block where a spinner may have swapped a word, and what could have stood there.

A slot is a content word, or a two- or three-word span that the thesaurus
knows as one entry ("optical maser", "air conditioning"). Its candidates are
the thesaurus neighbours of its lemma for its part of speech, put into the
slot's inflection. Capitalised words the tagger calls proper nouns are slots
too when their lower-case form is an ordinary word: spinners capitalise their
swaps ("Sunshine publicity") and the tagger then reads them as names. A
capitalised word next to another capitalised word is part of a name ("Care
Quality Commission", "Blue Radiance Peel") and no slot, as the capitalisation
rule reads it; a capital after a bullet, a dash or a line-opening mark starts
a sentence (``starts_sentence``), as in flattened lists.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..analysis.tokens import in_name, is_capitalised, starts_sentence
from .context import Slot
from .inflection import inflect
from .keys import START, normal
from .thesaurus import Related, Thesaurus

CONTENT_POS = {"NOUN": "NOUN", "VERB": "VERB", "ADJ": "ADJ", "ADV": "ADV", "PROPN": "NOUN"}
MAX_PHRASE = 3


@dataclass(frozen=True)
class Site:
    """A slot in a block: its token span, what it says, and the candidates that might have been there."""

    start: int  # token index
    end: int
    pos: str
    lemma: str  # the thesaurus entry the slot was looked up by
    seen: Slot
    fillers: tuple[tuple[str, ...], ...]  # each candidate's tokens, in the slot's inflection
    related: tuple[Related, ...]
    capitalised: bool  # an initial capital in the middle of a sentence
    proper: bool  # tagged a proper noun (the tagger's view: named-entity recognition would cost a third of a parse)
    compound: tuple[str | None, str | None] = (None, None)  # the segments before and after it in a hyphenated word

    @functools.cached_property
    def candidates(self) -> tuple[Slot, ...]:
        """The candidates in the slot's context (built only for the slots that are scored)."""
        return tuple(Slot(self.seen.left, words, self.seen.right) for words in self.fillers)


def words_of(text: str) -> tuple[str, ...]:
    """A candidate as the tokenizer would split it: hyphens between words are tokens of their own."""
    words: list[str] = []
    for part in text.split(" "):
        pieces = part.split("-")
        for index, piece in enumerate(pieces):
            if index:
                words.append("-")
            if piece:
                words.append(normal(piece))
    return tuple(words)


# The helpers below take a block's tokens as a list: indexing a spaCy Doc builds a new Token each time.

def _neighbour(tokens: Sequence[Token], index: int, step: int) -> Token | None:
    index += step
    while 0 <= index < len(tokens) and tokens[index].is_space:
        index += step
    return tokens[index] if 0 <= index < len(tokens) else None


def _segment(tokens: Sequence[Token], index: int, step: int) -> str | None:
    """The word joined by a hyphen to token ``index`` on side ``step`` ("wound" for "healing" in
    "wound-healing"), as the counts spell it; None outside a compound."""
    hyphen, other = index + step, index + 2 * step
    if not (0 <= min(hyphen, other) and max(hyphen, other) < len(tokens)) or tokens[hyphen].text != "-":
        return None
    if tokens[min(index, hyphen)].whitespace_ or tokens[min(hyphen, other)].whitespace_ \
            or not tokens[other].is_alpha:
        return None
    return normal(tokens[other].text)


class _Words:
    """A block's tokens with the attributes the slot finder asks of nearly every one, each read once
    (a Token's string attributes are looked up in the StringStore at every access)."""

    def __init__(self, doc: Doc) -> None:
        self.tokens = tokens = list(doc)
        self.text = [token.text for token in tokens]
        self.lower = [token.lower_ for token in tokens]
        self.lemma = [token.lemma_.lower() for token in tokens]
        self.pos = [token.pos_ for token in tokens]
        self.alpha = [token.is_alpha for token in tokens]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``[start, end)``, as ``Span.text`` spells it."""
        if end - start == 1:
            return self.text[start]
        return "".join(token.text_with_ws for token in self.tokens[start:end - 1]) + self.text[end - 1]


CACHE_SIZE = 50_000  # (entry, part of speech, tag) combinations whose candidates are kept


class SlotFinder:
    """Finds slots; ``limit`` keeps only each entry's first candidates (closest relation and sense first)."""

    def __init__(self, thesaurus: Thesaurus, forms: dict[str, list[str]], limit: int | None = None) -> None:
        self.thesaurus = thesaurus
        self.forms = forms
        self.limit = limit
        self._fillers: dict[tuple[str, str, str], tuple[str, ...]] = {}

    def _candidates(self, entry: str, pos: str, tag: str) -> tuple[tuple[Related, ...], tuple[tuple[str, ...], ...]]:
        """An entry's candidates and their words in the slot's inflection, computed once per combination."""
        found = self._fillers.get((entry, pos, tag))
        if found is None:
            related = tuple(self.thesaurus.related(entry, pos)[:self.limit])
            found = related, tuple(words_of(inflect(r.word, tag, self.forms)) for r in related)
            if len(self._fillers) >= CACHE_SIZE:
                self._fillers.clear()
            self._fillers[entry, pos, tag] = found
        return found

    def _word(self, words: _Words, index: int) -> tuple[str, str] | None:
        """(part of speech, thesaurus entry) of a content word with candidates."""
        pos = CONTENT_POS.get(words.pos[index])
        if pos is None or not words.alpha[index] or len(words.text[index]) < 3 or words.tokens[index].is_stop:
            return None
        for lemma in (words.lemma[index], words.lower[index]):
            if self.thesaurus.has(lemma, pos):
                return pos, lemma
        return None

    def _phrase(self, words: _Words, start: int) -> tuple[int, str, str] | None:
        """The longest span from ``start`` the thesaurus knows as one entry: (end, pos, entry)."""
        if start + 1 >= len(words.tokens):
            return None
        starts = self.thesaurus.phrase_starts
        lower, lemma = words.lower, words.lemma
        first, first_lemma, second, second_lemma = lower[start], lemma[start], lower[start + 1], lemma[start + 1]
        if (first, second) not in starts and (first, second_lemma) not in starts \
                and (first_lemma, second) not in starts and (first_lemma, second_lemma) not in starts:
            return None
        alpha, text_of, pos_of = words.alpha, words.text, words.pos
        # A phrase is words and hyphens, ending in a word: ``run`` is where the words and hyphens stop.
        run = start
        while run < min(len(text_of), start + MAX_PHRASE * 2 - 1) and (alpha[run] or text_of[run] == "-"):
            run += 1
        for end in range(run, start + 1, -1):
            if not alpha[end - 1]:
                continue
            text = " ".join(words.span_text(start, end).lower().split())
            bases = {
                "NOUN": text[:len(text) - len(text_of[end - 1])] + lemma[end - 1],
                "ADJ": text,
                "ADV": text,
                "VERB": lemma[start] + text[len(text_of[start]):],
            }
            for pos in dict.fromkeys(filter(None, (CONTENT_POS.get(pos_of[end - 1]), CONTENT_POS.get(pos_of[start])))):
                for base in dict.fromkeys((bases[pos], text)):
                    if self.thesaurus.has(base, pos):
                        return end, pos, base
        return None

    def sites(self, doc: Doc, exempt: Collection[str] = (), capitals: bool = True) -> list[Site]:
        """Every slot of ``doc`` with candidates; words in ``exempt`` (lower case) are never slots.

        ``capitals``: whether a capital letter mid-sentence means anything (not in a heading).
        """
        found: list[Site] = []
        words = _Words(doc)
        tokens = words.tokens
        index = 0
        while index < len(tokens):
            token = tokens[index]
            phrase = self._phrase(words, index) if words.alpha[index] else None
            if phrase is not None:
                end, pos, lemma = phrase
            else:
                word = self._word(words, index)
                if word is None:
                    index += 1
                    continue
                end, (pos, lemma) = index + 1, word
            capital = capitals and is_capitalised(token)
            if words.span_text(index, end).lower() in exempt or any(words.lower[i] in exempt for i in range(index, end)) \
                    or capital and in_name(doc, index):
                index = end  # a capitalised word next to another is a name ("Care Quality Commission")
                continue
            head = tokens[index] if pos == "VERB" else tokens[end - 1]
            tag = head.tag_ if head.tag_ not in ("NNP", "NNPS") else ("NNS" if head.lower_.endswith("s") else "NN")
            before, after = _neighbour(tokens, index, -1), _neighbour(tokens, end - 1, 1)
            left = normal(before.text) if before is not None else START
            right = normal(after.text) if after is not None else None
            related, fillers = self._candidates(lemma, pos, tag)
            found.append(Site(
                start=index, end=end, pos=pos, lemma=lemma,
                seen=Slot(left, tuple(normal(words.text[i]) for i in range(index, end)), right),
                fillers=fillers,
                related=related,
                capitalised=capital and not starts_sentence(token),
                proper=any(words.pos[i] == "PROPN" for i in range(index, end)),
                compound=(_segment(tokens, index, -1), _segment(tokens, end - 1, 1)),
            ))
            index = end
        return found
