"""The ``cliniclint`` command: a thin layer over :mod:`cliniclint.lint`.

The command-line contract lives here, in one place:

- exit 0: nothing at or above ``fail-on``; 1: findings at or above it; 2: a
  usage, configuration or input error, a fix that could not be written, or
  grammar checking that was asked for and could not run;
- every problem is one line on stderr, ``cliniclint: <file or setting>: <reason>``,
  with file names quoted when they hold control characters; a bug in
  cliniclint is one such line too (``--debug`` adds the traceback), never a
  traceback alone, and never exit 1;
- whatever goes wrong with one file, every other file is still linted and
  reported, and a report written with ``-o`` is complete or not written at all.
"""

from __future__ import annotations

import atexit
import gc
import json
import logging
import os
import sys
import traceback
import warnings
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
# Only what every command needs is imported here; the rest where it is used, so that --version and
# init start without loading rule packs, pydantic, spaCy or the report formats.
from .lint import nlp
from .lint.finding import SEVERITIES

BUILTIN_FORMATS = ("text", "json", "sarif", "github", "junit", "html")  # in the order --help lists them
CONFIG_NAME = "cliniclint.toml"
STARTER_CONFIG = """\
# cliniclint configuration. Every setting is optional; the values below are
# the defaults. Command-line flags (--select, --ignore, --fail-on...) override
# this file. `cliniclint rules` lists the rules, `cliniclint rule CODE` explains one.

# Rules to run: codes (SP101), code prefixes (CL1), rule names (spun-phrase) or
# families (spin, spam, claim, caveat, grammar, meta), in any case. Empty: every rule.
select = []

# Rules to skip, named the same way.
ignore = []

# Lowest severity that makes `cliniclint check` exit 1: error, warning, info or never.
fail-on = "warning"

# Raise or lower a rule's or a family's severity (error, warning, info), e.g.
# severity = { SP101 = "error", spam = "info" }
severity = {}

# Files and folders not to lint (glob patterns, relative to this file), e.g. ["drafts/*", "archive"].
# Folders are walked skipping hidden entries, node_modules/, vendor/ and what .gitignore ignores.
exclude = []

# Apply exclude to files named on the command line too (as pre-commit names them).
force-exclude = false

# Skip what .gitignore files ignore when walking folders.
respect-gitignore = true

# Files larger than this are not linted: a number of bytes, or a size such as "10 MB".
max-file-size = "10 MB"

# Words that are right in your articles: brand, device and product names.
vocabulary = []

# Your own rule packs (YAML files), relative to this file.
rule-packs = []

# A baseline file (see --write-baseline): report only findings it does not record.
# baseline = ".cliniclint-baseline.json"

# The spaCy model (a name or a path). Unset: en_core_web_sm if installed,
# otherwise the copy installed with cliniclint.
# model = "en_core_web_sm"

# Grammar and spelling: "auto" runs Harper when it is installed
# (pip install 'cliniclint[grammar]') and is off otherwise; "harper" insists on
# it; "languagetool" is a local LanguageTool; "off". `language` is the variant
# checked (en-US, en-GB, en-AU, ...). A LanguageTool server URL set here is used
# only when the environment has CLINICLINT_ALLOW_NETWORK_GRAMMAR=1 (or pass
# --grammar URL on the command line), so a change to this file cannot send your
# articles to another host.
grammar = "auto"
language = "en-US"
"""
# A progress bar appears on a terminal when a run lints more files than this.
PROGRESS_MIN_FILES = 5
log = logging.getLogger("cliniclint")

# When the process ends, the garbage collector's last pass need not walk what the run loaded (the model,
# the packs): about a quarter of a second of a one-file check.
atexit.register(gc.freeze)


MAX_LINE = 2000  # characters of one stderr line: a message quoting a hostile pack stays readable


def _line(text: str) -> str:
    from .lint.report.printable import escape_controls

    text = escape_controls(text)
    return text if len(text) <= MAX_LINE else text[:MAX_LINE - 1] + "…"


def _say(subject: str, message: str) -> None:
    """One line on stderr: ``cliniclint: <file or setting>: <message>``."""
    from .lint.report.printable import quote_name

    click.echo(_line(f"cliniclint: {quote_name(subject)}: {message}"), err=True)


def _fail(message: str) -> None:
    """A usage, config or input problem that stops the run: one line on stderr, exit code 2."""
    click.echo(_line(f"cliniclint: {message}"), err=True)
    sys.exit(2)


