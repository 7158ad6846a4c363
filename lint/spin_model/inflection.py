"""Putting a candidate word into the inflection of the word it would replace.

Regular English endings, plus the forms that differ from them
(``forms.json``: ``{lemma: {Penn tag: form}}``, built by
``tools/spin/build_thesaurus.py`` from lemminflect's lexicon, tag by tag, so
that "take" is "takes" for VBZ, "took" for VBD and "taken" for VBN, and
"stop" is "stopping"). Only the last word of a noun phrase and the first word
of a verb phrase inflect ("skin care" -> "skin cares" is never asked for;
"find out" -> "finding out").
"""

from __future__ import annotations

VOWELS = frozenset("aeiou")
# The tags a candidate is inflected for (a name's plural as a plural noun).
INFLECTED_TAGS = ("NNS", "VBZ", "VBG", "VBD", "VBN", "JJR", "JJS", "RBR", "RBS")


def regular(word: str, tag: str) -> str:
    """``word`` with the regular English ending for ``tag`` (the word itself for a tag with none)."""
    if tag in ("NNS", "NNPS", "VBZ"):
        if word.endswith(("s", "x", "z", "ch", "sh")):
            return word + "es"
        if word.endswith("y") and word[-2:-1] not in VOWELS:
            return word[:-1] + "ies"
        return word + "s"
    if tag == "VBG":
        if word.endswith("ie"):
            return word[:-2] + "ying"
        if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
            return word[:-1] + "ing"
        return word + "ing"
    if tag in ("VBD", "VBN"):
        if word.endswith("e"):
            return word + "d"
        if word.endswith("y") and word[-2:-1] not in VOWELS:
            return word[:-1] + "ied"
        return word + "ed"
    if tag in ("JJR", "RBR"):
        return word + ("r" if word.endswith("e") else "er")
    if tag in ("JJS", "RBS"):
        return word + ("st" if word.endswith("e") else "est")
    return word


def inflect_word(word: str, tag: str, forms: dict[str, dict[str, str]]) -> str:
    tag = "NNS" if tag == "NNPS" else tag
    return forms.get(word, {}).get(tag) or regular(word, tag)


def inflect(phrase: str, tag: str, forms: dict[str, dict[str, str]]) -> str:
    """``phrase`` (a lemma, maybe of several words) in the inflection the Penn ``tag`` names."""
    words = phrase.split(" ")
    at = 0 if tag.startswith("VB") else len(words) - 1
    words[at] = inflect_word(words[at], tag, forms)
    return " ".join(words)
