"""Build the spin model's thesaurus from Open English WordNet.

    python -m tools.spin.build_thesaurus [--data ../shared/data] [--out rules/data/spin-model]

For every lower-case lemma (up to three words) and part of speech, the
thesaurus lists the words a spinner could have swapped with it: the other
members of each of its synsets, of the synsets an adjective is "similar" to,
and of each synset's direct hypernyms. Each pair keeps the sense rank of the
shared synset for both words (spinners pick wrong senses: a pair whose
shared synset is a word's fifth sense is a stranger swap than its first) and
the relation. Output, in ``--out``:

* ``words.txt``: the lexicon, one word a line; a word's id is its line.
* ``word-keys.npy``: the 64-bit key of each word, sorted; ``word-ids.npy``
  the id of the word with that key.
* ``synonym-offsets.npy`` / ``synonym-ids.npy`` / ``synonym-info.npy``: for
  word id ``w`` and part of speech ``p`` (``POS`` order), the candidates are
  ``synonym-ids[offsets[w*4+p]:offsets[w*4+p+1]]``; info packs the relation
  (2 bits: synonym, similar, hypernym, hyponym) and the two sense ranks
  (capped at 7, 3 bits each).
* Only words of everyday English are kept (``MIN_ZIPF``), and spelling
  variants are no candidates of each other ("characterise", "characterize";
  "haemorrhage", "hemorrhage"): putting one for the other is no spinner's swap.
* ``forms.json``: irregular inflections OEWN records, ``{lemma: [forms]}``.
* ``initial-sounds.json``: ``{"vowel": [...], "consonant": [...]}``, the
  common words whose first sound is not what their first letter suggests
  ("hour", "one", "university"), and the h- and u- words whose sound OEWN
  records, from its pronunciations (a word whose pronunciations disagree,
  like "herb", is in neither list). It lets the linter tell "a organic" from
  "a university".
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml
from symspellpy.editdistance import DistanceAlgorithm, EditDistance
from wordfreq import zipf_frequency

from cliniclint.lint.spin_model.keys import keys

from .data import parser, require

POS = ("NOUN", "VERB", "ADJ", "ADV")
OEWN_POS = {"n": 0, "v": 1, "a": 2, "s": 2, "r": 3}
SYNONYM, SIMILAR, HYPERNYM, HYPONYM = 0, 1, 2, 3
# A spinner swaps a word for a broader one ("blood sample" -> "blood example"),
# so the word seen may be a hypernym of the word meant: each synset contributes
# the members of its most common direct hyponyms, up to this many.
MAX_HYPONYMS = 12
MAX_RANK = 7
MAX_CANDIDATES = 60  # per word and part of speech, closest relations and senses first
# Words rarer than this in general English (wordfreq's Zipf scale) are left
# out: spinners draw on everyday vocabulary, and WordNet's species names and
# archaisms would only bloat the tables.
# A candidate is what the writer wrote before the spinner swapped it, so it
# must be a common word (phrases score lower on the scale, being products).
MIN_ZIPF = 2.0
MIN_CANDIDATE_ZIPF = {1: 3.0, 2: 2.0, 3: 2.0}
WORD = re.compile(r"^[a-z][a-z'\-]*( [a-z][a-z'\-]*){0,2}$")
# Spelling variants: words this long, with the same first letter, at most
# this many edits apart (British and American spellings, ae/e, -ise/-ize, -our/-or).
VARIANT_LENGTH, VARIANT_EDITS = 4, 2
_EDITS = EditDistance(DistanceAlgorithm.DAMERAU_OSA)


def spelling_variants(a: str, b: str) -> bool:
    return (min(len(a), len(b)) >= VARIANT_LENGTH and a[0] == b[0]
            and 0 <= _EDITS.compare(a, b, VARIANT_EDITS) <= VARIANT_EDITS)


def _load(path: Path):
    with open(path, encoding="utf-8") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


IPA_VOWELS = frozenset("aeiouɑɒæɐəɛɜɪʊʌɔøœɘɵɤ")
IPA_MARKS = "ˈˌ(). "


def first_sound(pronunciation: str) -> str:
    return "vowel" if pronunciation.lstrip(IPA_MARKS)[:1] in IPA_VOWELS else "consonant"


def read_oewn(oewn: Path, sounds: dict[str, set[str]] | None = None):
    """(lemma, pos) -> synset ids by sense rank, lemma -> irregular forms, synset id -> synset.

    ``sounds``, when given, is filled with lemma -> first sounds of its pronunciations.
    """
    senses: dict[tuple[str, int], list[str]] = defaultdict(list)  # (lemma, pos) -> synsets by rank
    forms: dict[str, set[str]] = defaultdict(set)
    entries = sorted(require(oewn).glob("entries-*.yaml"))
    if not entries:  # an empty thesaurus would be cached by the simulator and spin nothing
        raise SystemExit(f"{oewn}: no entries-*.yaml (point --data at the shared open data folder)")
    for path in entries:
        for lemma, by_pos in _load(path).items():
            lemma = str(lemma)
            if sounds is not None and lemma.isalpha() and len(lemma) > 1:  # "European" too; not letter names
                for entry in by_pos.values():
                    sounds[lemma.lower()].update(first_sound(str(p["value"])) for p in entry.get("pronunciation", []))
            if not WORD.match(lemma):
                continue
            for pos, entry in by_pos.items():
                if pos not in OEWN_POS:
                    continue
                for sense in entry.get("sense", []):
                    senses[lemma, OEWN_POS[pos]].append(sense["synset"])
                forms[lemma].update(str(form) for form in entry.get("form", []))
    synsets: dict[str, dict] = {}
    for path in sorted(oewn.glob("*.yaml")):
        if path.name.split(".")[0] in ("noun", "verb", "adj", "adv"):
            synsets.update(_load(path))
    return senses, forms, synsets


def letter_sound(word: str) -> str | None:
    """The first sound the spelling suggests, or None for h- and u- words, which go either way."""
    if word[0] in "hu":
        return None
    return "vowel" if word[0] in "aeio" else "consonant"


def initial_sounds(sounds: dict[str, set[str]]) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {"vowel": [], "consonant": []}
    for word, found in sorted(sounds.items()):
        if len(found) == 1 and " " not in word and "-" not in word and common(word):
            sound, = found
            if sound != letter_sound(word):
                table[sound].append(word)
    return table


def common(word: str) -> bool:
    return zipf_frequency(word, "en") >= MIN_ZIPF


def plausible_original(word: str) -> bool:
    return zipf_frequency(word, "en") >= MIN_CANDIDATE_ZIPF[word.count(" ") + 1]


def build(data: Path, out: Path) -> None:
    sounds: dict[str, set[str]] = defaultdict(set)
    senses, forms, synsets = read_oewn(require(data / "oewn"), sounds)
    kept = {lemma for lemma, _ in senses if common(lemma)}
    originals = {lemma for lemma in kept if plausible_original(lemma)}
    senses = {entry: ids for entry, ids in senses.items() if entry[0] in kept}
    rank_of = {(lemma, pos, synset): rank for (lemma, pos), ids in senses.items() for rank, synset in enumerate(ids)}
    hyponyms: dict[str, list[str]] = defaultdict(list)
    for synset_id, synset in synsets.items():
        for parent in synset.get("hypernym", []):
            hyponyms[parent].append(synset_id)
    for parent, children in hyponyms.items():
        children.sort(key=lambda child: -max((zipf_frequency(str(m), "en") for m in synsets[child].get("members", [])),
                                              default=0.0))
        del children[MAX_HYPONYMS:]
    pairs: dict[tuple[str, int], dict[str, tuple[int, int, int]]] = defaultdict(dict)
    for (lemma, pos), ids in senses.items():
        for rank, synset_id in enumerate(ids):
            synset = synsets.get(synset_id, {})
            related = [(SYNONYM, synset_id)]
            related += [(SIMILAR, other) for other in synset.get("similar", [])]
            related += [(HYPERNYM, other) for other in synset.get("hypernym", [])]
            related += [(HYPONYM, other) for other in hyponyms.get(synset_id, [])]
            for relation, other_id in related:
                for member in synsets.get(other_id, {}).get("members", []):
                    member = str(member)
                    if member == lemma or member not in originals or spelling_variants(lemma, member):
                        continue
                    other_rank = rank_of.get((member, pos, other_id), MAX_RANK)
                    entry = (relation, min(rank, MAX_RANK), min(other_rank, MAX_RANK))
                    old = pairs[lemma, pos].get(member)
                    if old is None or entry < old:
                        pairs[lemma, pos][member] = entry
    words = sorted({lemma for (lemma, _), found in pairs.items() if found} | {m for by in pairs.values() for m in by})
    ids = {word: index for index, word in enumerate(words)}
    offsets = np.zeros(len(words) * len(POS) + 1, dtype=np.int32)
    targets, info = [], []
    for word_id, word in enumerate(words):
        for pos in range(len(POS)):
            found = pairs.get((word, pos)) or {}
            ranked = sorted(found.items(), key=lambda item: (item[1][0], min(item[1][1:]), item[1][1:], item[0]))
            for member, (relation, rank, other_rank) in ranked[:MAX_CANDIDATES]:
                targets.append(ids[member])
                info.append(relation << 6 | rank << 3 | other_rank)
            offsets[word_id * len(POS) + pos + 1] = len(targets)
    word_keys = keys(words)
    order = np.argsort(word_keys)
    if len(np.unique(word_keys)) != len(words):
        raise SystemExit("two lexicon words share a 64-bit key")
    out.mkdir(parents=True, exist_ok=True)
    (out / "words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    np.save(out / "word-keys.npy", word_keys[order])
    np.save(out / "word-ids.npy", order.astype(np.int32))
    np.save(out / "synonym-offsets.npy", offsets)
    np.save(out / "synonym-ids.npy", np.array(targets, dtype=np.int32))
    np.save(out / "synonym-info.npy", np.array(info, dtype=np.uint8))
    irregular = {lemma: sorted(found) for lemma, found in sorted(forms.items()) if found and lemma in ids}
    (out / "forms.json").write_text(json.dumps(irregular, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    (out / "initial-sounds.json").write_text(json.dumps(initial_sounds(sounds), indent=0), encoding="utf-8")
    print(f"{len(words)} words, {len(targets)} candidate pairs, {len(irregular)} lemmas with irregular forms")


if __name__ == "__main__":
    arguments = parser(__doc__.split("\n\n")[0]).parse_args()
    build(arguments.data, arguments.out)
