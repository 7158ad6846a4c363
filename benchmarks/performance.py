"""cliniclint's performance in one run, on the same texts: throughput, start-up, parallel and cached runs, memory.

    pip install -e '.[bench,dask]'
    python benchmarks/performance.py [--repeat 3] [--json results.json] [--quick]

The corpus articles are copied, renamed, until they hold at least
``--words`` (100,000) words. Each measurement is a median of ``--repeat``
rounds, and the configurations compared with each other run alternately in
each round, so a load that comes and goes on a shared machine touches all of
them alike: read the ratios, and the load printed beside them.

- bare spaCy words/s, with the full model and with only the components
  cliniclint loads (and with those minus the parser: what lazy parsing could
  at most save);
- cliniclint words/s through the API (``lint.run``, model loaded) and through
  the CLI (a fresh ``cliniclint check`` process, start-up included), and the
  ratios to bare spaCy;
- ``--jobs 2`` against ``--jobs 1``, and a cached re-run against an uncached
  one (with ``--jobs 1`` and with ``--jobs`` left to the file count), both
  through the CLI; and what ``--jobs 2`` adds to a run beside its work (two
  short files, in one process and in two);
- cold start of ``check`` on one short file against a bare ``spacy.load``
  (a file whose result is not cached, as a pre-commit run meets it; with
  Harper, with grammar off and with ``--no-cache``), and ``--version`` /
  ``rules`` / ``rule`` / ``init``;
- peak RSS for many small files and for one big file (and, with several
  processes, their summed RSS and PSS);
- proselint on the same files, as a peer.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CLI = [sys.executable, "-c", "from cliniclint.cli import main; main()"]
ARTICLES = (".txt", ".md", ".html")
# Peak RSS of the process it runs, in kB: measured in a fresh intermediate process, so no earlier child counts.
PEAK_RSS = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"


def articles() -> list[Path]:
    return sorted(path for path in CORPUS.iterdir() if path.suffix in ARTICLES and path.name != "README.md")


def words_of(paths) -> int:
    from cliniclint.lint.readers import read_path

    return sum(read_path(str(path)).words for path in paths)


def repeated_corpus(folder: Path, at_least: int) -> list[Path]:
    """The corpus articles copied into ``folder`` until they hold ``at_least`` words."""
    sources = articles()
    per_round = words_of(sources)
    rounds = -(-at_least // per_round)
    copies = []
    for round in range(rounds):
        for source in sources:
            copy = folder / f"{round:03d}_{source.name}"
            shutil.copyfile(source, copy)
            copies.append(copy)
    return copies


def small_files(folder: Path, count: int) -> str:
    """``count`` small articles, one to a file, and what they are.

    MedQuAD's tuning answers (``benchmarks/medquad.py``; never the blind split), the shortest ones of at least
    20 words, when ``shared/data`` is there: different texts, so that what grows with the vocabulary met
    (spaCy's StringStore, caches keyed by word) grows as on a real crawl. Else the corpus's paragraphs, one or
    two to a file, repeated.
    """
    try:
        import medquad

        texts = sorted((len(answer.text.split()), answer.index, answer.text.strip())
                       for answer in medquad.answers("tuning") if len(answer.text.split()) >= 20)[:count]
        texts.sort(key=lambda item: item[1])
        chosen, what = [text for _, _, text in texts], "MedQuAD tuning answers, shortest first"
    except FileNotFoundError:
        chosen, what = [], "corpus paragraphs, repeated"
    if len(chosen) < count:
        chosen = [part.strip() for path in articles() if path.suffix == ".txt"
                  for part in path.read_text(encoding="utf-8").split("\n\n") if len(part.split()) >= 20]
        what = "corpus paragraphs, repeated"
    for index in range(count):
        (folder / f"{index:05d}.txt").write_text(chosen[index % len(chosen)] + "\n", encoding="utf-8")
    return what


def big_file(path: Path, words: int) -> int:
    """One article of at least ``words`` words: the .txt corpus articles, over and over."""
    texts = [path.read_text(encoding="utf-8") for path in articles() if path.suffix == ".txt"]
    parts, total = [], 0
    while total < words:
        for text in texts:
            parts.append(text)
            total += len(text.split())
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return total


def timed(command: list[str], ok: tuple[int, ...] = (0,)) -> float:
    """Seconds ``command`` took; it must exit with one of ``ok`` (the CLI runs pass --exit-zero)."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(command)}: exit {done.returncode}: {done.stderr.decode()[-500:]}")
    return seconds


