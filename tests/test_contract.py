"""The command-line contract: exit 0/1/2 exactly, one line per problem, no run lost to one bad file.

Each test here was a way to lose a run or to pass by accident.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cliniclint.lint import linter
from cliniclint.cli import main
from cliniclint.lint.kinds.substitution import Substitution
from conftest import CORPUS, ROOT

SPUN = "Protect your pores and skin from the sun.\n"
CLEAN = "Wear sunscreen every day.\n"
SARIF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text())
SPIN = ("--select", "spin")
CLINICLINT = (sys.executable, "-c", "from cliniclint.cli import main; main()")  # the command, in a real process


def cli(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def lines(stderr: str) -> list[str]:
    return stderr.splitlines()


def one_line_errors(result) -> list[str]:
    """stderr as a list of lines, each checked to be a cliniclint line and no traceback."""
    assert "Traceback" not in result.stderr
    assert all(line.startswith("cliniclint: ") for line in lines(result.stderr)), result.stderr
    return lines(result.stderr)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A working folder with a spun and a clean article, and no config above it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spun.txt").write_text(SPUN)
    (tmp_path / "clean.md").write_text(CLEAN)
    return tmp_path


def files_of(result) -> dict[str, dict]:
    return {file["path"]: file for file in json.loads(result.stdout)["files"]}


# A bug while reading or checking one file costs that file, not the run ----------------------


def _break(monkeypatch, owner, name: str, error: Exception, when) -> None:
    """Make ``owner.name`` raise ``error`` when ``when(*args)`` holds, as a bug there would."""
    real = getattr(owner, name)

    def broken(*args, **kwargs):
        if when(*args):
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, broken)


@pytest.fixture
def buggy_reader(monkeypatch):
    """A reader that breaks on one file, as a reader bug would."""
    _break(monkeypatch, linter, "read_path", IndexError("list index out of range"),
           lambda path, *_: "more-2" in str(path))


@pytest.fixture
def buggy_rule(monkeypatch):
    """A rule kind that breaks on documents containing BOOM, as a rule bug would."""
    _break(monkeypatch, Substitution, "check", ZeroDivisionError("division by zero"),
           lambda rule, doc, *_: "BOOM" in doc.document.source)


@pytest.mark.parametrize(("bug", "problem"), [
    ("buggy_reader", "internal error while reading it: IndexError: list index out of range"),
    ("buggy_rule", "internal error while checking it: ZeroDivisionError: division by zero"),
])
def test_a_bug_on_one_file_costs_that_file_and_the_rest_is_reported(folder, request, bug, problem):
    request.getfixturevalue(bug)
    for number in range(5):  # one chunk of documents parsed together, the culprit in the middle
        (folder / f"more-{number}.txt").write_text(SPUN if number != 2 else "BOOM " + SPUN)
    result = cli("check", *SPIN, "--format", "json", ".")
    assert result.exit_code == 2
    assert one_line_errors(result) == [f"cliniclint: ./more-2.txt: {problem} (a cliniclint bug; --debug shows where)"]
    files = files_of(result)
    assert [name for name, file in files.items() if file["error"]] == ["./more-2.txt"]
    assert all([f["text"] for f in files[name]["findings"]] == ["pores and skin"]
               for name in ("./more-0.txt", "./more-1.txt", "./more-3.txt", "./more-4.txt", "./spun.txt"))


def test_debug_shows_the_traceback_of_a_file_that_failed(folder, buggy_rule):
    (folder / "boom.txt").write_text("BOOM " + SPUN)
    result = cli("check", *SPIN, "--debug", "boom.txt")
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr and "ZeroDivisionError" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("cliniclint: boom.txt: internal error while checking it")


def test_a_bug_outside_any_file_is_one_line_and_exit_2_not_1(folder, monkeypatch):
    from cliniclint.lint import report as reports  # the command imports render from it when it renders

    def render(report, format, options):
        raise KeyError("summary")

    monkeypatch.setattr(reports, "render", render)
    result = cli("check", *SPIN, "--format", "json", "spun.txt")
    assert result.exit_code == 2
    assert one_line_errors(result) == ["cliniclint: internal error: KeyError: 'summary' "
                                       "(a cliniclint bug; run again with --debug for the traceback)"]
    debugged = cli("--debug", "check", *SPIN, "--format", "json", "spun.txt")
    assert debugged.exit_code == 2 and "Traceback" in debugged.stderr


def test_a_crash_leaves_the_output_file_as_it_was(folder, monkeypatch):
    from cliniclint.lint import report as reports

    (folder / "report.json").write_text("yesterday's report\n")
    monkeypatch.setattr(reports, "render", lambda report, format, options: 1 / 0)
    result = cli("check", *SPIN, "--format", "json", "-o", "report.json", "spun.txt")
    assert result.exit_code == 2
    assert (folder / "report.json").read_text() == "yesterday's report\n"
    assert sorted(path.name for path in folder.iterdir()) == ["clean.md", "report.json", "spun.txt"]


def test_output_into_a_missing_folder_is_refused_before_linting(folder):
    result = cli("check", *SPIN, "-o", "reports/out.json", "spun.txt")
    assert (result.exit_code, one_line_errors(result)) == (
        2, ["cliniclint: --output reports/out.json: folder 'reports' does not exist"])


def test_usage_errors_are_one_line(folder):
    result = cli("check", "--format", "yaml", "spun.txt")
    assert result.exit_code == 2
    line, = one_line_errors(result)
    assert "'--format'" in line and "'yaml'" in line
    assert cli("check", "--no-such-flag", "spun.txt").exit_code == 2


# File names that are not UTF-8 or hold control characters ---------------------------------


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "junit", "html"])
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(folder, output_format):
    name = os.fsdecode(b"caf\xe9.txt")
    Path(name).write_text(SPUN)
    result = cli("check", *SPIN, "--format", output_format, "-o", "report.out", name)
    assert result.exit_code == 1, result.output
    report = (folder / "report.out").read_bytes().decode("utf-8")  # valid UTF-8, whatever the name
    if output_format == "sarif":
        log = json.loads(report)
        jsonschema.validate(log, SARIF_SCHEMA)
        assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
            == "caf%E9.txt"  # the URI names the file's own bytes
    elif output_format == "json":
        assert json.loads(report)["files"][0]["path"] == "caf\\xe9.txt"
    else:
        assert "caf\\xe9.txt" in report


def test_a_file_name_with_a_newline_stays_on_one_error_line(folder):
    Path("evil\nname.txt").write_bytes(b"\x00binary")
    result = cli("check", *SPIN, "evil\nname.txt", "spun.txt")
    assert result.exit_code == 2
    assert one_line_errors(result) == ["cliniclint: 'evil\\nname.txt': binary file (contains NUL bytes)"]


def test_terminal_escapes_and_bare_carriage_returns_never_reach_the_terminal_raw(folder):
    (folder / "escapes.txt").write_text("Sale \x1b[2J\x1b[31mtoday\x1b[0m on pores and skin care.\rIt heals.\n",
                                        newline="")
    result = cli("check", *SPIN, "escapes.txt")
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout and "\r" not in result.stdout
    out = result.stdout.splitlines()
    marker = next(i for i, line in enumerate(out) if "SP101" in line)
    excerpt, carets = out[marker + 1], out[marker + 2]
    start = carets.index("^")
    assert excerpt[start:start + carets.count("^")] == "pores and skin"  # the marker still sits under the text
    assert "\\x1b[2J" in excerpt and "It heals" not in excerpt  # the bare \r ends the excerpt's line


# Runs that used to pass by accident ----------------------------------------------------------


@pytest.mark.parametrize(("args", "expected"), [
    (("--select", "clam"), "cliniclint: --select: 'clam' is not a code, code prefix, rule name or family "
                           "(did you mean 'claim'?) (see 'cliniclint rules')"),
    (("--ignore", "spun-phrasse"), "cliniclint: --ignore: 'spun-phrasse' is not a code, code prefix, rule name or "
                                   "family (did you mean 'spun-phrase'?) (see 'cliniclint rules')"),
    (("--select", "SP9"), "cliniclint: --select: 'SP9' is not a code, code prefix, rule name or family "
                          "(see 'cliniclint rules')"),
])
def test_unknown_selectors_on_the_command_line_are_errors_with_a_suggestion(folder, args, expected):
    result = cli("check", *args, "spun.txt")
    assert (result.exit_code, one_line_errors(result)) == (2, [expected])


@pytest.mark.parametrize("selector", ["cl101", "sp101", "Spin", "SPUN-PHRASE", "sp1"])
def test_codes_names_and_families_match_in_any_case(folder, selector):
    (folder / "claim.txt").write_text("The results are permanent.\n")
    result = cli("check", "--select", selector, "--format", "json", "spun.txt", "claim.txt")
    codes = {f["code"] for file in json.loads(result.stdout)["files"] for f in file["findings"]}
    assert result.exit_code == 1 and codes and codes <= ({"CL101"} if selector == "cl101" else {"SP101", "SP102",
                                                                                              "SP103"})


@pytest.mark.parametrize(("toml", "expected"), [
    ('select = ["clams"]', "'select': 'clams' is not a code, code prefix, rule name or family "
                           "(did you mean 'claim'?)"),
    ('ignore = ["spinn"]', "'ignore': 'spinn' is not a code, code prefix, rule name or family "
                           "(did you mean 'spin'?)"),
    ('severity = { SP1O1 = "error" }', "'severity': 'SP1O1' is not a code, rule name or family "
                                       "(did you mean 'SP101'?)"),
    ('fail-on = "warn"', "'fail-on' must be one of info, warning, error, never, not 'warn' "
                         "(did you mean 'warning'?)"),
    ('selct = []', "unknown key 'selct' (did you mean 'select'?)"),
])
def test_unknown_names_in_the_config_are_errors_naming_file_key_and_suggestion(folder, toml, expected):
    (folder / "cliniclint.toml").write_text(toml + "\n")
    result = cli("check", "spun.txt")
    line, = one_line_errors(result)
    assert result.exit_code == 2
    assert line.startswith(f"cliniclint: {folder / 'cliniclint.toml'}: {expected}")


def test_severity_keys_match_in_any_case(folder):
    (folder / "cliniclint.toml").write_text('severity = { sp101 = "error" }\n')
    result = cli("check", "--select", "SP101", "--format", "json", "spun.txt")
    assert [f["severity"] for f in files_of(result)["spun.txt"]["findings"]] == ["error"]


@pytest.mark.parametrize(("make", "expected"), [
    (lambda root: (root / "empty").mkdir(), "cliniclint: empty: no articles to lint in this folder"),
    (lambda root: None, "cliniclint: empty: no such file or folder"),
    (lambda root: ((root / "empty").mkdir(), (root / "empty" / "notes.yaml").write_text("x")),
     "cliniclint: empty: no articles to lint in this folder"),
])
def test_a_named_path_that_lints_nothing_is_an_error(folder, make, expected):
    make(folder)
    result = cli("check", *SPIN, "empty", "spun.txt")
    assert result.exit_code == 2
    assert one_line_errors(result)[0].startswith(expected)


def test_an_unreadable_folder_is_an_error_and_the_rest_is_linted(folder, monkeypatch):
    (folder / "locked").mkdir()
    (folder / "locked" / "a.txt").write_text(SPUN)
    (folder / "open").mkdir()
    (folder / "open" / "b.txt").write_text(SPUN)
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":  # tests run as root, which chmod cannot lock out
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("check", *SPIN, "--format", "json", ".")
    assert result.exit_code == 2
    assert one_line_errors(result) == ["cliniclint: ./locked: cannot read folder: Permission denied"]
    assert files_of(result)["./open/b.txt"]["findings"]


# Which files a run lints ---------------------------------------------------------------------


def test_force_exclude_applies_exclude_to_named_files(folder):
    (folder / "drafts").mkdir()
    (folder / "drafts" / "wip.txt").write_text(SPUN)
    (folder / "cliniclint.toml").write_text('exclude = ["drafts"]\n')
    assert cli("check", *SPIN, "drafts/wip.txt").exit_code == 1  # named files are linted...
    result = cli("check", *SPIN, "--force-exclude", "--format", "json", "drafts/wip.txt", "spun.txt")
    assert list(files_of(result)) == ["spun.txt"]  # ...unless exclude is forced on them
    nothing = cli("check", *SPIN, "--force-exclude", "drafts/wip.txt")
    assert (nothing.exit_code, one_line_errors(nothing)) == (
        0, ["cliniclint: nothing to lint: every path named matches 'exclude' (--force-exclude)"])
    (folder / "cliniclint.toml").write_text('exclude = ["drafts"]\nforce-exclude = true\n')
    assert cli("check", *SPIN, "drafts/wip.txt").exit_code == 0
    assert cli("check", *SPIN, "--no-force-exclude", "drafts/wip.txt").exit_code == 1


def test_the_pre_commit_hooks_force_exclude():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert all("--force-exclude" in hook["entry"].split() for hook in hooks)


def test_gitignore_and_third_party_folders_are_skipped(folder):
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    (folder / ".gitignore").write_text("build/\n*.draft.md\n")
    for name in ("build/page.html", "node_modules/pkg/README.md", "vendor/lib/notes.txt", "a.draft.md",
                 "articles/keep.md", "articles/old/skip.md", "articles/old/back.md"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(SPUN)
    (folder / "articles" / ".gitignore").write_text("old/*\n!old/back.md\n")  # a deeper file re-includes
    result = cli("check", *SPIN, "--format", "json", ".")
    assert sorted(files_of(result)) == ["./articles/keep.md", "./articles/old/back.md", "./clean.md", "./spun.txt"]
    unignored = cli("check", *SPIN, "--format", "json", "--no-respect-gitignore", ".")
    assert "./build/page.html" in files_of(unignored) and "./node_modules/pkg/README.md" not in files_of(unignored)
    # A gitignored folder named on the command line is still walked: it was asked for.
    assert list(files_of(cli("check", *SPIN, "--format", "json", "build"))) == ["build/page.html"]


def test_a_gitignore_above_the_named_folder_applies_up_to_the_repository_root(folder):
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    (folder / ".gitignore").write_text("generated/\n")
    for name in ("site/generated/a.md", "site/b.md"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(SPUN)
    assert list(files_of(cli("check", *SPIN, "--format", "json", "site"))) == ["site/b.md"]


def test_a_fifo_in_a_folder_is_skipped_and_never_blocks(folder):
    os.mkfifo(folder / "pipe.md")
    # A real process with a deadline: the old walker blocked forever opening the FIFO.
    result = subprocess.run([*CLINICLINT, "check", *SPIN, "."], cwd=folder,
                            capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": "0"})
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == ["cliniclint: ./pipe.md: skipped: not a regular file (a FIFO)"]


def test_a_named_fifo_or_device_is_an_error(folder):
    os.mkfifo(folder / "pipe.md")
    result = cli("check", *SPIN, "pipe.md", "spun.txt")
    assert result.exit_code == 2
    assert one_line_errors(result) == [
        "cliniclint: pipe.md: not a regular file (a FIFO); pipe it to 'cliniclint check -' instead"]
    (folder / "zero.txt").symlink_to("/dev/zero")
    result = cli("check", *SPIN, "--follow-links", "zero.txt")
    assert result.exit_code == 2 and "not a regular file (a character device)" in result.stderr


def test_symlinks_out_of_the_tree_are_not_read_unless_followed(folder, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("The private notes say pores and skin.\n")
    (folder / "site").mkdir()
    (folder / "site" / "secret.txt").symlink_to(outside)
    (folder / "site" / "zero.txt").symlink_to("/dev/zero")
    (folder / "site" / "real.txt").write_text(SPUN)
    (folder / "site" / "inside.txt").symlink_to(folder / "site" / "real.txt")  # in the tree: linted
    result = cli("check", *SPIN, "--format", "html", "site")
    assert result.exit_code == 1
    assert "private notes" not in result.stdout and 'data-path="site/inside.txt"' in result.stdout
    assert one_line_errors(result) == [
        "cliniclint: site/secret.txt: skipped: a symbolic link out of the folder being linted "
        "(--follow-links follows it)",
        "cliniclint: site/zero.txt: skipped: a symbolic link out of the folder being linted "
        "(--follow-links follows it)",
    ]
    followed = cli("check", *SPIN, "--follow-links", "--format", "json", "site")
    assert followed.exit_code == 1 and "site/secret.txt" in files_of(followed)
    assert one_line_errors(followed) == ["cliniclint: site/zero.txt: skipped: not a regular file (a character device)"]
    named = cli("check", *SPIN, "site/secret.txt")
    assert named.exit_code == 2 and "symbolic link out of the working folder" in named.stderr


def test_a_link_cycle_is_walked_once(folder):
    (folder / "site" / "deeper").mkdir(parents=True)
    (folder / "site" / "deeper" / "a.txt").write_text(SPUN)
    (folder / "site" / "deeper" / "loop").symlink_to(folder / "site")
    result = cli("check", *SPIN, "--follow-links", "--format", "json", "site")
    assert list(files_of(result)) == ["site/deeper/a.txt"]


def test_files_over_the_size_limit_are_errors(folder):
    (folder / "big.txt").write_text("Wear sunscreen. " * 100)
    result = cli("check", *SPIN, "--max-file-size", "1kB", "big.txt", "spun.txt")
    assert result.exit_code == 2
    assert one_line_errors(result) == ["cliniclint: big.txt: larger than the 1,000-byte limit (max-file-size); "
                                       "not linted"]
    (folder / "cliniclint.toml").write_text("max-file-size = 100\n")
    assert cli("check", *SPIN, "big.txt").exit_code == 2
    assert cli("check", *SPIN, "-", input="x" * 101).exit_code == 2  # standard input too
    assert cli("check", *SPIN, "--max-file-size", "2 MB", "big.txt").exit_code == 0


# Same input, same output -----------------------------------------------------------------


def test_findings_and_suggestions_do_not_depend_on_the_hash_seed():
    # Seeds 4 and 6 once gave "establishing the stage" different suggestions: a frozenset was iterated.
    runs = [subprocess.Popen([*CLINICLINT, "check", "--no-cache", "--format", "json", str(CORPUS)],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("4", "6")]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [1, 1], [err.decode() for _, err in outputs]
    first, second = (json.loads(out) for out, _ in outputs)
    assert first["summary"]["findings"] > 100
    assert first == second


def test_suggestions_are_inflected_by_a_dictionary_not_by_spelling_rules(check):
    from cliniclint.lint.nlp import Morphology

    assert [Morphology.inflect(word, tag) for word, tag in [("set", "VBG"), ("scar", "VBN"), ("injury", "NNS"),
                                                 ("sessions", "NNS"), ("tooth", "NNS"), ("lie", "VBG")]] \
        == ["setting", "scarred", "injuries", "sessions", "teeth", "lying"]
    found = check("Laser treatment is establishing the stage for better skin.", select=("SP101",))
    assert [(f.text, f.suggestions) for f in found] == [("establishing the stage", ("setting the stage",))]


# Network grammar named by a checked-in file -------------------------------------------------


@pytest.fixture
def listener():
    """A loopback HTTP server that records every request and answers none usefully."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    requests = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            requests.append(self.path)
            self.send_response(500)
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()


