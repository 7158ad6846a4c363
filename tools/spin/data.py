"""Where the build scripts read their inputs, and the MedQuAD splits they must respect.

MedQuAD answers are split by 0-based line index: ``i % 10 == 7`` is the
blind split, which no script here may train, tune, calibrate or even look at;
``i % 10 in (8, 9)`` is the dev split; every other line is training data.
:func:`medquad_answers` is the only way the scripts read MedQuAD, so the
blind lines are skipped before they are parsed.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data"
MODEL_DIR = REPO / "rules" / "data" / "spin-model"
DOMAIN_PROSE = Path(__file__).resolve().parent / "domain-prose"

BLIND, DEV, TRAIN = "blind", "dev", "train"


def split_of(index: int) -> str:
    rest = index % 10
    if rest == 7:
        return BLIND
    return DEV if rest in (8, 9) else TRAIN


def medquad_answers(data: Path, split: str) -> Iterator[tuple[int, str]]:
    """(line index, answer text) of every MedQuAD answer in ``split`` ("train" or "dev"; never "blind")."""
    if split not in (TRAIN, DEV):
        raise ValueError(f"the MedQuAD {split!r} split is not readable by the build scripts")
    with open(require(data / "medquad" / "answers.jsonl"), encoding="utf-8") as lines:
        for index, line in enumerate(lines):
            if split_of(index) == split:
                yield index, json.loads(line)["answer"]


# The committed detector.json's draw of training answers (round 10: 776 documents, 108,590 content words).
DETECTOR_SEED = 5
DETECTOR_LIMIT = 700


def detector_answers(data: Path, limit: int = DETECTOR_LIMIT,
                     rng: random.Random | None = None) -> list[tuple[int, str]]:
    """(line index, text) of the MedQuAD training answers the detector learns from: the first ``limit`` of a
    shuffle by ``rng`` (default: ``Random(DETECTOR_SEED)``, the committed detector's draw). The slot
    datasets leave them out, so that the detector's column is no surer on their slots than at lint time."""
    answers = list(medquad_answers(data, TRAIN))
    (rng or random.Random(DETECTOR_SEED)).shuffle(answers)  # the permutation depends only on the length
    return answers[:limit]


def domain_prose(split: str) -> Iterator[tuple[str, str]]:
    """(file name, text) of the hand-written domain prose: files whose name starts with ``dev-`` are dev."""
    for path in sorted(DOMAIN_PROSE.glob("*.txt")):
        if (split == DEV) == path.name.startswith("dev-"):
            yield path.name, path.read_text(encoding="utf-8")


def require(path: Path) -> Path:
    """``path`` itself, or a clear exit when the shared data is not where ``--data`` says."""
    if not path.exists():
        raise SystemExit(f"{path}: not found (point --data at the shared open data folder)")
    return path


# The corpus articles the counts may learn from: the clean articles written for the
# corpus and the unspun seeds. The spun seeds (000, 002) are never counted, and the
# heldout-* pages stay out as dev material.
CORPUS_COUNTED = ("clean-*", "001_*", "003_*", "004_*")


def corpus_texts() -> Iterator[tuple[str, str]]:
    """(file name, prose) of the corpus articles the counts may use, read as the linter reads them."""
    from cliniclint.lint.readers import read_path

    corpus = REPO / "corpus"
    for pattern in CORPUS_COUNTED:
        for path in sorted(corpus.glob(pattern)):
            document = read_path(str(path))
            yield path.name, "\n".join(block.text for block in document.blocks)


def parser(description: str) -> argparse.ArgumentParser:
    arguments = argparse.ArgumentParser(description=description)
    arguments.add_argument("--data", type=Path, default=DEFAULT_DATA,
                           help="the shared open data folder (default: ../shared/data beside the repository)")
    arguments.add_argument("--out", type=Path, default=MODEL_DIR, help="where the model files go")
    return arguments
