"""Generated articles for fuzzing the readers: text shaped like Markdown, HTML and plain text.

Used by ``tests/test_fuzz_readers.py`` (short runs) and ``benchmarks/fuzz.py``
(long runs). Documents mix headings, lists, quotes, tables, links with titles,
images with alt text, entities, escapes, comments, scripts and CR/LF/CRLF line
endings with their broken forms (``&#``, unterminated comments and quotes,
unclosed tags). ``HIDDEN`` is written only where no reader may take it for
prose (code, scripts, link targets and titles, comments, other attributes).
"""

from __future__ import annotations

import re

from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from cliniclint.lint.readers import read_text, spelling_errors
from cliniclint.lint.readers.html import SKIPPED

HIDDEN = "zzhidden"
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])

WORDS = st.sampled_from([
    "skin", "pores", "and", "the", "results", "are", "permanent", "painless", "Microneedling",
    "risk-free", "redness", "café", "naïve", "100%", "SPF", "50", "Dr", "O'Neil", "—", "…",
    "e.g.", "Peels:", "(PRP)", "x²", "日本", "a_b", "#1", "+", "-", "1.", ">", "=", "~",
])
PUNCTUATION = st.sampled_from(["", ".", "!", "?", ",", ";", ":", "…"])


def sentence(words: int = 8) -> st.SearchStrategy[str]:
    return st.builds(lambda ws, end: " ".join(ws) + end, st.lists(WORDS, min_size=1, max_size=words), PUNCTUATION)


# -- Markdown ----------------------------------------------------------------

MD_ENTITIES = st.sampled_from([
    "&amp;", "&amp", "&copy;", "&#1;", "&#0;", "&#x80;", "&#xFFFF;", "&#9731;", "&#x1F600;", "&bogus;",
    "&#", "&#x;", "&", "&NotEqualTilde;", "&nbsp;",
])
MD_ESCAPES = st.sampled_from(["\\*", "\\_", "\\|", "\\\\", "\\a", "\\&", "\\[", "\\`", "\\#", "\\<", "\\>", "\\!", "&amp\\*"])
MD_STRAY = st.sampled_from(["*", "**", "_", "`", "[", "]", "![", "<", "<x", "](", "\\", "\t", "\x00", "  "])


@st.composite
def md_inline(draw, newline: str | None = None, depth: int = 0) -> str:
    """One line's worth (or, with ``newline``, several lines) of inline Markdown."""
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 13))
        text = draw(sentence(4))
        if kind == 0:
            pieces.append(f"*{text}*")
        elif kind == 1:
            pieces.append(f"**{text}**")
        elif kind == 2:
            # Two backticks: a stray single one can neither open nor close this span.
            pieces.append(f"``{HIDDEN} {text}``")
        elif kind == 3:
            title = draw(st.sampled_from(["", f' "{HIDDEN} title"', f" '{HIDDEN}'", f" ({HIDDEN})"]))
            pieces.append(f"[{text}](https://example.org/{HIDDEN}{title})")
        elif kind == 4:
            alt = text
            if newline and depth == 0 and draw(st.booleans()):
                # Wrapped: the next line starts with a word, so nothing can interrupt the paragraph
                # there (a container adds its own "> " or indentation to every line).
                alt = f"{text}{newline}{draw(st.sampled_from(['', '  ', chr(9)]))}wrapped alt"
            pieces.append(f'![{alt}](photo-{HIDDEN}.jpg "{HIDDEN}")')
        elif kind == 5:
            pieces.append(f"<https://example.org/{HIDDEN}>")
        elif kind == 6:
            pieces.append(draw(MD_ENTITIES))
        elif kind == 7:
            pieces.append(draw(MD_ESCAPES))
        elif kind == 8:
            pieces.append(draw(st.sampled_from([
                f'<span title="{HIDDEN}">{text}</span>', f"<!-- {HIDDEN} -->", f"<script>{HIDDEN}</script>",
                f"<code>{HIDDEN}</code>", "<br/>",
            ])))
        elif kind == 9:
            pieces.append(draw(MD_STRAY))
        elif kind == 10 and newline:
            pieces.append(draw(st.sampled_from(["", "  ", "\\"])) + newline)
        elif kind == 11 and depth == 0:
            pieces.append(f"[{draw(md_inline(None, depth + 1))}](/x)")
        else:
            pieces.append(text)
    return " ".join(pieces)


