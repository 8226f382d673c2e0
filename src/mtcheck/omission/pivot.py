"""Source words into English words, for the dictionaries that are read from English.

Japanese and Chinese translations are read with dictionaries read backwards from English
(:mod:`mtcheck.omission.cjkdict`). A German, Spanish, French, Italian or Portuguese source
reaches them through English with FreeDict's dictionaries (:mod:`mtcheck.omission.dictionary`):
the source-English one where it is installed (``freedict-deu-eng``: the word's translations),
else the English-source one read backwards (``freedict-eng-spa``: the English headwords whose
translations are the word alone). Only translations of at most a few words count (the same
rule as the glosses, :func:`mtcheck.omission.cjkdict.gloss_words`), and only the first
``PHRASES_KEPT`` of an entry, so that a word fans out into a bounded set.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from mtcheck.omission.cjkdict import english_function_word, gloss_words
from mtcheck.omission.dictionary import (
    DictdDictionary,
    DictionaryFiles,
    find_files,
    iso3,
    language_rules,
    lookup_form,
)

PHRASES_KEPT = 6


class EnglishPivot:
    """Source word -> English words (lower-cased), each word answered once."""

    def __init__(self, lang: str, name: str, direct: DictdDictionary | None,
                 backwards: dict[str, tuple[str, ...]] | None):
        self.lang = lang
        self.name = name  # the FreeDict dictionary read (e.g. freedict-deu-eng)
        self._direct = direct
        self._backwards = backwards
        self._heads = frozenset(backwards) if backwards is not None else frozenset()
        self._answers: dict[str, tuple[str, ...]] = {}

    def __call__(self, word: str) -> tuple[str, ...]:
        word = word.lower()
        if word not in self._answers:
            phrases: tuple[str, ...] = ()
            rules = language_rules(self.lang)
            if self._direct is not None:
                head = lookup_form(word, self._direct, rules)
                if head is not None:
                    phrases = self._direct.translations(head)[:PHRASES_KEPT]
            elif self._backwards is not None:
                head = lookup_form(word, self._heads, rules)
                if head is not None:
                    phrases = self._backwards[head][:PHRASES_KEPT]
            self._answers[word] = tuple(dict.fromkeys(
                w for phrase in phrases for w in gloss_words(phrase, english_function_word)))
        return self._answers[word]


def read_backwards(files: DictionaryFiles) -> dict[str, tuple[str, ...]]:
    """An English-source dictd dictionary read backwards: each translation of at most
    one word (lower-cased) -> the English headwords it translates, in the index's order."""
    dictionary = DictdDictionary(files)
    found: dict[str, dict[str, None]] = {}
    for line in files.index.read_text(encoding="utf-8", errors="replace").splitlines():
        head = line.split("\t", 1)[0]
        if not head.isalpha() or head.startswith("00database"):
            continue
        for phrase in dictionary.translations(head):
            if len(phrase.split()) == 1 and phrase.isalpha():
                found.setdefault(phrase.lower(), {})[head] = None
    return {word: tuple(heads) for word, heads in found.items()}


@lru_cache(maxsize=16)
def english_pivot(source_lang: str, folders: tuple[Path, ...]) -> EnglishPivot | None:
    """The way from ``source_lang`` words to English words (FreeDict files in ``folders``),
    loaded once per process; None when neither dictionary of the pair is installed."""
    source3, english3 = iso3(source_lang), iso3("en")
    if not source3 or source3 == english3:
        return None
    lang = source_lang.split("-")[0].lower()
    direct = find_files(source3, english3, folders)
    if direct is not None:
        return EnglishPivot(lang, direct.name, DictdDictionary(direct), None)
    backwards = find_files(english3, source3, folders)
    if backwards is not None:
        return EnglishPivot(lang, backwards.name, None, read_backwards(backwards))
    return None

