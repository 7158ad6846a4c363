"""The ``cliniclint`` command: a thin layer over :mod:`cliniclint.lint`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .lint import ConfigError, RulePackError, load_config, load_rules, nlp, run
from .lint.files import discover
from .lint.finding import SEVERITIES
from .lint.report import json as json_report
from .lint.report import text as text_report

REPORTERS = {"text": text_report, "json": json_report}
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
@click.option("--format", "output_format", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="Report format.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest).")
@click.option("--select", multiple=True, help="Only these rules: codes, code prefixes, names or families.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, code prefixes, names or families.")
@click.option("--fail-on", type=click.Choice([*SEVERITIES, "never"]), help="Lowest severity that fails the run.")
@click.option("--model", help="spaCy model to load (name or path).")
@click.option("--stdin-filename", help="Name (and so format) of the text read from '-'.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
def check(paths, output_format, config_path, select, ignore, fail_on, model, stdin_filename, output) -> None:
    """Lint articles (.txt, .md, .html); '-' reads standard input."""
    config = _settings(config_path, select=_split(select), ignore=_split(ignore), fail_on=fail_on, model=model)
    rules = _rules(config)
    sources = []
    for path in discover(paths, config.exclude):
        if path == "-":
            sources.append((stdin_filename or "<stdin>", sys.stdin.buffer.read()))
        else:
            sources.append((path, None))
    show_progress = len(sources) > PROGRESS_MIN_FILES and sys.stderr.isatty() and output_format == "text"
    try:
        if show_progress:
            with click.progressbar(length=len(sources), label="Linting", file=sys.stderr) as bar:
                report = run(sources, config, rules, on_file=lambda _: bar.update(1))
        else:
            report = run(sources, config, rules)
    except nlp.ModelError as error:
        _fail(str(error))
    for file in report.files:
        if file.error:
            click.echo(f"cliniclint: {file.path}: {file.error}", err=True)
    if output_format == "text":
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        rendered = text_report.render(report, color=color)
    else:
        rendered = REPORTERS[output_format].render(report)
    if output:
        Path(output).write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False)
    if report.has_errors:
        sys.exit(2)
    sys.exit(1 if report.fails(config.fail_on) else 0)


@main.command(name="rules")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def list_rules(config_path) -> None:
    """Every rule: code, name, family, severity and summary."""
    for rule in _rules(_settings(config_path)):
        summary = rule.docs.split("\n\n")[0].replace("\n", " ")
        if len(summary) > 90:
            summary = summary[:89] + "…"
        click.echo(f"{rule.code}  {rule.name:<32} {rule.family:<8} {rule.severity:<8} {summary}")


@main.command(name="rule")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def show_rule(code, config_path) -> None:
    """One rule's documentation and examples (by code or name)."""
    for rule in _rules(_settings(config_path)):
        if code.upper() == rule.code or code == rule.name:
            click.echo(f"{rule.code} {rule.name}  ({rule.family}, {rule.severity}, kind: {rule.kind})\n")
            click.echo(f"Message: {rule.message}\n")
            click.echo(rule.docs + "\n")
            if rule.examples.bad:
                click.echo("Flagged:")
                for example in rule.examples.bad:
                    click.echo(f"  ✗ {example}")
            if rule.examples.good:
                click.echo("Not flagged:")
                for example in rule.examples.good:
                    click.echo(f"  ✓ {example}")
            return
    _fail(f"no rule with code or name '{code}' (see 'cliniclint rules')")


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
