"""Readers on real markup: what is linted, what is not, and the map back to the source."""

from __future__ import annotations

import pytest

from cliniclint.lint.readers import InputError, decode, read_text


def kinds_and_texts(source: str, format: str) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in read_text(source, format).blocks]


def assert_blocks_map_to_source(source: str, format: str) -> None:
    """Every block character comes from its source span: itself, or markup that decodes to it."""
    for block in read_text(source, format).blocks:
        for char, start, end in zip(block.text, block.starts, block.ends):
            piece = source[start:end]
            if end - start == 1 and not piece.isspace():
                assert piece == char
            else:
                assert char.isspace() or piece.startswith(("&", "\\")), (char, piece)


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
