"""Reading a file's bytes with bounds, and the error that says why a file cannot be linted.

Every file cliniclint reads (articles, packs, data files, configs) comes
through :func:`read_bounded`: regular files only, never blocking on a FIFO,
never more than a size limit.
"""

from __future__ import annotations

import os
import stat


class InputError(Exception):
    """A file that cannot be linted; the message is the reason, for the user."""


_SPECIAL_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"))


def special_kind(mode: int) -> str | None:
    return next((name for test, name in _SPECIAL_KINDS if test(mode)), None)


MAX_FILE_SIZE = 10_000_000  # bytes; an article is a few hundred kB at most, a scraped page a few MB


def read_bounded(path: str | os.PathLike, limit: int = MAX_FILE_SIZE) -> bytes:
    """A regular file's bytes, or InputError: never blocks on a FIFO, never reads more than ``limit`` bytes."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("is a directory")
        kind = special_kind(mode)
        if kind is not None:
            raise InputError(f"not a regular file ({kind})")
        try:
            data = file.read(limit + 1)
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}") from None
    return check_size(data, limit)


def check_size(data: bytes, limit: int) -> bytes:
    if len(data) > limit:
        raise InputError(f"larger than the {limit:,}-byte limit (max-file-size); not linted")
    return data
