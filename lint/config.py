"""Configuration: ``[tool.cliniclint]`` in pyproject.toml, or cliniclint.toml / .cliniclint.toml.

The nearest file found walking up from the working directory wins. Command-line
flags override it. Unknown keys are errors, so a typo never silently does nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .finding import SEVERITIES

FAIL_ON = (*SEVERITIES, "never")
CONFIG_FILES = ("cliniclint.toml", ".cliniclint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration problem; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)  # code, name or family -> severity
    rule_packs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str = "warning"
    model: str | None = None
    vocabulary: tuple[str, ...] = ()
    grammar: str = "auto"  # "auto" (Harper if installed), "off", "harper", "languagetool" or a LanguageTool URL
    language: str = "en-US"  # language variant: Harper's dialect, LanguageTool's language
    source: str | None = None  # the file this came from, for messages

    def with_overrides(self, **overrides: Any) -> Config:
        """A copy with the given (non-None) values replaced, as command-line flags do."""
        return replace(self, **{key: value for key, value in overrides.items() if value is not None})


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config) if f.name != "source"}


def _list_of_text(path: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
    return tuple(value)


def parse_config(table: dict[str, Any], path: str, base: Path) -> Config:
    values: dict[str, Any] = {"source": path}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown key '{key}' (known: {', '.join(sorted(_KEYS))})")
        name = _KEYS[key]
        if name in ("select", "ignore", "exclude", "vocabulary"):
            values[name] = _list_of_text(path, key, value)
        elif name == "rule_packs":
            values[name] = tuple(str(base / item) for item in _list_of_text(path, key, value))
        elif name == "severity":
            if not isinstance(value, dict) or not all(v in SEVERITIES for v in value.values()):
                raise ConfigError(f"{path}: 'severity' maps rules to one of {', '.join(SEVERITIES)}")
            values[name] = dict(value)
        elif name == "fail_on":
            if value not in FAIL_ON:
                raise ConfigError(f"{path}: 'fail-on' must be one of {', '.join(FAIL_ON)}")
            values[name] = value
        elif name in ("model", "grammar", "language"):
            if not isinstance(value, str):
                raise ConfigError(f"{path}: '{key}' must be a string")
            values[name] = value
    return Config(**values)


def find_config_file(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config file at or above ``start`` and its cliniclint table."""
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
                raise ConfigError(f"{candidate}: not valid TOML: {error}") from None
            if name == "pyproject.toml":
                table = data.get("tool", {}).get("cliniclint")
                if table is None:
                    continue
                return candidate, table
            return candidate, data
    return None


def load_config(path: str | Path | None = None, start: Path | None = None) -> Config:
    """The configuration in ``path``, or the nearest one found from ``start`` (the working directory)."""
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"{path}: no such config file")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        table = data.get("tool", {}).get("cliniclint", {}) if path.name == "pyproject.toml" else data
        return parse_config(table, str(path), path.parent)
    found = find_config_file((start or Path.cwd()).resolve())
    if found is None:
        return Config()
    file, table = found
    return parse_config(table, str(file), file.parent)
