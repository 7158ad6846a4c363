"""Rule packs as data: typed kind options, kind-declared message fields, pack data, the schema, plugin kinds.

tests/test_packs.py covers the bounds a pack from anyone must keep (regexes, aliases, paths, templates).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from cliniclint import lint
from cliniclint.cli import main
from cliniclint.lint.packschema import pack_schema
from cliniclint.lint.rules import builtin_pack_paths, load_pack, load_rules


def _pack(tmp_path, **rule):
    pack = tmp_path / "pack.yaml"
    fields = {"code": "SM901", "name": "test-rule", "kind": "spam-pattern", "severity": "info",
              "message": "'{text}' found", "docs": "d", "patterns": ["foo"], **rule}
    pack.write_text(yaml.safe_dump({"family": "spam", "rules": [fields]}), encoding="utf-8")
    return pack


def test_a_kind_may_name_its_own_placeholders(tmp_path):
    pack = tmp_path / "repeat.yaml"
    pack.write_text(yaml.safe_dump({"family": "spam", "rules": [{
        "code": "SM902", "name": "repeat", "kind": "spam-repeated-title", "severity": "info",
        "message": "repeats the title {how}", "docs": "d", "similarity": 0.8}]}), encoding="utf-8")
    (rule,) = load_pack(pack)
    assert rule.message == "repeats the title {how}"


def test_a_user_pack_ships_its_own_data_beside_it(tmp_path, check):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "boilerplate.txt").write_text("# one pattern a line\nclick here to subscribe\n")
    pack = _pack(tmp_path, patterns="boilerplate.txt")
    rules = load_rules([pack])
    found = lint.check_text("Great tips. Click here to subscribe today.", config=lint.Config(select=("SM901",)),
                            rules=rules)
    assert [f.text for f in found] == ["Click here to subscribe"]


def test_every_builtin_pack_validates_against_the_pack_schema():
    schema = pack_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for path in builtin_pack_paths():
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_the_schema_rejects_an_unknown_option_and_names_each_kinds_fields(tmp_path):
    schema = pack_schema()
    bad = yaml.safe_load(_pack(tmp_path, whole_blok=True).read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    variants = {v["properties"]["kind"]["const"]: v for v in schema["properties"]["rules"]["items"]["oneOf"]}
    assert {"patterns", "whole-block"} <= set(variants["spam-pattern"]["properties"])
    assert "needs-source" in variants["claim"]["properties"]


def test_schema_and_rule_commands_document_the_options():
    runner = CliRunner()
    printed = json.loads(runner.invoke(main, ["schema"]).stdout)
    assert printed == json.loads(json.dumps(pack_schema()))
    shown = runner.invoke(main, ["rule", "SM101"]).stdout
    assert "Options of kind spam-pattern:" in shown
    assert "  whole-block (true/false): true: a pattern must match a whole block" in shown


def test_a_kind_from_another_package_registers_through_an_entry_point(tmp_path):
    """An installed package declaring a ``cliniclint_kinds`` entry point makes its kind usable in packs.

    Entry points are read when the process starts, as for any installed
    package, so the run is a fresh interpreter with the package on its path.
    """
    site = tmp_path / "site"
    (site / "shout_kind").mkdir(parents=True)
    (site / "shout_kind" / "__init__.py").write_text(textwrap.dedent('''
        from cliniclint.lint.finding import Match
        from cliniclint.lint.kinds import RuleKind


        class Shout(RuleKind):
            """Reports words written in capitals."""

            name = "shout"

            def check(self, doc, context):
                for index, parsed in enumerate(doc.docs):
                    for token in parsed:
                        if token.is_upper and len(token) > 2:
                            yield Match(index, token.idx, token.idx + len(token))
    '''))
    dist = site / "shout_kind-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shout-kind\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[cliniclint_kinds]\nshout = shout_kind:Shout\n")
    (tmp_path / "shout.yaml").write_text(yaml.safe_dump({"family": "spam", "rules": [{
        "code": "SM903", "name": "shouting", "kind": "shout", "severity": "info", "message": "'{text}' shouts",
        "docs": "d"}]}), encoding="utf-8")
    (tmp_path / "cliniclint.toml").write_text('rule-packs = ["shout.yaml"]\nselect = ["SM903"]\n')
    (tmp_path / "ad.txt").write_text("Book NOW for glowing skin.\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", "from cliniclint.cli import main; main()", "check",
                             "--format", "json", "ad.txt"], cwd=tmp_path, env=env, capture_output=True, text=True)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["code"], f["message"]) for f in findings] == [("SM903", "'NOW' shouts")], result.stderr
