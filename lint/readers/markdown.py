"""Markdown articles, parsed with markdown-it-py (CommonMark plus tables and front matter).

Prose is linted; code, HTML, link targets and titles, and autolinks are not.
Front-matter ``title`` and ``description`` are linted as the title and meta
description.

Every position comes from the parser, never from searching the source for the
text. Block tokens carry their lines (``map``); the block rule that made an
inline token is watched to record where, on its first line, the parser saw its
text begin. The inline tokenizer runs with a state that records which
characters of the inline source each text token consumed, and each rule call
is watched to learn the span of the tokens it made (an entity, an escape, a
line break, an image). The two maps compose: block text -> inline source ->
file. Joining adjacent text tokens would lose their positions, so markdown-it's
``text_join`` and ``fragments_join`` are off; the text they would join is the
same.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.common.entities import entities
from markdown_it.common.utils import MD_TRIM_CHARS, fromCodePoint, isMdAsciiPunct, isValidEntityCode, mdTrim
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_block.table import escapedSplit
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.entity import DIGITAL_RE, NAMED_RE
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from ..document import Block, BlockBuilder, line_starts
from .html import SKIPPED

_FRONT_MATTER_FIELD = re.compile(
    r"(?P<key>title|description)[ \t]*:[ \t]*(?P<quote>['\"]?)(?P<value>.*?)(?P=quote)[ \t]*"
)
_FRONT_MATTER_KINDS = {"title": "title", "description": "meta-description"}
# An inline HTML tag: its name, whether it ends an element, whether it is empty ("<br/>").
_HTML_TAG = re.compile(r"<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)[^>]*?(?P<empty>/?)>\Z", re.DOTALL)
_PROSE = {"text", "text_special", "softbreak", "hardbreak", "image"}
_CONTAINER_KINDS = {"list_item_open": "list-item", "blockquote_open": "quote", "th_open": "table-cell", "td_open": "table-cell"}
# CommonMark reads NUL as U+FFFD; every other character of a line reaches the parser as it is.
_NUL = "\x00"


def spells(piece: str, text: str) -> bool:
    """Whether source ``piece`` reads as block ``text`` in Markdown: itself, a line break
    (with the backslash of a hard break), an escape or an entity."""
    # In a table row "\|" is a pipe before anything else is read ("\\|" is an escaped one).
    piece = piece.replace("\\|", "|")
    if piece == text or (piece == _NUL and text == "\ufffd"):
        return True
    if text == " " and piece.lstrip("\\").isspace():
        return len(piece) - len(piece.lstrip("\\")) <= 1
    if piece.startswith("\\"):
        return len(piece) == 2 and piece[1] == text and isMdAsciiPunct(ord(text))
    if number := DIGITAL_RE.fullmatch(piece):
        digits = number.group(1)
        code = int(digits[1:], 16) if digits[0] in "xX" else int(digits)
        return text == (fromCodePoint(code) if isValidEntityCode(code) else "\ufffd")
    named = NAMED_RE.fullmatch(piece)
    return named is not None and entities.get(named.group(1)) == text


# -- the parser, watched -------------------------------------------------------

Runs = list[tuple[int, int]]  # (start, length) of consumed source, in order


def _add_run(runs: Runs, start: int, length: int) -> None:
    if runs and runs[-1][0] + runs[-1][1] == start:
        runs[-1] = (runs[-1][0], runs[-1][1] + length)
    else:
        runs.append((start, length))


def _truncated(runs: Runs, length: int) -> Runs:
    kept: Runs = []
    for start, run in runs:
        if length <= 0:
            break
        kept.append((start, min(run, length)))
        length -= run
    return kept


class _LocatingState(StateInline):
    """An inline state that remembers which characters of its source the pending text came from.

    Rules add to the pending text at ``state.pos`` (text, unmatched markers) and
    only ever shorten it from the end (trailing spaces before a line break);
    anything else leaves the text without a position (``None``).
    """

    def __init__(self, src, md, env, tokens) -> None:  # noqa: ANN001 - markdown-it's signature
        self._runs: Runs | None = []
        super().__init__(src, md, env, tokens)

    def append_pending(self, text: str) -> None:
        self._record(self.pos, text)
        super().append_pending(text)

    @property
    def pending(self) -> str:
        return StateInline.pending.fget(self)

    @pending.setter
    def pending(self, value: str) -> None:
        old = StateInline.pending.fget(self) if hasattr(self, "_pending") else ""
        if not value:
            self._runs = []
        elif value.startswith(old):
            self._record(self.pos, value[len(old):])
        elif old.startswith(value) and self._runs is not None:
            self._runs = _truncated(self._runs, len(value))
        else:
            self._runs = None
        StateInline.pending.fset(self, value)

    def _record(self, start: int, text: str) -> None:
        if self._runs is None or not text:
            return
        if self.src.startswith(text, start):
            _add_run(self._runs, start, len(text))
        else:
            self._runs = None

    def pushPending(self) -> Token:
        runs = self._runs
        token = super().pushPending()
        token.meta["at"] = runs
        return token


class _LocatingInline(ParserInline):
    """markdown-it's inline parser, on a state that records positions."""

    def parse(self, src, md, env, tokens):  # noqa: ANN001 - markdown-it's signature
        state = _LocatingState(src, md, env, tokens)
        self.tokenize(state)
        for rule in self.ruler2.getRules(""):
            rule(state)
        return state.tokens


