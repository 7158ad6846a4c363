"""Data files: word lists, swap tables, procedure definitions, the English lexicon.

The built-in ones live in ``rules/data/`` (shipped in the wheel beside the
packs) so that growing a table is a data change, not a code change. A user's
pack may bring its own tables in a ``data/`` folder beside it; a rule names a
table by a relative path that must stay inside that folder (or the built-in
one), never an absolute path or one climbing out with ``..``. A file is YAML,
or a ``.txt`` word list: one entry a line, and ``#`` followed by a space (or
ending the line) starts a comment, so that an entry may use a class such as
``#num``.

YAML comes from whoever wrote the pack, so what it loads is checked against a
bound on alias expansion before anything walks it: a few hundred bytes of
nested aliases (a "billion laughs") load as a small graph of shared values,
but expand to gigabytes in the first error message or loop that walks them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .inputs import InputError, read_bounded

DATA_FOLDER = "data"  # beside a pack: its own tables
MAX_YAML_NODES = 250_000  # after alias expansion; the largest built-in file has about 3,400
DATA_FILE_LIMIT = 10_000_000  # bytes
_COMMENT = re.compile(r"(?:^|\s)#(?:\s.*)?$")


class YamlLimitError(yaml.YAMLError):
    """YAML whose aliases expand past the node limit, or refer to themselves."""


def _children(value: Any) -> list:
    if isinstance(value, dict):
        return [part for pair in value.items() for part in pair]
    return list(value) if isinstance(value, (list, set)) else []


def check_expansion(data: Any, limit: int = MAX_YAML_NODES) -> None:
    """Raise YamlLimitError if ``data`` (as YAML loads it, aliases shared) would expand past ``limit`` values.

    Counted without expanding anything: a value an alias shares is sized once.
    """
    sizes: dict[int, int] = {}
    open_values: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        value, children_done = stack.pop()
        key = id(value)
        if key in sizes:
            continue
        children = _children(value)
        if children_done:
            open_values.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] if _children(child) else 1 for child in children)
            if sizes[key] > limit:
                raise YamlLimitError(f"its aliases expand to more than {limit:,} nodes")
        elif key in open_values:
            raise YamlLimitError("an alias refers to a node that contains it")
        elif children:
            open_values.add(key)
            stack.append((value, True))
            stack.extend((child, False) for child in children if _children(child) and id(child) not in sizes)
        else:
            sizes[key] = 1


# libyaml's loader where PyYAML has it (several times faster); the check runs on what it builds.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(Exception):
    """A pack or data file that cannot be read or parsed; the message says why, in one line."""


def _yaml_problem(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def read_file(path: str | os.PathLike, limit: int = DATA_FILE_LIMIT) -> Any:
    """A YAML file's contents, or a .txt word list's entries (one a line, # comments); DataFileError otherwise."""
    return parse_file(read_bytes(path, limit), path)


def read_bytes(path: str | os.PathLike, limit: int = DATA_FILE_LIMIT) -> bytes:
    """A data file's bytes, or DataFileError saying why they cannot be read."""
    try:
        return read_bounded(path, limit)
    except InputError as error:
        raise DataFileError(f"cannot read: {error}") from None


def parse_file(data: bytes, path: str | os.PathLike) -> Any:
    """What :func:`read_file` gives for a file of ``path``'s name holding ``data``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataFileError(f"not valid UTF-8 (byte {error.start})") from None
    if str(path).endswith(".txt"):
        # The regex only where a "#" can start a comment: most of 65,000 vocabulary lines hold none.
        lines = ((_COMMENT.sub("", line) if "#" in line else line).strip() for line in text.splitlines())
        return tuple(line for line in lines if line)
    kept = _kept_path(data)
    if kept is not None:
        try:
            return json.loads(kept.read_bytes())
        except (OSError, ValueError):
            pass  # never kept, or torn: parsed again below
    try:
        parsed = yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
        check_expansion(parsed)
    except (yaml.YAMLError, RecursionError) as error:
        raise DataFileError(f"not valid YAML: {_yaml_problem(error)}") from None
    if kept is not None:
        _keep(kept, parsed)
    return parsed


# Where what YAML files parse to is kept as JSON (``keep_parsed``); None: parsed every time.
_parsed_folder: Path | None = None


def keep_parsed(cache_folder: str | os.PathLike | None) -> None:
    """Keep what YAML data files parse to as JSON in ``cache_folder`` (None: parse them every time), in this process.

    The claim pack alone takes a tenth of a second to parse; JSON reads in a
    hundredth. An entry is named by the SHA-256 of the file's bytes and
    PyYAML's version, so it is only ever read for the same bytes; only what
    JSON holds exactly is kept (a YAML date, say, is parsed every time); a
    torn entry is parsed again. The command line keeps them in its cache folder
    unless ``--no-cache``; the library never does unless asked.
    """
    global _parsed_folder
    _parsed_folder = Path(cache_folder) / "parsed-v1" if cache_folder is not None else None


def _kept_path(data: bytes) -> Path | None:
    if _parsed_folder is None:
        return None
    return _parsed_folder / f"{hashlib.sha256(yaml.__version__.encode() + b'/' + data).hexdigest()}.json"


def _keep(path: Path, parsed: Any) -> None:
    try:
        text = json.dumps(parsed)
    except (TypeError, ValueError):
        return
    if json.loads(text) == parsed:
        write_entry(path, text.encode())


def write_entry(path: Path, data: bytes) -> None:
    """Write a cache entry atomically (a reader sees all of it or none); a folder that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        pass


load_file = functools.cache(read_file)  # data files are read once per process


def builtin_rules_folder() -> Path:
    """Where the built-in packs are; their data files are in its ``data/`` folder."""
    return Path(str(resources.files("cliniclint") / "rules"))


def load_data(name: str) -> Any:
    """The parsed contents of the built-in ``rules/data/<name>``."""
    return load_file(str(builtin_rules_folder() / DATA_FOLDER / name))


def data_path(name: object, pack_folder: Path) -> str:
    """The file a rule field names: ``data/<name>`` beside the rule's pack, else the built-in table of that name.

    ValueError when the name is not a plain relative path or names no table.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError("must name a file in the pack's data/ folder")
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or "\\" in name or name.startswith("~"):
        raise ValueError(f"{name!r} must be a path inside the pack's data/ folder, without '..' or a leading '/'")
    folders = list(dict.fromkeys([pack_folder / DATA_FOLDER, builtin_rules_folder() / DATA_FOLDER]))
    for folder in folders:
        candidate = folder / relative
        if not candidate.is_file():
            continue
        real, inside = os.path.realpath(candidate), os.path.realpath(folder)
        if os.path.commonpath([real, inside]) != inside:
            raise ValueError(f"data/{name} is a link out of its data folder")
        return str(candidate)
    raise ValueError(f"no data file data/{name} beside the pack or among the built-in tables")


def read_pack_data(pack_folder: Path, name: str) -> Any:
    """The parsed data file a rule names, or ValueError saying why (for pack validation)."""
    path = data_path(name, pack_folder)
    try:
        return load_file(path)
    except DataFileError as error:
        raise ValueError(f"{path}: {error}") from None
