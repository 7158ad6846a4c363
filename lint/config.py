"""Configuration: ``[tool.cliniclint]`` in pyproject.toml, or cliniclint.toml / .cliniclint.toml.

The nearest file found walking up from the working directory wins. Command-line
flags override it. Unknown keys, values and rule names are errors that name the
file and the key and suggest the nearest known value, so a typo never silently
does nothing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .inputs import MAX_FILE_SIZE, InputError, read_bounded
from .finding import SEVERITIES
from .rules import Rule, canonical_name, nearest, unknown_selector


FAIL_ON = (*SEVERITIES, "never")
CONFIG_FILES = ("cliniclint.toml", ".cliniclint.toml", "pyproject.toml")
CONFIG_FILE_LIMIT = 1_000_000  # bytes: a config file is a few lines
_SIZE = re.compile(r"^\s*(\d+)\s*(b|kb|mb|gb|kib|mib|gib)?\s*$", re.IGNORECASE)
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_UNITS = {None: 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30}


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)  # code, name or family -> severity
    rule_packs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False  # exclude applies to files named on the command line too
    respect_gitignore: bool = True
    max_file_size: int = MAX_FILE_SIZE  # bytes
    fail_on: str = "warning"
    model: str | None = None
    vocabulary: tuple[str, ...] = ()
    grammar: str = "auto"  # "auto" (Harper if installed), "off", "harper", "languagetool" or a LanguageTool URL
    language: str = "en-US"  # language variant: Harper's dialect, LanguageTool's language
    baseline: str | None = None  # report only findings this baseline file does not record
    source: str | None = None  # the file this came from, for messages
    # Whether ``grammar`` is a server URL read from a file: sending text there needs an opt-in (lint.grammar).
    grammar_url_from_file: bool = False

    def with_overrides(self, **overrides: Any) -> Config:
        """A copy with the given (non-None) values replaced, as command-line flags do."""
        values = {key: value for key, value in overrides.items() if value is not None}
        if "grammar" in values:
            values["grammar_url_from_file"] = False
        return replace(self, **values)

    @property
    def folder(self) -> Path:
        """The folder relative paths in the config (exclude patterns) are relative to."""
        return Path(self.source).parent if self.source else Path.cwd()


_INTERNAL = {"source", "grammar_url_from_file"}
_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name not in _INTERNAL}
_LISTS = ("select", "ignore", "exclude", "vocabulary")
_FLAGS = ("force_exclude", "respect_gitignore")


def _one_of(path: str, what: str, value: Any, choices: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        hint = nearest(value, choices) if isinstance(value, str) else ""
        raise ConfigError(f"{path}: {what} must be one of {', '.join(choices)}, not {_shown(value)}{hint}")
    return value


def _shown(value: Any) -> str:
    """A value for an error message, cut short: the file may hold anything."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _list_of_text(path: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return tuple(value)


def parse_size(value: Any) -> int | None:
    """Bytes in ``10000000``, ``"10 MB"`` or ``"512 KiB"``; None if it is not a size."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value > 0 else None
    found = _SIZE.match(value) if isinstance(value, str) else None
    if found is None:
        return None
    size = int(found.group(1)) * _UNITS[(found.group(2) or "").lower() or None]
    return size if size > 0 else None


def parse_config(table: Any, path: str, base: Path) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: the cliniclint settings must be a table of keys, not {_shown(table)}")
    values: dict[str, Any] = {"source": path}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown key '{key}'{nearest(key, list(_KEYS))} (known: {', '.join(sorted(_KEYS))})")
        name = _KEYS[key]
        if name in _LISTS:
            values[name] = _list_of_text(path, key, value)
        elif name in _FLAGS:
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: '{key}' must be true or false")
            values[name] = value
        elif name == "rule_packs":
            values[name] = tuple(str(base / item) for item in _list_of_text(path, key, value))
        elif name == "baseline":
            if not isinstance(value, str):
                raise ConfigError(f"{path}: 'baseline' must be a path")
            values[name] = str(base / value)
        elif name == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: 'severity' maps rules to one of {', '.join(SEVERITIES)}")
            values[name] = {rule: _one_of(path, f"'severity' for {rule!r}", level, SEVERITIES)
                            for rule, level in value.items()}
        elif name == "fail_on":
            values[name] = _one_of(path, f"'{key}'", value, FAIL_ON)
        elif name == "max_file_size":
            size = parse_size(value)
            if size is None:
                raise ConfigError(f"{path}: 'max-file-size' must be a number of bytes or a size such as \"10 MB\", "
                                  f"not {_shown(value)}")
            values[name] = size
        else:  # model, grammar, language
            if not isinstance(value, str):
                raise ConfigError(f"{path}: '{key}' must be a string")
            values[name] = value
    values["grammar_url_from_file"] = bool(_URL.match(values.get("grammar", "")))
    return Config(**values)


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's contents, or ConfigError naming the file and what is wrong with it."""
    try:
        text = read_bounded(path, CONFIG_FILE_LIMIT).decode("utf-8")
        return tomllib.loads(text)
    except InputError as error:
        raise ConfigError(f"{path}: {error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not valid UTF-8 (byte {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {str(error).splitlines()[0]}") from None


def cliniclint_table(path: Path, data: dict[str, Any]) -> Any | None:
    """The cliniclint settings in a parsed config file (None: a pyproject.toml without them).

    pyproject.toml holds them in ``[tool.cliniclint]``; cliniclint.toml at the
    top level, or in a ``[tool.cliniclint]`` table as copied from pyproject.toml.
    """
    tool = data.get("tool")
    if path.name == "pyproject.toml" or (set(data) == {"tool"} and isinstance(tool, dict) and set(tool) == {"cliniclint"}):
        if tool is not None and not isinstance(tool, dict):
            raise ConfigError(f"{path}: 'tool' must be a table, not {_shown(tool)}")
        return (tool or {}).get("cliniclint")
    return data


def find_config_file(start: Path) -> tuple[Path, Any] | None:
    """The nearest config file at or above ``start`` and its cliniclint table."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            table = cliniclint_table(candidate, read_toml(candidate))
            if table is not None:
                return candidate, table
    return None


def load_config(path: str | Path | None = None, start: Path | None = None) -> Config:
    """The configuration in ``path``, or the nearest one found from ``start`` (the working directory)."""
    if path is not None:
        path = Path(path)
        if not path.exists():
            raise ConfigError(f"{path}: no such config file")
        table = cliniclint_table(path, read_toml(path))
        return parse_config({} if table is None else table, str(path), path.parent)
    found = find_config_file((start or Path.cwd()).resolve())
    if found is None:
        return Config()
    file, table = found
    return parse_config(table, str(file), file.parent)


def check_rule_names(config: Config, rules: Sequence[Rule], setting: Callable[[str], str]) -> Config:
    """``config`` with its rule names checked against ``rules`` and severity keys in their canonical spelling.

    ``setting(key)`` names where a key was set (``cliniclint.toml: 'select'``,
    ``--select``) for the error.
    """
    for key in ("select", "ignore"):
        for selector in getattr(config, key):
            problem = unknown_selector(selector, rules)
            if problem:
                raise ConfigError(f"{setting(key)}: {problem}")
    severity = {}
    for name, level in config.severity.items():
        canonical = canonical_name(name, rules)
        if canonical is None:
            raise ConfigError(f"{setting('severity')}: {unknown_selector(name, rules, prefixes=False)}")
        severity[canonical] = level
    return replace(config, severity=severity)
