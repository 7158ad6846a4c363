"""Dev documents for measuring and calibrating the spin family: clean texts and simulated spins of them.

Everything here is *dev* material: MedQuAD dev answers (``i % 10 in (8, 9)``;
the blind lines are never read), the dev domain prose, the corpus's
``heldout-*`` pages (clean), and this project's own simulator run over them
at several swap rates and policies. The blind benchmark is another script.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cliniclint import lint
from cliniclint.lint.analysis.spin_model import shared_model
from cliniclint.lint.grammar import GrammarSession
from cliniclint.lint.postprocess import PIPELINE, Pipeline
from cliniclint.lint.readers import read_path, read_text
from cliniclint.lint.report import FileResult
from cliniclint.lint.runner import Linter
from cliniclint.lint.spin_model.detector import FILE as DETECTOR_FILE, Detector
from cliniclint.lint.spin_model.resources import Resources
from cliniclint.lint.spin_model.scoring import Scorer

from .data import DEV, REPO, domain_prose, medquad_answers
from .dataset import paragraphs
from .simulate import POLICIES, SpinnerThesaurus, spin


@dataclass(frozen=True)
class SpunText:
    rate: float
    policy: str
    text: str
    changes: tuple[tuple[int, int, bool], ...]  # (start, end, artifact) in ``text``
    originals: tuple[str, ...] = ()  # what each change replaced, in the order of ``changes``


SHUFFLE = 4242
CALIBRATION, MEASUREMENT = 0, 1000  # where in the shuffled dev answers the verdict is calibrated and measured


def medquad_dev(data: Path, answers: int, offset: int) -> list[str]:
    """``answers`` MedQuAD dev answers from ``offset`` on in a fixed shuffle: the verdict is calibrated on
    the first ones (:data:`CALIBRATION`) and measured on others (:data:`MEASUREMENT`)."""
    texts = [text for _, text in medquad_answers(data, DEV)]
    random.Random(SHUFFLE).shuffle(texts)
    return ["\n\n".join(paragraphs(text)) for text in texts[offset:offset + answers]]


def prose_dev() -> list[str]:
    return ["\n\n".join(paragraphs(text)) for _, text in domain_prose(DEV)]


def corpus_heldout_pages() -> list[str]:
    """The corpus's clean ``heldout-*`` pages as the linter reads them (blocks joined as paragraphs)."""
    return ["\n\n".join(block.text for block in read_path(str(path)).blocks)
            for path in sorted((REPO / "corpus").glob("heldout-*"))]


def simulate(data: Path, texts: Sequence[str], rates: Sequence[float], policies: Sequence[str],
             seed: int) -> list[SpunText]:
    """Each text spun once, cycling through ``rates`` and, independently, through ``policies``."""
    from cliniclint.lint import nlp

    thesaurus = SpinnerThesaurus.load(data)
    pipeline = nlp.load(nlp.resolve_model(None), frozenset({"tagger", "attribute_ruler", "lemmatizer"}))
    rng = random.Random(seed)
    out = []
    for index, text in enumerate(texts):
        rate, policy = rates[index % len(rates)], policies[(index // len(rates)) % len(policies)]
        parts, changes, originals, offset = [], [], [], 0
        for paragraph in text.split("\n\n"):
            spun, found = spin(pipeline(paragraph), thesaurus, rate, rng, POLICIES[policy])
            changes += [(c.start + offset, c.end + offset, c.artifact) for c in found]
            originals += [c.original for c in found]
            parts.append(spun)
            offset += len(spun) + 2
        out.append(SpunText(rate, policy, "\n\n".join(parts), tuple(changes), tuple(originals)))
    return out


def lint_texts(texts: Sequence[str], config: lint.Config, rules=None, gated: bool = True) -> list[FileResult]:
    """Lint plain texts; with ``gated=False``, without the ``spin-evidence`` post-processor (every
    lower-tier finding kept, as the verdict sees them before it decides)."""
    rules = rules if rules is not None else lint.load_rules()
    names = PIPELINE if gated else tuple(name for name in PIPELINE if name != "spin-evidence")
    with GrammarSession(rules, config) as grammar:
        linter = Linter(rules, config, grammar)
        linter.pipeline = Pipeline(rules, config, names=names)
        documents = [read_text(text, "text", f"<dev {i}>.txt") for i, text in enumerate(texts)]
        return [result for start in range(0, len(documents), 32)
                for result in linter.lint(documents[start:start + 32])]


def use_weights(path: Path) -> None:
    """Measure another draw of the model (``train.py --out``): the process's shared model re-made with the
    weights in ``path``, so that every rule and the verdict read that draw. A draw trained on a retrained
    detector carries it beside its weights (``detector.json``), read instead of the model folder's; a draw
    trained on counts of its own sits in a whole model folder (``counts.json`` beside its weights), whose
    tables it is measured with: its rows were built from them."""
    model = shared_model()
    folder = path.parent
    resources = Resources.load(folder) if (folder / "counts.json").exists() else model.resources
    model.__init__(resources, Scorer.from_json(json.loads(path.read_text(encoding="utf-8")), str(path)))
    if model.detector is not None and (folder / DETECTOR_FILE).exists():
        model.detector = Detector.read(folder)
