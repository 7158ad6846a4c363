"""The cliniclint engine: read -> parse -> check -> report.

Library use::

    from cliniclint import lint
    findings = lint.check_text("It is painless.", format="text")
    report = lint.check_paths(["articles/"])
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from itertools import islice

from .. import __version__
from . import nlp
from .config import Config, ConfigError, load_config
from .document import Document
from .engine import Checker
from .facts import document_facts
from .files import WalkSettings, find_files, read_bounded
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
log = logging.getLogger("cliniclint")


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


def _failure(stage: str, path: str, error: Exception) -> FileResult:
    """A bug met on one file becomes that file's error; the traceback goes to the debug log."""
    log.debug("internal error while %s %s", stage, path, exc_info=error)
    detail = str(error).splitlines()[0] if str(error) else ""
    return FileResult(path, "text", error=f"internal error while {stage} it: {type(error).__name__}"
                      + (f": {detail}" if detail else "") + " (a cliniclint bug; --debug shows where)")


def _read(path: str, data: bytes | InputError | None, config: Config) -> Document | FileResult:
    """The document for one source, or the result saying why it cannot be linted."""
    try:
        if isinstance(data, InputError):
            raise data
        return read_path(path, data=read_bounded(path, config.max_file_size) if data is None else data)
    except InputError as error:
        return FileResult(path, "text", error=str(error))
    except Exception as error:  # noqa: BLE001 - a reader bug must cost one file, not the run
        return _failure("reading", path, error)


def _check_chunk(checker: Checker, suppressor: Suppressor, documents: list[Document]) -> list[FileResult]:
    """Check a chunk together; if that fails, check its documents one by one so only the culprit fails."""
    try:
        return _lint(checker, suppressor, documents)
    except Exception:  # noqa: BLE001 - the culprit is found below
        pass
    results = []
    for document in documents:
        try:
            results += _lint(checker, suppressor, [document])
        except Exception as error:  # noqa: BLE001 - a rule bug must cost one file, not the run
            results.append(_failure("checking", document.path, error))
    return results


def run(sources: Iterable[tuple[str, bytes | InputError | None]], config: Config,
        rules: Sequence[Rule] | None = None, on_file: Callable[[FileResult], None] | None = None) -> Report:
    """Lint ``(path, data)`` pairs: data None reads the path, an InputError says why it cannot be read.

    Whatever goes wrong with one file (unreadable, malformed, or a bug met while
    reading or checking it) is kept as that file's error; every other file is
    still linted. Results come in the order of ``sources``.
    """
    rules = rules if rules is not None else load_rules(config.rule_packs)
    results: list[FileResult] = []
    with GrammarSession(rules, config) as grammar:
        checker = Checker(rules, config, grammar)
        suppressor = Suppressor(rules, checker.rules, config)
        pending = iter(sources)
        while chunk := list(islice(pending, CHUNK)):
            read = [_read(path, data, config) for path, data in chunk]
            documents = [item for item in read if isinstance(item, Document)]
            checked = iter(_check_chunk(checker, suppressor, documents))
            for item in read:
                result = next(checked) if isinstance(item, Document) else item
                results.append(result)
                if on_file:
                    on_file(result)
    ran = checker.families | ({"meta"} if suppressor.reporting else set())
    families = {family: "ran" if family in ran else "off" for family in FAMILIES}
    families["grammar"] = grammar.status
    return Report(__version__, nlp.describe(checker.model), results, families)


def walk_settings(config: Config, follow_links: bool = False) -> WalkSettings:
    return WalkSettings(config.exclude, config.folder, config.respect_gitignore, config.force_exclude, follow_links)


def check_paths(paths: Iterable[str], config: Config | None = None,
                rules: Sequence[Rule] | None = None) -> Report:
    """Lint files and folders (folders are walked for .txt, .md and .html files)."""
    config = config or Config()
    targets = find_files(paths, walk_settings(config)).targets
    return run(((t.path, InputError(t.error) if t.error else None) for t in targets), config, rules)
