"""Score the claim and caveat families on the blind material of issue 12.

The material (tests/data/heldout/claims-blind/, tests/data/caveat/blind/) was
written before the detectors it measures were extended, by someone who had not
seen them; its README says how. Numbers from it are *blind* numbers: report them
apart from numbers on material the detectors were tuned on, and never change a
detector to fix a sentence here (write new blind material instead).

    python benchmarks/claims_blind.py             # aggregate numbers
    python benchmarks/claims_blind.py --details   # also every miss and false alarm

Only the public API is used: lint.check_text for claims, lint.run for caveats.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import yaml

from cliniclint import lint

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_DIR = ROOT / "tests" / "data" / "heldout" / "claims-blind"
CAVEATS_DIR = ROOT / "tests" / "data" / "caveat" / "blind"
# Ablation cases whose article conveys the concept in a second section (read and quoted there).
CONVEYED_TWICE = ROOT / "tests" / "data" / "caveat" / "conveyed-twice.yaml"
HEDGES_FILE = "hedges-and-disclaimers.yaml"
SHORT_TEXTS_FILE = "short-texts.yaml"
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
NOT_FLAGGED_WHY = {"negated", "warning", "reported", "sourced", "qualified", "advice",
                   "risk", "question", "out-of-scope", "factual"}
DOES_NOT_WHY = {"negated", "minimised", "claim", "benefit", "other-procedure",
                "other-meaning", "vague"}
CONCEPTS = ("risks", "contraindications", "practitioner", "expectations", "sessions",
            "aftercare", "downtime")


class MaterialError(Exception):
    """The blind material is malformed; the message names the file and the item."""


@dataclass(frozen=True)
class Claim:
    """A flagged item: its text, the claim's span and the categories that count."""

    text: str
    span: str
    categories: tuple[str, ...]
    hedged: bool

    @property
    def bounds(self) -> tuple[int, int]:
        start = self.text.index(self.span)
        return start, start + len(self.span)


@dataclass
class CategoryFile:
    category: str
    flagged: list[Claim]
    not_flagged: list[dict]


@dataclass
class Material:
    """All the blind material, read and checked before anything is scored."""

    categories: list[CategoryFile]
    hedged: list[Claim]
    disclaimed: list[Claim]
    qualified: list[dict]
    short_texts: list[dict]
    titles: dict[str, str]
    concepts: list[dict]
    articles: list[dict]
    # (file, concept) -> the quote by which the article still conveys the concept with its section gone
    conveyed_twice: dict[tuple[str, str], str]

    @property
    def unhedged(self) -> list[Claim]:
        """Unhedged claims, the severity reference for hedged ones: the category
        files' flagged items and the disclaimed headlines."""
        return [item for entry in self.categories for item in entry.flagged
                if not item.hedged] + self.disclaimed


