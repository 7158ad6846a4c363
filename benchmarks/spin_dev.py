"""Dev numbers for the spin family (the model, the tables and the verdict): recall, false alarms, verdicts, cost.

    python benchmarks/spin_dev.py [--data ../shared/data] [--answers N] [--repeat N] [--only pages|clean|simulated|corpus]
    python benchmarks/spin_dev.py --weights draw1/weights.json draw2/weights.json ...   # draws compared

Everything here is *dev* material, seen while the model was built and tuned
(the blind benchmark is another script the lead runs):

* simulated spins (``tools/spin/simulate.py``, every policy) of MedQuAD dev
  answers (lines with ``i % 10 in (8, 9)``; the blind lines ``i % 10 == 7``
  are never read) and of the dev domain prose: recall of the simulator's
  changes by tier, of its artifacts and of every change, and the verdict of
  every spun document;
* the same texts unspun, the corpus's clean ``heldout-*`` pages, the corpus's
  clean articles and the held-out clean sentences: spin and spam warnings or
  errors per 1,000 words, and verdicts;
* verdict accuracy: those clean documents against their spins at 10-40 %;
* the hand-written clinic pages of ``tools/spin/dev-pages`` (clean ones in
  the marketing register, and pages spun by hand in several styles with
  their artifacts marked): false alarms, recall by style, verdict accuracy,
  and the model alone (threshold-free, apart from the verdict's tiers);
* the corpus's spun seeds against their annotations, and the old held-out
  spun sentences;
* the spin family's share of a full ``cliniclint check`` of the corpus
  (medians of ``--repeat`` runs, with and without the spin family, alternated).

One retrain moves the hand-page numbers about as much as a change of
configuration does, so configurations are compared over several draws
(``tools/spin/train.py --seed``, ``--dataset-seed``): ``--weights`` measures
the hand pages with each draw's weights and prints the mean and spread.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cliniclint import lint  # noqa: E402
from cliniclint.lint import nlp, verdict  # noqa: E402
from cliniclint.lint.evaluate import evaluate  # noqa: E402
from cliniclint.lint.files import discover  # noqa: E402
from cliniclint.lint.analysis.spin_model import shared_model  # noqa: E402
from cliniclint.lint.spin_model import word_counts  # noqa: E402
from cliniclint.lint.spin_model.detector import Detector  # noqa: E402
from tools.spin import calibrate_verdict as calibration  # noqa: E402
from tools.spin.data import DEFAULT_DATA  # noqa: E402
from tools.spin.devsets import (  # noqa: E402
    MEASUREMENT, corpus_heldout_pages, lint_texts, medquad_dev, prose_dev, simulate, use_weights,
)
from tools.spin.simulate import POLICIES  # noqa: E402

from heldout import HELDOUT, _spans  # noqa: E402

CORPUS = REPO / "corpus"
DEV_PAGES = REPO / "tools" / "spin" / "dev-pages"
SPUN_SEEDS = {"000_5720665925d4a77f.txt", "002_0875d246422a95c0.txt"}
SPIN_SPAM = ("spin", "spam")
RATES = (0.05, 0.1, 0.2, 0.3, 0.4)
VERDICT_RATES = (0.1, 0.2, 0.3, 0.4)
MODEL_ALONE_BUDGETS = (10, 30, 65)  # candidates per 1,000 clean hand words
SEED = 4242


def _alarms(findings) -> int:
    return sum(f.family in SPIN_SPAM and f.severity != "info" for f in findings)


def _check(texts: list[str], rules, config) -> list[lint.FileResult]:
    return lint_texts(texts, config, rules)


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


def _covered(result, start: int, end: int, warnings_only: bool = False) -> bool:
    return any(f.family == "spin" and (f.severity != "info" or not warnings_only) and f.start < end and start < f.end
               for f in result.findings)


def report_spun(spun, results) -> None:
    """Recall of artifacts and of every change, by rate and by policy; documents flagged."""
    for label, key in (("rate", lambda s: s.rate), ("policy", lambda s: s.policy)):
        groups: dict = defaultdict(lambda: Counter())
        for item, result in zip(spun, results):
            counts = groups[key(item)]
            for start, end, artifact in item.changes:
                found, warned = _covered(result, start, end), _covered(result, start, end, True)
                counts["changes"] += 1
                counts["found"] += found
                if artifact:
                    counts["artifacts"] += 1
                    counts["artifacts found"] += found
                    counts["artifacts warned"] += warned
            for finding in result.findings:
                if finding.family == "spin":
                    counts["shown"] += 1
                    counts["shown on a change"] += any(finding.start < e and s < finding.end for s, e, _ in item.changes)
            counts["documents"] += 1
            counts["flagged"] += result.spin_verdict != "clean"
            counts["spun"] += result.spin_verdict == "spun"
        for group, c in sorted(groups.items()):
            print(f"simulated spins, {label} {group}: artifact recall {c['artifacts found'] / max(c['artifacts'], 1):.2f} "
                  f"any tier, {c['artifacts warned'] / max(c['artifacts'], 1):.2f} warnings ({c['artifacts']} artifacts); "
                  f"every change {c['found'] / max(c['changes'], 1):.2f} ({c['changes']}); "
                  f"shown findings on a change {c['shown on a change'] / max(c['shown'], 1):.2f} ({c['shown']}); "
                  f"{c['flagged']}/{c['documents']} documents called possibly or likely spun ({c['spun']} likely)")


def report_verdicts(clean_results, spun, spun_results) -> None:
    chosen = [r for s, r in zip(spun, spun_results) if s.rate in VERDICT_RATES]
    clean_right = sum(r.spin_verdict == "clean" for r in clean_results)
    spun_right = sum(r.spin_verdict != "clean" for r in chosen)
    likely = sum(r.spin_verdict == "spun" for r in chosen)
    total = len(clean_results) + len(chosen)
    print(f"verdict accuracy (clean documents vs spins at {', '.join(f'{r:.0%}' for r in VERDICT_RATES)}): "
          f"{(clean_right + spun_right) / total:.3f}; clean called clean {clean_right}/{len(clean_results)}, "
          f"spun called possibly or likely {spun_right}/{len(chosen)} ({likely} likely)")


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


def hand_pages(rules, config) -> dict[str, float]:
    """The hand-written clinic pages of ``tools/spin/dev-pages``: clean ones (marketing register) and
    pages spun by hand in several styles, with the artifacts marked. Returns the numbers that compare
    draws of the model (:data:`DRAW_MEASURES`)."""
    clean = yaml.safe_load((DEV_PAGES / "clean.yaml").read_text(encoding="utf-8"))
    spun = yaml.safe_load((DEV_PAGES / "spun.yaml").read_text(encoding="utf-8"))
    clean_results = _check([page["text"] for page in clean], rules, config)
    report_clean("hand-written clean pages", clean_results)
    marked = [_spans(page["text"]) for page in spun]
    results = _check([text for text, _ in marked], rules, config)
    styles: dict = defaultdict(Counter)
    for page, (_, spans), result in zip(spun, marked, results):
        counts = styles[page["style"]]
        counts["artifacts"] += len(spans)
        counts["found"] += sum(_covered(result, s, e) for s, e in spans)
        counts["warned"] += sum(_covered(result, s, e, True) for s, e in spans)
        counts["stray"] += sum(f.family == "spin" and not any(f.start < e and s < f.end for s, e in spans)
                               for f in result.findings)
        counts["pages"] += 1
        counts["flagged"] += result.spin_verdict != "clean"
        counts["likely"] += result.spin_verdict == "spun"
    for style, c in sorted(styles.items()) + [("all", sum(styles.values(), Counter()))]:
        print(f"hand-spun pages, {style}: recall {c['found'] / max(c['artifacts'], 1):.2f} any tier, "
              f"{c['warned'] / max(c['artifacts'], 1):.2f} warnings ({c['artifacts']} artifacts); {c['stray']} findings "
              f"outside marked spans; {c['flagged']}/{c['pages']} pages possibly or likely spun ({c['likely']} likely)")
    clean_right = sum(r.spin_verdict == "clean" for r in clean_results)
    right = clean_right + sum(r.spin_verdict != "clean" for r in results)
    accuracy = right / (len(clean_results) + len(results))
    print(f"hand pages verdict accuracy: {accuracy:.3f} ({len(clean_results)} clean, {len(results)} spun)")
    for page, result in zip(spun, results):
        print(f"    {page['name']}: {result.spin_verdict}")
    light = styles["light"]
    clean_words = sum(r.words for r in clean_results)
    measures = {
        "hand-page verdict accuracy": accuracy,
        "clean hand pages flagged": len(clean_results) - clean_right,
        "clean hand pages warnings/1k": 1000 * sum(_alarms(r.findings) for r in clean_results) / max(clean_words, 1),
        "light pages flagged": light["flagged"],
        "light recall any tier": light["found"] / max(light["artifacts"], 1),
        "light recall warnings": light["warned"] / max(light["artifacts"], 1),
    }
    alone = model_alone([page["text"] for page in clean],
                        [(page["style"], text, spans) for page, (text, spans) in zip(spun, marked)])
    for budget, (light_recall, other_recall) in alone.items():
        measures[f"model alone light @{budget}"] = light_recall
        measures[f"model alone other @{budget}"] = other_recall
    return measures


def _model_confidences(model, pipeline, text: str) -> list[tuple[int, int, float]]:
    """(start, end, confidence) of every slot the spin model scores in ``text`` (its lines are blocks)."""
    blocks = text.split("\n")
    docs = [pipeline(block) for block in blocks]
    document = word_counts(docs)
    found, offset = [], 0
    for block, doc in zip(blocks, docs):
        found += [(c.start_char + offset, c.end_char + offset, c.confidence)
                  for c in model.candidates(doc, floor=0.0, document=document)]
        offset += len(block) + 1
    return found


def _detector_scores(detector, resources, pipeline, text: str) -> list[tuple[int, int, float]]:
    """(start, end, probability) of every content word of ``text`` by the replaced-token detector."""
    found, offset = [], 0
    for block in text.split("\n"):
        doc = pipeline(block)
        found += [(doc[i].idx + offset, doc[i].idx + len(doc[i]) + offset, p)
                  for i, p in detector.scores(doc, resources).items()]
        offset += len(block) + 1
    return found


def _recall_at_budgets(name: str, score, clean: list[str], spun) -> dict[int, tuple[float, float]]:
    """Artifact recall of ``score`` (text -> scored spans) on the light and the other hand-spun pages at
    the score that gives each budget of spans per 1,000 clean hand words."""
    words = sum(len(text.split()) for text in clean)
    ordered = sorted((p for text in clean for _, _, p in score(text)), reverse=True)
    pages = [(style == "light", spans, score(text)) for style, text, spans in spun]
    recalls = {}
    for budget in MODEL_ALONE_BUDGETS:
        allowed = int(budget * words / 1000)
        threshold = ordered[allowed] + 1e-9 if allowed < len(ordered) else 0.0
        recall = {}
        for light in (True, False):
            spans = [(s, e, found) for is_light, page_spans, found in pages if is_light == light
                     for s, e in page_spans]
            recall[light] = sum(any(fs < e and s < fe and p >= threshold for fs, fe, p in found)
                                for s, e, found in spans) / max(len(spans), 1)
        print(f"{name} at {budget} candidates per 1,000 clean hand words (score >= {threshold:.3f}): "
              f"artifact recall light pages {recall[True]:.2f}, other hand-spun pages {recall[False]:.2f}")
        recalls[budget] = recall[True], recall[False]
    return recalls


def model_alone(clean: list[str], spun: list[tuple[str, str, list[tuple[int, int]]]]) -> dict[int, tuple[float, float]]:
    """Artifact recall of the model alone (every slot, no gate, no exempt list) at the confidence that
    gives each budget of candidates per 1,000 clean hand words: models compared apart from the verdict.
    ``spun``: (style, text, artifact spans) of each hand-spun page. Returns, for each budget, the recall
    on the light pages and on the other hand-spun pages. The replaced-token detector of the model folder,
    if it has one, is measured the same way (every content word a candidate), for comparison only."""
    model = shared_model()
    pipeline = nlp.load(nlp.resolve_model(None), frozenset({"tagger", "attribute_ruler", "lemmatizer"}))
    detector = model.detector or Detector.load(model.resources)
    if detector is not None:
        _recall_at_budgets("detector alone", functools.partial(_detector_scores, detector, model.resources, pipeline),
                           clean, spun)
    return _recall_at_budgets("model alone", functools.partial(_model_confidences, model, pipeline), clean, spun)


def best_verdict_grid(clean_pages: list, spun_pages: list) -> float:
    """The best hand-page verdict accuracy over the calibration grid of evidence floors and tiers, with at
    most ``CLEAN_PAGES_FLAGGED`` clean page flagged: what the draw's evidence could give if the verdict were
    recalibrated for it (optimistic: chosen on the pages it is measured on, no MedQuAD constraint)."""
    best = 0.0
    for floor in calibration.FLOORS:
        for possibly in calibration.POSSIBLY_TIERS:
            with calibration.settings(floor, possibly, max(possibly, max(calibration.SPUN_TIERS))):
                clean_flagged = sum(v != verdict.CLEAN for v in calibration.verdicts(clean_pages))
                caught = sum(v != verdict.CLEAN for v in calibration.verdicts(spun_pages))
            if clean_flagged <= calibration.CLEAN_PAGES_FLAGGED:
                best = max(best, (len(clean_pages) - clean_flagged + caught) / (len(clean_pages) + len(spun_pages)))
    return best


def compare_draws(paths: list[Path], rules, config) -> None:
    """The hand-page numbers of each draw of the weights, then their mean and spread over the draws."""
    table = {}
    clean_texts, spun_texts = calibration.hand_pages()
    for path in paths:
        use_weights(path)
        print(f"== draw {path}")
        table[path] = hand_pages(rules, config)
        table[path]["hand-page accuracy, verdict grid (optimistic)"] = best_verdict_grid(
            calibration.ungated(clean_texts), calibration.ungated(spun_texts))
    print(f"\nover {len(paths)} draws: mean ± standard deviation [min, max]")
    for name in next(iter(table.values())):
        values = [measures[name] for measures in table.values()]
        spread = statistics.stdev(values) if len(values) > 1 else 0.0
        print(f"    {name}: {statistics.mean(values):.3f} ± {spread:.3f} [{min(values):.3f}, {max(values):.3f}]  "
              + " ".join(f"{v:.3f}" for v in values))


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
    load = os.getloadavg()[0]
    print(f"spin family share of a full check of the corpus: {(full - rest) / full:.1%} "
          f"(median of {repeat} alternated runs: {full:.2f}s with, {rest:.2f}s without; load average {load:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--answers", type=int, default=400, help="MedQuAD dev answers to lint (clean and spun)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=("pages", "clean", "simulated", "corpus"),
                        help="only the hand pages (and the held-out sentences), the clean dev texts (MedQuAD "
                             "answers, prose, heldout-* pages), the simulated spins (with the clean texts), or the corpus")
    parser.add_argument("--weights", type=Path, nargs="+",
                        help="weights.json files of several draws (train.py --seed/--dataset-seed --out): the "
                             "hand pages for each, then mean and spread over them (the shipped tables, this "
                             "checkout's code); with --only, that section measured with one draw")
    args = parser.parse_args()
    rules = lint.load_rules()
    config = lint.Config(select=SPIN_SPAM)
    if args.weights and not args.only:
        compare_draws(args.weights, rules, config)
        return
    if args.weights:  # one section measured with another draw
        if len(args.weights) > 1:
            parser.error("--only measures one draw: give one --weights file")
        use_weights(args.weights[0])
    if args.only == "pages":
        hand_pages(rules, config)
        heldout_sentences(rules, config)
        return
    if args.only == "corpus":
        corpus(rules)
        return
    answers = medquad_dev(args.data, args.answers, MEASUREMENT)
    prose, pages = prose_dev(), corpus_heldout_pages()
    clean = [_check(texts, rules, config) for texts in (answers, prose, pages)]
    for name, results in zip(("MedQuAD dev answers", "dev domain prose", "corpus heldout-* pages"), clean):
        report_clean(name, results)
    if args.only == "clean":
        return
    spun = simulate(args.data, answers + prose + pages, RATES, sorted(POLICIES), SEED)
    spun_results = _check([s.text for s in spun], rules, config)
    report_spun(spun, spun_results)
    report_verdicts([r for results in clean for r in results], spun, spun_results)
    if args.only == "simulated":
        return
    hand_pages(rules, config)
    heldout_sentences(rules, config)
    corpus(rules)
    spin_share(rules, args.repeat)


if __name__ == "__main__":
    main()
