"""Checking: parsed documents in, findings out. A pure function of (document, rules, config).

The engine picks the selected rules, loads the spaCy components they and the
analyses they read need, parses every block once, runs each rule's check and
turns block-relative matches into findings that point at exact source text.
What happens to findings next (severity overrides, suppressions, baselines)
is post-processing (:mod:`.postprocess`).

Documents stream through: each is handed on as soon as its blocks are parsed,
and a big document's blocks are kept compact (:mod:`.compact`), so memory per
word does not grow with the size of an article. The parser runs only on the
blocks that the rules reading it ask for, when all of them say which
(``parse_when``, :mod:`.nlp`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import nlp
from .analysis import ParsedDocument
from .compact import COMPACT_CHARS, CompactDocs
from .config import Config
from .document import Document
from .finding import Applicability, Edit, Finding, Fix, Match
from .kinds import RuleKind
from .rules import Rule, selected

if TYPE_CHECKING:
    from .grammar import GrammarSession


@dataclass(frozen=True)
class CheckContext:
    """What checks and analyses may use beyond the document: settings and the run's language tools."""

    vocabulary: frozenset[str]  # lower-cased accepted words
    morphology: nlp.Morphology
    phrases: nlp.PhraseTokenizer  # rule-table phrases tokenized as the pipeline tokenizes
    grammar: GrammarSession | None = None  # the run's grammar backend (Harper or LanguageTool), when grammar is on


class _Fields(dict):
    """Message templates may name details a given match does not carry (validated names only)."""

    def __missing__(self, key: str) -> str:
        return ""


def source_finding(doc: Document, rule: Rule, start: int, end: int, message_values: dict[str, str],
                   match: Match | None = None, fix: Fix | None = None,
                   shared: dict[str, str] | None = None) -> Finding:
    """A finding of ``rule`` on source text ``[start, end)``; ``match`` adds suggestions and family fields.

    ``shared``: strings already made for the document's other findings, to which an equal message or
    text is made the same object (a big document holds tens of thousands of findings, many alike)."""
    message = rule.message.format_map(_Fields(message_values))
    text = doc.source[start:end]
    if shared is not None:
        message, text = shared.setdefault(message, message), shared.setdefault(text, text)
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    if end_line == line:  # one int object for both: a big document holds tens of thousands of findings
        end_line = line
    details = match.details if match else {}
    return Finding(
        path=doc.path,
        code=rule.code,
        rule=rule.name,
        family=rule.family,
        severity=(match.severity if match else None) or rule.severity,
        message=message,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        start=start,
        end=end,
        text=text,
        suggestions=match.suggestions if match else (),
        fix=fix,
        category=details.get("category"),
        procedure=details.get("procedure"),
        concept=details.get("concept"),
        source_rule=details.get("source_rule"),
        confidence=float(details["confidence"]) if "confidence" in details else None,
    )


def _source_fix(doc: Document, block_index: int, fix: Fix | None, span: tuple[int, int]) -> Fix | None:
    """A match's fix in source offsets; display-only where the source spells an edited span with markup.

    ``span``: the finding's source span, whose int objects an edit of that span shares."""
    if fix is None:
        return None
    block = doc.blocks[block_index]
    edits = []
    spelled_as_linted = True
    for edit in fix.edits:
        start, end = block.source_span(edit.start, edit.end)
        if (start, end) == span:
            start, end = span
        spelled_as_linted &= doc.source[start:end] == block.text[edit.start:edit.end]
        edits.append(Edit(start, end, edit.replacement))
    if not spelled_as_linted and fix.applicability is not Applicability.DISPLAY_ONLY:
        # "pores <b>and</b> skin", "pores &amp; skin": replacing the span would drop the markup.
        return Fix(tuple(edits), Applicability.DISPLAY_ONLY, "the source spells this text with markup or entities")
    return Fix(tuple(edits), fix.applicability, fix.reason)


def to_finding(doc: Document, rule: Rule, match: Match, shared: dict[str, str] | None = None) -> Finding:
    """The finding a block-relative match makes, at its exact source span (``shared``: as in source_finding)."""
    block = doc.blocks[match.block]
    start, end = block.source_span(match.start, match.end)
    values = _Fields(match.details, text=block.text[match.start:match.end])
    if match.suggestions:
        values["suggestion"] = match.suggestions[0]
    return source_finding(doc, rule, start, end, values, match, _source_fix(doc, match.block, match.fix, (start, end)),
                          shared)


