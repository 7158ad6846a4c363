"""The ``html`` report: one self-contained page a writer or an editor opens in a browser.

At the top, the page for editors: counts per family and severity, and every
file ranked worst first with its spin verdict and the safety caveats it
lacks. Then each article, *rendered* as a reader sees it (headings,
paragraphs, lists, quotes; the page title and description labelled as such)
from the blocks the run kept (``FileResult.blocks``), with its findings
highlighted on the words they name; a toggle shows the source instead, with
the same highlights on the exact source text. Beside the text, a panel lists
the findings; a popover shows one finding's message, suggestion and rule,
placed by the page's script so that it always fits in the window. Filters by
family and severity, keyboard navigation (``j``/``k``), and a print layout.
Styles and script are inlined (``html.css``, ``html.js`` beside this
module), so the file can be mailed or archived as a CI artifact and still
work offline.

Every highlight is a ``<mark>`` whose ``data-findings`` lists the findings
covering it (overlapping findings split a span into pieces) and whose
``data-code``, ``data-family`` and ``data-severity`` describe the most severe.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from importlib import resources

from ..finding import SEVERITIES, Finding, severity_rank
from . import FileResult, RenderOptions, Report, reporter
from .article import ArticleBlock
from .printable import display_name, plural
from .views import ChecklistItem, FileSummary, RuleDoc, checklist, file_summaries, procedure_name, spin_view

Piece = tuple[int, int, int]  # text [start, end) covered by finding number ...
# How each block kind is shown; headings take their level (an article's h1 is the report's h3).
_ELEMENTS = {"paragraph": "p", "quote": "blockquote", "list-item": "li", "table-cell": "div"}
_LABELLED = {"title": "Page title", "meta-description": "Description", "image-alt": "Image"}
_GROUPS = {"list-item": "ul", "table-cell": "div"}  # consecutive blocks of these kinds stand together


def _asset(name: str) -> str:
    return (resources.files(__package__) / name).read_text(encoding="utf-8")


def _highlighted(text: str, pieces: Sequence[Piece], findings: Sequence[Finding], number: int) -> str:
    """``text``, escaped, with a mark around every part the pieces cover (each part names every finding on it)."""
    bounds = sorted({0, len(text)} | {start for start, _, _ in pieces} | {end for _, end, _ in pieces})
    out = []
    for start, end in zip(bounds, bounds[1:]):
        part = escape(text[start:end], quote=False)
        covering = [index for first, last, index in pieces if first <= start and end <= last]
        if not covering:
            out.append(part)
            continue
        lead = findings[max(covering, key=lambda i: severity_rank(findings[i].severity))]
        families = " ".join(sorted({f"fam-{findings[i].family}" for i in covering}))
        ids = " ".join(f"{number}-{i}" for i in covering)
        out.append(
            f'<mark class="hl {families} sev-{lead.severity}" tabindex="-1" data-findings="{ids}" '
            f'data-code="{escape(lead.code)}" data-family="{escape(lead.family)}" '
            f'data-severity="{lead.severity}">{part}</mark>'
        )
    return "".join(out)


def _block(block: ArticleBlock, pieces: Sequence[Piece], findings: Sequence[Finding], number: int) -> str:
    text = _highlighted(block.text, pieces, findings, number)
    if block.kind in _LABELLED:
        return (f'<p class="block {block.kind}"><span class="label">{_LABELLED[block.kind]}</span> '
                f'<span class="text">{text}</span></p>')
    tag = f"h{min(max(block.level, 1), 4) + 2}" if block.kind == "heading" else _ELEMENTS.get(block.kind, "p")
    return f'<{tag} class="block {block.kind}">{text}</{tag}>'


def _rendered(file: FileResult, number: int) -> tuple[str, set[int]]:
    """The article as a reader sees it, and which findings it shows (the others are not in its prose)."""
    shown: set[int] = set()
    out, group = [], None
    for block in file.blocks:
        pieces = []
        for index, finding in enumerate(file.findings):
            if (covered := block.covered(finding.start, finding.end)) is not None:
                pieces.append((*covered, index))
                shown.add(index)
        wanted = _GROUPS.get(block.kind)
        if wanted != group:
            if group:
                out.append(f"</{group}>")
            if wanted:
                out.append(f'<{wanted} class="group {block.kind}s">')
            group = wanted
        out.append(_block(block, pieces, file.findings, number))
    if group:
        out.append(f"</{group}>")
    return "".join(out), shown


def _source(file: FileResult, number: int) -> str:
    pieces = [(f.start, f.end, i) for i, f in enumerate(file.findings) if f.end > f.start]
    return _highlighted(file.source, pieces, file.findings, number)


def _finding_card(finding: Finding, id: str, in_article: bool) -> str:
    suggestion = ""
    if finding.suggestions:
        suggestion = f' → <span class="suggestion">{escape(" | ".join(finding.suggestions))}</span>'
    elsewhere = "" if in_article else '<p class="elsewhere">Not in the article\'s text: shown in the source view.</p>'
    return (
        f'<li class="finding fam-{finding.family} sev-{finding.severity}" data-finding="{id}" '
        f'data-code="{escape(finding.code)}" data-family="{finding.family}" data-severity="{finding.severity}" '
        f'data-in-article="{"true" if in_article else "false"}">'
        f'<button type="button" class="jump"><span class="badge sev-{finding.severity}">{finding.severity}</span> '
        f'<code>{escape(finding.code)}</code> <span class="rule">{escape(finding.rule)}</span> '
        f'<span class="where">line {finding.line}</span></button>'
        f'<p class="message">{escape(finding.message)}</p>'
        f'<p class="quote"><q>{escape(finding.text)}</q>{suggestion}</p>{elsewhere}</li>'
    )


def _finding_list(file: FileResult, number: int, shown: set[int]) -> str:
    if not file.findings:
        return '<p class="clean">No findings.</p>'
    cards = "".join(_finding_card(f, f"{number}-{i}", i in shown) for i, f in enumerate(file.findings))
    return f'<ol class="findings">{cards}</ol>'


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
    rendered, shown = _rendered(file, number)
    return (
        f'<article class="file" id="file-{number}" data-path="{path}" data-view="article">{head}'
        f'{_facts(file)}{_checklist(file)}'
        # A clean article's text starts folded away: the writer came for the findings.
        f'<details{" open" if file.findings else ""}><summary>Text and findings</summary>'
        '<div class="switch" role="group" aria-label="Show the article">'
        '<button type="button" data-show="article" aria-pressed="true">Article</button>'
        '<button type="button" data-show="source" aria-pressed="false">Source</button></div>'
        f'<div class="columns"><div class="text"><div class="rendered">{rendered}</div>'
        f'<pre class="source">{_source(file, number)}</pre></div>'
        f'<aside class="panel">{_finding_list(file, number, shown)}</aside></div></details></article>'
    )


def _gaps(summary: FileSummary) -> str:
    if not summary.gaps:
        return "—" if summary.procedures else ""
    return "".join(
        f'<div class="gap"><b>{escape(gap.procedure)}:</b> '
        + escape(", ".join([*gap.missing, *(f"{concept} (in part)" for concept in gap.partial)])) + "</div>"
        for gap in summary.gaps
    )


def _summary_row(summary: FileSummary) -> str:
    path = escape(display_name(summary.path))
    link = f'<a href="#file-{summary.number}">{path}</a>'
    if summary.error:
        return (f'<tr class="error" data-file="{summary.number}"><td>{link}</td>'
                f'<td colspan="6" class="input-error">could not be linted: {escape(summary.error)}</td></tr>')
    counts = "".join(f'<td class="count sev-{s}" data-severity="{s}">{summary.severities[s] or ""}</td>'
                     for s in reversed(SEVERITIES))
    spin = summary.spin
    verdict = f'<span class="verdict-{spin.verdict}">{spin.label}</span>' if spin else ""
    return (f'<tr data-file="{summary.number}"><td>{link}</td>{counts}<td>{verdict}</td>'
            f'<td class="gaps">{_gaps(summary)}</td><td>{escape(", ".join(summary.procedures))}</td></tr>')


def _editor_summary(report: Report) -> str:
    summaries = file_summaries(report)
    totals = report.summary()
    families = "".join(f'<li class="fam-{escape(family)}" data-family="{escape(family)}"><b>{count}</b> {escape(family)}</li>'
                       for family, count in totals["by_family"].items())
    severities = "".join(f'<li class="sev-{s}" data-severity="{s}"><b>{totals["by_severity"].get(s, 0)}</b> {s}</li>'
                         for s in reversed(SEVERITIES))
    judged = [s for s in summaries if s.spin is not None]
    spun = sum(s.spin.verdict == "spun" for s in judged)
    possibly = sum(s.spin.verdict == "possibly-spun" for s in judged)
    lacking = sum(bool(s.gaps) for s in summaries)
    headline = []
    if judged:
        headline.append(f'<li data-spun="{spun}"><b>{spun}</b> of {plural(len(judged), "article")} read as machine-spun</li>')
        if possibly:
            headline.append(f'<li data-possibly-spun="{possibly}"><b>{possibly}</b> possibly spun</li>')
    if any(s.procedures for s in summaries):
        headline.append(f'<li data-lacking="{lacking}"><b>{lacking}</b> lack safety caveats</li>')
    return (
        '<section id="summary" class="editor-summary"><h2>Summary for editors</h2>'
        f'<ul class="totals severities">{severities}</ul><ul class="totals families">{families}</ul>'
        f'<ul class="totals verdicts">{"".join(headline)}</ul>'
        '<table class="ranking"><caption>Articles, worst first</caption><thead><tr><th>Article</th>'
        '<th>Errors</th><th>Warnings</th><th>Info</th><th>Spin</th><th>Safety caveats missing</th><th>About</th>'
        f'</tr></thead><tbody>{"".join(_summary_row(s) for s in summaries)}</tbody></table></section>'
    )


def _filters(report: Report) -> str:
    families = sorted({f.family for f in report.findings})
    severities = [s for s in reversed(SEVERITIES) if any(f.severity == s for f in report.findings)]
    boxes = [f'<label><input type="checkbox" checked data-filter="family" value="{f}"> {f}</label>' for f in families]
    boxes += [f'<label><input type="checkbox" checked data-filter="severity" value="{s}"> {s}</label>' for s in severities]
    return f'<div class="filters">Show: {" ".join(boxes)}</div>' if boxes else ""


def _finding_data(report: Report, options: RenderOptions) -> str:
    """What the popover shows for each finding, as JSON the page's script reads (never as markup)."""
    summaries = {rule.code: RuleDoc.of(rule).summary for rule in options.rules}
    data = {
        f"{number}-{index}": {
            "code": finding.code, "rule": finding.rule, "family": finding.family, "severity": finding.severity,
            "message": finding.message, "suggestions": list(finding.suggestions),
            "fix": finding.fix.applicability.value if finding.fix else None,
            "about": summaries.get(finding.code, ""),
        }
        for number, file in enumerate(report.files) for index, finding in enumerate(file.findings)
    }
    # "<" escaped so that no article text can close the script element.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")


@reporter("html")
def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    summary = report.summary()
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
        '<p class="keys"><kbd>j</kbd> / <kbd>k</kbd> next / previous finding · <kbd>v</kbd> article or source · '
        '<kbd>Esc</kbd> close</p></header>'
        f'<main>{_editor_summary(report)}{articles}</main>'
        '<div id="popover" role="tooltip" hidden></div>'
        f'<script type="application/json" id="finding-data">{_finding_data(report, options)}</script>'
        f'<script>{_asset("html.js")}</script></body></html>\n'
    )
