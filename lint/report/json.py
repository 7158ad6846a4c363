"""The ``json`` report; its shape is the JSON Schema beside this file."""

from __future__ import annotations

import json

from . import Report


def file_entry(file) -> dict:
    return {
        "path": file.path,
        "format": file.format,
        "words": file.words,
        "error": file.error,
        "findings": [finding.to_json() for finding in file.findings],
    }


def render(report: Report) -> str:
    data = {
        "version": report.version,
        "model": report.model,
        "files": [file_entry(file) for file in report.files],
        "summary": report.summary(),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
