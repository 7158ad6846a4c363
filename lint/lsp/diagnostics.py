"""Findings as the editor shows them: diagnostics with a link to the rule's docs, and hover text.

A diagnostic carries the rule's code, severity and message, with the rule's
name and family in ``data``; its ``codeDescription`` links to the rule's entry
in its pack (the YAML that holds its docs and examples), at its line, so the
link works offline and for a team's own packs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import yaml
from lsprotocol import types

from ..finding import Finding
from ..report.views import RuleDoc
from ..rules import Rule
from .positions import PositionMap

SOURCE = "cliniclint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def _rule_lines(pack: str) -> dict[str, int]:
    """The 1-based line where each rule of a pack starts, from the YAML node tree (nothing is constructed)."""
    root = yaml.compose(Path(pack).read_text(encoding="utf-8"), Loader=_LOADER)
    if not isinstance(root, yaml.MappingNode):
        return {}
    lines = {}
    for key, value in root.value:
        if key.value != "rules" or not isinstance(value, yaml.SequenceNode):
            continue
        for node in value.value:
            if isinstance(node, yaml.MappingNode):
                for field, scalar in node.value:
                    if field.value == "code" and isinstance(scalar, yaml.ScalarNode):
                        lines[scalar.value] = node.start_mark.line + 1
    return lines


def docs_link(rule: Rule) -> str:
    """A URI of the rule's entry in its pack, as editors open it (``file:///…/spin.yaml#L12``)."""
    uri = Path(rule.pack).resolve().as_uri()
    line = _rule_lines(rule.pack).get(rule.code)
    return f"{uri}#L{line}" if line else uri


def diagnostic(finding: Finding, positions: PositionMap, rule: Rule | None) -> types.Diagnostic:
    return types.Diagnostic(
        range=positions.range(finding.start, finding.end),
        message=finding.message,
        severity=SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=docs_link(rule)) if rule else None,
        source=SOURCE,
        data={"rule": finding.rule, "family": finding.family, "suggestions": list(finding.suggestions)},
    )


def diagnostics(findings: Iterable[Finding], positions: PositionMap, rules: dict[str, Rule]) -> list[types.Diagnostic]:
    return [diagnostic(finding, positions, rules.get(finding.code)) for finding in findings]


def _finding_help(finding: Finding, rule: Rule | None) -> str:
    parts = [f"**{finding.code}** `{finding.rule}` · {finding.family} · {finding.severity}", finding.message]
    if finding.suggestions:
        label = "Suggestion" if len(finding.suggestions) == 1 else "Suggestions"
        parts.append(f"**{label}:** " + " · ".join(finding.suggestions))
    if finding.fix is not None:
        parts.append(f"**Fix:** {finding.fix.applicability.value} ({finding.fix.reason})")
    if rule is not None:
        parts.append(RuleDoc.of(rule).docs.strip())
        parts.append(f"[{finding.code} in its rule pack]({docs_link(rule)})")
    return "\n\n".join(parts)


def hover(findings: Sequence[Finding], rules: dict[str, Rule]) -> types.MarkupContent:
    """Markdown for the findings under the cursor: each with its message, suggestion, fix and the rule's docs."""
    return types.MarkupContent(kind=types.MarkupKind.Markdown,
                               value="\n\n---\n\n".join(_finding_help(f, rules.get(f.code)) for f in findings))
