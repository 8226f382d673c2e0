"""A bilingual dictionary as word support: FreeDict's dictd files, read lazily.

The document lexicon (:mod:`mtcheck.omission.support`) learns only what the document repeats,
so a clause of common words said once ("Die Expedition musste umkehren") leaves it nothing
to go on. A real dictionary knows those words. FreeDict publishes its dictionaries in the
dictd format, which Debian packages (``dict-freedict-deu-fra`` and others, installed into
``/usr/share/dictd``): a tab-separated index (headword, base64 offset, base64 length) into a
text file compressed with dictzip, a gzip file whose extra field lists independently
compressed chunks, so an entry is read without decompressing the whole file.

Only the index is read at load (single-word headwords, lower-cased); an entry is
decompressed and parsed the first time its word is looked up, and every answer is kept for
the process. A dictionary that is not installed is no error: the signal is off
(:func:`dictionary_note` says so once).

What an entry holds differs between FreeDict's sources, so the reader keeps only what is
common to them: after the headword line, the first non-blank line, and every line that starts
with a sense number (``2. sommet, comble``), are translations; indented lines (synonyms,
notes, examples) and the others (definitions in the source language) are not. Brackets,
angle brackets and braces (grammar, usage notes) are dropped.
"""

from __future__ import annotations

import os
import re
import struct
import sys
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from mtcheck.errors import InputError

if TYPE_CHECKING:
    from mtcheck.config import OmissionConfig

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Environment variable naming more folders to search first (os.pathsep-separated).
DICTIONARIES_ENV = "MTCHECK_DICTIONARIES"
# Shortest word start kept as a key (see keys_of), and the letters a key keeps at most.
KEY_MIN, KEY_LETTERS = 4, 5
# Shortest headword a word is reduced to by an ending (Tage -> Tag), and shortest part of a
# compound it is split into (shorter parts are mostly prefixes and chance: "ein", "aus").
STEM_MIN, PART_MIN = 3, 4
# Entries' text kept decompressed, in dictzip chunks (about 58 kB each), and the most
# answers a dictionary keeps (words looked up, entries parsed) before it starts afresh.
CHUNKS_KEPT = 256
ANSWERS_KEPT = 200_000

