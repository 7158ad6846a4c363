"""The ``json`` report; its shape is the JSON Schema beside this file."""

from __future__ import annotations

import json

from . import RenderOptions, Report, reporter
from .printable import display_name
from .views import statistics_json


FACTS = ("spin_density", "spin_verdict", "procedures", "caveats")


def file_entry(file) -> dict:
    path = display_name(file.path)  # JSON holds Unicode: bytes of the name that are not UTF-8 become \xNN
    entry = {"path": path, "format": file.format, "words": file.words, "error": file.error}
    entry.update({name: getattr(file, name) for name in FACTS if getattr(file, name) is not None})
    entry["findings"] = [{**finding.to_json(), "path": path} for finding in file.findings]
    return entry


@reporter("json")
def render(report: Report, options: RenderOptions = RenderOptions()) -> str:
    if options.statistics:
        return statistics_json(report)
    data = {
        "version": report.version,
        "model": report.model,
        "families": report.families,
        "files": [file_entry(file) for file in report.files],
        "summary": report.summary(),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
