"""Leave-one-round-out estimate for the caveat concept classifier (issue 12).

Would a classifier trained on the tuned concept sentences carry to a new writer's words better than
the phrase patterns do? For each blind round, train on every other round and the development
sentences (``model.py``), test on the held-out round, and count what the benchmark counts:
conveying sentences found for their concept, and must-not-count sentences accepted, at
probability >= ``--threshold``. The classifier alone, without the patterns or the review's negation
check; not shipped (README.md, round 9).

    python tools/caveat/loro.py            # needs scikit-learn (the spin-build extra)
"""

from __future__ import annotations

import argparse

from model import ROUNDS, SETS, fit, probabilities, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args()
    material = {name: sentences(name) for name in SETS}
    print(f"{'held out':<10} {'conveys found':>14} {'does-not accepted':>18}")
    for held in ROUNDS:
        fitted = fit([item for name, items in material.items() if name != held for item in items])
        test = material[held]
        scores = probabilities(fitted, [text for text, _, _ in test])
        found = sum(scores[concept][i] >= args.threshold for i, (_, concept, conveys) in enumerate(test) if conveys)
        accepted = sum(scores[concept][i] >= args.threshold
                       for i, (_, concept, conveys) in enumerate(test) if not conveys)
        conveying = sum(conveys for _, _, conveys in test)
        print(f"{held:<10} {found:>6}/{conveying:<7} {accepted:>10}/{len(test) - conveying}")


if __name__ == "__main__":
    main()
