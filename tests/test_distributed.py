"""--engine dask on a real LocalCluster of worker processes: the same findings, in the same order, as a local run."""

from __future__ import annotations

import json

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed (pip install '.[dask]')")

from click.testing import CliRunner  # noqa: E402

from cliniclint.cli import main  # noqa: E402
from cliniclint.lint import Config, run  # noqa: E402
from cliniclint.lint.runner import Source  # noqa: E402

from conftest import CORPUS  # noqa: E402


def _articles(count: int) -> list[str]:
    return [str(path) for path in sorted(CORPUS.glob("*.*")) if path.suffix in (".txt", ".md", ".html")][:count]


def test_a_scheduler_address_gets_the_local_findings_in_the_local_order():
    articles = _articles(8)
    runner = CliRunner()
    local = runner.invoke(main, ["check", "--no-cache", "--format", "json", *articles])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = runner.invoke(main, ["check", "--no-cache", "--format", "json", "--engine", "dask",
                                      "--scheduler", cluster.scheduler_address, *articles])
    assert remote.exit_code == local.exit_code == 1, remote.stderr
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert [file["path"] for file in json.loads(remote.stdout)["files"]] == articles
    assert sum(len(file["findings"]) for file in json.loads(local.stdout)["files"]) > 30


def test_without_a_scheduler_a_local_cluster_is_started_for_the_run(rules):
    sources = [Source(path) for path in _articles(3)] + [Source("broken.txt", b"\x00binary")]
    local = run(sources, Config(), rules)
    on_dask = run(sources, Config(), rules, engine="dask")
    assert on_dask.files == local.files
    assert on_dask.files[-1].error  # an input error stays that file's error


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Peels.\n")
    result = CliRunner().invoke(main, ["check", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", str(article)])
    assert result.exit_code == 2
    assert result.stderr.startswith("cliniclint: --scheduler tcp://127.0.0.1:9: cannot connect")



def _as_without_the_grammar_extra() -> None:
    from cliniclint.lint.grammar import harper

    harper.installed = lambda: False  # what this worker's installed() says with no harper-py distribution


def test_a_worker_without_the_runs_grammar_backend_fails_the_run_instead_of_checking_without_it():
    pytest.importorskip("harper", reason="the grammar extra is not installed (pip install '.[grammar]')")
    articles = _articles(2)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            client.run(_as_without_the_grammar_extra)
        result = CliRunner().invoke(main, ["check", "--no-cache", "--engine", "dask",
                                           "--scheduler", cluster.scheduler_address, *articles])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("cliniclint: grammar failed: a worker's grammar is 'off (not installed)', "
                                    "this run's is 'ran (harper-py")
    assert len(result.stderr.strip().splitlines()) == 1
