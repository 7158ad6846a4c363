"""What listing and documenting rules reads, kept as JSON so that neither imports a kind nor parses YAML.

``cliniclint rules`` and ``cliniclint rule`` need the packs' data and, from
each kind, only its message fields and its options' JSON schema. The kinds
import spaCy and compile their tables (about a second), and the claim pack
takes a tenth of a second to parse as YAML, so both are kept in the user
cache folder (``CLINICLINT_CACHE_DIR`` or the default one) as plain JSON:

- the kind catalogue under a key made of cliniclint's version, a digest of
  its code and the kinds other packages register (with their versions): an
  edited checkout or a newly installed kind is a miss;
- each pack's parsed content under the SHA-256 of its bytes (only when JSON
  holds it exactly; YAML dates, say, are parsed each time).

A miss, a torn or malformed entry, or an unwritable folder all fall back to
importing the kinds or parsing the YAML. Runs that check text never read
these: they compile the packs (``lint.rules.load_rules``), which validates
what listing does not (every kind's own fields).

This module imports the cache's helpers where it uses them: ``lint.cache``
keys results by the rules, so it imports ``lint.rules`` in turn.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Iterable
from typing import Any

import yaml

from .. import __version__
from .data import parse_file, read_bytes
from .rules import Rule, read_rules

FORMAT = 1  # of an entry; bumped when a layout changes


@dataclass(frozen=True)
class KindEntry:
    message_fields: frozenset[str]
    options_schema: dict  # the kind's Options as JSON schema (by alias: field names as packs write them)


def _folder(what: str) -> Path:
    from .cache import default_folder

    return Path(os.environ.get("CLINICLINT_CACHE_DIR") or default_folder()) / f"{what}-v{FORMAT}"


def _store(path: Path, value: Any) -> None:
    """Keep ``value`` at ``path`` when JSON holds it exactly (what reads back is what was parsed)."""
    from .cache import store

    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        return
    if json.loads(text) == value:
        store(path, text.encode())


def _computed() -> dict[str, KindEntry]:
    from .kinds import known_kinds

    return {
        name: KindEntry(kind.message_fields, kind.Options.model_json_schema(by_alias=True))
        for name, kind in sorted(known_kinds().items())
    }


def _catalogue_key() -> str:
    from .cache import code_digest, entry_points_in_use

    parts = {"cliniclint": __version__, "code": code_digest(), "entry_points": entry_points_in_use()}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _read_catalogue(path: Path) -> dict[str, KindEntry] | None:
    try:
        stored = json.loads(path.read_bytes())
        entries = {
            name: KindEntry(frozenset(entry["message_fields"]), entry["options_schema"])
            for name, entry in stored.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    whole = entries and all(
        isinstance(entry.options_schema, dict) and all(isinstance(field, str) for field in entry.message_fields)
        for entry in entries.values()
    )
    return entries if whole else None


@functools.cache  # once per process
def kind_catalogue() -> dict[str, KindEntry]:
    """Every registered kind's message fields and options schema, by kind name."""
    path = _folder("kinds") / f"{_catalogue_key()}.json"
    entries = _read_catalogue(path)
    if entries is None:
        entries = _computed()
        _store(path, {name: {"message_fields": sorted(entry.message_fields), "options_schema": entry.options_schema}
                      for name, entry in entries.items()})
    return entries


def pack_data(path: str | os.PathLike) -> Any:
    """The parsed pack at ``path``, as ``data.read_file`` gives it (and with its errors)."""
    data = read_bytes(path)
    # PyYAML's version too: what the same bytes parse to is the parser's to say.
    key = hashlib.sha256(yaml.__version__.encode() + b"\0" + data).hexdigest()
    entry = _folder("packs") / f"{key}.json"
    try:
        return json.loads(entry.read_bytes())
    except (OSError, ValueError):
        pass
    parsed = parse_file(data, path)
    _store(entry, parsed)
    return parsed


def documented_rules(extra_packs: Iterable[str | os.PathLike] = ()) -> list[Rule]:
    """The built-in rules and those of ``extra_packs``, read for listing and documenting (``rules.read_rules``)."""
    kinds = kind_catalogue()
    return read_rules(extra_packs, {name: entry.message_fields for name, entry in kinds.items()}, pack_data)
