"""Inline suppression comments in Markdown and HTML articles.

Directives are HTML comments, which both formats keep out of the rendered page::

    <!-- cliniclint-disable CL101, spin -->   ...   <!-- cliniclint-enable -->
    <!-- cliniclint-disable-next-line SP101 -->
    <!-- cliniclint-disable-file caveat -->

Each names rules the way ``select``/``ignore`` do: codes, code prefixes, rule
names or families, separated by commas or spaces; with none it means every
rule. ``disable`` silences findings that start after it, up to the
``enable`` that closes it or the end of the file; ``enable`` closes every open
range, or with names only the ranges that share one of them. ``disable-next-line`` silences findings that start on the next line
holding any text. ``disable-file`` silences them anywhere in the file.

A directive that silences nothing is reported by the ``unused-suppression``
rule (MT101, as ruff's RUF100 does), so stale ones do not pile up: a typo in a
directive or a rule name, a ``disable`` whose finding was since edited away,
an ``enable`` with nothing open. A name is only judged unused when a rule it
names actually ran; with ``--select spin`` a ``disable CL101`` is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .document import Document
from .engine import source_finding
from .finding import Finding
from .rules import Rule, selects

# Plain text has no comment syntax: a directive there would be prose.
FORMATS = ("markdown", "html")
ACTIONS = ("disable", "enable", "disable-next-line", "disable-file")

# The start of a directive; it ends at the comment's first "-->".
_DIRECTIVE_START = re.compile(r"<!--\s*cliniclint-([A-Za-z-]*)")
_COMMENT_END = "-->"
_SELECTOR_SEPARATOR = re.compile(r"[\s,]+")

@dataclass
class Directive:
    """One suppression comment: where it is, what it names, and what it ended up silencing."""

    action: str
    selectors: tuple[str, ...]  # empty: every rule
    start: int  # source offsets of the whole comment
    end: int
    line: int = 0  # disable-next-line: the line it applies to
    until: int | None = None  # disable: the offset where its range closes (None: end of file)
    closes: list[Directive] = field(default_factory=list)  # enable: the ranges it closed
    used: set[str] = field(default_factory=set)  # selectors ("" for a bare directive) that silenced a finding

    def names(self, rule_code: str, rules: dict[str, Rule]) -> list[str]:
        """The selectors of this directive that name the finding's rule ("" when it names all)."""
        if not self.selectors:
            return [""]
        rule = rules.get(rule_code)
        return [s for s in self.selectors if rule is not None and selects(s, rule)]

    def covers(self, finding: Finding) -> bool:
        if self.action == "disable-file":
            return True
        if self.action == "disable-next-line":
            return finding.line == self.line
        if self.action == "disable":
            return finding.start >= self.end and (self.until is None or finding.start < self.until)
        return False


def parse(document: Document) -> list[Directive]:
    """The directives in a document's source, with ranges closed and next lines resolved."""
    if document.format not in FORMATS:
        return []
    directives = []
    open_ranges: list[Directive] = []
    for start, action, body, end in _comments(document.source):
        selectors = tuple(s for s in _SELECTOR_SEPARATOR.split(body.strip()) if s)
        directive = Directive(action, selectors, start, end)
        if directive.action == "disable":
            open_ranges.append(directive)
        elif directive.action == "enable":
            for opened in list(open_ranges):
                if not selectors or set(opened.selectors) & set(selectors):
                    opened.until = directive.start
                    directive.closes.append(opened)
                    open_ranges.remove(opened)
        elif directive.action == "disable-next-line":
            directive.line = _next_text_line(document, directive.end)
        directives.append(directive)
    return directives


def _comments(source: str) -> Iterator[tuple[int, str, str, int]]:
    """Each directive comment: where it starts, its action, the text after it, where it ends.

    One pass: a comment that never closes ends the scan, since no later one
    can close either (a regex ``<!--.*?-->`` would rescan the rest of the
    file from each such start).
    """
    position = 0
    while match := _DIRECTIVE_START.search(source, position):
        close = source.find(_COMMENT_END, match.start(1))
        if close < 0:
            return
        action_end = min(match.end(1), close)  # "<!--cliniclint-enable-->": the "--" ends the comment
        position = close + len(_COMMENT_END)
        yield match.start(), source[match.start(1):action_end], source[action_end:close], position


def _next_text_line(document: Document, offset: int) -> int:
    """The line after the one holding ``offset`` that has any text (0 if there is none)."""
    for line in range(document.position(offset)[0] + 1, document.line_count + 1):
        if document.line_text(line).strip():
            return line
    return 0


class Suppressor:
    """Applies a document's directives to its findings and reports the directives that did nothing."""

    def __init__(self, known: Sequence[Rule], enabled: Sequence[Rule], unused: Rule | None) -> None:
        self.known = {rule.code: rule for rule in known}
        self.enabled = list(enabled)
        self.unused = unused  # the unused-suppression rule, when it is selected

    def apply(self, document: Document, findings: list[Finding]) -> list[Finding]:
        """The findings no directive silences, plus one finding per directive that silenced nothing."""
        directives = parse(document)
        if not directives:
            return findings
        kept = []
        for finding in findings:
            silenced = False
            for directive in directives:
                if directive.covers(finding):
                    names = directive.names(finding.code, self.known)
                    directive.used.update(names)
                    silenced = silenced or bool(names)
            if not silenced:
                kept.append(finding)
        if self.unused is not None:
            for directive in directives:
                if problem := self._problem(directive):
                    kept.append(source_finding(document, self.unused, directive.start, directive.end,
                                               {"problem": problem}))
        return sorted(kept, key=lambda f: (f.start, f.end, f.code))

    def _problem(self, directive: Directive) -> str | None:
        """Why a directive is worth reporting, or None when it did its job (or cannot be judged)."""
        if directive.action not in ACTIONS:
            return f"unknown directive 'cliniclint-{directive.action}' (known: {', '.join(ACTIONS)})"
        if directive.action == "enable":
            return None if directive.closes else "'cliniclint-enable' closes no open 'cliniclint-disable'"
        unknown = [s for s in directive.selectors if not any(selects(s, rule) for rule in self.known.values())]
        if unknown:
            return f"'{', '.join(unknown)}' names no rule (see 'cliniclint rules')"
        if not directive.selectors:
            return None if directive.used or not self.enabled else "it silences no finding"
        unused = [
            s for s in directive.selectors
            if s not in directive.used and any(selects(s, rule) for rule in self.enabled)
        ]
        if unused:
            return f"'{', '.join(unused)}' silences no finding here"
        return None
