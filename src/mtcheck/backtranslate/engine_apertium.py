"""The Apertium backend: rule-based back-translation by the ``apertium`` command.

Apertium is a real MT system that Debian and Ubuntu package with its language
data (``apt-get install apertium apertium-eng-spa``; also Catalan, Galician,
Esperanto and others), so round-trip scores can be computed on a machine that
cannot download a neural model. Quality is that of a rule-based system: lower
than a neural model's, with its own errors, which the signature names.

Sentences are sent in batches, one per line, to one ``apertium -u PAIR`` process
(``-u``: unknown words without the ``*`` mark). Apertium's plain-text mode keeps
line ends and treats each line end as a sentence boundary, so line *i* of the
output is the translation of line *i* of the input; a batch whose output has a
different number of lines is an error, never shifted silently. Line breaks inside
a sentence are sent as spaces. Each call has a time limit.

The pair is named by ISO 639-3 codes (``spa-eng`` back-translates Spanish into
English), or by ISO 639-1 codes for older packages (``gl-en``). The signature
names the engine version and the pair's data version: the Debian package version
when ``dpkg-query`` knows the pair's mode file, else a content hash of the mode
file and the data files it names.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mtcheck.backtranslate.engines import BatchDone
from mtcheck.errors import ModelUnavailableError
from mtcheck.languages import get_language

BINARY = "apertium"
INSTALL_HINT = ("Install Apertium and the language pair, e.g. on Debian/Ubuntu: "
                "apt-get install apertium apertium-eng-spa (scripts/setup.sh does this as root); "
                "or choose another backend for this language in [backtranslation] backends")
# Lines per apertium call: bounds one process's input and the work lost to a timeout.
BATCH_LINES = 500
# Seconds allowed per call: a fixed start-up allowance plus a generous per-line budget
# (Apertium translates hundreds of sentences per second).
TIMEOUT_BASE_S = 30.0
TIMEOUT_PER_LINE_S = 0.5
_QUERY_TIMEOUT_S = 20.0
_NEWLINES = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_QUOTED_PATH = re.compile(r"'(/[^']+)'")


@dataclass(frozen=True)
class ApertiumPair:
    """An installed Apertium translation direction and the versions that decide its output."""

    mode: str  # e.g. "spa-eng"
    engine: str  # e.g. "3.8.3"
    data: str  # e.g. "apertium-eng-spa=0.8.1-2", or "sha256:<hash>"

    @property
    def model(self) -> str:
        return f"apertium:{self.mode}"

    def signature(self, tool_version: str) -> str:
        return (f"engine:apertium-{self.engine}|pair:{self.mode}|data:{self.data}"
                f"|backend:apertium|mtcheck:{tool_version}")


def pair_mode(lang: str, into: str) -> str:
    """Apertium's name of the direction ``lang`` -> ``into`` (ISO 639-3 codes)."""
    return f"{get_language(lang).iso639_3}-{get_language(into).iso639_3}"


def pair_modes(lang: str, into: str) -> tuple[str, ...]:
    """Names the direction may have: ISO 639-3 (current pairs), then the older ISO 639-1."""
    short = f"{get_language(lang).code}-{get_language(into).code}"
    return tuple(dict.fromkeys((pair_mode(lang, into), short)))


def find_pair(lang: str, into: str) -> ApertiumPair:
    """The installed pair back-translating ``lang`` into ``into``.

    Raises :class:`ModelUnavailableError` when the ``apertium`` command or the pair
    is missing, saying how to install it.
    """
    mode = pair_mode(lang, into)
    binary = shutil.which(BINARY)
    if binary is None:
        raise ModelUnavailableError(f"apertium:{mode}", (lang,),
                                    "the apertium command is not installed", INSTALL_HINT)
    modes = _installed_modes(binary)
    found = next((name for name in pair_modes(lang, into) if name in modes), None)
    if found is None:
        have = ", ".join(modes) if modes else "none"
        raise ModelUnavailableError(
            f"apertium:{mode}", (lang,),
            f"Apertium has no {mode} pair installed (installed: {have})", INSTALL_HINT)
    return ApertiumPair(found, _engine_version(binary), _data_version(binary, found))


