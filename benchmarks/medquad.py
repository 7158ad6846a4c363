"""MedQuAD answers and the project's fixed split of them (a sibling module for benchmarks and build scripts).

The lines of ``shared/data/medquad/answers.jsonl`` are split by their 0-based
index ``i``:

- ``blind``: ``i % 10 == 7``, reserved for blind measurement; nobody trains,
  tunes, builds data on or reads them;
- ``tuning``: every other line, where detectors may be tuned, rules chosen
  and word lists counted;
- ``tuning-8-9``: the tuning lines with ``i % 10 in (8, 9)``, a fifth of the
  answers, for a measurement quicker than all of ``tuning``;
- ``all``: every line.

Until issue 15's third round only ``i % 10 in (8, 9)`` were tuning lines and
``0..6`` a second blind split; the grammar benchmark still reports those two
parts of ``tuning`` apart (:data:`ROUND2_TUNING_REMAINDERS`) so that rates
compare with earlier reports, but both are tuned-on now.

Everything derived from MedQuAD (the allow-list's evidence, the accepted-word
list of ``scripts/prose_vocabulary.py``) comes from the tuning lines only, so
``blind`` measures it on text it never saw.

MedQuAD is CC BY 4.0 (Ben Abacha & Demner-Fushman, BMC Bioinformatics 2019):
derived data carries the attribution; the text itself stays out of the
repository.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODULUS = 10
BLIND_REMAINDER = 7
ROUND2_TUNING_REMAINDERS = (8, 9)  # the tuning lines of rounds 1 and 2; 0..6 were blind then
SPLITS = ("tuning", "tuning-8-9", "blind", "all")


def shared_data() -> Path:
    """``shared/data``: $CLINICLINT_SHARED_DATA, else the nearest ``shared/data`` above the repository."""
    if os.environ.get("CLINICLINT_SHARED_DATA"):
        return Path(os.environ["CLINICLINT_SHARED_DATA"])
    for parent in REPO.parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared" / "data"
    raise FileNotFoundError("no shared/data above the repository; set CLINICLINT_SHARED_DATA")


def answers_path() -> Path:
    return shared_data() / "medquad" / "answers.jsonl"


@dataclass(frozen=True)
class Answer:
    index: int  # 0-based line number in answers.jsonl
    url: str  # the page it was taken from (several answers share one page)
    text: str


def in_split(index: int, split: str) -> bool:
    remainder = index % MODULUS
    if split == "blind":
        return remainder == BLIND_REMAINDER
    if split == "tuning":
        return remainder != BLIND_REMAINDER
    if split == "tuning-8-9":
        return remainder in ROUND2_TUNING_REMAINDERS
    if split == "all":
        return True
    raise ValueError(f"unknown MedQuAD split {split!r} (expected one of: {', '.join(SPLITS)})")


def answers(split: str, path: Path | None = None) -> Iterator[Answer]:
    """The answers of one split, in file order."""
    with (path or answers_path()).open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if in_split(index, split):
                row = json.loads(line)
                yield Answer(index, row["url"], row["answer"])
