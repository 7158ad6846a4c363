"""Every Harper rule measured on its own: the evidence for the allow-list in ``rules/data/harper.yaml``.

    python benchmarks/harper_rules.py [--rules all|curated] [--examples DIR] [--min-hits N]

Harper runs with every one of its rules switched on (``--rules all``, the
default) or with the shipped curation (``--rules curated``), over the prose
blocks cliniclint's readers extract from:

- the corpus articles written to publication standard (``clean-*``,
  ``heldout-*``): every hit there is a false alarm (tuned-on);
- the MedQuAD *tuning* split (``answers.jsonl`` lines with ``i % 10 != 7``
  since issue 15's third round, ``i % 10 in (8, 9)`` when the allow-list was
  chosen; ``medquad.py``), careful medical prose: hits there are nearly all false
  alarms, and ``--examples`` writes them out with their context so a reader can
  judge which are real errors. The blind split (``i % 10 == 7``) is never read;
- the five corpus seeds (``0*.txt``): a hit that overlaps a grammar
  annotation (``corpus/annotations/grammar/``) is a true hit.

Spelling (``SpellCheck``) is measured by ``benchmarks/grammar.py`` and
``benchmarks/typos.py``: here it is counted but not judged. The table lists
each rule with any hit, its lint kind, hits per source and per 1,000 words.
``--examples DIR`` writes ``DIR/<rule>.txt`` with every hit in context (the
MedQuAD text stays outside the repository: write it outside the clone).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import medquad  # noqa: E402  (a sibling module: the MedQuAD split)

from cliniclint.lint.evaluate import load_annotations  # noqa: E402
from cliniclint.lint.grammar.batching import batches  # noqa: E402
from cliniclint.lint.grammar.harper import Curation, HarperBackend  # noqa: E402
from cliniclint.lint.readers import read_path, read_text  # noqa: E402

CORPUS = medquad.REPO / "corpus"
CLEAN_PREFIXES = ("clean-", "heldout-")
SEED_PREFIX = "0"
CONTEXT = 60  # characters of context either side of a hit in --examples


@dataclass(frozen=True)
class Hit:
    source: str  # "clean", "medquad", "seeds"
    name: str
    rule: str
    kind: str
    text: str
    context: str
    annotated: bool  # seeds: overlaps a grammar annotation


class Measured:
    """Harper with every rule on (raw hits; only the spelling curation applies), or as shipped (skips too)."""

    def __init__(self, which: str) -> None:
        self.backend = HarperBackend("en-US", curation=Curation.load())
        if which == "all":
            self.backend.linter.set_lint_config(dict.fromkeys(self.backend.linter.get_default_lint_config(), True))
            self.quiet = self.backend.not_a_misspelling
        else:
            self.quiet = self.backend.quiet_about


def _hits(measured: Measured, source: str, name: str, document, annotated_spans=()) -> list[Hit]:
    found = []
    texts = [block.text for block in document.blocks]
    for batch in batches(texts):
        for rule, lints in measured.backend.linter.organized_lints(batch.text, language="plaintext").items():
            for lint in lints:
                if measured.quiet(rule, lint, batch.text):
                    continue
                located = batch.locate(lint.span.start, lint.span.end)
                if located is None:
                    continue
                block, start, end = located
                text = texts[block]
                source_start, source_end = document.blocks[block].source_span(start, end)
                annotated = any(s < source_end and source_start < e for s, e in annotated_spans)
                context = text[max(0, start - CONTEXT):start] + "[[" + text[start:end] + "]]" + text[end:end + CONTEXT]
                found.append(Hit(source, name, rule, lint.lint_kind, text[start:end], " ".join(context.split()),
                                 annotated))
    return found


def corpus_hits(measured: Measured) -> tuple[list[Hit], dict[str, int]]:
    hits, words = [], Counter()
    for path in sorted(CORPUS.iterdir()):
        if path.name.startswith(CLEAN_PREFIXES):
            source = "clean"
        elif path.name.startswith(SEED_PREFIX) and path.suffix == ".txt":
            source = "seeds"
        else:
            continue
        document = read_path(path)
        spans = ()
        if source == "seeds":
            spans = [(e.start, e.end) for e in load_annotations(path, document.source, ("grammar",)).get("grammar", [])]
        hits += _hits(measured, source, path.name, document, spans)
        words[source] += document.words
    return hits, dict(words)


def medquad_hits(measured: Measured) -> tuple[list[Hit], int]:
    hits, words = [], 0
    for answer in medquad.answers("tuning"):
        document = read_text(answer.text, "text", f"medquad-{answer.index}.txt")
        hits += _hits(measured, "medquad", document.path, document)
        words += document.words
    return hits, words


def table(hits: list[Hit], words: dict[str, int], min_hits: int) -> None:
    by_rule: dict[str, Counter] = defaultdict(Counter)
    kinds = {}
    for hit in hits:
        by_rule[hit.rule][hit.source] += 1
        by_rule[hit.rule]["true"] += hit.annotated
        kinds[hit.rule] = hit.kind
    print(f"words: clean corpus {words['clean']}, MedQuAD tuning {words['medquad']}, seeds {words['seeds']}")
    print(f"{'rule':<34}{'kind':<16}{'clean':>6}{'medquad':>8}{'/1k':>6}{'seeds':>6}{'true':>5}")
    rows = sorted(by_rule.items(), key=lambda item: -sum(item[1][s] for s in ("clean", "medquad", "seeds")))
    for rule, counts in rows:
        if sum(counts[s] for s in ("clean", "medquad", "seeds")) < min_hits:
            continue
        rate = 1000 * counts["medquad"] / words["medquad"]
        print(f"{rule:<34}{kinds[rule]:<16}{counts['clean']:>6}{counts['medquad']:>8}{rate:>6.2f}"
              f"{counts['seeds']:>6}{counts['true']:>5}")


def write_examples(hits: list[Hit], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    by_rule: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_rule[hit.rule].append(hit)
    for rule, rule_hits in by_rule.items():
        lines = [f"{h.source}\t{h.name}\t{'TRUE' if h.annotated else ''}\t{h.context}" for h in rule_hits]
        (folder / f"{rule}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", choices=("all", "curated"), default="all")
    parser.add_argument("--examples", type=Path, help="write every hit in context to DIR/<rule>.txt")
    parser.add_argument("--min-hits", type=int, default=1, help="list rules with at least this many hits")
    args = parser.parse_args()
    if args.examples and args.examples.resolve().is_relative_to(medquad.REPO):
        parser.error("--examples must be outside the repository: MedQuAD text stays out of it")
    measured = Measured(args.rules)
    hits, words = corpus_hits(measured)
    medquad_found, words["medquad"] = medquad_hits(measured)
    hits += medquad_found
    table(hits, words, args.min_hits)
    if args.examples:
        write_examples(hits, args.examples)


if __name__ == "__main__":
    main()
