"""Validated packs and compiled tables kept on disk (``lint.compiled``): read back only for the same inputs."""

from __future__ import annotations

import os
import pickle
import warnings

import pytest

from cliniclint.lint import compiled, nlp, rules as rule_packs
from cliniclint.lint.analysis.spin import CollocationTables, SwapTable
from cliniclint.lint.kinds.spam_pattern import Options as SpamPatternOptions
from cliniclint.lint.options import RuleWarning
from cliniclint.lint.spin_model.resources import Resources
from cliniclint.lint.spin_model.thesaurus import Thesaurus

PACK = """\
family: spam
rules:
  - code: SM901
    name: call-now
    kind: spam-pattern
    severity: warning
    message: "a call to act: {text}"
    docs: Calls to act now push readers.
    patterns: {pattern}
"""


@pytest.fixture
def folder(tmp_path):
    compiled.keep_compiled(tmp_path / "cache")
    yield tmp_path / "cache" / f"compiled-v{compiled.FORMAT}"
    compiled.keep_compiled(None)


def _pack(tmp_path, pattern: str = "['call now']"):
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.replace("{pattern}", pattern))
    return path


def _validations(monkeypatch) -> list[str]:
    """Every validation of a spam-pattern rule's options from now on, by pattern."""
    seen: list[str] = []
    validate = SpamPatternOptions.model_validate

    def counted(data, **kwargs):
        seen.append(data.get("patterns"))
        return validate(data, **kwargs)

    monkeypatch.setattr(SpamPatternOptions, "model_validate", counted)
    return seen


def _described(loaded) -> list[tuple]:
    return [(rule.code, rule.name, rule.message, rule.examples, rule.checker.options) for rule in loaded]


def test_a_pack_validated_once_is_read_back_without_validating_it_again(folder, tmp_path, monkeypatch):
    validations = _validations(monkeypatch)
    pack = _pack(tmp_path)
    first = rule_packs.load_pack(pack)
    assert validations == [["call now"]] and len(list(folder.glob("pack-*.pickle"))) == 1
    again = rule_packs.load_pack(pack)
    assert validations == [["call now"]]  # not validated again
    assert _described(again) == _described(first) and again[0].checker is not first[0].checker
    assert [pattern.pattern for pattern in again[0].checker.patterns] == ["call now"]


def test_a_changed_pack_or_data_file_is_validated_again(folder, tmp_path, monkeypatch):
    validations = _validations(monkeypatch)
    pack = _pack(tmp_path, "calls.txt")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "calls.txt").write_text("call now\n")
    assert rule_packs.load_pack(pack)[0].checker.options.patterns == ("call now",)
    (tmp_path / "data" / "calls.txt").write_text("call today\n")
    rule_packs.load_pack(pack)  # (a process reads each data file once: the next process reads the new text)
    assert validations == ["calls.txt"] * 2
    pack.write_text(pack.read_text().replace("call-now", "call-today"))
    assert rule_packs.load_pack(pack)[0].name == "call-today"
    assert validations == ["calls.txt"] * 3
    rule_packs.load_pack(pack)
    assert validations == ["calls.txt"] * 3


def test_without_a_folder_every_load_validates(tmp_path, monkeypatch):
    validations = _validations(monkeypatch)
    pack = _pack(tmp_path)
    rule_packs.load_pack(pack)
    rule_packs.load_pack(pack)
    assert len(validations) == 2


def test_a_kept_packs_warnings_are_raised_again(folder, tmp_path):
    pack = _pack(tmp_path, "['call (?=now)']")  # RE2 cannot run it: Python's engine, with a warning
    for _ in range(2):
        with warnings.catch_warnings(record=True) as raised:
            warnings.simplefilter("always", RuleWarning)
            rule_packs.load_pack(pack)
        assert [str(warning.message) for warning in raised] == [
            f"{pack}: rule SM901: field 'patterns': 'call (?=now)' needs Python's backtracking regex engine "
            "(RE2: invalid perl operator: (?=), so its matching time is not bounded"]


def test_an_invalid_pack_is_never_kept(folder, tmp_path):
    pack = _pack(tmp_path, "['(unclosed']")
    for _ in range(2):
        with pytest.raises(rule_packs.RulePackError, match="bad regular expression"):
            rule_packs.load_pack(pack)
    assert not list(folder.glob("pack-*"))


class _Runs:
    """A pickle that would run a command when unpickled by a plain ``pickle.load``."""

    def __reduce__(self):
        return os.system, ("echo ran",)


def _through(module: str, name: str) -> bytes:
    """A pickle that calls ``module``'s attribute ``name`` with ("true",), as a crafted entry could."""
    def text(value: str) -> bytes:
        return pickle.SHORT_BINUNICODE + bytes([len(value)]) + value.encode()

    return (b"\x80\x04" + text(module) + text(name) + pickle.STACK_GLOBAL + text("true") + pickle.TUPLE1
            + pickle.REDUCE + pickle.STOP)


# The command a backend runs, reached by a dotted name through the module that imports subprocess,
# and a class that cliniclint only imports from elsewhere.
CRAFTED = [_through("cliniclint.lint.grammar.backends", "subprocess.Popen"),
           _through("cliniclint.lint.compiled", "io.BytesIO")]


@pytest.mark.parametrize("entry", [b"", b"\x80\x05K", pickle.dumps(_Runs()), pickle.dumps(print), *CRAFTED])
def test_a_torn_or_foreign_entry_is_computed_again_and_runs_nothing(folder, entry):
    compiled.kept("test", [b"parts"], lambda: ("first",))
    (path,) = folder.glob("test-*.pickle")
    path.write_bytes(entry)
    assert compiled.kept("test", [b"parts"], lambda: ("again",)) == ("again",)
    assert compiled.kept("test", [b"parts"], lambda: ("third",)) == ("again",)  # written whole again
    assert compiled.kept("test", [b"other parts"], lambda: ("other",)) == ("other",)


def test_kept_collocations_and_phrase_starts_are_what_compiling_gives(folder, rules):
    pipeline = nlp.pipeline(nlp.resolve_model(None), frozenset({"tagger", "lemmatizer"}))
    tables = {type(rule.checker).__name__: rule.checker.options for rule in rules}
    options = tables["SpinCollocation"]

    def fresh() -> CollocationTables:  # a new table each time: compiled once per table and pipeline in memory
        return CollocationTables(options.collocations, SwapTable.model_validate(options.swaps.model_dump()))

    compiled_now = fresh()._compile(pipeline.phrases, pipeline.morphology)
    assert fresh().matcher(pipeline.phrases, pipeline.morphology).collocations == compiled_now
    assert list(folder.glob("collocations-*.pickle"))
    assert fresh().matcher(pipeline.phrases, pipeline.morphology).collocations == compiled_now  # read back
    resources = Resources.load()
    assert Thesaurus(resources).phrase_starts == Thesaurus(resources).phrase_starts \
        == Thesaurus(resources)._phrase_starts()
    assert list(folder.glob("phrase-starts-*.pickle"))
