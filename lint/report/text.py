"""The human-readable report: findings grouped by file, each with its source line marked.

Everything from a file (its name, the excerpt, the matched text in messages)
is printed with control characters escaped: an article or a file name must
not be able to move the cursor, recolour or clear the reader's terminal.
"""

from __future__ import annotations

import click

from . import RenderOptions, Report, reporter
from .printable import escape_controls, plural, quote_name
from .views import checklist, spin_view, statistics

_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def _line_end(source: str, offset: int) -> int:
    ends = [found for found in (source.find("\n", offset), source.find("\r", offset)) if found >= 0]
    return min(ends, default=len(source))


def _source_line(source: str, finding) -> tuple[str, int, int]:
    """The finding's first line (``\n``, ``\r\n`` and a lone ``\r`` all end one), and the marker's start and width."""
    line_start = max(source.rfind("\n", 0, finding.start), source.rfind("\r", 0, finding.start)) + 1
    line = source[line_start:_line_end(source, finding.start)]
    start = finding.start - line_start
    width = max(1, min(finding.end, line_start + len(line)) - finding.start)
    return line, start, width


def _escaped(line: str, start: int, width: int) -> tuple[str, int, int]:
    """The line with control characters escaped, and the marker moved to stay under the same text."""
    before, marked, after = (escape_controls(part) for part in (line[:start], line[start:start + width],
                                                                line[start + width:]))
    return before + marked + after, len(before), max(1, len(marked))


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
        f"{plural(summary['findings'], 'finding')} in {plural(summary['files'], 'file')} ({severities}); "
        f"by family: {families}" + (f"; {plural(errors, 'file')} could not be read" if errors else "")
    )


def _facts(file) -> str:
    """One line of what the linter concluded about the whole article."""
    parts = []
    if (spin := spin_view(file)) is not None:
        parts.append(f"spin: {spin.density:.1f} per 100 words, {spin.label}")
    if file.procedures is not None:
        parts.append("about: " + (", ".join(file.procedures) if file.procedures else "no known procedure detected"))
    return "; ".join(parts)


def _checklist(file) -> list[str]:
    """Per procedure, each caveat concept: where the article conveys it, or that it does not."""
    lines = []
    for procedure in checklist(file):
        lines.append(f"  caveats for {procedure.procedure}:")
        for item in procedure.items:
            if item.state == "missing":
                lines.append(f"    {item.mark} {item.concept}: missing")
                continue
            where = f"{item.mark} {item.concept}: {item.line}:{item.column} {escape_controls(repr(item.text))}"
            if item.state == "partial":
                where += f", but does not name: {', '.join(item.missing_items)}"
            lines.append(f"    {where}")
    return lines


def _statistics(report: Report) -> str:
    rows = statistics(report)
    lines = [f"{row['count']:>6}  {row['code']:<6} {row['rule']:<32} {row['family']:<8}"
             + (f" {row['fixable']} fixable" if row["fixable"] else "") for row in rows]
    return "".join(line.rstrip() + "\n" for line in lines)


@reporter("text")
def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """Findings per file with their source line marked; ``explain`` adds each caveat checklist."""
    if options.statistics:
        return _statistics(report)
    if options.quiet:
        return summary_line(report) + "\n"
    color, explain = options.color, options.explain

    def style(text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if color else text

    out: list[str] = []
    for file in report.files:
        name = quote_name(file.path)
        if file.error:
            out.append(f"{style(name, bold=True)}: {style('error', fg='red')}: {escape_controls(file.error)}")
            continue
        if not file.findings and not explain:
            continue
        out.append(style(name, bold=True) + f" ({file.format}, {plural(file.words, 'word')})")
        facts = _facts(file)
        if facts:
            out.append(f"  {facts}")
        if explain:
            out.extend(_checklist(file))
        for finding in file.findings:
            severity = style(finding.severity, fg=_SEVERITY_COLOURS[finding.severity])
            out.append(
                f"  {finding.line}:{finding.column} {severity} "
                f"{style(finding.code, bold=True)} {escape_controls(finding.message)}  [{finding.rule}]"
            )
            line, start, width = _escaped(*_source_line(file.source, finding))
            excerpt, start = _excerpt(line, start, width)
            out.append(f"      {excerpt}")
            out.append("      " + " " * start + style("^" * width, fg=_SEVERITY_COLOURS[finding.severity]))
            if finding.suggestions:
                out.append(f"      suggestion: {escape_controls(' | '.join(finding.suggestions))}")
        out.append("")
    out.append(summary_line(report))
    ran = ", ".join(f"{family} {state}" for family, state in report.families.items())
    out.append(f"model: {report.model}" + (f"; families: {ran}" if ran else ""))
    return "\n".join(out) + "\n"
