"""What opening Harper costs, step by step: where its time and memory go.

    python benchmarks/harper_open.py [--repeat N] [--language en-US]

Each figure is the median of ``--repeat`` fresh interpreters (opening is a
once-per-process cost, so it cannot be repeated in one), run one after the
other: the steps of opening a :class:`~cliniclint.lint.grammar.harper.HarperBackend`,
timed one by one, with the process's resident memory (RSS) after each:
importing the backend module, the first ``harper.Linter`` (harper-py builds
Harper's curated dictionary, a process-wide static), a second one (what every
later linter costs), the user dictionary's words gathered and imported, the
Weir rules and rule settings, and the first lint. The machine is shared:
compare steps within one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

STEPS = r'''
import json, sys, time
def rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024
language = sys.argv[1]
out, last = [], time.perf_counter()
def step(name):
    global last
    now = time.perf_counter()
    out.append((name, now - last, rss()))
    last = time.perf_counter()
step("interpreter")
from cliniclint.lint.grammar import harper as backend
from cliniclint.lint.grammar.curation import Curation
step("import backend module")
curation = Curation.load()
dialect = curation.dialect(language)
step("curation (rules/data/harper.yaml)")
import harper
linter = harper.Linter(harper.Dialect[dialect])
step("first Linter (Harper's dictionary)")
harper.Linter(harper.Dialect[dialect])
step("second Linter (shared dictionary)")
words = backend.dictionary_words((), curation.spelling.dictionaries)
step(f"user words gathered ({len(words)})")
linter.import_words(words)
step("user words imported")
backend._load_weirpack(linter, curation.weirpack())
settings = linter.get_lint_config()
linter.set_lint_config({rule: rule in curation.rules for rule in settings})
step("weir rules and rule settings")
linter.organized_lints("Most patients recieve three sessions.", language="plaintext")
step("first lint")
print(json.dumps(out))
'''

def fresh(script: str, *args: str):
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def steps(repeat: int, language: str) -> None:
    runs = [fresh(STEPS, language) for _ in range(repeat)]
    print(f"## Opening Harper step by step ({repeat} fresh processes, medians)")
    print(f"{'step':<40} {'seconds':>8} {'RSS after, MB':>14}")
    for index, (name, _, _) in enumerate(runs[0]):
        seconds = statistics.median(run[index][1] for run in runs)
        memory = statistics.median(run[index][2] for run in runs)
        print(f"{name:<40} {seconds:8.3f} {memory:14.0f}")
    opening = [sum(seconds for name, seconds, _ in run[1:] if not name.startswith(("second", "first lint")))
               for run in runs]
    print(f"opening, module import to rule settings: {statistics.median(opening):.3f} s\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--language", default="en-US")
    args = parser.parse_args()
    steps(args.repeat, args.language)


if __name__ == "__main__":
    main()
