"""The trained parts: a ranker over a slot's candidates and a classifier over slots.

Both are read from ``weights.json`` (written by ``tools/spin/train.py``):

* the ranker is linear: ``score = candidate_features @ weights``; the
  best-scoring candidate is what the writer probably meant;
* the classifier is an ensemble of small multilayer perceptrons ("members",
  trained with different seeds on the same standardised inputs: one tanh
  hidden layer, a logistic output), each calibrated on dev data with Platt
  scaling, ``P(spun) = sigmoid(a * logit + b)``; the confidence is the mean of
  the members' calibrated probabilities. One retrained classifier is a noisy
  draw (tools/spin/README.md, round 7); the mean of several is steadier.

A weights file with one classifier (``classifier.hidden``/``output`` and a
top-level ``calibration``, the format before ensembles) is an ensemble of
one. The members are stacked into arrays at load, so that scoring the slots
of a block is one batched product per layer, whatever the ensemble's size.
Only NumPy runs at lint time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .detector import FEATURE as DETECTOR_FEATURE
from .features import CANDIDATE_FEATURES, SLOT_FEATURES
from .resources import ModelMissing


def _array(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def ensemble_members(weights: dict) -> list[dict]:
    """Each member's ``hidden``, ``output`` and ``calibration``, from either format of ``weights.json``."""
    classifier = weights["classifier"]
    if "members" in classifier:
        return classifier["members"]
    return [{"hidden": classifier["hidden"], "output": classifier["output"], "calibration": weights["calibration"]}]


@dataclass(frozen=True)
class Scorer:
    ranker: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    # The members' layers stacked on a first axis of size K (the ensemble's size):
    # per hidden layer (weights K x inputs x units, bias K x units), the output (K x units, K),
    # and the calibration (a: K, b: K).
    hidden: tuple[tuple[np.ndarray, np.ndarray], ...]
    output: tuple[np.ndarray, np.ndarray]
    platt: tuple[np.ndarray, np.ndarray]
    thresholds: dict
    slots: dict  # how slots were chosen in training: max_candidates, attested
    detector: bool = False  # the slot rows end with the replaced-token detector's column (detector.py)

    @classmethod
    def from_json(cls, weights: dict, where: str) -> Scorer:
        features = tuple(weights["classifier"]["features"])
        if tuple(weights["ranker"]["features"]) != CANDIDATE_FEATURES or \
                features not in (SLOT_FEATURES, (*SLOT_FEATURES, DETECTOR_FEATURE)):
            raise ModelMissing(f"{where}: weights were trained for other features; retrain with tools/spin/train.py")
        classifier, members = weights["classifier"], ensemble_members(weights)
        shapes = {tuple(_array(layer["weights"]).shape for layer in member["hidden"]) for member in members}
        if len(shapes) != 1:
            raise ModelMissing(f"{where}: the ensemble's members have different layers; retrain with tools/spin/train.py")
        return cls(
            ranker=_array(weights["ranker"]["weights"]),
            mean=_array(classifier["mean"]),
            scale=_array(classifier["scale"]),
            hidden=tuple((_array([member["hidden"][i]["weights"] for member in members]),
                          _array([member["hidden"][i]["bias"] for member in members]))
                         for i in range(len(members[0]["hidden"]))),
            output=(_array([member["output"]["weights"] for member in members]),
                    _array([member["output"]["bias"] for member in members])),
            platt=(_array([member["calibration"]["a"] for member in members]),
                   _array([member["calibration"]["b"] for member in members])),
            thresholds=dict(weights["thresholds"]),
            slots=dict(weights["slots"]),
            detector=features[-1] == DETECTOR_FEATURE,
        )

    @property
    def size(self) -> int:
        """How many classifiers the ensemble averages."""
        return len(self.platt[0])

    def rank(self, candidates: np.ndarray) -> np.ndarray:
        return candidates @ self.ranker

    def member_probabilities(self, slots: np.ndarray) -> np.ndarray:
        """Each member's calibrated probability of each slot (K x slots)."""
        values = np.broadcast_to((slots - self.mean) / self.scale, (self.size, *slots.shape))
        for weights, bias in self.hidden:
            values = np.tanh(values @ weights + bias[:, None, :])
        weights, bias = self.output
        logit = np.einsum("knu,ku->kn", values, weights) + bias[:, None]
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-(a[:, None] * logit + b[:, None])))

    def probability(self, slots: np.ndarray) -> np.ndarray:
        """The ensemble's confidence of each slot: the mean of its members' calibrated probabilities."""
        return self.member_probabilities(slots).mean(axis=0)
