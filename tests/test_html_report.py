"""The html report, in a real headless Chromium driven by Playwright.

The rendered view shows the article (not its markup) with highlights on the
right words, the popover always fits in the window, filters hide what they
say, keys step through findings, the summary ranks files, and it prints.
Screenshots of the article view, the popover at the right edge and the
summary are saved to ``test-artifacts/`` for review (CI keeps them).

CI must run these: .ci/run installs Debian's `chromium`, and with CI set a
missing browser (or Playwright) is a failure. On a developer's machine
without them the browser tests are skipped with that reason.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cliniclint import lint
from cliniclint.lint.analysis.procedures import procedure_table
from cliniclint.lint.readers import read_text
from cliniclint.lint.report import html
from cliniclint.lint.report.article import ArticleBlock
from cliniclint.lint.report.views import file_summaries

from markup import DOCUMENTS

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"]
MARKDOWN = """\
---
title: Microneedling at home
description: What a dermal-filler clinic says about pores and skin.
---
# Microneedling &amp; &lt;your&gt; skin 😀

Protect your **pores and skin** after microneedling; pores and
skin heal in days. The results are permanent.

<!-- cliniclint-disable-next-line SP101 -->
Wear sunscreen on pores and skin.

- Keep pores and skin clean.
- Side effects include redness. <script>alert("not run")</script>

> Our pores and skin experts agree.

<!-- cliniclint-disable-next-line CL999 -->
""" + "".join(f"Line {n}: protect pores and skin daily, and keep it simple for everyone.\n" for n in range(12))
HTML_PAGE = """\
<!DOCTYPE html><html><head><title>Fillers and pores and skin</title>
<meta name="description" content="Painless lip fillers."></head>
<body><nav><a href="/">Home</a> <a href="/book">Book now</a></nav>
<main><h1>Lip fillers</h1>
<p>Dermal fillers restore volume to pores and&#32;skin. They are painless &amp; permanent.</p>
<img src="a.png" alt="Smooth pores and skin">
</main><footer>Copyright clinic</footer></body></html>
"""


def _report(tmp_path: Path) -> lint.Report:
    (tmp_path / "article.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "fillers.html").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("Wear sunscreen every day.\n", encoding="utf-8")
    (tmp_path / "broken.md").write_bytes(b"caf\xe9\n")
    return lint.check_paths([str(tmp_path)])


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return _report(tmp_path_factory.mktemp("articles"))


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if not CHROMIUM.exists() or sync_playwright is None:
        message = "headless Chromium and Playwright are needed: apt-get install chromium; pip install '.[test]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page_file(report, tmp_path_factory):
    from cliniclint.lint.rules import load_rules

    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html.render(report, lint.report.RenderOptions(rules=load_rules())), encoding="utf-8")
    return path


@pytest.fixture
def open_page(browser, page_file):
    """``open_page(width, height)``: the report in a fresh page, its script run; fails on any script error."""
    pages = []

    def opened(width: int = 1280, height: int = 900):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
        page.goto(page_file.as_uri())
        assert page.evaluate("document.documentElement.dataset.ready") == "true"
        pages.append(page)
        return page

    yield opened
    for page in pages:
        assert page.errors == []
        page.close()


def _file(report, name):
    number, file = next((n, f) for n, f in enumerate(report.files) if f.path.endswith(name))
    return number, file


def _marks(page, selector: str, finding_id: str) -> list[str]:
    """The text of each highlight that names the finding, in ``selector``'s view."""
    return page.eval_on_selector_all(
        f"{selector} mark.hl", "(marks, id) => marks.filter(m => m.dataset.findings.split(' ').includes(id))"
        ".map(m => m.textContent)", finding_id)


def _words(text: str) -> str:
    return " ".join(text.split())


# -- the source map kept for the rendered view -------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["markdown", "html", "text"]).flatmap(lambda f: st.tuples(st.just(f), DOCUMENTS[f])), st.data())
def test_block_source_maps_find_exactly_the_characters_a_span_covers(document, data):
    format, source = document
    for block in read_text(source, format).blocks:
        kept = ArticleBlock.of(block)
        first = data.draw(st.integers(0, len(block.text) - 1))
        last = data.draw(st.integers(first + 1, len(block.text)))
        start, end = block.source_span(first, last)
        covered = [i for i in range(len(block.text)) if block.starts[i] < end and start < block.ends[i]]
        assert kept.covered(start, end) == (covered[0], covered[-1] + 1)


