"""A hand-labelled random sample of the grammar alarms on MedQuAD's tuning lines: which are false.

    python benchmarks/grammar.py --split tuning --skip-timing --alarms /tmp/alarms.jsonl  # or tuning-8-9
    python benchmarks/grammar_alarms.py sample /tmp/alarms.jsonl [--count 120] [--seed 15]
    python benchmarks/grammar_alarms.py score [--rate R]

``benchmarks/grammar.py`` counts every warning or error on MedQuAD as a false
alarm, but MedQuAD's extracted text has real errors ("doesnt", "bodys", a
heading run into its paragraph): a finding on one is right. ``sample`` draws
a seeded random sample of the alarms, prints each with its context for a
person to judge, and writes ``grammar-alarm-labels.yaml`` beside this file
with an empty ``label`` for each; the person fills in one of :data:`LABELS`
and a short note. ``score`` counts the labels and, given the split's rate of
alarms per 1,000 words that ``benchmarks/grammar.py`` printed, scales the
sample's share of false alarms to a rate of false alarms. The label file keeps only where each alarm is and the flagged word,
never MedQuAD's sentences.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import medquad  # noqa: E402  (a sibling module: the MedQuAD split)

LABELS_FILE = Path(__file__).resolve().parent / "grammar-alarm-labels.yaml"
# What an alarm is, judged on the text as MedQuAD gives it.
LABELS = {
    "error": "a real error in the text as given (a misspelling, a dropped apostrophe, a doubled word)",
    "artefact": "an error MedQuAD's extraction made (a heading run into its paragraph, a dropped "
                "accent or dash joining two words): right about the text, not about the writer",
    "false": "the text is right: a false alarm",
}
CONTEXT = 60


def _alarms(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def sample(alarms_path: Path, count: int, seed: int) -> None:
    alarms = _alarms(alarms_path)
    chosen = sorted(random.Random(seed).sample(alarms, min(count, len(alarms))),
                    key=lambda alarm: (alarm["line"], alarm["start"]))
    lines = {alarm["line"] for alarm in chosen}
    if any(not medquad.in_split(line, "tuning") for line in lines):
        raise SystemExit("the alarms file holds lines outside the tuning split")
    texts = {answer.index: answer.text for answer in medquad.answers("tuning") if answer.index in lines}
    for number, alarm in enumerate(chosen, 1):
        text = texts[alarm["line"]]
        start, end = alarm["start"], alarm["end"]
        print(f"{number:3} line {alarm['line']} {alarm['rule']}: "
              f"{text[max(0, start - CONTEXT):start]}[[{text[start:end]}]]{text[end:end + CONTEXT]}".replace("\n", " "))
    entries = [{key: alarm[key] for key in ("line", "start", "end", "rule", "text")} | {"label": None, "note": None}
               for alarm in chosen]
    header = (f"# {len(chosen)} of {len(alarms)} grammar alarms (warning/error) on MedQuAD's tuning lines, drawn by\n"
              f"# benchmarks/grammar_alarms.py sample --count {count} --seed {seed}; labels by hand: "
              + ", ".join(LABELS) + ".\n")
    LABELS_FILE.write_text(header + yaml.safe_dump({"alarms": entries}, sort_keys=False, allow_unicode=True),
                           encoding="utf-8")
    print(f"\nwrote {LABELS_FILE.name}: fill in each label")


def score(rate: float | None) -> None:
    entries = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))["alarms"]
    unknown = [entry for entry in entries if entry["label"] not in LABELS]
    if unknown:
        raise SystemExit(f"{len(unknown)} alarms without a label of {', '.join(LABELS)} "
                         f"(first: line {unknown[0]['line']}, {unknown[0]['text']!r})")
    counts = Counter(entry["label"] for entry in entries)
    print(f"## Hand-labelled sample: {len(entries)} alarms")
    for label in LABELS:
        print(f"  {label:<9} {counts[label]:>4} = {counts[label] / len(entries):.3f}  ({LABELS[label]})")
    by_rule = Counter(entry["rule"] for entry in entries if entry["label"] == "false")
    print("false alarms by rule: " + ", ".join(f"{rule} {n}" for rule, n in by_rule.most_common()))
    if rate is not None:
        share = counts["false"] / len(entries)
        print(f"alarms {rate:.2f} per 1,000 words, of which judged false {share:.3f}: "
              f"{rate * share:.2f} false alarms per 1,000 words")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    draw = commands.add_parser("sample", help="draw the sample and write the label file to fill in")
    draw.add_argument("alarms", type=Path)
    draw.add_argument("--count", type=int, default=120)
    draw.add_argument("--seed", type=int, default=15)
    count = commands.add_parser("score", help="count the labels")
    count.add_argument("--rate", type=float, help="the split's alarms per 1,000 words (benchmarks/grammar.py)")
    args = parser.parse_args()
    if args.command == "sample":
        sample(args.alarms, args.count, args.seed)
    else:
        score(args.rate)


if __name__ == "__main__":
    main()
