"""Calibrate the verdict tiers (``lint/verdict.py``) on dev documents, clean against spun.

    python -m tools.spin.calibrate_verdict [--data ../shared/data] [--answers N]

Lints, with the spin and spam families, MedQuAD dev answers, the dev domain
prose and the corpus's ``heldout-*`` pages (clean), simulated spins of the
same answers and prose at several rates, and the spun seeds, and records
each document's verdict evidence *before* the clean-page gate drops it.
Then it prints, for a grid of (evidence, density) tiers, how many clean
documents each would call spun and how many spun ones it would catch, so
the tiers can be set where clean pages are (almost) never called spun.
"""

from __future__ import annotations

import itertools
import random

import numpy as np

from cliniclint import lint
from cliniclint.lint import engine
from cliniclint.lint.verdict import weight

from .data import DEV, REPO, domain_prose, medquad_answers, parser
from .dataset import paragraphs

RATES = (0.03, 0.06, 0.1, 0.2)
SEED = 99


def evidence(texts: list[str]) -> list[tuple[float, int]]:
    """(summed evidence, words) per text, with every spin-model finding kept."""
    original = engine.keep_evidence_if_spun
    engine.keep_evidence_if_spun = lambda findings, words: list(findings)
    try:
        report = lint.run(((f"<{i}>.txt", t.encode()) for i, t in enumerate(texts)),
                          lint.Config(select=("spin", "spam")))
    finally:
        engine.keep_evidence_if_spun = original
    return [(sum(weight(f) for f in file.findings), file.words) for file in report.files]


def main() -> None:
    arguments = parser(__doc__.split("\n\n")[0])
    arguments.add_argument("--answers", type=int, default=300)
    options = arguments.parse_args()
    from cliniclint.lint import nlp

    from .simulate import SpinnerThesaurus, spin

    rng = random.Random(SEED)
    answers = [text for _, text in medquad_answers(options.data, DEV)]
    rng.shuffle(answers)
    clean = ["\n\n".join(paragraphs(t)) for t in answers[:options.answers]]
    clean += ["\n\n".join(paragraphs(t)) for _, t in domain_prose(DEV)]
    pages = sorted((REPO / "corpus").glob("heldout-*"))
    thesaurus = SpinnerThesaurus.load(options.data)
    pipeline = nlp.load(nlp.resolve_model(None), frozenset({"tagger", "attribute_ruler", "lemmatizer"}))
    spun, rates = [], []
    for index, text in enumerate(clean):
        rate = RATES[index % len(RATES)]
        spun.append("\n\n".join(spin(pipeline(p), thesaurus, rate, rng)[0] for p in text.split("\n\n")))
        rates.append(rate)
    seeds = [(REPO / "corpus" / name).read_text(encoding="utf-8")
             for name in ("000_5720665925d4a77f.txt", "002_0875d246422a95c0.txt")]
    page_texts = []
    for path in pages:
        from cliniclint.lint.readers import read_path

        page_texts.append("\n\n".join(block.text for block in read_path(str(path)).blocks))
    clean_e = evidence(clean + page_texts)
    spun_e = evidence(spun + seeds)
    rates += ["seed", "seed"]
    print(f"{len(clean_e)} clean documents ({len(page_texts)} corpus held-out pages), {len(spun_e)} spun")
    for label, found in (("clean", clean_e), ("spun", spun_e)):
        sums = np.array([e for e, _ in found])
        density = np.array([100 * e / max(w, 1) for e, w in found])
        print(f"{label}: evidence 50/90/99/max {np.percentile(sums, [50, 90, 99, 100]).round(2)}, "
              f"per 100 words {np.percentile(density, [50, 90, 99, 100]).round(2)}")
    print("evidence density | clean flagged | spun caught by rate")
    for total, density in itertools.product((1.0, 1.5, 2.0, 3.0, 4.0), (0.2, 0.3, 0.45, 0.6, 0.8, 1.0)):
        def flagged(e, w):
            return e >= total and 100 * e / max(w, 1) >= density

        false = sum(flagged(e, w) for e, w in clean_e)
        caught = {}
        for rate, (e, w) in zip(rates, spun_e):
            hit, n = caught.get(rate, (0, 0))
            caught[rate] = (hit + flagged(e, w), n + 1)
        print(f"{total:4.1f} {density:4.2f} | {false:3d}/{len(clean_e)} | "
              + " ".join(f"{rate}: {hit}/{n}" for rate, (hit, n) in caught.items()))


if __name__ == "__main__":
    main()