def read_yaml(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise MaterialError(f"{path}: cannot read: {error}") from error


def to_claim(path: Path, item: dict, category: str) -> Claim:
    if item["span"] not in item["text"]:
        raise MaterialError(f"{path}: span {item['span']!r} is not in {item['text']!r}")
    return Claim(item["text"], item["span"], (category, *item.get("also", ())),
                 bool(item.get("hedged")))


def check_why(path: Path, items: list[dict], allowed: set[str]) -> list[dict]:
    for item in items:
        if item.get("why") not in allowed:
            raise MaterialError(f"{path}: why {item.get('why')!r} is not one of "
                                f"{sorted(allowed)} in {item['text']!r}")
    return items


def load_material(claims_dir: Path, caveats_dir: Path) -> Material:
    try:
        return read_material(claims_dir, caveats_dir)
    except (KeyError, TypeError, AttributeError) as error:
        raise MaterialError(f"{claims_dir} or {caveats_dir}: a field is missing or malformed: "
                            f"{error!r}") from error


def read_material(claims_dir: Path, caveats_dir: Path) -> Material:
    categories = []
    for path in sorted(claims_dir.glob("*.yaml")):
        if path.name in (HEDGES_FILE, SHORT_TEXTS_FILE):
            continue
        data = read_yaml(path)
        categories.append(CategoryFile(
            data["category"],
            [to_claim(path, item, data["category"]) for item in data["flagged"]],
            check_why(path, data["not_flagged"], NOT_FLAGGED_WHY)))
    hedges_path = claims_dir / HEDGES_FILE
    hedges = read_yaml(hedges_path)
    concepts_path = caveats_dir / "concept-sentences.yaml"
    concepts = read_yaml(concepts_path)
    for entry in concepts["concepts"]:
        check_why(concepts_path, entry["does_not"], DOES_NOT_WHY)
        for item in entry["conveys"] + entry["does_not"]:
            if item["procedure"] not in concepts["titles"]:
                raise MaterialError(f"{concepts_path}: no title for {item['procedure']}")
    articles = read_yaml(caveats_dir / "articles.yaml")["articles"]
    for entry in articles:
        entry["text"] = (caveats_dir / entry["file"]).read_text(encoding="utf-8")
        if entry["sections"]["risks"] not in entry["text"].splitlines():
            raise MaterialError(f"{caveats_dir / entry['file']}: no heading line "
                                f"{entry['sections']['risks']!r}")
    return Material(
        categories=categories,
        hedged=[to_claim(hedges_path, item, item["category"]) for item in hedges["hedged"]]
        + [item for entry in categories for item in entry.flagged if item.hedged],
        disclaimed=[to_claim(hedges_path, item, item["category"])
                    for item in hedges["disclaimed"]],
        qualified=check_why(hedges_path, hedges["qualified"], {"qualified"}),
        short_texts=read_yaml(claims_dir / SHORT_TEXTS_FILE)["texts"],
        titles=concepts["titles"],
        concepts=concepts["concepts"],
        articles=articles,
        conveyed_twice={(case["file"], case["concept"]): case["evidence"]
                        for case in read_yaml(CONVEYED_TWICE)["cases"] if case["set"] == caveats_dir.name},
    )


class ClaimChecker:
    """Runs the claim family once per distinct text."""

    def __init__(self, rules: list) -> None:
        self.rules = rules
        self.config = lint.Config(select=("claim",))
        self.cache: dict[str, list] = {}

    def findings(self, text: str) -> list:
        if text not in self.cache:
            self.cache[text] = lint.check_text(text, format="text", config=self.config,
                                               rules=self.rules)
        return self.cache[text]

    def on_span(self, item: Claim) -> list:
        start, end = item.bounds
        return [f for f in self.findings(item.text) if f.start < end and f.end > start]

    def categories(self, text: str) -> list[str]:
        return sorted({f.category or f.rule for f in self.findings(text)})


class CaveatChecker:
    """Runs a text linted as a plain-text article and reads its caveat review.

    Every rule is on by default, as a user runs cliniclint, so whatever another family
    changes about the caveat review is measured too; ``caveats_only`` selects the caveat
    family alone (the number to compare with)."""

    def __init__(self, rules: list, caveats_only: bool = False) -> None:
        self.rules = rules
        self.config = lint.Config(select=("caveat",)) if caveats_only else lint.Config()

    def result(self, text: str):
        file_result = lint.run([("blind-article.txt", text.encode("utf-8"))], self.config,
                               rules=self.rules).files[0]
        if file_result.error:
            raise MaterialError(f"cliniclint could not lint a blind text: {file_result.error}")
        return file_result

    def evidence(self, text: str, procedure: str, concept: str) -> tuple[bool, dict | None]:
        """Whether the procedure was detected, and the concept's evidence for it."""
        concepts = (self.result(text).caveats or {}).get(procedure)
        return concepts is not None, (concepts or {}).get(concept)


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} {100 * part / whole:5.1f}%" if whole else "n/a"


def details(enabled: bool, heading: str, lines: list[str]) -> None:
    if enabled and lines:
        print(f"  {heading}:")
        for line in lines:
            print(f"    - {line}")


