"""Whether memory grows over a run's files with Harper, and where: resident memory after N texts.

    python benchmarks/harper_memory.py [--base DIR] [--files 1 100 500]

tracemalloc cannot see Harper's Rust heap, so this reads the process's RSS.
The texts are MedQuAD tuning answers (no blind line), one a file.

1. In one process each, RSS after N texts and the words linted (``/proc/self/status``): Harper's
   own call on different texts; the backend (the curation's dictionary look-ups included) on one
   text repeated, and on different texts. Growth with different texts and not with one repeated is
   a memo per text; growth in the backend and not in Harper's call is cliniclint's.
2. ``cliniclint check --no-cache --jobs 1`` over N files (one process for them all), its peak RSS
   (``ru_maxrss``), with ``--grammar off`` and ``--grammar harper``, and with
   ``--base DIR`` (a folder holding another copy of the cliniclint package)
   the Harper runs from that copy.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import medquad  # noqa: E402

ROOT = medquad.REPO

STEPS = r'''
import json, sys
sys.path.insert(0, sys.argv[1])
import medquad
from cliniclint.lint.grammar import harper

def rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024

mode, counts = sys.argv[2], [int(count) for count in sys.argv[3:]]
texts = [a.text for a in medquad.answers("tuning")][:max(counts)]
backend = harper.HarperBackend("en-US")
after, words = {"opened": [0, rss()]}, 0
for number in range(1, max(counts) + 1):
    text = texts[0] if mode == "backend, one text repeated" else texts[number - 1]
    words += len(text.split())
    if mode == "Harper's call, different texts":
        backend.linter.organized_lints(text, language="plaintext")
    else:
        backend._lint(text)
    if number in counts:
        after[number] = [words, rss()]
print(json.dumps(after))
'''
MODES = ("Harper's call, different texts", "backend, one text repeated", "backend, different texts")


def in_process(counts: list[int]) -> None:
    print("## RSS (MB) after N texts (thousands of words linted in brackets), one process each; MedQuAD tuning answers")
    print(f"{'':<46} {'opened':>7} " + " ".join(f"{count:>13}" for count in counts))
    for mode in MODES:
        done = subprocess.run([sys.executable, "-c", STEPS, str(ROOT / "benchmarks"), mode, *map(str, counts)],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        after = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{mode:<46} {after['opened'][1]:7.0f} " + " ".join(
            f"{after[str(count)][1]:6.0f} ({after[str(count)][0] / 1000:4.0f})" for count in counts), flush=True)
    print()


def runs(counts: list[int], base: Path | None) -> None:
    copies = {"this": dict(os.environ)}
    if base is not None:
        copies["base"] = {**os.environ, "PYTHONPATH": str(base)}
    answers = list(medquad.answers("tuning"))[:max(counts)]
    print("## Peak RSS (MB) of `cliniclint check --no-cache --jobs 1` over N files (a fresh process each run)")
    print(f"{'copy, grammar':<20} " + " ".join(f"{count:>7}" for count in counts))
    with tempfile.TemporaryDirectory() as folder:
        for copy, environment in copies.items():
            for grammar in ("off", "harper") if copy == "this" else ("harper",):  # off runs no Harper code
                peaks = []
                for count in counts:
                    directory = Path(folder) / f"{copy}-{grammar}-{count}"
                    directory.mkdir()
                    for answer in answers[:count]:
                        (directory / f"medquad-{answer.index}.txt").write_text(answer.text, encoding="utf-8")
                    peaks.append(_child_peak(environment, grammar, directory))
                print(f"{copy + ', ' + grammar:<20} " + " ".join(f"{peak:7.0f}" for peak in peaks))
    print()


CHILD_PEAK = r'''
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
'''


def _child_peak(environment: dict[str, str], grammar: str, directory: Path) -> float:
    """The peak RSS of one cliniclint run (measured by a fresh parent, so earlier runs do not count)."""
    command = [sys.executable, "-m", "cliniclint", "check", "--no-cache", "--jobs", "1", "--grammar", grammar,
               "--format", "json", str(directory)]
    done = subprocess.run([sys.executable, "-c", CHILD_PEAK, *command], env=environment, capture_output=True,
                          text=True, check=True, cwd=ROOT)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, help="a folder holding another copy of the cliniclint package")
    parser.add_argument("--files", type=int, nargs="+", default=[1, 100, 500])
    parser.add_argument("--skip-in-process", action="store_true")
    parser.add_argument("--skip-runs", action="store_true")
    args = parser.parse_args()
    if not args.skip_in_process:
        in_process(args.files)
    if not args.skip_runs:
        runs(args.files, args.base)


if __name__ == "__main__":
    main()
