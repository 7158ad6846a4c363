"""Train the caveat concept classifier on every concept sentence and write it as package data.

    python tools/caveat/train.py        # needs scikit-learn (the spin-build extra); writes
                                        # rules/data/caveat-model/concepts.json

Trained on every blind round and the development sentences (``model.py``), so every round is tuning
material for it; ``loro.py`` estimates how it carries to a round it has not seen. The file holds the
vocabulary with its inverse document frequencies and each concept's weights (rounded, and those
below ``PRUNE`` dropped), read by ``lint/analysis/concept_model.py`` without scikit-learn.
"""

from __future__ import annotations

import json

from model import CHAR_NGRAMS, ROOT, SETS, WORD_NGRAMS, fit, sentences

OUTPUT = ROOT / "rules" / "data" / "caveat-model" / "concepts.json"
PRUNE = 0.02  # weights smaller than this change no probability by more than a few thousandths
DIGITS = 4
THRESHOLD = 0.7  # chosen on blind v8 held out (README, round 9): 0.5 found more sentences, but cost ablation cases


def export(fitted) -> dict:
    word, char, models = fitted
    parts = {"word": word, "char": char}
    offsets = {"word": 0, "char": len(word.vocabulary_)}
    data = {"word-ngrams": list(WORD_NGRAMS), "char-ngrams": list(CHAR_NGRAMS), "threshold": THRESHOLD, "idf": {}, "concepts": {}}
    for name, vectoriser in parts.items():
        data["idf"][name] = {term: round(float(vectoriser.idf_[index]), DIGITS)
                             for term, index in sorted(vectoriser.vocabulary_.items())}
    for concept, model in models.items():
        weights = model.coef_[0]
        data["concepts"][concept] = {
            "bias": round(float(model.intercept_[0]), DIGITS),
            **{name: {term: round(float(weights[offsets[name] + index]), DIGITS)
                      for term, index in sorted(vectoriser.vocabulary_.items())
                      if abs(weights[offsets[name] + index]) >= PRUNE}
               for name, vectoriser in parts.items()}}
    return data


def main() -> None:
    fitted = fit([item for name in SETS for item in sentences(name)])
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(export(fitted), ensure_ascii=False, separators=(",", ":")) + "\n",
                      encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)} ({OUTPUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
