"""Doubling test: reading (and suppression scanning) must take linear time on every input shape.

For each shape, the size N is doubled until reading takes about ``--target``
seconds, then N and 2N are timed alternately, ``--repeat`` times each; the
ratio of the medians t(2N)/t(N) is about 2 for linear time and 4 for quadratic.
Times are CPU seconds of this process, so other work on a shared machine
counts for less.
Every ratio must be at most 2.3 (the exit code is 1 otherwise).

    python benchmarks/doubling.py [--repeat 5] [--target 0.2]

The shapes are the ones that were quadratic (one long hard-wrapped plain-text
block, deep HTML nesting with text at each level, unclosed inline tags,
unterminated ``<!-- cliniclint-`` comments, Markdown text the old reader had to
search for), plus an ordinary article of each format, repeated.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cliniclint.lint import suppress
from cliniclint.lint.readers import read_text

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
LIMIT = 2.3


def _article(name: str) -> Callable[[int], str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return lambda n: (text + "\n\n") * n


# name -> (format, source of size n)
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "long wrapped plain-text block": ("text", lambda n: "the skin heals over a few days without a sentence end\n" * n),
    "deep HTML nesting, text at each level": ("html", lambda n: "<div>level text " * n + "</div>" * n),
    "unclosed inline tags": ("html", lambda n: "<p>" + "<b>bold <i>italic </em>" * n + "</p>"),
    "unterminated <!-- cliniclint- (Markdown)": ("markdown", lambda n: "<!-- cliniclint-disable SP101\nwords\n\n" * n),
    "unterminated <!-- cliniclint- (HTML)": ("html", lambda n: "<p>words <!-- cliniclint-disable SP101\n" * n),
    "Markdown code, HTML, autolinks in one paragraph": (
        "markdown", lambda n: "Use `SPF\n50` with <b\nclass=x>care</b> at <https://example.org/a&amp;b> and " * n),
    "Markdown links with titles in one paragraph": (
        "markdown", lambda n: '[clinic](https://example.org/x "painless and permanent") treats skin\n' * n),
    "article (Markdown), repeated": ("markdown", _article("clean-microneedling-acne-scars.md")),
    "article (HTML), repeated": ("html", _article("clean-microneedling-acne-scars.html")),
    "article (plain text), repeated": ("text", _article("clean-microneedling-acne-scars.txt")),
}


def _read(format: str, source: str) -> None:
    suppress.parse(read_text(source, format))


def _seconds(format: str, source: str) -> float:
    # As timeit does: no garbage collection inside the timing, whose passes over
    # everything alive would charge a big input for the small one's garbage.
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        _read(format, source)
        return time.process_time() - start
    finally:
        gc.enable()


def measure(format: str, make: Callable[[int], str], repeat: int, target: float) -> tuple[int, float, float]:
    """(N, median t(N), median t(2N)), N the first power of two whose reading takes ``target``."""
    n = 1
    while _seconds(format, make(n)) < target:
        n *= 2
    small, large = make(n), make(2 * n)
    times: dict[int, list[float]] = {n: [], 2 * n: []}
    for _ in range(repeat):
        times[n].append(_seconds(format, small))
        times[2 * n].append(_seconds(format, large))
    return n, statistics.median(times[n]), statistics.median(times[2 * n])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--target", type=float, default=0.2, help="seconds that size N should take")
    args = parser.parse_args()
    print(f"{'shape':<50} {'N':>8} {'chars(N)':>10} {'t(N) s':>8} {'t(2N) s':>8} {'ratio':>6}")
    worst = 0.0
    for name, (format, make) in SHAPES.items():
        n, once, twice = measure(format, make, args.repeat, args.target)
        ratio = twice / once
        worst = max(worst, ratio)
        flag = "" if ratio <= LIMIT else f"  > {LIMIT}"
        print(f"{name:<50} {n:>8} {len(make(n)):>10} {once:>8.3f} {twice:>8.3f} {ratio:>6.2f}{flag}", flush=True)
    print(f"medians of {args.repeat} runs each; worst ratio {worst:.2f} (limit {LIMIT})")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
