"""View models every reporter (and ``cliniclint rule``) shares: rule docs, spin verdict, caveat checklist.

Reporters format these; they never work out a verdict label, a checklist
state or a rule summary on their own, so text, HTML and SARIF always agree.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from ..finding import SEVERITIES
from ..rules import Rule
from . import FileResult, Report

VERDICT_LABELS = {"spun": "likely machine-spun", "possibly-spun": "possibly machine-spun", "clean": "no sign of spinning"}
CHECK_MARKS = {"present": "✓", "partial": "◐", "missing": "✗"}


@dataclass(frozen=True)
class OptionDoc:
    name: str  # as written in a pack (kebab-case)
    type: str
    description: str
    required: bool


@dataclass(frozen=True)
class RuleDoc:
    """A rule as documentation: what ``cliniclint rule`` prints and SARIF and HTML carry."""

    code: str
    name: str
    family: str
    severity: str
    kind: str
    message: str
    summary: str  # the first paragraph of the docs, on one line
    docs: str
    bad: tuple[str, ...]
    fixed: tuple[str | None, ...]  # for each bad example, its text after --fix (None: not stated)
    good: tuple[str, ...]
    options: tuple[OptionDoc, ...]

    @classmethod
    def of(cls, rule: Rule, options_schema: dict | None = None) -> RuleDoc:
        """``options_schema``: the rule's kind's options as JSON schema, when ``rule`` has no checker to ask."""
        schema = options_schema if options_schema is not None else type(rule.options).model_json_schema(by_alias=True)
        required = set(schema.get("required", ()))
        options = tuple(
            OptionDoc(name, _type_name(spec), spec.get("description", ""), name in required)
            for name, spec in schema.get("properties", {}).items()
        )
        return cls(
            rule.code, rule.name, rule.family, rule.severity, rule.kind, rule.message,
            rule.docs.split("\n\n")[0].replace("\n", " "), rule.docs,
            tuple(example.text for example in rule.examples.bad),
            tuple(example.fixed for example in rule.examples.bad),
            rule.examples.good, options,
        )


def _type_name(spec: dict) -> str:
    """A short, readable type for an option's JSON schema ("list of text", "number", ...)."""
    if "anyOf" in spec:
        return " or ".join(dict.fromkeys(_type_name(option) for option in spec["anyOf"] if option.get("type") != "null"))
    kind = spec.get("type")
    if kind == "array":
        return f"list of {_type_name(spec.get('items', {}))}"
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    return {"string": "text", "boolean": "true/false", "integer": "whole number", "number": "number",
            "object": "mapping"}.get(kind, kind or "any")


@dataclass(frozen=True)
class SpinView:
    verdict: str  # "spun" | "possibly-spun" | "clean"
    label: str  # as people read it
    density: float


def spin_view(file: FileResult) -> SpinView | None:
    if file.spin_verdict is None:
        return None
    return SpinView(file.spin_verdict, VERDICT_LABELS[file.spin_verdict], file.spin_density or 0.0)


def procedure_name(procedure: str) -> str:
    """A procedure as people write it ("dermal fillers", not "dermal-filler")."""
    from ..analysis.procedures import procedure_table  # here: 'cliniclint rule' reads RuleDoc without spaCy

    spec = procedure_table().procedures.get(procedure)
    return spec.name if spec else procedure


@dataclass(frozen=True)
class ChecklistItem:
    concept: str
    state: str  # "present" | "partial" | "missing"
    mark: str
    text: str | None  # the source text that conveys it
    line: int | None
    column: int | None
    missing_items: tuple[str, ...]


@dataclass(frozen=True)
class ProcedureChecklist:
    procedure: str  # id
    name: str  # as people write it
    items: tuple[ChecklistItem, ...]


def checklist(file: FileResult) -> list[ProcedureChecklist]:
    """Per procedure the article is about, each caveat concept: conveyed, conveyed in part, or missing."""
    views = []
    for procedure, concepts in (file.caveats or {}).items():
        items = []
        for concept, evidence in concepts.items():
            if evidence is None:
                items.append(ChecklistItem(concept, "missing", CHECK_MARKS["missing"], None, None, None, ()))
                continue
            state = "partial" if evidence["missing_items"] else "present"
            items.append(ChecklistItem(concept, state, CHECK_MARKS[state], evidence["text"], evidence["line"],
                                       evidence["column"], tuple(evidence["missing_items"])))
        views.append(ProcedureChecklist(procedure, procedure_name(procedure), tuple(items)))
    return views


def statistics(report: Report) -> list[dict]:
    """Findings per rule, most frequent first (ruff's --statistics)."""
    counts = Counter(finding.code for finding in report.findings)
    first = {finding.code: finding for finding in reversed(report.findings)}
    fixable = Counter(finding.code for finding in report.findings if finding.fixable)
    return [
        {"code": code, "rule": first[code].rule, "family": first[code].family, "count": count,
         "fixable": fixable[code]}
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def statistics_json(report: Report) -> str:
    return json.dumps(statistics(report), indent=2) + "\n"


@dataclass(frozen=True)
class CaveatGaps:
    """What one procedure's article leaves out: concepts never conveyed, and those conveyed in part."""

    procedure: str  # as people write it
    missing: tuple[str, ...]
    partial: tuple[str, ...]


@dataclass(frozen=True)
class FileSummary:
    """One article as an editor triages it: how bad, how spun, which safety caveats it lacks."""

    number: int  # its place in the report
    path: str
    error: str | None
    severities: dict[str, int]  # severity -> findings, every severity present
    families: dict[str, int]  # family -> findings, only families with some
    spin: SpinView | None
    procedures: tuple[str, ...]  # as people write them
    gaps: tuple[CaveatGaps, ...]  # procedures with something missing

    @property
    def rank_key(self) -> tuple:
        """Worst first: files that could not be linted, then by errors, warnings, infos."""
        return (self.error is None, *(-self.severities[s] for s in reversed(SEVERITIES)), self.path)


def file_summaries(report: Report) -> list[FileSummary]:
    """Every file of the report, worst first: the page an editor decides what to send back from."""
    summaries = []
    for number, file in enumerate(report.files):
        gaps = []
        for procedure in checklist(file):
            missing = tuple(item.concept for item in procedure.items if item.state == "missing")
            partial = tuple(item.concept for item in procedure.items if item.state == "partial")
            if missing or partial:
                gaps.append(CaveatGaps(procedure.name, missing, partial))
        summaries.append(FileSummary(
            number, file.path, file.error,
            {severity: sum(f.severity == severity for f in file.findings) for severity in SEVERITIES},
            dict(sorted(Counter(f.family for f in file.findings).items())),
            spin_view(file), tuple(procedure_name(p) for p in file.procedures or ()), tuple(gaps)))
    return sorted(summaries, key=lambda summary: summary.rank_key)
