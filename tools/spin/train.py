"""Train the spin model's ranker and classifier, calibrate them on dev data, write ``weights.json``.

    python -m tools.spin.dataset --split train && python -m tools.spin.dataset --split dev
    python -m tools.spin.train [--out rules/data/spin-model]

* Ranker: a linear score over candidate features, fitted as a softmax over
  each spun slot's candidates whose target is the candidate that restores
  the original text (conditional logit, gradient descent with L2).
* Classifier: scikit-learn's MLPClassifier (one tanh hidden layer) over slot
  features, on every slot of the training split; only its arrays are kept.
  With ``--ensemble K``, K of them (seeds ``--seed`` to ``--seed + K - 1``,
  same ranker, same rows): the runtime averages their calibrated
  probabilities (one classifier's output moves with its seed: README,
  round 7).
* Calibration: Platt scaling of each classifier's logit on the dev split.
* Thresholds, on the ensemble's mean: the ``warning`` tier is the lowest
  confidence at which clean dev text gets at most ``WARNING_BUDGET``
  warnings per 1,000 words; the
  ``candidate`` tier (evidence and info findings) at most
  ``CANDIDATE_BUDGET``. Each budget must hold for MedQuAD dev answers and
  for the dev domain prose alike, so the stricter of the two wins.
* Verdict evidence: for every dev document, the summed confidence of its
  candidates and that sum per 100 words, clean against spun, printed for
  calibrating the tiers in ``lint/verdict.py``.

Training needs scikit-learn; linting needs only NumPy.
"""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

from cliniclint.lint.spin_model.detector import FEATURE as DETECTOR_FEATURE
from cliniclint.lint.spin_model.features import CANDIDATE_FEATURES, SLOT_FEATURES, slot_features

from .data import DEV, TRAIN, parser

HIDDEN = 16
# Training slots from the domain prose count this many times: it is the domain
# the linter serves, and a small share of the training data.
PROSE_WEIGHT = 3
# What the runtime scores (kept in weights.json, applied to the datasets here):
# the first MAX_CANDIDATES candidates of each slot, and only slots whose word
# is not attested ATTESTED times or more with both its neighbours.
MAX_CANDIDATES = 24
ATTESTED = 5
WARNING_BUDGET = 0.25  # warnings per 1,000 clean dev words
CANDIDATE_BUDGET = 65.0  # candidates (evidence, info findings on pages called spun) per 1,000 clean dev words
SEED = 7
LABELS = {"artifact": "artifact", "any": "label"}
# Whether the slot rows end with the replaced-token detector's column (``--detector``; the datasets
# must have been built with a detector in the model folder).
DETECTOR = False
LEFT_OUT = False  # train on the training dataset built with each document's counts left out


def load(split: str, seed: int | None = None, left_out: bool = False) -> dict:
    """The cached dataset of ``split`` drawn with ``seed`` (default: the dataset's own default seed), its
    counts read as built or each document's left out (``dataset.py --left-out``)."""
    import __main__

    from .dataset import Record, dataset_path

    __main__.Record = Record  # datasets pickled by ``python -m tools.spin.dataset`` name it there
    with open(dataset_path(split, seed, left_out), "rb") as stream:
        return pickle.load(stream)


OWN = {name: index for index, name in enumerate(SLOT_FEATURES)}


def as_scored(records):
    """The records the runtime would score, with candidates cut to MAX_CANDIDATES."""
    floor = np.log10(1 + ATTESTED)
    kept = []
    for r in records:
        if min(r.own[OWN["seen_left_pair"]], r.own[OWN["seen_right_pair"]]) >= floor:
            continue
        if len(r.candidates) > MAX_CANDIDATES:
            own = r.own.copy()
            own[OWN["candidates"]] = np.log1p(MAX_CANDIDATES)
            r = replace(r, own=own, candidates=r.candidates[:MAX_CANDIDATES],
                        original=r.original if r.original < MAX_CANDIDATES else -1)
        kept.append(r)
    return kept


