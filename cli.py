"""The ``cliniclint`` command: a thin layer over :mod:`cliniclint.lint`."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
from .lint import ConfigError, RulePackError, load_config, load_rules, nlp, run
from .lint import baseline as baselines
from .lint import fix as fixes
from .lint.files import discover
from .lint.finding import SEVERITIES
from .lint.report import RenderOptions, formats, render
from .lint.report.views import RuleDoc

FORMATS = ("text", "json", "sarif", "github", "junit", "html")  # the built-in ones, in the order --help lists
CONFIG_NAME = "cliniclint.toml"
STARTER_CONFIG = """\
# cliniclint configuration. Every setting is optional; the values below are
# the defaults. Command-line flags (--select, --ignore, --fail-on...) override
# this file. `cliniclint rules` lists the rules, `cliniclint rule CODE` explains one.

# Rules to run: codes (SP101), code prefixes (CL1), rule names (spun-phrase) or
# families (spin, spam, claim, caveat, grammar, meta). Empty: every rule.
select = []

# Rules to skip, named the same way.
ignore = []

# Lowest severity that makes `cliniclint check` exit 1: error, warning, info or never.
fail-on = "warning"

# Raise or lower a rule's or a family's severity (error, warning, info), e.g.
# severity = { SP101 = "error", spam = "info" }
severity = {}

# Files and folders not to lint (glob patterns), e.g. ["drafts/*", "archive"].
exclude = []

# Words that are right in your articles: brand, device and product names.
vocabulary = []

# Your own rule packs (YAML files), relative to this file.
rule-packs = []

# The spaCy model (a name or a path). Unset: en_core_web_sm if installed,
# otherwise the copy installed with cliniclint.
# model = "en_core_web_sm"

