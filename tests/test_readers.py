"""Readers on real markup: what is linted, what is not, and the map back to the source."""

from __future__ import annotations

import re

import pytest

from cliniclint.lint.document import MAX_BLOCK_LENGTH
from cliniclint.lint.readers import InputError, decode, read_text, spelling_errors


def kinds_and_texts(source: str, format: str) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in read_text(source, format).blocks]


def assert_blocks_map_to_source(source: str, format: str) -> None:
    """Every block character comes from its source span: itself, or markup that decodes to it."""
    assert spelling_errors(read_text(source, format)) == []


def test_plain_text_paragraphs_headings_and_lists():
    source = (
        "Microneedling for Acne Scars\n\nWhat is it?\nIt is a treatment with fine needles.\n"
        "It takes an hour.\n\n- Redness\n- Swelling for a day\n\nThis line is hard\nwrapped prose.\n"
    )
    assert kinds_and_texts(source, "text") == [
        ("title", "Microneedling for Acne Scars"),
        ("heading", "What is it?"),
        ("paragraph", "It is a treatment with fine needles."),
        ("paragraph", "It takes an hour."),
        ("list-item", "Redness"),
        ("list-item", "Swelling for a day"),
        ("paragraph", "This line is hard wrapped prose."),
    ]
    assert_blocks_map_to_source(source, "text")


def test_markdown_lints_prose_and_front_matter_but_not_code_or_link_targets():
    source = (
        "---\ntitle: \"Chemical peels &amp; you\"\ndescription: What a peel involves\nauthor: Dr A\n---\n"
        "# Chemical peels\n\nA peel uses **acid** on the [skin surface](https://example.org/painless).\n\n"
        "```html\n<p>painless booking widget</p>\n```\n\n<!-- painless note -->\n"
        "Use `SPF 50` daily \\*always\\* &amp; re-apply.\n\n"
        "![Redness after a peel](photo.jpg)\n\n| Peel | Downtime |\n|---|---|\n| Light | A day |\n\n"
        "> Quoted advice.\n\n- Item one\n"
    )
    blocks = kinds_and_texts(source, "markdown")
    assert ("title", "Chemical peels &amp; you") in blocks  # front matter is YAML, not HTML: no decoding
    assert ("meta-description", "What a peel involves") in blocks
    assert ("heading", "Chemical peels") in blocks
    assert ("paragraph", "A peel uses acid on the skin surface.") in blocks
    assert ("paragraph", "Use  daily *always* & re-apply.") in blocks
    assert ("image-alt", "Redness after a peel") in blocks
    assert ("table-cell", "Light") in blocks and ("table-cell", "A day") in blocks
    assert ("quote", "Quoted advice.") in blocks
    assert ("list-item", "Item one") in blocks
    assert not any("painless" in text or "author" in text for _, text in blocks)
    assert_blocks_map_to_source(source, "markdown")


def test_html_lints_title_meta_alt_and_article_but_not_scripts_nav_forms():
    source = (
        "<!doctype html><html><head><title>Laser hair removal &amp; you</title>"
        '<meta name="description" content="What to expect &mdash; honestly">'
        "<style>p { painless: 1 }</style><script>var painless = 1;</script></head>"
        "<body><nav><a href='/'>Home painless</a></nav><article><h1>Laser   hair\n removal</h1>"
        "<p>Laser light targets the hair&rsquo;s pigment.<br>It may sting.</p>"
        '<img src="x.jpg" alt="A laser &amp; a patient"><ul><li>Shaving first</li></ul>'
        "<pre>code painless</pre><form>Subscribe painless</form></article><footer>painless footer</footer></body></html>"
    )
    blocks = kinds_and_texts(source, "html")
    assert ("title", "Laser hair removal & you") in blocks
    assert ("meta-description", "What to expect — honestly") in blocks
    assert ("heading", "Laser hair removal") in blocks
    assert ("paragraph", "Laser light targets the hair’s pigment.") in blocks
    assert ("paragraph", "It may sting.") in blocks
    assert ("image-alt", "A laser & a patient") in blocks
    assert ("list-item", "Shaving first") in blocks
    assert not any("painless" in text for _, text in blocks)
    assert_blocks_map_to_source(source, "html")


