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
from .lint.report import github as github_report
from .lint.report import html as html_report
from .lint.report import json as json_report
from .lint.report import junit as junit_report
from .lint.report import sarif as sarif_report
from .lint.report import text as text_report
from .lint.suppress import UNUSED_SUPPRESSION

REPORTERS = {"text": text_report, "json": json_report, "sarif": sarif_report, "github": github_report,
             "junit": junit_report, "html": html_report}
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

# Grammar and spelling: "auto" runs Harper when it is installed
# (pip install 'cliniclint[grammar]') and is off otherwise; "harper" insists on
# it; "languagetool" is a local LanguageTool, or give a LanguageTool server URL;
# "off". `language` is the variant checked (en-US, en-GB, en-AU, ...).
grammar = "auto"
language = "en-US"
"""
# A progress bar appears on a terminal when a run lints more files than this.
PROGRESS_MIN_FILES = 5
# Fixing stops after this many passes even if a fix keeps revealing another.
MAX_FIX_PASSES = 10


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
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default="text", show_default=True,
              help="Report format: text, json, sarif (code scanning), github (PR annotations), junit, html.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Config file (default: nearest).")
@click.option("--select", multiple=True, help="Only these rules: codes, code prefixes, names or families.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, code prefixes, names or families.")
@click.option("--fail-on", type=click.Choice([*SEVERITIES, "never"]), help="Lowest severity that fails the run.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (input errors still exit 2).")
@click.option("--model", help="spaCy model to load (name or path).")
@click.option("--grammar", help="Grammar checking: 'auto' (Harper if installed), 'off', 'harper', "
                                "'languagetool' or a LanguageTool server URL.")
@click.option("--language", help="Language variant for grammar checking, e.g. en-GB.")
@click.option("--stdin-filename", help="Name (and so format) of the text read from '-'.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report here.")
@click.option("--quiet", "-q", is_flag=True, help="Text format: print only the summary line.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule has instead of the findings.")
@click.option("--explain", is_flag=True, help="Text format: show each procedure's caveat checklist with evidence.")
@click.option("--fix", "apply_fixes", is_flag=True,
              help="Apply safe fixes (spin swaps) in place; with '-' print the fixed text. Claims and caveats are never fixed.")
@click.option("--diff", "show_diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, writable=True),
              help="Record every current finding in this file, then exit.")
def check(paths, output_format, config_path, select, ignore, fail_on, exit_zero, model, grammar, language,
          stdin_filename, output, quiet, statistics, explain, apply_fixes, show_diff, baseline_path,
          write_baseline) -> None:
    """Lint articles (.txt, .md, .html); '-' reads standard input."""
    if baseline_path and write_baseline:
        _fail("--baseline and --write-baseline cannot be used together")
    if statistics and output_format not in ("text", "json"):
        _fail("--statistics prints text or json")
    config = _settings(config_path, select=_split(select), ignore=_split(ignore), fail_on=fail_on, model=model,
                       grammar=grammar, language=language)
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
    report = _lint(sources, config, rules, output_format, baseline_path)
    for file in report.files:
        if file.error:
            click.echo(f"cliniclint: {file.path}: {file.error}", err=True)
    if write_baseline:
        count = baselines.write(report, write_baseline)
        click.echo(f"cliniclint: recorded {count} findings in {write_baseline}", err=True)
        sys.exit(2 if report.has_errors else 0)
    if show_diff:
        changed = False
        for file in report.files:
            if not file.error and (fixed := _fixed(file, stdin)) is not None:
                click.echo(fixes.diff(file.path, _original(file.path, stdin), fixed), nl=False)
                changed = True
        sys.exit(2 if report.has_errors else (1 if changed else 0))
    if apply_fixes:
        report = _apply_fixes(report, stdin, config, rules, baseline_path)
    rendered = _render(report, rules, output_format, output, quiet, statistics, explain)
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


def _lint(sources, config, rules, output_format="text", baseline_path=None):
    """Run the linter (with a progress bar on a terminal for big runs) and apply the baseline."""
    show_progress = len(sources) > PROGRESS_MIN_FILES and sys.stderr.isatty() and output_format == "text"
    try:
        if show_progress:
            with click.progressbar(length=len(sources), label="Linting", file=sys.stderr) as bar:
                report = run(sources, config, rules, on_file=lambda _: bar.update(1))
        else:
            report = run(sources, config, rules)
    except nlp.ModelError as error:
        _fail(str(error))
    if baseline_path:
        try:
            report = baselines.only_new(report, baseline_path)
        except baselines.BaselineError as error:
            _fail(str(error))
    return report


def _original(path: str, stdin: dict[str, bytes]) -> bytes:
    return stdin[path] if path in stdin else Path(path).read_bytes()


def _fixed(file, stdin: dict[str, bytes]) -> bytes | None:
    """The file's bytes with its safe fixes applied, or None when there is nothing to fix."""
    changes = fixes.edits(file.findings)
    if not changes:
        return None
    try:
        return fixes.fix_bytes(_original(file.path, stdin), file.source, changes)
    except (OSError, UnicodeDecodeError, fixes.StaleFile) as error:
        click.echo(f"cliniclint: {file.path}: not fixed: {error}", err=True)
        return None


