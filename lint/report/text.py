"""The human-readable report: findings grouped by file, each with its source line marked."""

from __future__ import annotations

import click

from ..verdict import LABELS
from . import Report

_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def _source_line(source: str, finding) -> tuple[str, int, int]:
    """The finding's first line, and the marker's start and width on it."""
    line_start = source.rfind("\n", 0, finding.start) + 1
    line_end = source.find("\n", finding.start)
    line = source[line_start: line_end if line_end >= 0 else len(source)].rstrip("\r")
    start = finding.start - line_start
    width = max(1, min(finding.end, line_start + len(line)) - finding.start)
    return line, start, width


def _excerpt(line: str, start: int, width: int, room: int = 100) -> tuple[str, int]:
    """Shorten long lines around the span; return the text and the span's new start."""
    if len(line) <= room:
        return line, start
    left = max(0, start - room // 3)
    right = min(len(line), max(left + room, start + width + 10))
    prefix = "…" if left else ""
    suffix = "…" if right < len(line) else ""
    return prefix + line[left:right] + suffix, start - left + len(prefix)


def summary_line(report: Report) -> str:
    """Counts by severity and family, and how many files could not be read."""
    summary = report.summary()
    families = ", ".join(f"{name} {count}" for name, count in summary["by_family"].items()) or "none"
    severities = ", ".join(f"{count} {name}" for name, count in summary["by_severity"].items()) or "no findings"
    errors = sum(1 for file in report.files if file.error)
    return (
        f"{summary['findings']} findings in {summary['files']} files ({severities}); by family: {families}"
        + (f"; {errors} files could not be read" if errors else "")
    )


def _facts(file) -> str:
    """One line of what the linter concluded about the whole article."""
    parts = []
    if file.spin_verdict is not None:
        parts.append(f"spin: {file.spin_density:.1f} per 100 words, {LABELS[file.spin_verdict]}")
    if file.procedures is not None:
        parts.append("about: " + (", ".join(file.procedures) if file.procedures else "no known procedure detected"))
    return "; ".join(parts)


_MARKS = {"present": "✓", "partial": "◐", "missing": "✗"}


def _checklist(file) -> list[str]:
    """Per procedure, each caveat concept: where the article conveys it, or that it does not."""
    lines = []
    for procedure, concepts in (file.caveats or {}).items():
        lines.append(f"  caveats for {procedure}:")
        for concept, evidence in concepts.items():
            if evidence is None:
                lines.append(f"    {_MARKS['missing']} {concept}: missing")
            elif evidence["missing_items"]:
                named = ", ".join(evidence["missing_items"])
                lines.append(f"    {_MARKS['partial']} {concept}: {evidence['line']}:{evidence['column']} "
                             f"{evidence['text']!r}, but does not name: {named}")
            else:
                lines.append(f"    {_MARKS['present']} {concept}: {evidence['line']}:{evidence['column']} "
                             f"{evidence['text']!r}")
    return lines


def render(report: Report, color: bool, explain: bool = False) -> str:
    """``explain`` adds each file's caveat checklist with the evidence for every concept."""
    def style(text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if color else text

    out: list[str] = []
    for file in report.files:
        if file.error:
            out.append(f"{style(file.path, bold=True)}: {style('error', fg='red')}: {file.error}")
            continue
        if not file.findings and not explain:
            continue
        out.append(style(f"{file.path}", bold=True) + f" ({file.format}, {file.words} words)")
        facts = _facts(file)
        if facts:
            out.append(f"  {facts}")
        if explain:
            out.extend(_checklist(file))
        for finding in file.findings:
            severity = style(finding.severity, fg=_SEVERITY_COLOURS[finding.severity])
            out.append(
                f"  {finding.line}:{finding.column} {severity} "
                f"{style(finding.code, bold=True)} {finding.message}  [{finding.rule}]"
            )
            line, start, width = _source_line(file.source, finding)
            excerpt, start = _excerpt(line, start, width)
            out.append(f"      {excerpt}")
            out.append("      " + " " * start + style("^" * width, fg=_SEVERITY_COLOURS[finding.severity]))
            if finding.suggestions:
                out.append(f"      suggestion: {' | '.join(finding.suggestions)}")
        out.append("")
    out.append(summary_line(report))
    ran = ", ".join(f"{family} {state}" for family, state in report.families.items())
    out.append(f"model: {report.model}" + (f"; families: {ran}" if ran else ""))
    return "\n".join(out) + "\n"
