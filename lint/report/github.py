"""The ``github`` report: workflow commands that GitHub Actions turns into pull-request annotations.

One line per finding::

    ::warning file=a.md,line=3,col=14,endLine=3,endColumn=28,title=SP101::message

Columns count characters from 1; ``endColumn`` is the column just after the
span, as in SARIF. Values are escaped as the Actions runner expects, so a
message with a comma, colon or newline cannot break the command.
"""

from __future__ import annotations

from . import RenderOptions, Report, reporter
from .printable import display_name

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, properties: dict[str, object], message: str) -> str:
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {fields}::{escape_data(message)}"


@reporter("github")
def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    lines = []
    for file in report.files:
        if file.error:
            lines.append(_command("error", {"file": display_name(file.path), "title": "cliniclint"}, file.error))
        for finding in file.findings:
            message = finding.message
            if finding.suggestions and finding.suggestions[0] not in message:
                message += f" (suggestion: {finding.suggestions[0]})"
            lines.append(_command(COMMANDS[finding.severity], {
                "file": display_name(finding.path),
                "line": finding.line,
                "col": finding.column,
                "endLine": finding.end_line,
                "endColumn": finding.end_column,
                "title": finding.code,
            }, message))
    return "".join(line + "\n" for line in lines)