def test_a_grammar_server_from_a_config_file_needs_an_opt_in(folder, listener, monkeypatch):
    url, requests = listener
    (folder / "cliniclint.toml").write_text(f'grammar = "{url}"\n')
    monkeypatch.delenv("CLINICLINT_ALLOW_NETWORK_GRAMMAR", raising=False)
    result = cli("check", "--select", "spin,grammar", "--format", "json", "spun.txt")
    assert result.exit_code == 2 and requests == []  # no article text left the machine
    assert one_line_errors(result) == [
        f"cliniclint: grammar failed: {folder / 'cliniclint.toml'}: grammar = '{url}' would send article text to "
        "that server; set CLINICLINT_ALLOW_NETWORK_GRAMMAR=1 or pass --grammar on the command line to allow it"]
    assert files_of(result)["spun.txt"]["findings"]  # every other family still reported
    monkeypatch.setenv("CLINICLINT_ALLOW_NETWORK_GRAMMAR", "1")
    assert cli("check", "--select", "spin,grammar", "spun.txt").exit_code == 2 and requests  # now it is asked
    requests.clear()
    monkeypatch.delenv("CLINICLINT_ALLOW_NETWORK_GRAMMAR")
    assert cli("check", "--select", "spin,grammar", "--grammar", url, "spun.txt").exit_code == 2 and requests


# Help --------------------------------------------------------------------------------------


def test_every_option_of_every_command_has_help():
    import click

    missing = [f"{name} {option.opts[0]}" for name, command in [("cliniclint", main), *main.commands.items()]
               for option in command.params if isinstance(option, click.Option) and not option.help]
    assert missing == []


def test_counts_are_in_the_singular_for_one(folder):
    (folder / "one.txt").write_text("Protect your pores and skin.\n")
    result = cli("check", "--select", "SP101", "--quiet", "one.txt")
    assert result.stdout == "1 finding in 1 file (1 warning); by family: spin 1\n"


def test_a_report_file_gets_the_mode_a_new_file_gets(folder):
    old = os.umask(0o022)
    try:
        assert cli("check", *SPIN, "--format", "json", "-o", "report.json", "spun.txt").exit_code == 1
    finally:
        os.umask(old)
    assert (folder / "report.json").stat().st_mode & 0o777 == 0o644
