"""Whether two copies of the Harper backend find the same: every lint the curation keeps, field by field.

    python benchmarks/harper_same.py --base DIR [--answers N] [--every K]

Each copy (this one, and ``--base DIR``: a folder holding another copy of the
cliniclint package, e.g. an older commit's ``git archive``) checks, in a fresh
process, the corpus's documents and MedQuAD tuning answers (every ``--every``-th
tuning line, ``--answers`` of them; never a blind line, ``i % 10 == 7``), each
read as the run reads it, with ``HarperBackend.check``: what the grammar rules
turn into findings (block, span, Harper rule, kind, severity, message,
suggestions). The two are compared document by document; a difference is
printed with the text it is on (those that differ in a finding's place, rule or
severity first; a difference only in an information finding's suggestions is
counted apart, and alone does not fail the comparison). Also printed: each
copy's CPU seconds in those calls (one fresh process each, not alternated: a rough figure;
``benchmarks/harper_cpu.py`` measures cost).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r'''
import json, sys, time
sys.path.insert(0, sys.argv[1])
import medquad
from cliniclint.lint.files import discover
from cliniclint.lint.grammar.harper import HarperBackend
from cliniclint.lint.readers import read_path

answers, every = int(sys.argv[2]), int(sys.argv[3])
documents = [(path, read_path(path)) for path in discover([str(medquad.REPO / "corpus")], ("README.md",))]
tuning = [a for a in medquad.answers("tuning")][::every][:answers]
documents += [(f"medquad-{a.index}.txt", read_path(f"medquad-{a.index}.txt", data=a.text.encode("utf-8")))
              for a in tuning]
backend = HarperBackend("en-US")
found, seconds = {}, 0.0
for name, document in documents:
    start = time.thread_time()
    located = backend.check(document.blocks)
    seconds += time.thread_time() - start
    found[str(name)] = [[item.block, item.start, item.end, item.issue.rule_id, item.issue.category,
                         item.issue.severity, item.issue.message, list(item.issue.replacements)]
                        for item in located]
print(json.dumps({"seconds": seconds, "found": found}))
'''


def findings(environment: dict[str, str], answers: int, every: int) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "benchmarks"), str(answers), str(every)],
                          env=environment, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="a folder holding another copy of cliniclint")
    parser.add_argument("--answers", type=int, default=1000, help="MedQuAD tuning answers to check")
    parser.add_argument("--every", type=int, default=7, help="take every K-th tuning line")
    args = parser.parse_args()
    this = findings(dict(os.environ), args.answers, args.every)
    base = findings({**os.environ, "PYTHONPATH": str(args.base)}, args.answers, args.every)
    differing = sorted(name for name in this["found"].keys() | base["found"].keys()
                       if this["found"].get(name) != base["found"].get(name))
    # What differs only in the suggestions of information findings (an unknown word nothing is one slip from,
    # whose far suggestions one copy leaves out) is counted apart from a finding one copy lacks or ranks otherwise.
    def suggestions_differ_only(name: str) -> bool:
        mine, theirs = this["found"].get(name, []), base["found"].get(name, [])
        return [item[:6] for item in mine] == [item[:6] for item in theirs] and all(
            item[5] == "info" for item, other in zip(mine, theirs) if item != other)

    suggestions_only = [name for name in differing if suggestions_differ_only(name)]
    print(f"differing only in the suggestions of information findings: {len(suggestions_only)} documents; "
          f"in a finding's place, rule or severity: {len(differing) - len(suggestions_only)}")
    differing = [name for name in differing if name not in suggestions_only] + suggestions_only
    count = sum(len(items) for items in this["found"].values())
    print(f"{len(this['found'])} documents, {count} lints kept by this copy, "
          f"{sum(len(items) for items in base['found'].values())} by the base; "
          f"documents differing: {len(differing)}")
    print(f"CPU seconds in HarperBackend.check: this {this['seconds']:.2f}, base {base['seconds']:.2f}")
    for name in differing[:40]:
        mine, theirs = this["found"].get(name, []), base["found"].get(name, [])
        print(f"  {name}: only this {[item for item in mine if item not in theirs]}, "
              f"only base {[item for item in theirs if item not in mine]}")
    sys.exit(1 if len(differing) > len(suggestions_only) else 0)


if __name__ == "__main__":
    main()
