"""What listing and documenting rules needs from each kind, kept as JSON so that neither imports a kind.

``cliniclint rules`` and ``cliniclint rule`` need the packs' data and, from
each kind, only its message fields and its options' JSON schema. The kinds
import spaCy and compile their tables (about a second), so this catalogue is
kept in the user cache folder (``CLINICLINT_CACHE_DIR`` or the default one)
as plain JSON, under a key made of cliniclint's version, a digest of its code
and the kinds other packages register (with their versions): an edited
checkout or a newly installed kind is a miss. A miss, a torn or malformed
entry, or an unwritable folder all fall back to importing the kinds.

Runs that check text never read it: they compile the packs
(``lint.rules.load_rules``), which validates what listing does not (every
kind's own fields). This module imports the result cache's helpers where it
uses them: ``lint.cache`` keys results by the rules, so it imports
``lint.rules`` in turn.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from .data import write_entry
from .rules import Rule, read_rules

FORMAT = 1  # of an entry; bumped when its layout changes


@dataclass(frozen=True)
class KindEntry:
    message_fields: frozenset[str]
    options_schema: dict  # the kind's Options as JSON schema (by alias: field names as packs write them)


def cache_folder() -> Path:
    """The folder the command line caches in: ``CLINICLINT_CACHE_DIR``, else the user cache folder."""
    from .cache import default_folder

    return Path(os.environ.get("CLINICLINT_CACHE_DIR") or default_folder())


def _computed() -> dict[str, KindEntry]:
    from .kinds import known_kinds

    return {
        name: KindEntry(kind.message_fields, kind.Options.model_json_schema(by_alias=True))
        for name, kind in sorted(known_kinds().items())
    }


def _catalogue_path() -> Path:
    from .cache import code_digest, entry_points_in_use

    parts = {"cliniclint": __version__, "code": code_digest(), "entry_points": entry_points_in_use()}
    key = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return cache_folder() / f"kinds-v{FORMAT}" / f"{key}.json"


def _read(path: Path) -> dict[str, KindEntry] | None:
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
    path = _catalogue_path()
    entries = _read(path)
    if entries is None:
        entries = _computed()
        write_entry(path, json.dumps({
            name: {"message_fields": sorted(entry.message_fields), "options_schema": entry.options_schema}
            for name, entry in entries.items()
        }).encode())
    return entries


def documented_rules(extra_packs: Iterable[str | os.PathLike] = ()) -> list[Rule]:
    """The built-in rules and those of ``extra_packs``, read for listing and documenting (``rules.read_rules``)."""
    kinds = kind_catalogue()
    return read_rules(extra_packs, {name: entry.message_fields for name, entry in kinds.items()})
