"""Criterion 3 of the ship rule: the claim model's findings per 1,000 words on MedQuAD tuning answers
it was not trained on (issue 12).

Runs the installed cliniclint (a copy with the draft rule, f17cdc8, and weights from ``train.py``)
with only the model's rule selected, so no pattern finding can drop one of its findings: an upper
bound on what the full rule set would report. The answers are the
tuning split (``i % 10 != 7``) after the ``material.MEDQUAD_ANSWERS`` that train the model.

    python tools/claims/medquad_rate.py --code CL121 --answers 2000
"""

from __future__ import annotations

import argparse
import itertools
from collections import Counter

from material import MEDQUAD_ANSWERS, medquad_tuning_answers


def main() -> None:
    from cliniclint import lint

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", required=True, help="the model rule's code")
    parser.add_argument("--answers", type=int, default=2000, help="how many unseen tuning answers")
    parser.add_argument("--skip", type=int, default=0, help="start this many answers later (to run in parts)")
    args = parser.parse_args()
    rules = lint.load_rules()
    config = lint.Config(select=(args.code,))
    words, severities = 0, Counter()
    first = MEDQUAD_ANSWERS + args.skip
    answers = itertools.islice(medquad_tuning_answers(), first, first + args.answers)
    for n, answer in enumerate(answers, 1):
        words += len(answer.split())
        for finding in lint.check_text(answer, format="text", config=config, rules=rules):
            severities[finding.severity] += 1
            print(f"{finding.severity}\t{finding.message}", flush=True)
        if n % 250 == 0:
            print(f"# {n} answers, {words} words, {dict(severities)}", flush=True)
    print(f"# {n} answers, {words} words: {dict(severities)}; "
          f"{1000 * severities['warning'] / words:.3f} warnings per 1,000 words")


if __name__ == "__main__":
    main()
