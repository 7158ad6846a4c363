"""Throughput of a full cliniclint run against bare spaCy on the same texts, in one process.

These machines are noisy, so absolute times mean little; the ratio between a
baseline and cliniclint measured side by side, alternating, is what to watch.

    python benchmarks/throughput.py [PATHS...] [--repeat N]

Prints words/second for each and the ratio cliniclint / bare spaCy (1.0 means
cliniclint is as fast as just parsing the text with the full pipeline).
"""

from __future__ import annotations

import argparse
import statistics
import time

import spacy

from cliniclint import lint
from cliniclint.lint import nlp
from cliniclint.lint.files import discover
from cliniclint.lint.readers import read_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["corpus"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    config = lint.load_config()  # the project's own settings, e.g. its exclude list
    files = list(discover(args.paths, config.exclude))
    documents = [read_path(path) for path in files]
    texts = [block.text for document in documents for block in document.blocks]
    words = sum(document.words for document in documents)
    rules = lint.load_rules()
    model = nlp.resolve_model()
    full_pipeline = spacy.load(model)  # the baseline: every component of the model

    def bare() -> None:
        for _ in full_pipeline.pipe(texts, batch_size=nlp.BATCH_SIZE):
            pass

    def cliniclint() -> None:
        lint.check_paths(files, config=config, rules=rules)

    bare()
    cliniclint()  # warm both: model loading is not throughput
    timings: dict[str, list[float]] = {"bare spaCy": [], "cliniclint": []}
    for _ in range(args.repeat):
        for name, job in (("bare spaCy", bare), ("cliniclint", cliniclint)):
            start = time.perf_counter()
            job()
            timings[name].append(time.perf_counter() - start)

    print(f"{len(files)} files, {words} words, {len(texts)} blocks, model {nlp.describe(model)}, {args.repeat} rounds")
    medians = {name: statistics.median(values) for name, values in timings.items()}
    for name, seconds in medians.items():
        print(f"{name:<12} {seconds * 1000:8.1f} ms  {words / seconds:10.0f} words/s")
    print(f"ratio cliniclint / bare spaCy throughput: {medians['bare spaCy'] / medians['cliniclint']:.2f}")


if __name__ == "__main__":
    main()
