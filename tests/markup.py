"""Generated articles for fuzzing the readers, and what must hold of every reading.

Used by ``tests/test_fuzz_readers.py`` (short runs) and ``benchmarks/fuzz.py``
(long runs). Documents mix headings, lists, quotes, tables, links with titles,
images with alt text, entities, escapes, comments, scripts and CR/LF/CRLF line
endings with their broken forms (``&#``, unterminated comments and quotes,
unclosed tags). ``HIDDEN`` is written only where no reader may take it for
prose (code, scripts, link targets and titles, comments, other attributes).
"""

from __future__ import annotations

import functools
import re

from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from cliniclint.lint.readers import read_text, spelling_errors
from cliniclint.lint.readers.markdown import prose_tokens

HIDDEN = "zzhidden"
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])

WORDS = st.sampled_from([
    "skin", "pores", "and", "the", "results", "are", "permanent", "painless", "Microneedling",
    "risk-free", "redness", "café", "naïve", "100%", "SPF", "50", "Dr", "O'Neil", "—", "…",
    "e.g.", "Peels:", "(PRP)", "x²", "日本", "a_b", "#1", "+", "-", "1.", ">", "=", "~",
])
PUNCTUATION = st.sampled_from(["", ".", "!", "?", ",", ";", ":", "…"])


def sentence(words: int = 8) -> st.SearchStrategy[str]:
    return st.builds(lambda chosen, end: " ".join(chosen) + end, st.lists(WORDS, min_size=1, max_size=words), PUNCTUATION)


def pieces(*choices: st.SearchStrategy[str], most: int = 6) -> st.SearchStrategy[str]:
    """One to ``most`` of the choices, joined by spaces."""
    return st.lists(st.one_of(*choices), min_size=1, max_size=most).map(" ".join)


# Arbitrary text from the pieces markup is made of.
ANY_TEXT = st.lists(st.sampled_from([
    *"<>&#;!-[]()*_`\\|\n\r\t =\"'/?xX0a1bpsc:", "\x00", "é", "script", "style", "<!--", "-->", "&amp", "&#x",
    "<![", "```", "    ", "> ", "- ", "1. ", "# ", "---", "<img alt=", "<p>", "</p>",
]), max_size=40).map("".join)


# -- Markdown ----------------------------------------------------------------

MD_ENTITIES = st.sampled_from([
    "&amp;", "&amp", "&copy;", "&#1;", "&#0;", "&#x80;", "&#xFFFF;", "&#9731;", "&#x1F600;", "&bogus;",
    "&#", "&#x;", "&", "&NotEqualTilde;", "&nbsp;",
])
MD_ESCAPES = st.sampled_from(["\\*", "\\_", "\\|", "\\\\", "\\a", "\\&", "\\[", "\\`", "\\#", "\\<", "\\>", "\\!", "&amp\\*"])
MD_STRAY = st.sampled_from(["*", "**", "_", "`", "[", "]", "![", "<", "<x", "](", "\\", "\t", "\x00", "  "])
MD_HTML = st.sampled_from([
    f'<span title="{HIDDEN}">words</span>', f"<!-- {HIDDEN} -->", f"<script>{HIDDEN}</script>", f"<code>{HIDDEN}</code>", "<br/>",
])
LINK_TITLES = st.sampled_from(["", f' "{HIDDEN} title"', f" '{HIDDEN}'", f" ({HIDDEN})"])


@functools.cache  # built once per argument: building takes longer than drawing
def md_inline(newline: str | None = None, nested: bool = False) -> st.SearchStrategy[str]:
    """One line's worth of inline Markdown or, given the ``newline``, several lines."""
    text = sentence(4)
    choices = [
        text, text,
        text.map("*{}*".format),
        text.map("**{}**".format),
        # Two backticks: a stray single one can neither open nor close this span.
        text.map(f"``{HIDDEN} {{}}``".format),
        st.builds(f"[{{}}](https://example.org/{HIDDEN}{{}})".format, text, LINK_TITLES),
        text.map(f'![{{}}](photo-{HIDDEN}.jpg "{HIDDEN}")'.format),
        st.just(f"<https://example.org/{HIDDEN}>"),
        MD_ENTITIES, MD_ESCAPES, MD_HTML, MD_STRAY,
    ]
    if newline:
        pad = st.sampled_from(["", "  ", "\t"])
        # A wrapped alt text; the next line starts with a word, so nothing can interrupt the
        # paragraph there (a container adds its own "> " or indentation to every line).
        choices.append(st.builds(f"![{{}}{newline}{{}}wrapped alt](a.jpg)".format, text, pad))
        choices.append(st.sampled_from(["", "  ", "\\"]).map(lambda end: end + newline))
    if not nested:
        choices.append(md_inline(None, nested=True).map("[{}](/x)".format))
    return pieces(*choices)