def _prefixed(text: str, newline: str, first: str, rest: str) -> str:
    lines = text.split(newline)
    return newline.join([first + lines[0]] + [rest + line for line in lines[1:]])


@st.composite
def md_block(draw, newline: str, depth: int = 0) -> str:
    kind = draw(st.integers(0, 12 if depth == 0 else 6 if depth == 1 else 2))
    if kind == 0:
        return draw(md_inline(newline))
    if kind == 1:
        marks = "#" * draw(st.integers(1, 6))
        closing = draw(st.sampled_from(["", " #", " ###", " # #", "#"]))
        return f"{marks} {draw(md_inline())}{closing}"
    if kind == 2:
        return f"{draw(md_inline())}{newline}{draw(st.sampled_from(['===', '---', '=']))}"
    if kind == 3:
        items = draw(st.lists(md_block(newline, depth + 1), min_size=1, max_size=3))
        bullet = draw(st.sampled_from(["- ", "* ", "1. ", "2) ", "-\t"]))
        return newline.join(_prefixed(item, newline, bullet, " " * len(bullet.expandtabs(4))) for item in items)
    if kind == 4:
        if draw(st.booleans()):  # a paragraph, whose continuation lines may be lazy
            return _prefixed(draw(md_inline(newline)), newline, "> ", draw(st.sampled_from(["", "> "])))
        return _prefixed(draw(md_block(newline, depth + 1)), newline, "> ", "> ")
    if kind == 5:
        return "```" + newline + f"{HIDDEN} {draw(sentence())}" + newline + "```"
    if kind == 6:
        # The comment ends any list before it, so the code is not a list item's continuation.
        return f"<!-- -->{newline}{newline}    {HIDDEN} indented code"
    if kind == 7:
        columns = draw(st.integers(1, 3))
        rows = draw(st.lists(st.lists(md_inline(), min_size=columns, max_size=columns), min_size=1, max_size=3))
        header = "| " + " | ".join(draw(sentence(3)) for _ in range(columns)) + " |"
        rule = "|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(columns)) + "|"
        outer = draw(st.booleans())
        body = [(("| " if outer else "") + " | ".join(row) + (" |" if outer else "")) for row in rows]
        return newline.join([header, rule, *body])
    if kind == 8:
        return f"<div class=\"{HIDDEN}\">{newline}<script>{HIDDEN}</script>{newline}</div>"
    if kind == 9:
        return draw(st.sampled_from([
            f"<!-- cliniclint-disable-next-line SP101 -->", "<!-- cliniclint-disable", f"<!-- {HIDDEN}",
            f"[ref]: https://example.org/{HIDDEN} \"{HIDDEN}\"", "***", "<!-- cliniclint-enable -->",
        ]))
    if kind == 10:
        return f"{draw(md_inline())}{newline}[ref]: /x{newline}{draw(md_inline())}"
    if kind == 11:
        return draw(st.text(max_size=30))
    return draw(md_inline(newline))


@st.composite
def markdown_documents(draw) -> str:
    newline = draw(NEWLINES)
    parts = []
    if draw(st.booleans()):
        quote = draw(st.sampled_from(["", '"', "'"]))
        parts.append(newline.join(["---", f"title: {quote}{draw(sentence(5))}{quote}",
                                   f"description: {draw(sentence())}", f"secret: {HIDDEN}", "---"]))
    parts.extend(draw(st.lists(md_block(newline), min_size=1, max_size=6)))
    # Blocks are apart: a line of code or a link definition right after a paragraph would be prose.
    return (newline * 2).join(parts) + draw(st.sampled_from(["", newline]))


# -- HTML ----------------------------------------------------------------------