# -- the rendered view --------------------------------------------------------------------------

def test_highlights_land_on_the_words_in_the_rendered_view(report, open_page):
    page = open_page()
    checked = 0
    for name in ("article.md", "fillers.html"):
        number, file = _file(report, name)
        for index, finding in enumerate(file.findings):
            pieces = _marks(page, f"#file-{number} .rendered", f"{number}-{index}")
            if finding.code == "MT101":  # a suppression comment is markup: only the source view shows it
                assert pieces == []
                continue
            # The reader sees the source's words with markup and entities read: "pores and&#32;skin" is "pores and skin".
            expected = _words(re.sub(r"\*\*", "", finding.text.replace("&#32;", " ").replace("&amp;", "&")))
            assert _words("".join(pieces)) == expected, finding
            checked += 1
    assert checked >= 10
    number, file = _file(report, "fillers.html")
    entity = next(f for f in file.findings if f.text == "pores and&#32;skin")
    assert _marks(page, f"#file-{number} .rendered", f"{number}-{file.findings.index(entity)}") == ["pores and skin"]


def test_the_rendered_view_shows_the_article_not_its_markup(report, open_page):
    page = open_page()
    number, _ = _file(report, "article.md")
    article = page.inner_text(f"#file-{number} .rendered")
    for markup in ("**", "---", "title:", "<!--", "cliniclint-disable", "<script", "alert("):
        assert markup not in article
    assert "Microneedling & <your> skin 😀" in article  # the heading as a reader reads it
    assert page.locator(f"#file-{number} .rendered h3.heading").inner_text() == "Microneedling & <your> skin 😀"
    assert page.locator(f"#file-{number} .rendered .title .text").inner_text() == "Microneedling at home"
    assert page.locator(f"#file-{number} .rendered ul.group li").count() == 2
    assert page.locator(f"#file-{number} .rendered blockquote").inner_text() == "Our pores and skin experts agree."
    number, _ = _file(report, "fillers.html")
    page_text = page.inner_text(f"#file-{number} .rendered")
    assert "Book now" not in page_text and "Copyright" not in page_text and "<p>" not in page_text
    assert page.inner_text(f"#file-{number} .rendered .image-alt .text") == "Smooth pores and skin"


def test_the_source_view_is_a_toggle_away_with_exact_highlights(report, open_page):
    page = open_page()
    number, file = _file(report, "article.md")
    assert not page.is_visible(f"#file-{number} pre.source")
    page.click(f"#file-{number} .switch button[data-show=source]")
    assert page.is_visible(f"#file-{number} pre.source") and not page.is_visible(f"#file-{number} .rendered")
    for index, finding in enumerate(file.findings):
        assert "".join(_marks(page, f"#file-{number} pre.source", f"{number}-{index}")) == finding.text
    assert "<!-- cliniclint-disable-next-line CL999 -->" in page.inner_text(f"#file-{number} pre.source")


def test_the_popover_fits_in_the_window_for_a_finding_at_the_right_edge(report, open_page):
    page = open_page(width=640, height=800)
    number, _ = _file(report, "article.md")
    rects = f"#file-{number} .rendered mark.hl"
    first_line_boxes = "marks => marks.map(m => { const r = m.getClientRects()[0]; return [r.left, r.top, r.right]; })"
    lines = page.eval_on_selector_all(rects, first_line_boxes)
    rightmost = max(range(len(lines)), key=lambda i: lines[i][2])
    page.locator(rects).nth(rightmost).scroll_into_view_if_needed()
    left, top, right = page.eval_on_selector_all(rects, first_line_boxes)[rightmost]
    assert right > 640 - 80  # the highlight ends at the text's right edge, by the window's
    page.mouse.move(right - 2, top + 4)
    popover = page.locator("#popover")
    assert popover.is_visible()
    box = popover.bounding_box()
    assert left + box["width"] > 640  # where a tooltip left-aligned on the highlight would be cut off
    assert 0 <= box["x"] and box["x"] + box["width"] <= 640 and 0 <= box["y"] and box["y"] + box["height"] <= 800
    centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.evaluate("([x, y]) => document.getElementById('popover').contains(document.elementFromPoint(x, y))",
                         list(centre))  # on top of everything, not under the panel
    assert "SP101" in popover.inner_text() and "→ skin" in popover.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-popover-right-edge.png"))


