"""Source words a translation writes by their sound: the document's own names.

A word's frequency in the source language is what makes it an anchor elsewhere (rare
words are names and terms), but many names are frequent words of their language: a
Spanish surname (Castro, Zipf 4.6), a given name (María, 5.1), a place that is also a
word (Florencia). In a translation that spells foreign names by their sound (katakana,
Hangul, Chinese transliteration characters: where :func:`mtcheck.omission.support.name_keys`
has keys), a word found there by its sound is a name or a loanword, whatever its
frequency: an ordinary word is translated, not transcribed. So a capitalised word of the
source that the document's translation writes by its sound in the translation of its own
sentence at least once is an anchor in every pair of the document, like a rare word
(カストロ・エチェベリア speaks for "Castro Echeverría" wherever the source names her, and
its absence against the clause that names her).

Nothing changes for a translation without such keys (every language with spaces but
Korean): no word is found by its sound there, so the set is empty.
"""

from __future__ import annotations

from collections.abc import Iterable

from mtcheck.frequency import zipf
from mtcheck.omission.support import TargetIndex, name_found, words

# Words at least this frequent (wordfreq Zipf) are function words ("La", "The", "En"):
# never taken for a name, even where a translation happens to hold a key like theirs.
_FUNCTION_ZIPF = 6.0


def sounded_names(pairs: Iterable[tuple[str, TargetIndex]], lang: str, rare_zipf: float,
                  min_letters: int) -> frozenset[str]:
    """The capitalised words of at least ``min_letters`` letters, at least ``rare_zipf``
    frequent (rarer ones are anchors anyway) and less than a function word, that some
    (source sentence, index of its own translation) pair of ``pairs`` finds by its sound
    (:func:`mtcheck.omission.support.name_found`)."""
    found: set[str] = set()
    for text, target in pairs:
        if not target.name_keys:
            continue
        for word in dict.fromkeys(words(text)):
            if word in found or len(word) < min_letters or not word[:1].isupper():
                continue
            if rare_zipf <= zipf(word.lower(), lang) < _FUNCTION_ZIPF and name_found(
                    word, lang, target):
                found.add(word)
    return frozenset(found)
