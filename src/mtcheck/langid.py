"""Language identification for the ``text.wrong-language`` check.

Two layers. The writing system settles most cases at once and works on short
strings: Hangul is Korean, kana is Japanese, Greek letters are Greek, among
the languages in play. Among languages that share a script (Latin, Cyrillic,
Devanagari, Arabic) a character n-gram model decides: py3langid, whose model
ships inside the package (no download), restricted to the candidate languages.
On the shipped corpus's 14 translations that choice was measured at 99.5% of
sentences and 98.8% of paragraphs right, against 93-95% for lingua (see
docs/formats.md for the command).

This module does no I/O beyond loading that bundled model, once per process and
only when a script is shared by several candidates. The model ships LZMA-compressed
and takes ~0.4 s to unpack; the unpacked arrays are kept in the user's cache folder
(keyed by the py3langid version and the model file's size), from which they load in
~0.06 s. A missing or unreadable cache falls back to the bundled file.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from mtcheck.cachedir import note_use, user_cache_dir, write_atomic
from mtcheck.checks import CHECKS
from mtcheck.languages import get_language, registry
from mtcheck.types import Finding, SegmentedDocument

UNDETERMINED = "und"
# Below this many letters an n-gram guess is noise (an abbreviation, a unit); a script
# that only one candidate uses still decides.
MIN_LETTERS = 3

# First word of a letter's Unicode name -> ISO 15924 script, for the scripts we tell apart.
_SCRIPT_BY_NAME = {
    "LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek", "HANGUL": "Hang", "HIRAGANA": "Kana",
    "KATAKANA": "Kana", "CJK": "Hani", "ARABIC": "Arab", "HEBREW": "Hebr", "DEVANAGARI": "Deva",
    "THAI": "Thai", "ARMENIAN": "Armn", "GEORGIAN": "Geor", "BENGALI": "Beng", "TAMIL": "Taml",
}


def script_profile(text: str) -> Counter[str]:
    """How many letters of each script ``text`` has (ISO 15924 codes; Kana/Hani for Japanese)."""
    counts: Counter[str] = Counter()
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        first = name.split(" ", 1)[0]
        counts[_SCRIPT_BY_NAME.get(first, first.title() or "Zyyy")] += 1
    return counts


def detect_language(text: str, candidates: Sequence[str] | None = None) -> tuple[str, float]:
    """The most likely language of ``text`` and a confidence in [0, 1].

    ``candidates`` (language codes) narrows the answer, e.g. to the expected
    target language and the source language; by default every language of the
    registry is a candidate. When the text's script belongs to none of the
    candidates, the answer comes from the registry languages of that script,
    or from the whole model when none has it (a Thai text checked for German
    reports "th"). Returns ``("und", 0.0)`` for
    text without letters, or with fewer than :data:`MIN_LETTERS` letters in a
    script that several candidates share.
    """
    pool = _pool(candidates)
    profile = script_profile(text)
    letters = sum(profile.values())
    if not letters:
        return UNDETERMINED, 0.0
    script, count = _dominant_script(profile)
    share = count / letters
    same_script = [code for code in pool if script in _scripts_of(code)]
    if not same_script:
        # Not a candidate's script: name the language it is in, registry languages first.
        same_script = [code for code in registry() if script in _scripts_of(code)]
    if len(same_script) == 1:
        return same_script[0], share
    if letters < MIN_LETTERS:
        return UNDETERMINED, 0.0
    ranked = _rank(text)
    allowed = set(same_script) if same_script else None
    scores = [(code, score) for code, score in ranked if allowed is None or code in allowed]
    if not scores:
        return UNDETERMINED, 0.0
    total = sum(score for _, score in scores)
    best, score = scores[0]
    confidence = score / total if total > 0 else 0.0
    return best, confidence * share


def wrong_language(
    target: SegmentedDocument, min_confidence: float = 0.5, min_letters: int = 20
) -> tuple[Finding, ...]:
    """A ``text.wrong-language`` finding when a translation as a whole is in another language.

    The whole text is identified among all registry languages; when the winner
    is not the translation's language with at least ``min_confidence``, the
    finding names it and lists the sentences (of ``min_letters`` letters or
    more) that are themselves more likely in that language than in the
    expected one. A translation identical to its source also trips this check;
    callers that report ``text.identical`` may drop it then.
    """
    # The identifier knows base languages ("de" for a "de-DE" translation). A language outside
    # the registry joins the candidates; one the identifier cannot recognise is not checked.
    expected = get_language(target.lang).base
    if expected not in registry() and expected not in _identifier().nb_classes:
        return ()
    pool = list(dict.fromkeys([*registry(), expected]))
    detected, confidence = detect_language(" ".join(target.texts()), pool)
    if detected in (expected, UNDETERMINED) or confidence < min_confidence:
        return ()
    wrong_ids = tuple(
        sentence.id for sentence in target.sentences
        if sum(script_profile(sentence.text).values()) >= min_letters
        and _rank_between(sentence.text, expected, detected) == detected
    )
    name = get_language(detected).name if detected != UNDETERMINED else detected
    check = CHECKS["text.wrong-language"]
    return (Finding(
        check=check.id,
        severity=check.severity,
        message=(f"The {get_language(expected).name} translation reads as {name} "
                 f"({detected}, confidence {confidence:.2f})."),
        target_ids=wrong_ids,
        expected=expected,
    ),)


def _rank_between(text: str, expected: str, other: str) -> str:
    if other not in registry():
        return detect_language(text)[0]
    return detect_language(text, [expected, other])[0]


def _pool(candidates: Sequence[str] | None) -> list[str]:
    if candidates is None:
        return list(registry())
    # Unknown codes raise LanguageError naming the valid ones.
    return list(dict.fromkeys(get_language(code).base for code in candidates))


def _dominant_script(profile: Counter[str]) -> tuple[str, int]:
    # Japanese mixes kanji and kana; any kana marks the text as Japanese.
    if profile["Kana"] and profile["Hani"] + profile["Kana"] >= max(profile.values()):
        return "Jpan", profile["Kana"] + profile["Hani"]
    script, count = max(sorted(profile.items()), key=lambda item: item[1])
    return ("Hans" if script == "Hani" else script), count


@cache
def _scripts_of(code: str) -> frozenset[str]:
    """The scripts a language's text shows, from the registry's ``script`` column."""
    script = get_language(code).script
    if script in ("Hans", "Hant"):
        return frozenset({"Hans"})  # simplified and traditional are not told apart here
    return frozenset({script})


def _rank(text: str) -> list[tuple[str, float]]:
    return [(str(code), float(score)) for code, score in _identifier().rank(text)]


@cache
def _identifier() -> Any:
    # A required dependency: a silent fallback would switch the wrong-language check off.
    return load_identifier(identifier_cache_path())


_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def identifier_cache_path() -> Path:
    """Where the unpacked model is kept: named by py3langid's version and the model's size."""
    from importlib.metadata import version

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    size = (Path(MODEL_DIR) / MODEL_FILE).stat().st_size
    return user_cache_dir() / f"py3langid-{version('py3langid')}-{size}.npz"


def load_identifier(path: Path) -> Any:
    """py3langid's identifier, from the unpacked copy at ``path`` when valid, else the package.

    The bundled model is written to ``path`` uncompressed the first time.
    """
    import numpy as np
    from py3langid import modelio
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in _MODEL_ARRAYS}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        arrays = None  # absent or damaged: unpack the bundled model again
    if arrays is None:
        import lzma

        with lzma.open(Path(MODEL_DIR) / MODEL_FILE) as packed:
            unpacked = packed.read()
        with np.load(io.BytesIO(unpacked), allow_pickle=False) as data:
            arrays = {name: data[name] for name in _MODEL_ARRAYS}
        write_atomic(path, lambda out: out.write(unpacked))
    else:
        note_use(path)
    # The same construction as py3langid's own from_model_file.
    return LanguageIdentifier(
        np.asarray(arrays["ptc"]), np.asarray(arrays["pc"]), arrays["classes"].tolist(),
        modelio._to_array(arrays["nextmove"]), arrays["out_feat"].tolist(),
        norm_probs=True, tk_row=modelio._to_array(arrays["nextmove_row"]),
    )


def preload() -> None:
    """Load the language-id model now (a worker that will serve many documents)."""
    _identifier()
