"""The grammar family measured: precision/recall, false alarms on clean text, and its share of run time.

    python benchmarks/grammar.py [--backend harper|URL] [--split tuning|blind|all ...] [--repeat N]
                                 [--alarms FILE]

1. Precision and recall of the grammar family against the corpus annotations
   (``corpus/annotations/grammar/``), in a full run, so grammar under spin
   findings is dropped as in real use. The counts come first: a precision
   over no findings is no precision, and is shown as "n/a".
2. False alarms per 1,000 words, counting grammar findings of warning or
   error: over the corpus articles written to publication standard
   (``clean-*``, ``heldout-*``) and over MedQuAD's consumer-health answers
   by split (``benchmarks/medquad.py``): ``tuning`` (``i % 10 != 7``,
   where the allow-list was chosen and whose words the accepted-word lists
   counted; its lines 8, 9 and 0..6 are also given apart, as rounds 1 and 2
   reported them), ``blind`` (``i % 10 == 7``, looked at by nothing that
   was tuned) and ``all``. Every such finding is counted here (real errors
   in MedQuAD's text too: ``benchmarks/grammar_alarms.py`` judges a labelled
   sample), and the most frequent are listed so a reader can judge them.
   ``--alarms FILE`` writes the tuning split's alarms (line, span, rule,
   word; no MedQuAD text) for ``benchmarks/grammar_alarms.py`` to sample.
3. The backend's share of a corpus run: the full rule set with the backend
   against ``grammar = "off"``, alternated, medians of ``--repeat`` rounds.

``--backend`` takes anything ``--grammar`` does; pass a LanguageTool server
URL to measure LanguageTool on the same text (none is reachable from this
project's machines, where LanguageTool cannot be installed).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import medquad  # noqa: E402  (a sibling module: the MedQuAD split)

from cliniclint import lint  # noqa: E402
from cliniclint.lint.evaluate import evaluate  # noqa: E402
from cliniclint.lint.files import discover  # noqa: E402

CORPUS = medquad.REPO / "corpus"
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
    flagged = score.true_positives + score.false_positives
    precision = f"{score.precision:.3f}" if flagged else "n/a (no findings)"
    print(f"findings {flagged}: tp {score.true_positives}, fp {score.false_positives}; "
          f"annotations {score.found + score.missed}: found {score.found}, missed {score.missed}")
    print(f"precision {precision}  recall {score.recall:.3f}")
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


def medquad_split(config: lint.Config, rules, split: str, alarms_file: Path | None = None) -> None:
    try:
        answers = list(medquad.answers(split))
    except FileNotFoundError as error:
        print(f"## MedQuAD: {error}, skipped\n")
        return
    files, families, words = [], {}, 0
    for start in range(0, len(answers), CHUNK):
        chunk = answers[start:start + CHUNK]
        report = lint.run(((f"medquad-{a.index}.txt", a.text.encode("utf-8")) for a in chunk), config, rules)
        files += report.files
        families = report.families
        words += sum(f.words for f in report.files)
    if alarms_file is not None and split.startswith("tuning"):
        write_alarms(alarms_file, files)
    false_alarms(f"MedQuAD {split} split ({len(answers)} answers)",
                 lint.Report(report.version, report.model, files, families), words)
    if split == "tuning":
        for label, part in (("8, 9", True), ("0..6", False)):
            chosen = [f for f in files if _round2_tuning(f.path) == part]
            false_alarms(f"MedQuAD tuning lines i % 10 in {label}",
                         lint.Report(report.version, report.model, chosen, families), sum(f.words for f in chosen))


def _line(path: str) -> int:
    """The answers.jsonl line of the answer linted as ``medquad-<i>.txt``."""
    return int(path.removeprefix("medquad-").removesuffix(".txt"))


def _round2_tuning(path: str) -> bool:
    """Whether the answer ``medquad-<i>.txt`` is on a line rounds 1 and 2 tuned on."""
    return _line(path) % medquad.MODULUS in medquad.ROUND2_TUNING_REMAINDERS


def write_alarms(path: Path, files) -> None:
    """The warning/error grammar findings, one JSON object a line: where they are, never the text around."""
    with path.open("w", encoding="utf-8") as out:
        for file in files:
            for f in file.findings:
                if f.family == "grammar" and f.severity in ALARM_SEVERITIES:
                    out.write(json.dumps({"line": _line(file.path), "start": f.start, "end": f.end, "code": f.code,
                                          "rule": f.source_rule, "text": f.text}) + "\n")


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
    parser.add_argument("--split", nargs="*", choices=medquad.SPLITS, default=["tuning", "blind"],
                        help="MedQuAD splits to measure (default: tuning blind)")
    parser.add_argument("--repeat", type=int, default=5, help="rounds for the time share")
    parser.add_argument("--skip-medquad", action="store_true")
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--alarms", type=Path, help="write the tuning splits' alarms here (JSON lines)")
    args = parser.parse_args()

    rules = lint.load_rules()
    everything = lint.Config(grammar=args.backend, exclude=("README.md",))
    grammar_only = lint.Config(grammar=args.backend, select=("grammar",))
    precision_recall(everything, rules)
    clean_corpus(grammar_only, rules)
    if not args.skip_medquad:
        for split in args.split:
            medquad_split(grammar_only, rules, split, args.alarms)
    if not args.skip_timing:
        time_share(args.backend, rules, args.repeat)


if __name__ == "__main__":
    main()
