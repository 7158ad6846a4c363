"""Data files that rule kinds read: word lists, swap tables, procedure definitions.

The built-in ones live in ``rules/data/`` (shipped in the wheel beside the
packs) so that growing a table is a data change, not a code change. A user's
pack may bring its own tables in a ``data/`` folder beside it; a rule names a
table by a relative path that must stay inside that folder (or the built-in
one), never an absolute path or one climbing out with ``..``.

YAML comes from whoever wrote the pack, so it is parsed with a bound on alias
expansion: a few hundred bytes of nested aliases (a "billion laughs") would
otherwise expand to gigabytes in the first error message or loop that walks it.
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from .files import read_bounded
from .readers import InputError

DATA_FOLDER = "data"  # beside a pack: its own tables
MAX_YAML_NODES = 250_000  # after alias expansion; the largest built-in file has about 3,400
DATA_FILE_LIMIT = 10_000_000  # bytes


class YamlLimitError(yaml.YAMLError):
    """YAML whose aliases expand past the node limit, or refer to themselves."""


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """How many nodes ``root`` has once every alias is expanded, counted without expanding anything."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        children = [] if isinstance(node, yaml.ScalarNode) else (
            node.value if isinstance(node, yaml.SequenceNode) else [part for pair in node.value for part in pair])
        if children_done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in children)
            if sizes[key] > limit:
                raise YamlLimitError(f"its aliases expand to more than {limit:,} nodes")
            continue
        if key in open_nodes:
            raise YamlLimitError("an alias refers to a node that contains it")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing documents whose aliases expand past ``MAX_YAML_NODES``."""

    def compose_document(self):
        node = super().compose_document()
        if node is not None:
            _expanded_size(node, MAX_YAML_NODES)
        return node


class DataFileError(Exception):
    """A pack or data file that cannot be read or parsed; the message says why, in one line."""


def _yaml_problem(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def read_file(path: str | os.PathLike, limit: int = DATA_FILE_LIMIT) -> Any:
    """A YAML file's contents, or a .txt word list's entries (one a line, # comments); DataFileError otherwise."""
    try:
        text = read_bounded(path, limit).decode("utf-8")
    except InputError as error:
        raise DataFileError(f"cannot read: {error}") from None
    except UnicodeDecodeError as error:
        raise DataFileError(f"not valid UTF-8 (byte {error.start})") from None
    if str(path).endswith(".txt"):
        lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
        return tuple(line for line in lines if line)
    try:
        return yaml.load(text, Loader=BoundedLoader)  # noqa: S506 - a SafeLoader
    except (yaml.YAMLError, RecursionError) as error:
        raise DataFileError(f"not valid YAML: {_yaml_problem(error)}") from None


load_file = functools.cache(read_file)  # data files are read once per process


def builtin_folder() -> Path:
    return Path(str(resources.files("cliniclint") / "rules" / DATA_FOLDER))


def load_data(name: str) -> Any:
    """The parsed contents of the built-in ``rules/data/<name>``."""
    return load_file(str(builtin_folder() / name))


def data_path(name: object, field: str, pack: str | None = None) -> str:
    """The file a rule field names: ``data/<name>`` beside the rule's pack, else the built-in table of that name.

    ValueError, naming the field, when the name is not a plain relative path or names no table.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"field '{field}' must name a file in rules/data/")
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or "\\" in name or name.startswith("~"):
        raise ValueError(f"field '{field}': {name!r} must be a path inside the pack's data/ folder, "
                         "without '..' or a leading '/'")
    folders = [builtin_folder()]
    if pack is not None:
        folders.insert(0, Path(pack).parent / DATA_FOLDER)
    for folder in folders:
        candidate = folder / relative
        if not candidate.is_file():
            continue
        real, inside = os.path.realpath(candidate), os.path.realpath(folder)
        if os.path.commonpath([real, inside]) != inside:
            raise ValueError(f"field '{field}': data/{name} is a link out of its data folder")
        return str(candidate)
    raise ValueError(f"field '{field}': no data file rules/data/{name}" + (
        f" or {folders[0] / relative}" if pack is not None else ""))


def rule_data(name: object, field: str, pack: str | None = None) -> Any:
    """The parsed data file a rule field names, or ValueError naming the field (for pack validation)."""
    path = data_path(name, field, pack)
    try:
        return load_file(path)
    except DataFileError as error:
        raise ValueError(f"field '{field}': {path}: {error}") from None