def components(rules: Iterable[Rule]) -> frozenset[str]:
    """The spaCy components the rules' checks and the analyses they read need."""
    needs: set[str] = set()
    for rule in rules:
        kind = rule.checker
        if not isinstance(kind, RuleKind):
            continue
        needs |= kind.needs
        for required in kind.analyses:
            needs |= required.components
    return frozenset(needs)


def parse_condition(rules: Iterable[Rule], context: CheckContext) -> nlp.ParseWhen | None:
    """Which blocks to parse: those some rule or analysis reading the parse asks for; None for every block
    (when one of them does not say, or none reads the parse)."""
    conditions: list[nlp.ParseWhen | None] = []
    for rule in rules:
        kind = rule.checker
        if "parser" in kind.needs:
            conditions.append(kind.parse_when(context))
        for analysis in {each for required in kind.analyses for each in required.closure}:
            if "parser" in analysis.needs:
                conditions.append(analysis.parse_when(context) if analysis.parse_when else None)
    if not conditions or any(condition is None for condition in conditions):
        return None
    return nlp.ParseWhen.any_of(conditions)


def tensor_reader(rules: Iterable[Rule]) -> nlp.TensorReader | None:
    """What reads each block's tensor before the parse releases it: the ``read_tensor`` of every analysis
    the rules read (None when none does, the usual case)."""
    readers = list(dict.fromkeys(analysis.read_tensor for rule in rules if isinstance(rule.checker, RuleKind)
                                 for required in rule.checker.analyses for analysis in required.closure
                                 if analysis.read_tensor is not None))
    if not readers:
        return None

    def read_all(doc) -> None:
        for read in readers:
            read(doc)

    return read_all


def released_after(rules: Sequence[Rule]) -> dict[int, tuple[str, ...]]:
    """The per-token tables (``analysis.tokens.TABLES``) to release after each rule: those no later rule
    reads, directly or through another analysis. A big document's tables take tens of megabytes."""
    from .analysis.tokens import TABLES  # with spaCy, which a Checker loads anyway

    last: dict[str, int] = {}
    for index, rule in enumerate(rules):
        for read in {each.name for required in rule.checker.analyses for each in required.closure}:
            last[read] = index
    released: dict[int, tuple[str, ...]] = {}
    for name, index in sorted(last.items()):
        if name in TABLES:
            released[index] = (*released.get(index, ()), name)
    return released


class Checker:
    """Selected rules plus the spaCy pipeline they need, ready to check many documents."""

    def __init__(self, rules: Iterable[Rule], config: Config, grammar: GrammarSession | None = None) -> None:
        self.config = config
        self.rules = selected(rules, config)
        self.checked = [rule for rule in self.rules if isinstance(rule.checker, RuleKind)]
        self.families = frozenset(rule.family for rule in self.rules)
        self.model = nlp.resolve_model(config.model)
        self.pipeline = nlp.pipeline(self.model, components(self.checked))
        self.nlp = self.pipeline.language
        self.context = CheckContext(
            vocabulary=frozenset(word.lower() for word in config.vocabulary),
            morphology=self.pipeline.morphology,
            phrases=self.pipeline.phrases,
            grammar=grammar,
        )
        self.parse_when = parse_condition(self.checked, self.context)
        self.released = released_after(self.checked)
        self.read_tensor = tensor_reader(self.checked)

    def stream(self, documents: Sequence[Document]) -> Iterator[ParsedDocument]:
        """Parse every block of every document in one stream, so spaCy batches across files; each document
        is handed on once its blocks are parsed, a big one's kept compact."""
        texts = (block.text for document in documents for block in document.blocks)
        docs = self.pipeline.parse(texts, self.parse_when, self.read_tensor)
        for document in documents:
            if sum(len(block.text) for block in document.blocks) > COMPACT_CHARS:
                blocks = CompactDocs(self.nlp)
                for block in document.blocks:
                    blocks.append(next(docs), block.text)
            else:
                blocks = [next(docs) for _ in document.blocks]
            yield ParsedDocument(document, blocks, self.context)

    def parse(self, documents: Sequence[Document]) -> list[ParsedDocument]:
        return list(self.stream(documents))

    def findings(self, parsed: ParsedDocument) -> list[Finding]:
        found: list[Finding] = []
        shared: dict[str, str] = {}
        for index, rule in enumerate(self.checked):
            found += (to_finding(parsed.document, rule, match, shared)
                      for match in rule.checker.check(parsed, self.context))
            for table in self.released.get(index, ()):
                parsed.release(table)
        return sorted(found, key=lambda f: (f.start, f.end, f.code))

    def check(self, documents: Sequence[Document]) -> Iterator[tuple[ParsedDocument, list[Finding]]]:
        for parsed in self.stream(documents):
            yield parsed, self.findings(parsed)