def test_filters_hide_what_they_should(report, open_page):
    page = open_page()
    number, file = _file(report, "article.md")

    def visible(selector):
        return page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent !== null).length")

    spin = sum(f.family == "spin" for f in file.findings)
    assert spin and visible(f"#file-{number} li.finding.fam-spin") == spin
    page.uncheck("input[data-filter=family][value=spin]")
    assert visible("li.finding.fam-spin") == 0
    assert visible(f"#file-{number} li.finding") == len(file.findings) - spin
    states = page.eval_on_selector_all("mark.hl", """marks => marks.map(m => ({
        muted: m.classList.contains('muted'), background: getComputedStyle(m).backgroundColor,
        families: m.dataset.findings.split(' ').map(id =>
            document.querySelector(`li.finding[data-finding="${id}"]`).dataset.family)}))""")
    assert any(s["muted"] for s in states) and not all(s["muted"] for s in states)
    for state in states:  # muted exactly when every finding on it is a spin finding, and then not highlighted
        assert state["muted"] == all(family == "spin" for family in state["families"])
        assert (state["background"] == "rgba(0, 0, 0, 0)") == state["muted"]
    page.uncheck("input[data-filter=severity][value=error]")
    assert visible("li.finding.sev-error") == 0 and visible("li.finding.sev-warning.fam-spin") == 0
    assert visible("li.finding.sev-warning") == sum(f.severity == "warning" and f.family != "spin"
                                                    for r in report.files for f in r.findings)
    page.check("input[data-filter=family][value=spin]")
    page.check("input[data-filter=severity][value=error]")
    assert visible("li.finding") == sum(len(f.findings) for f in report.files if f.findings)


def test_keys_step_through_findings(report, open_page):
    page = open_page()
    order = [(n, i) for n, file in enumerate(report.files) for i, _ in enumerate(file.findings)]
    page.keyboard.press("j")
    assert page.get_attribute("li.finding[aria-current=true]", "data-finding") == "%d-%d" % order[0]
    page.keyboard.press("j")
    current = "%d-%d" % order[1]
    assert page.get_attribute("li.finding[aria-current=true]", "data-finding") == current
    assert page.is_visible("#popover")
    code = report.files[order[1][0]].findings[order[1][1]].code
    assert page.inner_text("#popover .head").startswith(code)
    focused = page.evaluate("document.activeElement.dataset.findings")
    assert current in focused.split()
    page.keyboard.press("k")
    assert page.get_attribute("li.finding[aria-current=true]", "data-finding") == "%d-%d" % order[0]
    page.keyboard.press("Escape")
    assert not page.is_visible("#popover")


def test_a_finding_only_in_the_source_opens_the_source_view(report, open_page):
    page = open_page()
    number, file = _file(report, "article.md")
    index = next(i for i, f in enumerate(file.findings) if f.code == "MT101")
    assert page.get_attribute(f'li.finding[data-finding="{number}-{index}"]', "data-in-article") == "false"
    page.click(f'li.finding[data-finding="{number}-{index}"] .jump')
    assert page.is_visible(f"#file-{number} pre.source")
    assert page.evaluate("document.activeElement.textContent").startswith("<!-- cliniclint-disable-next-line CL999")


def test_procedures_are_named_as_people_write_them(report, open_page):
    page = open_page()
    text = page.inner_text("body")
    slugs = [pid for pid, spec in procedure_table().procedures.items() if pid != spec.name]
    number, file = _file(report, "fillers.html")
    assert file.procedures == ["dermal-filler"]
    assert "dermal fillers" in text
    for slug in slugs:
        # The article's own words may contain a slug ("a dermal-filler clinic"); the report's never do.
        shown = text.count(slug)
        in_articles = sum(page.inner_text(f"#file-{n} .rendered").count(slug)
                          for n, f in enumerate(report.files) if f.blocks)
        in_findings = sum(page.inner_text(f"#file-{n} .panel").count(slug) for n, f in enumerate(report.files)
                          if f.findings)
        assert shown == in_articles + in_findings, slug


