"""A fuzz property of the command line: whatever the flags, config and files, the contract holds.

Random combinations of flags, hostile config values and small generated
articles (control characters, bad encodings, odd file names) never produce a
traceback; the exit code is always 0, 1 or 2; and every line on stderr is a
cliniclint line that names a file or a setting.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cliniclint.cli import main
from cliniclint.lint.report.printable import quote_name

FILE_NAMES = ["a.txt", "b.md", "c.html", "sp ace.md", "new\nline.txt", os.fsdecode(b"caf\xe9.txt"), "esc\x1b.md",
              "drafts/d.md", "node_modules/n.md", "deep/er/e.txt"]
CONTENT = st.lists(st.sampled_from([
    b"Protect your pores and skin from the sun. ", b"Results are permanent and painless. ",
    b"# Microneedling\n\n", b"<p>Botox &amp; fillers <b>and</b> more</p>", b"\r", b"\r\n", b"\n\n",
    b"\x1b[31m", b"\x00", b"\xff\xfe", "café ✓ ".encode(), b"\xef\xbb\xbf", b"<!-- cliniclint-disable SP101 -->",
    b"Establishing the stage for great traces. ", b"https://spam.example.org ", b"&#", b"[link](x \"t\")",
]), max_size=6).map(b"".join)
CONFIG = st.one_of(st.none(), st.lists(st.sampled_from([
    'select = ["clams"]', 'select = ["spin", "cl1"]', 'ignore = ["SP9"]', 'ignore = ["meta"]',
    'severity = { sp101 = "error" }', 'severity = { nope = "info" }', 'severity = { SP101 = "fatal" }',
    'fail-on = "sometimes"', 'fail-on = "error"', 'exclude = ["drafts"]', 'exclude = [1]', 'force-exclude = true',
    'respect-gitignore = "no"', 'max-file-size = 0', 'max-file-size = "20 B"', 'max-file-size = "5 MB"',
    'grammar = "http://127.0.0.1:9"', 'grammar = "bogus"', 'model = "no_such_model"', 'rule-packs = ["gone.yaml"]',
    'vocabulary = [1, 2]', 'language = 5', 'tool = 1', '[tool.cliniclint]', 'selekt = []', 'select = [',
    '\udcff',
]), max_size=3).map(lambda lines: "\n".join(lines) + "\n"))
FLAGS = st.lists(st.sampled_from([
    ("--format", "json"), ("--format", "sarif"), ("--format", "html"), ("--format", "junit"),
    ("--format", "github"), ("--format", "yaml"), ("--select", "spin"), ("--select", "SP101,cl1"),
    ("--select", "clam"), ("--ignore", "spam"), ("--ignore", "zz"), ("--fail-on", "error"), ("--fail-on", "never"),
    ("--fail-on", "bad"), ("--exit-zero",), ("--quiet",), ("--statistics",), ("--explain",), ("--diff",),
    ("--fix",), ("--force-exclude",), ("--no-respect-gitignore",), ("--follow-links",),
    ("--max-file-size", "30"), ("--max-file-size", "lots"), ("--stdin-filename", "in\nput.md"),
    ("-o", "out/report.txt"), ("-o", "report.txt"), ("--baseline", "missing.json"), ("--write-baseline", "b.json"),
    ("--grammar", "bogus"), ("--grammar", "http://127.0.0.1:9"), ("--language", "xx"), ("--model", "no_such_model"),
    ("--config", "missing.toml"), ("--config", "cliniclint.toml"),
]), max_size=4).map(lambda flags: [part for flag in flags for part in flag])
PATHS = st.lists(st.sampled_from([*FILE_NAMES, ".", "missing.md", "-", "empty", "deep"]), min_size=1, max_size=3)
# What an stderr line may name: a setting (option, config key or file), or one of the named paths.
SETTINGS = ("cliniclint.toml", "--", "'select'", "'ignore'", "'severity'", "exclude", "grammar", "model",
            "gone.yaml", "max-file-size", "unknown key", "<stdin>", "warning:")
SUMMARIES = ("cliniclint: fixed ", "cliniclint: recorded ", "cliniclint: nothing to lint: every path named matches")


def _names_something(line: str, paths: list[str]) -> bool:
    if line.startswith(SUMMARIES):
        return True
    named = {quote_name(path) for path in paths} | {quote_name(str(Path(path))) for path in paths}
    return any(name in line for name in [*SETTINGS, *named, "in\\ninput.md"] if name)


# No shrinking: each example is a whole CLI run, and the failing input is printed as it was.
@settings(max_examples=40, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])
@given(files=st.dictionaries(st.sampled_from(FILE_NAMES), CONTENT, max_size=4), config=CONFIG, flags=FLAGS,
       paths=PATHS, stdin=CONTENT)
def test_the_command_line_contract_holds_for_any_input(files, config, flags, paths, stdin):
    working = os.getcwd()
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        try:
            Path("empty").mkdir()
            for name, data in files.items():
                Path(name).parent.mkdir(parents=True, exist_ok=True)
                Path(name).write_bytes(data)
            if config is not None:
                Path("cliniclint.toml").write_bytes(config.encode("utf-8", "surrogateescape"))
            result = CliRunner().invoke(main, ["check", "--select", "spin,spam,meta", *flags, *paths], input=stdin)
        finally:
            os.chdir(working)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stderr
    stdin_named = "-" in paths and "--fix" in flags  # the fixed text goes to stdout, the report to stderr
    if stdin_named:
        return
    for line in result.stderr.splitlines():
        assert line.startswith("cliniclint: "), result.stderr
        assert _names_something(line, [*paths, *files, *flags]), line
