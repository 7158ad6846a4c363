"""Where a cliniclint run's time goes: the parse, each shared analysis, each family's checks, post-processing.

    python benchmarks/profile_families.py [PATHS...] [--repeat 3]

Parses the articles once per round and times, exclusive of one another,
each analysis (computed once per document, whoever asks first), each rule
family's checks (without the analyses they read) and the post-processing
pipeline; prints each one's median share of a run. Use it to see what a
rule-side speed-up saves: run it before and after, on the same machine.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from cliniclint.lint import Config, analysis, load_rules
from cliniclint.lint.engine import Checker, to_finding
from cliniclint.lint.grammar import GrammarSession
from cliniclint.lint.postprocess import Pipeline
from cliniclint.lint.readers import read_path

ARTICLES = (".txt", ".md", ".html")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["corpus"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = [path for name in args.paths for path in ([Path(name)] if Path(name).is_file() else sorted(
        Path(name).rglob("*"))) if path.suffix in ARTICLES and path.name != "README.md"]
    documents = [read_path(str(path)) for path in files]
    rules, config = load_rules(), Config()
    checker = Checker(rules, config, GrammarSession(rules, config))
    pipeline = Pipeline(rules, config)
    words = sum(document.words for document in documents)

    spent: dict[str, float] = defaultdict(float)
    clock = [time.perf_counter()]
    stack: list[str] = []

    def charge(to: str) -> None:  # time since the last switch goes to ``to``
        now = time.perf_counter()
        spent[to] += now - clock[0]
        clock[0] = now

    real_get = analysis.ParsedDocument.get

    def timed_get(self, wanted, *params):
        key = (wanted.name, *params)
        if key in self._results:
            return self._results[key]
        charge(stack[-1])
        stack.append(f"analysis {wanted.name}")
        try:
            return real_get(self, wanted, *params)
        finally:
            charge(stack.pop())

    analysis.ParsedDocument.get = timed_get
    rounds: list[dict[str, float]] = []
    for _ in range(args.repeat + 1):  # the first round warms first-use set-up
        spent.clear()
        clock[0] = time.perf_counter()
        stack[:] = ["parse"]
        parsed_all = checker.parse(documents)
        charge("parse")
        for parsed in parsed_all:
            found = []
            for rule in checker.checked:
                stack.append(f"family {rule.family}")
                found += [to_finding(parsed.document, rule, match) for match in rule.checker.check(parsed,
                                                                                                 checker.context)]
                charge(stack.pop())
            stack.append("post-processing")
            pipeline(parsed, sorted(found, key=lambda f: (f.start, f.end, f.code)))
            charge(stack.pop())
        rounds.append(dict(spent))
    analysis.ParsedDocument.get = real_get
    rounds = rounds[1:]
    names = sorted({name for measured in rounds for name in measured})
    medians = {name: statistics.median(measured.get(name, 0.0) for measured in rounds) for name in names}
    total = sum(medians.values())
    print(f"{len(documents)} files, {words} words, {args.repeat} rounds; a run takes {total:.2f} s "
          f"({words / total:,.0f} words/s)")
    for name, seconds in sorted(medians.items(), key=lambda item: -item[1]):
        print(f"{name:<40} {seconds:7.3f} s  {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
