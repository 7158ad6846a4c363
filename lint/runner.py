"""A run: read each source, check it, post-process its findings, and collect the report.

:class:`~.linter.Linter` holds what a run loads once (the checker with its
pipeline and rules, the post-processing pipeline); :func:`run`,
:func:`check_text` and :func:`check_paths` are the library's entry points. A
run reuses cached results (:mod:`.cache`) and checks the rest where its
engine says (:mod:`.parallel`, :mod:`.distributed`), collecting results in
the order of its sources.
"""

from __future__ import annotations

from collections import deque
from contextlib import nullcontext
from collections.abc import Callable, Iterable, Sequence, Sized
from concurrent.futures import Future
from dataclasses import dataclass, replace
from itertools import islice

from .. import __version__
from . import nlp, parallel
from .cache import ResultCache
from .config import Config
from .files import WalkSettings, find_files
from .finding import Finding
from .grammar import BackendError, GrammarSession
from .inputs import InputError, read_bounded
from .linter import Linter, Source
from .readers import read_text
from .report import FileResult, Report
from .rules import FAMILIES, Rule, load_rules, selected

# Documents parsed together: large enough for spaCy to batch well, small enough
# to report progress and keep memory flat on big crawls.
CHUNK = 32

__all__ = ["Linter", "Source", "check_paths", "check_text", "run", "walk_settings"]


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
        jobs: int | None = 1, engine: str = "local", scheduler: str | None = None,
        workers: parallel.WorkerPool | None = None) -> Report:
    """Lint sources: Sources or ``(path, data[, format])`` tuples.

    Whatever goes wrong with one file (unreadable, malformed, or a bug met while
    reading or checking it) is kept as that file's error; every other file is
    still linted. Results come in the order of ``sources``, whatever the engine.

    ``cache``: reuse and store results (:mod:`.cache`). ``jobs``: worker
    processes (None: one per core when there are many files); ``engine="dask"``
    checks on a Dask cluster (``scheduler``: its address; None: a local one).
    ``workers``: worker processes started for this run (:func:`~.parallel.open_early`), used if it
    checks in as many processes, and closed when it ends.
    Raises EngineError when the engine cannot run with these settings.
    """
    rules = rules if rules is not None else load_rules(config.rule_packs)
    files = len(sources) if isinstance(sources, Sized) else None
    model = nlp.resolve_model(config.model)
    results: list[FileResult] = []
    with GrammarSession(rules, config) as grammar, workers or nullcontext():
        checker = engine_for(rules, config, grammar, jobs, files, engine, scheduler, workers)
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


def engine_for(rules: Sequence[Rule], config: Config, grammar: GrammarSession, jobs: int | None,
               files: int | None, engine: str = "local", scheduler: str | None = None,
               workers: parallel.WorkerPool | None = None):
    """The engine a run asked for: ``local`` with ``jobs`` processes (None: :func:`~.parallel.default_jobs`;
    ``workers``: processes already started for them), or ``dask``. LanguageTool is the run's one session, so
    it runs in this process only; Harper runs in process, and each worker opens its own."""
    one_session = grammar.one_session
    if engine == "dask":
        if one_session:
            raise parallel.EngineError("--engine dask: LanguageTool grammar checking runs only with the local engine")
        from .distributed import DaskEngine

        return DaskEngine(config, grammar.status, scheduler)
    if scheduler is not None:
        raise parallel.EngineError("--scheduler needs --engine dask")
    if jobs is not None and jobs < 1:
        raise parallel.EngineError(f"--jobs must be at least 1, not {jobs}")
    if one_session:
        if jobs is not None and jobs > 1:
            raise parallel.EngineError("--jobs: LanguageTool grammar checking runs in one process; use --jobs 1")
        jobs = 1
    jobs = parallel.default_jobs(files) if jobs is None else jobs
    if jobs == 1:
        return parallel.LocalEngine(rules, config, grammar)
    started = workers if workers is not None and workers.jobs == jobs else None
    return parallel.ProcessEngine(jobs, config, grammar.status, started, rules)


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
