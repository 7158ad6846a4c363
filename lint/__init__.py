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
from .facts import document_facts
from .files import discover
from .finding import Finding
from .grammar import BackendError, GrammarSession
from .readers import InputError, read_path, read_text
from .report import FileResult, Report
from .rules import FAMILIES, Rule, RulePackError, load_rules
from .suppress import Suppressor

__all__ = [
    "BackendError", "Config", "ConfigError", "Finding", "InputError", "Report", "RulePackError",
    "check_paths", "check_text", "load_config", "load_rules", "run",
]

# Documents parsed together: large enough for spaCy to batch well, small enough
# to report progress and keep memory flat on big crawls.
CHUNK = 32


def check_text(text: str, format: str = "text", config: Config | None = None,
               path: str = "<text>", rules: Sequence[Rule] | None = None) -> list[Finding]:
    """Findings for one text in the given format ("text", "markdown" or "html").

    Raises BackendError when grammar checking was asked for and could not run.
    """
    config = config or Config()
    rules = rules if rules is not None else load_rules(config.rule_packs)
    with GrammarSession(rules, config) as grammar:
        checker = Checker(rules, config, grammar)
        result, = _lint(checker, Suppressor(rules, checker.rules, config), [read_text(text, format, path)])
    if grammar.status.startswith("failed"):
        raise BackendError(grammar.status)
    return result.findings


def _lint(checker: Checker, suppressor: Suppressor, documents: Sequence[Document]) -> list[FileResult]:
    """Check documents: findings (less suppressed ones) and the document facts of the families that ran."""
    results = []
    for parsed, findings in checker.check(documents):
        document = parsed.document
        # Inline suppression comments are part of the article, so every caller gets them applied.
        findings = suppressor.apply(document, findings)
        results.append(FileResult(document.path, document.format, document.words, findings=findings,
                                  source=document.source, **document_facts(parsed, findings, checker.families)))
    return results


def run(sources: Iterable[tuple[str, bytes | None]], config: Config,
        rules: Sequence[Rule] | None = None, on_file: Callable[[FileResult], None] | None = None) -> Report:
    """Lint ``(path, data)`` pairs (data None: read the path). Input errors are kept per file."""
    rules = rules if rules is not None else load_rules(config.rule_packs)
    results: list[FileResult] = []
    with GrammarSession(rules, config) as grammar:
        checker = Checker(rules, config, grammar)
        suppressor = Suppressor(rules, checker.rules, config)
        pending = iter(sources)
        while chunk := list(islice(pending, CHUNK)):
            documents: list[Document] = []
            done: list[FileResult] = []
            for path, data in chunk:
                try:
                    documents.append(read_path(path, data=data))
                except InputError as error:
                    done.append(FileResult(path, "text", error=str(error)))
            done += _lint(checker, suppressor, documents)
            for result in done:
                results.append(result)
                if on_file:
                    on_file(result)
    ran = checker.families | ({"meta"} if suppressor.reporting else set())
    families = {family: "ran" if family in ran else "off" for family in FAMILIES}
    families["grammar"] = grammar.status
    return Report(__version__, nlp.describe(checker.model), results, families)


def check_paths(paths: Iterable[str], config: Config | None = None,
                rules: Sequence[Rule] | None = None) -> Report:
    """Lint files and folders (folders are walked for .txt, .md and .html files)."""
    config = config or Config()
    return run(((path, None) for path in discover(paths, config.exclude)), config, rules)