class _StderrLog(logging.Handler):
    """``--debug``: the library's debug log (tracebacks of files that failed) on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(self.format(record), err=True)


class CliniclintGroup(click.Group):
    """Turns everything that can go wrong into one line on stderr and exit code 2."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        state = {"debug": False}
        handler = _StderrLog()
        log.addHandler(handler)
        log.setLevel(logging.WARNING)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, obj=state, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            error.show()  # the help, as asked for by giving no arguments
            sys.exit(2)
        except click.ClickException as error:  # usage errors: a bad option or value
            where = f" (see '{error.ctx.command_path} --help')" if getattr(error, "ctx", None) else ""
            _fail(" ".join(error.format_message().split()) + where)
        except click.Abort:
            _fail("interrupted")
        except Exception as error:  # noqa: BLE001 - a bug must not reach the user as a bare traceback
            if state["debug"]:
                click.echo(traceback.format_exc(), err=True, nl=False)
            detail = str(error).splitlines()[0] if str(error) else ""
            _fail(f"internal error: {type(error).__name__}" + (f": {detail}" if detail else "")
                  + ("" if state["debug"] else " (a cliniclint bug; run again with --debug for the traceback)"))
        finally:
            log.removeHandler(handler)
        sys.exit(result if isinstance(result, int) else 0)


def _debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        if ctx.obj is not None:
            ctx.obj["debug"] = True
        log.setLevel(logging.DEBUG)


def debug_option(command):
    return click.option("--debug", is_flag=True, expose_value=False, is_eager=True, callback=_debug,
                        help="On an internal error, show the traceback.")(command)


def _version() -> str:
    try:
        model = nlp.describe(nlp.resolve_model())
    except nlp.ModelError as error:
        model = f"none ({error})"
    from importlib.metadata import version

    return f"cliniclint {__version__}\nspaCy {version('spacy')}\nmodel {model}"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version())
        ctx.exit()


@click.group(cls=CliniclintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show cliniclint, spaCy and model versions.")
@debug_option
def main() -> None:
    """Lint aesthetic-clinic articles for spun phrasing, unsupported claims and missing safety caveats."""


def _settings(config_path):
    from .lint.config import ConfigError, load_config

    try:
        return load_config(config_path)
    except ConfigError as error:
        _fail(str(error))


def _rules(config):
    """The rules, with a one-line warning for each rule that loads with a caveat."""
    from .lint.options import RuleWarning
    from .lint.rules import RulePackError, load_rules

    with warnings.catch_warnings(record=True) as raised:
        warnings.simplefilter("always", RuleWarning)
        try:
            rules = load_rules(config.rule_packs)
        except RulePackError as error:
            _fail(str(error))
    for warning in raised:
        if issubclass(warning.category, RuleWarning):
            click.echo(_line(f"cliniclint: warning: {warning.message}"), err=True)
    return rules


def _documented_rules(config):
    """The rules as their packs state them (``lint.doc_cache``): listing them needs no kind or model."""
    from .lint.doc_cache import documented_rules
    from .lint.rules import RulePackError

    _keep_parsed(None)
    try:
        return documented_rules(config.rule_packs)
    except RulePackError as error:
        _fail(str(error))


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """``--select SP1,CL`` and repeated flags alike; None when the flag was not given."""
    if not values:
        return None
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _configured(config, **flags):
    """The file's settings (``config``) with the flags applied, every rule name checked; and the rules."""
    from .lint.config import Config, ConfigError, check_rule_names

    rules = _rules(config)
    try:
        config = check_rule_names(config, rules, lambda key: f"{config.source}: '{key}'")
        check_rule_names(Config(select=flags.get("select") or (), ignore=flags.get("ignore") or ()),
                         rules, lambda key: f"--{key}")
    except ConfigError as error:
        _fail(str(error))
    return config.with_overrides(**flags), rules


def _size(_ctx, _param, value):
    from .lint.config import parse_size

    if value is None:
        return None
    size = parse_size(value)
    if size is None:
        raise click.BadParameter(f"{value!r} is not a number of bytes or a size such as '10MB'")
    return size


def _output_folder(option: str, path: str | None) -> None:
    """Check before linting that a report can be written where ``option`` says."""
    if path is not None and not Path(path).parent.is_dir():
        _fail(f"{option} {path}: folder '{Path(path).parent}' does not exist")


class _FormatChoice(click.Choice):
    """The report formats: the built-in ones, then those other packages register (looked up when needed)."""

    def __init__(self) -> None:
        super().__init__(BUILTIN_FORMATS)

    @property
    def choices(self):
        from .lint.report import formats

        return (*BUILTIN_FORMATS, *sorted(set(formats()) - set(BUILTIN_FORMATS)))

    @choices.setter
    def choices(self, _value) -> None:
        pass

    def convert(self, value, param, ctx):
        # A built-in name needs no look-up: listing every format imports every reporter, which
        # costs a cold start more than the rest of the CLI's imports.
        if value in BUILTIN_FORMATS:
            return value
        return super().convert(value, param, ctx)


def config_option(command):
    return click.option("--config", "config_path", type=click.Path(dir_okay=False),
                        help="Config file to use instead of the nearest cliniclint.toml or pyproject.toml.")(command)


def selection_options(command):
    command = click.option("--ignore", multiple=True,
                           help="Skip these rules: codes, code prefixes, names or families (comma-separated).")(command)
    return click.option("--select", multiple=True,
                        help="Only these rules: codes, code prefixes, names or families (comma-separated).")(command)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=_FormatChoice(),
              default="text", show_default=True,
              help="Report format: text, json, sarif (code scanning), github (PR annotations), junit, html.")
