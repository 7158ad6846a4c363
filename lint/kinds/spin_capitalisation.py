"""Kind ``spin-capitalisation``: an ordinary word capitalised in the middle of a sentence.

Spinner dictionaries store many variants capitalised, so spun copy is dotted
with capitals where no writer puts them ("preventing Sunshine publicity",
"for managing A variety"). A capital mid-sentence is also how English marks
names, so the kind only reports words it knows to be ordinary:

* ``lowercase-words``: a word list of words never capitalised in prose
  (articles, prepositions, pronouns...);
* ``swaps``: the spinner's swap table (the same file ``spin-collocation``
  reads); its variants are the words the spinner writes;
* adjectives and adverbs with an ending names do not carry
  (``ordinary-endings``: "Delicate", "Laborious", "Carefully"), unless
  English capitalises them (``proper-adjectives``: "Black", "European").

A capital inside a spun collocation (``collocations``, with ``swaps``) is left
to that rule, which already reports the phrase and lower-cases the capital in
its suggestion.

Any frequent English word would catch more ("Assess", "Individuals"), but
measured on the corpus a word-frequency list (wordfreq, Zipf >= 3.5) added
3 true findings and 7 false ones on clean articles (place names, "Black"
skin, "Act"), so other ordinary words are left alone: nouns and verbs are too
often names.

It never reports: headings and titles (title case), a "Term: explanation"
lead-in, the first word of a sentence or after a colon, acronyms, words in
the configured vocabulary, month and day names ("the May bank holiday"),
a word before a number ("a Level 4 Certificate"), runs of capitalised words (names such as
"American Academy of Dermatology"), a word followed by its acronym in
brackets, and a word that the document capitalises every time it uses it
(a brand or a name) when it uses it more than once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pydantic import Field, field_validator

from ..analysis.lexicon import english
from ..analysis.spin import SwapTableField, collocation_tables, spun_collocations
from ..analysis.tokens import (
    TITLE_BLOCKS, consistently_capitalised, in_name, is_capitalised, is_title_cased, lead_in_end, starts_sentence,
)
from ..finding import Applicability, Fix, Match
from ..options import KindOptions, WordList
from . import RuleKind

LEAD_IN_MAX_WORDS = 6
_NUMBER_OR_NUMERAL = re.compile(r"^(?:\d[\d.,]*|[IVX]{1,4})$")


class Options(KindOptions):
    lowercase_words: WordList = Field(description="word list of words prose never capitalises")
    ordinary_endings: tuple[str, ...] = Field(
        (), description="endings of adjectives and adverbs that are not names (-ous, -able, -ly...)")
    proper_adjectives: WordList = Field((), description="word list of adjectives English capitalises (Black, European)")
    swaps: SwapTableField = Field(
        description="the spinner's swap table (its variants are ordinary words)")
    collocations: WordList = Field(
        description="the collocation list spin-collocation reads; capitals inside its findings are left to it")

    @field_validator("ordinary_endings")
    @classmethod
    def _endings(cls, endings: tuple[str, ...]) -> tuple[str, ...]:
        if not all(ending.isalpha() for ending in endings):
            raise ValueError("must be word endings (letters only)")
        return tuple(ending.lower() for ending in endings)


class SpinCapitalisation(RuleKind, name="spin-capitalisation"):
    Options = Options
    analyses = (spun_collocations, consistently_capitalised)

    def __init__(self, rule, options: Options) -> None:
        super().__init__(rule, options)
        self.lowercase = frozenset(word.lower() for word in options.lowercase_words)
        self.known = self.lowercase | options.swaps.variant_words()
        self.proper_adjectives = frozenset(word.lower() for word in options.proper_adjectives)
        self.tables = collocation_tables(options.collocations, options.swaps)

    def _ordinary_modifier(self, parsed, token) -> bool:
        """An adjective or adverb with an ending names do not have ("Delicate", "Carefully"),
        standing alone: a capitalised word after it would make it part of a name."""
        return (
            token.pos_ in ("ADJ", "ADV")
            and token.lower_.endswith(self.options.ordinary_endings)
            and token.lower_ not in self.proper_adjectives
            and not (token.i + 1 < len(parsed) and parsed[token.i + 1].text[:1].isupper())
        )

    def check(self, doc, context) -> Iterator[Match]:
        names = doc.get(consistently_capitalised)
        collocations = doc.get(spun_collocations, self.tables)
        for index, (block, parsed) in enumerate(zip(doc.document.blocks, doc.docs)):
            if block.kind in TITLE_BLOCKS or is_title_cased(parsed):
                continue
            lead_in = lead_in_end(parsed, LEAD_IN_MAX_WORDS)
            reported = {i for found in collocations[index] for i in range(found.start, found.end)}
            for token in parsed[lead_in:]:
                word = token.lower_
                if not (token.is_alpha and is_capitalised(token)) or starts_sentence(token) or token.i in reported:
                    continue
                if word in context.vocabulary or word in names or in_name(parsed, token.i, self.lowercase):
                    continue
                if token.i + 2 < len(parsed) and parsed[token.i + 1].text == "(" and parsed[token.i + 2].is_upper:
                    continue  # "Collagen Induction Therapy (CIT)"
                if len(word) == 1 and token.i > 0 and parsed[token.i - 1].pos_ in ("NOUN", "PROPN"):
                    continue  # a label: "type A", "vitamin A"
                if token.i + 1 < len(parsed) and _NUMBER_OR_NUMERAL.match(parsed[token.i + 1].text):
                    continue  # a numbered name: "Level 4 Certificate", "Type II", "Stage 3"
                if word in english().calendar_names:
                    continue
                if word in self.known or self._ordinary_modifier(parsed, token):
                    fix = Fix.replace(token.idx, token.idx + len(token), word, Applicability.UNSAFE,
                                      "a capital mid-sentence may still be a name")
                    yield Match(index, token.idx, token.idx + len(token), (word,), fix=fix)
