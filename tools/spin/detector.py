"""Train the replaced-token detector (``lint/spin_model/detector.py``) on simulated spins.

    python -m tools.spin.detector [--data ../shared/data] [--limit 700] [--out rules/data/spin-model]

MedQuAD training answers (a shuffle, at most ``--limit``) and the training
domain prose (``PROSE_REPEATS`` draws each) are spun by ``simulate.py`` at a
rate and with a policy drawn per document (the light policy included: it is
what the hand pages show the classifier misses), parsed with the linter's
pipeline, and every content word becomes a row (``detector.token_rows``),
labelled by whether a change covers it. A share of the documents is held out
(by document) for early stopping and Platt scaling. The rows are cached
(``CLINICLINT_SPIN_CACHE``); ``--rebuild`` draws them again.

The domain counts were built from these very texts (``build_counts.py``: every
MedQuAD training answer, the training prose twenty times over), so a clean
training word always finds its pairs attested, which a clinic page the counts
never saw does not (README, round 12: 0 % of the training prose's content
words have an unattested domain pair, 56 % of the clean dev hand pages'). Each
document's rows therefore read the domain tables with its own contribution
taken out (``build_counts.LeftOut``), as if the counts had been built without it;
``--own-counts`` reads them as built (the round-10 detector).

Never reads the dev or blind splits.
"""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path

import numpy as np
import spacy
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

from cliniclint.lint import nlp as linter_nlp
from cliniclint.lint.spin_model.detector import COUNT_FEATURES, FILE, content_tokens, token_rows
from cliniclint.lint.spin_model.resources import Resources

from .build_counts import DOMAIN_PROSE_WEIGHT, without_document
from .data import DETECTOR_LIMIT, DETECTOR_SEED, MODEL_DIR, TRAIN, detector_answers, domain_prose, parser
from .dataset import CLEAN_SHARE, PROSE_REPEATS, RATES, paragraphs
from .simulate import CACHE, POLICIES, SpinnerThesaurus, spin

SEED = DETECTOR_SEED
LIMIT = DETECTOR_LIMIT
POLICY_SHARES = {"dictionary": 0.35, "phrases": 0.15, "careful": 0.15, "capitals": 0.1, "light": 0.25}
LIGHT_RATES = (0.03, 0.10)  # a commercial light spinner touches few words
HELD_OUT = 0.15  # share of documents for early stopping and calibration
HIDDEN = 48