HTML_REFERENCES = st.sampled_from([
    "&amp;", "&amp", "&ampfoo", "&notit;", "&#1;", "&#x80;", "&#xFFFF;", "&#9731", "&#x1F600;", "&#",
    "&#x", "&", "&bogus;", "&nbsp;", "&rsquo;", "&NotEqualTilde;", "&#0;", "&#99999999;",
])
# Broken markup that leaves what follows it as it was (or hides all of it).
HTML_BROKEN = st.sampled_from([
    "&#", "&#x", "&", "<!-- cliniclint-disable", f"<!-- {HIDDEN}", f"<![CDATA[{HIDDEN}]]>", "<", "< b", "<b><i>",
])
# Broken markup that runs to the next ">" or quote, wherever that is: as in a browser, a
# <script> tag after it may be swallowed and its contents read as text.
HTML_GREEDY = st.sampled_from([
    f'<a title="{HIDDEN}', "</", "</ x", f"<!{HIDDEN}", f"<?{HIDDEN}", f"<![{HIDDEN}", f"<p class='{HIDDEN}",
    "<b", "</b", "<!doctype", "<a b='c' \"d\"", "<a =x>",
])


@st.composite
def html_inline(draw, newline: str, broken: bool, greedy: bool = False) -> str:
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 11 if greedy else 10 if broken else 8))
        text = draw(sentence(4))
        if kind == 0:
            tag = draw(st.sampled_from(["b", "i", "em", "strong", "span"]))
            closing = draw(st.sampled_from([f"</{tag}>", "" if broken else f"</{tag}>"]))
            pieces.append(f"<{tag}>{text}{closing}")
        elif kind == 1:
            pieces.append(f'<a href="/{HIDDEN}?a=1&amp;b=2" title="{HIDDEN}">{text}</a>')
        elif kind == 2:
            alt = text.replace(" ", draw(HTML_REFERENCES), 1)
            extra = draw(st.sampled_from(["", f' data-alt="{HIDDEN}"', f' title="{HIDDEN}"', f" data-alt='{HIDDEN}' alt=x"]))
            quote = draw(st.sampled_from(['"', "'"]))
            pieces.append(f"<img{extra} src=\"{HIDDEN}.jpg\" alt={quote}{alt}{quote}>")
        elif kind == 3:
            pieces.append(draw(HTML_REFERENCES))
        elif kind == 4:
            tag = draw(st.sampled_from(["script", "style", "code", "button", "textarea"]))
            pieces.append(f"<{tag}>{HIDDEN} {text}</{tag}>")
        elif kind == 5:
            pieces.append(f"<!-- {HIDDEN} -->")
        elif kind == 6:
            pieces.append(newline + draw(st.sampled_from(["", "  ", "\t"])))
        elif kind == 7:
            pieces.append("<br>")
        elif kind == 9:
            pieces.append(draw(HTML_BROKEN))
        elif kind == 10:
            pieces.append(f"<script/>{HIDDEN}</script>")
        elif kind == 11:
            pieces.append(draw(HTML_GREEDY))
        else:
            pieces.append(text)
    return " ".join(pieces)


@st.composite
def html_documents(draw, greedy: bool = False) -> str:
    newline = draw(NEWLINES)
    broken = greedy or draw(st.booleans())
    head = [f"<title>{draw(html_inline(newline, False))}</title>"]
    if draw(st.booleans()):
        head.append(f'<meta name="description" content="{draw(sentence())} &amp {draw(HTML_REFERENCES)}">')
    head.append(f"<style>p {{ {HIDDEN}: 1 }}</style><script>var {HIDDEN} = '</p>';</script>")
    body = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.integers(0, 7))
        inline = draw(html_inline(newline, broken, greedy))
        if kind == 0:
            body.append(f"<p>{inline}</p>")
        elif kind == 1:
            level = draw(st.integers(1, 6))
            body.append(f"<h{level}>{inline}</h{level}>")
        elif kind == 2:
            body.append(f"<ul>{newline}<li>{inline}</li>{newline}<li>{draw(sentence())}</ul>")
        elif kind == 3:
            body.append(f"<blockquote>{inline}</blockquote>")
        elif kind == 4:
            body.append(f"<table><tr><th>{draw(sentence())}</th><td>{inline}</td></tr></table>")
        elif kind == 5:
            body.append(f"<nav>{HIDDEN} {inline}</nav><footer>{HIDDEN}</footer>")
        elif kind == 6:
            body.append(f"<div><div><span>{inline}</span> {draw(sentence())}</div></div>")
        else:
            body.append(inline)
    doctype = draw(st.sampled_from(["", "<!doctype html>", "<?xml version='1.0'?>"]))
    return doctype + newline.join(["<html><head>", *head, "</head><body>", *body, "</body></html>"])


