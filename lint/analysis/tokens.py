"""What the spin and spam kinds read about tokens: their keys, sentence starts, case.

Spun text defeats the small model's sentence splitter and tagger (capitalised
swaps are tagged PROPN, "As being the skin heals" confuses the parser), so
the positional notions here are read from punctuation and block kinds, not
from the parse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable

from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Token

from .. import patterns
from . import ParsedDocument, analysis
from .lexicon import english

# Blocks in title case or all capitals, where capitals mean nothing.
TITLE_BLOCKS = frozenset({"title", "heading"})
TITLE_CASE_SHARE = 0.7  # share of capitalised words above which a block is written in title case
_NOUNS = frozenset({"NOUN", "PROPN"})
_NOUN_IDS = frozenset({NOUN, PROPN})  # the same parts of speech as ``Doc.to_array`` gives them
_TITLE_CASED = "cliniclint:title-cased"  # the user_data key of is_title_cased's answer

Keys = frozenset[str]
# Per-token tables that rules read while they check a document and nothing after them reads: the engine
# releases each once the last rule reading it has run (a 1M-word article's take tens of megabytes).
TABLES = frozenset({"token-keys", "pattern-keys", "block-words"})


def _shared_keys(parsed: ParsedDocument, attributes: tuple[str, ...], keys_of: Callable[[Token], Keys],
                 form: Callable[[list[int]], Hashable] = tuple) -> list[list[Keys]]:
    """``keys_of(token)`` for every token of every block, computed once per distinct ``form`` of the token's
    ``attributes`` (string ids, read as one array per block: on them the keys depend alone) and shared: a
    big article repeats a few thousand key sets, and one set per token would cost a few hundred bytes a
    token; a Token object is made only for a form not met before."""
    shared: dict[Hashable, Keys] = {}
    blocks = []
    for doc in parsed.docs:
        keys = []
        for i, row in enumerate(doc.to_array(list(attributes)).tolist() if len(doc) else ()):
            key = form(row)
            found = shared.get(key)
            if found is None:
                found = shared[key] = keys_of(doc[i])
            keys.append(found)
        blocks.append(keys)
    return blocks


@analysis("token-keys", needs={"tagger", "attribute_ruler", "lemmatizer"})
def token_keys(parsed: ParsedDocument) -> list[list[Keys]]:
    """For every block, for every token: the forms a table entry may name it by.

    Its lower case, normalised spelling and lemma, and for a noun its lemma as
    a common noun ("Sessions", tagged as a name, is still "session").
    """
    morphology = parsed.context.morphology

    def keys_of(token: Token) -> Keys:
        forms = {token.lower_, token.norm_, token.lemma_.lower()}
        if token.pos_ in _NOUNS:
            forms.add(morphology.noun_lemma(token.lower_))
        return frozenset(forms)

    return _shared_keys(parsed, ("LOWER", "NORM", "LEMMA", "POS"), keys_of,
                        lambda row: (row[0], row[1], row[2], row[3] in _NOUN_IDS))


@analysis("pattern-keys", needs={"tagger", "attribute_ruler", "lemmatizer"})
def pattern_keys(parsed: ParsedDocument) -> list[list[Keys]]:
    """For every block, for every token: what a word pattern's word may equal (:func:`patterns.token_keys`),
    so that the many pattern sets scanning a sentence compute them once."""
    return _shared_keys(parsed, ("LOWER", "LEMMA"), patterns.token_keys)


class BlockWords:
    """Each block's word set, kept as a tuple of its distinct forms and made a set when a rule asks for it.

    A set costs about eight times the tuple (a 1M-word article's would take over 100 MB); a rule asks
    once per block, and making the set costs about a microsecond.
    """

    def __init__(self, words: list[tuple[str, ...]]) -> None:
        self._words = words

    def __len__(self) -> int:
        return len(self._words)

    def __getitem__(self, index: int) -> frozenset[str]:
        return frozenset(self._words[index])


@analysis("block-words", needs={"tagger", "attribute_ruler", "lemmatizer"})
def block_words(parsed: ParsedDocument) -> BlockWords:
    """For every block, each form a token pattern can name its tokens by (text, lower case, lemma):
    a rule whose every pattern needs a word a block lacks skips that block without matching it."""
    strings: dict[int, str] = {}  # one string object per distinct form in the document, not one per block
    blocks = []
    for doc in parsed.docs:
        # Each token's forms as string ids, in token order: the first occurrence of each decides its place.
        ids = dict.fromkeys(doc.to_array(["ORTH", "LOWER", "LEMMA"]).ravel().tolist() if len(doc) else ())
        blocks.append(tuple(strings.get(id_) or strings.setdefault(id_, doc.vocab.strings[id_]) for id_ in ids))
    return BlockWords(blocks)


def starts_sentence(token: Token) -> bool:
    """Whether ``token`` opens its block, a sentence, or the text after a colon or bullet."""
    doc = token.doc
    openers = english().capital_openers
    i = token.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i < 0 or doc[i].text in openers or doc[i].text[-1:] in openers


def is_capitalised(token: Token) -> bool:
    """Initial capital on a word that is not all capitals (acronyms are not capitalised words)."""
    return _capitalised(token.text)


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and not (len(text) > 1 and text.isupper())


def in_name(doc: Doc, i: int, lowercase: frozenset[str] = frozenset()) -> bool:
    """Whether token ``i`` has a capitalised neighbour, looking past name joiners ("Care Quality
    Commission", "Academy of Dermatology"); ``lowercase``: words never capitalised in prose, no part of a name.

    A capitalised word that opens the sentence belongs to a name only if it is
    tagged as one ("Harley Street", not "At Harbour" or "Avoid Sunshine").
    """
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(doc) and doc[j].lower_ in english().name_joiners:
            j += step
        if not (0 <= j < len(doc) and doc[j].is_alpha and is_capitalised(doc[j])) or doc[j].lower_ in lowercase:
            continue
        if not starts_sentence(doc[j]) or doc[j].pos_ == "PROPN":
            return True
    return False


def lead_in_end(doc: Doc, max_words: int) -> int:
    """Token index of the colon closing a short "Term: explanation" lead-in at the block start, else 0.

    Lead-ins are written in title case, like headings.
    """
    words = 0
    for token in doc:
        if token.text == ":":
            return token.i
        if token.text in ".!?;":
            return 0
        if token.is_alpha:
            words += 1
            if words > max_words:
                return 0
    return 0


def match_case(found: str, replacement: str) -> str:
    """``replacement`` capitalised like ``found`` ("Pores and skin" -> "Skin", "DIM" -> "DARK")."""
    if found.isupper() and len(found) > 1:
        return replacement.upper()
    if found[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def is_title_cased(doc: Doc) -> bool:
    """Whether a block is written in title case or capitals (a headline read as a paragraph).

    Kept in the Doc's ``user_data``: several analyses and rules ask of every block, and the answer
    reads each of its tokens.
    """
    known = doc.user_data.get(_TITLE_CASED)
    if known is None:
        known = doc.user_data[_TITLE_CASED] = _title_cased(doc)
    return known


def _title_cased(doc: Doc) -> bool:
    strings = doc.vocab.strings  # the words' texts read from one array: no Token object per token
    texts = [strings[orth] for alpha, orth in doc.to_array(["IS_ALPHA", "ORTH"]).tolist() if alpha] if len(doc) else []
    words = [text for text in texts if len(text) > 3]
    if len(words) < 3:
        return False
    return sum(text[:1].isupper() for text in words) >= TITLE_CASE_SHARE * len(words)


@analysis("consistently-capitalised")
def consistently_capitalised(parsed: ParsedDocument) -> frozenset[str]:
    """Words the document writes capitalised every time, more than once: names and brands."""
    capitalised, lower = Counter(), set()
    # What a word's spelling says, once per spelling: (its lower case, capitalised?, all lower case?).
    spellings: dict[int, tuple[str, bool, bool]] = {}
    for doc in parsed.docs:
        if not len(doc):
            continue
        strings = doc.vocab.strings
        for alpha, orth, lower_id in doc.to_array(["IS_ALPHA", "ORTH", "LOWER"]).tolist():
            if not alpha:
                continue
            spelling = spellings.get(orth)
            if spelling is None:
                text = strings[orth]
                spelling = spellings[orth] = (strings[lower_id], _capitalised(text), text.islower())
            if spelling[1]:
                capitalised[spelling[0]] += 1
            elif spelling[2]:
                lower.add(spelling[0])
    return frozenset(word for word, count in capitalised.items() if count > 1 and word not in lower)
