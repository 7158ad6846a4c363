"""Where a run's documents are checked: in this process, in worker processes, or on a Dask cluster.

An engine takes chunks of sources (their bytes already read) and gives back
each chunk's results, in the order they went in. The runner keeps a few
chunks in flight and collects them in order, so a parallel run reports the
same findings in the same order as a serial one.

A worker loads the model and the rule packs once
(:func:`~.linter.worker_linter`), for all the chunks it checks. Workers load
the packs the run's config names (``config.rule_packs``), so they must be
readable at the same paths there.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING

from .linter import Linter, check_in_worker, check_sources

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


class ProcessEngine:
    """Checks chunks in ``jobs`` worker processes (started fresh: nothing of this process is shared)."""

    def __init__(self, config: Config, jobs: int, grammar_status: str) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.config, self.grammar_status = config, grammar_status
        self.workers = jobs
        self.ahead = jobs * 2
        self._pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"))

    def submit(self, sources: list[Source]) -> Future:
        return self._pool.submit(check_in_worker, self.config, sources, self.grammar_status)

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
