"""The spin model's files under ``rules/data/spin-model/``, loaded once and memory-mapped.

Every table is a NumPy array read with ``mmap_mode="r"``: start-up opens
files instead of building dictionaries, and pages are read as look-ups touch
them. The word list (for suggestions) is read when first needed.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parents[2] / "rules" / "data" / "spin-model"


class ModelMissing(Exception):
    """The spin model's files are not where the package keeps them; the message names the file."""


def _array(folder: Path, name: str) -> np.ndarray:
    path = folder / f"{name}.npy"
    if not path.is_file():
        raise ModelMissing(f"{path}: spin model file missing (rebuild with tools/spin, see its README)")
    # A plain ndarray view of the map: the same pages, without np.memmap's cost on every slice and look-up.
    return np.asarray(np.load(path, mmap_mode="r"))


def read_json(folder: Path, name: str):
    path = folder / name
    if not path.is_file():
        raise ModelMissing(f"{path}: spin model file missing (rebuild with tools/spin, see its README)")
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Table:
    """A sorted array of keys and the count (or value) of each."""

    keys: np.ndarray
    values: np.ndarray

    @classmethod
    def load(cls, folder: Path, name: str) -> Table:
        return cls(_array(folder, f"{name}-keys"), _array(folder, f"{name}-counts"))

    def get(self, wanted: np.ndarray) -> np.ndarray:
        """The value of each wanted key, 0 where the table has none."""
        if len(self.keys) == 0 or len(wanted) == 0:
            return np.zeros(len(wanted), dtype=np.float64)
        wanted = wanted.astype(self.keys.dtype, copy=False)
        at = np.searchsorted(self.keys, wanted)
        at[at == len(self.keys)] = 0
        found = self.keys[at] == wanted
        return np.where(found, self.values[at], 0).astype(np.float64)


@dataclass(frozen=True)
class Resources:
    folder: Path
    word_keys: np.ndarray  # sorted 64-bit keys of the thesaurus lexicon
    word_ids: np.ndarray  # lexicon id of each key
    synonym_offsets: np.ndarray
    synonym_ids: np.ndarray
    synonym_info: np.ndarray
    domain_words: Table
    domain_pairs: Table
    general_pairs: Table
    general_zipf: Table
    totals: dict
    forms: dict = field(repr=False)

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> Resources:
        return cls(
            folder=folder,
            word_keys=_array(folder, "word-keys"),
            word_ids=_array(folder, "word-ids"),
            synonym_offsets=_array(folder, "synonym-offsets"),
            synonym_ids=_array(folder, "synonym-ids"),
            synonym_info=_array(folder, "synonym-info"),
            domain_words=Table.load(folder, "domain-words"),
            domain_pairs=Table.load(folder, "domain-pairs"),
            general_pairs=Table.load(folder, "general-pairs"),
            general_zipf=Table.load(folder, "general-zipf"),
            totals=read_json(folder, "counts.json"),
            forms=read_json(folder, "forms.json"),
        )

    @functools.cached_property
    def words(self) -> list[str]:
        return (self.folder / "words.txt").read_text(encoding="utf-8").split("\n")[:-1]
