"""Build the spin model's word and word-pair counts.

    python -m tools.spin.build_counts [--data ../shared/data] [--out rules/data/spin-model]

Two kinds of English are counted apart, because they disagree in useful ways:

* ``domain``: clean medical and clinic prose — the MedQuAD training split
  (the dev and blind splits are never read here) and the hand-written
  aesthetic-procedure prose in ``tools/spin/domain-prose/`` (its ``dev-``
  files excepted), weighted up so that a small domain counts.
* ``general``: symspellpy's English bigram table (counts from Google Books
  n-grams) and wordfreq's word frequencies.

Text is split with spaCy's English tokenizer, the same tokenizer the linter
parses with, and tokens are normalised with ``keys.normal``. The segments of
a hyphenated compound are also counted against each other ("wound-healing":
the pairs ``wound- healing`` and ``wound -healing``, see ``keys.joined``), so
that a swapped segment ("wound-therapeutic") can be judged by the compounds
clean prose writes. Only statistics
are written, never text: sorted 64-bit keys of words, low 32 bits of the keys
of word pairs (a pair absent from a table collides with a present one about
once in 10,000 look-ups), and counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import spacy
import symspellpy
from wordfreq import zipf_frequency

from cliniclint.lint.spin_model.keys import START, gram, joined, key, normal
from cliniclint.lint.spin_model.resources import Resources, Table

from .data import TRAIN, corpus_texts, domain_prose, medquad_answers, parser

# One word of hand-written clinic prose counts as much as this many words of
# MedQuAD: the prose is the only source of the domain's own collocations.
DOMAIN_PROSE_WEIGHT = 20
MIN_PAIR_COUNT = 2  # rarer pairs in MedQuAD are mostly one writer's phrasing; they cost space, not accuracy
MAX_COUNT = np.iinfo(np.uint32).max


def tokens(tokenizer, text: str) -> tuple[list[str], list[int]]:
    """The normalised tokens of ``text`` after :data:`START`, and the positions of hyphens joining two words."""
    words, hyphens = [START], []
    doc = tokenizer(text)
    for token in doc:
        if token.is_space:
            continue
        if token.text == "-" and 0 < token.i < len(doc) - 1 and not token.whitespace_ \
                and not doc[token.i - 1].whitespace_ and doc[token.i - 1].is_alpha and doc[token.i + 1].is_alpha:
            hyphens.append(len(words))
        words.append(normal(token.text))
    return words, hyphens


def count(tokenizer, texts: Iterable[str], weight: int, unigrams: Counter, bigrams: Counter) -> int:
    total = 0
    for text in texts:
        for paragraph in text.split("\n"):
            words, hyphens = tokens(tokenizer, paragraph)
            if len(words) < 2:
                continue
            total += len(words) - 1
            for word in words[1:]:
                unigrams[word] += weight
            for pair in zip(words, words[1:]):
                bigrams[pair] += weight
            for at in hyphens:  # pairs only: the unigram counts (and P(y) of the fit) stay those of the tokens
                first, second = words[at - 1], words[at + 1]
                bigrams[joined(first, None), second] += weight
                bigrams[first, joined(None, second)] += weight
    return total


def pair_keys(pairs: Iterable[tuple[str, str]]) -> np.ndarray:
    return np.fromiter((key(gram(*pair)) & 0xFFFFFFFF for pair in pairs), dtype=np.uint32)


@dataclass(frozen=True)
class LeftOut:
    """A domain table read as if one document had not been counted: its own counts taken off, and a pair
    left under the table's ``MIN_PAIR_COUNT`` dropped as the build would have dropped it."""

    table: Table
    own: Table
    floor: int

    def get(self, wanted: np.ndarray) -> np.ndarray:
        left = np.maximum(self.table.get(wanted) - self.own.get(wanted), 0.0)
        return np.where(left >= self.floor, left, 0.0)


def _own_table(keys: np.ndarray, counts: list[int]) -> Table:
    unique, at = np.unique(keys, return_inverse=True)
    return Table(unique, np.bincount(at, weights=np.array(counts, dtype=np.float64), minlength=len(unique)))


