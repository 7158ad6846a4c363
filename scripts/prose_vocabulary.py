"""Build the spell check's accepted words from clean prose: MedQuAD's medical words, and wordfreq's common ones.

Harper's dictionary, cliniclint's domain list and the WordNet list still lack
much of the vocabulary of careful consumer-health writing (gene and syndrome
names, drug names, "hyperpigmentation"). This counts the words Harper's
spell check, curated as shipped, would flag in clean prose, and keeps those
that clean prose uses again and again:

``rules/data/grammar-vocabulary-medquad.txt`` (CC BY 4.0, from MedQuAD)
    words flagged at least ``--min-count`` times in MedQuAD answers from at
    least ``--min-pages`` different pages (answers taken from one page count
    once, so one page's rare gene name does not qualify). Only the tuning
    lines are counted (``benchmarks/medquad.py``: ``i % 10 != 7`` since
    issue 15's third round; the list as shipped was counted on
    ``i % 10 in (8, 9)``, its header says which), and a tuning answer whose
    text is also a blind line's is skipped (MedQuAD repeats answers), so the
    blind split measures the list on words it did not contribute. A pass
    over all tuning lines runs Harper over 2.6 million words.
``rules/data/grammar-vocabulary-wordfreq.txt`` (CC BY-SA 4.0, from wordfreq)
    words of wordfreq's English list at a Zipf frequency of at least
    ``--min-zipf`` (Zipf 4 is once in 100,000 words) that Harper's dictionary
    lacks.
``rules/data/grammar-common-words.txt`` (CC BY-SA 4.0, from wordfreq)
    not accepted words but the spell check's evidence of a slip: wordfreq's
    words at a Zipf frequency of at least ``--common-zipf``. An unknown word
    repeated in a document is its term unless Harper suggests one of these
    one edit away (``repeated-near-common`` in ``rules/data/harper.yaml``).

Two checks keep real misspellings out of both lists, since frequent
misspellings are frequent too ("alot", "dont", a typo copied across pages):

- a word that is a known word with its apostrophe dropped ("dont", "patients"
  aside: it must not itself be known) is a misspelling;
- a word one of whose spelling suggestions is a known word far more common
  (``--typo-ratio`` times) in the same source is that word misspelt.

Only the word lists are shipped, each with its attribution header; the text
stays in ``shared/data``. Needs ``pip install wordfreq`` (build time only) and
cliniclint with its ``grammar`` extra.

    python scripts/prose_vocabulary.py [--min-count 3] [--min-pages 2] [--min-zipf 3.5]
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import medquad  # noqa: E402  (the MedQuAD split, shared with the benchmarks)

from importlib import metadata  # noqa: E402

from cliniclint.lint.grammar.harper import Curation, HarperBackend  # noqa: E402

DATA = ROOT / "rules" / "data"
MEDQUAD_OUTPUT = "grammar-vocabulary-medquad.txt"
WORDFREQ_OUTPUT = "grammar-vocabulary-wordfreq.txt"
COMMON_OUTPUT = "grammar-common-words.txt"
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
WORDFREQ_WORD = re.compile(r"[a-z]+")

MEDQUAD_HEADER = """\
# Medical words of careful consumer-health prose that Harper's dictionary, the
# domain list and the WordNet list lack, for Harper's user dictionary. Built by
# scripts/prose_vocabulary.py from MedQuAD {version} (tuning lines i % 10 != 7 only:
# flagged at least {min_count} times, on at least {min_pages} pages); do not edit by hand.
# Derived from MedQuAD (Ben Abacha and Demner-Fushman, "A question-entailment
# approach to question answering", BMC Bioinformatics 20, 511 (2019)), licensed
# under CC BY 4.0; the answers are NIH websites' text. See NOTICE.
"""
COMMON_HEADER = """\
# Common English words (wordfreq {version}, Zipf frequency >= {min_zipf}): an
# unknown word one edit from one of them is its misspelling, however often a
# document repeats it (rules/data/harper.yaml: repeated-near-common). Built by
# scripts/prose_vocabulary.py; do not edit by hand.
# Derived from wordfreq's data by Robyn Speer and contributors, redistributable
# under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/): this
# file is under the same licence. See NOTICE.
"""
WORDFREQ_HEADER = """\
# Common English words (wordfreq {version}, Zipf frequency >= {min_zipf}) that
# Harper's dictionary and cliniclint's other lists lack, for Harper's user
# dictionary. Built by scripts/prose_vocabulary.py; do not edit by hand.
# Derived from wordfreq's data by Robyn Speer and contributors, redistributable
# under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/): this
# file is under the same licence. See NOTICE.
"""


class Speller:
    """Harper's spell check as cliniclint ships it, without the lists being built."""

    def __init__(self) -> None:
        curation = Curation.load()
        spelling = curation.spelling
        kept = tuple(name for name in spelling.dictionaries if name not in (MEDQUAD_OUTPUT, WORDFREQ_OUTPUT))
        curation = curation.model_copy(update={
            "spelling": spelling.model_copy(update={"dictionaries": kept}),
            "rules": {rule: allowed for rule, allowed in curation.rules.items() if rule in spelling.rules}})
        self.backend = HarperBackend("en-US", curation=curation)

    def flagged(self, text: str):
        """The spell check's alarms in ``text``: (word, suggestions) for each, after the curation's filters."""
        for rule, lints in self.backend.linter.organized_lints(text, language="plaintext").items():
            for lint in lints:
                if not self.backend.not_a_misspelling(rule, lint, text):
                    yield lint.problem_text, [s.replacement_text for s in lint.suggestions]

    def known(self, word: str) -> bool:
        return not any(True for _ in self.flagged(word))


