"""Calibrate the verdict (``lint/verdict.py``) on dev documents, clean against spun.

    python -m tools.spin.calibrate_verdict [--data ../shared/data] [--answers N] [--weights draw/weights.json]

Lints, with the spin and spam families and without the ``spin-evidence``
gate (the verdict decides on every finding), MedQuAD dev answers, the dev
domain prose and the corpus's ``heldout-*`` pages (clean), and simulated
spins of the same texts at 10-40 % by every simulator policy, plus the spun
seeds. For each document it computes the verdict's features
(:func:`cliniclint.lint.verdict.features`) and fits the score's weights: a
logistic regression with non-negative weights (more evidence never makes a
page read cleaner, so dropping findings can never raise a verdict). It then
prints the tiers that keep clean documents clean: "spun" at a score no clean
document reaches (``SPUN_MARGIN`` above the highest), "possibly" at the
score that calls at most ``POSSIBLY_CLEAN_SHARE`` of clean documents, and the
accuracy these give.

Simulated spins are heavier and more uniform than a commercial spinner's
light touch, so the evidence floor and the tiers are then chosen on the
hand-written dev pages too (``tools/spin/dev-pages``: clean clinic pages and
pages spun by hand, light ones included): over a grid of floors and tiers
(``FLOORS``, ``POSSIBLY_TIERS``, ``SPUN_TIERS``), the settings that call no
MedQuAD answer likely spun, at most ``MEDQUAD_FLAGGED_SHARE`` of them possibly
spun and at most ``CLEAN_PAGES_FLAGGED`` clean hand page spun, ranked by
verdict accuracy on the hand pages, then by simulated spins caught.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import yaml
from scipy.optimize import minimize

from cliniclint import lint
from cliniclint.lint import verdict
from cliniclint.lint.rules import EXAMPLE_MARK
from cliniclint.lint.verdict import FEATURES, features

from .data import REPO, parser
from .devsets import CALIBRATION, corpus_heldout_pages, lint_texts, medquad_dev, prose_dev, simulate, use_weights
from .simulate import POLICIES

RATES = (0.1, 0.2, 0.3, 0.4)
SEED = 99
POSSIBLY_CLEAN_SHARE = 0.01
SPUN_MARGIN = 0.5
L2 = 1e-2
DEV_PAGES = REPO / "tools" / "spin" / "dev-pages"
FLOORS = (0.6, 0.65, 0.7, 0.75, 0.8)
POSSIBLY_TIERS = (0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2)
SPUN_TIERS = (1.2, 1.5, 2.0)
MEDQUAD_FLAGGED_SHARE = 0.01
CLEAN_PAGES_FLAGGED = 1


def ungated(texts: list[str]) -> list:
    """(findings, words) of each text, linted without the ``spin-evidence`` gate."""
    return [(result.findings, result.words)
            for result in lint_texts(texts, lint.Config(select=("spin", "spam")), gated=False)]


def document_features(documents: list) -> np.ndarray:
    return np.array([features(findings, words) for findings, words in documents])


@contextlib.contextmanager
def settings(floor: float, possibly: float, spun: float) -> Iterator[None]:
    """The verdict with another evidence floor and tiers (restored afterwards)."""
    saved = verdict.EVIDENCE_FLOOR, dict(verdict.TIERS)
    verdict.EVIDENCE_FLOOR, verdict.TIERS = floor, {verdict.SPUN: spun, verdict.POSSIBLY_SPUN: possibly}
    try:
        yield
    finally:
        verdict.EVIDENCE_FLOOR, verdict.TIERS = saved


def verdicts(documents: list) -> list[str]:
    return [verdict.spin_verdict(findings, words)[1] for findings, words in documents]


def hand_pages() -> tuple[list[str], list[str]]:
    """The hand-written dev pages: clean ones, and the spun ones without their artifact marks."""
    clean = yaml.safe_load((DEV_PAGES / "clean.yaml").read_text(encoding="utf-8"))
    spun = yaml.safe_load((DEV_PAGES / "spun.yaml").read_text(encoding="utf-8"))
    return [page["text"] for page in clean], [EXAMPLE_MARK.sub(r"\1", page["text"]) for page in spun]


def choose_tiers(answers: list, clean_pages: list, spun_pages: list, simulated: list) -> None:
    """Print the floors and tiers that keep MedQuAD and the clean hand pages clean, best first."""
    found = []
    for floor in FLOORS:
        for possibly in POSSIBLY_TIERS:
            for spun in (tier for tier in SPUN_TIERS if tier >= possibly):
                with settings(floor, possibly, spun):
                    on_answers, on_clean = verdicts(answers), verdicts(clean_pages)
                    on_spun, on_simulated = verdicts(spun_pages), verdicts(simulated)
                flagged = sum(v != verdict.CLEAN for v in on_answers)
                clean_flagged = sum(v != verdict.CLEAN for v in on_clean)
                if verdict.SPUN in on_answers or flagged > MEDQUAD_FLAGGED_SHARE * len(answers) \
                        or clean_flagged > CLEAN_PAGES_FLAGGED:
                    continue
                caught = sum(v != verdict.CLEAN for v in on_spun)
                accuracy = (len(on_clean) - clean_flagged + caught) / (len(on_clean) + len(on_spun))
                found.append((accuracy, sum(v != verdict.CLEAN for v in on_simulated), floor, possibly, spun,
                              flagged, clean_flagged, caught, sum(v == verdict.SPUN for v in on_spun)))
    print(f"evidence floor and tiers on the hand pages ({len(clean_pages)} clean, {len(spun_pages)} spun), "
          f"{len(answers)} MedQuAD answers and {len(simulated)} simulated spins, best first:")
    for accuracy, simulated_caught, floor, possibly, spun, flagged, clean_flagged, caught, likely in \
            sorted(found, reverse=True)[:8]:
        print(f"  floor {floor}, possibly >= {possibly}, spun >= {spun}: hand-page accuracy {accuracy:.3f} "
              f"(clean flagged {clean_flagged}, spun caught {caught}, {likely} likely); MedQuAD flagged {flagged}; "
              f"simulated caught {simulated_caught}/{len(simulated)}")


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Logistic regression with non-negative weights (L-BFGS-B with bounds), classes weighed equally."""
    sample = np.where(y, 0.5 / y.mean(), 0.5 / (1 - y.mean()))

    def loss(theta):
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1 / (1 + np.exp(-z))
        value = -np.sum(sample * (y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))) / len(y) + L2 * w @ w
        grad = x.T @ (sample * (p - y)) / len(y) + 2 * L2 * w
        return value, np.append(grad, np.sum(sample * (p - y)) / len(y))

    bounds = [(0, None)] * x.shape[1] + [(None, None)]
    theta = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, bounds=bounds, method="L-BFGS-B").x
    return theta[:-1], float(theta[-1])


