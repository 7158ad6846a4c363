"""Recall of inserted errors: typos for the spell check, slips for the grammar rules.

    python benchmarks/typos.py [--split blind|tuning|tuning-8-9] [--sentences 3000] [--answers 1000] [--seed 15]

Clean sentences (MedQuAD answers of one split, ``benchmarks/medquad.py``; the
blind split by default, whose words the accepted-word lists did not count)
get one error each, and cliniclint (grammar only, as shipped) checks them:

- **typos**: one edit to one word of four letters or more, of the kinds
  people make at a keyboard (Damerau's four, each a quarter): a letter left
  out, a neighbouring key's letter added (or a letter doubled), a letter
  replaced by a neighbouring key's, two neighbouring letters swapped. A typo
  is found when a GR102 finding covers it. Some typos make another real word
  ("form" for "from"): no spell check can find those, so recall is given
  over all typos and over the typos that made a non-word (not in Harper's
  own dictionary, nor in cliniclint's accepted lists); the typos that made a
  word only cliniclint's lists accept are counted apart, as what the lists
  cost;
- **repeated typos**: whole answers in which one word that occurs two or more
  times is misspelt the same way at every occurrence (one edit, as above, to
  a non-word), grouped by how many times it occurs. A writer who misspells a
  word consistently is what the spell check's repeated-term rule
  (``spelling: repeated-term`` in ``rules/data/harper.yaml``) gives up: this
  says how much;
- **slips**: a grammar slip the allow-list is meant to catch, made where the
  sentence has the right form ("an organic" -> "a organic", "than" -> "then",
  "could have" -> "could of", a doubled word, "between 2 and 5" -> "between 2
  to 5" ...). A slip is found when any
  grammar finding of warning or error covers it.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import medquad  # noqa: E402  (a sibling module: the MedQuAD split)

import harper  # noqa: E402

from cliniclint import lint  # noqa: E402
from cliniclint.lint.grammar.harper import HarperBackend  # noqa: E402

SENTENCE = re.compile(r"[A-Z][^.!?\n]{30,250}[.!?](?=\s|$)")
WORD = re.compile(r"\b[a-z]{4,}\b|\b[A-Z][a-z]{3,}\b")
ALARMS = ("warning", "error")
KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def _neighbours() -> dict[str, str]:
    """Each letter's neighbouring keys on a QWERTY keyboard (same row, and the rows above and below)."""
    where = {key: (row, column) for row, keys in enumerate(KEYBOARD) for column, key in enumerate(keys)}
    return {key: "".join(other for other, (r, c) in where.items()
                         if other != key and abs(r - row) <= 1 and abs(c - column) <= 1)
            for key, (row, column) in where.items()}


NEIGHBOURS = _neighbours()


def typo(word: str, rng: random.Random) -> str:
    """One keyboard edit to ``word`` (never its first letter: people rarely get that wrong)."""
    kind = rng.choice(("deletion", "insertion", "substitution", "transposition"))
    i = rng.randrange(1, len(word))
    letter = word[i].lower()
    if kind == "deletion":
        return word[:i] + word[i + 1:]
    if kind == "insertion":
        added = rng.choice(NEIGHBOURS.get(letter, letter) + letter)  # a neighbour, or the letter doubled
        return word[:i] + added + word[i:]
    if kind == "substitution":
        return word[:i] + rng.choice(NEIGHBOURS.get(letter, "e")) + word[i + 1:]
    if i == len(word) - 1:
        i -= 1
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


@dataclass(frozen=True)
class Slip:
    name: str
    pattern: re.Pattern
    replacement: str


SLIPS = [
    Slip("a for an", re.compile(r"\ban (?=[aeio][a-z])"), "a "),
    Slip("an for a", re.compile(r"\ba (?=[bcdfgklmnprstvwz][aeiou])"), "an "),
    Slip("doubled word", re.compile(r"\b(the|to|is|and|of|in|a) "), r"\1 \1 "),
    Slip("then for than", re.compile(r"\bthan\b"), "then"),
    Slip("their for there", re.compile(r"\b[Tt]here(?= (?:is|are)\b)"), "their"),
    Slip("of for have", re.compile(r"\b(could|should|would|might|must) have\b"), r"\1 of"),
    Slip("where for were", re.compile(r"\b(?<=[a-z] )were\b"), "where"),
    Slip("alot", re.compile(r"\ba lot\b"), "alot"),
    Slip("its for it is", re.compile(r"\bit is (?=[a-z]+ed\b)"), "its "),
    Slip("agreement", re.compile(r"(?:(?<=\b[Hh]e )|(?<=\b[Ss]he ))(has|does)\b"), "have"),
    Slip("between to", re.compile(r"\b(between \d[\d.,]*) and\b"), r"\1 to"),
]


def sentences(split: str, count: int, rng: random.Random) -> list[str]:
    found = [m.group(0) for answer in medquad.answers(split) for m in SENTENCE.finditer(answer.text)]
    rng.shuffle(found)
    return found[:count]


def findings(texts: list[str], config: lint.Config, rules) -> list[list[lint.Finding]]:
    report = lint.run(((f"s{i}.txt", text.encode("utf-8")) for i, text in enumerate(texts)), config, rules)
    return [file.findings for file in report.files]


def _covers(found, start: int, end: int, codes=None) -> bool:
    return any(f.start < end and start < f.end and f.severity in ALARMS and (codes is None or f.code in codes)
               for f in found)