class ApertiumTranslator:
    """Back-translation through the ``apertium`` command for one installed pair."""

    def __init__(self, pair: ApertiumPair, *, batch_lines: int = BATCH_LINES,
                 timeout_base_s: float = TIMEOUT_BASE_S,
                 timeout_per_line_s: float = TIMEOUT_PER_LINE_S) -> None:
        self.pair = pair
        self.batch_lines = batch_lines
        self.timeout_base_s = timeout_base_s
        self.timeout_per_line_s = timeout_per_line_s

    def translate(self, texts: Sequence[str], source_lang: str, into: str,
                  on_batch: BatchDone | None = None) -> list[str]:
        outputs: list[str] = []
        for start in range(0, len(texts), self.batch_lines):
            outputs.extend(self._call([_one_line(t) for t in
                                       texts[start:start + self.batch_lines]]))
            if on_batch is not None:
                on_batch(len(outputs))
        return outputs

    def _call(self, lines: list[str]) -> list[str]:
        timeout = self.timeout_base_s + self.timeout_per_line_s * len(lines)
        problem = ""
        try:
            returncode, stdout, stderr = _run_pipeline(
                [BINARY, "-u", self.pair.mode], "\n".join(lines) + "\n", timeout)
        except subprocess.TimeoutExpired:
            problem = f"apertium {self.pair.mode} did not finish within {timeout:.0f} s"
        except OSError as exc:
            problem = f"apertium could not be run: {exc.strerror or exc}"
        else:
            if returncode != 0:
                last = (stderr.strip().splitlines() or ["no message"])[-1]
                problem = f"apertium {self.pair.mode} failed (exit {returncode}): {last}"
            else:
                produced = stdout.split("\n")
                if produced and produced[-1] == "":
                    produced.pop()
                if len(produced) == len(lines):
                    return [line.strip() for line in produced]
                problem = (f"apertium {self.pair.mode} returned {len(produced)} lines for "
                           f"{len(lines)} sentences")
        raise ModelUnavailableError(self.pair.model, (), problem,
                                    "Check the Apertium installation (apertium -l lists pairs)")


def _run_pipeline(command: list[str], text: str, timeout: float) -> tuple[int, str, str]:
    """Run ``command`` on ``text``; on timeout, kill it and every process of its pipeline.

    ``apertium`` is a shell script running a pipeline of programs; killing the script
    alone would leave them running, so it gets a process group of its own.
    """
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8",
                               errors="replace", start_new_session=True)
    try:
        stdout, stderr = process.communicate(text, timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise
    return process.returncode, stdout, stderr


def _one_line(text: str) -> str:
    return _NEWLINES.sub(" ", text).strip()


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=_QUERY_TIMEOUT_S,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout if done.returncode == 0 else ""


@lru_cache(maxsize=8)
def _installed_modes(binary: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in _run([binary, "-l"]).splitlines() if line.strip())


@lru_cache(maxsize=8)
def _engine_version(binary: str) -> str:
    found = re.search(r"\d+(?:\.\d+)+", _run([binary, "-V"]))
    return found.group(0) if found else "unknown"


@lru_cache(maxsize=32)
def _data_version(binary: str, mode: str) -> str:
    mode_file = Path(binary).resolve().parent.parent / "share" / "apertium" / "modes" / (
        f"{mode}.mode")
    if shutil.which("dpkg-query") and mode_file.is_file():
        owner = _run(["dpkg-query", "-S", str(mode_file)]).split(":", 1)[0].strip()
        if owner:
            version = _run(["dpkg-query", "-W", "-f", "${Version}", owner]).strip()
            if version:
                return f"{owner}={version}"
    if not mode_file.is_file():
        return "unversioned"
    digest = hashlib.sha256()
    pipeline = mode_file.read_text("utf-8", errors="replace")
    digest.update(pipeline.encode("utf-8"))
    for name in sorted(set(_QUOTED_PATH.findall(pipeline))):
        path = Path(name)
        if path.is_file():
            digest.update(path.read_bytes())
    return f"sha256:{digest.hexdigest()[:16]}"
