"""A long fuzzing run: the reader properties of ``tests/test_fuzz_readers.py`` on many more inputs.

    python benchmarks/fuzz.py [--count 20000] [--seed N]

For each reader, ``--count`` generated documents (Markdown, HTML or plain
text shaped, see ``tests/markup.py``) and ``--count`` arbitrary texts, plus
for HTML ``--count`` documents of badly broken markup. Every input must read
without an exception and pass ``reader_problems``. Prints the inputs tried and
the failures found per reader, with the shortest failing inputs; exits 1 if
there was any failure.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from markup import ANY_TEXT, BROKEN_DOCUMENTS, DOCUMENTS, reader_problems  # noqa: E402

ARBITRARY = st.one_of(ANY_TEXT, st.text(max_size=200))

# reader -> [(campaign, strategy, whether HIDDEN must stay out of the prose)]
CAMPAIGNS = {
    "text": [("generated", DOCUMENTS["text"], True), ("arbitrary", ARBITRARY, False)],
    "markdown": [("generated", DOCUMENTS["markdown"], True), ("arbitrary", ARBITRARY, False)],
    "html": [("generated", DOCUMENTS["html"], True), ("broken markup", BROKEN_DOCUMENTS["html"], False),
             ("arbitrary", ARBITRARY, False)],
}


def run_campaign(format: str, strategy: st.SearchStrategy[str], hidden: bool, count: int,
                 seed_value: int) -> tuple[int, list[tuple[str, str]]]:
    """(inputs tried, failures as (input, problem)), generating without shrinking so every failure counts."""
    tried = 0
    failures: list[tuple[str, str]] = []

    @seed(seed_value)
    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def one(source: str) -> None:
        nonlocal tried
        tried += 1
        try:
            problems = reader_problems(source, format, hidden)
        except Exception as error:  # a reader must never raise: that is the finding
            problems = ["".join(traceback.format_exception_only(error)).strip()]
        if problems:
            failures.append((source, problems[0]))

    one()
    return tried, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000, help="inputs per campaign")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=3, help="shortest failing inputs to print per campaign")
    args = parser.parse_args()
    total_failures = 0
    print(f"{'reader':<9} {'campaign':<14} {'inputs':>8} {'failures':>9} {'seconds':>8}")
    for format, campaigns in CAMPAIGNS.items():
        reader_inputs = reader_failures = 0
        for name, strategy, hidden in campaigns:
            start = time.perf_counter()
            tried, failures = run_campaign(format, strategy, hidden, args.count, args.seed)
            print(f"{format:<9} {name:<14} {tried:>8} {len(failures):>9} {time.perf_counter() - start:>8.0f}", flush=True)
            for source, problem in sorted(failures, key=lambda failure: len(failure[0]))[:args.show]:
                print(f"    {source!r:.300}\n      {problem:.300}")
            reader_inputs += tried
            reader_failures += len(failures)
        print(f"{format:<9} {'all':<14} {reader_inputs:>8} {reader_failures:>9}")
        total_failures += reader_failures
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
