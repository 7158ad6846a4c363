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

Its thesaurus is built from Open English WordNet with wider relations than
the linter's own, so that the model is trained on swaps it cannot simply
look up. A swap is only counted if it changes the text.
"""

from __future__ import annotations

import pickle
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from cliniclint.lint.analysis.tokens import match_case
from cliniclint.lint.spin_model.inflection import inflect

from .build_thesaurus import OEWN_POS, POS, read_oewn

CACHE = Path("/tmp/cliniclint-spin-cache")
CONTENT = {"NOUN": 0, "VERB": 1, "ADJ": 2, "ADV": 3}
# How a spinner picks a replacement, by share of swaps.
SAME_SYNSET, RELATED_SYNSET, OTHER_POS = 0.70, 0.18, 0.12
PHRASE_SWAP = 0.15  # share of multi-word entries in the text that are swapped when met
CAPITALISED = 0.06  # share of swaps that come out capitalised mid-sentence


@dataclass(frozen=True)
class Change:
    start: int  # character span in the spun text
    end: int
    original: str
    replacement: str


class SpinnerThesaurus:
    """lemma -> POS -> list of senses, each a list of (relation, member) a spinner may pick from."""

    def __init__(self, senses: dict, lemmas: frozenset[str], phrases: frozenset[str]) -> None:
        self.senses = senses
        self.lemmas = lemmas
        self.phrases = phrases

    @classmethod
    def load(cls, data: Path) -> SpinnerThesaurus:
        path = CACHE / "spinner-thesaurus.pickle"
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
                senses[lemma][pos].append((same, related))
        thesaurus = cls({k: dict(v) for k, v in senses.items()}, frozenset(senses),
                        frozenset(lemma for lemma in senses if " " in lemma))
        CACHE.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as stream:
            pickle.dump(thesaurus, stream)
        return thesaurus

    def replacement(self, lemma: str, pos: int, rng: random.Random) -> str | None:
        by_pos = self.senses.get(lemma)
        if not by_pos:
            return None
        roll = rng.random()
        if roll >= SAME_SYNSET + RELATED_SYNSET and len(by_pos) > 1:
            pos = rng.choice([p for p in by_pos if p != pos])
        senses = by_pos.get(pos)
        if not senses:
            return None
        same, related = rng.choice(senses)  # any sense: spinners do not disambiguate
        pool = related if (roll >= SAME_SYNSET and related) or not same else same
        return rng.choice(pool) if pool else None


def spin(doc: Doc, thesaurus: SpinnerThesaurus, rate: float, rng: random.Random) -> tuple[str, list[Change]]:
    """``doc`` (a parse of clean text) with about ``rate`` of its content words swapped."""
    out: list[str] = []
    changes: list[Change] = []
    length = 0
    index = 0
    while index < len(doc):
        token = doc[index]
        replaced = None
        span_end = index + 1
        for size in (3, 2):
            chunk = doc[index:index + size]
            if len(chunk) == size and all(t.is_alpha for t in chunk):
                lemma = " ".join(t.lower_ for t in chunk)
                if lemma in thesaurus.phrases and rng.random() < PHRASE_SWAP:
                    pos = CONTENT.get(chunk[-1].pos_, 0)
                    found = thesaurus.replacement(lemma, pos, rng)
                    if found:
                        replaced, span_end = match_case(chunk.text, inflect(found, chunk[-1].tag_, {})), index + size
                        break
        if replaced is None and token.pos_ in CONTENT and token.is_alpha and not token.is_stop and rng.random() < rate:
            lemma = token.lemma_.lower()
            found = thesaurus.replacement(lemma, CONTENT[token.pos_], rng)
            if found and found.lower() != token.lower_:
                replaced = match_case(token.text, inflect(found, token.tag_, {}))
                if rng.random() < CAPITALISED:
                    replaced = replaced[:1].upper() + replaced[1:]
        if replaced is None and token.text == "-" and 0 < index < len(doc) - 1 and rng.random() < rate:
            # a segment of a hyphenated compound ("step-by-step"): swap the word after the hyphen
            after = doc[index + 1]
            found = thesaurus.replacement(after.lower_, CONTENT.get(after.pos_, 0), rng) if after.is_alpha else None
            if found and " " not in found:
                out.append(token.text_with_ws)
                length += len(token.text_with_ws)
                index += 1
                token, replaced = after, match_case(after.text, found)
        if replaced is None or replaced.lower() == doc[index:span_end].text.lower():
            out.append(token.text_with_ws)
            length += len(token.text_with_ws)
            index += 1
            continue
        original = doc[index:span_end].text
        changes.append(Change(length, length + len(replaced), original, replaced))
        text = replaced + doc[span_end - 1].whitespace_
        out.append(text)
        length += len(text)
        index = span_end
    return "".join(out), changes


__all__ = ["Change", "SpinnerThesaurus", "spin", "POS", "OEWN_POS"]
