"""The html report, rendered by real headless Chromium: highlights at the right text, checklist shown.

CI must run these: .ci/run installs Debian's `chromium`, and with CI set a
missing browser is a failure. On a developer's machine without Chromium the
browser tests are skipped with that reason.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cliniclint import lint
from cliniclint.lint.report import html

from conftest import require

CHROMIUM = Path("/usr/bin/chromium")
ARTICLE = """\
# Microneedling & <your> skin

Protect your pores and skin after microneedling; pores and skin heal in days.

<!-- cliniclint-disable-next-line SP101 -->
Wear sunscreen.

Side effects include redness. <script>alert("not run")</script>
"""


class Page(HTMLParser):
    """What the browser built: every highlight with its attributes and text, and the checklist items."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict] = []
        self.checklist: list[dict] = []
        self.root: dict = {}
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.root = attrs
        if tag == "mark":
            self._open = {**attrs, "text": ""}
            self.marks.append(self._open)
        if tag == "li" and "data-concept" in attrs:
            self._open = {**attrs, "text": ""}
            self.checklist.append(self._open)

    def handle_endtag(self, tag):
        if tag in ("mark", "li"):
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The report of one article, as the browser's DOM after the page's script ran."""
    require(CHROMIUM.exists(), "headless Chromium is needed for this test: apt-get install chromium")
    folder = tmp_path_factory.mktemp("html")
    article = folder / "article.md"
    article.write_text(ARTICLE)
    report = lint.check_paths([str(article)], lint.Config(select=("SP101", "MT101", "CV101", "CV102")))
    file, = report.files
    page = folder / "report.html"
    page.write_text(html.render(report), encoding="utf-8")
    browser = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0", f"--user-data-dir={folder / 'profile'}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert browser.returncode == 0, browser.stderr[-2000:]
    dom = Page()
    dom.feed(browser.stdout)
    return file, dom, browser.stderr


def test_the_page_script_ran_without_errors(rendered):
    _, dom, log = rendered
    assert dom.root.get("data-ready") == "true"
    assert "Uncaught" not in log


def test_every_finding_is_highlighted_at_its_text(rendered):
    file, dom, _ = rendered
    assert sorted(f.code for f in file.findings) == ["CV102", "MT101", "SP101", "SP101"]
    for index, finding in enumerate(file.findings):
        pieces = [mark for mark in dom.marks if f"0-{index}" in mark["data-findings"].split()]
        assert "".join(mark["text"] for mark in pieces) == finding.text
        assert {(m["data-code"], m["data-family"], m["data-severity"]) for m in pieces} == {
            (finding.code, finding.family, finding.severity)}
        assert all(finding.suggestions[0] in m["data-tip"] for m in pieces if finding.suggestions)


def test_nothing_else_is_highlighted_and_markup_is_shown_as_text(rendered):
    file, dom, _ = rendered
    assert len(dom.marks) == len(file.findings)
    assert all("script" not in mark["text"] for mark in dom.marks)


def test_the_caveat_checklist_renders_with_evidence(rendered):
    _, dom, _ = rendered
    items = {item["data-concept"]: item for item in dom.checklist}
    assert {"risks", "contraindications", "aftercare"} <= set(items)
    assert items["risks"]["data-present"] == "true" and "Side effects" in items["risks"]["text"]
    assert items["contraindications"]["data-present"] == "false"
    assert "not mentioned" in items["contraindications"]["text"]


def test_overlapping_findings_split_into_pieces(tmp_path):
    """Two findings over the same words: every piece names each finding that covers it."""
    report = lint.check_paths([str(_write(tmp_path, "Protect your pores and skin.\n"))], lint.Config(select=("SP101",)))
    file, = report.files
    finding, = file.findings
    wider = replace(finding, code="SP999", start=finding.start - 5, text="your " + finding.text, severity="error")
    page = Page()
    page.feed(html.render(replace(report, files=[replace(file, findings=[wider, finding])])))
    assert [(m["text"], m["data-findings"], m["data-severity"]) for m in page.marks] == [
        ("your ", "0-0", "error"), ("pores and skin", "0-0 0-1", "error")]


def _write(folder: Path, text: str) -> Path:
    path = folder / "a.md"
    path.write_text(text)
    return path
