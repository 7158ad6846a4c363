"""The ``sarif`` report: SARIF 2.1.0, as code-scanning dashboards (GitHub, GitLab, Azure) read it.

Rules carry their documentation and examples, results their exact regions,
a position-free fingerprint (the baseline's) so dashboards track a finding
across edits, and, for safe fixes, the replacements (dashboards offer to
apply a SARIF fix with one click, so unsafe fixes are left out).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from ..baseline import fingerprint
from . import RenderOptions, Report, reporter
from .views import RuleDoc

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/cliniclint/"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A path relative to the working directory (dashboards resolve it against the repository), else a file URI.

    The URI percent-encodes the name's bytes, so a name that is not UTF-8 still names its file.
    """
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_uri()
    return quote(os.fsencode(candidate.as_posix()))


def _help(doc: RuleDoc) -> dict:
    text = [doc.docs]
    markdown = [doc.docs]
    if doc.bad:
        text.append("Flagged:\n" + "\n".join(f"  - {e}" for e in doc.bad))
        markdown.append("**Flagged:**\n\n" + "\n".join(f"- `{e}`" for e in doc.bad))
    if doc.good:
        text.append("Not flagged:\n" + "\n".join(f"  - {e}" for e in doc.good))
        markdown.append("**Not flagged:**\n\n" + "\n".join(f"- `{e}`" for e in doc.good))
    return {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)}


def rule_descriptor(doc: RuleDoc) -> dict:
    return {
        "id": doc.code,
        "name": doc.name,
        "shortDescription": {"text": doc.name.replace("-", " ")},
        "fullDescription": {"text": doc.summary},
        "help": _help(doc),
        "defaultConfiguration": {"level": LEVELS[doc.severity]},
        "properties": {"family": doc.family, "tags": [doc.family]},
    }


def _result(finding, source: str, rule_index: dict[str, int]) -> dict:
    uri = artifact_uri(finding.path)
    result = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": finding.end_line,
                    "endColumn": finding.end_column,
                    "charOffset": finding.start,
                    "charLength": finding.end - finding.start,
                    "snippet": {"text": finding.text},
                },
            },
        }],
        "partialFingerprints": {"cliniclint/v1": fingerprint(finding, source)},
        "properties": {
            key: value for key, value in (
                ("family", finding.family), ("category", finding.category),
                ("procedure", finding.procedure), ("concept", finding.concept),
                ("suggestions", list(finding.suggestions) or None),
            ) if value is not None
        },
    }
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    if finding.fixable:
        fix = finding.fix
        result["fixes"] = [{
            "description": {"text": f"Replace '{finding.text}' with '{fix.edits[0].replacement}' ({fix.reason})"},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{
                    "deletedRegion": {"charOffset": edit.start, "charLength": edit.end - edit.start},
                    "insertedContent": {"text": edit.replacement},
                } for edit in fix.edits],
            }],
        }]
    return result


@reporter("sarif")
def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    """The report as a SARIF log; ``options.rules`` are every rule that can appear, for their documentation."""
    descriptors = [rule_descriptor(RuleDoc.of(rule)) for rule in options.rules]
    rule_index = {descriptor["id"]: index for index, descriptor in enumerate(descriptors)}
    results = [_result(finding, file.source, rule_index) for file in report.files for finding in file.findings]
    notifications = [
        {
            "level": "error",
            "message": {"text": file.error},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(file.path)}}}],
        }
        for file in report.files if file.error
    ]
    run = {
        "tool": {
            "driver": {
                "name": "cliniclint",
                "version": report.version,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
                "properties": {"model": report.model, "families": report.families},
            },
        },
        # Columns and offsets count Unicode characters, as Python strings do.
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not report.has_errors, "toolExecutionNotifications": notifications}],
        "results": results,
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
