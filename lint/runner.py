"""A run: read each source, check it, post-process its findings, and collect the report.

:class:`Linter` holds what a run loads once (the checker with its pipeline
and rules, the post-processing pipeline); :func:`run`, :func:`check_text` and
:func:`check_paths` are the library's entry points.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from .. import __version__
from . import nlp
from .config import Config
from .document import Document
from .engine import Checker
from .files import WalkSettings, find_files
from .inputs import InputError, read_bounded
from .finding import Finding
from .grammar import BackendError, GrammarSession
from .postprocess import Pipeline
from .readers import read_path, read_text
from .report import FileResult, Report
from .rules import FAMILIES, Rule, load_rules

# Documents parsed together: large enough for spaCy to batch well, small enough
# to report progress and keep memory flat on big crawls.
CHUNK = 32
log = logging.getLogger("cliniclint")


@dataclass(frozen=True)
class Source:
    """Something to lint: a path, its bytes (None: read the path; an InputError: why it cannot be read)
    and its format (None: from the name)."""

    path: str
    data: bytes | InputError | None = None
    format: str | None = None

    @classmethod
    def of(cls, source: Source | tuple) -> Source:
        """A Source from a Source or a ``(path, data[, format])`` tuple."""
        return source if isinstance(source, Source) else cls(*source)


class Linter:
    """One run's checker, grammar session and post-processing pipeline, for many documents."""

    def __init__(self, rules: Sequence[Rule], config: Config, grammar: GrammarSession) -> None:
        self.checker = Checker(rules, config, grammar)
        self.pipeline = Pipeline(rules, config)

    def lint(self, documents: Sequence[Document]) -> list[FileResult]:
        results = []
        for parsed, findings in self.checker.check(documents):
            document = parsed.document
            outcome = self.pipeline(parsed, findings)
            results.append(FileResult(document.path, document.format, document.words, findings=outcome.findings,
                                      source=document.source, **outcome.facts))
        return results


def check_text(text: str, format: str = "text", config: Config | None = None,
               path: str = "<text>", rules: Sequence[Rule] | None = None) -> list[Finding]:
    """Findings for one text in the given format ("text", "markdown" or "html").

    Raises BackendError when grammar checking was asked for and could not run.
    """
    config = config or Config()
    rules = rules if rules is not None else load_rules(config.rule_packs)
    with GrammarSession(rules, config) as grammar:
        result, = Linter(rules, config, grammar).lint([read_text(text, format, path)])
    if grammar.status.startswith("failed"):
        raise BackendError(grammar.status)
    return result.findings


def _failure(stage: str, path: str, error: Exception) -> FileResult:
    """A bug met on one file becomes that file's error; the traceback goes to the debug log."""
    log.debug("internal error while %s %s", stage, path, exc_info=error)
    detail = str(error).splitlines()[0] if str(error) else ""
    return FileResult(path, "text", error=f"internal error while {stage} it: {type(error).__name__}"
                      + (f": {detail}" if detail else "") + " (a cliniclint bug; --debug shows where)")


def _read(source: Source, config: Config) -> Document | FileResult:
    """The document for one source, or the result saying why it cannot be linted."""
    try:
        if isinstance(source.data, InputError):
            raise source.data
        data = read_bounded(source.path, config.max_file_size) if source.data is None else source.data
        return read_path(source.path, source.format, data=data)
    except InputError as error:
        return FileResult(source.path, "text", error=str(error))
    except Exception as error:  # noqa: BLE001 - a reader bug must cost one file, not the run
        return _failure("reading", source.path, error)


def _check_chunk(linter: Linter, documents: list[Document]) -> list[FileResult]:
    """Check a chunk together; if that fails, check its documents one by one so only the culprit fails."""
    try:
        return linter.lint(documents)
    except Exception:  # noqa: BLE001 - the culprit is found below
        pass
    results = []
    for document in documents:
        try:
            results += linter.lint([document])
        except Exception as error:  # noqa: BLE001 - a rule bug must cost one file, not the run
            results.append(_failure("checking", document.path, error))
    return results


def run(sources: Iterable[Source | tuple], config: Config,
        rules: Sequence[Rule] | None = None, on_file: Callable[[FileResult], None] | None = None) -> Report:
    """Lint sources: Sources or ``(path, data[, format])`` tuples.

    Whatever goes wrong with one file (unreadable, malformed, or a bug met while
    reading or checking it) is kept as that file's error; every other file is
    still linted. Results come in the order of ``sources``.
    """
    rules = rules if rules is not None else load_rules(config.rule_packs)
    results: list[FileResult] = []
    with GrammarSession(rules, config) as grammar:
        linter = Linter(rules, config, grammar)
        pending = iter(sources)
        while chunk := list(islice(pending, CHUNK)):
            read = [_read(Source.of(source), config) for source in chunk]
            checked = iter(_check_chunk(linter, [item for item in read if isinstance(item, Document)]))
            for item in read:
                result = next(checked) if isinstance(item, Document) else item
                results.append(result)
                if on_file:
                    on_file(result)
    families = {family: "ran" if family in linter.pipeline.families else "off" for family in FAMILIES}
    families["grammar"] = grammar.status
    return Report(__version__, nlp.describe(linter.checker.model), results, families)


def walk_settings(config: Config, follow_links: bool = False) -> WalkSettings:
    return WalkSettings(config.exclude, config.folder, config.respect_gitignore, config.force_exclude, follow_links)


def check_paths(paths: Iterable[str], config: Config | None = None,
                rules: Sequence[Rule] | None = None) -> Report:
    """Lint files and folders (folders are walked for .txt, .md and .html files)."""
    config = config or Config()
    targets = find_files(paths, walk_settings(config)).targets
    return run((Source(t.path, InputError(t.error) if t.error else None) for t in targets), config, rules)
