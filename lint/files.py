"""Which files a run lints: named files, and readable articles found under named folders."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from .readers import format_for


def excluded(path: Path, patterns: Iterable[str]) -> bool:
    text = path.as_posix()
    return any(
        fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(path.name, pattern) or fnmatch.fnmatch(text, f"*/{pattern}")
        for pattern in patterns
    )


def discover(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[str]:
    """Files to lint, in a stable order.

    A file named on the command line is always linted, whatever its extension
    (a missing one becomes an input error later). In a folder, hidden entries,
    excluded paths and files of unknown format are skipped.
    """
    exclude = tuple(exclude)
    for given in paths:
        path = Path(given)
        if given == "-" or not path.is_dir():
            yield given
            continue
        for root, folders, files in os.walk(path):
            folders[:] = sorted(f for f in folders if not f.startswith(".") and not excluded(Path(root, f), exclude))
            for name in sorted(files):
                candidate = Path(root, name)
                if name.startswith(".") or format_for(name) is None or excluded(candidate, exclude):
                    continue
                yield str(candidate)
