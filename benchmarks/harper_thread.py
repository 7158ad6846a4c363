"""What Harper adds to an uncached corpus run, now that it lints on a thread of its own beside the parse.

    python benchmarks/harper_thread.py [--repeat N] [--base DIR]

Two measurements:

1. Whether harper-py releases the GIL while it opens and lints: a fixed piece of
   pure-Python work is timed alone and then while another thread opens a fresh
   Harper linter and lints the corpus (text no linter in this process has seen,
   so Harper's per-sentence memo does not help). If harper-py held the GIL, the
   Python work would wait for Harper; if it releases it, the work takes about as
   long as alone (on a machine with a free core).
2. ``cliniclint check --no-cache corpus/`` with ``--grammar off`` and
   ``--grammar harper``, fresh processes, alternated round by round, medians.
   ``--base DIR`` adds the same two commands run from another copy of cliniclint
   (a folder holding a ``cliniclint`` package, e.g. an older commit's
   ``git archive``), alternated with this one, so before and after are measured
   side by side on the same machine load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
PYTHON_WORK = 4_000_000  # iterations of the pure-Python loop: about a third of a second here


def python_work() -> float:
    start = time.perf_counter()
    total = 0
    for number in range(PYTHON_WORK):
        total += number * number
    return time.perf_counter() - start


def corpus_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(CORPUS.iterdir())
            if path.is_file() and path.name != "README.md"]


def gil_release() -> None:
    import harper

    alone = statistics.median(python_work() for _ in range(3))
    texts = corpus_texts()
    harper_seconds: list[float] = []

    def open_and_lint() -> None:
        start = time.perf_counter()
        linter = harper.Linter(harper.Dialect.AMERICAN)
        for text in texts:
            linter.organized_lints(text, language="plaintext")
        harper_seconds.append(time.perf_counter() - start)

    beside = threading.Thread(target=open_and_lint)
    beside.start()
    during = []
    while beside.is_alive():
        during.append(python_work())
    beside.join()
    print("## Does harper-py release the GIL? (pure-Python work, median seconds)")
    print(f"alone                          {alone:.3f}")
    print(f"while Harper opens and lints   {statistics.median(during):.3f} ({len(during)} repetitions "
          f"during Harper's {harper_seconds[0]:.2f} s)\n")


def timed(command: list[str], environment: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def corpus_runs(repeat: int, base: Path | None) -> None:
    copies = {"this": os.environ.copy()}
    if base is not None:
        copies["base"] = {**os.environ, "PYTHONPATH": str(base)}
    commands = {(copy, grammar): [sys.executable, "-m", "cliniclint", "check", "--no-cache", "--grammar", grammar,
                                  "--format", "json", str(CORPUS)]
                for copy in copies for grammar in ("off", "harper")}
    seconds: dict[tuple[str, str], list[float]] = {key: [] for key in commands}
    loads = []
    for _ in range(repeat):
        for (copy, grammar), command in commands.items():
            seconds[(copy, grammar)].append(timed(command, copies[copy]))
            loads.append(os.getloadavg()[0])
    print(f"## Uncached corpus run ({repeat} alternated rounds, medians, load {min(loads):.1f}-{max(loads):.1f} "
          f"after the runs)")
    print("copy   grammar off   grammar harper   Harper adds")
    for copy in copies:
        off, on = (statistics.median(seconds[(copy, grammar)]) for grammar in ("off", "harper"))
        print(f"{copy:<6} {off:9.2f} s   {on:12.2f} s   {100 * (on / off - 1):+8.1f} %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="alternated rounds of the corpus runs")
    parser.add_argument("--base", type=Path, help="a folder holding another copy of the cliniclint package")
    parser.add_argument("--skip-gil", action="store_true")
    args = parser.parse_args()
    if not args.skip_gil:
        gil_release()
    corpus_runs(args.repeat, args.base)


if __name__ == "__main__":
    main()
