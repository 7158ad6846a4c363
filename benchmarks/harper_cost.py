"""Where Harper's lint time goes: variants of the backend's linter, side by side, on text it has not seen.

    python benchmarks/harper_cost.py [--rounds N] [--answers N]

Harper memoises what it found per chunk of text for the whole process, and
suggestions per unknown word per linter, so each variant runs in a fresh
process, and the variants alternate round by round (CPU seconds of the Harper
calls, ``time.thread_time``; medians). Unless a variant says otherwise,
Harper has built its wider fuzzy matcher first (a far word linted before
timing: ``benchmarks/harper_cpu.py`` times that one-off), so the figures are
what every later document costs:

- *one call*: every allowed rule, one call per document (block texts joined by
  blank lines), as the backend does once the matcher is built;
- *one call, matcher not built*: the same in a process that has not built it;
- *one call per block*; *no user words* (without cliniclint's ~65,000);
- *parse only*: every rule off (Harper's tokenising and tagging alone);
- *other rules*: the allowed rules less the spell check; *spell check*: it alone,
  on the text, and on the text with the words the curation spares blanked;
- *two passes*: the backend's other-rules pass and spell-check pass with the
  spared names and the far unknown words blanked (``HarperBackend._lints``),
  without and with the matcher built;
- *tiny text*: one call on a two-word text (the fixed cost of a call).

The texts: the corpus's documents, and ``--answers`` MedQuAD tuning answers
(lines with ``i % 10 == 8``; none of the blind lines).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

CHILD = r'''
import json, sys, time
sys.path.insert(0, sys.argv[1])
import medquad
from cliniclint.lint.files import discover
from cliniclint.lint.grammar import harper
from cliniclint.lint.grammar.batching import SEPARATOR
from cliniclint.lint.readers import read_path

variant, answers = sys.argv[2], int(sys.argv[3])
documents = [[block.text for block in read_path(path).blocks]
             for path in discover([str(medquad.REPO / "corpus")], ("README.md",))]
try:
    chosen = [a for a in medquad.answers("tuning") if a.index % medquad.MODULUS == 8][:answers]
except FileNotFoundError:
    chosen = []
documents += [[part for part in answer.text.split("\n") if part.strip()] for answer in chosen]
texts = [SEPARATOR.join(blocks) for blocks in documents]
backend = harper.HarperBackend("en-US")
linter, settings = backend.linter, backend._settings
if variant == "no user words":
    linter.clear_words()
    harper._held.clear()
    harper._load_weirpack(linter, backend.curation.weirpack())
    linter.set_lint_config(settings["allowed"])
if "not built" not in variant:
    linter.lint("Zorbleflax", language="plaintext")  # builds the wider matcher, as a far word does


def spared(text):
    return harper._blanked(text, [(start, end) for start, end in harper._capitalised_words(text)
                                  if backend.spared(text, start, end)])


configs = {"parse only (every rule off)": {rule: False for rule in settings["allowed"]},
           "other rules": settings["others"], "spell check": settings["spelling"],
           "spell check, spared words blanked": settings["spelling"]}
linter.set_lint_config(configs.get(variant, settings["allowed"]))
if variant == "one call per block":
    texts = [block for blocks in documents for block in blocks]
elif variant == "spell check, spared words blanked":
    texts = [spared(text) for text in texts]
elif variant == "tiny text x 200":
    texts = [f"Page {number}." for number in range(200)]
call = backend._lints if variant.startswith("two passes") else (
    lambda text: linter.organized_lints(text, language="plaintext"))
start = time.thread_time()
for text in texts:
    call(text)
print(json.dumps({"seconds": time.thread_time() - start, "words": sum(len(text.split()) for text in texts)}))
'''

VARIANTS = ("one call", "one call, matcher not built", "one call per block", "no user words",
            "parse only (every rule off)", "other rules", "spell check", "spell check, spared words blanked",
            "two passes, matcher not built", "two passes, matcher built", "tiny text x 200")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--answers", type=int, default=100)
    args = parser.parse_args()
    seconds: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
    words = 0
    for _ in range(args.rounds):
        for variant in VARIANTS:
            done = subprocess.run([sys.executable, "-c", CHILD, str(HERE), variant, str(args.answers)],
                                  capture_output=True, text=True, check=True, cwd=HERE.parent)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            seconds[variant].append(result["seconds"])
            if variant == "one call":
                words = result["words"]
    print(f"## Harper calls, CPU seconds ({words} words: the corpus and {args.answers} MedQuAD tuning answers; "
          f"a fresh process each, {args.rounds} alternated rounds, medians)")
    base = statistics.median(seconds["one call"])
    for variant, values in seconds.items():
        median = statistics.median(values)
        if variant.startswith("tiny"):
            print(f"{'one call on a two-word text':<36} {1e6 * median / 200:7.0f} µs")
        else:
            print(f"{variant:<36} {median:7.3f} s  {1e6 * median / words:6.1f} µs/word  {median / base:6.2f}x")


if __name__ == "__main__":
    main()
