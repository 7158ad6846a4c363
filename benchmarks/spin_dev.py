"""Dev numbers for the spin family (the model, the tables and the verdict): recall, false alarms, verdicts, cost.

    python benchmarks/spin_dev.py [--data ../shared/data] [--answers N] [--repeat N]

Everything here is *dev* material, seen while the model was built and tuned
(the blind benchmark is another script the lead runs):

* simulated spins (``tools/spin/simulate.py``) of MedQuAD dev answers
  (lines with ``i % 10 in (8, 9)``; the blind lines ``i % 10 == 7`` are never
  read) and of the dev domain prose: recall of the simulator's changes by
  tier, and the verdict of every spun document;
* the same texts unspun, the corpus's clean articles and the held-out clean
  sentences: spin and spam warnings or errors per 1,000 words, and verdicts;
* the corpus's spun seeds against their annotations, and the old held-out
  spun sentences;
* the spin family's share of a full ``cliniclint check`` of the corpus
  (medians of ``--repeat`` runs, with and without the spin family).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cliniclint import lint  # noqa: E402
from cliniclint.lint.evaluate import evaluate  # noqa: E402
from cliniclint.lint.files import discover  # noqa: E402
from tools.spin.data import DEFAULT_DATA, DEV, domain_prose, medquad_answers  # noqa: E402
from tools.spin.dataset import paragraphs  # noqa: E402
from tools.spin.simulate import SpinnerThesaurus, spin  # noqa: E402

from heldout import HELDOUT, _spans  # noqa: E402

CORPUS = REPO / "corpus"
SPUN_SEEDS = {"000_5720665925d4a77f.txt", "002_0875d246422a95c0.txt"}
SPIN_SPAM = ("spin", "spam")
RATES = (0.05, 0.1, 0.2, 0.3)
SEED = 4242


def _alarms(findings) -> int:
    return sum(f.family in SPIN_SPAM and f.severity != "info" for f in findings)


def _check(texts: list[str], rules, config) -> list[lint.FileResult]:
    report = lint.run(((f"<dev {i}>.txt", text.encode()) for i, text in enumerate(texts)), config, rules)
    return report.files


def clean_texts(data: Path, answers: int) -> list[str]:
    texts = [text for _, text in medquad_answers(data, DEV)]
    random.Random(SEED).shuffle(texts)
    return ["\n\n".join(paragraphs(text)) for text in texts[:answers]]


def simulated(data: Path, texts: list[str]) -> list[tuple[float, str, list]]:
    """(rate, spun text, changes) for every clean text at each rate in RATES, in turn."""
    thesaurus = SpinnerThesaurus.load(data)
    from cliniclint.lint import nlp

    pipeline = nlp.load(nlp.resolve_model(None), frozenset({"tagger", "attribute_ruler", "lemmatizer"}))
    rng = random.Random(SEED)
    out = []
    for index, text in enumerate(texts):
        rate = RATES[index % len(RATES)]
        spun_parts, changes, offset = [], [], 0
        for paragraph in text.split("\n\n"):
            spun_text, found = spin(pipeline(paragraph), thesaurus, rate, rng)
            changes += [(c.start + offset, c.end + offset) for c in found]
            spun_parts.append(spun_text)
            offset += len(spun_text) + 2
        out.append((rate, "\n\n".join(spun_parts), changes))
    return out


def report_clean(name: str, results) -> None:
    words = sum(r.words for r in results)
    alarms = sum(_alarms(r.findings) for r in results)
    verdicts = Counter(r.spin_verdict for r in results)
    info = sum(f.family == "spin" and f.severity == "info" for r in results for f in r.findings)
    print(f"{name}: {len(results)} documents, {words} words: {1000 * alarms / max(words, 1):.2f} spin/spam "
          f"warnings+errors per 1,000 words ({alarms}), {info} info shown; verdicts {dict(verdicts)}")
    worst = sorted(((f.code, f.text, f.confidence) for r in results for f in r.findings
                    if f.family in SPIN_SPAM and f.severity != "info"), key=str)[:25]
    for code, text, confidence in worst:
        print(f"    {code} {text!r} {confidence if confidence is not None else ''}")


def report_spun(name: str, spun, results) -> None:
    by_rate: dict[float, list[int]] = {}
    for (rate, _, changes), result in zip(spun, results):
        found = sum(any(f.family == "spin" and f.start < e and s < f.end for f in result.findings)
                    for s, e in changes)
        warned = sum(any(f.family == "spin" and f.severity != "info" and f.start < e and s < f.end
                         for f in result.findings) for s, e in changes)
        counts = by_rate.setdefault(rate, [0, 0, 0, 0, 0])
        counts[0] += len(changes)
        counts[1] += found
        counts[2] += warned
        counts[3] += result.spin_verdict != "clean"
        counts[4] += 1
    for rate, (total, found, warned, flagged, documents) in sorted(by_rate.items()):
        print(f"{name} at rate {rate}: recall {found / max(total, 1):.2f} any tier, "
              f"{warned / max(total, 1):.2f} warnings ({total} changes); "
              f"{flagged}/{documents} documents called possibly or likely spun")


def heldout_sentences(rules, config) -> None:
    spun = yaml.safe_load((HELDOUT / "spun-sentences.yaml").read_text(encoding="utf-8"))
    clean = yaml.safe_load((HELDOUT / "clean-sentences.yaml").read_text(encoding="utf-8"))
    marked = [_spans(item["text"]) for item in spun]
    # As one page (the verdict needs a page to judge), and sentence by sentence.
    page, spans, offset = [], [], 0
    for text, found in marked:
        page.append(text)
        spans += [(s + offset, e + offset) for s, e in found]
        offset += len(text) + 2
    result, = _check(["\n\n".join(page)], rules, config)
    hit = sum(any(f.family == "spin" and f.start < e and s < f.end for f in result.findings) for s, e in spans)
    warned = sum(any(f.family == "spin" and f.severity != "info" and f.start < e and s < f.end
                     for f in result.findings) for s, e in spans)
    stray = sum(f.family == "spin" and not any(f.start < e and s < f.end for s, e in spans) for f in result.findings)
    print(f"held-out spun sentences as one page: recall {hit / len(spans):.2f} any tier, {warned / len(spans):.2f} "
          f"warnings ({len(spans)} artifacts), {stray} findings outside marked spans, verdict {result.spin_verdict}")
    alone = _check([text for text, _ in marked], rules, config)
    hit = sum(any(f.family == "spin" and f.start < e and s < f.end for f in r.findings)
              for (_, found), r in zip(marked, alone) for s, e in found)
    print(f"held-out spun sentences one by one: recall {hit / len(spans):.2f} any tier")
    report_clean("held-out clean sentences", _check(clean, rules, config))


def corpus(rules) -> None:
    config = lint.Config(exclude=("README.md",))
    evaluation = evaluate([str(CORPUS)], config, rules)
    score = evaluation.families["spin"]
    print(f"corpus spin (seeds' annotations): precision {score.precision:.2f}, recall {score.recall:.2f}")
    for expected, _ in evaluation.misses:
        if expected.family == "spin":
            print(f"    missed {expected.text!r}")
    report = lint.check_paths([str(CORPUS)], config, rules)
    clean = [f for f in report.files if f.path.rsplit("/", 1)[-1] not in SPUN_SEEDS]
    report_clean("corpus clean articles", clean)
    print("corpus verdicts:", {f.path.rsplit("/", 1)[-1]: f.spin_verdict for f in report.files
                               if f.path.rsplit("/", 1)[-1] in SPUN_SEEDS or f.spin_verdict != "clean"})


def spin_share(rules, repeat: int) -> None:
    config = lint.load_config()
    files = list(discover([str(CORPUS)], config.exclude))
    without = lint.Config(exclude=config.exclude, ignore=("spin",))
    timings: dict[str, list[float]] = {"all": [], "without spin": []}
    lint.check_paths(files, config, rules)  # warm: model loading is not throughput
    for _ in range(repeat):
        for name, chosen in (("all", config), ("without spin", without)):
            start = time.perf_counter()
            lint.check_paths(files, chosen, rules)
            timings[name].append(time.perf_counter() - start)
    full, rest = statistics.median(timings["all"]), statistics.median(timings["without spin"])
    print(f"spin family share of a full check of the corpus: {(full - rest) / full:.1%} "
          f"(median of {repeat}: {full:.2f}s with, {rest:.2f}s without)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--answers", type=int, default=400, help="MedQuAD dev answers to lint (clean and spun)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rules = lint.load_rules()
    config = lint.Config(select=SPIN_SPAM)
    texts = clean_texts(args.data, args.answers)
    prose = ["\n\n".join(paragraphs(text)) for _, text in domain_prose(DEV)]
    report_clean("MedQuAD dev answers", _check(texts, rules, config))
    report_clean("dev domain prose", _check(prose, rules, config))
    spun = simulated(args.data, texts + prose)
    report_spun("simulated spins", spun, _check([text for _, text, _ in spun], rules, config))
    heldout_sentences(rules, config)
    corpus(rules)
    spin_share(rules, args.repeat)


if __name__ == "__main__":
    main()
