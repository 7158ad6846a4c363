"""A small client for LanguageTool's HTTP API (``/v2/languages``, ``/v2/check``).

Both backends end up here: a LanguageTool server named by URL, and the local
LanguageTool that :mod:`.backends` starts on a loopback port. The standard
library is enough, and owning the client gives cliniclint short timeouts and
one-line errors (language-tool-python waits up to 300 s per request).

LanguageTool is written in Java: its offsets count UTF-16 code units, so a
character outside the Basic Multilingual Plane (an emoji) counts twice. They
are converted to Python string offsets here, once, for every caller.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from itertools import accumulate


HARPER = "Harper"  # Issue.checker: whose vocabulary an issue's category and rule id are in
LANGUAGETOOL = "LanguageTool"


class BackendError(Exception):
    """The grammar backend cannot run or answer; the message is one line naming the backend."""


@dataclass(frozen=True)
class Issue:
    """One grammar checker match, with offsets in the Python string that was checked."""

    start: int
    end: int
    rule_id: str
    category: str  # LanguageTool category id (TYPOS, GRAMMAR, ...) or Harper lint kind (Spelling, Agreement, ...)
    issue_type: str  # LanguageTool's ITS issue type: misspelling, grammar, style, ... ("" from Harper)
    message: str
    replacements: tuple[str, ...]
    checker: str = LANGUAGETOOL  # which checker's vocabulary `category` and `rule_id` are in
    severity: str | None = None  # the backend's curated severity for this match; None: the routed rule's


@dataclass(frozen=True)
class LocatedIssue:
    """A match in block-text coordinates: what every backend hands the grammar rules."""

    block: int
    start: int
    end: int
    issue: Issue


def base_url(url: str) -> str:
    """``https://lt.example.org``, ``.../v2`` and ``.../v2/`` all name the same API root."""
    url = url.rstrip("/")
    if url.endswith("/v2"):
        url = url[: -len("/v2")]
    return url + "/v2/"


def utf16_to_python(text: str) -> list[int]:
    """``table[u]`` is the Python offset of UTF-16 offset ``u`` in ``text`` (for every boundary)."""
    table = [0] * (len(text.encode("utf-16-le")) // 2 + 1)
    for index, position in enumerate(accumulate((2 if ord(c) > 0xFFFF else 1 for c in text), initial=0)):
        table[position] = index
    return table


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class LanguageToolClient:
    """Talks to one LanguageTool server; every failure becomes a :class:`BackendError`."""

    def __init__(self, url: str, name: str, timeout: float) -> None:
        self.url = base_url(url)
        self.name = name  # how failures name the backend, e.g. "LanguageTool server https://..."
        self.timeout = timeout

    def _fetch(self, endpoint: str, form: dict[str, str] | None = None) -> bytes:
        url = urllib.parse.urljoin(self.url, endpoint)
        data = urllib.parse.urlencode(form).encode("utf-8") if form is not None else None
        request = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            detail = _one_line(error.read().decode("utf-8", "replace")) or error.reason
            raise BackendError(f"{self.name}: HTTP {error.code} from /v2/{endpoint}: {detail}") from None
        except (TimeoutError, socket.timeout):
            raise BackendError(f"{self.name}: no answer within {self.timeout:g} s") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise BackendError(f"{self.name}: no answer within {self.timeout:g} s") from None
            raise BackendError(f"{self.name}: unreachable ({_one_line(str(reason))})") from None
        except (OSError, ValueError) as error:  # reset connections, malformed URLs
            raise BackendError(f"{self.name}: {_one_line(str(error))}") from None

    def _request(self, endpoint: str, form: dict[str, str] | None = None):
        body = self._fetch(endpoint, form)
        try:
            return json.loads(body)
        except ValueError:
            raise BackendError(f"{self.name}: /v2/{endpoint} did not answer JSON: {_one_line(body.decode('utf-8', 'replace'), 80)}") from None

    def healthy(self) -> bool:
        """Whether the server answers its health check (it says "OK", not JSON)."""
        try:
            self._fetch("healthcheck")
        except BackendError:
            return False
        return True

    def languages(self) -> set[str]:
        """Every language code the server knows, short and long ("en", "en-US", ...)."""
        answer = self._request("languages")
        try:
            return {code for entry in answer for code in (entry["code"], entry["longCode"])}
        except (TypeError, KeyError):
            raise BackendError(f"{self.name}: /v2/languages answered in an unknown format") from None

    def check(self, text: str, language: str) -> list[Issue]:
        """LanguageTool's matches in ``text``."""
        answer = self._request("check", {"text": text, "language": language})
        to_python = utf16_to_python(text)
        try:
            return [self._issue(match, to_python) for match in answer["matches"]]
        except (TypeError, KeyError, IndexError, ValueError):
            raise BackendError(f"{self.name}: /v2/check answered in an unknown format") from None

    @staticmethod
    def _issue(match: dict, to_python: list[int]) -> Issue:
        offset, length = int(match["offset"]), int(match["length"])
        rule = match["rule"]
        return Issue(
            start=to_python[offset],
            end=to_python[offset + length],
            rule_id=rule["id"],
            category=rule.get("category", {}).get("id", ""),
            issue_type=rule.get("issueType", ""),
            message=_one_line(match.get("message", ""), 300),
            replacements=tuple(r["value"] for r in match.get("replacements", ())),
        )
