"""The cliniclint engine: read -> parse -> analyse -> check -> post-process -> report.

Library use::

    from cliniclint import lint
    findings = lint.check_text("It is painless.", format="text")
    report = lint.check_paths(["articles/"])
    result = lint.fix.fix_text("Protect your pores and skin.")   # result.text: "Protect your skin."

``ARCHITECTURE.md`` at the repository root walks through the rooms.
"""

from __future__ import annotations

from . import fix
from .config import Config, ConfigError, load_config
from .finding import Finding
from .grammar import BackendError
from .inputs import InputError
from .report import Report
from .rules import RulePackError, load_rules
from .runner import check_paths, check_text, run, walk_settings

__all__ = [
    "BackendError", "Config", "ConfigError", "Finding", "InputError", "Report", "RulePackError",
    "check_paths", "check_text", "fix", "load_config", "load_rules", "run", "walk_settings",
]