def test_crlf_and_bom_keep_offsets_exact():
    data = "\ufeffTitle line\r\n\r\nFirst paragraph here.\r\nSecond one.\r\n".encode("utf-8")
    source = decode(data)
    assert not source.startswith("\ufeff")
    document = read_text(source, "text")
    assert [b.text for b in document.blocks] == ["Title line", "First paragraph here.", "Second one."]
    second = document.blocks[2]
    assert source[second.starts[0]:second.ends[-1]] == "Second one."
    assert document.position(second.starts[0]) == (4, 1)


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_empty_document_has_no_blocks(format):
    assert read_text("", format).blocks == ()
    assert read_text("\n  \n", format).blocks == ()


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"\x00\x01binary", "binary file"), (b"caf\xe9 latte", "not valid UTF-8")],
)
def test_undecodable_input_is_an_input_error(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data)


def test_hard_wrapped_prose_is_not_split_at_a_short_unpunctuated_line():
    wrapped = (
        "Botulinum toxin: patient information\n\n"
        "This page is part of the patient information library at Cedar Street\n"
        "Dermatology. It explains what the treatment involves and what it does not.\n\n"
        "Side effects\n"
        "Headache and bruising are the most common side effects reported by people.\n"
    )
    assert kinds_and_texts(wrapped, "text") == [
        ("title", "Botulinum toxin: patient information"),
        ("paragraph", "This page is part of the patient information library at Cedar Street "
                      "Dermatology. It explains what the treatment involves and what it does not."),
        ("heading", "Side effects"),
        ("paragraph", "Headache and bruising are the most common side effects reported by people."),
    ]


# -- regressions: each was found by a fuzzer or a user --------------------------------


def blocks_with_source(source: str, format: str) -> list[tuple[str, str, str]]:
    """(kind, text, the source the whole block spans) for each block; every character must spell."""
    document = read_text(source, format)
    assert spelling_errors(document) == []
    return [(block.kind, block.text, source[block.starts[0]:block.ends[-1]]) for block in document.blocks]


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_lone_cr_line_endings_are_line_breaks(format):
    source = {
        "text": "Laser facts\r\rThe skin heals and\rit takes a week.\r",
        "markdown": "# Laser facts\r\rThe skin heals and\rit takes a week.\r",
        "html": "<h1>Laser facts</h1>\r\r<p>The skin heals and\rit takes a week.</p>\r",
    }[format]
    document = read_text(source, format)
    assert spelling_errors(document) == []
    assert [block.text for block in document.blocks][:2] == ["Laser facts", "The skin heals and it takes a week."]
    week = source.index("week")
    assert document.position(week) == (4, source.index("week") - source.rindex("\r", 0, week))


def test_position_counts_crlf_cr_and_lf_as_one_line_break_each():
    document = read_text("a\r\nb\rc\nd", "text")
    assert [document.position(offset) for offset in (0, 3, 5, 7, 8)] == [(1, 1), (2, 1), (3, 1), (4, 1), (4, 2)]
    assert [document.line_text(line) for line in range(1, document.line_count + 1)] == ["a", "b", "c", "d"]


@pytest.mark.parametrize("reference", ["&#1;", "&#x80;", "&#xFFFF;", "&#0;", "&#9999999;"])
def test_numeric_references_that_decode_to_a_replacement_character(reference):
    markdown = blocks_with_source(f"Before {reference} after.\n", "markdown")
    assert markdown == [("paragraph", "Before \ufffd after.", f"Before {reference} after.")]
    html_blocks = blocks_with_source(f"<p>Before {reference} after.</p>", "html")
    assert html_blocks[0][2] == f"Before {reference} after."


def test_markdown_ampersand_without_semicolon_next_to_an_escape():
    assert blocks_with_source("Tom &amp\\* Jerry\n", "markdown") == [
        ("paragraph", "Tom &amp* Jerry", "Tom &amp\\* Jerry")
    ]


