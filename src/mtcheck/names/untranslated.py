"""Source fragments copied into a translation untranslated.

A run of at least ``min_words`` consecutive source words (names not counted) found
verbatim in the aligned target sentence is reported, and so is a hyphenated English
compound ("far-reaching", "high-level"), the single words MT most often leaves as they are.

In a run that holds a name of the source or an acronym, the capitalised words (other than
the sentence's first) are taken for that name and not counted: a translation keeps
"Taiwan Semiconductor Manufacturing Co." or "Advanced Micro Devices (AMD)" as written, in
any script, and a company kept so is not untranslated text. A run of capitalised common
words alone ("Supreme National Security Council") is a body whose name is translated, and
still counts; so does copied prose, since a copy keeps the source's casing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mtcheck.checks import CHECKS, describe_sentences
from mtcheck.types import Alignment, Entity, Finding, SegmentedDocument, TextSpan

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_COMPOUND = re.compile(r"^[a-z]{3,}(?:-[a-z]{3,})+$")
# The longest copied run reported as one finding, in words (a longer run is reported in parts).
_MAX_RUN = 12


def _words(text: str) -> list[re.Match[str]]:
    return list(_WORD.finditer(text))


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _name_like(words: Sequence[re.Match[str]], index: int) -> bool:
    """A capitalised word not first in its sentence: part of a name kept as written."""
    return index > 0 and words[index].group(0)[0].isupper()


def check_untranslated(source: SegmentedDocument, target: SegmentedDocument,
                       alignment: Alignment, entities: Sequence[Entity],
                       min_words: int = 4) -> tuple[Finding, ...]:
    """text.untranslated for each copied run; languages sharing English words are not exempt,
    but four or more consecutive identical words rarely happen by accident."""
    if target.lang.split("-")[0] == source.lang.split("-")[0]:
        return ()
    names = {w.casefold() for e in entities for f in e.source_forms for w in f.split()}
    findings = []
    for pair in alignment.pairs:
        if not pair.source_ids or not pair.target_ids:
            continue
        source_words = [m.group(0).casefold() for sid in pair.source_ids
                        for m in _words(source.sentences[sid].text)]
        # n-grams up to the longest run looked for: linear in the sentence's length.
        grams = {tuple(source_words[i:i + n]) for n in range(1, min(_MAX_RUN, len(source_words)) + 1)
                 for i in range(len(source_words) - n + 1)}
        for tid in pair.target_ids:
            text = target.sentences[tid].text
            words = _words(text)
            folded = [m.group(0).casefold() for m in words]
            i = 0
            while i < len(words):
                length = 0
                while (i + length < len(words) and length < _MAX_RUN
                       and tuple(folded[i:i + length + 1]) in grams):
                    length += 1
                run = folded[i:i + length]
                named = any(w in names or _acronym(words[i + k].group(0))
                            for k, w in enumerate(run))
                counted = sum(1 for k, w in enumerate(run) if w not in names
                              and not (named and _name_like(words, i + k)))
                compound = length == 1 and bool(_COMPOUND.match(words[i].group(0)))
                if length and (counted >= min_words or compound):
                    start, end = words[i].start(), words[i + length - 1].end()
                    fragment = text[start:end]
                    findings.append(Finding(
                        check="text.untranslated",
                        severity=CHECKS["text.untranslated"].severity,
                        message=(f"{fragment!r} is copied from the source untranslated "
                                 f"({describe_sentences([tid])} of the translation)"),
                        source_ids=pair.source_ids, target_ids=(tid,),
                        spans=(TextSpan("target", tid, start, end, fragment),)))
                i += max(length, 1)
    return tuple(findings)