@config_option
@selection_options
@click.option("--fail-on", type=click.Choice([*SEVERITIES, "never"]), help="Lowest severity that fails the run.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (input errors still exit 2).")
@click.option("--model", help="spaCy model to load (name or path).")
@click.option("--grammar", help="Grammar checking: 'auto' (Harper if installed), 'off', 'harper', 'languagetool' "
                                "or a LanguageTool server URL (allowed from here without "
                                "CLINICLINT_ALLOW_NETWORK_GRAMMAR).")
@click.option("--language", help="Language variant for grammar checking, e.g. en-GB.")
@click.option("--stdin-filename", help="Name (and so format) of the text read from '-'.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file, once complete.")
@click.option("--quiet", "-q", is_flag=True, help="Text format: print only the summary line.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has instead of the findings.")
@click.option("--explain", is_flag=True, help="Text format: show each procedure's caveat checklist with evidence.")
@click.option("--fix", "apply_fixes", is_flag=True,
              help="Apply safe fixes (spin swaps) in place; with '-' print the fixed text. Claims and caveats are never fixed.")
@click.option("--unsafe-fixes", is_flag=True,
              help="With --fix or --diff, also apply fixes that may change meaning (inflected swaps, capitals).")
@click.option("--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record every current finding in this file, then exit.")
@click.option("--force-exclude/--no-force-exclude", default=None,
              help="Apply 'exclude' to files named on the command line too (the pre-commit hook does).")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None,
              help="Skip what .gitignore files ignore when walking folders (default: yes).")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links that lead out of the folders being linted (default: skip them).")
@click.option("--max-file-size", callback=_size, metavar="SIZE",
              help="Skip files larger than this, e.g. 20MB (default: 10 MB), with an error.")
@click.option("--jobs", "-j", type=int, metavar="N",
              help="Check in N worker processes (default: one per core when there are 50 files or more).")
