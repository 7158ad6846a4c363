"""HTML articles, read with the standard library's HTML tokenizer.

``html.parser`` is used because it reports where every tag and run of text
starts, which exact finding offsets need. lexbor (selectolax) and libxml2
(lxml) build trees faster but report no offsets (lxml a line at most);
justhtml reports where a node starts, not where its decoded characters came
from, and is slower. The element stack it leaves to the caller is kept here. ``<title>``, the meta
description and image ``alt`` text are linted; scripts, styles, code,
navigation, footers and forms are not. Character references are decoded and
runs of whitespace read as one space, both still mapped to their source span.

Three things the tokenizer gets wrong are worked around, so that what comes
before a ``<script>`` can never make its contents prose:

- It decodes references itself and, after an incomplete one (``&#`` with no
  digits), takes the rest of the file for text. It is fed the source with
  every ``&`` masked, so it only ever sees tags and text; references are
  decoded here, as ``html.unescape`` does, each mapped to its exact span.
- At the end of the input it turns an unfinished tag, comment or declaration
  into text. The whole file is fed at once, so unfinished means it runs to the
  end of the file, and here, as in a browser, the rest is inside it.
- It raises on ``<![`` sections it does not know; HTML reads them as bogus
  comments up to the next ``>``.
- It ends a script at ``</ script>``; HTML ends it only at ``</script``
  followed by a space, ``/`` or ``>``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from html.entities import html5
from html.parser import HTMLParser, attrfind_tolerant, tagfind_tolerant

from ..document import Block, BlockBuilder

# Elements whose text is never prose (the Markdown reader skips them in inline HTML too).
SKIPPED = {"script", "style", "code", "pre", "nav", "footer", "form", "noscript", "template", "svg", "button", "select", "textarea", "iframe", "head"}
_BLOCK_KINDS = {
    "title": "title",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "p": "paragraph", "li": "list-item", "dt": "list-item", "dd": "list-item",
    "blockquote": "quote", "td": "table-cell", "th": "table-cell", "figcaption": "paragraph", "caption": "paragraph",
}
# Elements that start a new line of prose: text on either side of them belongs to different blocks.
_BREAKING = set(_BLOCK_KINDS) | {"div", "section", "article", "main", "header", "aside", "ul", "ol", "dl", "table", "tr", "br", "hr", "body", "html", "figure"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_WHITESPACE = re.compile(r"\s+")
# Stands in for "&" in what the tokenizer sees: no pattern of html.parser treats it specially.
_MASK = "\x01"
# A character reference as html.unescape finds them (its private ``_charref``).
_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def reference_at(source: str, start: int, end: int) -> tuple[str, int] | None:
    """The text the character reference at ``start`` decodes to and where it ends, or None.

    Decodes as ``html.unescape``: a named reference without ``;`` is the
    longest known name that begins it ("&ampfoo" is "&" then "foo").
    """
    match = _REFERENCE.match(source, start, end)
    if match is None:
        return None
    name = match.group(1)
    if name.startswith("#"):
        return html.unescape(match.group()), match.end()
    if name in html5:
        return html5[name], match.end()
    for length in range(len(name) - 1, 1, -1):
        if name[:length] in html5:
            return html5[name[:length]], start + 1 + length
    return None


def spells(piece: str, text: str) -> bool:
    """Whether source ``piece`` reads as block ``text`` in HTML: itself, collapsed whitespace, a reference."""
    if piece == text or (text == " " and piece.isspace()):
        return True
    reference = reference_at(piece, 0, len(piece))
    return reference is not None and reference == (text, len(piece))


class _ArticleTokenizer(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.masked = source.replace("&", _MASK)
        # The tokenizer counts lines by "\n" alone; this turns its positions into offsets.
        self.newline_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self.blocks: list[Block] = []
        self.current: BlockBuilder | None = None
        # The open elements, and for each depth the innermost block element: kept
        # so that every tokenizer event costs the same however deep the nesting.
        self.open: list[str] = []
        self.block_tags: list[str | None] = []
        self.open_counts: Counter[str] = Counter()
        self.skipped = 0

    def read(self) -> list[Block]:
        self.feed(self.masked)
        self.close()
        self._flush()
        return self.blocks

    # -- positions ---------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self.newline_starts[line - 1] + column

    # -- the element stack -------------------------------------------------
    def _skipping(self) -> bool:
        # The document title is linted even though it sits in <head>.
        heads = self.open_counts["head"] if self.open_counts["title"] else 0
        return self.skipped > heads

    def _push(self, tag: str) -> None:
        self.open.append(tag)
        self.block_tags.append(tag if tag in _BLOCK_KINDS else (self.block_tags[-1] if self.block_tags else None))
        self.open_counts[tag] += 1
        self.skipped += tag in SKIPPED

    def _close(self, tag: str) -> None:
        """Close the element and anything left open inside it (HTML allows omitted end tags)."""
        if not self.open_counts[tag]:
            return
        while self.open:
            closed = self.open.pop()
            self.block_tags.pop()
            self.open_counts[closed] -= 1
            self.skipped -= closed in SKIPPED
            if closed == tag:
                break

    # -- blocks --------------------------------------------------------------
    def _flush(self) -> None:
        if self.current is not None and (block := self.current.build()) is not None:
            self.blocks.append(block)
        self.current = None

    def _open_block(self) -> BlockBuilder:
        if self.current is None:
            tag = self.block_tags[-1] if self.block_tags else None
            kind = _BLOCK_KINDS.get(tag, "paragraph")
            level = int(tag[1]) if kind == "heading" else (1 if kind == "title" else 0)
            self.current = BlockBuilder(kind, level)
        return self.current

    def _add_decoded(self, builder: BlockBuilder, start: int, end: int, collapse: bool) -> None:
        """Add ``source[start:end]`` with references decoded (and whitespace collapsed to one space)."""
        source = self.source
        position = start
        while position < end:
            ampersand = source.find("&", position, end)
            literal_end = ampersand if ampersand >= 0 else end
            if collapse:
                for space in _WHITESPACE.finditer(source, position, literal_end):
                    if space.start() > position:
                        builder.verbatim(source[position:space.start()], position)
                    builder.replaced(" ", space.start(), space.end())
                    position = space.end()
            if literal_end > position:
                builder.verbatim(source[position:literal_end], position)
            if ampersand < 0:
                return
            reference = reference_at(source, ampersand, end)
            if reference is None:
                builder.verbatim("&", ampersand)
                position = ampersand + 1
            else:
                builder.replaced(reference[0], ampersand, reference[1])
                position = reference[1]

    def _attribute_spans(self, attrs: list[tuple[str, str | None]]) -> dict[str, tuple[int, int]]:
        """Where each attribute value of the current start tag is in the source (the first of duplicates).

        Found with the tokenizer's own patterns, as it found the attributes;
        if they disagree with what it reported, no value is located at all.
        """
        start = self._offset()
        raw = self.get_starttag_text() or ""
        name = tagfind_tolerant.match(raw, 1)
        position = name.end() if name else len(raw)
        names, spans = [], {}
        while position < len(raw) and (attribute := attrfind_tolerant.match(raw, position)):
            names.append(attribute.group(1).lower())
            if attribute.group(2):
                value_start, value_end = attribute.span(3)
                if raw[value_start] in "'\"":
                    value_start, value_end = value_start + 1, value_end - 1
                spans.setdefault(names[-1], (start + value_start, start + value_end))
            position = attribute.end()
        return spans if names == [attribute_name for attribute_name, _ in attrs] else {}

    def _attribute_block(self, kind: str, span: tuple[int, int] | None) -> None:
        """A block for an attribute's text (meta description, alt)."""
        if span is None:
            return
        builder = BlockBuilder(kind)
        self._add_decoded(builder, *span, collapse=False)
        if (block := builder.build()) is not None:
            self.blocks.append(block)

    # -- tokenizer callbacks -------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKING:
            self._flush()
        if tag in ("meta", "img"):
            spans = self._attribute_spans(attrs)
            name = spans.get("name")
            if tag == "meta" and name and self.source[name[0]:name[1]].lower() == "description":
                self._attribute_block("meta-description", spans.get("content"))
            elif tag == "img" and not self._skipping():
                self._attribute_block("image-alt", spans.get("alt"))
        if tag not in _VOID:
            self._push(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self.CDATA_CONTENT_ELEMENTS:
            # HTML ignores the "/" of "<script/>": what follows is still script.
            self.set_cdata_mode(tag)
        elif tag not in _VOID and self.open and self.open[-1] == tag:
            self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKING:
            self._flush()
        self._close(tag)

    def handle_data(self, data: str) -> None:
        offset = self._offset()
        if self._skipping() or not data or not self.masked.startswith(data, offset):
            return
        if data.startswith("<") and len(data) > 1:
            return  # a start tag the tokenizer could not make sense of: markup, not prose
        self._add_decoded(self._open_block(), offset, offset + len(data), collapse=True)

    # -- unfinished constructs run to the end of the file -------------------
    def _to_end(self, end: int) -> int:
        return end if end >= 0 else len(self.rawdata)

    def parse_starttag(self, i: int) -> int:
        return self._to_end(super().parse_starttag(i))

    def parse_endtag(self, i: int) -> int:
        return self._to_end(super().parse_endtag(i))

    def parse_comment(self, i: int, report: int = 1) -> int:
        return self._to_end(super().parse_comment(i, report))

    def parse_bogus_comment(self, i: int, report: int = 1) -> int:
        return self._to_end(super().parse_bogus_comment(i, report))

    def parse_html_declaration(self, i: int) -> int:
        return self._to_end(super().parse_html_declaration(i))

    def parse_pi(self, i: int) -> int:
        return self._to_end(super().parse_pi(i))

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        return self._to_end(self.parse_bogus_comment(i, report=0))

    def set_cdata_mode(self, elem: str, **options: bool) -> None:
        super().set_cdata_mode(elem, **options)
        self.interesting = re.compile(rf"</{re.escape(self.cdata_elem)}(?=[\t\n\f\r />])", re.IGNORECASE)


def read_html(source: str) -> list[Block]:
    return _ArticleTokenizer(source).read()
