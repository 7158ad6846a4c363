"""Choosing and opening the grammar backend: Harper, a LanguageTool server by URL, or a local LanguageTool.

``grammar = "auto"`` (the default) is Harper when ``harper-py`` is installed
(``pip install 'cliniclint[grammar]'``) and off otherwise; ``"harper"`` asks
for Harper and fails in one line when it is missing. ``"languagetool"`` (or
its older name ``"local"``) is a local LanguageTool, an http(s) URL a
LanguageTool server.

``grammar = "languagetool"`` uses the LanguageTool that language-tool-python would use:
an unzipped ``LanguageTool-<version>`` folder in its download directory
(``$LTP_PATH``, default ``~/.cache/language_tool_python``). cliniclint never
downloads it: linting must not depend on the network, and a download attempt on
a machine without one hangs or fails slowly. So the installation and Java are
checked first, and a missing piece is reported in one line within a second.

The local server is started once per run, on a free loopback port, and
stopped when the run ends. It is started directly rather than through
``language_tool_python.LanguageTool``, whose start-up retries on hundreds of
ports when the server exits early and waits 300 s per request: here start-up
has one bounded attempt.
"""

from __future__ import annotations

import atexit
import re
import shutil
import socket
import subprocess
import tempfile
import time

from collections.abc import Sequence

from ..document import Block
from . import harper
from .batching import MAX_CHARS, check_blocks
from .client import BackendError, LanguageToolClient, LocatedIssue

SERVER_TIMEOUT = 15.0  # seconds a remote server may take per request
LOCAL_TIMEOUT = 60.0  # a fresh local server loads its language model on the first check
STARTUP_TIMEOUT = 60.0  # seconds for a local JVM to start answering
MIN_JAVA = 17  # LanguageTool 6.x needs Java 17


class Backend:
    """An open connection to a LanguageTool server, closed at the end of the run."""

    def __init__(self, client: LanguageToolClient, language: str = "en-US", max_chars: int = MAX_CHARS) -> None:
        self.client = client
        self.language = language
        self.max_chars = max_chars

    @property
    def name(self) -> str:
        return self.client.name

    def check(self, blocks: Sequence[Block]) -> list[LocatedIssue]:
        """LanguageTool's matches in the blocks' text, in as few requests as its length limit allows."""
        return check_blocks([block.text for block in blocks], lambda text: self.client.check(text, self.language),
                            self.max_chars)

    def close(self) -> None:
        """Nothing to release for a server someone else runs."""


class LocalBackend(Backend):
    """A LanguageTool server process that this run started, and stops."""

    def __init__(self, client: LanguageToolClient, process: subprocess.Popen, log) -> None:
        super().__init__(client)
        self.process = process
        self.log = log  # the server's output, for the reason when it exits early
        atexit.register(self.close)  # a crash must not leave a JVM behind

    def close(self) -> None:
        atexit.unregister(self.close)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


LOCAL_LANGUAGETOOL = ("languagetool", "local")  # "local" was the setting's name before Harper came
HARPER_SETTINGS = ("auto", "harper")  # "auto": Harper when the grammar extra is installed, else grammar is off


def open_backend(setting: str, language: str, vocabulary: Sequence[str] = (),
                 max_chars: int = MAX_CHARS) -> Backend | harper.HarperBackend | None:
    """The backend ``setting`` names, checked to know ``language``; None for "auto" without Harper."""
    if setting in HARPER_SETTINGS:
        if not harper.installed():
            if setting == "auto":
                return None
            raise BackendError(f"Harper: not installed ({harper.INSTALL_HINT})")
        return harper.HarperBackend(language, vocabulary)
    if setting in LOCAL_LANGUAGETOOL:
        backend: Backend = start_local()
    elif re.match(r"https?://", setting):
        backend = Backend(LanguageToolClient(setting, f"LanguageTool server {setting}", SERVER_TIMEOUT))
    else:
        raise BackendError(f"grammar backend {setting!r} is not 'auto', 'off', 'harper', 'languagetool' "
                           "or an http(s):// LanguageTool URL")
    backend.language, backend.max_chars = language, max_chars
    try:
        known = backend.client.languages()
        if language != "auto" and language not in known:  # "auto": LanguageTool detects it per text
            variants = ", ".join(sorted(code for code in known if code.startswith(language.split("-")[0] + "-")))
            raise BackendError(f"{backend.name}: does not know language {language!r}"
                               + (f" (it knows {variants})" if variants else ""))
    except BackendError:
        backend.close()
        raise
    return backend


# language-tool-python is imported only when the local backend is asked for:
# importing it costs more than a run that does not check grammar should pay.
def _installation():
    """The newest LanguageTool installed where language-tool-python looks, or None."""
    from language_tool_python.download_lt import LocalLanguageTool

    return LocalLanguageTool.get_latest_installed_version()


def _download_folder() -> str:
    from language_tool_python.utils import get_language_tool_download_path

    return str(get_language_tool_download_path())


def java_major_version(java: str) -> int:
    """The major version ``java -version`` reports (``1.8.0`` -> 8, ``17.0.15`` -> 17)."""
    try:
        output = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BackendError(f"local LanguageTool: cannot run {java} -version ({error})") from None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', output.stderr + output.stdout)
    if not found:
        raise BackendError(f"local LanguageTool: cannot read the Java version from {java} -version")
    major, minor = int(found.group(1)), int(found.group(2) or 0)
    return minor if major == 1 else major


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_local(startup_timeout: float = STARTUP_TIMEOUT) -> LocalBackend:
    """Start the installed LanguageTool on a loopback port, or say in one line why it cannot run."""
    java = shutil.which("java")
    if java is None:
        raise BackendError(f"local LanguageTool: Java not found on PATH (LanguageTool needs Java {MIN_JAVA}+)")
    installed = _installation()
    if installed is None:
        raise BackendError(
            f"local LanguageTool: not installed in {_download_folder()} (unzip LanguageTool there or set "
            "LTP_PATH to the folder holding LanguageTool-<version>; cliniclint never downloads it), "
            "or use a LanguageTool server URL"
        )
    version = java_major_version(java)
    if version < MIN_JAVA:
        raise BackendError(f"local LanguageTool: Java {version} found, LanguageTool needs Java {MIN_JAVA}+")
    from language_tool_python.exceptions import LanguageToolError

    name = f"local LanguageTool {installed.version_name}"
    port = _free_port()
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
    try:
        command = installed.get_server_cmd(port)
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    except (OSError, ValueError, LanguageToolError) as error:  # FileNotFoundError: no jar in the folder
        log.close()
        raise BackendError(f"{name}: {error}") from None
    backend = LocalBackend(LanguageToolClient(f"http://127.0.0.1:{port}", name, LOCAL_TIMEOUT), process, log)
    _wait_until_ready(backend, startup_timeout)
    return backend


def _wait_until_ready(backend: LocalBackend, timeout: float) -> None:
    probe = LanguageToolClient(backend.client.url, backend.name, timeout=2)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if backend.process.poll() is not None:
            backend.log.seek(0)
            lines = [line.strip() for line in backend.log if line.strip()]
            backend.close()
            last = lines[-1] if lines else "no output"
            raise BackendError(f"{backend.name}: server exited with code {backend.process.returncode}: {last[:200]}")
        if probe.healthy():
            return
        time.sleep(0.25)
    backend.close()
    raise BackendError(f"{backend.name}: server did not answer within {timeout:g} s")