@click.option("--no-cache", is_flag=True, help="Neither reuse nor store results (default: cache them).")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Where results are cached (default: $CLINICLINT_CACHE_DIR, else the user cache folder).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where files are checked: this machine, or a Dask cluster (needs the dask extra).")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --engine dask: the scheduler to use (default: a local cluster of processes).")
@debug_option
def check(paths, output_format, config_path, select, ignore, fail_on, exit_zero, model, grammar, language,
          stdin_filename, output, quiet, statistics, explain, apply_fixes, unsafe_fixes, show_diff, baseline_path,
          write_baseline, force_exclude, respect_gitignore, follow_links, max_file_size, jobs, no_cache, cache_dir,
          engine, scheduler) -> None:
    """Lint articles (.txt, .md, .html); '-' reads standard input."""
    from .lint import baseline as baselines
    from .lint import parallel
    from .lint.cache import holds_results
    from .lint.files import find_files
    from .lint.report import RenderOptions, render
    from .lint.report.printable import plural, quote_name
    from .lint.runner import walk_settings

    if baseline_path and write_baseline:
        _fail("--baseline and --write-baseline cannot be used together")
    if statistics and output_format not in ("text", "json"):
        _fail("--statistics prints text or json")
    _output_folder("--output", output)
    _output_folder("--write-baseline", write_baseline)
    if not no_cache:
        _keep_parsed(cache_dir)
    settings = _settings(config_path)
    flags = dict(select=_split(select), ignore=_split(ignore), fail_on=fail_on, model=model, grammar=grammar,
                 language=language, force_exclude=force_exclude, respect_gitignore=respect_gitignore,
                 max_file_size=max_file_size, baseline=baseline_path)
    # The files are found first, so that workers, when there are to be any, start loading now (beside the packs
    # loading below): finding them reads only settings that name no rule.
    unchecked = settings.with_overrides(**flags)
    if write_baseline:
        unchecked = replace(unchecked, baseline=None)  # as below: the workers' config is the run's
    discovery = find_files(paths, walk_settings(unchecked, follow_links))
    workers = None
    # Not when results may come from the cache: a run finding them all there would start workers for nothing
    # (and a fully cached 50-file run took half as long again); they start at its first file not found there.
    reads_cache = not no_cache and holds_results(_cache_folder(cache_dir))
    if not (apply_fixes or show_diff or reads_cache) and engine == "local" and scheduler is None:
        workers = parallel.open_early(jobs, len(discovery.targets), unchecked)
        if workers is not None:
            click.get_current_context().call_on_close(workers.close)  # however the command ends
    config, rules = _configured(settings, **flags)
    if write_baseline:
        config = replace(config, baseline=None)  # record every finding, known or not
    for path, reason in discovery.notices:
        _say(path, reason)
    if not discovery.targets:  # every named path was excluded on purpose: a pass, said once
        click.echo("cliniclint: nothing to lint: every path named matches 'exclude' (--force-exclude)", err=True)
    sources, stdin, roots = _sources(discovery, stdin_filename, config.max_file_size)
    not_fixed = changed = 0
    if apply_fixes or show_diff:
        report, changed, not_fixed = _fix(sources, config, rules, stdin, roots, unsafe_fixes, write=apply_fixes)
    else:
        spread = {"jobs": jobs, "engine": engine, "scheduler": scheduler, "workers": workers}
        report = _lint(sources, config, rules, output_format, None if no_cache else cache_dir or "", spread)
    for file in report.files:
        if file.error:
            _say(file.path, file.error)
    if write_baseline:
        count = baselines.write(report, write_baseline)
        click.echo(f"cliniclint: recorded {plural(count, 'finding')} in {quote_name(write_baseline)}", err=True)
        sys.exit(2 if report.has_errors else 0)
    if show_diff:
        sys.exit(2 if report.has_errors else (1 if changed else 0))
    color = output_format == "text" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = RenderOptions(rules=rules, color=color, explain=explain, quiet=quiet, statistics=statistics)
    _write_report(render(report, output_format, options), output, to_stderr=bool(apply_fixes and stdin))
    grammar = report.families.get("grammar", "off")
    if grammar.startswith("failed"):
        # Grammar was asked for and did not run: say so, and never let it pass for "no grammar issues".
        click.echo(_line(f"cliniclint: grammar {grammar}"), err=True)
    if report.has_errors or grammar.startswith("failed") or not_fixed:
        sys.exit(2)
    sys.exit(1 if report.fails(config.fail_on) and not exit_zero else 0)


def _sources(discovery, stdin_filename: str | None, limit: int):
    """What to lint as ``(path, data)`` pairs; the text read from standard input; each file's tree."""
    from .lint.inputs import InputError, check_size

    stdin: dict[str, bytes] = {}
    sources, roots = [], {}
    for target in discovery.targets:
        if target.path == "-":
            name = stdin_filename or "<stdin>"
            try:
                data = stdin[name] = check_size(sys.stdin.buffer.read(limit + 1), limit)
            except InputError as error:
                data = error
            sources.append((name, data))
        else:
            sources.append((target.path, InputError(target.error) if target.error else None))
            roots[target.path] = target.root
    return sources, stdin, roots


def _write_report(rendered: str, output: str | None, to_stderr: bool) -> None:
    from .lint.files import write_atomically

    data = rendered.encode("utf-8", "backslashreplace")
    if output:
        try:
            write_atomically(output, data)
        except OSError as error:
            _fail(f"--output {output}: cannot write it: {error.strerror or error}")
    else:
        # With --fix on standard input, stdout carries the fixed text, so the report goes to stderr.
        click.echo(data, nl=False, err=to_stderr)


