"""The ``sarif`` report: SARIF 2.1.0, as code-scanning dashboards (GitHub, GitLab, Azure) read it.

Rules carry their documentation and examples, results their exact regions,
a position-free fingerprint (the baseline's) so dashboards track a finding
across edits, and, for safe fixes, the replacement.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from ..baseline import fingerprint
from ..rules import Rule
from . import Report

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


def _help(rule: Rule) -> dict:
    text = [rule.docs]
    markdown = [rule.docs]
    if rule.examples.bad:
        text.append("Flagged:\n" + "\n".join(f"  - {e}" for e in rule.examples.bad))
        markdown.append("**Flagged:**\n\n" + "\n".join(f"- `{e}`" for e in rule.examples.bad))
    if rule.examples.good:
        text.append("Not flagged:\n" + "\n".join(f"  - {e}" for e in rule.examples.good))
        markdown.append("**Not flagged:**\n\n" + "\n".join(f"- `{e}`" for e in rule.examples.good))
    return {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)}


def rule_descriptor(rule: Rule) -> dict:
    summary = rule.docs.split("\n\n")[0].replace("\n", " ")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ")},
        "fullDescription": {"text": summary},
        "help": _help(rule),
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"family": rule.family, "tags": [rule.family]},
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
    if finding.fixable and finding.suggestions:
        result["fixes"] = [{
            "description": {"text": f"Replace '{finding.text}' with '{finding.suggestions[0]}'"},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{
                    "deletedRegion": {"charOffset": finding.start, "charLength": finding.end - finding.start},
                    "insertedContent": {"text": finding.suggestions[0]},
                }],
            }],
        }]
    return result


def render(report: Report, rules: Sequence[Rule]) -> str:
    """The report as a SARIF log; ``rules`` are every rule that can appear, for their documentation."""
    descriptors = [rule_descriptor(rule) for rule in rules]
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
