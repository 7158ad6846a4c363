"""HTML articles, read with the standard library's HTML tokenizer.

``html.parser`` is used because it is the parser that reports where each tag
and run of text starts in the source, which exact finding offsets need; the
element stack it leaves to the caller is kept here. ``<title>``, the meta
description and image ``alt`` text are linted; scripts, styles, code,
navigation, footers and forms are not. Character references are decoded and
runs of whitespace read as one space, both still mapped to their source span.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..document import Block, BlockBuilder
from .align import CHAR_REF, append_located

_SKIPPED = {"script", "style", "code", "pre", "nav", "footer", "form", "noscript", "template", "svg", "button", "select", "textarea", "iframe", "head"}
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


class _ArticleParser(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.current: BlockBuilder | None = None

    # -- positions ---------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _skipping(self) -> bool:
        return any(tag in _SKIPPED for tag in self.stack)

    # -- blocks --------------------------------------------------------------
    def _flush(self) -> None:
        if self.current is not None and (block := self.current.build()) is not None:
            self.blocks.append(block)
        self.current = None

    def _open_block(self) -> BlockBuilder:
        if self.current is None:
            tag = next((t for t in reversed(self.stack) if t in _BLOCK_KINDS), None)
            kind = _BLOCK_KINDS.get(tag, "paragraph")
            level = int(tag[1]) if kind == "heading" else (1 if kind == "title" else 0)
            self.current = BlockBuilder(kind, level)
        return self.current

    def _attribute_block(self, kind: str, value: str | None, name: str) -> None:
        """A block for an attribute's text (meta description, alt), located inside the raw tag."""
        if not value or not value.strip():
            return
        start = self._offset()
        raw = self.get_starttag_text() or ""
        match = re.search(rf"\b{name}\s*=\s*(['\"]?)", raw, re.IGNORECASE)
        if match is None:
            return
        builder = BlockBuilder(kind)
        value_start = start + match.end()
        append_located(builder, value, self.source, value_start, start + len(raw), escapes=False)
        if (block := builder.build()) is not None:
            self.blocks.append(block)

    # -- tokenizer callbacks -------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _BREAKING:
            self._flush()
        if tag == "meta" and (attributes.get("name") or "").lower() == "description":
            self._attribute_block("meta-description", attributes.get("content"), "content")
        elif tag == "img" and not self._skipping():
            self._attribute_block("image-alt", attributes.get("alt"), "alt")
        if tag == "title":
            # The document title is linted even though it sits in <head>.
            self.stack = [t for t in self.stack if t != "head"]
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKING:
            self._flush()
        if tag in self.stack:
            # Close the element and anything left open inside it (HTML allows omitted end tags).
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._skipping() or not data:
            return
        builder = self._open_block()
        offset = self._offset()
        position = 0
        for space in _WHITESPACE.finditer(data):
            if space.start() > position:
                builder.verbatim(data[position:space.start()], offset + position)
            builder.replaced(" ", offset + space.start(), offset + space.end())
            position = space.end()
        if position < len(data):
            builder.verbatim(data[position:], offset + position)

    def _handle_reference(self) -> None:
        if self._skipping():
            return
        start = self._offset()
        reference = CHAR_REF.match(self.source, start)
        if reference is None:  # the tokenizer only calls this at a reference
            return
        self._open_block().replaced(html.unescape(reference.group()), start, reference.end())

    def handle_entityref(self, name: str) -> None:
        self._handle_reference()

    def handle_charref(self, name: str) -> None:
        self._handle_reference()


def read_html(source: str) -> list[Block]:
    parser = _ArticleParser(source)
    parser.feed(source)
    parser.close()
    parser._flush()
    return parser.blocks