def without_document(resources: Resources, tokenizer, text: str, weight: int) -> Resources:
    """``resources`` whose domain word and pair counts, and domain word total, leave out ``text``, counted as
    :func:`build` counted it (``weight``: 1 for a MedQuAD answer, ``DOMAIN_PROSE_WEIGHT`` for a prose file).

    The build scripts train on texts the counts were built from; read as built, every pair of a training
    text is attested, which is never so for a page the linter meets (README, round 12)."""
    words: Counter = Counter()
    pairs: Counter = Counter()
    count(tokenizer, [text], weight, words, pairs)
    own_words = _own_table(np.fromiter((key(w) for w in words), dtype=np.uint64, count=len(words)), list(words.values()))
    own_pairs = _own_table(pair_keys(pairs), list(pairs.values()))
    totals = {**resources.totals, "domain_words": resources.totals["domain_words"] - sum(words.values())}
    return replace(resources, domain_words=LeftOut(resources.domain_words, own_words, 0),
                   domain_pairs=LeftOut(resources.domain_pairs, own_pairs, MIN_PAIR_COUNT), totals=totals)


def save_table(out: Path, name: str, table_keys: np.ndarray, counts: np.ndarray) -> None:
    order = np.argsort(table_keys, kind="stable")
    sorted_keys = table_keys[order]
    unique, first = np.unique(sorted_keys, return_index=True)
    summed = np.add.reduceat(counts[order].astype(np.uint64), first) if len(first) else counts[:0]
    np.save(out / f"{name}-keys.npy", unique)
    np.save(out / f"{name}-counts.npy", np.minimum(summed, MAX_COUNT).astype(np.uint32))


def general_bigrams() -> Counter:
    path = Path(symspellpy.__file__).parent / "frequency_bigramdictionary_en_243_342.txt"
    pairs: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        first, second, number = line.split()
        pairs[normal(first), normal(second)] += int(number)
    return pairs


def build(data: Path, out: Path) -> None:
    tokenizer = spacy.blank("en").tokenizer
    unigrams: Counter = Counter()
    bigrams: Counter = Counter()
    medquad = count(tokenizer, (text for _, text in medquad_answers(data, TRAIN)), 1, unigrams, bigrams)
    prose = count(tokenizer, (text for _, text in domain_prose(TRAIN)), DOMAIN_PROSE_WEIGHT, unigrams, bigrams)
    prose += count(tokenizer, (text for _, text in corpus_texts()), DOMAIN_PROSE_WEIGHT, unigrams, bigrams)
    kept = {pair: n for pair, n in bigrams.items() if n >= MIN_PAIR_COUNT}
    out.mkdir(parents=True, exist_ok=True)
    words = sorted(unigrams)
    save_table(out, "domain-words", np.fromiter((key(w) for w in words), dtype=np.uint64),
               np.array([unigrams[w] for w in words], dtype=np.uint64))
    save_table(out, "domain-pairs", pair_keys(kept), np.array(list(kept.values()), dtype=np.uint64))
    general = general_bigrams()
    save_table(out, "general-pairs", pair_keys(general), np.array(list(general.values()), dtype=np.uint64))
    vocabulary = sorted(set(words) | {w for pair in general for w in pair} | set(_thesaurus_words(out)))
    zipf = np.array([round(10 * zipf_frequency(w, "en")) for w in vocabulary], dtype=np.uint8)
    known = zipf > 0
    save_table(out, "general-zipf", np.fromiter((key(w) for w, k in zip(vocabulary, known) if k), dtype=np.uint64),
               zipf[known].astype(np.uint64))
    totals = {"domain_words": int(sum(unigrams.values())), "medquad_words": medquad, "prose_words": prose,
              "prose_weight": DOMAIN_PROSE_WEIGHT}
    (out / "counts.json").write_text(_json(totals), encoding="utf-8")
    print(f"MedQuAD train {medquad} words, domain prose {prose} words (x{DOMAIN_PROSE_WEIGHT}); "
          f"{len(words)} words, {len(kept)} domain pairs, {len(general)} general pairs, {int(known.sum())} zipf words")


def _thesaurus_words(out: Path) -> list[str]:
    path = out / "words.txt"
    return path.read_text(encoding="utf-8").split("\n")[:-1] if path.exists() else []


def _json(value) -> str:
    import json

    return json.dumps(value, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    arguments = parser(__doc__.split("\n\n")[0]).parse_args()
    build(arguments.data, arguments.out)
