"""Leave-one-round-out estimate for a claim classifier beside the claim patterns (issue 12, rounds 11-12).

Would a classifier trained on the tuned claim rounds carry to a new writer's words better than the
patterns do? For each round v2-v11, train on every other round, the claim sentences and the clean
negatives (``classifier.py``), predict the held-out round sentence by sentence, and count what the
benchmark counts (``benchmarks/claims_blind.py``): flagged items found in their category on the
claim's span, not-flagged items flagged in any category, hedged claims found in their category.
Four detectors: (a) the patterns alone (the checked-out cliniclint), (b) the classifier alone at
probability >= t, (c) their union, (d) their union with the classifier's finding kept only when the
patterns' assertion checks pass on its cue word and the sentence has a main verb (``inference.py``: NumPy inference on the fold's
exported weights, checked against scikit-learn's probabilities, as a rule kind would run it).

    python tools/claims/loro.py     # needs scikit-learn (the spin-build extra)
    python tools/claims/loro.py --held v9 --tallies v9.json   # one round; then --pool *.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from classifier import export, fit, labelled, probabilities
from inference import ClaimModel, model_finds
from material import ROUNDS, SCORED, load_all, round_dirs, sentence_docs

SAME_PROBABILITY = 1e-6  # NumPy inference against scikit-learn's, checked on every fold

THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98)
HEADER = "| detector | flagged: right category | not-flagged: any category | hedged: right |\n|---|---|---|---|"


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and a[1] > b[0]


def pattern_hit(item) -> bool:
    return any(overlaps(f[:2], item.bounds) and f[2] in item.categories for f in item.findings)


def model_hit(item, scores: list[dict[str, tuple[float, bool]]], threshold: float, checked: bool) -> bool:
    return any(overlaps(sentence, item.bounds) and any(found(scores[i][c], threshold, checked) for c in item.categories)
               for i, sentence in enumerate(item.sentences))


def model_alarm(scores: list[dict[str, tuple[float, bool]]], threshold: float, checked: bool) -> bool:
    return any(found(score, threshold, checked) for sentence in scores for score in sentence.values())


def found(score: tuple[float, bool], threshold: float, checked: bool) -> bool:
    """The classifier flags the sentence in this category; ``checked``: and the writer asserts it."""
    probability, asserted = score
    return probability >= threshold and (asserted or not checked)


def held_out_scores(sets, held: str, categories: list[str]) -> list[list[dict[str, float]]]:
    """For each scored item of round ``held``, each sentence's probability per category."""
    training = [item for name, items in sets.items() if name != held for item in items]
    fitted = fit(labelled(training), categories)
    model = ClaimModel(export(fitted, THRESHOLDS[0]))
    test = [item for item in sets[held] if item.role in ("flagged", "not-flagged", "hedged")]
    sample = [item.text for item in test[::25]]
    expected = probabilities(fitted, sample)
    assert all(abs(model.probabilities(text)[c] - expected[c][i]) < SAME_PROBABILITY
               for i, text in enumerate(sample) for c in categories), "NumPy inference differs from scikit-learn's"
    scores = []
    for item, sentences in zip(test, sentence_docs(test)):
        scores.append([{c: (p, p >= THRESHOLDS[0] and model_finds(model, c, sentence))
                        for c, p in model.probabilities(sentence.text).items()} for sentence in sentences])
    return list(zip(test, scores))


def count(scored, threshold: float | None, patterns: bool, checked: bool) -> tuple[int, int, int, int, int, int]:
    """(flagged right, flagged, not-flagged alarms, not-flagged, hedged right, hedged)."""
    tally = [0] * 6
    for item, scores in scored:
        if item.role == "not-flagged":
            alarm = (patterns and bool(item.findings)) or (threshold is not None and model_alarm(scores, threshold, checked))
            tally[2] += alarm
            tally[3] += 1
            continue
        hit = (patterns and pattern_hit(item)) or (threshold is not None and model_hit(item, scores, threshold, checked))
        if item.role == "flagged":
            tally[0] += hit
            tally[1] += 1
        if item.hedged:
            tally[4] += hit
            tally[5] += 1
    return tuple(tally)


def near_miss_alarms(scored, held: str) -> dict[str, list[int]]:
    """For each category file of round ``held``: (its not-flagged items, then for each threshold how
    many of them the model rule alone flags in any category, with the assertion checks and the verb
    gate)."""
    from claims_blind import load_material

    category_of = {item["text"]: entry.category for entry in load_material(*round_dirs(held)).categories
                   for item in entry.not_flagged}
    tallies = {}
    for item, scores in scored:
        if item.role == "not-flagged":
            tally = tallies.setdefault(category_of[item.text], [0] * (1 + len(THRESHOLDS)))
            tally[0] += 1
            for i, threshold in enumerate(THRESHOLDS, 1):
                tally[i] += model_alarm(scores, threshold, True)
    return tallies


def row(label: str, tally) -> str:
    right, flagged, alarms, clean, hedged_right, hedged = tally
    return (f"| {label} | {right}/{flagged} ({100 * right / flagged:.1f} %) | {alarms}/{clean} "
            f"({100 * alarms / clean:.1f} %) | {hedged_right}/{hedged} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=Path("/tmp/claims-loro-cache.json"),
                        help="sentences and pattern findings, computed once (default: %(default)s)")
    parser.add_argument("--held", nargs="+", choices=SCORED, default=SCORED,
                        help="the rounds to hold out (one process each can run side by side)")
    parser.add_argument("--tallies", type=Path, help="write each round's counts here (JSON), for --pool")
    parser.add_argument("--near-misses", action="store_true",
                        help="also count, per category file, the not-flagged items the model rule alone flags")
    parser.add_argument("--pool", type=Path, nargs="+", help="print the pooled table of these --tallies files")
    args = parser.parse_args()
    if args.pool:
        rounds = {held: tallies for path in args.pool for held, tallies in json.loads(path.read_text()).items()}
        print_pooled(rounds)
        return
    sets = load_all(args.cache)
    categories = sorted({c for name in ROUNDS for item in sets[name] if item.role == "flagged"
                         for c in item.categories})
    detectors = [("(a) patterns", None, True, False)] + [
        (f"(b) classifier >= {t}", t, False, False) for t in THRESHOLDS] + [
        (f"(c) patterns + classifier >= {t}", t, True, False) for t in THRESHOLDS] + [
        (f"(d) patterns + classifier >= {t}, assertion checks and verb gate", t, True, True) for t in THRESHOLDS]
    rounds = {}
    for held in args.held:
        scored = held_out_scores(sets, held, categories)
        rounds[held] = {label: count(scored, threshold, patterns, checked)
                        for label, threshold, patterns, checked in detectors}
        print(f"\n{held} held out\n\n{HEADER}")
        for label, tally in rounds[held].items():
            print(row(label, tally))
        if args.near_misses:
            print(f"\n| near misses of | items | {' | '.join(f'model >= {t}' for t in THRESHOLDS)} |")
            for category, tally in sorted(near_miss_alarms(scored, held).items()):
                print(f"| {category} | {' | '.join(map(str, tally))} |")
    if args.tallies:
        args.tallies.write_text(json.dumps(rounds), encoding="utf-8")
    print_pooled(rounds)


def print_pooled(rounds: dict[str, dict[str, list[int]]]) -> None:
    labels = next(iter(rounds.values()))
    print(f"\npooled over {', '.join(sorted(rounds, key=SCORED.index))}, each held out once\n\n{HEADER}")
    for label in labels:
        print(row(label, [sum(column) for column in zip(*(tallies[label] for tallies in rounds.values()))]))


if __name__ == "__main__":
    main()
