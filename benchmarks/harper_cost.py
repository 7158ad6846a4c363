"""Where Harper's lint time goes: side-by-side variants of the backend's linter on the same fresh text.

    python benchmarks/harper_cost.py [--rounds N] [--answers N]

Harper memoises lints per chunk of text and suggestions per unknown word, so
every variant lints each text on a linter of its own that has not seen it; the
thread's fuzzy matchers are built before timing (``benchmarks/harper_cpu.py``
times that one-off). Variants, alternated round by round, CPU seconds of the
Harper calls (``time.thread_time``), medians:

- *curated*: what the backend runs (the allow-list, the user dictionary), one
  call per document (block texts joined by blank lines);
- *per block*: the same, one call per block;
- *no SpellCheck*: the allow-list less the spelling rule (its suggestions);
- *no user words*: the allow-list without cliniclint's ~65,000 words;
- *parse only*: every rule off (Harper's tokenising and tagging alone);
- *tiny text x N*: N calls on a one-word text (the fixed cost of a call).

The texts: the corpus's documents, and ``--answers`` MedQuAD tuning answers
(lines with ``i % 10 == 8``; none of the blind lines).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import medquad  # noqa: E402

import harper  # noqa: E402

from cliniclint.lint.files import discover  # noqa: E402
from cliniclint.lint.grammar import harper as backend  # noqa: E402
from cliniclint.lint.grammar.batching import SEPARATOR  # noqa: E402
from cliniclint.lint.grammar.curation import Curation  # noqa: E402
from cliniclint.lint.readers import read_path  # noqa: E402

TINY_CALLS = 200


def documents(answers: int) -> list[list[str]]:
    """Each document's block texts: the corpus's, then MedQuAD tuning answers (one block a paragraph)."""
    found = [[block.text for block in read_path(path).blocks]
             for path in discover([str(medquad.REPO / "corpus")], ("README.md",))]
    try:
        chosen = [a for a in medquad.answers("tuning") if a.index % medquad.MODULUS == 8][:answers]
    except FileNotFoundError:
        chosen = []
    return found + [[part for part in answer.text.split("\n") if part.strip()] for answer in chosen]


def linter(curation: Curation, rules: set[str], words: tuple[str, ...]):
    made = harper.Linter(harper.Dialect[curation.dialect("en-US")])
    if words:
        made.import_words(words)
    backend._load_weirpack(made, curation.weirpack())
    settings = made.get_lint_config()
    made.set_lint_config({rule: rule in rules for rule in settings})
    return made


def timed(made, texts: list[str]) -> float:
    start = time.thread_time()
    for text in texts:
        made.organized_lints(text, language="plaintext")
    return time.thread_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--answers", type=int, default=100)
    args = parser.parse_args()
    curation = Curation.load()
    words = backend.dictionary_words((), curation.spelling.dictionaries)
    allowed = set(curation.rules)
    docs = documents(args.answers)
    joined = [SEPARATOR.join(blocks) for blocks in docs]
    blocks = [block for document in docs for block in document]
    count = sum(len(text.split()) for text in joined)
    warm = linter(curation, allowed, ())
    warm.lint("Zorbleflax Quorvathine recieve", language="plaintext")  # this thread's fuzzy matchers

    variants = {
        "curated (one call per document)": (allowed, words, joined),
        "curated, one call per block": (allowed, words, blocks),
        "no SpellCheck": (allowed - curation.spelling.rules, words, joined),
        "no user words": (allowed, (), joined),
        "parse only (every rule off)": (set(), words, joined),
    }
    seconds: dict[str, list[float]] = {name: [] for name in variants}
    tiny: list[float] = []
    for _ in range(args.rounds):
        for name, (rules, user_words, texts) in variants.items():
            seconds[name].append(timed(linter(curation, rules, user_words), texts))
        made = linter(curation, allowed, words)
        tiny.append(timed(made, [f"Page {index}." for index in range(TINY_CALLS)]) / TINY_CALLS)
    print(f"## Harper calls, CPU seconds ({len(docs)} documents, {count} words, {len(blocks)} blocks; "
          f"{args.rounds} alternated rounds, medians)")
    base = statistics.median(seconds["curated (one call per document)"])
    for name, values in seconds.items():
        median = statistics.median(values)
        print(f"{name:<36} {median:7.3f} s  {1e6 * median / count:6.1f} µs/word  {median / base:6.2f}x")
    print(f"one call on a one-word text          {1e6 * statistics.median(tiny):7.0f} µs")


if __name__ == "__main__":
    main()
