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

import calendar
import re
from collections import Counter
from collections.abc import Iterator

from ..data import load_file, rule_data
from ..finding import Match
from . import RuleKind, register
from .spin_collocation import spun_collocations, validate_tables
from .spin_context import TITLE_BLOCKS, is_capitalised, is_title_cased, lead_in_end, starts_sentence

LEAD_IN_MAX_WORDS = 6
# Lower-case words that may sit inside a name ("Academy of Dermatology").
NAME_JOINERS = frozenset({"of", "and", "&", "the", "for", "de", "van", "von"})
# Months and days are names, though "may", "march" and "sun" are ordinary words too.
CALENDAR_NAMES = frozenset(name.lower() for name in (*calendar.month_name, *calendar.day_name, "Sun") if name)
_NUMBER_OR_NUMERAL = re.compile(r"^(?:\d[\d.,]*|[IVX]{1,4})$")


def _word_list(name: str, field: str, pack: str | None) -> frozenset[str]:
    words = rule_data(name, field, pack)
    if not isinstance(words, tuple):
        raise ValueError(f"field '{field}' must name a .txt word list")
    return frozenset(word.lower() for word in words)


def _variant_words(path: str) -> frozenset[str]:
    """First words of the spinner's variants (``validate_tables`` has checked the table)."""
    words = set()
    for mapping in load_file(path).values():
        for variants in (mapping or {}).values():
            words.update(variant.split()[0].split("-")[0].lower() for variant in variants)
    return frozenset(words)


def _in_name(doc, i: int, lowercase: frozenset[str]) -> bool:
    """Whether token ``i`` has a capitalised neighbour, looking past name joiners.

    A capitalised word that opens the sentence belongs to a name only if it is
    tagged as one ("Harley Street", not "At Harbour" or "Avoid Sunshine").
    """
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(doc) and doc[j].lower_ in NAME_JOINERS:
            j += step
        if not (0 <= j < len(doc) and doc[j].is_alpha and is_capitalised(doc[j])) or doc[j].lower_ in lowercase:
            continue
        if not starts_sentence(doc[j]) or doc[j].pos_ == "PROPN":
            return True
    return False


def _names(parsed_docs) -> frozenset[str]:
    """Words the document writes capitalised every time, more than once: names and brands."""
    capitalised, lower = Counter(), set()
    for parsed in parsed_docs:
        for token in parsed:
            if token.is_alpha:
                if is_capitalised(token):
                    capitalised[token.lower_] += 1
                elif token.text.islower():
                    lower.add(token.lower_)
    return frozenset(word for word, count in capitalised.items() if count > 1 and word not in lower)


@register
class SpinCapitalisation(RuleKind):
    name = "spin-capitalisation"
    needs = frozenset({"tagger", "attribute_ruler", "lemmatizer"})
    fields = {
        "lowercase-words": "word list in rules/data/ of words prose never capitalises",
        "ordinary-endings": "endings of adjectives and adverbs that are not names (-ous, -able, -ly...)",
        "proper-adjectives": "word list in rules/data/ of adjectives English capitalises (Black, European)",
        "swaps": "the spinner's swap table in rules/data/ (its variants are ordinary words)",
        "collocations": "the collocation list spin-collocation reads; capitals inside its findings are left to it",
    }
    required = frozenset({"lowercase-words", "swaps", "collocations"})

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        self.collocations, self.swaps = validate_tables(data["collocations"], data["swaps"], self.pack)
        self.lowercase = _word_list(data["lowercase-words"], "lowercase-words", self.pack)
        self.known = self.lowercase | _variant_words(self.swaps)
        endings = data.get("ordinary-endings", [])
        if not isinstance(endings, list) or not all(isinstance(e, str) and e.isalpha() for e in endings):
            raise ValueError("field 'ordinary-endings' must be a list of word endings")
        self.ordinary_endings = tuple(ending.lower() for ending in endings)
        self.proper_adjectives = (
            _word_list(data["proper-adjectives"], "proper-adjectives", self.pack)
            if "proper-adjectives" in data else frozenset()
        )

    def _ordinary_modifier(self, parsed, token) -> bool:
        """An adjective or adverb with an ending names do not have ("Delicate", "Carefully"),
        standing alone: a capitalised word after it would make it part of a name."""
        return (
            token.pos_ in ("ADJ", "ADV")
            and token.lower_.endswith(self.ordinary_endings)
            and token.lower_ not in self.proper_adjectives
            and not (token.i + 1 < len(parsed) and parsed[token.i + 1].text[:1].isupper())
        )

    def check(self, doc, context) -> Iterator[Match]:
        names = doc.shared("spin.consistently-capitalised", lambda d: _names(d.docs))
        collocations = spun_collocations(doc, self.collocations, self.swaps)
        for index, (block, parsed) in enumerate(zip(doc.document.blocks, doc.docs)):
            if block.kind in TITLE_BLOCKS or is_title_cased(parsed):
                continue
            lead_in = lead_in_end(parsed, LEAD_IN_MAX_WORDS)
            reported = {i for found in collocations[index] for i in range(found.start, found.end)}
            for token in parsed[lead_in:]:
                word = token.lower_
                if not (token.is_alpha and is_capitalised(token)) or starts_sentence(token) or token.i in reported:
                    continue
                if word in context.vocabulary or word in names or _in_name(parsed, token.i, self.lowercase):
                    continue
                if token.i + 2 < len(parsed) and parsed[token.i + 1].text == "(" and parsed[token.i + 2].is_upper:
                    continue  # "Collagen Induction Therapy (CIT)"
                if len(word) == 1 and token.i > 0 and parsed[token.i - 1].pos_ in ("NOUN", "PROPN"):
                    continue  # a label: "type A", "vitamin A"
                if token.i + 1 < len(parsed) and _NUMBER_OR_NUMERAL.match(parsed[token.i + 1].text):
                    continue  # a numbered name: "Level 4 Certificate", "Type II", "Stage 3"
                if word in CALENDAR_NAMES:
                    continue
                if word in self.known or self._ordinary_modifier(parsed, token):
                    yield Match(index, token.idx, token.idx + len(token), (word,))
