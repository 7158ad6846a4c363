"""The caveat concept classifier measured by ``loro.py`` (issue 12, round 9).

One TF-IDF space over word uni- and bigrams and character 3-5-grams inside words, and one logistic
regression per concept. A concept's positives are its conveying sentences; its negatives are its
must-not-count sentences and every other concept's conveying sentences. An experiment, not shipped:
see the round-9 paragraph of README.md for what it found.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CAVEAT = ROOT / "tests" / "data" / "caveat"
ROUNDS = ("blind",) + tuple(f"blind-v{number}" for number in range(2, 14))
SETS = ROUNDS + ("dev",)
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (3, 5)
REGULARISATION = 10.0  # scikit-learn's C


def read(name: str | Path, file: str) -> dict:
    """One file of a caveat set, named by its folder under tests/data/caveat or by an absolute path."""
    return yaml.safe_load((CAVEAT / name / file).read_text(encoding="utf-8"))


def sentences(name: str) -> list[tuple[str, str, bool]]:
    """(text, concept, conveys) for every concept sentence of one set."""
    return [(item["text"], concept, conveys) for item, concept, conveys in sentence_items(name)]


def sentence_items(name: str) -> list[tuple[dict, str, bool]]:
    """(item, concept, conveys) for every concept sentence of one set; an item has its text and procedure."""
    data = read(name, "concept-sentences.yaml")
    return [(item, block["concept"], kind == "conveys")
            for block in data["concepts"] for kind in ("conveys", "does_not") for item in block[kind]]


def vectorisers(texts: list[str], vocabularies: tuple[list[str], list[str]] = (None, None)):
    """The word and character TF-IDF spaces fitted on ``texts``, over the given vocabularies or
    every n-gram of the texts (shared with ``tools/claims``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = sorted(set(texts))
    words, chars = vocabularies
    word = TfidfVectorizer(ngram_range=WORD_NGRAMS, sublinear_tf=True, vocabulary=words).fit(texts)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True,
                           vocabulary=chars).fit(texts)
    return word, char


def features(spaces, texts: list[str]):
    """The texts in both spaces, side by side."""
    from scipy.sparse import hstack

    word, char = spaces
    return hstack([word.transform(texts), char.transform(texts)]).tocsr()


def fit(training: list[tuple[str, str, bool]]):
    """((word vectoriser, char vectoriser), {concept: fitted LogisticRegression})."""
    from sklearn.linear_model import LogisticRegression

    spaces = vectorisers([text for text, _, _ in training])
    models = {}
    for concept in sorted({concept for _, concept, _ in training}):
        chosen = [(text, int(c == concept and conveys)) for text, c, conveys in training if c == concept or conveys]
        models[concept] = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=2000).fit(
            features(spaces, [t for t, _ in chosen]), [label for _, label in chosen])
    return spaces, models


def probabilities(fitted, texts: list[str]) -> dict[str, list[float]]:
    """Each concept's probability for each text."""
    spaces, models = fitted
    matrix = features(spaces, texts)
    return {concept: list(model.predict_proba(matrix)[:, 1]) for concept, model in models.items()}
