"""Harper's CPU time in an uncached corpus run, beside the rest of the run's: what it adds when no core is free.

    python benchmarks/harper_cpu.py [--repeat N] [--base DIR] [--files N]

Harper lints on a thread of its own, so the wall time it adds depends on a free
core (``benchmarks/harper_thread.py``); when both cores are busy its CPU time
adds in full. CPU time is also what others' load on a shared machine does not
change. Each round is one fresh ``cliniclint check --no-cache --grammar harper
corpus/`` run in a child process that times the Harper thread with
``time.thread_time()``:

- *open*: opening the backend (Harper's dictionary, the user words, the rules);
- *lint*: checking documents, split into Harper's own calls (``organized_lints``:
  its parse, its rules and its spelling suggestions) and cliniclint's Python
  around them (the curation's skips, the name and dialect checks, the repeated
  terms), and Harper's calls split by pass: the other rules on the text, the
  spell check on it with the words the curation drops for their place and
  form blanked (``HarperBackend._lints``), and one call with every rule
  where the passes' lints overlap; and the dictionary look-ups (a word alone,
  in another dialect or an inflection's base);

and the whole process's CPU (``resource.getrusage``, every thread) less
Harper's is the rest of the run. *Open again* is what opening costs the next run
in the same process (a library caller's, the language server's), timed after the
run. The rounds alternate with ``--base DIR`` (a
folder holding another copy of the cliniclint package, e.g. an older commit's
``git archive``) when given; figures are medians. The documents Harper spends
most on are listed, with their cost per 1,000 words.

A last section times, on fresh threads, the first unknown word that no word
of the dictionary is within two edits of, and a second one: Harper builds the
three-edit fuzzy matcher its spelling suggestions fall back to once per thread,
when the first such word comes, so one document of a run pays for it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"

# Runs in the child, against whichever copy of cliniclint its sys.path finds.
CHILD = r'''
import contextlib, io, json, resource, sys, time
from cliniclint import cli
from cliniclint.lint.grammar import harper, session

harper_cpu = {"open": 0.0, "lint": 0.0, "harper calls": 0.0, "other rules": 0.0, "spell check": 0.0,
              "one call": 0.0, "look-ups": 0.0}
documents = []


class TimedLinter:
    """The backend's linter with its organized_lints calls timed, by which of the backend's rule settings
    is on (harper-py's Linter cannot be patched)."""

    def __init__(self, linter, settings):
        self._linter, self._settings, self._part = linter, settings, "one call"

    def set_lint_config(self, config):
        self._part = {"others": "other rules", "spelling": "spell check"}.get(
            next((part for part, setting in self._settings.items() if setting == config), None), "one call")
        return self._linter.set_lint_config(config)

    def organized_lints(self, *args, **kwargs):
        start = time.thread_time()
        try:
            return self._linter.organized_lints(*args, **kwargs)
        finally:
            seconds = time.thread_time() - start
            harper_cpu["harper calls"] += seconds
            harper_cpu[self._part] += seconds

    def __getattr__(self, name):
        return getattr(self._linter, name)


spells = harper._spells


def timed_spells(*args):
    """A dictionary look-up (another dialect's, an inflection's base): a lint of the word alone."""
    start = time.thread_time()
    try:
        return spells(*args)
    finally:
        harper_cpu["look-ups"] += time.thread_time() - start


harper._spells = timed_spells


open_backend, check_document = session.GrammarSession._open, session.GrammarSession._check


def timed_open(self):
    start = time.thread_time()
    open_backend(self)
    if isinstance(self.backend, harper.HarperBackend):
        self.backend.linter = TimedLinter(self.backend.linter, getattr(self.backend, "_settings", {}))
    harper_cpu["open"] += time.thread_time() - start


def timed_check(self, document):
    start = time.thread_time()
    try:
        return check_document(self, document)
    finally:
        seconds = time.thread_time() - start
        harper_cpu["lint"] += seconds
        documents.append((document.path, document.words, seconds))


session.GrammarSession._open, session.GrammarSession._check = timed_open, timed_check
sys.argv = ["cliniclint", "check", "--no-cache", "--grammar", "harper", "--format", "json", *sys.argv[1:]]
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    cli.main()
usage = resource.getrusage(resource.RUSAGE_SELF)
start = time.thread_time()
harper.HarperBackend("en-US")  # what the next run in this process pays to open (an API caller's, a server's)
reopen = time.thread_time() - start
print(json.dumps({"process": usage.ru_utime + usage.ru_stime, **harper_cpu, "reopen": reopen,
                  "documents": documents}))
'''

# Runs in the child: the first far unknown word on a fresh thread, then another.
FAR_WORDS = r'''
import json, threading, time
import harper

linter = harper.Linter(harper.Dialect.AMERICAN)
seconds = []

def lint_on_a_fresh_thread():
    for word in ("Zorbleflax", "Quorvathine", "recieve"):
        start = time.thread_time()
        linter.lint(f"The {word} was here.", language="plaintext")
        seconds.append(time.thread_time() - start)

thread = threading.Thread(target=lint_on_a_fresh_thread)
thread.start()
thread.join()
print(json.dumps(seconds))
'''


def child(script: str, args: list[str], environment: dict[str, str]):
    result = subprocess.run([sys.executable, "-c", script, *args], env=environment, capture_output=True,
                            text=True, check=True, cwd=ROOT)
    return json.loads(result.stdout.strip().splitlines()[-1])


def _median(results: list[dict], key: str) -> float:
    return statistics.median(result.get(key, 0.0) for result in results)


def corpus_rounds(repeat: int, base: Path | None, top: int) -> None:
    copies = {"this": dict(os.environ)}
    if base is not None:
        copies["base"] = {**os.environ, "PYTHONPATH": str(base)}
    runs: dict[str, list[dict]] = {copy: [] for copy in copies}
    loads = []
    for _ in range(repeat):
        for copy, environment in copies.items():
            runs[copy].append(child(CHILD, [str(CORPUS)], environment))
            loads.append(os.getloadavg()[0])
    print(f"## CPU seconds of an uncached corpus run with --grammar harper ({repeat} alternated rounds, medians; "
          f"load {min(loads):.1f}-{max(loads):.1f})")
    print("copy   process   rest of run   Harper: open    lint (Harper calls  Python)   Harper / rest   open again")
    for copy, results in runs.items():
        harper_total = statistics.median(r["open"] + r["lint"] for r in results)
        rest = statistics.median(r["process"] - r["open"] - r["lint"] for r in results)
        python = statistics.median(r["lint"] - r["harper calls"] for r in results)
        print(f"{copy:<6} {_median(results, 'process'):7.2f} {rest:13.2f} {_median(results, 'open'):14.2f} "
              f"{_median(results, 'lint'):7.2f} {_median(results, 'harper calls'):17.2f} {python:8.2f} "
              f"{100 * harper_total / rest:+13.1f} %   {_median(results, 'reopen'):10.3f}")
    print("\nHarper calls by pass, and the look-ups (CPU seconds, medians): the other rules on the text, the spell")
    print("check on it with the spared words blanked, one call with every rule (where the passes overlap, or")
    print("nothing is spared; every call before the two passes); look-ups: a word alone, in another dialect or")
    print("an inflection's base (part of Python above)")
    print("copy   other rules   spell check   one call   look-ups")
    for copy, results in runs.items():
        print(f"{copy:<6} {_median(results, 'other rules'):11.2f} {_median(results, 'spell check'):13.2f} "
              f"{_median(results, 'one call'):10.2f} {_median(results, 'look-ups'):10.2f}")
    for copy, results in runs.items():
        by_document: dict[str, list[float]] = {}
        words: dict[str, int] = {}
        for result in results:
            for path, count, seconds in result["documents"]:
                by_document.setdefault(path, []).append(seconds)
                words[path] = count
        total_words = sum(words.values())
        lint = statistics.median(result["lint"] for result in results)
        print(f"\n{copy}: Harper lint CPU {1e6 * lint / total_words:.0f} ms per 1,000 words "
              f"({total_words} words); the costliest documents (median ms, ms per 1,000 words):")
        costly = sorted(by_document, key=lambda path: -statistics.median(by_document[path]))[:top]
        for path in costly:
            seconds = statistics.median(by_document[path])
            print(f"  {Path(path).name:<48} {1000 * seconds:7.0f} {1e6 * seconds / max(words[path], 1):8.0f}")
    print()


def far_words(repeat: int) -> None:
    runs = [child(FAR_WORDS, [], dict(os.environ)) for _ in range(repeat)]
    first, second, near = (statistics.median(run[index] for run in runs) for index in range(3))
    print(f"## Unknown words on a fresh thread ({repeat} fresh processes, medians, CPU seconds)")
    print(f"first word with no dictionary word within two edits ('Zorbleflax')   {first:.3f}")
    print(f"a second one ('Quorvathine')                                          {second:.3f}")
    print(f"a word one edit from a known word ('recieve')                         {near:.3f}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="alternated rounds")
    parser.add_argument("--base", type=Path, help="a folder holding another copy of the cliniclint package")
    parser.add_argument("--top", type=int, default=6, help="documents to list")
    args = parser.parse_args()
    corpus_rounds(args.repeat, args.base, args.top)
    far_words(min(args.repeat, 3))


if __name__ == "__main__":
    main()
