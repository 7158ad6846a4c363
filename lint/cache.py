"""The result cache: a file's result is reused when nothing that could change it has changed.

A CI run over thousands of articles mostly re-lints files nobody touched.
Each file's post-processed result is stored under a key made of everything
that could change it, and a later run with the same key reads it back
instead of parsing the file:

- the file: its path (findings name it), its format and the SHA-256 of its bytes;
- the run (:func:`run_key`): cliniclint's version *and a digest of its code*
  (an edited checkout is not the version it claims), the spaCy version, the
  model's name and version, every rule pack that loaded rules and every data
  file beside it and among the built-in tables, the kinds other packages
  register, the settings that change findings (select, ignore, severity,
  vocabulary, model, grammar backend and language, the baseline and its
  content) and the environment the grammar backend reads.

Settings that only decide which files are linted (exclude, gitignore, size
limit) or the exit code (fail-on) are not in the key: changing them reuses
every result. Input errors and internal errors are never stored.

Entries are written to a temporary file and renamed into place, so a reader
sees a whole entry or none, however many runs share the folder; an entry that
does not read back whole (a full disk, a crash of the machine mid-write) or
that holds another key is a miss, and is overwritten.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from .. import __version__
from .config import Config
from .data import write_entry
from .digest import code_digest, digest_of, file_parts, files_under
from .report import FileResult
from .rules import Rule, builtin_pack_paths

FORMAT = 1  # of an entry; bumped when FileResult or this layout changes
ENV = ("LTP_PATH", "CLINICLINT_ALLOW_NETWORK_GRAMMAR")  # what the grammar backend reads from the environment


def default_folder() -> Path:
    """The user's cache folder for cliniclint (``~/.cache/cliniclint`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("cliniclint", appauthor=False))


def packs_digest(rules: Iterable[Rule]) -> str:
    """A digest of every pack that loaded ``rules``, the data folder beside each, and the built-in tables."""
    packs = sorted({Path(rule.pack) for rule in rules} | set(builtin_pack_paths()))
    folders = sorted({pack.parent / "data" for pack in packs})
    return digest_of(file_parts([*packs, *(path for folder in folders for path in files_under(folder, "*"))]))


def entry_points_in_use() -> list[str]:
    """Every entry point other packages register with cliniclint, with their distributions' versions."""
    found = []
    points = importlib.metadata.entry_points()  # every distribution's, read once
    for group in ("cliniclint_kinds", "cliniclint_analyses", "cliniclint_processors", "cliniclint_reporters"):
        for point in points.select(group=group):
            version = point.dist.version if point.dist else "?"
            found.append(f"{group} {point.name} {point.value} {version}")
    return sorted(found)


def _setting_parts(config: Config) -> dict:
    baseline = None
    if config.baseline:
        try:
            baseline = hashlib.sha256(Path(config.baseline).read_bytes()).hexdigest()
        except OSError as error:
            baseline = f"unreadable: {error.strerror}"
    return {
        "select": list(config.select), "ignore": list(config.ignore), "severity": sorted(config.severity.items()),
        "vocabulary": list(config.vocabulary), "model": config.model, "grammar": config.grammar,
        "grammar_url_from_file": config.grammar_url_from_file, "language": config.language,
        "baseline": [str(Path(config.baseline).resolve()), baseline] if config.baseline else None,
    }


def run_key(config: Config, rules: Sequence[Rule], model: str) -> str:
    """The part of every entry's key that a run shares: code, model, packs, settings, environment."""
    from . import nlp

    parts = {
        "format": FORMAT, "cliniclint": __version__, "code": code_digest(),
        "spacy": importlib.metadata.version("spacy"), "model": nlp.describe(model),
        "model_path": str(Path(model).resolve()) if os.path.isdir(model) else None,
        "packs": packs_digest(rules), "entry_points": entry_points_in_use(), "settings": _setting_parts(config),
        "environment": {name: os.environ.get(name) for name in ENV},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def results_folder(folder: str | os.PathLike) -> Path:
    return Path(folder) / f"results-v{FORMAT}"


def holds_results(folder: str | os.PathLike) -> bool:
    """Whether the cache in ``folder`` holds any result, whatever its key (else a run checks every file)."""
    try:
        return any(results_folder(folder).iterdir())
    except OSError:
        return False


class ResultCache:
    """Results stored under ``folder``, for runs whose :func:`run_key` is ``key``."""

    def __init__(self, folder: str | os.PathLike, key: str) -> None:
        self.folder = results_folder(folder)
        self.key = key
        self.hits = self.misses = 0
        from pydantic import TypeAdapter

        self._adapter = TypeAdapter(FileResult)

    def entry_key(self, path: str, format: str | None, data: bytes) -> str:
        file = f"{path}\0{format}\0{hashlib.sha256(data).hexdigest()}"
        return hashlib.sha256(f"{self.key}\0{file}".encode("utf-8", "surrogateescape")).hexdigest()

    def _path(self, entry: str) -> Path:
        return self.folder / entry[:2] / f"{entry[2:]}.json.z"

    def get(self, entry: str) -> FileResult | None:
        """The result stored for ``entry``, or None (never stored, torn, or another key's)."""
        try:
            stored = json.loads(zlib.decompress(self._path(entry).read_bytes()))
            if stored["key"] != entry:
                raise ValueError("another key")
            result = self._adapter.validate_python(stored["result"])
        except (OSError, ValueError, KeyError, TypeError, zlib.error):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, entry: str, result: FileResult) -> None:
        """Store ``result`` atomically; a cache that cannot be written is skipped, never an error."""
        path = self._path(entry)
        stored = {"key": entry, "result": self._adapter.dump_python(result, mode="json")}
        write_entry(path, zlib.compress(json.dumps(stored).encode(), 1))
