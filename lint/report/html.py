"""The ``html`` report: one self-contained page a writer opens in a browser.

Each article's source is shown with its findings highlighted in place,
coloured by family and outlined by severity; hovering a highlight shows the
message and the suggestion, which are also listed beside the text. Above the
text: the spin verdict, the procedures detected and, per procedure, the
safety-caveat checklist with the evidence found. Styles and script are
inlined (``html.css``, ``html.js`` beside this module), so the file can be
mailed or archived as a CI artifact and still work offline.

Every highlight is a ``<mark>`` whose ``data-findings`` lists the findings
covering it (overlapping findings split a span into pieces) and whose
``data-code``, ``data-family`` and ``data-severity`` describe the most severe.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from ..finding import severity_rank
from . import FileResult, RenderOptions, Report, reporter
from .printable import display_name, plural
from .views import ChecklistItem, checklist, procedure_name, spin_view


def _asset(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


def _tip(finding) -> str:
    tip = f"{finding.code} {finding.message}"
    if finding.suggestions:
        tip += f" → {finding.suggestions[0]}"
    return tip


def _highlighted(file: FileResult, number: int) -> str:
    """The source, escaped, with a mark around every piece of text that findings cover."""
    source, findings = file.source, file.findings
    bounds = sorted({0, len(source)} | {f.start for f in findings} | {f.end for f in findings})
    out = []
    for start, end in zip(bounds, bounds[1:]):
        text = escape(source[start:end], quote=False)
        covering = [i for i, f in enumerate(findings) if f.start <= start and end <= f.end]
        if not covering:
            out.append(text)
            continue
        main = max(covering, key=lambda i: severity_rank(findings[i].severity))
        lead = findings[main]
        families = " ".join(sorted({f"fam-{findings[i].family}" for i in covering}))
        ids = " ".join(f"{number}-{i}" for i in covering)
        tips = "\n".join(_tip(findings[i]) for i in covering)
        out.append(
            f'<mark class="hl {families} sev-{lead.severity}" data-findings="{ids}" '
            f'data-code="{escape(lead.code)}" data-family="{escape(lead.family)}" '
            f'data-severity="{lead.severity}" data-tip="{escape(tips)}">{text}</mark>'
        )
    return "".join(out)


def _finding_list(file: FileResult, number: int) -> str:
    items = []
    for i, finding in enumerate(file.findings):
        suggestion = ""
        if finding.suggestions:
            suggestion = f'<span class="suggestion">→ {escape(" | ".join(finding.suggestions))}</span>'
        items.append(
            f'<li class="finding fam-{finding.family} sev-{finding.severity}" data-finding="{number}-{i}" '
            f'data-code="{escape(finding.code)}" data-family="{finding.family}" data-severity="{finding.severity}">'
            f'<span class="where">{finding.line}:{finding.column}</span> '
            f'<span class="badge sev-{finding.severity}">{finding.severity}</span> '
            f'<code>{escape(finding.code)}</code> {escape(finding.message)} '
            f'<q>{escape(finding.text)}</q> {suggestion}</li>'
        )
    return f'<ol class="findings">{"".join(items)}</ol>' if items else '<p class="clean">No findings.</p>'


def _checklist_item(item: ChecklistItem) -> str:
    """One caveat concept: conveyed (with the text that conveys it), conveyed in part, or missing."""
    if item.state == "missing":
        body = "<em>not mentioned</em>"
    else:
        body = f'<q>{escape(item.text)}</q> <span class="where">line {item.line}</span>'
        if item.state == "partial":
            body += f' <em>does not name: {escape(", ".join(item.missing_items))}</em>'
    present = "true" if item.state == "present" else "false"
    return (f'<li class="{item.state}" data-concept="{escape(item.concept)}" data-present="{present}">'
            f'<span class="tick">{item.mark}</span> {escape(item.concept)} {body}</li>')


def _checklist(file: FileResult) -> str:
    procedures = checklist(file)
    if not procedures:
        return ""
    sections = [
        f'<div class="procedure" data-procedure="{escape(procedure.procedure)}"><h4>{escape(procedure.name)}</h4>'
        f'<ul>{"".join(_checklist_item(item) for item in procedure.items)}</ul></div>'
        for procedure in procedures
    ]
    return f'<section class="checklist"><h3>Safety caveats</h3>{"".join(sections)}</section>'


def _facts(file: FileResult) -> str:
    facts = []
    if (spin := spin_view(file)) is not None:
        facts.append(f'<div class="verdict verdict-{escape(spin.verdict)}" data-verdict="{escape(spin.verdict)}">'
                     f'<b>Spin:</b> {spin.label} <span class="where">{spin.density:.1f} spun phrases per 100 words</span></div>')
    if file.procedures is not None:
        names = ", ".join(escape(procedure_name(p)) for p in file.procedures) or "no known procedure detected"
        facts.append(f'<div class="procedures"><b>About:</b> {names}</div>')
    return f'<div class="facts">{"".join(facts)}</div>' if facts else ""


def _article(file: FileResult, number: int) -> str:
    path = escape(display_name(file.path))
    head = (f'<h2><span class="path">{path}</span> <span class="meta">{file.format}, '
            f'{plural(file.words, "word")}, {plural(len(file.findings), "finding")}</span></h2>')
    if file.error:
        return (f'<article class="file error" id="file-{number}" data-path="{path}">{head}'
                f'<p class="input-error">Could not be linted: {escape(file.error)}</p></article>')
    return (
        f'<article class="file" id="file-{number}" data-path="{path}">{head}'
        f'{_facts(file)}{_checklist(file)}'
        # A clean article's text starts folded away: the writer came for the findings.
        f'<details{" open" if file.findings else ""}><summary>Text</summary>'
        f'<div class="columns"><pre class="source">{_highlighted(file, number)}</pre>'
        f'{_finding_list(file, number)}</div></details></article>'
    )


def _filters(report: Report) -> str:
    families = sorted({f.family for f in report.findings})
    severities = [s for s in ("error", "warning", "info") if any(f.severity == s for f in report.findings)]
    boxes = [f'<label><input type="checkbox" checked data-filter="fam-{f}"> {f}</label>' for f in families]
    boxes += [f'<label><input type="checkbox" checked data-filter="sev-{s}"> {s}</label>' for s in severities]
    return f'<div class="filters">Show: {" ".join(boxes)}</div>' if boxes else ""


@reporter("html")
def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    summary = report.summary()
    contents = "".join(
        f'<li><a href="#file-{n}">{escape(display_name(file.path))}</a> '
        f'<span class="count">{"error" if file.error else len(file.findings)}</span></li>'
        for n, file in enumerate(report.files)
    )
    articles = "".join(_article(file, n) for n, file in enumerate(report.files))
    ran = ", ".join(f"{family} {state}" for family, state in report.families.items())
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>cliniclint report</title><style>{_asset("html.css")}</style></head><body>'
        f'<header><h1>cliniclint report</h1>'
        f'<p class="summary">{plural(summary["findings"], "finding")} in {plural(summary["files"], "file")} · '
        f'cliniclint {escape(report.version)} · model {escape(report.model)}'
        f'{" · families: " + escape(ran) if ran else ""}</p>{_filters(report)}'
        f'<nav><ol>{contents}</ol></nav></header><main>{articles}</main>'
        f'<script>{_asset("html.js")}</script></body></html>\n'
    )
