"""Post-processing: what happens to a document's findings between checking and reporting.

An ordered pipeline of declared processors, each a small class registered
under its name (other packages add theirs through the ``cliniclint_processors``
entry point, and a caller chooses the order with ``Pipeline(names=...)``):

1. ``spin-overlaps`` drops spin-model findings on text a table-based spin
   finding already covers;
2. ``grammar-under-spin`` drops grammar findings on text a spin or spam finding covers,
   before ``spin-evidence`` withholds any: a spun page's weak spin finding is
   left out of the report as redundant, and the grammar finding under it is
   just as redundant;
3. ``spin-evidence`` drops the spin model's evidence (its findings below
   the confidence that stands alone, article agreement) from pages the
   verdict calls clean, and its ``info`` findings from pages the tables
   alone make likely spun;
4. ``suppression`` applies the article's suppression comments and reports
   unused ones (MT101);
5. ``severity`` applies the configured severity overrides;
6. ``baseline`` hides findings a baseline file already records.

All but the last *judge* the article: document facts (the spin verdict, the
caveat checklist) are computed from what they leave. The baseline only hides
known findings from the report; it does not change what the article is.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from .analysis import ParsedDocument
from .baseline import Baseline
from .config import Config
from .facts import document_facts
from .finding import Finding
from .kinds import ProcessorKind
from .registry import processors
from .rules import Rule, selected
from .suppress import Suppressor
from .verdict import CLEAN, is_evidence_only, keep_evidence_if_spun, spin_verdict

PIPELINE = ("spin-overlaps", "grammar-under-spin", "spin-evidence", "suppression", "severity", "baseline")


@dataclass(frozen=True)
class RunRules:
    """What processors know about the run: every loaded rule, the selected ones, the configuration."""

    loaded: Sequence[Rule]
    selected: Sequence[Rule]
    config: Config


class Processor:
    name: ClassVar[str]
    judges: ClassVar[bool] = True  # whether document facts see what it leaves

    def __init__(self, run: RunRules) -> None:
        self.run = run

    def __call__(self, parsed: ParsedDocument, findings: list[Finding]) -> list[Finding]:
        raise NotImplementedError


def _register(processor: type[Processor]) -> type[Processor]:
    processors.register(processor.name, func=processor)
    return processor


class _Spans:
    """The source spans of some findings, asked whether any of them overlaps a finding: sorted by start
    with the furthest end reached so far, so a big document's tens of thousands of findings are not
    each compared with every covering one."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        spans = sorted((finding.start, finding.end) for finding in findings)
        self._starts = [start for start, _ in spans]
        self._reach = list(itertools.accumulate((end for _, end in spans), max))

    def overlap(self, finding: Finding) -> bool:
        before = bisect.bisect_left(self._starts, finding.end)  # the spans that start before it ends
        return before > 0 and self._reach[before - 1] > finding.start


@_register
class SpinOverlaps(Processor):
    """The known-swap and collocation tables are precise and name the phrase the writer meant; the
    spin model's finding on the same words would only repeat them."""

    name = "spin-overlaps"

    def __call__(self, parsed, findings):
        tables = _Spans(f for f in findings if f.family == "spin" and f.confidence is None)
        return [f for f in findings if f.family != "spin" or f.confidence is None or not tables.overlap(f)]


@_register
class SpinEvidence(Processor):
    """A statistical model finds an odd word now and then on any page: its findings short of very sure are
    shown only where the verdict says the page is possibly or likely spun (``verdict.keep_evidence_if_spun``)."""

    name = "spin-evidence"

    def __call__(self, parsed, findings):
        return keep_evidence_if_spun(findings, parsed.document.words)


@_register
class GrammarUnderSpin(Processor):
    """LanguageTool has plenty to say about "pores and skin's possess therapeutic processes", but the
    spin finding explains the garbling and offers the phrase the writer meant; a second finding on
    the same words is noise. So is one on spam the spinner carried along (an injected anchor in lower
    case, "nicole kidman botox"): the spam finding says to delete it, not to spell it better."""

    name = "grammar-under-spin"
    covering_families = ("spin", "spam")

    def __call__(self, parsed, findings):
        covering = [f for f in findings if f.family in self.covering_families]
        if spin_verdict(findings, parsed.document.words)[1] == CLEAN:
            covering = [f for f in covering if not is_evidence_only(f)]
        covering = _Spans(covering)
        return [f for f in findings if f.family != "grammar" or not covering.overlap(f)]


@_register
class Suppression(Processor):
    name = "suppression"

    def __init__(self, run: RunRules) -> None:
        super().__init__(run)
        reporter = next((rule for rule in run.selected
                         if isinstance(rule.checker, ProcessorKind) and rule.checker.processor == self.name), None)
        self.suppressor = Suppressor(run.loaded, [r for r in run.selected if r is not reporter], reporter)

    def __call__(self, parsed, findings):
        return self.suppressor.apply(parsed.document, findings)


@_register
class Severity(Processor):
    """Config overrides by code, name or family (in that order of precedence)."""

    name = "severity"

    def __call__(self, parsed, findings):
        overrides = self.run.config.severity
        if not overrides:
            return findings
        changed = []
        for finding in findings:
            key = next((k for k in (finding.code, finding.rule, finding.family) if k in overrides), None)
            changed.append(replace(finding, severity=overrides[key]) if key else finding)
        return changed


@_register
class BaselineFilter(Processor):
    name = "baseline"
    judges = False

    def __init__(self, run: RunRules) -> None:
        super().__init__(run)
        self.baseline = Baseline(run.config.baseline) if run.config.baseline else None

    def __call__(self, parsed, findings):
        if self.baseline is None:
            return findings
        return self.baseline.new_findings(parsed.document.path, parsed.document.source, findings)


@dataclass
class Outcome:
    """A document's findings after post-processing, and the facts about it."""

    findings: list[Finding]
    facts: dict


class Pipeline:
    """The processors of a run, in order."""

    def __init__(self, loaded: Sequence[Rule], config: Config, names: Sequence[str] = PIPELINE) -> None:
        run = RunRules(loaded, selected(loaded, config), config)
        self.families = frozenset(rule.family for rule in run.selected)
        self.processors = [processors.get(name)(run) for name in names]

    def __call__(self, parsed: ParsedDocument, findings: list[Finding]) -> Outcome:
        facts = None
        for processor in self.processors:
            if not processor.judges and facts is None:
                facts = document_facts(parsed, findings, self.families)
            findings = processor(parsed, findings)
        if facts is None:
            facts = document_facts(parsed, findings, self.families)
        return Outcome(findings, facts)