def score_categories(material: Material, claims: ClaimChecker, show: bool) -> None:
    print("CLAIM CATEGORIES")
    print(f"{'category':<16} {'flagged: right category':>24} {'any category on span':>22}"
          f" {'not-flagged: this category':>27} {'any category':>16}")
    for entry in material.categories:
        missed = [item for item in entry.flagged if not right_category(claims, item)]
        on_span = [item for item in entry.flagged if claims.on_span(item)]
        alarms = [item for item in entry.not_flagged if claims.findings(item["text"])]
        same = [item for item in alarms if entry.category in claims.categories(item["text"])]
        n_flagged, n_clean = len(entry.flagged), len(entry.not_flagged)
        print(f"{entry.category:<16} {share(n_flagged - len(missed), n_flagged):>24}"
              f" {share(len(on_span), n_flagged):>22} {share(len(same), n_clean):>27}"
              f" {share(len(alarms), n_clean):>16}")
        details(show, f"{entry.category}: flagged, missed",
                [f"{item.text!r} [{item.span}] got {claims.categories(item.text)}"
                 for item in missed])
        details(show, f"{entry.category}: not flagged, got a claim finding",
                [f"{item['text']!r} ({item['why']}) got {claims.categories(item['text'])}"
                 for item in alarms])


def right_category(claims: ClaimChecker, item: Claim) -> list:
    """Findings on the claim's span with its category (or one of its `also`)."""
    return [f for f in claims.on_span(item) if f.category in item.categories]


def severity(claims: ClaimChecker, item: Claim) -> int | None:
    ranks = [SEVERITY_RANK[f.severity] for f in right_category(claims, item)]
    return max(ranks) if ranks else None


def score_hedges(material: Material, claims: ClaimChecker, show: bool) -> None:
    ranks_by_category: dict[str, list[int]] = defaultdict(list)
    for item in material.unhedged:
        rank = severity(claims, item)
        if rank is not None:
            ranks_by_category[item.categories[0]].append(rank)
    # The usual severity of a category's unhedged claims is its most common one.
    usual = {category: Counter(ranks).most_common(1)[0][0]
             for category, ranks in ranks_by_category.items()}
    detected = comparable = lower = 0
    not_lower = []
    for item in material.hedged:
        rank = severity(claims, item)
        category = item.categories[0]
        if rank is None:
            not_lower.append(f"{item.text!r} ({category}): not detected")
        elif category not in usual:
            detected += 1
            not_lower.append(f"{item.text!r} ({category}): no unhedged claim to compare with")
        else:
            detected += 1
            comparable += 1
            if rank < usual[category]:
                lower += 1
            else:
                not_lower.append(f"{item.text!r} ({category}): not below the usual severity")
    hedged = len(material.hedged)
    print()
    print("HEDGES AND DISCLAIMERS")
    print(f"hedged claims detected, right category             {share(detected, hedged)}")
    print(f"hedged claims at lower severity than unhedged      {share(lower, hedged)}"
          f"   (of those comparable: {share(lower, comparable)})")
    details(show, "hedged, not at lower severity", not_lower)
    missed = [item for item in material.disclaimed if not right_category(claims, item)]
    disclaimed = len(material.disclaimed)
    print(f"disclaimed headline claims still flagged           "
          f"{share(disclaimed - len(missed), disclaimed)}")
    details(show, "disclaimed, missed",
            [f"{item.text!r} [{item.span}] got {claims.categories(item.text)}"
             for item in missed])
    alarms = [item for item in material.qualified if claims.findings(item["text"])]
    same = [item for item in alarms if item["category"] in claims.categories(item["text"])]
    qualified = len(material.qualified)
    print(f"qualified claims flagged, their category           {share(len(same), qualified)}")
    print(f"qualified claims flagged, any category             {share(len(alarms), qualified)}")
    details(show, "qualified, got a claim finding",
            [f"{item['text']!r} got {claims.categories(item['text'])}" for item in alarms])