def _apply_fixes(report, stdin, config, rules, baseline_path):
    """Apply safe fixes until none are left, write each changed file once, and report what remains.

    A fix can make the next one visible (a swap completes a phrase another rule
    knows), so files are linted again after each pass, as ruff does.
    """
    current = {file.path: file for file in report.files}
    contents = dict(stdin)  # path -> the latest bytes, fixed or as read from stdin
    pending = [file for file in report.files if not file.error]
    fixed_count = 0
    for _ in range(MAX_FIX_PASSES):
        changed = []
        for file in pending:
            if (fixed := _fixed(file, contents)) is not None:
                fixed_count += len(fixes.edits(file.findings))
                contents[file.path] = fixed
                changed.append((file.path, fixed))
        if not changed:
            break
        pending = _lint(changed, config, rules, baseline_path=baseline_path).files
        current.update((file.path, file) for file in pending)
    written = [path for path in contents if path not in stdin or contents[path] is not stdin[path]]
    for path, data in contents.items():
        if path in stdin:
            sys.stdout.buffer.write(data)
        else:
            fixes.write_atomically(path, data)
    sys.stdout.flush()
    click.echo(f"cliniclint: fixed {fixed_count} findings in {len(written)} files", err=True)
    return replace(report, files=[current[file.path] for file in report.files])


def _render(report, rules, output_format, output, quiet, statistics, explain) -> str:
    if statistics:
        return _statistics(report, output_format)
    if output_format == "text":
        if quiet:
            return text_report.summary_line(report) + "\n"
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        return text_report.render(report, color=color, explain=explain)
    if output_format == "sarif":
        return sarif_report.render(report, [*rules, UNUSED_SUPPRESSION])
    return REPORTERS[output_format].render(report)


def _statistics(report, output_format: str) -> str:
    """Findings per rule, most frequent first (ruff's --statistics)."""
    counts: dict[str, dict] = {}
    for finding in report.findings:
        entry = counts.setdefault(finding.code, {"code": finding.code, "rule": finding.rule,
                                                 "family": finding.family, "count": 0, "fixable": 0})
        entry["count"] += 1
        entry["fixable"] += bool(finding.fixable and finding.suggestions)
    rows = sorted(counts.values(), key=lambda row: (-row["count"], row["code"]))
    if output_format == "json":
        return json.dumps(rows, indent=2) + "\n"
    lines = [f"{row['count']:>6}  {row['code']:<6} {row['rule']:<32} {row['family']:<8}"
             + (f" {row['fixable']} fixable" if row["fixable"] else "") for row in rows]
    return "".join(line.rstrip() + "\n" for line in lines)


@main.command(name="rules")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def list_rules(config_path) -> None:
    """Every rule: code, name, family, severity and summary."""
    for rule in [*_rules(_settings(config_path)), UNUSED_SUPPRESSION]:
        summary = rule.docs.split("\n\n")[0].replace("\n", " ")
        if len(summary) > 90:
            summary = summary[:89] + "…"
        click.echo(f"{rule.code}  {rule.name:<32} {rule.family:<8} {rule.severity:<8} {summary}")


@main.command(name="rule")
@click.argument("code")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def show_rule(code, config_path) -> None:
    """One rule's documentation and examples (by code or name)."""
    for rule in [*_rules(_settings(config_path)), UNUSED_SUPPRESSION]:
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
    from .lint.grammar import BackendError

    config = _settings(config_path, select=_split(select), ignore=_split(ignore))
    try:
        result = evaluate(paths, config, _rules(config))
    except (AnnotationError, BackendError, nlp.ModelError) as error:
        _fail(str(error))
    if output_format == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(render(result), nl=False)
