"""The Dask engine: files checked on a Dask cluster (``cliniclint check --engine dask``; the ``dask`` extra).

Each chunk of sources goes to a worker with its bytes, so workers need no
access to the files; they load the model and rule packs once
(:func:`~cliniclint.lint.linter.worker_linter`) and need cliniclint, the
model and the run's rule packs (at the same paths) installed. Results come
back in the order the chunks went out. Without a scheduler address, a
``LocalCluster`` of worker processes (one per core) is started for the run.

A spaCy pipeline is not shared between threads: a worker checks one chunk
at a time, so give workers one thread each (``dask worker --nthreads 1``)
and add processes instead.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from typing import TYPE_CHECKING

from .linter import check_in_worker
from .parallel import EngineError

if TYPE_CHECKING:
    from .config import Config
    from .linter import Source
    from .report import FileResult

_ONE_AT_A_TIME = threading.Lock()  # in each worker: its pipeline checks one chunk at a time


def check_on_worker(config: Config, sources: list[Source], grammar_status: str) -> list[FileResult]:
    with _ONE_AT_A_TIME:
        return check_in_worker(config, sources, grammar_status)


class DaskEngine:
    """Checks chunks on the Dask cluster at ``scheduler`` (None: a new local cluster of processes)."""

    def __init__(self, config: Config, grammar_status: str, scheduler: str | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise EngineError(f"--engine dask needs the dask extra ({error.name} is not installed): "
                              "pip install 'cliniclint[dask]'") from None
        self.config, self.grammar_status = config, grammar_status
        self._cluster = None
        try:
            if scheduler is None:
                self._cluster = LocalCluster(processes=True, threads_per_worker=1, dashboard_address=None,
                                             silence_logs=logging.ERROR)
            self._client = Client(self._cluster if scheduler is None else scheduler, timeout="10s")
        except (OSError, TimeoutError) as error:
            self._close_cluster()
            raise EngineError(f"--scheduler {scheduler}: cannot connect: {error}") from None
        self.workers = max(1, len(self._client.nthreads()))
        self.ahead = self.workers * 2

    def submit(self, sources: list[Source]) -> Future:
        return self._client.submit(check_on_worker, self.config, sources, self.grammar_status, pure=False)

    def close(self) -> None:
        self._client.close()
        self._close_cluster()

    def _close_cluster(self) -> None:
        if self._cluster is not None:
            self._cluster.close()