def score_short_texts(material: Material, claims: ClaimChecker, caveats: CaveatChecker,
                      show: bool) -> None:
    texts = material.short_texts
    procedure_hits = claim_hits = 0
    wrong = []
    for item in texts:
        detected = caveats.result(item["text"]).procedures or []
        found = set(claims.categories(item["text"]))
        procedure_ok = item["procedure"] in detected
        if item["category"] == "none":
            claim_ok = not found
        else:
            claim_ok = bool(found & {item["category"], *item.get("also", ())})
        procedure_hits += procedure_ok
        claim_hits += claim_ok
        if not (procedure_ok and claim_ok):
            wrong.append(f"{item['text']!r}: procedure {item['procedure']} -> {detected}; "
                         f"claim {item['category']} -> {sorted(found)}")
    print()
    print("SHORT TEXTS AND TITLES")
    print(f"procedure detected                                 {share(procedure_hits, len(texts))}")
    print(f"claim right (its category, or nothing for none)    {share(claim_hits, len(texts))}")
    details(show, "short texts, wrong", wrong)


def score_concepts(material: Material, caveats: CaveatChecker, show: bool) -> None:
    """A does-not sentence can only be wrongly accepted when its procedure is
    detected, so procedure detection is shown beside both numbers."""
    print()
    print("CAVEAT CONCEPTS, one-sentence articles")
    print(f"{'concept':<18} {'procedure detected':>20} {'conveys: found':>16}"
          f" {'does-not: accepted':>20}")
    for entry in material.concepts:
        concept = entry["concept"]

        def outcome(item: dict) -> tuple[bool, dict | None]:
            article = f"{material.titles[item['procedure']]}\n\n{item['text']}"
            return caveats.evidence(article, item["procedure"], concept)

        conveyed = [outcome(item) for item in entry["conveys"]]
        counted = [outcome(item) for item in entry["does_not"]]
        detected = sum(found for found, _ in conveyed + counted)
        missed = [item for item, (_, evidence) in zip(entry["conveys"], conveyed)
                  if evidence is None]
        accepted = [item for item, (_, evidence) in zip(entry["does_not"], counted)
                    if evidence is not None]
        conveys, does_not = len(entry["conveys"]), len(entry["does_not"])
        print(f"{concept:<18} {share(detected, len(conveyed) + len(counted)):>20}"
              f" {share(conveys - len(missed), conveys):>16}"
              f" {share(len(accepted), does_not):>20}")
        details(show, f"{concept}: conveys, not found",
                [f"{item['text']!r} ({item['procedure']})" for item in missed])
        details(show, f"{concept}: does not, accepted",
                [f"{item['text']!r} ({item['procedure']}, {item['why']})" for item in accepted])


def is_heading(lines: list[str], index: int) -> bool:
    """Heading lines follow a blank line and end without punctuation (README format)."""
    line = lines[index].strip()
    return (index > 0 and not lines[index - 1].strip() and bool(line)
            and line[-1] not in ".!?:;)" and len(line) < 80)


def without_section(text: str, heading: str, replacement: str) -> str:
    """The article with one section (heading and paragraphs) replaced by a paragraph."""
    lines = text.splitlines()
    start = lines.index(heading)
    end = next((i for i in range(start + 1, len(lines)) if is_heading(lines, i)), len(lines))
    return "\n".join(lines[:start] + [replacement, ""] + lines[end:]) + "\n"