def dropped_apostrophe(word: str, speller: Speller) -> bool:
    """Whether ``word`` is a contraction or possessive with its apostrophe left out ("dont", "youre", "bodys").

    English puts that apostrophe before the last one or two letters (n't, 's, 'd, 'm; 're, 've, 'll).
    """
    return any(speller.known(word[:-tail] + "'" + word[-tail:]) for tail in (1, 2) if len(word) > tail)


def likely_typo(suggestions: list[str], frequency: float, frequency_of, ratio: float) -> bool:
    """Whether a suggestion is a known word ``ratio`` times as frequent as the flagged word."""
    return any(frequency_of(s) >= ratio * frequency for s in suggestions if " " not in s)


def medquad_words(speller: Speller, min_count: int, min_pages: int, ratio: float) -> list[str]:
    elsewhere = {answer.text for answer in medquad.answers("all") if not medquad.in_split(answer.index, "tuning")}
    counts: Counter[str] = Counter()  # by lower-cased word
    pages: dict[str, set[str]] = defaultdict(set)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    suggestions: dict[str, list[str]] = {}
    tokens: Counter[str] = Counter()
    for answer in medquad.answers("tuning"):
        if answer.text in elsewhere:
            continue
        tokens.update(token.lower() for token in TOKEN.findall(answer.text))
        for word, suggested in speller.flagged(answer.text):
            key = word.lower()
            counts[key] += 1
            pages[key].add(answer.url)
            forms[key][word] += 1
            suggestions.setdefault(key, suggested)
    chosen = []
    for key, count in counts.items():
        if count < min_count or len(pages[key]) < min_pages:
            continue
        if dropped_apostrophe(key, speller) or likely_typo(suggestions[key], count, lambda s: tokens[s.lower()], ratio):
            continue
        # A word seen in lower case is a common noun (the dictionary then accepts it capitalised too);
        # a word only ever capitalised is a name and goes in as written.
        chosen.append(key if key in forms[key] else forms[key].most_common(1)[0][0])
    return sorted(chosen)


def wordfreq_words(speller: Speller, min_zipf: float, ratio: float, already: set[str]) -> list[str]:
    from wordfreq import iter_wordlist, zipf_frequency

    chosen = []
    for word in iter_wordlist("en"):
        zipf = zipf_frequency(word, "en")
        if zipf < min_zipf:
            break  # the list is in decreasing frequency
        if not WORDFREQ_WORD.fullmatch(word) or len(word) < 2 or word in already:
            continue
        flagged = list(speller.flagged(word))
        if not flagged:
            continue
        # Zipf is a log scale: "ratio times as frequent" is log10(ratio) more Zipf.
        suggestions = flagged[0][1]
        if dropped_apostrophe(word, speller) or any(
                zipf_frequency(s, "en") >= zipf + math.log10(ratio) for s in suggestions if " " not in s):
            continue
        chosen.append(word)
    return sorted(chosen)


def common_words(min_zipf: float) -> list[str]:
    from wordfreq import iter_wordlist, zipf_frequency

    chosen = []
    for word in iter_wordlist("en"):
        if zipf_frequency(word, "en") < min_zipf:
            break  # the list is in decreasing frequency
        if WORDFREQ_WORD.fullmatch(word) and len(word) >= 2:
            chosen.append(word)
    return sorted(chosen)


def write(name: str, header: str, words: list[str]) -> None:
    (DATA / name).write_text(header + "".join(word + "\n" for word in words), encoding="utf-8")
    print(f"rules/data/{name}: {len(words)} words")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-count", type=int, default=3, help="MedQuAD: times a word must be flagged")
    parser.add_argument("--min-pages", type=int, default=2, help="MedQuAD: pages it must be flagged on")
    parser.add_argument("--min-zipf", type=float, default=3.5, help="wordfreq: the Zipf frequency cut")
    parser.add_argument("--common-zipf", type=float, default=4.0,
                        help="common words: the Zipf frequency cut (evidence that a repeated word is a slip)")
    parser.add_argument("--only-common", action="store_true", help="build only grammar-common-words.txt")
    parser.add_argument("--typo-ratio", type=float, default=20.0,
                        help="a suggestion this many times as frequent marks the word as its misspelling")
    args = parser.parse_args()

    write(COMMON_OUTPUT, COMMON_HEADER.format(version=metadata.version("wordfreq"), min_zipf=args.common_zipf),
          common_words(args.common_zipf))
    if args.only_common:
        return
    speller = Speller()
    version = (medquad.shared_data() / "medquad" / "VERSION").read_text(encoding="utf-8").split()[0]
    medical = medquad_words(speller, args.min_count, args.min_pages, args.typo_ratio)
    write(MEDQUAD_OUTPUT, MEDQUAD_HEADER.format(version=version, min_count=args.min_count,
                                                min_pages=args.min_pages), medical)
    common = wordfreq_words(speller, args.min_zipf, args.typo_ratio, {word.lower() for word in medical})
    write(WORDFREQ_OUTPUT, WORDFREQ_HEADER.format(version=metadata.version("wordfreq"), min_zipf=args.min_zipf),
          common)


if __name__ == "__main__":
    main()
