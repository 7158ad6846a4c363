"""Data files: word lists, swap tables, procedure definitions, the English lexicon.

A pack's data files live in the ``data/`` folder beside it; the built-in packs'
are in ``rules/data/`` and ship in the wheel, so that growing a table is a data
change, not a code change. A file is YAML, or a ``.txt`` word list: one entry a
line, and ``#`` followed by a space (or ending the line) starts a comment, so
that an entry may use a class such as ``#num``.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

DATA_FOLDER = "data"
_COMMENT = re.compile(r"(?:^|\s)#(?:\s.*)?$")


def builtin_rules_folder() -> Path:
    return Path(str(resources.files("cliniclint") / "rules"))


def _parse(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".txt":
        lines = (_COMMENT.sub("", line).strip() for line in text.splitlines())
        return tuple(line for line in lines if line)
    return yaml.safe_load(text)


@functools.cache
def _cached(path: Path) -> Any:
    return _parse(path)


def read_pack_data(pack_folder: Path, name: str) -> Any:
    """The contents of data file ``name`` of the pack in ``pack_folder``; ValueError if there is none."""
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts or not name.strip():
        raise ValueError(f"data file {name!r} must be a plain name inside the pack's {DATA_FOLDER}/ folder")
    path = pack_folder / DATA_FOLDER / relative
    if not path.is_file():
        raise ValueError(f"no data file {DATA_FOLDER}/{name} beside the pack")
    return _cached(path.resolve())


def load_data(name: str) -> Any:
    """A built-in data file (``rules/data/<name>``), read once per process."""
    return read_pack_data(builtin_rules_folder(), name)