def score_articles(material: Material, claims: ClaimChecker, caveats: CaveatChecker,
                   show: bool) -> None:
    articles = material.articles
    found = Counter()
    problems = []
    procedure_hits = ablation_detected = risks_missing = claim_flagged = 0
    removed_right = Counter()
    conveyed_twice = []
    for entry in articles:
        result = caveats.result(entry["text"])
        procedure = entry["procedure"]
        procedure_hits += procedure in (result.procedures or [])
        evidence = (result.caveats or {}).get(procedure) or {}
        for concept in CONCEPTS:
            if evidence.get(concept) is None:
                problems.append(f"{entry['file']}: {concept} not found")
            else:
                found[concept] += 1
        for concept in CONCEPTS:
            # The ablation test: with one concept's section gone, that concept and only it is missing.
            reduced = caveats.result(without_section(entry["text"], entry["sections"][concept], ""))
            evidence_left = (reduced.caveats or {}).get(procedure) or {}
            gaps = {name for name, quote in evidence_left.items() if quote is None}
            reviewed = material.conveyed_twice.get((entry["file"], concept))
            if gaps == {concept}:
                removed_right[concept] += 1
            elif not gaps and reviewed is not None and evidence_left[concept]["text"] == reviewed:
                conveyed_twice.append(f"{entry['file']}: {concept} also conveyed by {reviewed!r}")
            else:
                problems.append(f"{entry['file']}: {concept} section removed, missing: {sorted(gaps)}")
        sentence = entry["no-risks-claim"]
        ablated = without_section(entry["text"], entry["sections"]["risks"], sentence)
        # Risks can only be reported missing for a procedure that is detected.
        ablated_detected, risks = caveats.evidence(ablated, procedure, "risks")
        ablation_detected += ablated_detected
        if ablated_detected and risks is None:
            risks_missing += 1
        elif ablated_detected:
            problems.append(f"{entry['file']}: risks still found with the section replaced")
        start = ablated.index(sentence)
        if any(f.start < start + len(sentence) and f.end > start
               for f in claims.findings(ablated)):
            claim_flagged += 1
        else:
            problems.append(f"{entry['file']}: the no-risks claim is not flagged")
    n = len(articles)
    print()
    print("COMPLETE ARTICLES")
    print(f"procedure detected                                 {share(procedure_hits, n)}")
    for concept in CONCEPTS:
        print(f"{concept + ' found':<51}{share(found[concept], n)}")
    print(f"all concepts found                                 "
          f"{share(sum(found.values()), n * len(CONCEPTS))}")
    for concept in CONCEPTS:
        print(f"{concept + ' section removed: only it missing':<51}{share(removed_right[concept], n)}")
    print(f"sections removed, exactly that concept missing     "
          f"{share(sum(removed_right.values()), n * len(CONCEPTS))}")
    print(f"  of the rest, the article conveys it twice         {share(len(conveyed_twice), n * len(CONCEPTS))}"
          f"   (read and listed in {CONVEYED_TWICE.name}; neither right nor wrong)")
    print(f"risks section replaced by a claim: risks missing   {share(risks_missing, n)}"
          f"   (procedure detected in {ablation_detected}/{n})")
    print(f"risks section replaced by a claim: claim flagged   {share(claim_flagged, n)}")
    details(show, "articles", problems)
    details(show, "ablation cases conveyed twice", conveyed_twice)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every miss and false alarm")
    parser.add_argument("--claims-dir", type=Path, default=CLAIMS_DIR,
                        help="claim material (default: %(default)s)")
    parser.add_argument("--caveats-dir", type=Path, default=CAVEATS_DIR,
                        help="caveat material (default: %(default)s)")
    parser.add_argument("--caveats-only", action="store_true",
                        help="review caveats with the caveat family alone, not every rule")
    args = parser.parse_args(argv)
    try:
        material = load_material(args.claims_dir, args.caveats_dir)
        rules = lint.load_rules()
        claims, caveats = ClaimChecker(rules), CaveatChecker(rules, args.caveats_only)
        print(f"cliniclint {version('cliniclint')} on {args.claims_dir.name} and {args.caveats_dir.name} (blind only while no "
              f"tuner has read them: each set's README says); caveats reviewed with "
              f"{'the caveat family alone' if args.caveats_only else 'every rule on'}\n")
        score_categories(material, claims, args.details)
        score_hedges(material, claims, args.details)
        score_short_texts(material, claims, caveats, args.details)
        score_concepts(material, caveats, args.details)
        score_articles(material, claims, caveats, args.details)
    except MaterialError as error:
        print(f"claims_blind: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
