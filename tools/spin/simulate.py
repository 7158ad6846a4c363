"""A spinner simulator: clean text in, spun text and the spans it changed out (training and dev data only).

It imitates what dictionary spinners do, from what is known of them (see
``/work/shared/knowledge/spun.md``) and the project's spun seeds, not from
cliniclint's own candidate lists:

* content words are swapped for thesaurus entries of *any* of their senses,
  with no regard for context; sometimes a broader or narrower word
  (hypernym, hyponym) or a "similar" adjective, sometimes an entry of another
  part of speech (spinners do not tag);
* single words become multi-word entries and multi-word entries single
  words ("cooling" -> "air conditioning");
* one segment of a hyphenated compound is swapped ("step-by-step" ->
  "step-by-phase");
* the original's inflection and capitalisation are kept, and a few swaps
  come out capitalised mid-sentence (spinner dictionaries store capitals);
* nothing is repaired afterwards ("a organic approach").

A *light* spinner (the commercial kind, ``POLICIES["light"]``) touches few
words, mostly with common synonyms of their first sense, and leaves its
artifacts where a word-by-word dictionary meets fixed phrases: one word of
a multi-word expression (a WordNet phrase, a verb and its particle) swapped
alone, for a synonym of the word or a one-word synonym of the whole phrase
("right away" -> "immediately away", "hold off" -> "preserve off"), and
prepositions and particles swapped from a dictionary of their own
(``spinner-prepositions.yaml``: "talk you through" -> "talk you via").

Not every swap is an artifact. A spinner that puts "usually" for "normally"
or "outcomes" for "results" leaves text a careful editor would let stand
(the corpus annotations do not mark such swaps either). A change is an
*artifact* unless it is such a swap: the same part of speech, the original
word's first sense, a synset that is also the replacement's first sense, a
common replacement (``ACCEPTABLE_ZIPF``), no capital added. Training and dev
measure the model on artifacts; every change still makes its page spun.

Spinners differ in how they pick (``Policy``): the default imitates a
dictionary spinner; the others, used for calibrating and checking the
verdict, swap more phrases, keep closer to the first sense, or capitalise
more.

Its thesaurus is built from Open English WordNet with wider relations than
the linter's own, so that the model is trained on swaps it cannot simply
look up. A swap is only counted if it changes the text.
"""

from __future__ import annotations

import os
import pickle
import random
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from wordfreq import zipf_frequency

from spacy.tokens import Doc

from cliniclint.lint.analysis.tokens import match_case
from cliniclint.lint.spin_model.inflection import inflect

from .build_thesaurus import OEWN_POS, POS, read_oewn

# Intermediate files; several builders on one machine give each its own folder.
CACHE = Path(os.environ.get("CLINICLINT_SPIN_CACHE", "/tmp/cliniclint-spin-cache"))
PREPOSITIONS = Path(__file__).resolve().parent / "spinner-prepositions.yaml"
CONTENT = {"NOUN": 0, "VERB": 1, "ADJ": 2, "ADV": 3}
ACCEPTABLE_ZIPF = 3.5  # a first-sense synonym at least this common reads as a writer's choice


@dataclass(frozen=True)
class Policy:
    """How a spinner picks a replacement."""

    same_synset: float = 0.70  # share of swaps from the word's own synsets (any sense)
    related_synset: float = 0.18  # from hypernyms, hyponyms, similar adjectives; the rest: another part of speech
    phrase_swap: float = 0.15  # share of multi-word entries in the text that are swapped when met
    capitalised: float = 0.06  # share of swaps that come out capitalised mid-sentence
    first_sense: float = 0.0  # share of swaps that keep to the word's first sense
    min_zipf: float = 0.0  # replacements rarer than this are not in the spinner's dictionary
    prepositions: float = 0.0  # prepositions and particles swapped, as a multiple of the rate
    garbled: float = 0.0  # multi-word expressions with one word swapped alone, as a multiple of the rate

    def has(self, word: str) -> bool:
        """Whether the spinner's dictionary has ``word`` as a replacement."""
        return not self.min_zipf or zipf_frequency(word, "en") >= self.min_zipf


POLICIES = {
    "dictionary": Policy(),
    "phrases": Policy(phrase_swap=0.5, related_synset=0.25),
    "careful": Policy(same_synset=0.85, related_synset=0.12, first_sense=0.6, capitalised=0.0),
    "capitals": Policy(capitalised=0.25),
    "light": Policy(same_synset=0.85, related_synset=0.1, phrase_swap=0.1, capitalised=0.0, first_sense=0.6,
                    min_zipf=3.0, prepositions=1.0, garbled=3.0),
}
DEFAULT = POLICIES["dictionary"]