def train_ranker(records, steps: int = 400, rate: float = 0.05, l2: float = 1e-3) -> np.ndarray:
    groups = [(r.candidates, r.original) for r in records if r.original >= 0 and len(r.candidates) > 1]
    stacked = np.vstack([c for c, _ in groups])
    scale = stacked.std(axis=0) + 1e-6
    weights = np.zeros(stacked.shape[1])
    sizes = np.array([len(c) for c, _ in groups])
    owner = np.repeat(np.arange(len(groups)), sizes)
    target = np.concatenate([[i == o for i in range(len(c))] for c, o in groups]).astype(np.float64)
    x = stacked / scale
    moment, velocity = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, steps + 1):
        scores = x @ weights
        peak = np.full(len(groups), -np.inf)
        np.maximum.at(peak, owner, scores)
        e = np.exp(scores - peak[owner])
        total = np.bincount(owner, weights=e)
        p = e / total[owner]
        gradient = x.T @ (p - target) / len(groups) + l2 * weights
        moment = 0.9 * moment + 0.1 * gradient
        velocity = 0.999 * velocity + 0.001 * gradient ** 2
        weights -= rate * (moment / (1 - 0.9 ** step)) / (np.sqrt(velocity / (1 - 0.999 ** step)) + 1e-8)
    raw = weights / scale
    hits = sum(int(np.argmax(c @ raw) == o) for c, o in groups)
    print(f"ranker: original ranked first in {hits}/{len(groups)} spun slots ({hits / len(groups):.2f})")
    return raw


def rows(records, ranker: np.ndarray, without: frozenset[str] = frozenset()) -> np.ndarray:
    """Slot rows as the runtime builds them; ``without``: columns zeroed (ablation)."""
    x = np.vstack([slot_features(r.own, r.candidates, r.candidates @ ranker) for r in records])
    if DETECTOR:
        x = np.column_stack([x, [r.detector for r in records]])
    for name in without:
        x[:, features().index(name)] = 0.0
    return x


def features() -> tuple[str, ...]:
    """The names of the slot row's columns."""
    return (*SLOT_FEATURES, DETECTOR_FEATURE) if DETECTOR else SLOT_FEATURES


def clean_words(data: dict, source: str) -> int:
    return sum(len(text.split()) for _, origin, spun, text, _ in data["blocks"] if origin == source and not spun)


def threshold_for(p: np.ndarray, budget: float, words: int) -> float:
    """The lowest confidence at which the clean slots' ``p`` give at most ``budget`` per 1,000 words."""
    allowed = int(budget * words / 1000)
    ordered = np.sort(p)[::-1]
    return float(ordered[allowed]) + 1e-6 if allowed < len(ordered) else 0.0


def evidence_report(data: dict, p: np.ndarray, floor: float) -> None:
    """Per dev document: summed candidate confidence and its density per 100 words, by clean and spun."""
    evidence: dict[int, float] = {}
    for record, confidence in zip(data["records"], p):
        evidence[record.doc] = evidence.get(record.doc, 0.0) + (confidence if confidence >= floor else 0.0)
    words: dict[int, int] = {}
    spun: dict[int, bool] = {}
    for number, _, is_spun, text, _ in data["blocks"]:
        words[number] = words.get(number, 0) + len(text.split())
        spun[number] = is_spun
    for label, wanted in (("clean", False), ("spun", True)):
        sums = np.array([evidence.get(n, 0.0) for n in words if spun[n] == wanted])
        density = np.array([100 * evidence.get(n, 0.0) / max(words[n], 1) for n in words if spun[n] == wanted])
        quantiles = (0.5, 0.9, 0.99, 1.0) if not wanted else (0.01, 0.05, 0.1, 0.5)
        print(f"dev {label} documents ({len(sums)}): evidence quantiles "
              + ", ".join(f"{q}: {np.quantile(sums, q):.2f}" for q in quantiles)
              + "; per 100 words " + ", ".join(f"{q}: {np.quantile(density, q):.2f}" for q in quantiles))