def _lint(sources, config, rules, output_format, cache_dir: str | None, spread: dict):
    """Run the linter, with a progress bar on a terminal for big runs. ``cache_dir``: None for no cache,
    "" for the default folder."""
    from .lint import baseline as baselines
    from .lint.grammar import BackendError
    from .lint.parallel import EngineError
    from .lint.runner import run

    show_progress = len(sources) > PROGRESS_MIN_FILES and sys.stderr.isatty() and output_format == "text"
    try:
        cache = _cache(cache_dir, config, rules)
        if show_progress:
            with click.progressbar(length=len(sources), label="Linting", file=sys.stderr) as bar:
                return run(sources, config, rules, on_file=lambda _: bar.update(1), cache=cache, **spread)
        return run(sources, config, rules, cache=cache, **spread)
    except nlp.ModelError as error:
        _fail(f"model: {error}")
    except baselines.BaselineError as error:
        _fail(str(error))
    except EngineError as error:
        _fail(str(error))
    except BackendError as error:  # a worker's grammar backend failed or is not the run's
        _fail(f"grammar failed: {error}")


def _cache(folder: str | None, config, rules):
    """The result cache for this run, or None with --no-cache."""
    if folder is None:
        return None
    from .lint.cache import ResultCache, run_key

    return ResultCache(_cache_folder(folder), run_key(config, rules, nlp.resolve_model(config.model)))


def _cache_folder(folder: str | None) -> Path:
    """``--cache-dir``, else ``$CLINICLINT_CACHE_DIR``, else the user cache folder."""
    from .lint.doc_cache import cache_folder

    return Path(folder) if folder else cache_folder()


def _keep_parsed(folder: str | None) -> None:
    """Rule packs and tables parsed once, kept as JSON in the cache folder (``lint.data.keep_parsed``), and
    what validating the packs and compiling their tables gives (``lint.compiled``)."""
    from .lint.compiled import keep_compiled
    from .lint.data import keep_parsed

    keep_parsed(_cache_folder(folder))
    keep_compiled(_cache_folder(folder))


def _fix(sources, config, rules, stdin: dict[str, bytes], roots: dict[str, str], unsafe: bool, write: bool):
    """Fix every source until nothing applicable is left (``lint.fix``), then write the files (standard
    input's text goes to stdout) or, without ``write``, print the diff. Returns the report of what is
    left, how many files changed, and how many could not be written."""
    from .lint import baseline as baselines
    from .lint import fix as fixes
    from .lint.report.printable import plural, quote_name

    try:
        outcome = fixes.fix_sources(sources, config, rules, unsafe)
    except nlp.ModelError as error:
        _fail(f"model: {error}")
    except baselines.BaselineError as error:
        _fail(str(error))
    results, written, not_fixed = [], [], 0
    for item in outcome.sources:
        result = item.result
        if item.fixed is not None and not write:
            click.echo(fixes.diff(quote_name(item.path), item.original, item.fixed), nl=False)
        elif item.fixed is not None and item.path not in stdin:
            try:
                fixes.write_fixed(item.path, roots[item.path], item.original, item.fixed)
                written.append(item)
            except fixes.NotFixed as error:
                _say(item.path, str(error))
                not_fixed += 1
                result = item.initial  # as it still is on disk
        elif item.path in stdin and write:
            sys.stdout.buffer.write(item.fixed if item.fixed is not None else item.original)
            if item.fixed is not None:
                written.append(item)
        results.append(result)
    if write:
        sys.stdout.flush()
        count = sum(item.applied for item in written)
        click.echo(f"cliniclint: fixed {plural(count, 'finding')} in {plural(len(written), 'file')}", err=True)
    return replace(outcome.report, files=results), len(outcome.changed), not_fixed


@main.command(name="rules")
@config_option
@debug_option
def list_rules(config_path) -> None:
    """Every rule: code, name, family, severity and summary."""
    from .lint.doc_cache import kind_catalogue
    from .lint.report.views import RuleDoc

    kinds = kind_catalogue()
    for rule in _documented_rules(_settings(config_path)):
        doc = RuleDoc.of(rule, kinds[rule.kind].options_schema)
        summary = doc.summary if len(doc.summary) <= 90 else doc.summary[:89] + "…"
        click.echo(f"{doc.code}  {doc.name:<32} {doc.family:<8} {doc.severity:<8} {summary}")