@dataclass(frozen=True)
class Change:
    start: int  # character span in the spun text
    end: int
    original: str
    replacement: str
    artifact: bool = True  # what a careful editor would mark (see the module docstring)


class SpinnerThesaurus:
    """lemma -> POS -> senses by rank, each (synset id, same-synset members, related members)."""

    def __init__(self, senses: dict, lemmas: frozenset[str], phrases: frozenset[str]) -> None:
        self.senses = senses
        self.lemmas = lemmas
        self.phrases = phrases

    @classmethod
    def load(cls, data: Path) -> SpinnerThesaurus:
        path = CACHE / "spinner-thesaurus-2.pickle"
        if path.is_file():
            with open(path, "rb") as stream:
                return pickle.load(stream)
        senses_by_lemma, _, synsets = read_oewn(data / "oewn")
        hyponyms = defaultdict(list)
        for synset_id, synset in synsets.items():
            for parent in synset.get("hypernym", []):
                hyponyms[parent].append(synset_id)
        senses: dict = defaultdict(lambda: defaultdict(list))
        for (lemma, pos), synset_ids in senses_by_lemma.items():
            for synset_id in synset_ids:
                synset = synsets.get(synset_id, {})
                same = [str(m) for m in synset.get("members", []) if str(m) != lemma]
                related = [str(m) for other in (*synset.get("hypernym", []), *hyponyms[synset_id][:8],
                                                *synset.get("similar", []))
                           for m in synsets.get(other, {}).get("members", []) if str(m) != lemma]
                senses[lemma][pos].append((synset_id, same, related))
        thesaurus = cls({k: dict(v) for k, v in senses.items()}, frozenset(senses),
                        frozenset(lemma for lemma in senses if " " in lemma))
        CACHE.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as stream:
            pickle.dump(thesaurus, stream)
        return thesaurus

    def first_sense(self, lemma: str, pos: int) -> str | None:
        senses = self.senses.get(lemma, {}).get(pos)
        return senses[0][0] if senses else None

    def replacement(self, lemma: str, pos: int, rng: random.Random, policy: Policy = DEFAULT) -> tuple[str, bool] | None:
        """A replacement for ``lemma`` and whether it is an artifact, or None."""
        by_pos = self.senses.get(lemma)
        if not by_pos:
            return None
        roll = rng.random()
        other_pos = roll >= policy.same_synset + policy.related_synset and len(by_pos) > 1
        if other_pos:
            pos = rng.choice([p for p in by_pos if p != pos])
        senses = by_pos.get(pos)
        if not senses:
            return None
        # any sense: spinners do not disambiguate (a careful one keeps to the first more often)
        rank = 0 if rng.random() < policy.first_sense else rng.randrange(len(senses))
        synset, same, related = senses[rank]
        from_same = not ((roll >= policy.same_synset and related) or not same)
        pool = same if from_same else related
        pool = [m for m in pool if policy.has(m)]
        if not pool:
            return None
        found = rng.choice(pool)
        acceptable = (not other_pos and from_same and rank == 0 and self.first_sense(found, pos) == synset
                      and zipf_frequency(found, "en") >= ACCEPTABLE_ZIPF)
        return found, not acceptable

    def phrase_member(self, phrase: str, pos: int, rng: random.Random, policy: Policy) -> str | None:
        """A one-word synonym of the whole of ``phrase`` ("immediately" for "right away"), or None."""
        members = [m for _, same, _ in self.senses.get(phrase, {}).get(pos, []) for m in same
                   if " " not in m and policy.has(m)]
        return rng.choice(members) if members else None


@cache
def prepositions() -> dict[str, list[str]]:
    return yaml.safe_load(PREPOSITIONS.read_text(encoding="utf-8"))


def _expression(doc: Doc, index: int, thesaurus: SpinnerThesaurus) -> tuple[str, int] | None:
    """The multi-word expression starting at ``index`` (a thesaurus phrase, or a verb and its particle
    with at most one pronoun between them) and the part of speech of its thesaurus entry, or None."""
    for size in (3, 2):
        chunk = doc[index:index + size]
        if len(chunk) == size and all(t.is_alpha for t in chunk):
            lemma = " ".join([chunk[0].lemma_.lower()] + [t.lower_ for t in chunk[1:]])
            if lemma in thesaurus.phrases:
                return lemma, CONTENT.get(chunk[0].pos_, 0)
    if doc[index].pos_ == "VERB":
        for gap in (1, 2):
            if index + gap < len(doc) and doc[index + gap].tag_ == "RP" and (gap == 1 or doc[index + 1].pos_ == "PRON"):
                return f"{doc[index].lemma_.lower()} {doc[index + gap].lower_}", CONTENT["VERB"]
    return None