def main() -> None:
    arguments = parser(__doc__.split("\n\n")[0])
    arguments.add_argument("--answers", type=int, default=600)
    arguments.add_argument("--weights", type=Path, default=None,
                           help="calibrate for the draw in this weights.json (train.py --out) instead of the shipped one")
    options = arguments.parse_args()
    if options.weights:
        use_weights(options.weights)
    clean = medquad_dev(options.data, options.answers, CALIBRATION) + prose_dev() + corpus_heldout_pages()
    spun = simulate(options.data, clean, RATES, sorted(POLICIES), SEED)
    seeds = [(REPO / "corpus" / name).read_text(encoding="utf-8")
             for name in ("000_5720665925d4a77f.txt", "002_0875d246422a95c0.txt")]
    linted_clean, linted_spun = ungated(clean), ungated([s.text for s in spun] + seeds)
    x_clean = document_features(linted_clean)
    x_spun = document_features(linted_spun)
    x = np.vstack([x_clean, x_spun])
    y = np.concatenate([np.zeros(len(x_clean)), np.ones(len(x_spun))])
    weights, bias = fit(x, y)
    score_clean, score_spun = x_clean @ weights, x_spun @ weights
    spun_tier = float(score_clean.max()) + SPUN_MARGIN
    possibly_tier = float(np.quantile(score_clean, 1 - POSSIBLY_CLEAN_SHARE)) + 1e-6
    print(f"{len(x_clean)} clean documents, {len(x_spun)} spun (rates {RATES}, policies {sorted(POLICIES)}, 2 seeds)")
    print("weights:", {name: round(float(w), 4) for name, w in zip(FEATURES, weights)}, f"(bias {bias:.3f})")
    print(f"tiers: spun >= {spun_tier:.3f}, possibly >= {possibly_tier:.3f}")
    flagged_clean = int((score_clean >= possibly_tier).sum())
    caught = score_spun >= possibly_tier
    print(f"clean flagged {flagged_clean}/{len(x_clean)}; spun caught {int(caught.sum())}/{len(x_spun)} "
          f"({int((score_spun >= spun_tier).sum())} likely); seeds {score_spun[-2:].round(2)}")
    for rate in RATES:
        mine = np.array([s.rate == rate for s in spun] + [False, False])
        print(f"  rate {rate}: caught {int(caught[mine].sum())}/{int(mine.sum())}, "
              f"likely {int((score_spun[mine] >= spun_tier).sum())}")
    for policy in sorted(POLICIES):
        mine = np.array([s.policy == policy for s in spun] + [False, False])
        print(f"  policy {policy}: caught {int(caught[mine].sum())}/{int(mine.sum())}")
    accuracy = (len(x_clean) - flagged_clean + int(caught.sum())) / (len(x_clean) + len(x_spun))
    print(f"dev verdict accuracy (possibly or likely = spun): {accuracy:.3f}")
    clean_pages, spun_pages = hand_pages()
    choose_tiers(linted_clean[:options.answers], ungated(clean_pages), ungated(spun_pages), linted_spun[:-2])


if __name__ == "__main__":
    main()