def test_the_summary_ranks_files_and_names_gaps(report, open_page):
    page = open_page()
    rows = page.eval_on_selector_all("#summary tbody tr", "rows => rows.map(r => r.dataset.file)")
    # Worst first, as an editor would sort them by hand: unreadable files, then errors, warnings, infos.
    expected = sorted(range(len(report.files)), key=lambda n: (
        report.files[n].error is None, *(-sum(f.severity == s for f in report.files[n].findings)
                                         for s in ("error", "warning", "info")), report.files[n].path))
    assert rows == [str(n) for n in expected]
    assert page.inner_text(f'#summary tr[data-file="{expected[0]}"]').count("could not be linted")
    for family, count in report.summary()["by_family"].items():
        assert page.inner_text(f'#summary .families li[data-family="{family}"]') == f"{count} {family}"
    number, file = _file(report, "fillers.html")
    missing = [c for c, evidence in file.caveats["dermal-filler"].items() if evidence is None]
    gaps = page.inner_text(f'#summary tr[data-file="{number}"] .gaps')
    assert gaps.startswith("dermal fillers:") and all(concept in gaps for concept in missing)
    spun = sum(f.spin_verdict == "spun" for f in report.files)
    assert page.inner_text("#summary .verdicts li[data-spun]").startswith(f"{spun} of ")
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#summary").screenshot(path=str(ARTIFACTS / "report-summary.png"))


def test_the_article_view_screenshot(report, open_page):
    page = open_page(width=1280, height=1000)
    number, _ = _file(report, "article.md")
    page.evaluate(f"document.getElementById('file-{number}').scrollIntoView()")
    page.locator(f"#file-{number} .rendered p.paragraph mark.fam-spin").first.hover()  # a popover open
    assert page.is_visible("#popover")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-article.png"))
    assert (ARTIFACTS / "report-article.png").stat().st_size > 10_000


def test_it_prints_every_article_with_its_findings(report, open_page):
    page = open_page()
    number, file = _file(report, "clean.txt")
    assert not file.findings and page.evaluate(f"!document.querySelector('#file-{number} details').open")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("[...document.querySelectorAll('details')].every(d => d.open)")
    for hidden in (".filters", ".keys", ".switch", "#popover"):
        assert page.eval_on_selector_all(hidden, "els => els.every(e => getComputedStyle(e).display === 'none')")
    number, file = _file(report, "article.md")
    assert page.is_visible(f"#file-{number} .panel li.finding")
    assert len(page.pdf()) > 10_000  # Chromium lays it out as pages


# -- without a browser ----------------------------------------------------------------------

class Marks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self._open = {**dict(attrs), "text": ""}
            self.marks.append(self._open)

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data


def test_overlapping_findings_split_into_pieces(tmp_path):
    """Two findings over the same words: every piece names each finding that covers it, in both views."""
    path = tmp_path / "a.md"
    path.write_text("Protect your pores and skin.\n")
    report = lint.check_paths([str(path)], lint.Config(select=("SP101",)))
    file, = report.files
    finding, = file.findings
    wider = replace(finding, code="SP999", start=finding.start - 5, text="your " + finding.text, severity="error")
    page = Marks()
    page.feed(html.render(replace(report, files=[replace(file, findings=[wider, finding])])))
    pieces = [("your ", "0-0", "error"), ("pores and skin", "0-0 0-1", "error")]
    assert [(m["text"], m["data-findings"], m["data-severity"]) for m in page.marks] == pieces * 2


def test_article_text_cannot_break_out_of_the_finding_data(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Protect your pores and skin.</script><script>alert(1)</script>\n")
    report = lint.check_paths([str(path)], lint.Config(select=("SP101",)))
    page = html.render(report)
    data = page[page.index('id="finding-data">'):]
    assert "</script><script>alert" not in data[:data.index("</script>")]


def test_the_summary_view_ranks_as_it_says(report):
    summaries = file_summaries(report)
    assert summaries[0].error is not None  # broken.md cannot be read: it comes first
    errors = [s.severities["error"] for s in summaries if s.error is None]
    assert errors == sorted(errors, reverse=True)
