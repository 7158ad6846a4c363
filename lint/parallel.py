"""Where a run's documents are checked: in this process, in worker processes, or on a Dask cluster.

An engine takes chunks of sources (their bytes already read) and gives back
each chunk's results, in the order they went in. The runner keeps a few
chunks in flight and collects them in order, so a parallel run reports the
same findings in the same order as a serial one.

A worker loads the model and the rule packs once
(:func:`~.linter.worker_linter`), for all the chunks it checks. Workers load
the packs the run's config names (``config.rule_packs``), so they must be
readable at the same paths there.

On Linux the workers are forked from this process once it has loaded the
model, the packs and lemminflect's tables (:func:`~.linter.preload_worker`),
with the garbage collector's objects frozen first (``gc.freeze``), so that
every worker shares those pages copy-on-write instead of loading its own:
each worker's memory is then mostly what its own documents need. Elsewhere
(where forking a process that has loaded libraries is not safe) workers are
started fresh, and the command line starts them (:func:`open_early`) before
it loads the rule packs itself, so that their start-up overlaps its own.
"""

from __future__ import annotations

import gc
import math
import os
import sys
from collections.abc import Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING

from .linter import Linter, check_in_worker, check_sources, preload_worker

if TYPE_CHECKING:
    from .config import Config
    from .grammar import GrammarSession
    from .linter import Source
    from .rules import Rule

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
        if self._linter is None:
            self._linter = Linter(self.rules, self.config, self.grammar)
        done: Future = Future()
        done.set_result(check_sources(self._linter, sources))
        return done

    def close(self) -> None:
        pass


def forks() -> bool:
    """Whether workers are forked from this process, sharing what it loaded (Linux), or started fresh."""
    return sys.platform.startswith("linux")


class WorkerPool:
    """``jobs`` worker processes, started as soon as it is made.

    Forked (:func:`forks`): this process loads what a worker needs first, then forks them, and each opens
    only its grammar backend (:func:`prepare_worker`). Started fresh: each loads the model and the rule
    packs for ``config`` as it starts, while this process goes on reading the config, loading the packs
    and walking the files.

    ``config`` is what is known when the pool opens; each chunk brings the run's own (:class:`ProcessEngine`),
    and a worker builds another linter only if they differ.
    """

    def __init__(self, jobs: int, config: Config, rules: Sequence[Rule] | None = None) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.jobs = jobs
        others = set(multiprocessing.active_children())
        if forks():  # ``rules``: the run's, which forked workers check with (else those of config.rule_packs)
            preload_worker(config, rules)
            gc.collect()
            gc.freeze()  # what is loaded stays out of the collector's sight, so no collection writes its pages
        try:
            context = multiprocessing.get_context("fork" if forks() else "spawn")
            self._pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=prepare_worker, initargs=(config,))
            for _ in range(jobs):  # started at the first task when forked, else one for each task while none is idle
                self._pool.submit(_started)
        finally:
            gc.unfreeze()  # this process's own collections may walk them again: its workers have their copies
        self._processes = [process for process in multiprocessing.active_children() if process not in others]

    def submit(self, *args) -> Future:
        return self._pool.submit(check_in_worker, *args)

    def close(self) -> None:
        """Stop the workers at once (again: nothing): they hold nothing to keep (this process stores the
        results), and a run whose files all came from the cache must not wait for workers still loading."""
        for process in self._processes:
            process.terminate()
        self._processes = []
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _started() -> None:
    """Nothing: given to the pool to make it start a worker."""


def prepare_worker(config: Config) -> None:
    """A worker's start: its linter built before the first chunk comes, then kept out of the garbage
    collector's sight (it lives as long as the worker, so collections need not walk it, nor its exit)."""
    from .linter import worker_linter

    try:
        worker_linter(config)
    except Exception:  # noqa: BLE001 - the first chunk builds it again, and reports the error as the run's
        return
    gc.freeze()


class ProcessEngine:
    """Checks chunks in ``jobs`` worker processes, with the run's config and grammar status: those of ``pool``
    when they were started early, else of a pool started at the first chunk (a fully cached run starts none)."""

    def __init__(self, jobs: int, config: Config, grammar_status: str, pool: WorkerPool | None = None,
                 rules: Sequence[Rule] | None = None) -> None:
        self.config, self.grammar_status, self._pool, self.rules = config, grammar_status, pool, rules
        self.workers = jobs
        self.ahead = jobs * 2

    def submit(self, sources: list[Source]) -> Future:
        if self._pool is None:
            self._pool = WorkerPool(self.workers, self.config, self.rules)
        return self._pool.submit(self.config, sources, self.grammar_status)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()


def open_early(jobs: int | None, files: int, config: Config) -> WorkerPool | None:
    """Worker processes for a run of ``files`` files that asked for ``jobs`` (None: :func:`default_jobs`),
    started before its rules are loaded; None when it will check in this process (one job, or a
    LanguageTool session, which runs in one process only)."""
    from .grammar.backends import HARPER_SETTINGS

    jobs = default_jobs(files) if jobs is None else jobs
    if jobs <= 1 or config.grammar not in ("off", *HARPER_SETTINGS) or forks():
        return None  # forked workers start when the run's first chunk is submitted, from what it loaded
    return WorkerPool(jobs, config)


def default_jobs(files: int | None) -> int:
    """The number of cores when there are many files, else 1."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores if files is not None and files >= AUTO_PARALLEL_FILES else 1


def chunk_size(files: int | None, workers: int, largest: int) -> int:
    """Chunks small enough to keep every worker busy to the end (four chunks each), at most ``largest`` files."""
    if files is None or workers <= 1:
        return largest
    return max(1, min(largest, math.ceil(files / (workers * 4))))