@pytest.mark.parametrize(
    "source",
    ["- ![Redness after\n  microneedling](a.jpg)\n", "> ![Redness after\n> microneedling](a.jpg)\n",
     "![Redness after\r\nmicroneedling](a.jpg)\r\n", "![Redness after\rmicroneedling](a.jpg)\r"],
)
def test_markdown_alt_text_wrapped_across_lines(source):
    alts = [block for block in blocks_with_source(source, "markdown") if block[0] == "image-alt"]
    assert [(kind, text) for kind, text, _ in alts] == [("image-alt", "Redness after microneedling")]


def test_markdown_table_cell_with_an_escaped_pipe():
    source = "| Peel | Notes |\n|---|---|\n| TCA \\| deep | a \\\\| b |\n"
    cells = [block for block in blocks_with_source(source, "markdown") if block[0] == "table-cell"]
    assert [(text, spelt) for _, text, spelt in cells] == [
        ("Peel", "Peel"), ("Notes", "Notes"), ("TCA | deep", "TCA \\| deep"), ("a | b", "a \\\\| b"),
    ]


def test_markdown_prose_after_a_link_title_points_at_the_prose():
    source = '[Our clinic](https://example.org/painless "painless and permanent") results are permanent.\n'
    document = read_text(source, "markdown")
    block, = document.blocks
    assert block.text == "Our clinic results are permanent."
    start, end = block.source_span(block.text.index("permanent"), len(block.text) - 1)
    assert (start, end) == (source.rindex("permanent"), source.rindex("permanent") + len("permanent"))


def test_markdown_code_and_html_between_prose_keep_positions():
    source = "Use `SPF\n50` daily <b\nclass=x>then</b> a &amp; b, see <https://example.org/a&amp;b> now.\n"
    block, = read_text(source, "markdown").blocks
    assert block.text == "Use  daily then a & b, see  now."
    now = block.text.index("now")
    assert block.source_span(now, now + 3) == (source.index("now"), source.index("now") + 3)


def test_markdown_inline_script_and_code_elements_are_not_prose():
    assert [text for _, text, _ in blocks_with_source("a <script>painless</script> b <code>x</code> c\n", "markdown")] == [
        "a  b  c"
    ]


@pytest.mark.parametrize(
    ("references", "decoded"),
    [("&amp lights &ampfoo &notit;", "& lights &foo ¬it;"), ("&#233x", "éx"), ("&AMP &amp;amp", "& &amp"),
     ("&#x26 &#38;&#38", "& &&")],
)
def test_html_references_without_semicolon(references, decoded):
    for source in (f'<img alt="Lasers {references} done">', f"<p>Lasers {references} done</p>"):
        assert blocks_with_source(source, "html") == [
            ("image-alt" if "img" in source else "paragraph", f"Lasers {decoded} done", f"Lasers {references} done")
        ]


def test_html_alt_is_the_alt_attribute_not_data_alt():
    source = '<img data-alt="risk-free laser" src="a.jpg" alt="risk-free laser">'
    alt, = read_text(source, "html").blocks
    assert alt.starts[0] == source.index(' alt="') + len(' alt="')


def test_html_first_of_duplicate_attributes_wins():
    source = '<img alt="first text" alt="second text">'
    assert blocks_with_source(source, "html") == [("image-alt", "first text", "first text")]


@pytest.mark.parametrize("before", ["&#", "&# x;", "&#x", "&#x;", "&", "a &#", "<p>&#</p>"])
def test_html_script_after_an_incomplete_reference_is_not_prose(before):
    source = f"<p>Start {before}</p><script>var painless = 'risk-free';</script><p>End &amp; more</p>"
    texts = [text for _, text, _ in blocks_with_source(source, "html")]
    assert not any("painless" in text for text in texts)
    assert texts[-1] == "End & more"


