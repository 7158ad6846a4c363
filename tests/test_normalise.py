"""Typographic variants are matched as their plain forms, with offsets exact in the source."""

from __future__ import annotations

import pytest

from cliniclint.lint.normalise import normalise
from cliniclint.lint.readers import read_text, spelling_errors

from markup import assert_findings_point_at_their_text


@pytest.mark.parametrize(("text", "plain"), [
    ("risk\u2011free", "risk-free"),          # non-breaking hyphen
    ("risk\u2010free", "risk-free"),          # hyphen
    ("risk\u2012free", "risk-free"),          # figure dash
    ("pain\u00adless", "painless"),           # soft hyphen
    ("pain\u200bless", "painless"),           # zero-width space
    ("pain\u2060less", "painless"),           # word joiner
    ("pain\u2013free", "pain-free"),          # en dash between letters
    ("10\u201315 minutes", "10\u201315 minutes"),  # a range keeps its en dash
    ("wait \u2013 then", "wait \u2013 then"),  # a spaced dash is punctuation
    ("don\u2019t \u201csafe\u201d", "don't \"safe\""),
    ("no\u00a0downtime", "no downtime"),
])
def test_variants_read_as_plain_characters(text, plain):
    assert normalise(text)[0] == plain


@pytest.mark.parametrize(("source", "format", "spelt"), [
    ("Our peel is risk\u2011free.", "text", "risk\u2011free"),
    ("Microneedling is pain\u00adless.", "text", "pain\u00adless"),
    ("Laser hair removal is pain\u2013free.", "text", "pain\u2013free"),
    ("Fillers are pain\u200bless.", "markdown", "pain\u200bless"),
    ("<p>Our HIFU is risk&#8209;free.</p>", "html", "risk&#8209;free"),
    ("<p>Microneedling is pain&shy;less.</p>", "html", "pain&shy;less"),
    ("<p>Laser is pain&ndash;free.</p>", "html", "pain&ndash;free"),
    ("<p>It won&rsquo;t hurt a bit.</p>", "html", "won&rsquo;t hurt"),
])
def test_claims_spelt_with_variants_are_found_at_their_source_text(check, source, format, spelt):
    findings = check(source, format=format, select=("claim",))
    assert [f.text for f in findings] == [spelt]
    assert_findings_point_at_their_text(source, findings)
    assert spelling_errors(read_text(source, format)) == []


def test_dropped_characters_have_no_block_character_but_neighbours_keep_their_offsets():
    source = "Pain\u00adless\u200b peel"
    (block,) = read_text(source, "text").blocks
    assert block.text == "Painless peel"
    assert [source[block.starts[i]:block.ends[i]] for i in range(len(block.text))] == list("Painless peel")
