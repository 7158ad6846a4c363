"""Fuzzing the readers: generated Markdown, HTML and plain text, and arbitrary text.

Every property runs on real parsers and, for findings, the real engine. What
must hold, whatever the input: reading never raises; every block character is
spelt by the source it maps to (``spelling_errors``); text that is not prose
(code, scripts, link targets and titles, comments, other attributes) never
reaches a block; Markdown prose is exactly what markdown-it itself yields; and
findings select their text with line and column agreeing. Each property is
bounded to a few seconds; ``benchmarks/fuzz.py`` runs the same ones for longer.
"""

from __future__ import annotations

import html

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cliniclint.lint.readers.html import reference_at

from markup import ANY_TEXT, BROKEN_DOCUMENTS, DOCUMENTS, assert_findings_point_at_their_text, reader_problems

# Sized so the whole file runs in well under 20 s on a shared 2-core machine.
QUICK = settings(max_examples=100, deadline=None)


@QUICK
@given(DOCUMENTS["markdown"])
@example("Line one\rLine two\r\r# Heading\r")
@example("A &#1; b &#x80; c &#xFFFF; d")
@example("Tom &amp\\* Jerry")
@example("- ![alt\n  text](a.png)\n\n> ![alt\n> text](a.png)\n\n![alt\r\ntext](a.png)\r\n")
@example("| a \\| b | c |\n|---|---|\n| d \\\\| e | f |\n")
@example('[link](https://example.org/zzhidden "zzhidden title") prose words')
def test_markdown_reader(source):
    assert reader_problems(source, "markdown") == []


@QUICK
@given(DOCUMENTS["html"])
@example("<p>Line one\rLine two</p>\r<p>x</p>")
@example("<p>A &#1; b &#x80; c &#xFFFF;</p>")
@example('<img data-alt="zzhidden" alt="a &amp b &#233x">')
@example("<p>a &# b</p><script>zzhidden;</script><p>&#</p><script>zzhidden</script>")
@example("<p>x <!-- cliniclint-disable <script>zzhidden</script>")
def test_html_reader(source):
    assert reader_problems(source, "html") == []


@QUICK
@given(BROKEN_DOCUMENTS["html"])
def test_html_reader_on_broken_markup(source):
    assert reader_problems(source, "html", hidden=False) == []


@QUICK
@given(DOCUMENTS["text"])
@example("Title\r\rFirst line\rwrapped here.\r")
def test_plain_text_reader(source):
    assert reader_problems(source, "text") == []


@QUICK
@given(st.sampled_from(["text", "markdown", "html"]), st.one_of(ANY_TEXT, st.text(max_size=80)))
def test_any_text_is_read_exactly(format, source):
    assert reader_problems(source, format, hidden=False) == []


_NAMED = st.sampled_from(["amp", "AMP", "not", "notin", "nbsp", "eacute", "copy", "lt", "NotEqualTilde", "bogus"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.builds("&{}{}".format, _NAMED, st.sampled_from(["", ";", "x", "2", "; "])),
    st.builds("&#{}{}".format, st.integers(0, 0x11FFFF), st.sampled_from(["", ";", "x"])),
    st.builds("&#x{:x}{}".format, st.integers(0, 0x11FFFF), st.sampled_from(["", ";", "g"])),
    st.sampled_from(["&", "&#", "&#x", "a", " ", "<", ";"]),
), max_size=12).map("".join))
def test_references_decode_as_html_unescape_does(text):
    decoded, position = [], 0
    while position < len(text):
        reference = reference_at(text, position, len(text)) if text[position] == "&" else None
        if reference is None:
            decoded.append(text[position])
            position += 1
        else:
            decoded.append(reference[0])
            position = reference[1]
    assert "".join(decoded) == html.unescape(text)


# -- findings, through the real engine --------------------------------------------

# Prose the rules fire on, planted into generated documents.
_FIRING = "Protect your pores and skin; results are permanent and painless."


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["text", "markdown", "html"]).flatmap(
    lambda format: st.tuples(st.just(format), DOCUMENTS[format], st.sampled_from(["\n", "\r\n", "\r"]))
))
def test_generated_findings_point_at_their_text(check, case):
    format, body, newline = case
    # First, where nothing generated (an unclosed comment, say) can swallow it.
    planted = f"<p>{_FIRING}</p>" if format == "html" else _FIRING
    source = planted + newline * 2 + body
    findings = check(source, format)
    assert_findings_point_at_their_text(source, findings)
    if "cliniclint-disable" not in body:
        assert any(finding.text == "pores and skin" for finding in findings)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_findings_on_every_line_ending(check, newline):
    source = newline.join(["# Microneedling", "", "Protect your pores", "and skin after it.", ""])
    finding, = [f for f in check(source, "markdown") if f.code == "SP101"]
    assert finding.text == f"pores{newline}and skin"
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (3, 14, 4, 9)
