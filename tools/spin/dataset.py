"""Training and dev examples: clean prose, spun by the simulator, parsed and turned into features.

    python -m tools.spin.dataset --split train|dev [--data ../shared/data] [--limit N]

Each document (a MedQuAD answer of the chosen split, or a domain-prose file)
is spun at a rate drawn per document (a share of documents is left clean),
by a simulator policy drawn per document (``POLICY_SHARES``),
parsed with the linter's spaCy pipeline, and cut into slots with the
runtime's own code, so training sees exactly what the linter sees. Output: a
pickle in the cache folder with one record per slot.

The domain counts were built from the training texts (``build_counts.py``), so
a training slot read as built finds its own pairs attested, which a page the
linter meets does not. With ``--left-out`` each training document's slots, and
the detector column, read the counts with that document's own counts taken
off (``build_counts.without_document``), as if they had been built without it
(README, round 14). The dev texts are not in the counts: nothing to leave out.
"""

from __future__ import annotations

import copy
import pickle
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import spacy

from cliniclint.lint import nlp as linter_nlp
from cliniclint.lint.spin_model import SpinModel, word_counts
from cliniclint.lint.spin_model.context import ContextModel
from cliniclint.lint.spin_model.detector import slot_detector

from .build_counts import DOMAIN_PROSE_WEIGHT, without_document
from .data import DEV, MODEL_DIR, TRAIN, detector_answers, domain_prose, medquad_answers, parser
from .simulate import CACHE, POLICIES, SpinnerThesaurus, spin

CLEAN_SHARE = 0.3  # documents left unspun
# The domain prose is small beside MedQuAD and is the domain the linter serves:
# each file is spun (or left clean) this many times, with different draws.
PROSE_REPEATS = 4
RATES = (0.04, 0.35)  # per-document share of content words swapped, drawn uniformly
SEED = {TRAIN: 11, DEV: 29}
POLICY_SHARES = {"dictionary": 0.55, "phrases": 0.15, "careful": 0.15, "capitals": 0.15}


@dataclass
class Record:
    doc: int  # document number in this dataset
    source: str  # "medquad" or "prose"
    spun: bool  # the document was spun
    label: bool  # the slot overlaps a change
    artifact: bool  # the slot overlaps a change that is an artifact (simulate.py)
    original: int  # index of the candidate that restores the original text, or -1
    own: np.ndarray
    candidates: np.ndarray
    slot_text: str
    original_text: str
    words: int  # words in the block (for rates per 1,000 words)
    detector: float = 0.0  # the replaced-token detector's highest probability over the slot's words (0 without one)


def paragraphs(text: str) -> list[str]:
    return [" ".join(line.split()) for line in re.split(r"\n\s*\n|\n", text) if len(line.split()) >= 4]


def dataset_path(split: str, seed: int | None = None, left_out: bool = False) -> Path:
    """The cached dataset of ``split`` drawn with ``seed`` (the default seed has the plain name), its counts
    read as built or with each document's own left out."""
    suffix = "" if seed is None or seed == SEED[split] else f"-seed{seed}"
    return CACHE / f"dataset-{split}{suffix}{'-left-out' if left_out else ''}.pickle"


def reading_without(model: SpinModel, tokenizer, text: str, weight: int) -> SpinModel:
    """``model`` whose context features read the domain counts without ``text`` (counted with ``weight``)."""
    resources = without_document(model.resources, tokenizer, text, weight)
    view = copy.copy(model)  # the thesaurus, slot finder and detector are the model's own
    view.resources, view.context = resources, ContextModel(resources)
    return view