def _prefixed(text: str, newline: str, first: str, rest: str) -> str:
    lines = text.split(newline)
    return newline.join([first + lines[0]] + [rest + line for line in lines[1:]])


def md_list(newline: str, depth: int) -> st.SearchStrategy[str]:
    def items(bullet: str, blocks: list[str]) -> str:
        indent = " " * len(bullet.expandtabs(4))
        return newline.join(_prefixed(block, newline, bullet, indent) for block in blocks)

    return st.builds(items, st.sampled_from(["- ", "* ", "1. ", "2) ", "-\t"]),
                     st.lists(md_block(newline, depth + 1), min_size=1, max_size=3))


def md_quote(newline: str, depth: int) -> st.SearchStrategy[str]:
    lazy = st.builds(lambda text, rest: _prefixed(text, newline, "> ", rest), md_inline(newline), st.sampled_from(["", "> "]))
    return st.one_of(lazy, md_block(newline, depth + 1).map(lambda text: _prefixed(text, newline, "> ", "> ")))


def md_table(newline: str) -> st.SearchStrategy[str]:
    @st.composite
    def table(draw) -> str:
        columns = draw(st.integers(1, 3))
        header = "| " + " | ".join(draw(sentence(3)) for _ in range(columns)) + " |"
        rule = "|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(columns)) + "|"
        outer = draw(st.booleans())
        rows = draw(st.lists(st.lists(md_inline(), min_size=columns, max_size=columns), min_size=1, max_size=3))
        body = [("| " if outer else "") + " | ".join(row) + (" |" if outer else "") for row in rows]
        return newline.join([header, rule, *body])

    return table()


@functools.cache
def md_block(newline: str, depth: int = 0) -> st.SearchStrategy[str]:
    paragraph = md_inline(newline)
    atx = st.builds("{} {}{}".format, st.integers(1, 6).map("#".__mul__), md_inline(),
                    st.sampled_from(["", " #", " ###", " # #", "#"]))
    setext = st.builds(f"{{}}{newline}{{}}".format, md_inline(), st.sampled_from(["===", "---", "="]))
    if depth >= 2:
        return st.one_of(paragraph, atx, setext)
    fence = sentence().map(f"```{newline}{HIDDEN} {{}}{newline}```".format)
    # The comment ends any list before it, so the code is not a list item's continuation.
    indented = st.just(f"<!-- -->{newline}{newline}    {HIDDEN} indented code")
    choices = [paragraph, atx, setext, md_list(newline, depth), md_quote(newline, depth), fence, indented]
    if depth == 0:
        choices += [
            paragraph, md_table(newline),
            st.just(f'<div class="{HIDDEN}">{newline}<script>{HIDDEN}</script>{newline}</div>'),
            st.sampled_from([
                "<!-- cliniclint-disable-next-line SP101 -->", "<!-- cliniclint-disable", f"<!-- {HIDDEN}",
                f'[ref]: https://example.org/{HIDDEN} "{HIDDEN}"', "***", "<!-- cliniclint-enable -->",
            ]),
            st.builds(f"{{}}{newline}[ref]: /x{newline}{{}}".format, md_inline(), md_inline()),
            st.text(max_size=30),
        ]
    return st.one_of(*choices)


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
    "&#x", "&", "&bogus;", "&nbsp;", "&rsquo;", "&NotEqualTilde;", "&#0;", "&#99999999;", "&#233x", "&AMP",
])
# Broken markup that leaves what follows it as it was (or hides all of it).
HTML_BROKEN = st.sampled_from([
    "&#", "&#x", "&", "<!-- cliniclint-disable", f"<!-- {HIDDEN}", f"<![CDATA[{HIDDEN}]]>", "<", "< b", "<b><i>",
    f"<script/>{HIDDEN}</script>", f"<script>{HIDDEN}</ script>{HIDDEN}</script>",
])
# Broken markup that runs to the next ">" or quote, wherever that is: as in a browser, a
# <script> tag after it may be swallowed and its contents read as text.
HTML_GREEDY = st.sampled_from([
    f'<a title="{HIDDEN}', "</", "</ x", f"<!{HIDDEN}", f"<?{HIDDEN}", f"<![{HIDDEN}", f"<p class='{HIDDEN}",
    "<b", "</b", "<!doctype", "<a b='c' \"d\"", "<a =x>",
])
INLINE_TAGS = st.sampled_from(["b", "i", "em", "strong", "span"])
IMAGE_ATTRIBUTES = st.sampled_from(["", f' data-alt="{HIDDEN}"', f' title="{HIDDEN}"', f" data-alt='{HIDDEN}' alt=x"])


