"""--jobs: the same findings, in the same order, as one process; the command line's cache flags."""

from __future__ import annotations

import json
import multiprocessing

import pytest
from click.testing import CliRunner

from cliniclint.cli import main
from cliniclint.lint import Config, parallel, run
from cliniclint.lint.cache import ResultCache, run_key
from cliniclint.lint.parallel import WorkerPool, chunk_size, default_jobs, open_early
from cliniclint.lint.report import render
from cliniclint.lint.runner import Source

from conftest import CORPUS


def _corpus() -> list[Source]:
    return [Source(str(path)) for path in sorted(CORPUS.glob("*.*")) if path.suffix in (".txt", ".md", ".html")]


def test_two_worker_processes_report_what_one_process_does_in_the_same_order(rules):
    sources = _corpus()
    assert len(sources) >= 20
    serial = run(sources, Config(), rules, jobs=1)
    parallel = run(sources, Config(), rules, jobs=2)
    assert chunk_size(len(sources), 2, 32) < len(sources) / 2  # several chunks per worker: order is tested
    assert [file.path for file in parallel.files] == [source.path for source in sources]
    assert parallel.files == serial.files
    assert render(parallel, "json") == render(serial, "json")
    assert sum(len(file.findings) for file in serial.files) > 100


def test_the_command_lines_early_workers_report_what_one_process_does(tmp_path):
    """The command line starts its workers before loading the packs; its report is the serial one, byte for byte."""
    for index, source in enumerate(_corpus()[:6]):
        (tmp_path / f"{index}-{source.path.rsplit('/', 1)[-1]}").write_bytes(open(source.path, "rb").read())
    runner = CliRunner()
    serial = runner.invoke(main, ["check", "--no-cache", "--format", "json", "--jobs", "1", str(tmp_path)])
    parallel = runner.invoke(main, ["check", "--no-cache", "--format", "json", "--jobs", "2", str(tmp_path)])
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.stdout == serial.stdout
    assert len(json.loads(serial.stdout)["files"]) == 6


def test_workers_started_for_one_config_check_with_the_runs_own(rules):
    """Workers prepare for what was known when they started; each chunk brings the run's config, which wins."""
    sources = _corpus()[:6]
    config = Config(select=("spin",), severity={"spin": "error"})
    serial = run(sources, config, rules, jobs=1)
    with WorkerPool(2, Config()) as workers:
        parallel = run(sources, config, rules, jobs=2, workers=workers)
    assert parallel.files == serial.files
    assert {finding.family for file in serial.files for finding in file.findings} == {"spin"}
    assert {finding.severity for file in serial.files for finding in file.findings} == {"error"}


def test_a_fully_cached_run_starts_no_workers_and_stops_those_started_early(tmp_path, rules, monkeypatch):
    sources = _corpus()[:3]
    cache = ResultCache(tmp_path, run_key(Config(), rules, "en_core_web_sm"))
    first = run(sources, Config(), rules, jobs=1, cache=cache)
    others = set(multiprocessing.active_children())
    workers = WorkerPool(2, Config())
    started = set(multiprocessing.active_children()) - others
    again = run(sources, Config(), rules, jobs=2, cache=cache, workers=workers)
    assert again.files == first.files and cache.hits == len(sources)
    assert len(started) == 2 and not any(process.is_alive() for process in started)
    monkeypatch.setattr(parallel, "WorkerPool", lambda *_: pytest.fail("workers started for cached results"))
    assert run(sources, Config(), rules, jobs=2, cache=cache).files == first.files


def test_workers_start_early_only_for_runs_that_use_them(monkeypatch):
    monkeypatch.setattr(parallel, "forks", lambda: False)  # started fresh: early, beside the packs' loading
    assert open_early(1, 500, Config()) is None
    assert open_early(None, 3, Config()) is None
    assert open_early(2, 500, Config(grammar="languagetool")) is None  # LanguageTool checks in one process
    with open_early(2, 3, Config(grammar="off")) as workers:
        assert workers.jobs == 2
    monkeypatch.setattr(parallel, "forks", lambda: True)  # forked: from what the run loaded, at its first chunk
    assert open_early(2, 3, Config(grammar="off")) is None


def test_jobs_default_to_the_cores_only_for_many_files():
    assert default_jobs(3) == 1
    assert default_jobs(None) == 1
    assert default_jobs(500) >= 1


def test_cache_flags(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Microneedling is painless and permanent, with pores and skin glowing.\n")
    cache = tmp_path / "cache"
    runner = CliRunner()
    first = runner.invoke(main, ["check", "--format", "json", "--cache-dir", str(cache), str(article)])
    assert list(cache.rglob("*.json.z"))
    again = runner.invoke(main, ["check", "--format", "json", "--cache-dir", str(cache), str(article)])
    assert again.exit_code == first.exit_code == 1
    assert json.loads(again.stdout) == json.loads(first.stdout)
    elsewhere = tmp_path / "none"
    uncached = runner.invoke(main, ["check", "--no-cache", "--cache-dir", str(elsewhere), str(article)])
    assert uncached.exit_code == 1 and not elsewhere.exists()


def test_bad_jobs_and_engine_combinations_are_usage_errors(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Peels.\n")
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--jobs", "0", str(article)])
    assert result.exit_code == 2 and "--jobs must be at least 1" in result.stderr
    result = runner.invoke(main, ["check", "--scheduler", "tcp://127.0.0.1:1", str(article)])
    assert result.exit_code == 2 and "--scheduler needs --engine dask" in result.stderr
    result = runner.invoke(main, ["check", "--jobs", "2", "--grammar", "local", str(article)])
    assert result.exit_code == 2 and "grammar checking runs in one process" in result.stderr
    others = set(multiprocessing.active_children())
    result = runner.invoke(main, ["check", "--jobs", "2", "--select", "NO999", str(article)])
    assert result.exit_code == 2 and "NO999" in result.stderr
    assert not set(multiprocessing.active_children()) - others  # the workers started early are stopped