@pytest.mark.parametrize(
    "source",
    ["<p>Before <!-- never closed <script>painless</script>", "<p>Before <a title='never closed>painless",
     "<p>Before <!doctype html painless", "<p>Before <?php painless", "<p>Before </p painless",
     "<p>Before <![CDATA[ painless", "<p>Before <b class='x painless"],
)
def test_html_unfinished_markup_is_never_prose(source):
    # A browser reads the rest of the file as part of the unfinished tag, comment or declaration.
    assert [text for _, text, _ in blocks_with_source(source, "html")] == ["Before"]


@pytest.mark.parametrize("section", ["<![if foo]>", "<![endif]>", "<![CDATA[x]]>", "<![ painless ]>"])
def test_html_marked_sections_are_bogus_comments(section):
    assert [text for _, text, _ in blocks_with_source(f"<p>Before {section} after</p>", "html")] == ["Before  after"]


@pytest.mark.parametrize(
    "source",
    ["<script/>painless</script><p>After</p>", "<script>a = '</ script>painless';</script><p>After</p>",
     "<style>p::after { content: '</ style>painless' }</style><p>After</p>"],
)
def test_html_script_and_style_end_where_a_browser_ends_them(source):
    assert [text for _, text, _ in blocks_with_source(source, "html")] == ["After"]


def test_html_deep_nesting_and_unclosed_tags_keep_kinds():
    source = "<div>" * 50 + "<h2>Deep <b>heading" + "<span>" * 50 + " text</h2>" + "<p>Para</p>" + "</div>" * 50
    assert [(kind, text) for kind, text, _ in blocks_with_source(source, "html")] == [
        ("heading", "Deep heading text"), ("paragraph", "Para"),
    ]


def test_html_title_is_linted_inside_head_but_other_head_text_is_not():
    source = "<html><head><title>Peels &amp; you</title>stray painless text</head><body><p>Body</p></body></html>"
    assert [(kind, text) for kind, text, _ in blocks_with_source(source, "html")] == [
        ("title", "Peels & you"), ("paragraph", "Body"),
    ]


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_a_block_over_the_length_limit_is_split_with_offsets_intact(format):
    sentence = "Microneedling can cause redness and swelling for a day or two. "
    body = sentence * (1_200_000 // len(sentence))
    source = {"text": body, "markdown": body, "html": f"<p>{body}</p>"}[format]
    document = read_text(source, format)
    assert spelling_errors(document) == []
    assert len(document.blocks) > 1_000_000 // MAX_BLOCK_LENGTH
    assert all(len(block.text) <= MAX_BLOCK_LENGTH for block in document.blocks)
    # Each piece ends at a sentence end, and together they are the whole paragraph.
    assert all(block.text.endswith(".") for block in document.blocks)
    assert " ".join(block.text for block in document.blocks) == body.strip()


def test_a_long_block_without_sentence_ends_is_split_at_whitespace_then_anywhere():
    words = read_text("word " * 60_000, "text").blocks
    assert len(words) == 3 and all(len(block.text) <= MAX_BLOCK_LENGTH for block in words)
    assert all(block.text.startswith("word") and block.text.endswith("word") for block in words)
    unbroken = read_text("x" * 250_000, "text").blocks
    assert [len(block.text) for block in unbroken] == [MAX_BLOCK_LENGTH, MAX_BLOCK_LENGTH, 50_000]
    assert [block.starts[0] for block in unbroken] == [0, MAX_BLOCK_LENGTH, 2 * MAX_BLOCK_LENGTH]


def test_the_engine_checks_every_piece_of_a_split_paragraph(check):
    # spaCy refuses a text over nlp.max_length, 1,000,000 by default (E088); blocks stay far below it.
    sentence = "Protect your pores and skin after treatment. "
    source = sentence * (MAX_BLOCK_LENGTH // len(sentence) + 100)
    findings = check(source, "text", select=["SP101"])
    assert [finding.start for finding in findings] == [match.start() for match in re.finditer("pores and skin", source)]
    assert findings[-1].start > MAX_BLOCK_LENGTH