def _locating(rule: Callable) -> Callable:
    """An inline rule that also records the span of the tokens it makes.

    Text tokens a rule makes itself (emphasis markers) spell the source in
    order from where the rule started; any other token gets the whole span
    the rule consumed. Tokens made by nested calls are already placed.
    """

    def located(state: StateInline, silent: bool) -> bool:
        start, first_new = state.pos, len(state.tokens)
        matched = rule(state, silent)
        if matched and not silent:
            offset = start
            for token in state.tokens[first_new:]:
                if "at" in token.meta or "span" in token.meta:
                    continue
                if token.type == "text" and token.content and state.src.startswith(token.content, offset):
                    token.meta["at"] = [(offset, len(token.content))]
                    offset += len(token.content)
                else:
                    token.meta["span"] = (start, state.pos)
        return matched

    return located


def _marking(rule: Callable) -> Callable:
    """A block rule that also records, for each inline token it makes, where the
    parser saw that token's first line begin (its column on the line)."""

    def marked(state, start_line: int, end_line: int, silent: bool) -> bool:  # noqa: ANN001
        first_new = len(state.tokens)
        matched = rule(state, start_line, end_line, silent)
        if matched and not silent:
            for token in state.tokens[first_new:]:
                if token.type == "inline" and token.map and "column" not in token.meta:
                    text_start = state.bMarks[token.map[0]] + state.tShift[token.map[0]]
                    token.meta["column"] = text_start - (state.src.rfind("\n", 0, text_start) + 1)
        return matched

    return marked


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark")
    parser.inline = _LocatingInline()
    parser.configure("commonmark")
    parser.enable("table").use(front_matter_plugin)
    parser.disable(["text_join", "fragments_join"])
    for ruler, watch in ((parser.inline.ruler, _locating), (parser.block.ruler, _marking)):
        for rule in list(ruler.__rules__):
            ruler.at(rule.name, watch(rule.fn), {"alt": rule.alt})
    return parser


_PARSER = _parser()


# -- from inline source to the file ------------------------------------------------


@dataclass
class _SourceMap:
    """Where each character of an inline token's source (its ``content``) is in the file."""

    starts: array
    ends: array

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