@main.command(name="rule")
@click.argument("code")
@config_option
@debug_option
def show_rule(code, config_path) -> None:
    """One rule's documentation, options and examples (by code or name, in any case)."""
    from .lint.doc_cache import kind_catalogue
    from .lint.report.views import RuleDoc
    from .lint.rules import nearest

    rules = _documented_rules(_settings(config_path))
    for rule in rules:
        if code.lower() in (rule.code.lower(), rule.name):
            doc = RuleDoc.of(rule, kind_catalogue()[rule.kind].options_schema)
            click.echo(f"{doc.code} {doc.name}  ({doc.family}, {doc.severity}, kind: {doc.kind})\n")
            click.echo(f"Message: {doc.message}\n")
            click.echo(doc.docs + "\n")
            if doc.options:
                click.echo(f"Options of kind {doc.kind}:")
                for option in doc.options:
                    required = ", required" if option.required else ""
                    click.echo(f"  {option.name} ({option.type}{required}): {option.description}")
                click.echo("")
            if doc.bad:
                click.echo("Flagged:")
                for example, fixed in zip(doc.bad, doc.fixed):
                    click.echo(f"  ✗ {example}")
                    if fixed is not None:
                        click.echo(f"    fixed: {fixed}")
            if doc.good:
                click.echo("Not flagged:")
                for example in doc.good:
                    click.echo(f"  ✓ {example}")
            return
    known = [name for rule in rules for name in (rule.code, rule.name)]
    _fail(f"no rule with code or name {code!r}{nearest(code, known)} (see 'cliniclint rules')")


@main.command()
@debug_option
def lsp() -> None:
    """Run the language server on standard input and output, for editors (needs the 'lsp' extra)."""
    try:
        from .lint.lsp.server import serve
    except ImportError as error:
        _fail(f"lsp: needs the lsp extra ({error.name} is not installed): pip install 'cliniclint[lsp]'")
    serve()


@main.command()
@debug_option
def schema() -> None:
    """The JSON schema of rule packs (every kind's options), for editors and pack authors."""
    from .lint.packschema import pack_schema

    click.echo(json.dumps(pack_schema(), indent=2))


@main.command()
@click.option("--path", "target", type=click.Path(dir_okay=False), default=CONFIG_NAME, show_default=True,
              help="Where to write the config: a cliniclint.toml, or a pyproject.toml to add [tool.cliniclint] to.")
@debug_option
def init(target) -> None:
    """Write a commented starter config (never over existing settings)."""
    target = Path(target)
    if not target.parent.is_dir():
        _fail(f"{target}: folder '{target.parent}' does not exist")
    if target.name == "pyproject.toml":
        _add_to_pyproject(target)
    else:
        try:
            with open(target, "x", encoding="utf-8") as file:  # "x": never over an existing file
                file.write(STARTER_CONFIG)
        except FileExistsError:
            _fail(f"{target} already exists; not overwriting it")
        except OSError as error:
            _fail(f"{target}: cannot write it: {error.strerror or error}")
    click.echo(f"Wrote {target}: every setting, commented. Run 'cliniclint check .' to use it.")


def _add_to_pyproject(target: Path) -> None:
    """A ``[tool.cliniclint]`` table at the end of ``target`` (created if missing), unless it has one."""
    import tomllib

    from .lint.config import ConfigError, cliniclint_table, read_toml
    from .lint.files import write_atomically
    from .lint.inputs import InputError, read_bounded

    existing = ""
    if target.exists():
        try:
            if cliniclint_table(target, read_toml(target)) is not None:
                _fail(f"{target} already has a [tool.cliniclint] table; not changing it")
            existing = read_bounded(target).decode("utf-8")
        except (ConfigError, InputError) as error:
            _fail(str(error) if isinstance(error, ConfigError) else f"{target}: {error}")
    separator = "" if not existing else ("\n" if existing.endswith("\n") else "\n\n")
    text = f"{existing}{separator}[tool.cliniclint]\n{STARTER_CONFIG}"
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:  # e.g. a `tool = {...}` inline table cannot take another key
        _fail(f"{target}: cannot add a [tool.cliniclint] table to it: {error}")
    try:
        write_atomically(target, text.encode("utf-8"))
    except OSError as error:
        _fail(f"{target}: cannot write it: {error.strerror or error}")


@main.command(name="eval")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Scores as a table (text) or for scripts (json).")
@config_option
@selection_options
@debug_option
def evaluate_command(paths, output_format, config_path, select, ignore) -> None:
    """Precision and recall against the corpus annotations (annotations/<family>/<article>.yaml)."""
    from .lint.evaluate import AnnotationError, evaluate, render
    from .lint.grammar import BackendError

    config, rules = _configured(_settings(config_path), select=_split(select), ignore=_split(ignore))
    try:
        result = evaluate(paths, config, rules)
    except (AnnotationError, BackendError) as error:
        _fail(str(error))
    except nlp.ModelError as error:
        _fail(f"model: {error}")
    if output_format == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(render(result), nl=False)