@functools.cache
def html_inline(newline: str, broken: bool = False, greedy: bool = False) -> st.SearchStrategy[str]:
    text = sentence(4)
    choices = [
        text, text,
        st.builds("<{0}>{1}</{0}>".format, INLINE_TAGS, text),
        st.builds(f'<a href="/{HIDDEN}?a=1&amp;b=2" title="{HIDDEN}">{{}}</a>'.format, text),
        st.builds(lambda attributes, quote, words, reference: f'<img{attributes} src="{HIDDEN}.jpg" '
                  f"alt={quote}{words.replace(' ', reference, 1)}{quote}>",
                  IMAGE_ATTRIBUTES, st.sampled_from(['"', "'"]), text, HTML_REFERENCES),
        HTML_REFERENCES,
        st.builds(f"<{{0}}>{HIDDEN} {{1}}</{{0}}>".format, st.sampled_from(["script", "style", "code", "button", "textarea"]), text),
        st.just(f"<!-- {HIDDEN} -->"),
        st.sampled_from(["", "  ", "\t"]).map(newline.__add__),
        st.just("<br>"),
    ]
    if broken:
        choices += [st.builds("<{}>{}".format, INLINE_TAGS, text), HTML_BROKEN]
    if greedy:
        choices.append(HTML_GREEDY)
    return pieces(*choices)


@st.composite
def html_documents(draw, greedy: bool = False) -> str:
    newline = draw(NEWLINES)
    inline = html_inline(newline, greedy or draw(st.booleans()), greedy)
    head = [f"<title>{draw(html_inline(newline))}</title>"]
    if draw(st.booleans()):
        head.append(f'<meta name="description" content="{draw(sentence())} &amp {draw(HTML_REFERENCES)}">')
    head.append(f"<style>p {{ {HIDDEN}: 1 }}</style><script>var {HIDDEN} = '</p>';</script>")
    body = draw(st.lists(st.one_of(
        inline,
        inline.map("<p>{}</p>".format),
        st.builds("<h{0}>{1}</h{0}>".format, st.integers(1, 6), inline),
        st.builds(f"<ul>{newline}<li>{{}}</li>{newline}<li>{{}}</ul>".format, inline, sentence()),
        inline.map("<blockquote>{}</blockquote>".format),
        st.builds("<table><tr><th>{}</th><td>{}</td></tr></table>".format, sentence(), inline),
        inline.map(f"<nav>{HIDDEN} {{}}</nav><footer>{HIDDEN}</footer>".format),
        st.builds("<div><div><span>{}</span> {}</div></div>".format, inline, sentence()),
    ), min_size=1, max_size=8))
    doctype = draw(st.sampled_from(["", "<!doctype html>", "<?xml version='1.0'?>"]))
    return doctype + newline.join(["<html><head>", *head, "</head><body>", *body, "</body></html>"])


# -- plain text ------------------------------------------------------------------

_PLAIN_PARAGRAPH = st.builds(
    lambda newline, lines: newline.join(lines), NEWLINES,
    st.lists(st.one_of(sentence(10), sentence().map("- {}".format), st.text(max_size=20)), min_size=1, max_size=4),
)
PLAIN_DOCUMENTS = st.builds(lambda separator, paragraphs: separator.join(paragraphs),
                            st.sampled_from(["\n\n", "\r\n\r\n", "\r\r", "\n"]),
                            st.lists(_PLAIN_PARAGRAPH, min_size=1, max_size=8))

# Documents in which HIDDEN is never prose.
DOCUMENTS = {"text": PLAIN_DOCUMENTS, "markdown": markdown_documents(), "html": html_documents()}
# Documents with markup so broken that HIDDEN may be prose: read without error, spelt exactly.
BROKEN_DOCUMENTS = {"html": html_documents(greedy=True)}


# -- what must hold of every reading ------------------------------------------------

_STOCK_MARKDOWN = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)


def _stock_inline_text(children, alts: list[str]) -> str:
    text = []
    for child in prose_tokens(children):
        if child.type == "image":
            alts.append(_stock_inline_text(child.children or [], alts).strip())
        else:
            text.append(" " if child.type in ("softbreak", "hardbreak") else child.content)
    return "".join(text)


def stock_markdown_prose(source: str) -> list[str]:
    """Block texts as an unmodified markdown-it parse gives them, prose then each alt text: an
    oracle for the reader, whose parse is watched for positions and must not change the text."""
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
        if prose != (stock := stock_markdown_prose(source)):
            problems.append(f"prose {prose!r} differs from markdown-it's {stock!r}")
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
