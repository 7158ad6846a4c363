"""Putting a candidate word into the inflection of the word it would replace.

Regular English endings, plus the irregular forms Open English WordNet lists
for its lemmas (``forms.json``). Only the last word of a noun phrase and the
first word of a verb phrase inflect ("skin care" -> "skin cares" is never
asked for; "find out" -> "finding out"). Suggestions take a tagged form
from lemminflect instead, since the table's irregular forms are untagged.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from ..nlp import Morphology

VOWELS = frozenset("aeiou")


def _regular(word: str, tag: str) -> str:
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


def _irregular(forms: list[str], tag: str) -> str | None:
    if tag == "VBG":
        wanted = [form for form in forms if form.endswith("ing")]
    elif tag in ("VBD", "VBN"):
        wanted = [form for form in forms if not form.endswith(("ing", "s"))]
    elif tag in ("NNS", "NNPS", "VBZ"):
        wanted = [form for form in forms if not form.endswith(("ing", "ed"))]
    elif tag in ("JJR", "RBR"):
        wanted = [form for form in forms if form.endswith("er")]
    elif tag in ("JJS", "RBS"):
        wanted = [form for form in forms if form.endswith("est")]
    else:
        return None
    return wanted[0] if wanted else None


def inflect_word(word: str, tag: str, forms: dict[str, list[str]]) -> str:
    return _irregular(forms.get(word, []), tag) or _regular(word, tag)


def _at_head(phrase: str, tag: str, inflect_head: Callable[[str], str]) -> str:
    words = phrase.split(" ")
    at = 0 if tag.startswith("VB") else len(words) - 1
    words[at] = inflect_head(words[at])
    return " ".join(words)


def inflect(phrase: str, tag: str, forms: dict[str, list[str]]) -> str:
    """``phrase`` (a lemma, maybe of several words) in the inflection the Penn ``tag`` names.

    The form the model was trained to score. OEWN's irregular forms carry no
    tag, so a verb's may be the wrong one ("take" -> "taken" for VBZ): a
    suggestion uses :func:`suggestion_form`.
    """
    return _at_head(phrase, tag, lambda word: inflect_word(word, tag, forms))


def suggestion_form(phrase: str, tag: str, forms: dict[str, list[str]]) -> str:
    """``phrase`` in the inflection ``tag`` names, as a writer would paste it.

    Nouns' and verbs' forms come from lemminflect, which knows each irregular
    form's tag ("take" -> "takes", "took", "taken"; "fat" -> "fats"), the
    others (comparatives) from the model's own table.
    """
    if tag in Morphology.INFLECTED_TAGS or tag == "NNPS":
        return _tagged_form(phrase, tag)
    return inflect(phrase, tag, forms)


@functools.lru_cache(maxsize=20_000)
def _tagged_form(phrase: str, tag: str) -> str:
    """lemminflect's form of ``phrase`` for ``tag`` (a look-up costs about a millisecond; a page's
    suggestions repeat its words)."""
    return _at_head(phrase, tag, lambda word: Morphology.inflect(word, tag))