def build(data: Path, split: str, limit: int | None, seed: int | None = None, model_folder: Path = MODEL_DIR,
          left_out: bool = False) -> Path:
    if left_out and split != TRAIN:
        raise SystemExit("--left-out: only the training texts are in the domain counts")
    rng = random.Random(SEED[split] if seed is None else seed)
    thesaurus = SpinnerThesaurus.load(data)
    model = SpinModel.load(model_folder, require_weights=False)
    pipeline = linter_nlp.load(linter_nlp.resolve_model(None), frozenset({"tagger", "attribute_ruler", "lemmatizer"}))
    # The detector's own training answers stay out of the slot datasets (README, round 11).
    kept_apart = {index for index, _ in detector_answers(data)} if split == TRAIN else set()
    documents = [("medquad", text) for index, text in medquad_answers(data, split) if index not in kept_apart]
    rng.shuffle(documents)
    documents = documents[:limit] if limit else documents
    documents += [("prose", text) for _, text in domain_prose(split) for _ in range(PROSE_REPEATS)]
    blocks = []  # (doc, source, spun, text, changes)
    for number, (source, text) in enumerate(documents):
        rate = 0.0 if rng.random() < CLEAN_SHARE else rng.uniform(*RATES)
        policy = POLICIES[rng.choices(list(POLICY_SHARES), weights=list(POLICY_SHARES.values()))[0]]
        for paragraph in paragraphs(text):
            if rate:
                spun, changes = spin(pipeline(paragraph), thesaurus, rate, rng, policy)
            else:
                spun, changes = paragraph, []
            blocks.append((number, source, rate > 0, spun, changes))
    records = []
    docs = list(pipeline.pipe(b[3] for b in blocks))
    documents_words: dict[int, Counter] = defaultdict(Counter)
    for block, doc in zip(blocks, docs):
        documents_words[block[0]] += word_counts([doc])
    tokenizer = spacy.blank("en").tokenizer
    reading, read_for = model, None  # the model as the current document's slots read it
    for (number, source, spun, text, changes), doc in zip(blocks, docs):
        if left_out and read_for != number:  # blocks come in document order
            weight = DOMAIN_PROSE_WEIGHT if source == "prose" else 1
            reading, read_for = reading_without(model, tokenizer, documents[number][1], weight), number
        words = sum(1 for t in doc if t.is_alpha)
        found = reading.site_features(doc, document=documents_words[number])
        detected = slot_detector(model.detector, doc, reading.resources, [site for site, _, _ in found])
        for (site, own, candidates), detector in zip(found, detected):
            start, end = doc[site.start].idx, doc[site.end - 1].idx + len(doc[site.end - 1])
            hit = next((c for c in changes if c.start < end and start < c.end), None)
            original = -1
            if hit is not None:
                wanted = " ".join(hit.original.lower().split())
                for index, candidate in enumerate(site.candidates):
                    if " ".join(candidate.words).replace(" - ", "-") == wanted:
                        original = index
                        break
            records.append(Record(number, source, spun, hit is not None, hit is not None and hit.artifact, original,
                                  own, candidates, doc[site.start:site.end].text, hit.original if hit else "", words,
                                  detector))
    CACHE.mkdir(parents=True, exist_ok=True)
    path = dataset_path(split, seed, left_out)
    with open(path, "wb") as stream:
        pickle.dump({"records": records, "blocks": [(b[0], b[1], b[2], b[3], b[4]) for b in blocks]}, stream)
    positives = sum(r.label for r in records)
    print(f"{split}: {len(documents)} documents, {len(blocks)} blocks, {len(records)} slots, {positives} spun slots, "
          f"{sum(r.original >= 0 for r in records)} with the original among the candidates")
    return path


if __name__ == "__main__":
    arguments = parser(__doc__.split("\n\n")[0])
    arguments.add_argument("--split", choices=(TRAIN, DEV), required=True)
    arguments.add_argument("--limit", type=int, default=None, help="at most this many MedQuAD answers")
    arguments.add_argument("--seed", type=int, default=None,
                           help=f"the draw (which answers, which swaps); default {SEED[TRAIN]} for train, {SEED[DEV]} for dev")
    arguments.add_argument("--model", type=Path, default=MODEL_DIR,
                           help="the model folder whose tables and detector the dataset reads (default: the committed one)")
    arguments.add_argument("--left-out", action="store_true",
                           help="read the domain counts with each training document's own counts left out")
    options = arguments.parse_args()
    build(options.data, options.split, options.limit, options.seed, options.model, options.left_out)
