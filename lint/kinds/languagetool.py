"""Kind ``languagetool``: a grammar rule reports the grammar checker matches routed to it.

(The kind keeps its first backend's name; it serves Harper as well.)

Rule data::

    categories: [TYPOS]            # LanguageTool category ids
    issue-types: [misspelling]     # ITS issue types, for categories no rule names
    harper-kinds: [Spelling]       # Harper lint kinds
    fallback: true                 # on one rule: whatever no other rule claims

LanguageTool sorts its own rules into categories (TYPOS, GRAMMAR, STYLE, ...)
and labels each with an issue type. A match goes to the rule naming its
category; failing that, to the rule naming its issue type (servers with extra
or newer categories still land somewhere sensible); failing that, to the
fallback rule. A Harper lint goes to the rule naming its lint kind, or the
fallback. Each cliniclint rule carries the severity, so this routing is
the category-to-severity mapping, kept as data in ``rules/grammar.yaml``.

The backend is asked once per document, by the ``grammar-issues`` analysis
through the run's grammar session (:mod:`cliniclint.lint.grammar`); every
grammar rule reads that one answer. With no session (grammar off) the rules
find nothing, and the report says grammar did not run. The routing table is
built once from every loaded grammar rule, selected or not: deselecting
GR102 must drop typos, not move them to GR104.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from ..analysis.grammar import grammar_issues
from ..finding import Applicability, Fix, Match
from ..grammar.client import HARPER, Issue
from ..grammar.filters import accepted_words, is_accepted_spelling
from ..options import KindOptions
from . import RuleKind

if TYPE_CHECKING:
    from ..rules import Rule

MAX_SUGGESTIONS = 5  # LanguageTool offers up to ~20 spellings; the first few are the useful ones


class Options(KindOptions):
    categories: frozenset[str] = Field(frozenset(), description="LanguageTool category ids this rule reports (TYPOS, GRAMMAR, STYLE, ...)")
    issue_types: frozenset[str] = Field(frozenset(), description="LanguageTool issue types this rule reports when no rule names the category")
    harper_kinds: frozenset[str] = Field(frozenset(), description="Harper lint kinds this rule reports (Spelling, Agreement, ...)")
    fallback: bool = Field(False, description="true on the one rule that reports matches no other rule claims")

    @model_validator(mode="after")
    def _reports_something(self) -> Options:
        if not (self.categories or self.issue_types or self.harper_kinds or self.fallback):
            raise ValueError("a languagetool rule needs 'categories', 'issue-types', 'harper-kinds' or 'fallback: true'")
        return self


class LanguageTool(RuleKind, name="languagetool"):
    Options = Options
    analyses = (grammar_issues,)
    message_fields = frozenset({"explanation", "source_rule", "checker"})

    @classmethod
    def prepare(cls, rules: Iterable[Rule]) -> None:
        router = Router(rules)
        for rule in rules:
            rule.checker.router = router

    def check(self, doc, context) -> Iterator[Match]:
        accepted = accepted_words(context.vocabulary)
        for located in doc.get(grammar_issues):
            if self.router.rule_for(located.issue) is not self.rule:
                continue
            issue = located.issue
            flagged = doc.document.blocks[located.block].text[located.start:located.end]
            if is_accepted_spelling(issue, flagged, accepted):
                continue
            suggestions = issue.replacements[:MAX_SUGGESTIONS]
            fix = None
            if suggestions:
                fix = Fix.replace(located.start, located.end, suggestions[0], Applicability.UNSAFE,
                                  "a grammar checker's suggestion: check that it keeps the sense")
            yield Match(located.block, located.start, located.end, suggestions, fix=fix, severity=issue.severity,
                        details={"source_rule": issue.rule_id, "explanation": issue.message, "checker": issue.checker})


class Router:
    """Which grammar rule reports a match (see the module docstring)."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.by_category: dict[str, Rule] = {}
        self.by_issue_type: dict[str, Rule] = {}
        self.by_harper_kind: dict[str, Rule] = {}
        self.fallback: Rule | None = None
        for rule in rules:
            options = rule.options
            for table, names in ((self.by_category, options.categories), (self.by_issue_type, options.issue_types),
                                 (self.by_harper_kind, options.harper_kinds)):
                for name in names:
                    if name in table:
                        raise ValueError(f"grammar rules {table[name].code} and {rule.code} both claim {name!r}")
                    table[name] = rule
            if options.fallback:
                if self.fallback is not None:
                    raise ValueError(f"grammar rules {self.fallback.code} and {rule.code} are both the fallback")
                self.fallback = rule

    def rule_for(self, issue: Issue) -> Rule | None:
        if issue.checker == HARPER:
            return self.by_harper_kind.get(issue.category) or self.fallback
        return self.by_category.get(issue.category) or self.by_issue_type.get(issue.issue_type) or self.fallback