def alternate(jobs: dict, repeat: int) -> dict[str, float]:
    """Median seconds of each job, the jobs run in turn in every round."""
    seconds: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(repeat):
        for name, job in jobs.items():
            start = time.perf_counter()
            job()
            seconds[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in seconds.items()}


def peak_rss_mb(command: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", PEAK_RSS, *command], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024  # kB on Linux


def _pss_kb(pid: int) -> int:
    """A process's proportional set size (its private pages plus its share of pages shared with others), in kB;
    0 where the kernel does not say (not Linux, or the process has just ended)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def peak_tree_memory_mb(command: list[str]) -> dict[str, float]:
    """The peaks of the summed RSS and of the summed PSS of ``command`` and its worker processes, sampled twice a
    second: with ``--jobs`` the run's memory is the sum of its processes, which ``ru_maxrss`` (one process's) is
    not. RSS counts a page shared by forked workers once in each; PSS divides it between them, so their sum is
    what the machine gives the run."""
    import psutil

    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root, peak_rss, peak_pss, largest = psutil.Process(process.pid), 0, 0, 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        rss = pss = 0
        for each in tree:
            try:
                each_rss = each.memory_info().rss
            except psutil.Error:  # a worker that has just ended
                continue
            rss += each_rss
            largest = max(largest, each_rss)
            pss += _pss_kb(each.pid) * 1024
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.5)
    return {"rss": peak_rss / 2**20, "pss": peak_pss / 2**20, "largest_rss": largest / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--words", type=int, default=100_000, help="words in the repeated corpus")
    parser.add_argument("--small-files", type=int, default=10_000, help="files in the many-files memory run")
    parser.add_argument("--big-words", type=int, default=1_000_000, help="words in the one-big-file memory run")
    parser.add_argument("--json", dest="json_path", help="also write the results here")
    parser.add_argument("--quick", action="store_true", help="a smaller run, to try the script")
    args = parser.parse_args()
    if args.quick:
        args.words, args.small_files, args.big_words, args.repeat = 20_000, 500, 50_000, 1

    import spacy

    from cliniclint.lint import Config, engine, load_rules, nlp, run
    from cliniclint.lint.runner import Source

    results: dict = {"load_before": load(), "cores": os.cpu_count()}
    work = Path(tempfile.mkdtemp(prefix="cliniclint-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        files = repeated_corpus(corpus, args.words)
        words = words_of(files)
        results.update(files=len(files), words=words)
        print(f"{len(files)} files, {words} words; load {load()}", flush=True)

        # Throughput in this process: bare spaCy (full model, cliniclint's components, those minus the parser)
        # and cliniclint's API, alternated.
        model = nlp.resolve_model()
        rules = load_rules()
        config = Config()
        needs = engine.components(engine.Checker(rules, config, None).checked)
        from cliniclint.lint.readers import read_path

        texts = [block.text for path in files for block in read_path(str(path)).blocks]
        full = spacy.load(model)
        ours = nlp.load(model, needs)
        no_parser = nlp.load(model, needs - {"parser"}) if "parser" in needs else ours
        sources = [Source(str(path), path.read_bytes()) for path in files]

        def pipe(language):
            return lambda: [None for _ in language.pipe(texts, batch_size=nlp.BATCH_SIZE)]

        api = lambda: run(sources, config, rules, jobs=1)  # noqa: E731
        for job in (pipe(full), pipe(ours), api):
            job()  # warm: first-use set-up is start-up, not throughput
        seconds = alternate({"spacy_full": pipe(full), "spacy_components": pipe(ours),
                             "spacy_no_parser": pipe(no_parser), "api": api}, args.repeat)
        rate = {name: words / value for name, value in seconds.items()}
        results["words_per_second"] = rate
        results["components"] = sorted(ours.pipe_names)
        print(f"throughput done; load {load()}", flush=True)

        # The CLI: uncached --jobs 1 and --jobs 2, and a cached re-run, alternated.
        cache = work / "cache"
        base = [*CLI, "check", "-q", "--exit-zero", str(corpus)]
        subprocess.run([*base, "--cache-dir", str(cache)], stdout=subprocess.DEVNULL, check=True)  # fills it
        cli = alternate({
            "cli_jobs1": lambda: timed([*base, "--no-cache", "--jobs", "1"]),
            "cli_jobs2": lambda: timed([*base, "--no-cache", "--jobs", "2"]),
            "cli_cached": lambda: timed([*base, "--cache-dir", str(cache), "--jobs", "1"]),
            # As CI runs it: --jobs left to the file count, so workers start before the cache is read.
            "cli_cached_default_jobs": lambda: timed([*base, "--cache-dir", str(cache)]),
        }, args.repeat)
        rate["cli"] = words / cli["cli_jobs1"]
        results["cli_seconds"] = cli
        print(f"CLI done; load {load()}", flush=True)

        # Start-up: check on one short file (as a pre-commit run does: a file whose result is not cached, the
        # cache folder kept; with Harper and with grammar off; and with --no-cache), a bare spacy.load,
        # --version, rules, rule, init.
        short = work / "short.txt"
        short.write_text("Microneedling is painless and gives permanent results for all skin types.\n")
        short_again = work / "short-again.txt"
        short_again.write_text("Chemical peels are risk-free and suit everyone.\n")
        start_cache = work / "start-cache"
        edits = iter(range(10**6))

        def edited_short() -> str:  # a new file each time: its result is never in the cache
            path = work / f"edited-{next(edits)}.txt"
            path.write_text(f"{short.read_text()}Edit {path.stem}.\n")
            return str(path)

        def check_short(*flags: str) -> float:
            return timed([*CLI, "check", "--exit-zero", "--cache-dir", str(start_cache), *flags, edited_short()])

        def init() -> float:
            target = work / f"init-{next(edits)}.toml"
            return timed([*CLI, "init", "--path", str(target)])

        check_short()
        check_short("--grammar", "off")  # the cache folder filled, as it is after a project's first run
        start = alternate({
            "check_one_short_file": check_short,
            "check_one_short_file_grammar_off": lambda: check_short("--grammar", "off"),
            "check_one_short_file_no_cache": lambda: timed([*CLI, "check", "--no-cache", "--exit-zero", str(short)]),
            # What --jobs 2 costs before and after its work: two short files, checked in one process or in two.
            "two_short_files_jobs1": lambda: timed([*CLI, "check", "--no-cache", "--exit-zero", "--jobs", "1",
                                                    str(short), str(short_again)]),
            "two_short_files_jobs2": lambda: timed([*CLI, "check", "--no-cache", "--exit-zero", "--jobs", "2",
                                                    str(short), str(short_again)]),
            "spacy_load": lambda: timed([sys.executable, "-c", f"import spacy; spacy.load({model!r})"]),
            "version": lambda: timed([*CLI, "--version"]),
            "rules": lambda: timed([*CLI, "rules"]),
            "rule": lambda: timed([*CLI, "rule", "CL101"]),
            "init": init,
            "python": lambda: timed([sys.executable, "-c", "pass"]),
        }, max(args.repeat, 5))
        results["start_seconds"] = start
        print(f"start-up done; load {load()}", flush=True)

        # Peer: proselint's CLI on the same files.
        proselint = shutil.which("proselint")
        if proselint:
            results["proselint_words_per_second"] = words / alternate(
                {"proselint": lambda: timed([proselint, "check", str(corpus)], ok=(0, 1))}, 1)["proselint"]

        # Memory: many small files, one big file (each in a fresh process).
        many = work / "many"
        many.mkdir()
        results["small_files"] = small_files(many, args.small_files)
        results["rss_many_files_mb"] = peak_rss_mb([*CLI, "check", "-q", "--exit-zero", "--no-cache", "--jobs", "1",
                                                    str(many)])
        results["memory_many_files_default_jobs_mb"] = peak_tree_memory_mb([*CLI, "check", "-q", "--exit-zero",
                                                                            "--no-cache", str(many)])
        big = work / "big.txt"
        big_words = big_file(big, args.big_words)
        results["big_file_words"] = big_words
        results["rss_big_file_mb"] = peak_rss_mb([*CLI, "check", "-q", "--exit-zero", "--no-cache",
                                                  "--max-file-size", "100MB", str(big)])
        results["rss_one_short_file_mb"] = peak_rss_mb([*CLI, "check", "--exit-zero", "--no-cache", str(short)])
        results["load_after"] = load()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    report(results, args)
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(results, indent=2) + "\n")


def report(results: dict, args) -> None:
    rate, cli, start = results["words_per_second"], results["cli_seconds"], results["start_seconds"]
    rows = [
        ("bare spaCy, full model", f"{rate['spacy_full']:,.0f} words/s", ""),
        ("bare spaCy, cliniclint's components", f"{rate['spacy_components']:,.0f} words/s",
         ", ".join(results["components"])),
        ("  the same without the parser", f"{rate['spacy_no_parser']:,.0f} words/s", "the most lazy parsing can save"),
        ("cliniclint, API", f"{rate['api']:,.0f} words/s", ""),
        ("cliniclint, CLI (start-up included)", f"{rate['cli']:,.0f} words/s", ""),
        ("API / bare spaCy, its components", f"{rate['api'] / rate['spacy_components']:.2f}x", "target >= 1.0"),
        ("API / bare spaCy, full model", f"{rate['api'] / rate['spacy_full']:.2f}x", "target >= 2.0"),
        ("--jobs 2 speed-up", f"{cli['cli_jobs1'] / cli['cli_jobs2']:.2f}x", "target >= 1.7 on 2 idle cores"),
        ("cached re-run speed-up", f"{cli['cli_jobs1'] / cli['cli_cached']:.1f}x", "target >= 20"),
        ("  the same, --jobs by file count", f"{cli['cli_jobs1'] / cli['cli_cached_default_jobs']:.1f}x",
         "workers started early, stopped unused"),
        ("check, one short file", f"{start['check_one_short_file']:.2f} s",
         f"spacy.load {start['spacy_load']:.2f} s; target <= {start['spacy_load'] + 0.5:.2f} s"),
        ("  the same, grammar off", f"{start['check_one_short_file_grammar_off']:.2f} s", ""),
        ("  the same, --no-cache", f"{start['check_one_short_file_no_cache']:.2f} s", "packs parsed from YAML"),
        ("--jobs 2 fixed cost (two short files)",
         f"{start['two_short_files_jobs2'] - start['two_short_files_jobs1']:+.2f} s",
         f"beside --jobs 1: {start['two_short_files_jobs1']:.2f} s -> {start['two_short_files_jobs2']:.2f} s"),
        ("--version", f"{start['version']:.2f} s", f"target <= 0.3 s (python alone {start['python']:.2f} s)"),
        ("rules", f"{start['rules']:.2f} s", "target <= 0.3 s"),
        ("rule CL101", f"{start['rule']:.2f} s", "target <= 0.3 s"),
        ("init", f"{start['init']:.2f} s", "target <= 0.3 s"),
        (f"peak RSS, {args.small_files:,} small files", f"{results['rss_many_files_mb']:.0f} MB",
         f"target <= 400; --jobs 1; {results['small_files']}"),
        ("  the same, --jobs by file count", f"{results['memory_many_files_default_jobs_mb']['rss']:.0f} MB",
         f"RSS of all processes together (largest {results['memory_many_files_default_jobs_mb']['largest_rss']:.0f})"),
        ("  the same, PSS", f"{results['memory_many_files_default_jobs_mb']['pss']:.0f} MB",
         "all processes together, shared pages counted once"),
        (f"peak RSS, one {results['big_file_words']:,}-word file", f"{results['rss_big_file_mb']:.0f} MB",
         "target <= 400"),
        ("peak RSS, one short file", f"{results['rss_one_short_file_mb']:.0f} MB", ""),
    ]
    if "proselint_words_per_second" in results:
        rows.append(("proselint CLI, same files", f"{results['proselint_words_per_second']:,.0f} words/s", "peer"))
    print(f"\n{results['files']} files, {results['words']:,} words, {args.repeat} alternated rounds (medians); "
          f"{results['cores']} cores; load {results['load_before']} before, {results['load_after']} after")
    width = max(len(row[0]) for row in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>16}  {note}")


if __name__ == "__main__":
    main()
