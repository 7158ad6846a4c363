"""The trained parts: a ranker over a slot's candidates and a classifier over slots.

Both are read from ``weights.json`` (written by ``tools/spin/train.py``):

* the ranker is linear: ``score = candidate_features @ weights``; the
  best-scoring candidate is what the writer probably meant;
* the classifier is a small multilayer perceptron (standardised inputs,
  one tanh hidden layer, a logistic output), whose output is calibrated on
  dev data with Platt scaling: ``P(spun) = sigmoid(a * logit + b)``.

Only NumPy runs at lint time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import CANDIDATE_FEATURES, SLOT_FEATURES
from .resources import ModelMissing


def _array(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


@dataclass(frozen=True)
class Scorer:
    ranker: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    hidden: tuple[tuple[np.ndarray, np.ndarray], ...]
    output: tuple[np.ndarray, float]
    platt: tuple[float, float]
    thresholds: dict
    slots: dict  # how slots were chosen in training: max_candidates, attested

    @classmethod
    def from_json(cls, weights: dict, where: str) -> Scorer:
        if tuple(weights["ranker"]["features"]) != CANDIDATE_FEATURES or \
                tuple(weights["classifier"]["features"]) != SLOT_FEATURES:
            raise ModelMissing(f"{where}: weights were trained for other features; retrain with tools/spin/train.py")
        classifier = weights["classifier"]
        return cls(
            ranker=_array(weights["ranker"]["weights"]),
            mean=_array(classifier["mean"]),
            scale=_array(classifier["scale"]),
            hidden=tuple((_array(layer["weights"]), _array(layer["bias"])) for layer in classifier["hidden"]),
            output=(_array(classifier["output"]["weights"]), float(classifier["output"]["bias"])),
            platt=(float(weights["calibration"]["a"]), float(weights["calibration"]["b"])),
            thresholds=dict(weights["thresholds"]),
            slots=dict(weights["slots"]),
        )

    def rank(self, candidates: np.ndarray) -> np.ndarray:
        return candidates @ self.ranker

    def logit(self, slots: np.ndarray) -> np.ndarray:
        values = (slots - self.mean) / self.scale
        for weights, bias in self.hidden:
            values = np.tanh(values @ weights + bias)
        weights, bias = self.output
        return values @ weights + bias

    def probability(self, slots: np.ndarray) -> np.ndarray:
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a * self.logit(slots) + b)))
