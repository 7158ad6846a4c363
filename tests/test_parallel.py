"""--jobs: the same findings, in the same order, as one process; the command line's cache flags."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cliniclint.cli import main
from cliniclint.lint import Config, run
from cliniclint.lint.parallel import chunk_size, default_jobs
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