def train_member(x_train: np.ndarray, y_train: np.ndarray, x_dev: np.ndarray, y_dev: np.ndarray,
                 seed: int) -> tuple[dict, np.ndarray]:
    """One classifier of the ensemble on standardised rows, Platt-calibrated on dev: its arrays as
    ``weights.json`` keeps them, and its calibrated probability of each dev slot."""
    network = MLPClassifier(hidden_layer_sizes=(HIDDEN,), activation="tanh", alpha=1e-3, max_iter=300,
                            early_stopping=True, random_state=seed)
    network.fit(x_train, y_train)
    logit = (np.tanh(x_dev @ network.coefs_[0] + network.intercepts_[0]) @ network.coefs_[1]
             + network.intercepts_[1]).ravel()
    platt = LogisticRegression(C=1e4).fit(logit[:, None], y_dev)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    member = {
        "seed": seed,
        "hidden": [{"weights": network.coefs_[0].round(6).tolist(), "bias": network.intercepts_[0].round(6).tolist()}],
        "output": {"weights": network.coefs_[1].ravel().round(6).tolist(),
                   "bias": round(float(network.intercepts_[1][0]), 6)},
        "calibration": {"a": round(a, 6), "b": round(b, 6)},
    }
    return member, 1 / (1 + np.exp(-(a * logit + b)))


def _union(datasets: list[dict]) -> dict:
    """Several training datasets as one (``--dataset-seed 11 12``: both draws' slots, documents renumbered)."""
    if len(datasets) == 1:
        return datasets[0]
    records, blocks, offset = [], [], 0
    for data in datasets:
        records += [replace(r, doc=r.doc + offset) for r in data["records"]]
        blocks += [(number + offset, *rest) for number, *rest in data["blocks"]]
        offset += 1 + max(r.doc for r in data["records"])
    return {"records": records, "blocks": blocks}


def train(out: Path, label: str = "any", without: frozenset[str] = frozenset(), seed: int = SEED,
          dataset_seeds: tuple[int | None, ...] = (None,), ensemble: int = 1, each: bool = False) -> None:
    """``label``: what a positive slot is ("artifact": overlaps an artifact change; "any": any change);
    ``seed``: the classifier's draw (initial weights, shuffling, early-stopping split); ``dataset_seeds``:
    which cached training datasets, their slots pooled (``dataset.py --seed``; the dev dataset is always the default draw,
    so that calibration and tiers are set on the same dev slots); ``ensemble``: how many classifiers
    (seeds ``seed``, ``seed + 1`` ...) the runtime averages; the tiers are set on their mean; ``each``:
    also write every member as a single draw (``member-<seed>/weights.json`` in ``out``), so that one run
    gives the ensemble and the draws it averages, side by side."""
    train_data, dev_data = _union([load(TRAIN, draw, LEFT_OUT) for draw in dataset_seeds]), load(DEV)
    for data in (train_data, dev_data):
        total = len(data["records"])
        data["records"] = as_scored(data["records"])
        spun = sum(r.label for r in data["records"])
        print(f"{len(data['records'])} of {total} slots scored ({spun} spun)")
    records = train_data["records"]
    prose = np.array([r.source == "prose" for r in records])
    ranker = train_ranker(records + [r for r in records if r.source == "prose"] * (PROSE_WEIGHT - 1))
    x_train = rows(records, ranker, without)
    y_train = np.array([getattr(r, LABELS[label]) for r in records])
    x_train = np.vstack([x_train] + [x_train[prose]] * (PROSE_WEIGHT - 1))
    y_train = np.concatenate([y_train] + [y_train[prose]] * (PROSE_WEIGHT - 1))
    mean, scale = x_train.mean(axis=0), x_train.std(axis=0) + 1e-6
    dev = dev_data["records"]
    x_dev = rows(dev, ranker, without)
    y_dev = np.array([getattr(r, LABELS[label]) for r in dev])
    members, p_members = [], []
    for member_seed in range(seed, seed + ensemble):
        member, p_member = train_member((x_train - mean) / scale, y_train, (x_dev - mean) / scale, y_dev, member_seed)
        members.append(member)
        p_members.append(p_member)
    p_dev = np.mean(p_members, axis=0)
    if ensemble > 1:
        spread = np.std(p_members, axis=0)
        print(f"ensemble of {ensemble} (seeds {seed}-{seed + ensemble - 1}): members' dev probabilities differ by "
              f"{float(spread.mean()):.3f} on average (standard deviation per slot), {float(np.quantile(spread, 0.9)):.3f} "
              "at the 90th percentile")
    thresholds = tiers(dev_data, p_dev, y_dev, report=True)
    evidence_report(dev_data, p_dev, thresholds["candidate"])
    write_weights(out, ranker, mean, scale, members, thresholds)
    if each and ensemble > 1:  # every member also as a draw of its own, tiers set on its own output
        for member, p_member in zip(members, p_members):
            folder = out / f"member-{member['seed']}"
            folder.mkdir(exist_ok=True)
            write_weights(folder, ranker, mean, scale, [member], tiers(dev_data, p_member, y_dev))