class Dictionaries:
    """Whether a word is in Harper's own dictionary, or only in the words cliniclint adds to it."""

    def __init__(self) -> None:
        self.own = harper.Linter(harper.Dialect.AMERICAN)  # a fresh linter: no user dictionary
        self.own.set_lint_config({rule: rule == "SpellCheck" for rule in self.own.get_default_lint_config()})
        self.added = {word.lower() for word in HarperBackend("en-US").linter.export_words()}

    def kind(self, word: str) -> str:
        if not self.own.lint(word, language="plaintext"):
            return "real word"
        return "accepted by cliniclint's lists" if word.lower() in self.added else "non-word"


def typo_recall(clean: list[str], rng: random.Random, config: lint.Config, rules) -> None:
    texts, spans, kinds = [], [], []
    dictionaries = Dictionaries()
    for sentence in clean:
        words = list(WORD.finditer(sentence))
        if not words:
            continue
        chosen = rng.choice(words)
        wrong = typo(chosen.group(0), rng)
        kind = dictionaries.kind(wrong)
        texts.append(sentence[:chosen.start()] + wrong + sentence[chosen.end():])
        spans.append((chosen.start(), chosen.start() + len(wrong)))
        kinds.append(kind)
    found = findings(texts, config, rules)
    totals, hits = Counter(kinds), Counter()
    for kind, (start, end), flagged in zip(kinds, spans, found):
        hits[kind] += _covers(flagged, start, end, {"GR102"})
    print(f"## Typos: {len(texts)} sentences, one typo each")
    every = sum(hits.values())
    print(f"recall over all typos: {every}/{len(texts)} = {every / len(texts):.3f}")
    for kind in ("non-word", "real word", "accepted by cliniclint's lists"):
        if totals[kind]:
            print(f"  {kind:<32} {hits[kind]:>5}/{totals[kind]:<5} = {hits[kind] / totals[kind]:.3f}")
    print()


def repeated_typo_recall(split: str, count: int, rng: random.Random, config: lint.Config, rules) -> None:
    dictionaries = Dictionaries()
    texts, spans, times = [], [], []
    documents = [answer.text for answer in medquad.answers(split)]
    rng.shuffle(documents)
    for text in documents:
        if len(texts) == count:
            break
        occurrences: dict[str, list[re.Match]] = {}
        for match in WORD.finditer(text):
            occurrences.setdefault(match.group(0), []).append(match)
        repeated = [word for word, matches in occurrences.items() if len(matches) >= 2]
        if not repeated:
            continue
        word = rng.choice(repeated)
        wrong = typo(word, rng)
        if dictionaries.kind(wrong) != "non-word":
            continue
        matches = occurrences[word]
        changed, shift, where = text, 0, []
        for match in matches:
            start = match.start() + shift
            changed = changed[:start] + wrong + changed[start + len(word):]
            where.append((start, start + len(wrong)))
            shift += len(wrong) - len(word)
        texts.append(changed)
        spans.append(where)
        times.append(min(len(matches), 5))
    found = findings(texts, config, rules)
    totals, hits = Counter(times), Counter()
    for n, where, flagged in zip(times, spans, found):
        hits[n] += any(_covers(flagged, start, end, {"GR102"}) for start, end in where)
    print(f"## Repeated typos: {len(texts)} answers, one word misspelt to a non-word at every occurrence")
    every = sum(hits.values())
    print(f"recall (any occurrence found): {every}/{len(texts)} = {every / len(texts):.3f}")
    for n in sorted(totals):
        label = f"{n}+ times" if n == 5 else f"{n} times"
        print(f"  {label:<10} {hits[n]:>5}/{totals[n]:<5} = {hits[n] / totals[n]:.3f}")
    print()


def slip_recall(clean: list[str], rng: random.Random, config: lint.Config, rules) -> None:
    texts, spans, names = [], [], []
    for sentence in clean:
        applicable = [slip for slip in SLIPS if slip.pattern.search(sentence)]
        if not applicable:
            continue
        slip = rng.choice(applicable)
        match = rng.choice(list(slip.pattern.finditer(sentence)))
        changed = match.expand(slip.replacement)
        texts.append(sentence[:match.start()] + changed + sentence[match.end():])
        spans.append((match.start(), match.start() + len(changed.rstrip())))
        names.append(slip.name)
    found = findings(texts, config, rules)
    totals, hits = Counter(names), Counter()
    for name, (start, end), flagged in zip(names, spans, found):
        hits[name] += _covers(flagged, start, end)
    print(f"## Grammar slips: {len(texts)} sentences, one slip each")
    every = sum(hits.values())
    print(f"recall over all slips: {every}/{len(texts)} = {every / len(texts):.3f}")
    for slip in SLIPS:
        if totals[slip.name]:
            print(f"  {slip.name:<18} {hits[slip.name]:>5}/{totals[slip.name]:<5} = "
                  f"{hits[slip.name] / totals[slip.name]:.3f}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("blind", "tuning", "tuning-8-9"), default="blind")
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--answers", type=int, default=1000, help="answers for the repeated typos")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rules = lint.load_rules()
    config = lint.Config(grammar="harper", select=("grammar",))
    clean = sentences(args.split, args.sentences, rng)
    print(f"MedQuAD {args.split} split, seed {args.seed}\n")
    typo_recall(clean, rng, config, rules)
    repeated_typo_recall(args.split, args.answers, rng, config, rules)
    slip_recall(clean, rng, config, rules)


if __name__ == "__main__":
    main()
