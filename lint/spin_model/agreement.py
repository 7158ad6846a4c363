"""Broken article agreement ("a organic approach"): spinners swap the noun or adjective and leave "a"/"an".

The sound a word starts with comes from its spelling, corrected by the words
whose first sound Open English WordNet's pronunciations say differs
(``initial-sounds.json``: "an hour", "a university", "a one-off"). Words
starting with h or u, whose sound the spelling does not tell, are only judged
when the table knows them; acronyms, letters ("an x-ray") and numbers are
never judged.
"""

from __future__ import annotations

from spacy.tokens import Doc


class Agreement:
    def __init__(self, sounds: dict[str, list[str]]) -> None:
        self.sound = {word: sound for sound, words in sounds.items() for word in words}

    def first_sound(self, word: str) -> str | None:
        word = word.lower().split("-")[0]
        if not word.isalpha():
            return None
        known = self.sound.get(word)
        if known is not None:
            return known
        if word[0] in "hu":
            return None
        return "vowel" if word[0] in "aeio" else "consonant"

    def errors(self, doc: Doc) -> list[tuple[int, int]]:
        """Token spans (article, next word) where "a" meets a vowel sound or "an" a consonant sound."""
        found = []
        for token in doc[:-1]:
            article = token.lower_
            if article not in ("a", "an") or token.text == "A" and token.is_sent_start is False:
                continue
            after = doc[token.i + 1]
            if not after.is_alpha or after.is_upper or len(after) == 1 or token.whitespace_ != " ":
                continue
            sound = self.first_sound(after.text)
            if sound is not None and (sound == "vowel") != (article == "an"):
                found.append((token.i, after.i + 1))
        return found
