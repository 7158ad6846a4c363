"""The cliniclint engine: read -> parse -> analyse -> check -> post-process -> report.

Library use::

    from cliniclint import lint
    findings = lint.check_text("It is painless.", format="text")
    report = lint.check_paths(["articles/"])
    result = lint.fix.fix_text("Protect your pores and skin.")   # result.text: "Protect your skin."

``ARCHITECTURE.md`` at the repository root walks through the rooms.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import fix
    from .config import Config, ConfigError, load_config
    from .finding import Finding
    from .grammar import BackendError
    from .inputs import InputError
    from .report import Report
    from .rules import RulePackError, load_rules
    from .runner import check_paths, check_text, run, walk_settings

# Imported when first used, so that a command that needs no model (--version, init) never loads spaCy.
_WHERE = {
    "BackendError": "grammar", "Config": "config", "ConfigError": "config", "Finding": "finding",
    "InputError": "inputs", "Report": "report", "RulePackError": "rules", "check_paths": "runner",
    "check_text": "runner", "load_config": "config", "load_rules": "rules", "run": "runner",
    "walk_settings": "runner",
}

__all__ = [
    "BackendError", "Config", "ConfigError", "Finding", "InputError", "Report", "RulePackError",
    "check_paths", "check_text", "fix", "load_config", "load_rules", "run", "walk_settings",
]


def __getattr__(name: str):
    if name == "fix":
        return importlib.import_module(".fix", __name__)
    if name in _WHERE:
        value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
