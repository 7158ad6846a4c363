"""Data files that rule kinds read: word lists, swap tables, procedure definitions.

They live in ``rules/data/`` (shipped in the wheel beside the packs) so that
growing a table is a data change, not a code change.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def load_data(name: str) -> Any:
    """The parsed contents of ``rules/data/<name>`` (YAML, or a .txt word list: one entry a line, # comments)."""
    path = resources.files("cliniclint") / "rules" / "data" / name
    text = path.read_text(encoding="utf-8")
    if name.endswith(".txt"):
        lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
        return tuple(line for line in lines if line)
    return yaml.safe_load(text)


def rule_data(name: object, field: str):
    """The data file a rule field names, or ValueError naming the field (for pack validation)."""
    if not isinstance(name, str):
        raise ValueError(f"field '{field}' must name a file in rules/data/")
    try:
        return load_data(name)
    except FileNotFoundError:
        raise ValueError(f"field '{field}': no data file rules/data/{name}") from None
