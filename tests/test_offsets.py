"""Every finding selects exactly the text it names, in the original file, in every format.

Checked over the bundled corpus and over generated documents in all three
formats with markup, entities, escapes, CRLF line endings and non-ASCII text.
"""

from __future__ import annotations

import html
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cliniclint import lint
from cliniclint.lint.document import BlockBuilder, Offsets
from cliniclint.lint.readers import read_path, read_text, spelling_errors

from conftest import CORPUS
from markup import assert_findings_point_at_their_text


def test_corpus_findings_point_at_their_text(rules):
    report = lint.check_paths([str(CORPUS)], rules=rules)
    assert report.findings, "the corpus should produce findings"
    formats = set()
    for file in report.files:
        assert file.error is None
        formats.add(file.format)
        assert_findings_point_at_their_text(read_path(file.path).source, file.findings)


def test_every_corpus_block_character_is_spelt_by_its_source():
    paths = [path for path in sorted(CORPUS.rglob("*")) if path.suffix in (".txt", ".md", ".html")]
    assert {path.suffix for path in paths} == {".txt", ".md", ".html"}
    for path in paths:
        document = read_path(path)
        assert document.blocks, path
        assert spelling_errors(document) == [], path


def test_source_offsets_past_32_bits_stay_exact():
    far = 2**32 - 2  # where a 4 GiB source's last characters stand
    builder = BlockBuilder("paragraph")
    builder.verbatim("Painless", far - 8)
    builder.replaced(" ", far, far + 6)  # "&nbsp;" past the 32-bit limit
    builder.verbatim("peel", far + 6)
    block = builder.build()
    assert block.text == "Painless peel"
    assert block.source_span(0, 8) == (far - 8, far)
    assert block.source_span(8, 9) == (far, far + 6)
    assert block.source_span(9, 13) == (far + 6, far + 10)


# Pieces of a source map: (offset, characters, rising by one a character or staying on one piece of markup).
_PIECES = st.lists(st.tuples(st.integers(0, 40) | st.just(2**33), st.integers(0, 4), st.booleans()), max_size=8)


@given(_PIECES)
def test_offsets_read_as_the_numbers_they_stand_for(pieces):
    offsets, values = Offsets(), []
    for base, count, rises in pieces:
        offsets.add(base, count, rises)
        values += [base + i for i in range(count)] if rises else [base] * count
    assert list(offsets) == values and len(offsets) == len(values)
    assert [offsets[i] for i in range(-len(values), len(values))] == values[-len(values):] + values
    assert all(list(offsets[a:b]) == values[a:b] for a in range(len(values) + 1) for b in range(len(values) + 2))
    assert list(Offsets.of(values)) == values


def test_a_verbatim_paragraph_maps_to_the_source_in_a_few_bytes():
    line = "Microneedling needs a course of sessions and a careful aftercare routine"  # lines of one paragraph
    document = read_text("\n".join([line] * 1000) + "\n", "text", "long.txt")
    block, = document.blocks
    assert len(block.text) > 70_000
    assert document.source[block.starts[0]:block.ends[-1]].startswith(line)
    # The lines and the line breaks read as spaces between them rise through the source one for one.
    assert sys.getsizeof(block.starts) + sys.getsizeof(block.ends) < 1_000

# Prose fragments that rules fire on, plus plain ones, with non-ASCII text.
PHRASES = [
    "Protect your pores and skin after treatment.",
    "The micro-accidents heal within days.",
    "Results are permanent and painless for all skin types.",
    "Microneedling is 100% risk-free, guaranteed.",
    "A move-by-phase guide to Sunshine publicity.",
    "Side effects may include redness — café-au-lait spots are unaffected.",
    "Book now: offer ends Friday!",
    "Wear SPF 50 every day.",
    # typographic variants, read as their plain forms (lint/normalise.py)
    "It is risk\u2011free and pain\u00adless, pain\u2013free for 10\u201315 minutes, and it won\u2019t hurt.",
    "Zero\u200b-downtime, \u201cguaranteed\u201d and pain\u2060less.",
]


def _markdown_inline(text: str, style: int) -> str:
    if style == 3:  # entities and backslash escapes that decode to the prose
        return text.replace("&", "&amp;").replace("*", "\\*").replace("!", "\\!")
    words = text.split(" ")
    if style == 1 and len(words) > 2:
        words[1] = f"**{words[1]}**"
    elif style == 2 and len(words) > 3:
        words[2] = f"[{words[2]}](https://example.org/a_b)"
    return " ".join(words)


def _html_inline(text: str, style: int) -> str:
    escaped = html.escape(text, quote=False).replace("’", "&rsquo;").replace("é", "&#233;")
    words = escaped.split(" ")
    if style == 1 and len(words) > 2:
        words[1] = f"<strong>{words[1]}</strong>"
    elif style == 2 and len(words) > 3:
        words[2] = f'<a href="/x?a=1&amp;b=2">{words[2]}</a>'
    elif style == 3:
        return "\n   ".join(words)
    return " ".join(words)


# Markup whose text must never be linted, though a rule would fire on it.
CODE_FENCE = "```\nProtect your pores and skin.\n```"
SCRIPT = "<script>var s = 'pores and skin';</script>"


@st.composite
def documents(draw):
    format = draw(st.sampled_from(["text", "markdown", "html"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    paragraphs = draw(st.lists(st.tuples(st.sampled_from(PHRASES), st.integers(0, 3)), min_size=1, max_size=6))
    title = draw(st.sampled_from(["Microneedling guide", "Laser facts", "Peels &amp; more"]))
    chosen = [text for text, _ in paragraphs]
    if format == "text":
        body = (newline * 2).join(chosen)
        return format, title.replace("&amp;", "&") + newline * 2 + body + newline, chosen
    if format == "markdown":
        parts = [f"---{newline}title: {title}{newline}---", f"# {title}"]
        for text, style in paragraphs:
            prefix = "- " if style == 0 else ""
            parts.append(prefix + _markdown_inline(text, style))
        parts.append(CODE_FENCE.replace("\n", newline))
        return format, (newline * 2).join(parts) + newline, chosen
    parts = [f"<html><head><title>{title}</title></head><body>", f"<h1>{title}</h1>"]
    for text, style in paragraphs:
        tag = "li" if style == 0 else "p"
        parts.append(f"<{tag}>{_html_inline(text, style)}</{tag}>")
    parts.append(SCRIPT + "</body></html>")
    return format, newline.join(parts), chosen


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
def test_generated_findings_point_at_their_text(check, document):
    format, source, chosen = document
    findings = check(source, format)
    assert_findings_point_at_their_text(source, findings)
    if PHRASES[0] in chosen or PHRASES[1] in chosen:
        assert any(f.family == "spin" for f in findings)
    for unlinted in (CODE_FENCE.replace("\n", "\r\n"), CODE_FENCE.replace("\n", "\r"), CODE_FENCE, SCRIPT):
        if (at := source.find(unlinted)) >= 0:
            assert not any(at <= f.start < at + len(unlinted) for f in findings)