class _Lines:
    """The file's lines: where each starts and where its text ends (before the line break)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = line_starts(source)

    def __len__(self) -> int:
        return len(self.starts)

    def bounds(self, line: int) -> tuple[int, int]:
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.source)
        while end > start and self.source[end - 1] in "\r\n":
            end -= 1
        return start, end

    def text(self, line: int) -> str:
        """A line as the parser saw it."""
        start, end = self.bounds(line)
        return self.source[start:end].replace(_NUL, "\ufffd")


def _map_lines(content: str, lines: _Lines, first_line: int, anchor: int) -> _SourceMap | None:
    """Map inline source that a block rule took from consecutive lines.

    Its first line starts at the first match at or after ``anchor`` (what
    precedes it there is whitespace the parser trimmed). Every later line is
    the end of its source line, up to trailing whitespace on the last one;
    spaces in front of it (container indentation, expanded tabs) are never text.
    """
    parts = content.split("\n")
    starts, ends = array("l"), array("l")
    for index, part in enumerate(parts):
        line = first_line + index
        if line >= len(lines):
            return None
        line_start, line_end = lines.bounds(line)
        text = lines.text(line)
        core = part if index == 0 else part.lstrip(" \t")
        if index == 0:
            at = text.find(core, anchor - line_start)
        else:
            if index == len(parts) - 1:
                text = text.rstrip(MD_TRIM_CHARS)
            at = len(text) - len(core) if text.endswith(core) else -1
        if at < 0:
            return None
        at += line_start
        lead = len(part) - len(core)
        starts.extend([at] * lead)
        ends.extend([at] * lead)
        starts.extend(range(at, at + len(core)))
        ends.extend(range(at + 1, at + len(core) + 1))
        if index < len(parts) - 1:
            next_start = lines.starts[line + 1]
            starts.append(line_end)
            ends.append(next_start)
    return _SourceMap(starts, ends)


def _row_cells(lines: _Lines, line: int, column: int) -> list[tuple[str, list[int]]]:
    """A table row's cells as markdown-it splits them, each with its characters' offsets.

    ``escapedSplit`` drops the backslash of each escaped pipe it keeps, so a
    ``|`` inside a cell stands one character after a backslash in the file.
    """
    line_start, _ = lines.bounds(line)
    text = lines.text(line)[column:]
    at = line_start + column + len(text) - len(text.lstrip(MD_TRIM_CHARS))
    cells = []
    for cell in escapedSplit(mdTrim(text)):
        offsets = []
        for char in cell:
            if char == "|":
                at += 1
            offsets.append(at)
            at += 1
        cells.append((cell, offsets))
        at += 1  # the pipe between cells
    if cells and not cells[0][0]:
        cells.pop(0)
    if cells and not cells[-1][0]:
        cells.pop()
    return cells


def _map_cell(content: str, cells: list[tuple[str, list[int]]], index: int) -> _SourceMap | None:
    if index >= len(cells) or mdTrim(cells[index][0]) != content:
        return None
    cell, offsets = cells[index]
    lead = cell.find(content)
    picked = offsets[lead:lead + len(content)]
    return _SourceMap(array("l", picked), array("l", (offset + 1 for offset in picked)))


# -- from tokens to blocks ---------------------------------------------------------


def _add_text(builder: BlockBuilder, source: str, text: str, runs: Runs | None, where: _SourceMap, base: int) -> None:
    """Add a text token's characters, each at the file characters it was read from."""
    if runs is None or sum(length for _, length in runs) != len(text):
        return  # a marker emphasis consumed, or text without a known position: not prose
    done = 0
    for start, length in runs:
        first, last = base + start, base + start + length - 1
        piece = text[done:done + length]
        file_start = where.starts[first]
        if where.ends[last] - file_start == length and source.startswith(piece, file_start):
            builder.verbatim(piece, file_start)
        else:
            for offset, char in enumerate(piece):
                char_start, char_end = where.starts[first + offset], where.ends[first + offset]
                if source[char_start:char_end] == char:
                    builder.verbatim(char, char_start)
                else:
                    builder.replaced(char, char_start, char_end)
        done += length


def prose_tokens(children: Sequence[Token]) -> Iterator[Token]:
    """The inline tokens that are prose: text, escapes, entities, line breaks, and images
    (for their alt text); not code, inline HTML, autolinks, nor the text of inline HTML
    elements that are not prose (``<script>``, ``<code>``...)."""
    in_autolink = False
    skipped = 0  # open inline HTML elements whose text is not prose
    for child in children:
        if child.type == "link_open":
            in_autolink = child.markup == "autolink"
        elif child.type == "link_close":
            in_autolink = False
        elif child.type == "html_inline" and (tag := _HTML_TAG.match(child.content)):
            if tag["name"].lower() in SKIPPED and not tag["empty"]:
                skipped = max(skipped + (-1 if tag["end"] else 1), 0)
        elif not in_autolink and not skipped and child.type in _PROSE:
            yield child


