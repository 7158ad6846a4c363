"""A run: read each source, check it, post-process its findings, and collect the report.

:class:`Linter` holds what a run loads once (the checker with its pipeline
and rules, the post-processing pipeline); :func:`run`, :func:`check_text` and
:func:`check_paths` are the library's entry points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from .. import __version__
from . import nlp
from .config import Config
from .document import Document
from .engine import Checker
from .files import discover
from .finding import Finding
from .grammar import BackendError, GrammarSession
from .postprocess import Pipeline
from .readers import InputError, read_path, read_text
from .report import FileResult, Report
from .rules import FAMILIES, Rule, load_rules

# Documents parsed together: large enough for spaCy to batch well, small enough
# to report progress and keep memory flat on big crawls.
CHUNK = 32


@dataclass(frozen=True)
class Source:
    """Something to lint: a path, its bytes (None: read the path) and its format (None: from the name)."""

    path: str
    data: bytes | None = None
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


def run(sources: Iterable[Source | tuple], config: Config,
        rules: Sequence[Rule] | None = None, on_file: Callable[[FileResult], None] | None = None) -> Report:
    """Lint sources: Sources or ``(path, data[, format])`` tuples (data None: read the path).

    Input errors are kept per file.
    """
    rules = rules if rules is not None else load_rules(config.rule_packs)
    results: list[FileResult] = []
    with GrammarSession(rules, config) as grammar:
        linter = Linter(rules, config, grammar)
        pending = iter(sources)
        while chunk := list(islice(pending, CHUNK)):
            documents: list[Document] = []
            done: list[FileResult] = []
            for source in map(Source.of, chunk):
                try:
                    documents.append(read_path(source.path, source.format, data=source.data))
                except InputError as error:
                    done.append(FileResult(source.path, "text", error=str(error)))
            done += linter.lint(documents)
            for result in done:
                results.append(result)
                if on_file:
                    on_file(result)
    families = {family: "ran" if family in linter.pipeline.families else "off" for family in FAMILIES}
    families["grammar"] = grammar.status
    return Report(__version__, nlp.describe(linter.checker.model), results, families)


def check_paths(paths: Iterable[str], config: Config | None = None,
                rules: Sequence[Rule] | None = None) -> Report:
    """Lint files and folders (folders are walked for .txt, .md and .html files)."""
    config = config or Config()
    return run(((path, None) for path in discover(paths, config.exclude)), config, rules)
