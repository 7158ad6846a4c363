"""The results of a run, as every reporter sees them, and the reporters. Reporters format; they never re-parse.

A reporter is a function ``render(report, options) -> str`` registered under
its format name with :func:`reporter`; other packages add formats through the
``cliniclint_reporters`` entry point. :func:`render` picks one by name.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..finding import SEVERITIES, Finding, severity_rank
from ..registry import import_modules, reporters
from .article import ArticleBlock

if TYPE_CHECKING:
    from ..rules import Rule


@dataclass
class FileResult:
    path: str
    format: str
    words: int = 0
    error: str | None = None  # the input error that stopped this file being linted
    findings: list[Finding] = field(default_factory=list)
    source: str = field(default="", repr=False)  # decoded text, for excerpts in reports
    # The prose blocks with their source map, for reports that show the article rendered (report/article.py).
    blocks: tuple[ArticleBlock, ...] = field(default=(), repr=False)
    # Document-level facts, present when the family that computes them ran.
    spin_density: float | None = None  # spin findings per 100 words
    spin_verdict: str | None = None  # "spun" | "possibly-spun" | "clean"
    procedures: list[str] | None = None  # procedure ids the article is about
    caveats: dict[str, dict[str, dict | None]] | None = None  # procedure -> concept -> evidence or None


@dataclass
class Report:
    version: str
    model: str
    files: list[FileResult]
    families: dict[str, str] = field(default_factory=dict)  # family -> "ran" | "off" | "failed: <reason>"; grammar: "ran (<backend>)" | "off (not installed)" too

    @property
    def findings(self) -> list[Finding]:
        return [finding for file in self.files for finding in file.findings]

    def summary(self) -> dict:
        findings = self.findings
        return {
            "files": len(self.files),
            "findings": len(findings),
            "by_family": dict(sorted(Counter(f.family for f in findings).items())),
            "by_severity": {s: n for s in SEVERITIES if (n := sum(f.severity == s for f in findings))},
        }

    @property
    def has_errors(self) -> bool:
        return any(file.error for file in self.files)

    def fails(self, fail_on: str) -> bool:
        """Whether any finding is at or above the ``fail-on`` severity."""
        if fail_on == "never":
            return False
        threshold = severity_rank(fail_on)
        return any(severity_rank(f.severity) >= threshold for f in self.findings)


@dataclass(frozen=True)
class RenderOptions:
    """What a reporter may be told besides the report."""

    rules: Sequence[Rule] = ()  # every rule that can appear, for their documentation
    color: bool = False  # text: ANSI colours
    explain: bool = False  # text: each procedure's caveat checklist with evidence
    quiet: bool = False  # text: the summary line only
    statistics: bool = False  # text, json: findings per rule instead of the findings


Renderer = Callable[[Report, RenderOptions], str]


def reporter(name: str) -> Callable[[Renderer], Renderer]:
    """Register ``render`` as the reporter for format ``name``."""

    def register(render: Renderer) -> Renderer:
        reporters.register(name, func=render)
        return render

    return register


def formats() -> dict[str, Renderer]:
    """Every report format, built-in and from entry points."""
    import_modules(__name__)
    return reporters.get_all()


def render(report: Report, format: str, options: RenderOptions = RenderOptions()) -> str:
    return renderer(format)(report, options)


def renderer(format: str) -> Renderer:
    """The reporter for ``format``; a built-in one imports its own module only (not the html report's)."""
    if format in {info.name for info in pkgutil.iter_modules(__path__)}:
        importlib.import_module(f"{__name__}.{format}")
        return reporters.get(format)
    return formats()[format]