def _add_inline(
    builder: BlockBuilder, children: Sequence[Token], source: str, where: _SourceMap, base: int, extra: list[Block]
) -> None:
    """Add the prose of inline tokens; each image's alt text becomes a block of its own in ``extra``."""
    for child in prose_tokens(children):
        if child.type == "text":
            _add_text(builder, source, child.content, child.meta.get("at"), where, base)
        elif "span" not in child.meta:
            continue  # made by no rule markdown-it-py has: no position to give it
        elif child.type == "text_special":
            start, end = child.meta["span"]
            if child.content == child.markup:  # a backslash before a character it cannot escape
                _add_text(builder, source, child.content, [(start, end - start)], where, base)
            else:
                builder.replaced(child.content, *where.span(base + start, base + end))
        elif child.type == "image":
            alt = BlockBuilder("image-alt")
            # The alt text was parsed on its own, from just after "![".
            _add_inline(alt, child.children or [], source, where, base + child.meta["span"][0] + 2, extra)
            if (block := alt.build()) is not None:
                extra.append(block)
        else:  # a soft or hard line break
            start = base + child.meta["span"][0]
            # The break reads as one space, spelt by the line break (and the backslash before it).
            line_break = start + 1 if source.startswith("\\", where.starts[start]) else start
            builder.replaced(" ", where.starts[start], where.ends[line_break])


def read_markdown(source: str) -> list[Block]:
    lines = _Lines(source)
    blocks: list[Block] = []
    containers: list[str] = []
    heading: Token | None = None
    cells: list[tuple[str, list[int]]] = []
    cell_index = 0
    for token in _PARSER.parse(source):
        if token.type == "front_matter":
            blocks.extend(_front_matter_blocks(lines, token))
        elif token.type in _CONTAINER_KINDS:
            containers.append(_CONTAINER_KINDS[token.type])
        elif token.type.endswith("_close") and token.type.replace("_close", "_open") in _CONTAINER_KINDS:
            containers.pop()
            cell_index += token.type in ("th_close", "td_close")
        elif token.type == "tr_open":
            cells, cell_index = [], 0
        elif token.type == "heading_open":
            heading = token
        elif token.type == "heading_close":
            heading = None
        elif token.type == "inline" and token.map and "column" in token.meta:
            where = _source_map(token, lines, heading, containers, cells, cell_index)
            if where is None:
                continue
            if heading is not None:
                kind, level = "heading", int(heading.tag[1])
            else:
                kind, level = (containers[-1] if containers else "paragraph"), 0
            prose = BlockBuilder(kind, level)
            extra: list[Block] = []
            _add_inline(prose, token.children or [], source, where, 0, extra)
            if (block := prose.build()) is not None:
                blocks.append(block)
            blocks.extend(extra)
    return blocks


def _source_map(
    token: Token, lines: _Lines, heading: Token | None, containers: list[str],
    cells: list[tuple[str, list[int]]], cell_index: int,
) -> _SourceMap | None:
    line, column = token.map[0], token.meta["column"]
    if containers and containers[-1] == "table-cell":
        if not cells:
            cells.extend(_row_cells(lines, line, column))
        return _map_cell(token.content, cells, cell_index)
    anchor = lines.starts[line] + column
    if heading is not None and heading.markup.startswith("#"):
        anchor += len(heading.markup)  # the text starts after the opening "#"s
    return _map_lines(token.content, lines, line, anchor)


def _front_matter_blocks(lines: _Lines, token: Token) -> list[Block]:
    blocks = []
    for line in range(token.map[0], min(token.map[1], len(lines))):
        line_start, line_end = lines.bounds(line)
        field = _FRONT_MATTER_FIELD.fullmatch(lines.source, line_start, line_end)
        if field is None:
            continue
        builder = BlockBuilder(_FRONT_MATTER_KINDS[field["key"]], level=1 if field["key"] == "title" else 0)
        builder.verbatim(field["value"], field.start("value"))
        if (block := builder.build()) is not None:
            blocks.append(block)
    return blocks