def build(data: Path, limit: int, seed: int, own_counts: bool = False, model_folder: Path = MODEL_DIR) -> dict:
    """Spun and clean training texts as token rows, read against the tables of ``model_folder`` (another
    arm's counts are not the committed ones: ``--model``)."""
    resources = Resources.load(model_folder)
    rng = random.Random(seed)
    thesaurus = SpinnerThesaurus.load(data)
    pipeline = linter_nlp.load(linter_nlp.resolve_model(None), frozenset({"tagger", "attribute_ruler", "lemmatizer"}))
    documents = [text for _, text in detector_answers(data, limit, rng)]
    answers = len(documents)
    documents += [text for _, text in domain_prose(TRAIN) for _ in range(PROSE_REPEATS)]
    # The draws of one prose file share a source: held out together, or the network learns the text.
    sources = [i if i < answers else answers + (i - answers) // PROSE_REPEATS for i in range(len(documents))]
    tokenizer = spacy.blank("en").tokenizer
    weights = [1] * answers + [DOMAIN_PROSE_WEIGHT] * (len(documents) - answers)
    counted = {}  # source -> the tables its rows read
    blocks = []  # (source text, spun text, changes)
    for number, text in enumerate(documents):
        if sources[number] not in counted:
            counted[sources[number]] = resources if own_counts else without_document(
                resources, tokenizer, text, weights[number])
        policy = rng.choices(list(POLICY_SHARES), weights=list(POLICY_SHARES.values()))[0]
        rate = 0.0 if rng.random() < CLEAN_SHARE else rng.uniform(*(LIGHT_RATES if policy == "light" else RATES))
        for paragraph in paragraphs(text):
            spun, changes = spin(pipeline(paragraph), thesaurus, rate, rng, POLICIES[policy]) if rate else (paragraph, [])
            blocks.append((sources[number], spun, changes))
    rows, labels, owners = [], [], []
    for (number, _, changes), doc in zip(blocks, pipeline.pipe(b[1] for b in blocks)):
        indices = content_tokens(doc)
        if not indices:
            continue
        rows.append(token_rows(doc, counted[number], indices).astype(np.float32))
        labels += [any(c.start < doc[i].idx + len(doc[i]) and doc[i].idx < c.end for c in changes) for i in indices]
        owners += [number] * len(indices)
    found = {"x": np.vstack(rows), "y": np.array(labels, dtype=bool), "doc": np.array(owners)}
    print(f"detector data: {len(documents)} documents, {len(blocks)} blocks, {len(found['y'])} content words, "
          f"{found['y'].sum()} under a change")
    return found


def train(found: dict, seed: int, hidden: int) -> dict:
    documents = np.unique(found["doc"])
    held = set(np.random.default_rng(seed).choice(documents, int(len(documents) * HELD_OUT), replace=False).tolist())
    dev = np.array([d in held for d in found["doc"]])
    x, y = found["x"].astype(np.float64), found["y"]
    mean = x[~dev].mean(axis=0)
    scale = x[~dev].std(axis=0) + 1e-6
    z = (x - mean) / scale
    network = MLPClassifier(hidden_layer_sizes=(hidden,), activation="relu", alpha=1e-3, max_iter=200,
                            early_stopping=True, validation_fraction=0.1, n_iter_no_change=8, random_state=seed)
    network.fit(z[~dev], y[~dev])
    hidden_out = np.maximum(z[dev] @ network.coefs_[0] + network.intercepts_[0], 0.0)
    logit = (hidden_out @ network.coefs_[1] + network.intercepts_[1]).ravel()
    platt = LogisticRegression(C=1e6).fit(logit[:, None], y[dev])
    p = platt.predict_proba(logit[:, None])[:, 1]
    order = np.argsort(-p)
    print(f"held out: {dev.sum()} words, {y[dev].sum()} changed; precision at 5/10/20 % of words: "
          + ", ".join(f"{y[dev][order[:int(share * dev.sum())]].mean():.2f}" for share in (0.05, 0.1, 0.2))
          + f"; mean p changed {p[y[dev]].mean():.3f}, unchanged {p[~y[dev]].mean():.3f}")
    return {
        "count_features": list(COUNT_FEATURES),
        "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
        "layers": [{"weights": w.round(5).tolist(), "bias": b.round(5).tolist()}
                   for w, b in zip(network.coefs_, network.intercepts_)],
        "calibration": [float(platt.coef_[0, 0]), float(platt.intercept_[0])],
        "trained_on": {"words": int(len(y)), "changed": int(y.sum()), "seed": seed, "hidden": hidden},
    }


if __name__ == "__main__":
    arguments = parser(__doc__.split("\n\n")[0])
    arguments.add_argument("--limit", type=int, default=LIMIT, help="at most this many MedQuAD training answers")
    arguments.add_argument("--seed", type=int, default=SEED)
    arguments.add_argument("--hidden", type=int, default=HIDDEN)
    arguments.add_argument("--rebuild", action="store_true", help="draw the cached rows again")
    arguments.add_argument("--own-counts", action="store_true",
                           help="read the domain counts as built, each document's own counts in them (round 10)")
    arguments.add_argument("--model", type=Path, default=MODEL_DIR,
                           help="the model folder whose tables the rows read (default: the committed one)")
    options = arguments.parse_args()
    counts = "own-counts" if options.own_counts else "left-out"
    cached = CACHE / f"detector-rows-{options.limit}-seed{options.seed}-{counts}.pickle"
    if options.rebuild or not cached.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        built = build(options.data, options.limit, options.seed, options.own_counts,
                      options.model)  # no empty cache on failure
        with open(cached, "wb") as stream:
            pickle.dump(built, stream)
    with open(cached, "rb") as stream:
        rows = pickle.load(stream)
    options.out.mkdir(parents=True, exist_ok=True)
    (options.out / FILE).write_text(json.dumps(train(rows, options.seed, options.hidden)), encoding="utf-8")
    print(f"wrote {options.out / FILE} ({(options.out / FILE).stat().st_size // 1024} KB)")
