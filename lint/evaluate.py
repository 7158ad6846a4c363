"""Evaluation: the linter's findings against the corpus annotations.

Annotations live beside the articles in ``annotations/<family>/<article>.yaml``
(the format is described in ``corpus/README.md``). Span families are scored by
overlap: a finding is a true positive when it overlaps an annotated span of
its family (and rule or category, when the annotation names one); an
annotation is found when some finding overlaps it. Caveats are scored as
(procedure, concept) judgements. Grammar is scored only when a grammar
backend ran (``Evaluation.grammar`` says which, or why not).
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import run
from .config import Config
from .data import DataFileError, read_file
from .document import line_starts
from .files import discover
from .finding import Finding
from .grammar import BackendError
from .rules import Rule

SPAN_FAMILIES = ("spin", "spam", "claim", "grammar")
FAMILIES = (*SPAN_FAMILIES, "caveat")
ANNOTATIONS = "annotations"


class AnnotationError(Exception):
    """An annotation that does not fit its article; the message names the file."""


@dataclass(frozen=True)
class Expected:
    """One finding a perfect linter would report."""

    path: str
    family: str
    start: int
    end: int
    text: str
    label: str | None  # rule code/name, category or concept, when the annotation names one
    procedure: str | None = None


@dataclass
class Score:
    true_positives: int = 0  # findings that match an annotation
    false_positives: int = 0
    found: int = 0  # annotations some finding matches
    missed: int = 0

    @property
    def precision(self) -> float:
        total = self.true_positives + self.false_positives
        return self.true_positives / total if total else 1.0

    @property
    def recall(self) -> float:
        total = self.found + self.missed
        return self.found / total if total else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "true_positives": self.true_positives, "false_positives": self.false_positives,
            "found": self.found, "missed": self.missed,
        }


@dataclass
class Evaluation:
    families: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    labels: dict[tuple[str, str], Score] = field(default_factory=lambda: defaultdict(Score))
    misses: list[tuple[Expected, tuple[int, int]]] = field(default_factory=list)
    false_alarms: list[Finding] = field(default_factory=list)
    articles: int = 0
    grammar: str = "off"  # the run's grammar status: scored only when it "ran (...)"

    def to_json(self) -> dict:
        return {
            "articles": self.articles,
            "grammar": self.grammar,
            "families": {name: score.to_json() for name, score in sorted(self.families.items())},
            "labels": [
                {"family": family, "label": label, **score.to_json()}
                for (family, label), score in sorted(self.labels.items())
            ],
            "misses": [
                {"path": e.path, "family": e.family, "label": e.label, "procedure": e.procedure,
                 "text": e.text, "line": line, "column": column}
                for e, (line, column) in self.misses
            ],
            "false_alarms": [f.to_json() for f in self.false_alarms],
        }


def _occurrences(source: str, text: str) -> list[int]:
    starts, at = [], source.find(text)
    while at >= 0:
        starts.append(at)
        at = source.find(text, at + 1)
    return starts


def _span_annotations(path: Path, family: str, source: str, data: dict, where: Path) -> list[Expected]:
    expected = []
    for item in data.get("findings") or []:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise AnnotationError(f"{where}: each finding needs a 'text'")
        starts = _occurrences(source, item["text"])
        wanted = item.get("occurrence", 1)
        if wanted == "all":
            chosen = starts
        else:
            indexes = wanted if isinstance(wanted, list) else [wanted]
            if not starts or any(not isinstance(i, int) or not 1 <= i <= len(starts) for i in indexes):
                raise AnnotationError(
                    f"{where}: {item['text']!r} occurrence {wanted} not in the article ({len(starts)} found)"
                )
            chosen = [starts[i - 1] for i in indexes]
        if not chosen:
            raise AnnotationError(f"{where}: {item['text']!r} does not occur in the article")
        label = item.get("rule") or item.get("category")
        expected += [Expected(str(path), family, s, s + len(item["text"]), item["text"], label) for s in chosen]
    return expected


def _caveat_annotations(path: Path, data: dict, where: Path) -> list[Expected]:
    """The missing concepts: each is an expected finding."""
    expected = []
    procedures = data.get("procedures") or {}
    if not isinstance(procedures, dict):
        raise AnnotationError(f"{where}: 'procedures' must map procedure ids to present/missing lists")
    for procedure, concepts in procedures.items():
        for state in ("present", "missing"):
            if not isinstance((concepts or {}).get(state) or [], list):
                raise AnnotationError(f"{where}: {procedure}.{state} must be a list of concepts")
        for concept in (concepts or {}).get("missing") or []:
            expected.append(Expected(str(path), "caveat", 0, 0, concept, concept, procedure))
    return expected


def load_annotations(article: Path, source: str, families: Sequence[str] = FAMILIES) -> dict[str, list[Expected]]:
    """Expected findings by family, for those of ``families`` the article is annotated for."""
    folder = article.parent / ANNOTATIONS
    expected: dict[str, list[Expected]] = {}
    for family in families:
        where = folder / family / f"{article.name}.yaml"
        if not where.is_file():
            continue
        try:
            data = read_file(where) or {}
        except DataFileError as error:
            raise AnnotationError(f"{where}: {error}") from None
        if family == "caveat":
            expected[family] = _caveat_annotations(article, data, where)
        else:
            expected[family] = _span_annotations(article, family, source, data, where)
    return expected


def _matches(finding: Finding, expected: Expected) -> bool:
    if finding.family != expected.family:
        return False
    if expected.family == "caveat":
        return (finding.procedure, finding.concept) == (expected.procedure, expected.label)
    if expected.label and expected.label not in (finding.code, finding.rule, finding.category):
        return False
    return finding.start < expected.end and expected.start < finding.end


def _finding_label(finding: Finding) -> str:
    return finding.concept or finding.category or finding.code


def evaluate(paths: Sequence[str], config: Config | None = None, rules: Sequence[Rule] | None = None) -> Evaluation:
    """Lint every annotated article under ``paths`` and score it against its annotations.

    Raises BackendError when grammar checking was asked for and could not run.
    """
    config = config or Config()
    articles = [Path(p) for p in discover(paths, config.exclude) if (Path(p).parent / ANNOTATIONS).is_dir()]
    report = run(((str(path), None) for path in articles), config, rules)
    grammar = report.families["grammar"]
    if grammar.startswith("failed"):
        raise BackendError(f"grammar {grammar}")
    scored = [family for family in FAMILIES if family != "grammar" or grammar.startswith("ran")]
    result = Evaluation(grammar=grammar)
    for path, file in zip(articles, report.files):
        if file.error:
            raise AnnotationError(f"{path}: {file.error}")
        expected = load_annotations(path, file.source, scored)
        if not expected:
            continue
        result.articles += 1
        _score(result, file.source, file.findings, expected)
    return result


def _score(result: Evaluation, source: str, findings: Iterable[Finding], expected: dict[str, list[Expected]]) -> None:
    matched: dict[tuple[str, int], str] = {}  # annotation -> label of a finding that found it
    starts = line_starts(source)
    for finding in findings:
        if finding.family not in expected:
            continue  # this article has no judgement for the family
        hits = [i for i, e in enumerate(expected[finding.family]) if _matches(finding, e)]
        label = _finding_label(finding)
        if hits:
            for i in hits:
                matched.setdefault((finding.family, i), label)
            result.families[finding.family].true_positives += 1
            result.labels[(finding.family, label)].true_positives += 1
        else:
            result.families[finding.family].false_positives += 1
            result.labels[(finding.family, label)].false_positives += 1
            result.false_alarms.append(finding)
    for family, items in expected.items():
        result.families[family]  # a family judged with nothing to find still gets a row
        for index, item in enumerate(items):
            label = item.label or matched.get((family, index), "(unlabelled)")
            if (family, index) in matched:
                result.families[family].found += 1
                result.labels[(family, label)].found += 1
            else:
                result.families[family].missed += 1
                result.labels[(family, label)].missed += 1
                line = bisect.bisect_right(starts, item.start)
                column = item.start - starts[line - 1] + 1
                result.misses.append((item, (line, column)))


def render(evaluation: Evaluation) -> str:
    out = [f"{evaluation.articles} annotated articles; grammar {evaluation.grammar}", "", f"{'family':<10}{'precision':>10}{'recall':>8}{'f1':>7}{'tp':>6}{'fp':>5}{'fn':>5}"]
    for family, score in sorted(evaluation.families.items()):
        out.append(f"{family:<10}{score.precision:>10.3f}{score.recall:>8.3f}{score.f1:>7.3f}"
                   f"{score.true_positives:>6}{score.false_positives:>5}{score.missed:>5}")
    out += ["", f"{'family':<10}{'rule / category / concept':<28}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}"]
    for (family, label), score in sorted(evaluation.labels.items()):
        out.append(f"{family:<10}{label:<28}{score.precision:>10.3f}{score.recall:>8.3f}"
                   f"{score.true_positives:>6}{score.false_positives:>5}{score.missed:>5}")
    if evaluation.misses:
        out += ["", f"misses ({len(evaluation.misses)}):"]
        for item, (line, column) in evaluation.misses:
            where = f"{item.path}:{line}:{column}" if item.family != "caveat" else item.path
            what = f"{item.procedure}/{item.label}" if item.family == "caveat" else f"{item.label or ''} {item.text!r}"
            out.append(f"  {where} {item.family} {what}")
    if evaluation.false_alarms:
        out += ["", f"false alarms ({len(evaluation.false_alarms)}):"]
        for f in evaluation.false_alarms:
            out.append(f"  {f.path}:{f.line}:{f.column} {f.code} {_finding_label(f)} {f.text!r}")
    return "\n".join(out) + "\n"
