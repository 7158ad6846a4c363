"""Train the claim classifier on every tuned set and write its weights as rule data (issue 12).

The model a rule kind would ship: ``classifier.fit`` on all of v1-v11, the claim sentences and the
clean negatives (``material.py``), exported at ``--threshold`` (``classifier.export``).

    python tools/claims/train.py --threshold 0.95 --out rules/data/claim-model.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from classifier import export, fit, labelled
from material import ROUNDS, load_all


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claims-loro-cache.json"),
                        help="sentences and pattern findings, as loro.py keeps them (default: %(default)s)")
    parser.add_argument("--threshold", type=float, required=True, help="the probability a finding needs")
    parser.add_argument("--out", type=Path, required=True, help="the weights file to write (JSON)")
    args = parser.parse_args()
    sets = load_all(args.cache)
    categories = sorted({c for name in ROUNDS for item in sets[name] if item.role == "flagged"
                         for c in item.categories})
    fitted = fit(labelled([item for items in sets.values() for item in items]), categories)
    args.out.write_text(json.dumps(export(fitted, args.threshold)), encoding="utf-8")


if __name__ == "__main__":
    main()
