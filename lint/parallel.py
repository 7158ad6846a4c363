"""Where a run's documents are checked: in this process, in worker processes, or on a Dask cluster.

An engine takes chunks of sources (their bytes already read) and gives back
each chunk's results, in the order they went in. The runner keeps a few
chunks in flight and collects them in order, so a parallel run reports the
same findings in the same order as a serial one.

A worker loads the model and the rule packs once (:func:`worker_linter`), for
all the chunks it checks. Workers load the packs the run's config names
(``config.rule_packs``), so they must be readable at the same paths there.
Grammar checking needs the run's one LanguageTool session, so it runs only in
this process (:func:`engine_for` says why when asked for more).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config
    from .grammar import GrammarSession
    from .report import FileResult
    from .rules import Rule
    from .runner import Linter, Source

# Below this many files, starting worker processes (each loads the model) costs more than it saves.
AUTO_PARALLEL_FILES = 50


class EngineError(Exception):
    """An engine that cannot run with these settings; the message says why."""


class LocalEngine:
    """Checks chunks in this process, loading the model on the first chunk (a fully cached run never does)."""

    def __init__(self, rules: Sequence[Rule], config: Config, grammar: GrammarSession) -> None:
        self.rules, self.config, self.grammar = rules, config, grammar
        self._linter: Linter | None = None
        self.workers = 1
        self.ahead = 0  # chunks submitted before the first is collected

    def submit(self, sources: list[Source]) -> Future:
        from .runner import Linter, check_sources

        if self._linter is None:
            self._linter = Linter(self.rules, self.config, self.grammar)
        done: Future = Future()
        done.set_result(check_sources(self._linter, sources))
        return done

    def close(self) -> None:
        pass


_WORKER_LINTERS: dict[str, Linter] = {}


def worker_linter(config: Config) -> Linter:
    """This worker's linter for ``config``: its rules and pipeline are loaded once per process."""
    key = repr(config)
    if key not in _WORKER_LINTERS:
        from .grammar import GrammarSession
        from .rules import load_rules
        from .runner import Linter

        rules = load_rules(config.rule_packs)
        _WORKER_LINTERS[key] = Linter(rules, config, GrammarSession(rules, config))  # never started: no grammar
    return _WORKER_LINTERS[key]


def check_in_worker(config: Config, sources: list[Source]) -> list[FileResult]:
    """A chunk's results, checked by this worker's linter."""
    from .runner import check_sources

    return check_sources(worker_linter(config), sources)


class ProcessEngine:
    """Checks chunks in ``jobs`` worker processes (started fresh: nothing of this process is shared)."""

    def __init__(self, config: Config, jobs: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.config = config
        self.workers = jobs
        self.ahead = jobs * 2
        self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))

    def submit(self, sources: list[Source]) -> Future:
        return self._pool.submit(check_in_worker, self.config, sources)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def default_jobs(files: int | None) -> int:
    """The number of cores when there are many files, else 1."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores if files is not None and files >= AUTO_PARALLEL_FILES else 1


def chunk_size(files: int | None, workers: int, largest: int) -> int:
    """Chunks small enough to keep every worker busy to the end (four chunks each), at most ``largest`` files."""
    if files is None or workers <= 1:
        return largest
    return max(1, min(largest, math.ceil(files / (workers * 4))))


def engine_for(rules: Sequence[Rule], config: Config, grammar: GrammarSession, jobs: int | None,
               files: int | None, engine: str = "local", scheduler: str | None = None):
    """The engine a run asked for: ``local`` with ``jobs`` processes (None: :func:`default_jobs`), or ``dask``."""
    if engine == "dask":
        if grammar.wanted:
            raise EngineError("--engine dask: grammar checking runs only with the local engine")
        from .distributed import DaskEngine

        return DaskEngine(config, scheduler)
    if scheduler is not None:
        raise EngineError("--scheduler needs --engine dask")
    if jobs is not None and jobs < 1:
        raise EngineError(f"--jobs must be at least 1, not {jobs}")
    if grammar.wanted:
        if jobs is not None and jobs > 1:
            raise EngineError("--jobs: grammar checking runs in one process; use --jobs 1")
        jobs = 1
    jobs = default_jobs(files) if jobs is None else jobs
    return ProcessEngine(config, jobs) if jobs > 1 else LocalEngine(rules, config, grammar)