def tiers(dev_data: dict, p_dev: np.ndarray, y_dev: np.ndarray, report: bool = False) -> dict[str, float]:
    """The ``warning`` and ``candidate`` thresholds of the confidences ``p_dev`` of the dev slots
    (``report``: print each tier's recall and false alarms on the simulated spins)."""
    dev = dev_data["records"]
    clean = np.array([not r.spun for r in dev])
    sources = np.array([r.source for r in dev])
    thresholds = {
        tier: max(threshold_for(p_dev[clean & (sources == source)], budget, clean_words(dev_data, source))
                  for source in ("medquad", "prose"))
        for tier, budget in (("warning", WARNING_BUDGET), ("candidate", CANDIDATE_BUDGET))
    }
    spun = ~clean
    artifacts = np.array([r.artifact for r in dev])
    any_change = np.array([r.label for r in dev])
    for tier, value in thresholds.items() if report else ():
        for source in ("medquad", "prose"):
            mine = sources == source
            recall = float((p_dev[spun & y_dev & mine] >= value).mean())
            acceptable = float((p_dev[spun & any_change & ~artifacts & mine] >= value).mean())
            alarms = 1000 * float((p_dev[clean & mine] >= value).sum()) / clean_words(dev_data, source)
            print(f"dev {source} (simulated spins): {tier} >= {value:.3f}: slot recall {recall:.3f} "
                  f"(acceptable swaps flagged {acceptable:.3f}), {alarms:.2f} per 1,000 clean words")
    return thresholds


def write_weights(out: Path, ranker: np.ndarray, mean: np.ndarray, scale: np.ndarray, members: list[dict],
                  thresholds: dict[str, float]) -> None:
    weights = {
        "ranker": {"features": list(CANDIDATE_FEATURES), "weights": ranker.round(6).tolist()},
        "classifier": {
            "features": list(features()), "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
            "members": members,
        },
        "thresholds": {k: round(v, 6) for k, v in thresholds.items()},
        "slots": {"max_candidates": MAX_CANDIDATES, "attested": ATTESTED},
    }
    (out / "weights.json").write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    arguments = parser(__doc__.split("\n\n")[0])
    arguments.add_argument("--label", choices=sorted(LABELS), default="any")
    arguments.add_argument("--without", default="", help="comma-separated slot features to zero (ablation)")
    arguments.add_argument("--max-candidates", type=int, default=MAX_CANDIDATES,
                           help="candidates scored per slot (the runtime reads it from weights.json)")
    arguments.add_argument("--candidate-budget", type=float, default=CANDIDATE_BUDGET,
                           help="candidates per 1,000 clean dev words that set the lowest tier")
    arguments.add_argument("--hidden", type=int, default=HIDDEN, help="hidden units of the classifier")
    arguments.add_argument("--detector", action="store_true",
                           help="the replaced-token detector's probability as the slot rows' last column")
    arguments.add_argument("--left-out", action="store_true",
                           help="the training dataset built with each document's counts left out (dataset.py --left-out)")
    arguments.add_argument("--seed", type=int, default=SEED,
                           help="the classifier's draw: initial weights, shuffling, early-stopping split")
    arguments.add_argument("--dataset-seed", type=int, nargs="+", default=[None],
                           help="train on the training dataset(s) drawn with these seeds (dataset.py --seed), pooled")
    arguments.add_argument("--ensemble", type=int, default=1,
                           help="classifiers averaged (seeds --seed, --seed + 1 ...), on the same ranker and slots")
    arguments.add_argument("--each", action="store_true",
                           help="with --ensemble: also each member as a draw of its own (member-<seed>/ in --out)")
    options = arguments.parse_args()
    MAX_CANDIDATES, CANDIDATE_BUDGET, HIDDEN = options.max_candidates, options.candidate_budget, options.hidden
    DETECTOR = options.detector
    LEFT_OUT = options.left_out
    options.out.mkdir(parents=True, exist_ok=True)
    train(options.out, options.label, frozenset(filter(None, options.without.split(","))), options.seed,
          tuple(options.dataset_seed), options.ensemble, options.each)