def _garbled(doc: Doc, index: int, thesaurus: SpinnerThesaurus, rng: random.Random,
             policy: Policy) -> str | None:
    """The first word of the expression at ``index`` swapped alone, inflected like it, or None."""
    token = doc[index]
    expression = _expression(doc, index, thesaurus)
    if expression is None or token.is_stop or not token.is_alpha:
        return None
    phrase, pos = expression
    found = thesaurus.phrase_member(phrase, pos, rng, policy) if rng.random() < 0.5 else None
    if found is None:
        own = thesaurus.replacement(token.lemma_.lower(), CONTENT.get(token.pos_, 0), rng, policy)
        found = own[0] if own and " " not in own[0] else None
    return match_case(token.text, inflect(found, token.tag_, {})) if found else None


def spin(doc: Doc, thesaurus: SpinnerThesaurus, rate: float, rng: random.Random,
         policy: Policy = DEFAULT) -> tuple[str, list[Change]]:
    """``doc`` (a parse of clean text) with about ``rate`` of its content words swapped."""
    out: list[str] = []
    changes: list[Change] = []
    length = 0
    index = 0
    while index < len(doc):
        token = doc[index]
        replaced = None
        artifact = True
        span_end = index + 1
        for size in (3, 2):
            chunk = doc[index:index + size]
            if len(chunk) == size and all(t.is_alpha for t in chunk):
                lemma = " ".join(t.lower_ for t in chunk)
                if lemma in thesaurus.phrases and rng.random() < policy.phrase_swap:
                    pos = CONTENT.get(chunk[-1].pos_, 0)
                    found = thesaurus.replacement(lemma, pos, rng, policy)
                    if found:
                        replaced, span_end = match_case(chunk.text, inflect(found[0], chunk[-1].tag_, {})), index + size
                        artifact = found[1]
                        break
        if replaced is None and policy.garbled and rng.random() < policy.garbled * rate:
            replaced = _garbled(doc, index, thesaurus, rng, policy)  # always an artifact
        if (replaced is None and policy.prepositions and (token.pos_ == "ADP" or token.tag_ == "RP")
                and token.lower_ in prepositions() and rng.random() < policy.prepositions * rate):
            replaced = match_case(token.text, rng.choice(prepositions()[token.lower_]))
            # a particle belongs to its verb, a split word is no word: the rest can read as a writer's choice
            artifact = token.tag_ == "RP" or " " in replaced
        if replaced is None and token.pos_ in CONTENT and token.is_alpha and not token.is_stop and rng.random() < rate:
            lemma = token.lemma_.lower()
            found = thesaurus.replacement(lemma, CONTENT[token.pos_], rng, policy)
            if found and found[0].lower() != token.lower_:
                replaced, artifact = match_case(token.text, inflect(found[0], token.tag_, {})), found[1]
                if rng.random() < policy.capitalised and not replaced[:1].isupper():
                    replaced, artifact = replaced[:1].upper() + replaced[1:], True
        if replaced is None and token.text == "-" and 0 < index < len(doc) - 1 and rng.random() < rate:
            # a segment of a hyphenated compound ("step-by-step"): swap the word after the hyphen
            after = doc[index + 1]
            found = thesaurus.replacement(after.lower_, CONTENT.get(after.pos_, 0), rng, policy) if after.is_alpha else None
            if found and " " not in found[0]:
                out.append(token.text_with_ws)
                length += len(token.text_with_ws)
                index += 1
                token, replaced = after, match_case(after.text, found[0])
                artifact = True  # a compound with a segment swapped is no compound a writer uses
        if replaced is None or replaced.lower() == doc[index:span_end].text.lower():
            out.append(token.text_with_ws)
            length += len(token.text_with_ws)
            index += 1
            continue
        original = doc[index:span_end].text
        changes.append(Change(length, length + len(replaced), original, replaced, artifact))
        text = replaced + doc[span_end - 1].whitespace_
        out.append(text)
        length += len(text)
        index = span_end
    return "".join(out), changes


__all__ = ["Change", "POLICIES", "Policy", "SpinnerThesaurus", "spin", "POS", "OEWN_POS"]
