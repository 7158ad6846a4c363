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

The backend is asked once per document, by the run's grammar session
(:mod:`cliniclint.lint.grammar`); every grammar rule reads that one answer.
With no session (grammar off) the rules find nothing, and the report says
grammar did not run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..finding import Match
from ..grammar.client import Issue
from ..grammar.filters import accepted_words, is_accepted_spelling
from ..grammar.harper import CHECKER as HARPER
from . import RuleKind, register

if TYPE_CHECKING:
    from ..rules import Rule

MAX_SUGGESTIONS = 5  # LanguageTool offers up to ~20 spellings; the first few are the useful ones


def _names(data: dict, field: str) -> frozenset[str]:
    value = data.get(field, [])
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise ValueError(f"field '{field}' must be a list of names")
    return frozenset(value)


@register
class LanguageTool(RuleKind):
    name = "languagetool"
    fields = {
        "categories": "LanguageTool category ids this rule reports (TYPOS, GRAMMAR, STYLE, ...)",
        "issue-types": "LanguageTool issue types this rule reports when no rule names the category",
        "harper-kinds": "Harper lint kinds this rule reports (Spelling, Agreement, ...)",
        "fallback": "true on the one rule that reports matches no other rule claims",
    }

    def __init__(self, rule, data) -> None:
        super().__init__(rule, data)
        self.categories = _names(data, "categories")
        self.issue_types = _names(data, "issue-types")
        self.harper_kinds = _names(data, "harper-kinds")
        self.fallback = data.get("fallback", False)
        if not isinstance(self.fallback, bool):
            raise ValueError("field 'fallback' must be true or false")
        if not (self.categories or self.issue_types or self.harper_kinds or self.fallback):
            raise ValueError("a languagetool rule needs 'categories', 'issue-types', 'harper-kinds' "
                             "or 'fallback: true'")

    def check(self, doc, context) -> Iterator[Match]:
        session = context.grammar
        if session is None:
            return
        accepted = accepted_words(context.vocabulary)
        for located in doc.shared("languagetool", lambda parsed: session.issues(parsed.document)):
            if session.router.rule_for(located.issue) is not self.rule:
                continue
            issue = located.issue
            flagged = doc.document.blocks[located.block].text[located.start:located.end]
            if is_accepted_spelling(issue, flagged, accepted):
                continue
            yield Match(
                located.block, located.start, located.end,
                suggestions=issue.replacements[:MAX_SUGGESTIONS],
                details={"source_rule": issue.rule_id, "explanation": issue.message, "checker": issue.checker},
            )


class Router:
    """Which grammar rule reports a match (see the module docstring)."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.by_category: dict[str, Rule] = {}
        self.by_issue_type: dict[str, Rule] = {}
        self.by_harper_kind: dict[str, Rule] = {}
        self.fallback: Rule | None = None
        for rule in rules:
            kind = rule.checker
            for table, names in ((self.by_category, kind.categories), (self.by_issue_type, kind.issue_types),
                                 (self.by_harper_kind, kind.harper_kinds)):
                for name in names:
                    if name in table:
                        raise ValueError(f"grammar rules {table[name].code} and {rule.code} both claim {name!r}")
                    table[name] = rule
            if kind.fallback:
                if self.fallback is not None:
                    raise ValueError(f"grammar rules {self.fallback.code} and {rule.code} are both the fallback")
                self.fallback = rule

    def rule_for(self, issue: Issue) -> Rule | None:
        if issue.checker == HARPER:
            return self.by_harper_kind.get(issue.category) or self.fallback
        return self.by_category.get(issue.category) or self.by_issue_type.get(issue.issue_type) or self.fallback