_B64 = {c: i for i, c in enumerate(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NOTES = re.compile(r"<[^>]*>|\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|/[^/\s][^/]*/")
_SENSE = re.compile(r"^\d+\.\s")
# A single-word headword of an index line.
_HEADWORD = re.compile(rb"^([^\t\n ]+)\t", re.MULTILINE)
_SENSE_MARK = re.compile(r"(?:^|\s)\d+\.(?=\s|$)")
_ELISION = re.compile(r"^[a-zà-ÿ]{1,2}['’]")


def _b64(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + _B64[ch]
    return value


# What a damaged or foreign file raises while it is read as dictd data.
_UNREADABLE = (OSError, EOFError, zlib.error, struct.error, ValueError, IndexError)


def _unreadable(path: Path, error: BaseException) -> InputError:
    """The one error a dictionary file that cannot be read as dictd data gives."""
    return InputError(str(path), f"not a readable dictd dictionary ({error}); remove it from "
                      "the dictionary folders or reinstall it")


@dataclass(frozen=True)
class DictionaryFiles:
    """Where one direction's dictd files lie."""

    name: str  # e.g. freedict-deu-fra
    index: Path
    data: Path


@dataclass(frozen=True)
class LoadFigures:
    """What loading a dictionary cost: headwords indexed and seconds spent reading them."""

    name: str
    headwords: int
    seconds: float


class _DictData:
    """The text of a dictd data file: dictzip chunks decompressed on demand, or (plain gzip,
    uncompressed) read whole."""

    def __init__(self, path: Path):
        self._path = path
        self._chunks: list[tuple[int, int]] = []  # (file offset, compressed size)
        self._chunk_length = 0
        self._decoded: dict[int, bytes] = {}
        self._whole: bytes | None = None
        try:
            raw_header = path.read_bytes()[:65536] if path.suffix == ".dz" else b""
            if raw_header[:2] == b"\x1f\x8b":
                self._read_header(raw_header)
            if not self._chunks:
                import gzip

                data = path.read_bytes()
                self._whole = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
        except _UNREADABLE as error:
            raise _unreadable(path, error) from error

    def _read_header(self, head: bytes) -> None:
        flags = head[3]
        if not flags & 4:  # no extra field: a plain gzip file
            return
        extra_length = struct.unpack_from("<H", head, 10)[0]
        extra = head[12:12 + extra_length]
        position = 12 + extra_length
        chunk_sizes: list[int] = []
        k = 0
        while k + 4 <= len(extra):
            sub_id, sub_length = extra[k:k + 2], struct.unpack_from("<H", extra, k + 2)[0]
            body = extra[k + 4:k + 4 + sub_length]
            if sub_id == b"RA" and len(body) >= 6:
                _version, length, count = struct.unpack_from("<HHH", body, 0)
                self._chunk_length = length
                chunk_sizes = list(struct.unpack_from(f"<{count}H", body, 6))
            k += 4 + sub_length
        if not chunk_sizes:
            return
        for flag in (8, 16):  # a file name, a comment: zero-terminated
            if flags & flag:
                position = head.index(b"\0", position) + 1
        if flags & 2:
            position += 2
        for size in chunk_sizes:
            self._chunks.append((position, size))
            position += size

    def read(self, offset: int, length: int) -> str:
        if self._whole is not None:
            return self._whole[offset:offset + length].decode("utf-8", "replace")
        first = offset // self._chunk_length
        last = (offset + length - 1) // self._chunk_length
        parts = [self._chunk(k) for k in range(first, min(last, len(self._chunks) - 1) + 1)]
        start = offset - first * self._chunk_length
        return b"".join(parts)[start:start + length].decode("utf-8", "replace")

    def _chunk(self, k: int) -> bytes:
        if k not in self._decoded:
            if len(self._decoded) >= CHUNKS_KEPT:
                del self._decoded[next(iter(self._decoded))]
            position, size = self._chunks[k]
            try:
                with self._path.open("rb") as handle:
                    handle.seek(position)
                    compressed = handle.read(size)
                self._decoded[k] = zlib.decompressobj(-15).decompress(compressed)
            except _UNREADABLE as error:
                raise _unreadable(self._path, error) from error
        return self._decoded[k]


def parse_entry(text: str) -> tuple[str, ...]:
    """The translations an entry gives (phrases, as written), in order, once each."""
    lines = text.split("\n")[1:]  # the first line is the headword, its sound and grammar
    found: list[str] = []
    first = True
    for line in lines:
        if not line.strip():
            continue
        taken = first or bool(_SENSE.match(line))
        first = False
        if not taken:
            continue
        line = _SENSE_MARK.sub(" ", _NOTES.sub(" ", line))
        for phrase in re.split(r"[,;]", line):
            phrase = " ".join(phrase.split())
            if phrase and phrase not in found:
                found.append(phrase)
    return tuple(found)


def keys_of(word: str) -> frozenset[str]:
    """The keys a word of the translation is found by: itself, without a final s or x (a
    plural), and its starts of KEY_MIN to KEY_LETTERS letters (inflected forms)."""
    word = _ELISION.sub("", word.lower())
    keys = {word, word.rstrip("sx") or word}
    keys.update(word[:n] for n in range(KEY_MIN, KEY_LETTERS + 1) if len(word) > n)
    return frozenset(keys)


def target_keys(text: str) -> frozenset[str]:
    """The keys of every word of a translation (see :func:`keys_of`)."""
    return frozenset().union(*(keys_of(w) for w in _WORD.findall(text)))


def key_of(word: str) -> str:
    """The key a dictionary's translation is looked for by (see :func:`keys_of`)."""
    word = _ELISION.sub("", word.lower())
    return word[:KEY_LETTERS]


class DictdDictionary:
    """One direction of a dictd dictionary: headword -> translations, read lazily.

    The index is kept as the bytes of its file and searched by bisection: dictfmt writes it
    sorted by its lower-cased keys (in code-point order, so UTF-8 bytes sort alike), and a
    dictionary of half a million headwords then loads in the time it takes to read the file.
    Whether a word is a headword at all (asked for every form of every word looked up) is
    answered by a set of the single-word headwords, built at the first question."""

    def __init__(self, files: DictionaryFiles):
        import time

        self.files = files
        started = time.perf_counter()
        self._index = files.index.read_bytes()
        self.figures = LoadFigures(files.name, self._index.count(b"\n"),
                                   round(time.perf_counter() - started, 3))
        self._data: _DictData | None = None
        self._entries: dict[str, tuple[str, ...]] = {}
        self._heads: frozenset[bytes] | None = None

    def __contains__(self, word: str) -> bool:
        if self._heads is None:
            self._heads = frozenset(_HEADWORD.findall(self._index))
        return word.encode("utf-8") in self._heads

    def _spans(self, word: str) -> tuple[tuple[int, int], ...]:
        """The (offset, length) of every entry whose headword is ``word``."""
        key = word.encode("utf-8")
        index = self._index
        low, high = 0, len(index)
        while low < high:  # the first line whose key is not below ``key``
            middle = (low + high) // 2
            start = index.rfind(b"\n", 0, middle) + 1
            end = index.find(b"\t", start)
            if end < 0:
                high = start
                continue
            if index[start:end] < key:
                stop = index.find(b"\n", middle)
                low = len(index) if stop < 0 else stop + 1
            else:
                high = start
        spans = []
        position = low
        while position < len(index):
            stop = index.find(b"\n", position)
            stop = len(index) if stop < 0 else stop
            head, _, rest = index[position:stop].partition(b"\t")
            if head != key:
                break
            offset, _, length = rest.decode("ascii", "replace").partition("\t")
            if offset and length.strip() and all(c in _B64 for c in offset + length.strip()):
                spans.append((_b64(offset), _b64(length.strip())))
            position = stop + 1
        return tuple(spans)

    def translations(self, headword: str) -> tuple[str, ...]:
        """The translations of ``headword`` (lower-cased), every entry of it together."""
        if headword not in self._entries:
            if len(self._entries) >= ANSWERS_KEPT:
                self._entries.clear()
            spans = self._spans(headword)
            if spans and self._data is None:
                self._data = _DictData(self.files.data)
            found: list[str] = []
            for offset, length in spans:
                assert self._data is not None
                for phrase in parse_entry(self._data.read(offset, length)):
                    if phrase not in found:
                        found.append(phrase)
            self._entries[headword] = tuple(found)
        return self._entries[headword]


def search_folders(configured: Sequence[str]) -> tuple[Path, ...]:
    """The folders searched for dictionaries: the environment's first, then the config's."""
    extra = [p for p in os.environ.get(DICTIONARIES_ENV, "").split(os.pathsep) if p]
    return tuple(Path(p) for p in (*extra, *configured))


def find_files(source: str, target: str, folders: Iterable[Path]) -> DictionaryFiles | None:
    """The dictd files of ``source``-``target`` (ISO 639-3 codes) in the first folder that
    has both."""
    name = f"freedict-{source}-{target}"
    for folder in folders:
        index = folder / f"{name}.index"
        for data in (folder / f"{name}.dict.dz", folder / f"{name}.dict"):
            if index.is_file() and data.is_file():
                return DictionaryFiles(name, index, data)
    return None


@lru_cache(maxsize=16)
def _load(files: DictionaryFiles) -> DictdDictionary:
    return DictdDictionary(files)


@dataclass(frozen=True)
class LanguageRules:
    """How a source language's words are reduced to headwords (``data/dictionaries.toml``)."""

    endings: tuple[str, ...] = ()
    compounding: bool = False


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    path = resources.files("mtcheck").joinpath("data/dictionaries.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def pivot_language() -> str:
    return str(_data()["pivot"])


@lru_cache(maxsize=64)
def language_rules(lang: str) -> LanguageRules:
    base = lang.split("-")[0].lower()
    data = _data()
    return LanguageRules(tuple(data.get("endings", {}).get(base, ())),
                         base in data.get("compounding", ()))


@dataclass(frozen=True)
class Route:
    """How source words reach the translation's words: one dictionary, or two through the
    pivot language (codes as users type them; files named by ISO 639-3 codes)."""

    source: str
    target: str
    steps: tuple[DictionaryFiles, ...]

    @property
    def name(self) -> str:
        return " + ".join(step.name for step in self.steps)


def find_route(source: str, target: str, folders: Sequence[Path],
               pivot: bool = True) -> Route | None:
    """The direct dictionary of the pair, else (``pivot``) two through the pivot language."""
    source3, target3 = iso3(source), iso3(target)
    if not source3 or not target3:
        return None
    direct = find_files(source3, target3, folders)
    if direct is not None:
        return Route(source, target, (direct,))
    middle = pivot_language()
    middle3 = iso3(middle)
    if pivot and middle3 not in (source3, target3):
        first = find_files(source3, middle3, folders)
        second = find_files(middle3, target3, folders)
        if first is not None and second is not None:
            return Route(source, target, (first, second))
    return None


class WordTranslations:
    """Source word -> the keys of its translations (see :func:`key_of`), along a route.

    A word is looked up as written, then without one of its language's inflection endings
    (``Gipfels`` -> ``gipfel``), then, in a compounding language, by its longest known last
    part (``Gletscherzunge`` -> ``zunge``). A route through the pivot language looks up each
    word of each translation again. Every answer is kept."""

    def __init__(self, route: Route, stop: frozenset[str] = frozenset()):
        self.route = route
        self._steps = [_load(files) for files in route.steps]
        self._langs = [route.source, pivot_language()][:len(self._steps)]
        self._stop = stop  # the target language's function words: never a key
        self._pivot_stop = function_words(pivot_language()) if len(self._steps) > 1 else stop
        self._answers: dict[str, frozenset[str]] = {}

    def __call__(self, word: str) -> frozenset[str]:
        word = word.lower()
        if word not in self._answers:
            if len(self._answers) >= ANSWERS_KEPT:
                self._answers.clear()
            phrases = _phrases(self._steps[0], word, self._langs[0])
            for step, lang in zip(self._steps[1:], self._langs[1:], strict=True):
                phrases = tuple(dict.fromkeys(
                    p for phrase in phrases for w in _content(phrase, self._pivot_stop)
                    for p in _phrases(step, w, lang)))
            self._answers[word] = frozenset(
                key_of(w) for phrase in phrases for w in _content(phrase, self._stop))
        return self._answers[word]

    def target_keys(self, text: str) -> frozenset[str]:
        """The keys of every word of a translation (see :func:`target_keys`)."""
        return target_keys(text)


class PairDictionary(Protocol):
    """What the omission check asks of the dictionary of a language pair: the keys of a
    source word's translations, and the keys a translation offers (a word is listed when
    they meet). :class:`WordTranslations` (FreeDict, spaced translations) and
    :class:`mtcheck.omission.cjkdict.CjkWordTranslations` (Japanese, Chinese) are the two."""

    def __call__(self, word: str) -> frozenset[str]: ...

    def target_keys(self, text: str) -> frozenset[str]: ...


def _phrases(step: DictdDictionary, word: str, lang: str) -> tuple[str, ...]:
    headword = lookup_form(word, step, language_rules(lang))
    return () if headword is None else step.translations(headword)


def lookup_form(word: str, index: DictdDictionary | frozenset[str], rules: LanguageRules,
                ) -> str | None:
    """The headword ``word`` (lower-cased) is found under (see :class:`WordTranslations`),
    or None."""
    found = _inflected(word, index, rules.endings)
    if found is not None or not rules.compounding:
        return found
    for start in range(1, len(word) - PART_MIN + 1):
        found = _inflected(word[start:], index, rules.endings)
        if found is not None:
            return found
    return None


def _inflected(word: str, index: DictdDictionary | frozenset[str],
               endings: Sequence[str]) -> str | None:
    if word in index:
        return word
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= STEM_MIN:
            stem = word[:-len(ending)]
            if stem in index:
                return stem
    return None


def _content(phrase: str, stop: frozenset[str]) -> tuple[str, ...]:
    """The words of a translation worth looking for: three letters at least, no function
    word of the translation's language."""
    return tuple(w.lower() for w in _WORD.findall(phrase)
                 if len(w) >= 3 and w.lower() not in stop)


def iso3(lang: str) -> str:
    """The ISO 639-3 code FreeDict names its files by ('' when the language has none)."""
    from mtcheck.errors import LanguageError
    from mtcheck.languages import get_language

    try:
        return get_language(lang.split("-")[0].lower()).iso639_3
    except LanguageError:
        return ""


def route_for(source_lang: str, target_lang: str, configured: Sequence[str],
              pivot: bool = True) -> Route | None:
    """The dictionary route from ``source_lang`` to ``target_lang`` (codes as users type
    them), or None when none is installed in the search folders."""
    return find_route(source_lang, target_lang, search_folders(configured), pivot)


def word_translations(source_lang: str, target_lang: str, configured: Sequence[str],
                      pivot: bool = True) -> PairDictionary | None:
    """The look-up of the pair, loaded once per process and search path; None without a
    dictionary. A Japanese or Chinese translation is read with a dictionary of that
    language read backwards (:mod:`mtcheck.omission.cjkdict`)."""
    from mtcheck.omission.cjkdict import cjk_word_translations, renders_into
    from mtcheck.omission.support import spaced

    if renders_into(target_lang):
        return cjk_word_translations(source_lang, target_lang, configured)
    if not spaced(target_lang):  # its words are not separated: no keys to match
        return None
    return _word_translations(source_lang, target_lang, search_folders(configured), pivot)


@lru_cache(maxsize=32)
def _word_translations(source_lang: str, target_lang: str, folders: tuple[Path, ...],
                       pivot: bool) -> WordTranslations | None:
    route = find_route(source_lang, target_lang, folders, pivot)
    if route is None:
        return None
    return WordTranslations(route, function_words(target_lang))


@lru_cache(maxsize=32)
def function_words(lang: str) -> frozenset[str]:
    """The language's function words, as the omission check reads them in a source
    (wordfreq Zipf FUNCTION_ZIPF and above)."""
    from wordfreq import top_n_list

    from mtcheck.frequency import zipf
    from mtcheck.omission.coverage import FUNCTION_ZIPF

    try:
        common = top_n_list(lang.split("-")[0].lower(), 300)
    except LookupError:
        return frozenset()
    return frozenset(w for w in common if zipf(w, lang) >= FUNCTION_ZIPF)


def dictionary_weight(config: OmissionConfig, target_lang: str) -> float:
    """The weight of the dictionary evidence for a translation into ``target_lang``:
    ``dictionary_unspaced`` for Japanese and Chinese (dictionaries read backwards,
    :mod:`mtcheck.omission.cjkdict`), ``dictionary`` for the others."""
    from mtcheck.omission.cjkdict import renders_into

    return config.dictionary_unspaced if renders_into(target_lang) else config.dictionary


def uses_dictionary(config: OmissionConfig, target_langs: Sequence[str] = ()) -> bool:
    """Whether the omission check, so configured, looks words up in a dictionary (for any
    of ``target_langs``; without them, for any language)."""
    if not config.enabled:
        return False
    if config.dictionary_support or config.dictionary_anchors:
        return True
    if not target_langs:
        return bool(config.dictionary or config.dictionary_unspaced)
    return any(dictionary_weight(config, lang) for lang in target_langs)


def dictionary_note(source_lang: str, target_langs: Sequence[str],
                    configured: Sequence[str], pivot: bool = True) -> str | None:
    """One line saying which translations the omission check has no dictionary for (their
    dictionary word support is off), or None when every one has one."""
    from mtcheck.omission.cjkdict import renders_into
    from mtcheck.omission.support import spaced

    missing = [lang for lang in target_langs
               if (word_translations(source_lang, lang, tuple(configured), pivot) is None
                   if renders_into(lang)
                   else route_for(source_lang, lang, configured, pivot) is None
                   or not spaced(lang))]
    if not missing:
        return None
    folders = ", ".join(str(p) for p in search_folders(configured)) or "no folder"
    return (f"omission check: no bilingual dictionary for {source_lang}->"
            f"{', '.join(missing)} in {folders} (EDICT and CC-CEDICT for Japanese and "
            f"Chinese): its dictionary word support is off (see docs/omissions.md)")


def _file_label(name: str, path: Path) -> str:
    try:
        return f"{name} ({path.stat().st_size} bytes)"
    except OSError:
        return name


def dictionary_signature(source_lang: str, target_lang: str, config: OmissionConfig) -> str:
    """Which installed dictionaries the omission check reads ``source_lang`` ->
    ``target_lang`` with, named with their files' sizes ("" when it reads none): the check's
    results depend on what is installed, so a run's signature records it."""
    from mtcheck.omission.cjkdict import cjk_word_translations, find_dictionary, renders_into
    from mtcheck.omission.cjkdict import search_folders as cjk_folders
    from mtcheck.omission.pivot import english_pivot
    from mtcheck.omission.support import spaced

    if not uses_dictionary(config, [target_lang]):
        return ""
    if renders_into(target_lang):
        folders = cjk_folders(config.dictionaries)
        if cjk_word_translations(source_lang, target_lang, config.dictionaries) is None:
            return ""
        found = find_dictionary(target_lang, folders)
        if found is None:
            return ""
        label = _file_label(found.name, found.path)
        pivot = english_pivot(source_lang, folders)
        if pivot is not None:
            label += f" via {pivot.name}"
        return label
    if not spaced(target_lang):
        return ""
    route = route_for(source_lang, target_lang, config.dictionaries, config.dictionary_pivot)
    if route is None:
        return ""
    return " + ".join(_file_label(step.name, step.index) for step in route.steps)

