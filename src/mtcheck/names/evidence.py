"""Evidence that a capitalised source span is a name: a recogniser, data, or rarity.

Capital letters alone are no evidence: German capitalises every noun, and English every
sentence's first word. A span is tracked as a name when

* a named-entity recogniser says so (spaCy's English pipeline, the optional ``ner`` extra,
  see :mod:`mtcheck.recogniser`; without it the stage falls back to the other evidence), or
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
from collections.abc import Sequence

from mtcheck import recogniser
from mtcheck.checks import CHECKS
from mtcheck.frequency import zipf
from mtcheck.recogniser import Spans
from mtcheck.types import SegmentedDocument, Severity


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


def missing_severity(evidence: Evidence, rendered_here: bool, copied_script: bool) -> Severity:
    """The severity of a ``names.missing`` finding: how sure the stage is that the name is
    absent, not written there in a form the matcher cannot read.

    The check's own severity (error) for a glossary name (its accepted forms are known), a
    name with strong evidence that this translation renders elsewhere (``rendered_here``:
    the matcher knows how it writes the name), or a name by agreement in a translation
    that shares the source's script (``copied_script``: names are copied there, so the
    matcher reads them). One step lower (warning) otherwise: a name by agreement that a
    translation into another script renders nowhere is as likely a transliteration the
    matcher does not read as a drop, whatever the other translations do.
    """
    declared = CHECKS["names.missing"].severity
    if (evidence == Evidence.GLOSSARY or (strong(evidence) and rendered_here)
            or (evidence == Evidence.AGREEMENT and copied_script)):
        return declared
    return Severity.WARNING if declared == Severity.ERROR else Severity.INFO


def is_common(text: str, lang: str, threshold: float) -> bool:
    """True when every word of ``text`` is at least as frequent as ``threshold`` (Zipf)."""
    words = [w for w in text.replace("-", " ").split() if any(ch.isalpha() for ch in w)]
    return bool(words) and all(zipf(w.strip("'’").lower(), lang) >= threshold for w in words)


def ner_available(lang: str) -> bool:
    """True when a recogniser for source language ``lang`` is installed."""
    return recogniser.serves(lang) and recogniser.installed()


def prefetch_recognition(documents: Sequence[SegmentedDocument], use_ner: bool = True) -> None:
    """Start recognising the names of those ``documents`` the recogniser serves, in the
    background where :func:`mtcheck.recogniser.in_background` allows it."""
    if use_ner:
        recogniser.prefetch([tuple(s.text for s in d.sentences) for d in documents
                             if recogniser.serves(d.lang)])


def recognised_spans(source: SegmentedDocument, use_ner: bool = True) -> Spans | None:
    """Per source sentence, the (start, end, label) of each recognised name; None when no
    recogniser serves the source language (or ``use_ner`` is off)."""
    if not use_ner or not recogniser.serves(source.lang):
        return None
    return recogniser.recognise(tuple(s.text for s in source.sentences))


def covered(spans: Sequence[tuple[int, int, str]], start: int, end: int) -> tuple[int, int] | None:
    """The recognised span that contains [start, end), if any."""
    for span_start, span_end, _ in spans:
        if span_start <= start and end <= span_end:
            return span_start, span_end
    return None
