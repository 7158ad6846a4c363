"""The word lists analyses read, as typed data: ``rules/data/english.yaml`` and ``claim-semantics.yaml``.

Every list is loaded once per process and validated, so a misspelt or missing
section fails at start-up with the file and section named, not as an empty
list deep inside an analysis.
"""

from __future__ import annotations

import functools
import re

from pydantic import BaseModel, ConfigDict, field_validator

from ..data import load_data


class _Lists(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, alias_generator=lambda name: name.replace("_", "-"))


class English(_Lists):
    """General English: negation, hedging, reporting, reference, names and numbers."""

    negators: frozenset[str]
    negative_subjects: frozenset[str]
    negation_cancellers: frozenset[str]
    assertion_heads: frozenset[str]
    warnings: frozenset[str]
    warning_phrasal_verbs: frozenset[str]
    warning_object_prepositions: frozenset[str]  # what a phrasal warning is about: "watch out for", "stay away from"
    claim_verbs: frozenset[str]
    saying_verbs: frozenset[str]
    hedges: tuple[str, ...]  # in order: the first that matches is named
    mention_nouns: frozenset[str]
    voiding_words: frozenset[str]
    minimisers: frozenset[str]
    free_words: frozenset[str]
    reassurances: tuple[str, ...]
    clause_breaks: frozenset[str]
    quotes: frozenset[str]
    anaphors: frozenset[str]
    wh_words: frozenset[str]
    first_person: frozenset[str]
    name_joiners: frozenset[str]
    calendar_names: frozenset[str]
    single_numbers: frozenset[str]
    capital_openers: frozenset[str]
    number_agreeing_verbs: frozenset[str]
    softeners: frozenset[str]
    generic_determiners: frozenset[str]
    advice_words: frozenset[str]
    obligation_words: frozenset[str]
    condition_markers: tuple[str, ...]
    comparison_degree_words: frozenset[str]
    giving_verbs: frozenset[str]
    imperative_openers: frozenset[str]
    question_openers: frozenset[str]
    rhetorical_openers: tuple[str, ...]
    writer_words: frozenset[str]
    withdrawing_verbs: frozenset[str]
    permitting_verbs: frozenset[str]
    count_nouns: frozenset[str]
    reducing_comparatives: frozenset[str]
    range_hedges: tuple[str, ...]
    hedging_quantifiers: frozenset[str]
    denying_words: frozenset[str]
    denying_prepositions: frozenset[str]
    quantity_nouns: frozenset[str]
    having_verbs: frozenset[str]
    incapacity_words: frozenset[str]
    advice_clause_marks: frozenset[str]
    nil_predicates: frozenset[str]
    severity_words: frozenset[str]


class ClaimWords(_Lists):
    """The claim domain: who makes claims, what counts as a risk, how a source is named."""

    third_parties: frozenset[str]
    risk_targets: frozenset[str]
    generic_nouns: frozenset[str]
    benefits: frozenset[str]
    benefit_words: frozenset[str]
    procedure_nouns: frozenset[str]
    sanctions: frozenset[str]
    unrelated_things: frozenset[str]
    promotion_names: frozenset[str]
    sources: dict[str, re.Pattern]  # name -> one pattern of alternatives

    @field_validator("sources", mode="before")
    @classmethod
    def _compile(cls, lists: dict[str, list[str]]) -> dict[str, re.Pattern]:
        return {name: re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)
                for name, patterns in lists.items()}


@functools.cache
def english() -> English:
    return English.model_validate(load_data("english.yaml"))


@functools.cache
def claim_words() -> ClaimWords:
    return ClaimWords.model_validate(load_data("claim-semantics.yaml"))
