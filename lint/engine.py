"""Checking: parsed documents in, findings out. A pure function of (document, rules, config).

The engine picks the enabled rules, loads the spaCy components they need,
parses every block once, runs each rule's checker and turns block-relative
matches into findings that point at exact source text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from . import nlp
from .config import Config
from .document import Document
from .finding import Finding, Match
from .rules import Rule, selects

if TYPE_CHECKING:
    from .grammar import GrammarSession


@dataclass(frozen=True)
class CheckContext:
    """What checks may know beyond the document: settings that come from config."""

    vocabulary: frozenset[str] = frozenset()  # lower-cased accepted words
    grammar: GrammarSession | None = None  # the run's grammar backend (Harper or LanguageTool)


@dataclass
class ParsedDocument:
    """A document with one spaCy Doc per block, and a memo for analyses rules share."""

    document: Document
    docs: Sequence[Doc]
    memo: dict[str, Any] = field(default_factory=dict)

    def shared(self, key: str, compute):
        """``compute(self)`` once per document, however many rules ask for it."""
        if key not in self.memo:
            self.memo[key] = compute(self)
        return self.memo[key]


def enabled_rules(rules: Iterable[Rule], config: Config) -> list[Rule]:
    """Rules left after select/ignore, with configured severities applied."""
    chosen = []
    for rule in rules:
        if config.select and not any(selects(s, rule) for s in config.select):
            continue
        if any(selects(s, rule) for s in config.ignore):
            continue
        chosen.append(rule)
    return chosen


def effective_severity(rule: Rule, config: Config, match_severity: str | None) -> str:
    """Config overrides (by code, name or family) beat a match's own severity, which beats the rule's."""
    for key in (rule.code, rule.name, rule.family):
        if key in config.severity:
            return config.severity[key]
    return match_severity or rule.severity


class _Defaults(dict):
    """Message templates may name details a given match does not carry."""

    def __missing__(self, key: str) -> str:
        return ""


def to_finding(doc: Document, rule: Rule, match: Match, config: Config) -> Finding:
    """The finding a block-relative match makes, at its exact source span."""
    block = doc.blocks[match.block]
    start, end = block.source_span(match.start, match.end)
    linted = block.text[match.start:match.end]
    values = _Defaults(match.details, text=linted)
    if match.suggestions:
        values["suggestion"] = match.suggestions[0]
    finding = source_finding(doc, rule, start, end, config, values, match)
    if finding.fixable and finding.text != linted:
        # The source spells the span with markup or entities ("pores <b>and</b> skin"):
        # replacing it would drop them, so the suggestion is for an editor, not --fix.
        finding = replace(finding, fixable=False)
    return finding


def source_finding(doc: Document, rule: Rule, start: int, end: int, config: Config,
                   message_values: dict[str, str], match: Match | None = None) -> Finding:
    """A finding of ``rule`` on source text ``[start, end)``; ``match`` adds suggestions and family fields."""
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    details = match.details if match else {}
    return Finding(
        path=doc.path,
        code=rule.code,
        rule=rule.name,
        family=rule.family,
        severity=effective_severity(rule, config, match.severity if match else None),
        message=rule.message.format_map(_Defaults(message_values)),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        text=doc.source[start:end],
        suggestions=match.suggestions if match else (),
        fixable=match.fixable if match else False,
        category=details.get("category"),
        procedure=details.get("procedure"),
        concept=details.get("concept"),
        source_rule=details.get("source_rule"),
    )


def without_grammar_under_spin(findings: list[Finding]) -> list[Finding]:
    """Drop grammar findings on text a spin finding covers.

    LanguageTool has plenty to say about "pores and skin's possess therapeutic
    processes", but the spin finding explains the garbling and offers the
    phrase the writer meant; a second finding on the same words is noise.
    """
    spin = [f for f in findings if f.family == "spin"]
    return [
        f for f in findings
        if f.family != "grammar" or not any(s.start < f.end and f.start < s.end for s in spin)
    ]


class Checker:
    """Enabled rules plus the spaCy pipeline they need, ready to check many documents."""

    def __init__(self, rules: Iterable[Rule], config: Config, grammar: GrammarSession | None = None) -> None:
        self.config = config
        self.rules = enabled_rules(rules, config)
        self.families = frozenset(rule.family for rule in self.rules)
        vocabulary = frozenset(word.lower() for word in config.vocabulary)
        self.context = CheckContext(vocabulary=vocabulary, grammar=grammar)
        needs = frozenset().union(*(rule.checker.needs for rule in self.rules))
        self.model = nlp.resolve_model(config.model)
        self.nlp = nlp.load(self.model, needs)

    def parse(self, documents: Sequence[Document]) -> list[ParsedDocument]:
        """Parse every block of every document in one stream, so spaCy batches across files."""
        texts = [block.text for document in documents for block in document.blocks]
        docs = iter(nlp.parse(self.nlp, texts))
        return [ParsedDocument(document, [next(docs) for _ in document.blocks]) for document in documents]

    def findings(self, parsed: ParsedDocument) -> list[Finding]:
        found = []
        for rule in self.rules:
            for match in rule.checker.check(parsed, self.context):
                found.append(to_finding(parsed.document, rule, match, self.config))
        return sorted(without_grammar_under_spin(found), key=lambda f: (f.start, f.end, f.code))

    def check(self, documents: Sequence[Document]) -> Iterator[tuple[ParsedDocument, list[Finding]]]:
        for parsed in self.parse(documents):
            yield parsed, self.findings(parsed)
