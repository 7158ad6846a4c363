"""The grammar family measured: precision/recall, false alarms on clean text, and its share of run time.

    python benchmarks/grammar.py [--backend harper|URL] [--medquad PATH] [--skip N] [--sample N] [--repeat N]

1. Precision and recall of the grammar family against the corpus annotations
   (``corpus/annotations/grammar/``), in a full run, so grammar under spin
   findings is dropped as in real use.
2. False alarms per 1,000 words, counting grammar findings of warning or
   error: over the corpus articles written to publication standard
   (``clean-*``, ``heldout-*``) and over MedQuAD's consumer-health answers
   (``../shared/data/medquad/answers.jsonl``, or ``--medquad PATH``), in an
   order shuffled with a fixed seed: all of them, or ``--skip N`` and
   ``--sample N`` to take a slice (the curation was tuned on the first 1,000:
   ``--sample 1000``; ``--skip 1000`` measures the rest blind). Both are taken as clean: every such finding is
   counted as a false alarm, and the most frequent are listed so a reader can
   judge them.
3. The backend's share of a corpus run: the full rule set with the backend
   against ``grammar = "off"``, alternated, medians of ``--repeat`` rounds.

``--backend`` takes anything ``--grammar`` does; pass a LanguageTool server
URL to measure LanguageTool on the same text (none is reachable from this
project's machines, where LanguageTool cannot be installed).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from cliniclint import lint
from cliniclint.lint.evaluate import evaluate
from cliniclint.lint.files import discover

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MEDQUAD = ROOT.parent / "shared" / "data" / "medquad" / "answers.jsonl"
CLEAN_PREFIXES = ("clean-", "heldout-")
ALARM_SEVERITIES = ("warning", "error")
CHUNK = 500  # MedQuAD answers per run: one grammar session serves each chunk


def precision_recall(config: lint.Config, rules) -> None:
    result = evaluate([str(CORPUS)], config, rules)
    score = result.families.get("grammar")
    print(f"## Corpus annotations ({result.articles} articles; grammar {result.grammar})")
    if score is None:
        print("grammar not scored\n")
        return
    print(f"precision {score.precision:.3f}  recall {score.recall:.3f}  "
          f"(tp {score.true_positives}, fp {score.false_positives}, found {score.found}, missed {score.missed})")
    by_rule = Counter(f"{f.code} {f.source_rule}" for f in result.false_alarms if f.family == "grammar")
    if by_rule:
        print("false alarms by rule: " + ", ".join(f"{name} {count}" for name, count in by_rule.most_common(12)))
    print()


def false_alarms(label: str, report: lint.Report, words: int, top: int = 12) -> None:
    alarms = [f for f in report.findings if f.family == "grammar" and f.severity in ALARM_SEVERITIES]
    every = [f for f in report.findings if f.family == "grammar"]
    rate = 1000 * len(alarms) / words if words else 0.0
    print(f"## {label}: {len(report.files)} texts, {words} words; grammar {report.families['grammar']}")
    print(f"warning/error findings: {len(alarms)} = {rate:.2f} per 1,000 words "
          f"(all severities: {len(every)} = {1000 * len(every) / words:.2f})")
    by_rule = Counter(f"{f.code} {f.source_rule}" for f in alarms)
    if by_rule:
        print("by rule: " + ", ".join(f"{name} {count}" for name, count in by_rule.most_common(top)))
        print("most flagged: " + ", ".join(f"{text!r} {count}" for text, count
                                           in Counter(f.text for f in alarms).most_common(top)))
    print()


def clean_corpus(config: lint.Config, rules) -> None:
    files = [path for path in discover([str(CORPUS)], ("README.md",))
             if Path(path).name.startswith(CLEAN_PREFIXES)]
    report = lint.check_paths(files, config, rules)
    false_alarms("Clean corpus articles (clean-*, heldout-*)", report, sum(f.words for f in report.files))


def medquad(config: lint.Config, rules, path: Path, skip: int, sample: int | None) -> None:
    if not path.is_file():
        print(f"## MedQuAD: {path} not found, skipped\n")
        return
    answers = [json.loads(line)["answer"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    random.Random(15).shuffle(answers)
    answers = answers[skip:skip + sample if sample else None]
    files, families, words = [], {}, 0
    for start in range(0, len(answers), CHUNK):
        chunk = answers[start:start + CHUNK]
        sources = ((f"medquad-{start + i}.txt", text.encode("utf-8")) for i, text in enumerate(chunk))
        report = lint.run(sources, config, rules)
        files += report.files
        families = report.families
        words += sum(f.words for f in report.files)
    merged = lint.Report(report.version, report.model, files, families)
    label = f"MedQuAD answers ({len(answers)} after skipping {skip} of the seeded shuffle)"
    false_alarms(label, merged, words)


def time_share(backend: str, rules, repeat: int) -> None:
    files = list(discover([str(CORPUS)], ("README.md",)))
    configs = {"off": lint.Config(grammar="off"), backend: lint.Config(grammar=backend)}
    for config in configs.values():  # warm: model and dictionary loading is not throughput
        lint.check_paths(files, config, rules)
    timings: dict[str, list[float]] = {name: [] for name in configs}
    for _ in range(repeat):
        for name, config in configs.items():
            start = time.perf_counter()
            lint.check_paths(files, config, rules)
            timings[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    print(f"## Time share ({len(files)} corpus files, all rules, {repeat} alternated rounds, medians)")
    for name, seconds in medians.items():
        print(f"grammar {name:<10} {seconds * 1000:8.1f} ms")
    print(f"grammar {backend} adds {100 * (medians[backend] / medians['off'] - 1):.1f} % to the run\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default="harper", help="a --grammar value (default: harper)")
    parser.add_argument("--medquad", type=Path, default=MEDQUAD, help=f"MedQuAD answers (default: {MEDQUAD})")
    parser.add_argument("--skip", type=int, default=0, help="MedQuAD answers to skip in the shuffled order")
    parser.add_argument("--sample", type=int, help="MedQuAD answers to take after those skipped (default: all)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds for the time share")
    parser.add_argument("--skip-medquad", action="store_true")
    parser.add_argument("--skip-timing", action="store_true")
    args = parser.parse_args()

    rules = lint.load_rules()
    everything = lint.Config(grammar=args.backend, exclude=("README.md",))
    grammar_only = lint.Config(grammar=args.backend, select=("grammar",))
    precision_recall(everything, rules)
    clean_corpus(grammar_only, rules)
    if not args.skip_medquad:
        medquad(grammar_only, rules, args.medquad, args.skip, args.sample)
    if not args.skip_timing:
        time_share(args.backend, rules, args.repeat)


if __name__ == "__main__":
    main()