# Grammar checking with LanguageTool: "off", "local" or a LanguageTool server
# URL, and the language variant it checks.
grammar = "off"
language = "en-US"
"""
# A progress bar appears on a terminal when a run lints more files than this.
PROGRESS_MIN_FILES = 5


def _fail(message: str) -> None:
    """A usage, config or input problem: one line on stderr, exit code 2."""
    click.echo(f"cliniclint: {message}", err=True)
    sys.exit(2)


def _version() -> str:
    try:
        model = nlp.describe(nlp.resolve_model())
    except nlp.ModelError as error:
        model = f"none ({error})"
    import spacy

    return f"cliniclint {__version__}\nspaCy {spacy.__version__}\nmodel {model}"


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(_version())
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show cliniclint, spaCy and model versions.")
def main() -> None:
    """Lint aesthetic-clinic articles for spun phrasing, unsupported claims and missing safety caveats."""


def _settings(config_path, **overrides):
    try:
        config = load_config(config_path)
        return config.with_overrides(**overrides)
    except ConfigError as error:
        _fail(str(error))


def _rules(config):
    try:
        return load_rules(config.rule_packs)
    except RulePackError as error:
        _fail(str(error))


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """``--select SP1,CL`` and repeated flags alike; None when the flag was not given."""
    if not values:
        return None
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice([*FORMATS, *sorted(set(formats()) - set(FORMATS))]),
              default="text", show_default=True,
              help="Report format: text, json, sarif (code scanning), github (PR annotations), junit, html.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest).")
@click.option("--select", multiple=True, help="Only these rules: codes, code prefixes, names or families.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, code prefixes, names or families.")
@click.option("--fail-on", type=click.Choice([*SEVERITIES, "never"]), help="Lowest severity that fails the run.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (input errors still exit 2).")
@click.option("--model", help="spaCy model to load (name or path).")
@click.option("--grammar", help="Grammar checking: 'off', 'local' or a LanguageTool server URL.")
@click.option("--language", help="Language variant for grammar checking, e.g. en-GB.")
@click.option("--stdin-filename", help="Name (and so format) of the text read from '-'.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
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
@click.option("--write-baseline", type=click.Path(dir_okay=False, writable=True),
              help="Record every current finding in this file, then exit.")
def check(paths, output_format, config_path, select, ignore, fail_on, exit_zero, model, grammar, language,
          stdin_filename, output, quiet, statistics, explain, apply_fixes, unsafe_fixes, show_diff, baseline_path,
          write_baseline) -> None:
    """Lint articles (.txt, .md, .html); '-' reads standard input."""
    if baseline_path and write_baseline:
        _fail("--baseline and --write-baseline cannot be used together")
    if statistics and output_format not in ("text", "json"):
        _fail("--statistics prints text or json")
    config = _settings(config_path, select=_split(select), ignore=_split(ignore), fail_on=fail_on, model=model,
                       grammar=grammar, language=language, baseline=baseline_path)
    rules = _rules(config)
    stdin: dict[str, bytes] = {}
    sources = []
    for path in discover(paths, config.exclude):
        if path == "-":
            name = stdin_filename or "<stdin>"
            stdin[name] = sys.stdin.buffer.read()
            sources.append((name, stdin[name]))
        else:
            sources.append((path, None))
    if write_baseline:
        config = replace(config, baseline=None)  # record every finding, known or not
    changed = False
    if apply_fixes or show_diff:
        outcome = _fix(sources, config, rules, stdin, unsafe_fixes, write=apply_fixes)
        report, changed = outcome.report, bool(outcome.changed)
    else:
        report = _lint(sources, config, rules, output_format)
    for file in report.files:
        if file.error:
            click.echo(f"cliniclint: {file.path}: {file.error}", err=True)
    if write_baseline:
        count = baselines.write(report, write_baseline)
        click.echo(f"cliniclint: recorded {count} findings in {write_baseline}", err=True)
        sys.exit(2 if report.has_errors else 0)
    if show_diff:
        sys.exit(2 if report.has_errors else (1 if changed else 0))
    color = output_format == "text" and output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    options = RenderOptions(rules=rules, color=color, explain=explain, quiet=quiet, statistics=statistics)
    rendered = render(report, output_format, options)
    if output:
        Path(output).write_text(rendered, encoding="utf-8")
    else:
        # With --fix on standard input, stdout carries the fixed text, so the report goes to stderr.
        click.echo(rendered, nl=False, err=bool(apply_fixes and stdin))
    grammar = report.families.get("grammar", "off")
    if grammar.startswith("failed"):
        # Grammar was asked for and did not run: say so, and never let it pass for "no grammar issues".
        click.echo(f"cliniclint: grammar {grammar}", err=True)
    if report.has_errors or grammar.startswith("failed"):
        sys.exit(2)
    sys.exit(1 if report.fails(config.fail_on) and not exit_zero else 0)


def _lint(sources, config, rules, output_format="text"):
    """Run the linter, with a progress bar on a terminal for big runs."""
    show_progress = len(sources) > PROGRESS_MIN_FILES and sys.stderr.isatty() and output_format == "text"
    try:
        if show_progress:
            with click.progressbar(length=len(sources), label="Linting", file=sys.stderr) as bar:
                return run(sources, config, rules, on_file=lambda _: bar.update(1))
        return run(sources, config, rules)
    except nlp.ModelError as error:
        _fail(str(error))
    except baselines.BaselineError as error:
        _fail(str(error))


def _fix(sources, config, rules, stdin: dict[str, bytes], unsafe: bool, write: bool) -> fixes.FixRun:
    """Fix every source until nothing is left to fix. ``write``: save the files (print standard input's
    text); otherwise print the diff and write nothing."""
    try:
        outcome = fixes.fix_sources(sources, config, rules, unsafe)
    except (nlp.ModelError, baselines.BaselineError) as error:
        _fail(str(error))
    for item in outcome.changed:
        if not write:
            click.echo(fixes.diff(item.path, item.original, item.fixed), nl=False)
        elif item.path not in stdin:
            fixes.write_atomically(item.path, item.fixed)
    if write:
        for item in outcome.sources:
            if item.path in stdin:
                sys.stdout.buffer.write(item.fixed if item.fixed is not None else item.original)
        sys.stdout.flush()
        count = sum(item.applied for item in outcome.changed)
        click.echo(f"cliniclint: fixed {count} findings in {len(outcome.changed)} files", err=True)
    return outcome


@main.command(name="rules")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest).")
def list_rules(config_path) -> None:
    """Every rule: code, name, family, severity and summary."""
    for doc in map(RuleDoc.of, _rules(_settings(config_path))):
        summary = doc.summary if len(doc.summary) <= 90 else doc.summary[:89] + "…"
        click.echo(f"{doc.code}  {doc.name:<32} {doc.family:<8} {doc.severity:<8} {summary}")


@main.command(name="rule")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest).")
def show_rule(code, config_path) -> None:
    """One rule's documentation, options and examples (by code or name)."""
    for rule in _rules(_settings(config_path)):
        if code.upper() == rule.code or code == rule.name:
            doc = RuleDoc.of(rule)
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
    _fail(f"no rule with code or name '{code}' (see 'cliniclint rules')")


@main.command()
def schema() -> None:
    """The JSON schema of rule packs (every kind's options), for editors and pack authors."""
    from .lint.packschema import pack_schema

    click.echo(json.dumps(pack_schema(), indent=2))


@main.command()
@click.option("--path", "target", type=click.Path(dir_okay=False), default=CONFIG_NAME, show_default=True,
              help="Where to write the config.")
def init(target) -> None:
    """Write a commented starter config (never over an existing file)."""
    target = Path(target)
    if target.exists():
        _fail(f"{target} already exists; not overwriting it")
    target.write_text(STARTER_CONFIG, encoding="utf-8")
    click.echo(f"Wrote {target}: every setting, commented. Run 'cliniclint check .' to use it.")


@main.command(name="eval")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
@click.option("--select", multiple=True, help="Only these rules: codes, code prefixes, names or families.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, code prefixes, names or families.")
def evaluate_command(paths, output_format, config_path, select, ignore) -> None:
    """Precision and recall against the corpus annotations (annotations/<family>/<article>.yaml)."""
    from .lint.evaluate import AnnotationError, evaluate, render

    config = _settings(config_path, select=_split(select), ignore=_split(ignore))
    try:
        result = evaluate(paths, config, _rules(config))
    except (AnnotationError, nlp.ModelError) as error:
        _fail(str(error))
    if output_format == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(render(result), nl=False)
