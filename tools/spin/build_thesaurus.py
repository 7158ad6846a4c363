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
  (2 bits) and the two sense ranks (capped at 7, 3 bits each).
* Only words of everyday English are kept (``MIN_ZIPF``).
* ``forms.json``: irregular inflections OEWN records, ``{lemma: [forms]}``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml
from wordfreq import zipf_frequency

from cliniclint.lint.spin_model.keys import keys

from .data import parser, require

POS = ("NOUN", "VERB", "ADJ", "ADV")
OEWN_POS = {"n": 0, "v": 1, "a": 2, "s": 2, "r": 3}
SYNONYM, SIMILAR, HYPERNYM = 0, 1, 2
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


def _load(path: Path):
    with open(path, encoding="utf-8") as stream:
        return yaml.load(stream, Loader=yaml.CSafeLoader)


def read_oewn(oewn: Path):
    senses: dict[tuple[str, int], list[str]] = defaultdict(list)  # (lemma, pos) -> synsets by rank
    forms: dict[str, set[str]] = defaultdict(set)
    for path in sorted(oewn.glob("entries-*.yaml")):
        for lemma, by_pos in _load(path).items():
            lemma = str(lemma)
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


def common(word: str) -> bool:
    return zipf_frequency(word, "en") >= MIN_ZIPF


def plausible_original(word: str) -> bool:
    return zipf_frequency(word, "en") >= MIN_CANDIDATE_ZIPF[word.count(" ") + 1]


def build(data: Path, out: Path) -> None:
    senses, forms, synsets = read_oewn(require(data / "oewn"))
    kept = {lemma for lemma, _ in senses if common(lemma)}
    originals = {lemma for lemma in kept if plausible_original(lemma)}
    senses = {entry: ids for entry, ids in senses.items() if entry[0] in kept}
    rank_of = {(lemma, pos, synset): rank for (lemma, pos), ids in senses.items() for rank, synset in enumerate(ids)}
    pairs: dict[tuple[str, int], dict[str, tuple[int, int, int]]] = defaultdict(dict)
    for (lemma, pos), ids in senses.items():
        for rank, synset_id in enumerate(ids):
            synset = synsets.get(synset_id, {})
            related = [(SYNONYM, synset_id)]
            related += [(SIMILAR, other) for other in synset.get("similar", [])]
            related += [(HYPERNYM, other) for other in synset.get("hypernym", [])]
            for relation, other_id in related:
                for member in synsets.get(other_id, {}).get("members", []):
                    member = str(member)
                    if member == lemma or member not in originals:
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
    print(f"{len(words)} words, {len(targets)} candidate pairs, {len(irregular)} lemmas with irregular forms")


if __name__ == "__main__":
    arguments = parser(__doc__.split("\n\n")[0]).parse_args()
    build(arguments.data, arguments.out)
