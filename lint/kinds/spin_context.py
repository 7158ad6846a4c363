"""Token helpers the spin kinds share: word keys, sentence starts, case and inflection.

Spun text defeats the small model's sentence splitter and tagger (capitalised
swaps are tagged PROPN, "As being the skin heals" confuses the parser), so
the positional notions here are read from punctuation and block kinds, not
from the parse.
"""

from __future__ import annotations

from lemminflect import getInflection
from spacy.tokens import Doc, Token

# Tokens after which a capital letter is expected: sentence ends, colons
# ("Term: Explanation"), semicolons, bullets and opening quotes or brackets.
OPENERS = frozenset({".", "!", "?", ":", ";", "•", "-", "–", "—", "(", "[", '"', "“", "‘", "'", "…"})
# Blocks in title case or all capitals, where capitals mean nothing.
TITLE_BLOCKS = frozenset({"title", "heading"})
_FORMS = "cliniclint.forms"  # Doc.user_data key of the token forms memo


def singular(word: str) -> str:
    """A plural noun's singular, by spelling alone (the tagger takes capitalised plurals for names).

    A matching key, tried beside the token's own lemma; cheap on every token,
    where a dictionary lookup would cost its load on every run.
    """
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def forms(token: Token) -> tuple[str, ...]:
    """The forms a table entry may name a token by, most literal first: lower case, normalised spelling, lemma, singular.

    Lookups try them in this order, so an entry for the word as written wins
    over one for its lemma ("establishing the stage" over "establish the
    stage"), and the outcome never depends on set iteration order.
    """
    # Computed once per token of a parse: the matchers ask for the same tokens many times over.
    memo = token.doc.user_data.setdefault(_FORMS, {})
    found = memo.get(token.i)
    if found is None:
        lower = token.lower_
        found = memo[token.i] = tuple(dict.fromkeys((lower, token.norm_, token.lemma_.lower(), singular(lower))))
    return found


def keys(token: Token) -> frozenset[str]:
    """The forms of ``token`` as a set, for membership tests."""
    return frozenset(forms(token))


def starts_sentence(token: Token) -> bool:
    """Whether ``token`` opens its block, a sentence, or the text after a colon or bullet."""
    doc = token.doc
    i = token.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i < 0 or doc[i].text in OPENERS or doc[i].text[-1:] in OPENERS


def is_capitalised(token: Token) -> bool:
    """Initial capital on a word that is not all capitals (acronyms are not capitalised words)."""
    text = token.text
    return text[:1].isupper() and not (len(text) > 1 and text.isupper())


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


# Penn tags lemminflect inflects to (NNPS as NNS: a capitalised plural is still a plural).
_INFLECTED = {"NNS": "NNS", "NNPS": "NNS", "VBZ": "VBZ", "VBG": "VBG", "VBD": "VBD", "VBN": "VBN"}


def inflect(word: str, tag: str) -> str:
    """``word`` (a table's base form, or a plural noun) in the inflection a Penn ``tag`` asks for ("set", VBG -> "setting").

    lemminflect's table loads on the first call, so a run pays for it only
    when a suggestion needs inflecting.
    """
    if tag not in _INFLECTED:
        return word
    # An -s form (a plural, or a verb the tagger read in a noun's place) is inflected from its singular.
    inflected = getInflection(singular(word) if _INFLECTED[tag] in ("NNS", "VBZ") else word, tag=_INFLECTED[tag])
    return inflected[0] if inflected else word


TITLE_CASE_SHARE = 0.7  # share of capitalised words above which a block is written in title case


def is_title_cased(doc: Doc) -> bool:
    """Whether a block is written in title case or capitals (a headline read as a paragraph)."""
    words = [token for token in doc if token.is_alpha and len(token) > 3]
    if len(words) < 3:
        return False
    return sum(token.text[:1].isupper() for token in words) >= TITLE_CASE_SHARE * len(words)
