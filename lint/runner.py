"""A run: read each source, check it, post-process its findings, and collect the report.

:class:`Linter` holds what a run loads once (the checker with its pipeline
and rules, the post-processing pipeline); :func:`run`, :func:`check_text` and
:func:`check_paths` are the library's entry points.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Sequence, Sized
from concurrent.futures import Future
from dataclasses import dataclass, replace
from itertools import islice

from .. import __version__
from . import nlp, parallel
from .cache import ResultCache
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
from .report.article import article_blocks
from .rules import FAMILIES, Rule, load_rules, selected

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
        self.config = config
        self.checker = Checker(rules, config, grammar)
        self.pipeline = Pipeline(rules, config)

    def lint(self, documents: Sequence[Document]) -> list[FileResult]:
        results = []
        for parsed, findings in self.checker.check(documents):
            document = parsed.document
            outcome = self.pipeline(parsed, findings)
            results.append(FileResult(document.path, document.format, document.words, findings=outcome.findings,
                                      source=document.source, blocks=article_blocks(document.blocks),
                                      **outcome.facts))
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


def check_sources(linter: Linter, sources: Sequence[Source]) -> list[FileResult]:
    """The result of each source, in order: read, then checked together."""
    read = [_read(source, linter.config) for source in sources]
    checked = iter(_check_chunk(linter, [item for item in read if isinstance(item, Document)]))
    return [next(checked) if isinstance(item, Document) else item for item in read]


def _with_bytes(source: Source, config: Config) -> Source:
    """``source`` with its bytes read (or the InputError that stops them being read), for the cache key and
    for workers."""
    if source.data is not None:
        return source
    try:
        return replace(source, data=read_bounded(source.path, config.max_file_size))
    except InputError as error:
        return replace(source, data=error)


@dataclass
class _Chunk:
    """Sources on their way: results found in the cache, and the rest being checked."""

    sources: list[Source]
    entries: list[str | None]  # each source's cache entry (None: not cacheable)
    cached: list[FileResult | None]
    checking: Future


def run(sources: Iterable[Source | tuple], config: Config, rules: Sequence[Rule] | None = None,
        on_file: Callable[[FileResult], None] | None = None, *, cache: ResultCache | None = None,
        jobs: int | None = 1, engine: str = "local", scheduler: str | None = None) -> Report:
    """Lint sources: Sources or ``(path, data[, format])`` tuples.

    Whatever goes wrong with one file (unreadable, malformed, or a bug met while
    reading or checking it) is kept as that file's error; every other file is
    still linted. Results come in the order of ``sources``, whatever the engine.

    ``cache``: reuse and store results (:mod:`.cache`). ``jobs``: worker
    processes (None: one per core when there are many files); ``engine="dask"``
    checks on a Dask cluster (``scheduler``: its address; None: a local one).
    Raises EngineError when the engine cannot run with these settings.
    """
    rules = rules if rules is not None else load_rules(config.rule_packs)
    files = len(sources) if isinstance(sources, Sized) else None
    model = nlp.resolve_model(config.model)
    results: list[FileResult] = []
    with GrammarSession(rules, config) as grammar:
        checker = parallel.engine_for(rules, config, grammar, jobs, files, engine, scheduler)
        try:
            size = parallel.chunk_size(files, checker.workers, CHUNK)
            in_flight: deque[_Chunk] = deque()
            pending = iter(sources)
            while chunk := list(islice(pending, size)):
                in_flight.append(_submit(checker, [Source.of(source) for source in chunk], config, cache))
                while len(in_flight) > checker.ahead:
                    results += _collect(in_flight.popleft(), cache, grammar, on_file)
            while in_flight:
                results += _collect(in_flight.popleft(), cache, grammar, on_file)
        finally:
            checker.close()
    chosen = {rule.family for rule in selected(rules, config)}
    families = {family: "ran" if family in chosen else "off" for family in FAMILIES}
    families["grammar"] = grammar.status
    return Report(__version__, nlp.describe(model), results, families)


def _submit(checker, sources: list[Source], config: Config, cache: ResultCache | None) -> _Chunk:
    entries: list[str | None] = [None] * len(sources)
    cached: list[FileResult | None] = [None] * len(sources)
    sources = [_with_bytes(source, config) for source in sources]
    if cache is not None:
        for index, source in enumerate(sources):
            if isinstance(source.data, bytes):
                entries[index] = cache.entry_key(source.path, source.format, source.data)
                cached[index] = cache.get(entries[index])
    missing = [source for source, result in zip(sources, cached) if result is None]
    checking: Future = checker.submit(missing) if missing else _done([])
    return _Chunk(sources, entries, cached, checking)


def _done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


def _collect(chunk: _Chunk, cache: ResultCache | None, grammar: GrammarSession,
             on_file: Callable[[FileResult], None] | None) -> list[FileResult]:
    """A chunk's results in order; the new ones are stored unless grammar failed while they were checked."""
    checked = iter(chunk.checking.result())
    results = []
    for entry, cached in zip(chunk.entries, chunk.cached):
        result = cached if cached is not None else next(checked)
        if cached is None and cache is not None and entry is not None and result.error is None \
                and not grammar.status.startswith("failed"):
            cache.put(entry, result)
        results.append(result)
        if on_file:
            on_file(result)
    return results


def walk_settings(config: Config, follow_links: bool = False) -> WalkSettings:
    return WalkSettings(config.exclude, config.folder, config.respect_gitignore, config.force_exclude, follow_links)


def check_paths(paths: Iterable[str], config: Config | None = None,
                rules: Sequence[Rule] | None = None) -> Report:
    """Lint files and folders (folders are walked for .txt, .md and .html files)."""
    config = config or Config()
    targets = find_files(paths, walk_settings(config)).targets
    return run((Source(t.path, InputError(t.error) if t.error else None) for t in targets), config, rules)
