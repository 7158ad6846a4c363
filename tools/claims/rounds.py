"""Claim scoring over several rounds of (tuned) blind material in one run: one line per round.

Uses the scoring of ``benchmarks/claims_blind.py`` (its material reader and claim checker) on the
claim material only, so rounds are compared side by side with the same rules. ``--details`` lists
misses and false alarms, but only for the rounds named with ``--show`` (an inner hold-out round is
scored for counts only).

    python tools/claims/rounds.py v2 v3 ... v12 --show v8 v9 v10 v11
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import claims_blind as bench  # noqa: E402  (the benchmark is a script, not a package)


def score_round(name: str, claims: bench.ClaimChecker, show: bool) -> dict:
    material = bench.load_material(ROOT / "tests" / "data" / "heldout" / f"claims-blind-{name}",
                                   ROOT / "tests" / "data" / "caveat" / f"blind-{name}")
    right = flagged = alarms = clean = 0
    by_category: Counter = Counter()
    alarms_by_category: Counter = Counter()  # by the categories the not-flagged items got
    for entry in material.categories:
        for item in entry.flagged:
            flagged += 1
            if bench.right_category(claims, item):
                right += 1
                by_category[entry.category] += 1
            elif show:
                print(f"{name} MISS {entry.category}: {item.text!r} [{item.span}] "
                      f"got {claims.categories(item.text)}")
        for item in entry.not_flagged:
            clean += 1
            if claims.findings(item["text"]):
                alarms += 1
                alarms_by_category.update(claims.categories(item["text"]))
                if show:
                    print(f"{name} ALARM {entry.category}: {item['text']!r} ({item['why']}) "
                          f"got {claims.categories(item['text'])}")
    hedged_right = 0
    hedged_by_category: Counter = Counter()
    for item in material.hedged:
        if bench.right_category(claims, item):
            hedged_right += 1
            hedged_by_category[item.categories[0]] += 1
        elif show:
            print(f"{name} HEDGE-MISS {item.categories[0]}: {item.text!r} [{item.span}] "
                  f"got {claims.categories(item.text)}")
    return {"right": right, "flagged": flagged, "alarms": alarms, "clean": clean,
            "hedged": hedged_right, "n_hedged": len(material.hedged),
            "by_category": by_category, "alarms_by_category": alarms_by_category,
            "hedged_by_category": hedged_by_category}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rounds", nargs="+", help="round names, e.g. v8")
    parser.add_argument("--show", nargs="*", default=(), help="rounds whose misses are listed")
    args = parser.parse_args()
    from cliniclint import lint

    claims = bench.ClaimChecker(lint.load_rules())
    rows = {name: score_round(name, claims, name in args.show) for name in args.rounds}
    print(f"{'round':<6} {'right':>9} {'not-flagged flagged':>20} {'hedged right':>13}")
    for name, row in rows.items():
        print(f"{name:<6} {row['right']:>4}/{row['flagged']:<4} {row['alarms']:>14}/{row['clean']:<5}"
              f" {row['hedged']:>7}/{row['n_hedged']}")
    total = {key: sum(row[key] for row in rows.values())
             for key in ("right", "flagged", "alarms", "clean", "hedged", "n_hedged")}
    print(f"{'all':<6} {total['right']:>4}/{total['flagged']:<4} {total['alarms']:>14}/{total['clean']:<5}"
          f" {total['hedged']:>7}/{total['n_hedged']}")
    # Counts per category (for every round: counts are what an inner hold-out may report).
    for name, row in rows.items():
        for key in ("by_category", "hedged_by_category", "alarms_by_category"):
            print(f"{name} {key.replace('_', ' ')}: {dict(sorted(row[key].items()))}")


if __name__ == "__main__":
    main()