# -- plain text ------------------------------------------------------------------


@st.composite
def plain_documents(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        newline = draw(NEWLINES)
        lines = draw(st.lists(st.one_of(sentence(10), st.builds("- {}".format, sentence()), st.text(max_size=20)),
                              min_size=1, max_size=4))
        parts.append(newline.join(lines))
    return draw(st.sampled_from(["\n\n", "\r\n\r\n", "\r\r", "\n"])).join(parts)


# Arbitrary text from the pieces markup is made of.
ANY_TEXT = st.lists(st.sampled_from([
    *"<>&#;!-[]()*_`\\|\n\r\t =\"'/?xX0a1bpsc:", "\x00", "é", "script", "style", "<!--", "-->", "&amp", "&#x",
    "<![", "```", "    ", "> ", "- ", "1. ", "# ", "---", "<img alt=", "<p>", "</p>",
]), max_size=40).map("".join)

# Documents in which HIDDEN is never prose.
DOCUMENTS = {"text": plain_documents(), "markdown": markdown_documents(), "html": html_documents()}
# Documents with markup so broken that HIDDEN may be prose: read without error, spelt exactly.
BROKEN_DOCUMENTS = {"html": html_documents(greedy=True)}


# -- what must hold of every document ------------------------------------------------

_STOCK_MARKDOWN = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>\Z", re.DOTALL)


def _stock_inline_text(children, alts: list[str]) -> str:
    """The prose of inline tokens from an unmodified markdown-it parse (an oracle for the reader)."""
    text, in_autolink, skipped = [], False, 0
    for child in children:
        if child.type == "link_open":
            in_autolink = child.markup == "autolink"
        elif child.type == "link_close":
            in_autolink = False
        elif child.type == "html_inline" and (tag := _HTML_TAG.match(child.content)):
            if tag[2].lower() in SKIPPED and not tag[3]:
                skipped = max(skipped + (-1 if tag[1] else 1), 0)
        elif in_autolink or skipped:
            continue
        elif child.type == "text":
            text.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            text.append(" ")
        elif child.type == "image":
            alts.append(_stock_inline_text(child.children or [], alts).strip())
    return "".join(text)


def stock_markdown_prose(source: str) -> list[str]:
    """Block texts as an unmodified markdown-it parse gives them: prose, then each alt text."""
    texts = []
    for token in _STOCK_MARKDOWN.parse(source):
        if token.type == "inline":
            alts: list[str] = []
            prose = _stock_inline_text(token.children or [], alts).strip()
            texts.extend(text for text in [prose, *alts] if text)
    return texts


def reader_problems(source: str, format: str, hidden: bool = True) -> list[str]:
    """Everything wrong with how a reader reads ``source`` (reading must not raise);
    with ``hidden``, HIDDEN must not be read as prose."""
    document = read_text(source, format)
    problems = spelling_errors(document)
    for block in document.blocks:
        if hidden and HIDDEN in block.text:
            problems.append(f"{block.kind} {block.text!r} holds text that is not prose")
    if format == "markdown":
        prose = [block.text for block in document.blocks if block.kind not in ("title", "meta-description")]
        if prose != stock_markdown_prose(source):
            problems.append(f"prose {prose!r} differs from markdown-it's {stock_markdown_prose(source)!r}")
    return problems


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _line_and_column(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column, counting each "\r\n", "\r" and "\n" as one line break."""
    line, line_start = 1, 0
    for line_break in _LINE_BREAK.finditer(source):
        if line_break.end() > offset:
            break
        line, line_start = line + 1, line_break.end()
    return line, offset - line_start + 1


def assert_findings_point_at_their_text(source: str, findings) -> None:
    for finding in findings:
        assert source[finding.start:finding.end] == finding.text, finding
        assert (finding.line, finding.column) == _line_and_column(source, finding.start), finding
        assert (finding.end_line, finding.end_column) == _line_and_column(source, finding.end), finding
