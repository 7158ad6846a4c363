"""Markdown articles, parsed with markdown-it-py (CommonMark plus tables and front matter).

Prose is linted; code, HTML, link targets and autolinks are not. Front-matter
``title`` and ``description`` are linted as the title and meta description.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ..document import Block, BlockBuilder
from .align import append_located

_PARSER = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
_FRONT_MATTER_FIELD = re.compile(
    r"^(?P<key>title|description)[ \t]*:[ \t]*(?P<quote>['\"]?)(?P<value>.*?)(?P=quote)[ \t]*\r?$",
    re.MULTILINE,
)
_FRONT_MATTER_KINDS = {"title": "title", "description": "meta-description"}
_CONTAINER_KINDS = {"list_item_open": "list-item", "blockquote_open": "quote", "th_open": "table-cell", "td_open": "table-cell"}


def _line_offsets(source: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", source)]


def read_markdown(source: str) -> list[Block]:
    lines = _line_offsets(source)
    blocks: list[Block] = []
    containers: list[str] = []
    heading_level = 0
    for token in _PARSER.parse(source):
        if token.type == "front_matter":
            blocks.extend(_front_matter_blocks(source, lines, token))
        elif token.type in _CONTAINER_KINDS:
            containers.append(_CONTAINER_KINDS[token.type])
        elif token.type.endswith("_close") and token.type.replace("_close", "_open") in _CONTAINER_KINDS:
            containers.pop()
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "inline" and token.map:
            if heading_level:
                kind = "heading"
            else:
                kind = containers[-1] if containers else "paragraph"
            start = lines[token.map[0]]
            limit = lines[token.map[1]] if token.map[1] < len(lines) else len(source)
            blocks.extend(_inline_blocks(token, kind, heading_level, source, start, limit))
    return blocks


def _front_matter_blocks(source: str, lines: list[int], token: Token) -> list[Block]:
    start = lines[token.map[0]]
    end = lines[token.map[1]] if token.map[1] < len(lines) else len(source)
    blocks = []
    for field in _FRONT_MATTER_FIELD.finditer(source, start, end):
        builder = BlockBuilder(_FRONT_MATTER_KINDS[field["key"]], level=1 if field["key"] == "title" else 0)
        builder.verbatim(field["value"], field.start("value"))
        if (block := builder.build()) is not None:
            blocks.append(block)
    return blocks


def _inline_blocks(token: Token, kind: str, level: int, source: str, cursor: int, limit: int) -> list[Block]:
    """The prose block for one inline token, plus a block per image alt text in it."""
    prose = BlockBuilder(kind, level)
    extra: list[Block] = []
    in_autolink = False
    for child in token.children or []:
        if child.type == "text" and not in_autolink:
            cursor = append_located(prose, child.content, source, cursor, limit)
        elif child.type in ("softbreak", "hardbreak"):
            newline = source.find("\n", cursor, limit)
            end = newline + 1 if newline >= 0 else cursor
            prose.replaced(" ", cursor, max(end, cursor + 1))
            cursor = end
        elif child.type == "link_open":
            in_autolink = child.markup == "autolink"
        elif child.type == "link_close":
            in_autolink = False
        elif child.type == "image":
            alt = BlockBuilder("image-alt")
            alt_start = source.find("![", cursor, limit)
            cursor = append_located(alt, child.content, source, alt_start + 2, limit)
            if (block := alt.build()) is not None:
                extra.append(block)
        elif child.type in ("code_inline", "html_inline") or (child.type == "text" and in_autolink):
            found = source.find(child.content, cursor, limit)
            cursor = found + len(child.content) if found >= 0 else cursor
    block = prose.build()
    return ([block] if block else []) + extra
