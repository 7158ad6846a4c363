"""Digests of files, folders and cliniclint's own code, for the keys of what is kept on disk.

The result cache (:mod:`.cache`) and the compiled packs and tables
(:mod:`.compiled`) are keyed by them; a file that cannot be read is part of
a key too ("unreadable: ..."), so that it differs from the readable file's.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # the cliniclint package (the repository root)


def digest_of(parts: Iterable[bytes]) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(len(part).to_bytes(8, "little"))
        hashed.update(part)
    return hashed.hexdigest()


def files_under(folder: Path, pattern: str) -> list[Path]:
    return sorted(path for path in folder.rglob(pattern) if path.is_file()) if folder.is_dir() else []


def file_parts(paths: Iterable[Path]) -> Iterable[bytes]:
    for path in paths:
        yield str(path).encode("utf-8", "surrogateescape")
        try:
            yield path.read_bytes()
        except OSError as error:  # gone or unreadable: the key says so, and differs from the readable file's
            yield f"unreadable: {error.strerror}".encode()


@functools.cache
def code_digest() -> str:
    """A digest of cliniclint's Python code, as installed or checked out (once per process: the code it runs)."""
    code = [*sorted(PACKAGE.glob("*.py")), *files_under(PACKAGE / "lint", "*.py")]
    return digest_of(file_parts(code))


def folder_digest(folder: Path) -> str:
    """A digest of every file in ``folder`` and below, with their paths."""
    return digest_of(file_parts(files_under(folder, "*")))
