"""The ``junit`` report: JUnit XML, which CI servers (GitLab, Jenkins, Azure) show as test results.

Each linted file is a test case; each finding is a ``failure`` in it, and a
file that could not be read is an ``error``. A clean file is a passing case.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from . import RenderOptions, Report, reporter
from .printable import display_name

# Characters XML 1.0 cannot carry at all, even escaped; they can occur in scraped articles.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", display_name(text))


@reporter("junit")
def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    errors = sum(1 for file in report.files if file.error)
    failed = sum(1 for file in report.files if file.findings)
    counts = {"tests": str(len(report.files)), "failures": str(failed), "errors": str(errors)}
    root = ET.Element("testsuites", name="cliniclint", **counts)
    suite = ET.SubElement(root, "testsuite", name="cliniclint", **counts)
    ET.SubElement(ET.SubElement(suite, "properties"), "property", name="model", value=report.model)
    for file in report.files:
        case = ET.SubElement(suite, "testcase", classname="cliniclint", name=_xml(file.path), file=_xml(file.path))
        if file.error:
            ET.SubElement(case, "error", message=_xml(file.error), type="input-error").text = _xml(file.error)
        for finding in file.findings:
            failure = ET.SubElement(case, "failure", message=_xml(f"{finding.code} {finding.message}"),
                                    type=f"{finding.code} {finding.severity}")
            detail = f"{finding.path}:{finding.line}:{finding.column}: {finding.severity} {finding.code} " \
                     f"[{finding.rule}] {finding.message}\n  text: {finding.text}"
            if finding.suggestions:
                detail += f"\n  suggestion: {' | '.join(finding.suggestions)}"
            failure.text = _xml(detail)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
