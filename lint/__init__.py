"""The cliniclint engine: read -> parse -> check -> report.

Library use::

    from cliniclint import lint
    findings = lint.check_text("It is painless.", format="text")
    report = lint.check_paths(["articles/"])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from .. import __version__
from . import nlp
from .config import Config, ConfigError, load_config
from .document import Document
from .engine import Checker
from .files import discover
from .finding import Finding
from .readers import InputError, read_path, read_text
from .report import FileResult, Report
from .rules import FAMILIES, Rule, RulePackError, load_rules

__all__ = [
    "Config", "ConfigError", "Finding", "InputError", "Report", "RulePackError",
    "check_paths", "check_text", "load_config", "load_rules", "run",
]

# Documents parsed together: large enough for spaCy to batch well, small enough
# to report progress and keep memory flat on big crawls.
CHUNK = 32


def _checker(config: Config, rules: Sequence[Rule] | None) -> Checker:
    return Checker(rules if rules is not None else load_rules(config.rule_packs), config)


def check_text(text: str, format: str = "text", config: Config | None = None,
               path: str = "<text>", rules: Sequence[Rule] | None = None) -> list[Finding]:
    """Findings for one text in the given format ("text", "markdown" or "html")."""
    config = config or Config()
    document = read_text(text, format, path)
    (_, findings), = _checker(config, rules).check([document])
    return findings


def run(sources: Iterable[tuple[str, bytes | None]], config: Config,
        rules: Sequence[Rule] | None = None, on_file: Callable[[FileResult], None] | None = None) -> Report:
    """Lint ``(path, data)`` pairs (data None: read the path). Input errors are kept per file."""
    checker = _checker(config, rules)
    results: list[FileResult] = []
    pending = iter(sources)
    while chunk := list(islice(pending, CHUNK)):
        documents: list[Document] = []
        for path, data in chunk:
            try:
                documents.append(read_path(path, data=data))
            except InputError as error:
                result = FileResult(path, "text", error=str(error))
                results.append(result)
                if on_file:
                    on_file(result)
        for parsed, findings in checker.check(documents):
            document = parsed.document
            result = FileResult(document.path, document.format, document.words, findings=findings,
                                source=document.source)
            results.append(result)
            if on_file:
                on_file(result)
    families = {family: "ran" if family in checker.families else "off" for family in FAMILIES}
    return Report(__version__, nlp.describe(checker.model), results, families)


def check_paths(paths: Iterable[str], config: Config | None = None,
                rules: Sequence[Rule] | None = None) -> Report:
    """Lint files and folders (folders are walked for .txt, .md and .html files)."""
    config = config or Config()
    return run(((path, None) for path in discover(paths, config.exclude)), config, rules)
