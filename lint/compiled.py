"""What compiling costs, kept on disk: validated rule packs and compiled tables, read back without redoing it.

Validating the built-in packs runs every kind's validators (the claim
patterns are compiled into spaCy matchers to check them), and the spin
collocations are tokenised and lemmatised phrase by phrase: together about
half a second of every cold start. The command line keeps what they give in
its cache folder (``compiled-v1``), as pickles named by the SHA-256 of
everything that went into them: cliniclint's version and a digest of its
code, the Python and pydantic versions, and the caller's own parts (a pack's
bytes and every data file it may read; a table's content and the model that
tokenised it). An entry is only ever read for the same inputs, so what it
holds was validated when it was written; a torn or unreadable entry is a
miss and is written again.

A cache folder can come from elsewhere (a CI cache restored from another
run), so entries are read with an unpickler that builds only cliniclint's
own classes, pydantic's and a few plain built-in types, and calls no other
function: an entry cannot run code. The library keeps nothing unless asked
(:func:`keep_compiled`).
"""

from __future__ import annotations

import functools
import io
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from .digest import code_digest, digest_of

FORMAT = 1  # of an entry; bumped when what callers keep changes shape
_PACKAGE = __name__.rsplit(".", 2)[0]  # "cliniclint"
# Built-in names an entry may use beside cliniclint's and pydantic's classes.
_PLAIN = {("builtins", name) for name in ("frozenset", "set", "tuple", "list", "dict", "object")} | {
    ("copyreg", "_reconstructor"), ("copyreg", "__newobj__"), ("re", "_compile"), ("pathlib", "PosixPath"),
    ("pathlib", "WindowsPath"), ("collections", "OrderedDict"), ("collections", "defaultdict"),
}

T = TypeVar("T")

_folder: Path | None = None


def keep_compiled(cache_folder: str | os.PathLike | None) -> None:
    """Keep what compiling gives in ``cache_folder`` (None: compile every time), in this process."""
    global _folder
    _folder = Path(cache_folder) / f"compiled-v{FORMAT}" if cache_folder is not None else None


def folder() -> Path | None:
    """Where entries are kept in this process, or None."""
    return _folder


def _own(module: str) -> bool:
    return module == _PACKAGE or module.startswith((f"{_PACKAGE}.", "pydantic.", "pydantic_core."))


class _OwnClasses(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _PLAIN:
            return super().find_class(module, name)
        # A dotted name would reach what such a module imports ("subprocess.Popen" through a module
        # that imports subprocess), so only a class defined in one of these packages is built.
        if "." not in name and _own(module):
            found = super().find_class(module, name)
            if isinstance(found, type) and _own(found.__module__):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not kept in compiled entries")


@functools.cache
def _versions() -> tuple[bytes, ...]:
    from importlib.metadata import version

    from .. import __version__

    return __version__.encode(), sys.version.encode(), version("pydantic").encode()


def _entry(what: str, parts: Iterable[bytes]) -> Path | None:
    if _folder is None:
        return None
    return _folder / f"{what}-{digest_of((what.encode(), *_versions(), code_digest().encode(), *parts))}.pickle"


def kept(what: str, parts: Iterable[bytes], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave when last called with the same ``parts`` (kept under ``what``).

    ``parts`` is only read when entries are kept: a generator spares a caller the work of its key otherwise."""
    path = _entry(what, parts)
    if path is not None:
        try:
            return _OwnClasses(io.BytesIO(path.read_bytes())).load()
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError,
                IndexError, KeyError):
            pass  # never kept, torn or from another layout: computed again below
    value = compute()
    if path is not None:
        from .data import write_entry

        write_entry(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
