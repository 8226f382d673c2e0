"""Evidence that a piece of the source has (or lacks) a counterpart in the translation.

No model is needed: numbers are compared digit for digit; rare words (names,
technical terms: low frequency in the source language per wordfreq) are
compared after romanisation by character trigrams, so "Kangchendzönga" finds
"Kanchenjunga" and "Шойгу" finds "Shoigu"; brackets and quotes are counted.
With a back-translation of the target into the source language, the share of
the piece's content words found in it is a further signal.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from rapidfuzz import fuzz, process

from mtcheck.frequency import zipf
from mtcheck.names.numerals import (
    NumberMention,
    find_numbers,
    joined_numbers,
    may_hold_numbers,
)
from mtcheck.omission.terms import term_found
from mtcheck.romanize import phonetic_key, romanize
from mtcheck.skeleton import consonant_skeleton

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


# The sentences of each text of several that the stage reads as one (see joined).
_JOINED: dict[str, tuple[str, ...]] = {}


def joined(texts: Iterable[str]) -> str:
    """``" ".join(texts)``: the text of a pair of several sentences (or of a re-pairing),
    remembered with its sentences, from whose numbers :func:`all_numbers` reads its own."""
    parts = tuple(texts)
    text = " ".join(parts)
    if len(parts) > 1:
        _JOINED.setdefault(text, parts)
    return text


@lru_cache(maxsize=100_000)
def all_numbers(text: str, lang: str) -> tuple[NumberMention, ...]:
    """:func:`~mtcheck.names.numerals.find_numbers`, without reading a text that holds no
    number (:func:`~mtcheck.names.numerals.may_hold_numbers`), nor a text of several
    sentences (:func:`joined`) whose joins change no reading: its numbers are its sentences'
    (:func:`~mtcheck.names.numerals.joined_numbers`). The stage reads the text of every pair
    of several sentences and of every re-pairing it weighs, most of them read by nothing
    else, and their sentences are read by the numbers check and for their own pairs."""
    if not may_hold_numbers(text, lang):
        return ()
    parts = _JOINED.get(text)
    if parts is not None:
        found = joined_numbers(parts, lang)
        if found is not None:
            return found
    return tuple(find_numbers(text, lang))


@lru_cache(maxsize=100_000)
def numbers(text: str, lang: str) -> tuple[NumberMention, ...]:
    """The numbers a piece of the source writes in digits, read the way the numbers check
    reads them. References in digits ("§ 11", "S. 81") count too: the numbers check never
    reports them missing (a translator may restate them), but a piece that holds one and a
    translation without it is still a piece the translation may have left out."""
    return tuple(n for n in all_numbers(text, lang)
                 if not n.word or n.text[:1].isdigit())


def number_found(number: NumberMention, target: frozenset[str]) -> bool:
    """One of the number's readings is in the target: "8839,8" as "8839.8", "15.30" as
    "15 h 30", "1 500" as "1500"."""
    return bool(number.readings & target)


@lru_cache(maxsize=100_000)
def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=100_000)
def word_offsets(text: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The offset of each word of ``text``, and the words (two tuples, not one of pairs: kept
    for the document, they would be that many more objects for the collector to walk)."""
    found = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    return tuple(offset for offset, _ in found), tuple(word for _, word in found)


@lru_cache(maxsize=100_000)
def rare_words(text: str, lang: str, max_zipf: float, min_letters: int) -> tuple[str, ...]:
    """Words of ``text`` rare in ``lang``: names and terms that survive translation."""
    return tuple([w for w, rare in zip(words(text), rare_flags(words(text), lang, max_zipf,
                                                                min_letters), strict=True)
                  if rare])


def rare_flags(found: Sequence[str], lang: str, max_zipf: float,
               min_letters: int) -> tuple[bool, ...]:
    """Whether each of the words ``found`` is one of :func:`rare_words`."""
    return tuple([len(w) >= min_letters and zipf(w.lower(), lang) < max_zipf for w in found])


@dataclass(frozen=True)
class SentenceWords:
    """The words of a sentence (:func:`words`) with their offsets and rarity (:func:`rare_flags`),
    read once for every piece of it that is tested."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    words: tuple[str, ...]
    rare: tuple[bool, ...]

    @classmethod
    def read(cls, text: str, lang: str, max_zipf: float, min_letters: int) -> SentenceWords:
        found = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        read = tuple(w for _, _, w in found)
        return cls(tuple(a for a, _, _ in found), tuple(b for _, b, _ in found), read,
                   rare_flags(read, lang, max_zipf, min_letters))

    def span(self, start: int, end: int) -> slice | None:
        """The words of ``text[start:end]``, as :func:`words` reads that piece, as a slice of
        ``words``; None when a word of the sentence crosses either edge of the piece (the
        piece then reads part of it as a word of its own)."""
        before = bisect_right(self.starts, start) - 1  # the last word starting at or before
        if before >= 0 and self.starts[before] < start < self.ends[before]:
            return None
        last = bisect_left(self.starts, end)  # the words starting before the piece's end
        if last > 0 and self.ends[last - 1] > end:
            return None
        return slice(bisect_left(self.starts, start), last)


def _trigrams(key: str) -> frozenset[str]:
    padded = f"^{key}$"
    return frozenset(map("".join, zip(padded, padded[1:], padded[2:], strict=False)))


# An apostrophe's possessive ending (Ghana's, the Smiths') or elided article (l'Iran,
# d'Israël, dell'Italia): the word matched is the name without it, as a translation
# writes it (ghanaischen, Иран).
_POSSESSIVE = re.compile(r"['’]s?$")
_ELIDED = re.compile(r"^[a-zà-öø-ÿ]{1,4}['’](?=[^\W\d_]{2})")  # not O'Brien


@lru_cache(maxsize=200_000)
def word_key(word: str, lang: str) -> tuple[str, frozenset[str]]:
    bare = _ELIDED.sub("", _POSSESSIVE.sub("", word)) or word
    key = phonetic_key(romanize(bare, lang))
    return key, _trigrams(key)


# Runs of one script inside a word of a language written without spaces: katakana (where
# Japanese writes foreign names), hiragana, Han; anything else stays with its neighbours.
_SCRIPT_RUN = re.compile(r"[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]+|[\u3040-\u309f]+"
                         r"|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\u3040-\u30ff\u31f0-\u31ff"
                         r"\uff66-\uff9f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


@lru_cache(maxsize=256)
def spaced(lang: str) -> bool:
    """Whether ``lang`` separates words with spaces (unknown languages: yes)."""
    from mtcheck.errors import LanguageError
    from mtcheck.languages import get_language

    try:
        return get_language(lang).spaces
    except LanguageError:
        return True


def target_words(text: str, lang: str) -> tuple[str, ...]:
    """Words of a translation; in a language written without spaces, its runs of one script,
    so that a name in katakana is a word of its own."""
    if spaced(lang):
        return words(text)
    return tuple(run for w in words(text) for run in _SCRIPT_RUN.findall(w))


@dataclass(frozen=True)
class TargetIndex:
    """What a piece of the source is looked up in: the translation of its pair."""

    keys: tuple[tuple[str, frozenset[str]], ...]
    brackets: int
    quotes: int
    backtranslation: frozenset[str]  # word stems of the back-translation, if any
    # Written without spaces: a word may also be found inside a longer run of the target.
    unspaced: bool = False
    # Consonant skeletons of the words written in a script other than Latin (see _FOLDING).
    skeletons: frozenset[str] = frozenset()
    # The translation's language, its words case-folded (its text, when written without
    # spaces) and a letter of its script: where a place's own forms in that language are
    # looked for (see place_found).
    lang: str = ""
    folded: tuple[str, ...] = ()
    script_sample: str = ""
    # The first _PLACE_START letters of each folded word (a quick test before the full one).
    starts: frozenset[str] = frozenset()
    # The names stage's phonetic keys of where a translation written without spaces writes
    # foreign names (see name_keys).
    name_keys: tuple[str, ...] = ()
    # The consonants of those keys in a Chinese translation (see han_skeletons).
    name_skeletons: frozenset[str] = frozenset()
    # The text indexed, whose numbers (see ``numbers``) are read when first asked for.
    text: str = ""
    # Derived from ``keys`` (see __post_init__), so that a word is looked up without testing
    # every key of the translation for a shared start: the keys' first _KEY_START letters,
    # the keys joined (a key found inside one), each key's trigrams and their count (two
    # tuples, not one of pairs: the index outlives the stage's pause of the collector, whose
    # next pass walks every tuple left), and every trigram of any key.
    key_starts: frozenset[str] = field(init=False, compare=False, repr=False)
    joined_keys: str = field(init=False, compare=False, repr=False)
    key_grams: tuple[frozenset[str], ...] = field(init=False, compare=False, repr=False)
    key_sizes: tuple[int, ...] = field(init=False, compare=False, repr=False)
    all_grams: frozenset[str] = field(init=False, compare=False, repr=False)
    # word_found's answers for this translation, by (word, language, similarity): a pair's
    # words are looked up in its translation by several readings of the pair.
    answers: dict[tuple[str, str, float], bool] = field(
        init=False, compare=False, repr=False, default_factory=dict)

    @property
    def numbers(self) -> frozenset[str]:
        """The readings of the numbers the translation writes (:func:`target_readings`),
        read when a piece that holds a number is looked up: most pieces hold none, and a
        translation of several sentences is a text no other check reads."""
        return target_readings(self.text, self.lang)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "key_starts", frozenset(key[:_KEY_START] for key, _ in self.keys
                                           if len(key) >= _KEY_START))
        set_(self, "joined_keys", "\0".join(key for key, _ in self.keys))
        set_(self, "key_grams", tuple(grams for _, grams in self.keys))
        set_(self, "key_sizes", tuple(len(grams) for grams in self.key_grams))
        set_(self, "all_grams", frozenset().union(*self.key_grams))


def stem(word: str, letters: int = 5) -> str:
    return word.lower()[:letters]


# How a romanised key's consonants are folded for its skeleton
# (:func:`mtcheck.skeleton.consonant_skeleton`): a name written in katakana or Hangul gets a
# vowel after nearly every consonant and r for l ("rindokubisuto" for "lindkvist", both
# "rndkbst"); only the letters those scripts write alike are folded (see
# mtcheck/data/skeleton.toml for why no more).
_FOLDING = "spelling"
# Skeletons shorter than this match too many words by chance.
_MIN_SKELETON = 4
# Consonants a name may carry after it in the translation: a Korean particle (린드크비스트는),
# a Russian case ending (Линдквистом).
_ENDING_CONSONANTS = 2


@lru_cache(maxsize=200_000)
def _latin(word: str) -> bool:
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in word)


# What a word (_WORD, or a run of one script of it) can hold: letters, digits of other
# kinds than decimal ones, and the marks that join its parts.
_WORD_MARKS = "'’-"


def _latin_text(text: str) -> bool:
    """Every word of ``text`` is :func:`_latin`: each character a word may hold is (tested
    once per distinct character, not once per word)."""
    return all(ch.isascii() or "LATIN" in unicodedata.name(ch, "")
               for ch in set(text) if ch.isalnum() or ch in _WORD_MARKS)


# The same target text is indexed for each piece and re-pairing that tests it (several
# hundred times per translation); its index depends on nothing else.
@lru_cache(maxsize=4_096)
def index_target(text: str, lang: str, backtranslation: str | None,
                 brackets: tuple[tuple[str, str], ...],
                 quotes: tuple[tuple[str, str], ...]) -> TargetIndex:
    found = [w for w in target_words(text, lang) if len(w) >= (3 if spaced(lang) else 2)]
    folded = (tuple(w.casefold() for w in words(text)) if spaced(lang)
              else (text.casefold(),))
    return TargetIndex(
        text=text,
        keys=tuple(word_key(w, lang) for w in found),
        skeletons=(frozenset() if _latin_text(text) else
                   frozenset(k[:len(k) - cut]
                             for k in (consonant_skeleton(word_key(w, lang)[0], _FOLDING)
                                       for w in found if not _latin(w))
                             for cut in range(_ENDING_CONSONANTS + 1)
                             if len(k) - cut >= _MIN_SKELETON)),
        unspaced=not spaced(lang),
        lang=lang,
        folded=folded,
        starts=frozenset(w[:_PLACE_START] for w in folded if len(w) >= _PLACE_START),
        script_sample=next((ch for ch in text if ch.isalpha()), ""),
        name_keys=name_keys(text, lang),
        name_skeletons=han_skeletons(text, lang),
        brackets=count_pairs(text, brackets),
        quotes=count_pairs(text, quotes),
        backtranslation=frozenset(stem(w) for w in words(backtranslation or "")),
    )


@lru_cache(maxsize=20_000)
def target_readings(text: str, lang: str) -> frozenset[str]:
    return frozenset(r for n in all_numbers(text, lang) for r in n.readings)


def count_pairs(text: str, pairs: Sequence[tuple[str, str]]) -> int:
    return sum(min(text.count(a), text.count(b)) if a != b else text.count(a) // 2
               for a, b in pairs)


# A place's form found in a translation written with spaces: a word that starts with this
# share of it (at least _PLACE_START letters), so that a case ending (Лодзь: Лодзи) or an
# adjective made from it (Deutschland: deutsche, Polska: polski) counts as the place.
_PLACE_SHARE = 0.6
_PLACE_START = 4


# One letter of each script seen: place forms are kept per script, not per letter (every
# pair's translation starts with another one).
_SCRIPT_SAMPLES: dict[str, str] = {}
# The script of each letter seen (the first word of its Unicode name), named once.
_SCRIPTS: dict[str, str] = {}


def place_forms(word: str, lang: str, target_lang: str, script_sample: str) -> tuple[str, ...]:
    """How a ``target_lang`` translation writes the place ``word`` names in ``lang`` (CLDR
    country names, the cities' alternate names in the script of ``script_sample``, a letter
    of the translation), case-folded; empty when ``word`` names no place."""
    script = _SCRIPTS.get(script_sample)
    if script is None:
        script = _SCRIPTS[script_sample] = (unicodedata.name(script_sample, " ").split(" ")[0]
                                            if script_sample else "")
    return _place_forms(word, lang, target_lang,
                        _SCRIPT_SAMPLES.setdefault(script, script_sample))


@lru_cache(maxsize=50_000)
def _place_forms(word: str, lang: str, target_lang: str, script_sample: str) -> tuple[str, ...]:
    bare = _ELIDED.sub("", _POSSESSIVE.sub("", word)) or word
    places = _places(bare, lang)
    if not places:
        return ()
    return _present_forms(places, target_lang, script_sample)


# A word's places are looked up once per document, not once per translation language (each
# look-up is a query of the place data on disk); a place's forms once per translation
# language, not once per word that names it (Europa, Europas).
@lru_cache(maxsize=50_000)
def _places(bare: str, lang: str) -> tuple[str, ...]:
    from mtcheck.names.places import lookup

    return lookup(bare, lang)


@lru_cache(maxsize=50_000)
def _present_forms(places: tuple[str, ...], target_lang: str, script_sample: str,
                   ) -> tuple[str, ...]:
    from mtcheck.names.places import present_forms

    return tuple(f.casefold() for f in present_forms(places, target_lang, script_sample))


def place_found(word: str, lang: str, target: TargetIndex) -> bool:
    """The word names a place the translation writes in its own way: an exonym (Tangier:
    탕헤르, Leyte: 莱特, Łódź: Лодзи) or an adjective of it (Germany's: deutsche)."""
    if not target.lang or not word[:1].isupper():
        return False
    forms = place_forms(word, lang, target.lang, target.script_sample)
    if target.unspaced:
        return any(len(f) >= 2 and f in target.folded[0] for f in forms)
    for form in forms:
        if form[:_PLACE_START] not in target.starts:  # (also a form too short to test)
            continue
        need = max(_PLACE_START, math.ceil(_PLACE_SHARE * len(form)))
        if any(w[:need] == form[:need] and len(w) >= need for w in target.folded):
            return True
    return False


# Chinese writes a foreign name with one Han character a syllable (齐克拉乌里 for Tsiklauri),
# inside a run of other characters: every run of this many characters is read as a name.
# Japanese writes one in katakana (ビジャファニェ for Villafañe), a run of its own.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc\u31f0-\u31ff]+")
_HAN_NAME = (2, 6)
# Korean writes a foreign name in Hangul, one block a syllable, with its particle or case
# ending on the same word (나르바는, 탈린에서): every start of a word of 2-6 blocks is read
# as a name.
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_HANGUL_NAME = (2, 6)
# Shortest name key looked for, and the rapidfuzz ratio (0-100) a key needs to match; a
# short key needs _SHORT_NAME_RATIO (a letter or two differ by chance more often).
_MIN_NAME_KEY = 4
_NAME_RATIO = 80.0
_SHORT_NAME_RATIO = 90.0
_LONG_NAME_KEY = 6


@lru_cache(maxsize=20_000)
def _reading(text: str, lang: str) -> str:
    return romanize(text, lang)


@lru_cache(maxsize=20_000)
def name_keys(text: str, lang: str) -> tuple[str, ...]:
    """The names stage's phonetic keys (:func:`mtcheck.names.matching.name_key`) of where a
    translation written in a script that spells foreign names by their sound writes them:
    every run of 2-6 Han characters of a Chinese text (pinyin read as a foreign name: q as
    ch, x as sh, one liquid), every katakana run of a Japanese one (one liquid, no added
    vowels), every start of 2-6 blocks of a Korean word (the rest is its particle: 탈린에서
    is 탈린 "Tallinn" and 에서 "in"; no added ㅡ, one liquid). None in other languages."""
    base = lang.split("-")[0].lower()
    if base not in ("zh", "ja", "ko"):
        return ()
    from mtcheck.names.matching import name_key

    keys: set[str] = set()
    if base == "ko":
        low, high = _HANGUL_NAME
        for word in _HANGUL_WORD.findall(text):
            keys.update(name_key(_reading(word[:size], lang), lang)
                        for size in range(low, min(high, len(word)) + 1))
    elif base == "ja":
        keys.update(name_key(romanize(run, lang), lang) for run in _KATAKANA.findall(text))
    else:
        keys.update(key for key, _chars in _han_names(text, lang))
    return tuple(sorted(k for k in keys if len(k) >= _MIN_NAME_KEY))


def _han_names(text: str, lang: str) -> list[tuple[str, str]]:
    """(key, characters) of every run of 2-6 Han characters of ``text`` that may write a
    foreign name: each character one of the transliteration table's (see
    :class:`mtcheck.names.inflection.InflectionRules`; 海岸 "coast" writes no name), read as
    it is read in names (卡 "ka")."""
    from mtcheck.names.inflection import rules_for
    from mtcheck.names.matching import name_key

    rules = rules_for(lang)
    allowed = rules.transliteration_characters
    fixed = dict(rules.transliteration_readings)
    low, high = _HAN_NAME
    names = []
    for run in _HAN.findall(text):
        readings = [fixed.get(ch) or _reading(ch, lang) for ch in run]
        for size in range(low, min(high, len(run)) + 1):
            for start in range(len(run) - size + 1):
                chars = run[start:start + size]
                if not allowed or set(chars) <= allowed:
                    names.append((name_key(" ".join(readings[start:start + size]), lang,
                                           han=True), chars))
    return names


# Consonants a name's skeleton needs to be matched in Han characters: fewer match by chance.
_MIN_HAN_CONSONANTS = 3


@lru_cache(maxsize=20_000)
def han_skeletons(text: str, lang: str) -> frozenset[str]:
    """The consonant skeletons (see ``_FOLDING``) of the names a Chinese translation may
    write (:func:`name_keys`). Chinese writes a consonant that ends a foreign syllable with
    a syllable of its own (斯 "si", 克 "ke", 特 "te", 夫 "fu": 库斯科 "kusike" for Cusco,
    莱皮克 "laipike" for Leppik), so the vowels of a key say little and its consonants in
    order are what the rendering keeps. Empty in other languages."""
    if lang.split("-")[0].lower() != "zh":
        return frozenset()
    return frozenset(s for s in (consonant_skeleton(key, _FOLDING)
                                 for key, _chars in _han_names(text, lang))
                     if len(s) >= _MIN_HAN_CONSONANTS)


@lru_cache(maxsize=50_000)
def _latin_name_key(word: str, lang: str, target_lang: str) -> str:
    from mtcheck.names.matching import name_key

    bare = _ELIDED.sub("", _POSSESSIVE.sub("", word)) or word
    return name_key(romanize(bare, lang), target_lang, latin=True)


def name_found(word: str, lang: str, target: TargetIndex) -> bool:
    """The word is written in the translation as a foreign name is (in Chinese characters
    one a syllable, in katakana, in Hangul): its key matches one of the translation's
    (:func:`name_keys`) as the names stage's keys match, or, in Chinese, its consonants are
    those of one (:func:`han_skeletons`)."""
    if not target.name_keys:
        return False
    key = _latin_name_key(word, lang, target.lang)
    if len(key) < _MIN_NAME_KEY:
        return False
    cutoff = _NAME_RATIO if len(key) >= _LONG_NAME_KEY else _SHORT_NAME_RATIO
    if process.extractOne(key, target.name_keys, scorer=fuzz.ratio,
                          score_cutoff=cutoff) is not None:
        return True
    return bool(target.name_skeletons) and consonant_skeleton(key, _FOLDING) in target.name_skeletons


def word_found(word: str, lang: str, target: TargetIndex, similarity: float) -> bool:
    """The word, romanised, matches some target word by trigram Dice or a shared stem, or it
    names a place the translation writes in its own way (:func:`place_found`), or it is
    written as a foreign name in a language without spaces (:func:`name_found`), or it
    names a month, weekday, unit or currency the translation writes as CLDR does
    (:func:`mtcheck.omission.terms.term_found`)."""
    asked = (word, lang, similarity)
    answer = target.answers.get(asked)
    if answer is None:
        answer = target.answers[asked] = _word_found(word, lang, target, similarity)
    return answer


# Letters of a stem two keys share for a match (Gletscher, glaciers: no; Kangchendzönga,
# Kanchenjunga: yes).
_KEY_START = 5


def _word_found(word: str, lang: str, target: TargetIndex, similarity: float) -> bool:
    key, grams = word_key(word, lang)
    if len(key) < 3:
        return place_found(word, lang, target)
    if target.skeletons and consonant_skeleton(key, _FOLDING) in target.skeletons:
        return True
    if len(key) >= _KEY_START and (key[:_KEY_START] in target.key_starts
                                   or (target.unspaced and key in target.joined_keys)):
        return True
    size = len(grams)
    # A key shares at most the trigrams the word shares with all keys (``most``), and at most
    # its own count of them, so no key reaches ``similarity`` unless 2 most / (size + most)
    # does: most words looked up are not there, and one intersection then says so.
    most = len(grams & target.all_grams)
    if most and 2 * most / (size + most) >= similarity:
        for other_grams, other_size in zip(target.key_grams, target.key_sizes, strict=True):
            shared = len(grams & other_grams)
            if shared and 2 * shared / (size + other_size) >= similarity:
                return True
    return (place_found(word, lang, target) or name_found(word, lang, target)
            or (bool(target.lang)
                and term_found(word, lang, target.lang, target.folded, target.unspaced))
            or _double_name_found(word, lang, target, similarity))


# Parts of a double name shorter than this (the "US" of "US-Zöllen") are not looked up alone.
_MIN_NAME_PART = 3


def _double_name_found(word: str, lang: str, target: TargetIndex, similarity: float) -> bool:
    """A double name (Favre-Dubois, Asante-Boateng) in a translation that spells names by their
    sound: written there as two names (ファーブル＝デュボワ, 阿桑特-博阿滕), each with its own
    key, so the whole name's key matches neither; one of its parts found is the name found."""
    if not target.name_keys or "-" not in word:
        return False
    parts = [part for part in word.split("-") if len(part) >= _MIN_NAME_PART]
    return len(parts) > 1 and any(word_found(part, lang, target, similarity) for part in parts)


# A word's unit for the document lexicon of a long document is its start: inflected forms of
# one word (Gletscher, Gletschers; ледник, ледника) then count as one. A short document (see
# STEM_PAIRS) keeps whole words, but for Korean, which writes its particles on the word
# (정부는, 정부가), so that a whole word rarely repeats in any document. Hangul writes a
# syllable per block, so two blocks hold about as much of a word as six letters.
_UNIT_LETTERS = 6
_UNIT_SYLLABLES = 2
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Pairs a document needs for its lexicon to learn word starts: in a news article of twenty
# sentences, word starts join few forms of words it repeats and add chance co-occurrences
# (see docs/omissions.md for the figures).
STEM_PAIRS = 100


@lru_cache(maxsize=200_000)
def lexical_unit(word: str, stems: bool = True) -> str:
    """The unit of a word of a spaced language in the document lexicon: its lower-cased
    start (see ``_UNIT_LETTERS``), or the whole word without ``stems`` (a Hangul word: its
    start always)."""
    if _HANGUL.match(word):  # every document: particles make whole words rarely repeat
        return word[:_UNIT_SYLLABLES]
    if not stems:
        return word.lower()
    return word.lower()[:_UNIT_LETTERS]


@lru_cache(maxsize=100_000)
def lexical_units(text: str, lang: str, stems: bool = True) -> frozenset[str]:
    """Word units (:func:`lexical_unit`), or character bigrams in scripts written without
    spaces."""
    return units_of(words(text), lang, stems)


def units_of(found: Sequence[str], lang: str, stems: bool = True) -> frozenset[str]:
    """:func:`lexical_units` of a text whose words (:func:`words`) are ``found``."""
    if spaced(lang):
        return frozenset([lexical_unit(w, stems) for w in found if len(w) >= 2])
    return frozenset(w[k:k + 2] for w in found for k in range(max(len(w) - 1, 0)))


class DocumentLexicon:
    """Word associations learnt from the document's own aligned pairs (Dice co-occurrence).

    A source word and a target word that keep appearing in the same pairs, and
    rarely apart, translate each other ("Gipfel" and "sommet"). Words found in
    too many pairs (function words) and too few (under ``min_count``) are left out.
    """

    def __init__(self, pairs: Sequence[tuple[frozenset[str], frozenset[str]]],
                 min_count: int = 2, max_share: float = 0.3, min_dice: float = 0.5,
                 stems: bool = False):
        self.pairs = len(pairs)
        self.stems = stems  # whether the units are word starts (lexical_unit)
        limit = max(min_count, int(max_share * len(pairs)))
        # (Counted by Counter over generators and products: the pairs of a long document
        # hold tens of thousands of unit pairs.)
        source_counts = Counter(w for source, _ in pairs for w in source)
        target_counts = Counter(w for _, target in pairs for w in target)
        keep_source = {w for w, c in source_counts.items() if min_count <= c <= limit}
        keep_target = {w for w, c in target_counts.items() if min_count <= c <= limit}
        joint: Counter[tuple[str, str]] = Counter()
        for source, target in pairs:
            kept_target = [w for w in target if w in keep_target]
            if kept_target:
                joint.update(product([s for s in source if s in keep_source], kept_target))
        self.associates: dict[str, frozenset[str]] = {}
        grouped: dict[str, set[str]] = {}
        for (s, t), count in joint.items():
            if count >= min_count and 2 * count / (source_counts[s] + target_counts[t]) >= min_dice:
                grouped.setdefault(s, set()).add(t)
        self.associates = {s: frozenset(ts) for s, ts in grouped.items()}
        self._joint = joint
        self._source_counts = source_counts
        self._target_counts = target_counts
        self._min_count = min_count
        self._min_dice = min_dice

    def coverage(self, source_units: frozenset[str], target_units: frozenset[str],
                 held_out: Sequence[tuple[frozenset[str], frozenset[str]]] = (),
                 ) -> tuple[int, int]:
        """(associable source units, those with an associate in ``target_units``).

        ``held_out``: pairs (source and target units) of the document whose co-occurrences
        are taken out first. A pair cannot vouch for itself: an association that holds only
        because the pair under test was counted (a word seen twice, once in that pair) says
        nothing about whether the pair is right.
        """
        known = [(w, self.associates[w]) for w in source_units if w in self.associates]
        if not held_out:
            return len(known), sum(1 for _, associates in known if associates & target_units)
        kept = [(w, frozenset(t for t in associates if self._associated(w, t, held_out)))
                for w, associates in known]
        kept = [(w, associates) for w, associates in kept if associates]
        return len(kept), sum(1 for _, associates in kept if associates & target_units)

    def _associated(self, source: str, target: str,
                    held_out: Sequence[tuple[frozenset[str], frozenset[str]]]) -> bool:
        """Whether ``source`` and ``target`` are still associated without the held-out pairs."""
        joint = self._joint.get((source, target), 0)
        source_count = self._source_counts[source]
        target_count = self._target_counts[target]
        for held_source, held_target in held_out:
            if source in held_source:
                source_count -= 1
                if target in held_target:
                    joint -= 1
            if target in held_target:
                target_count -= 1
        return (joint >= self._min_count and source_count > 0 and target_count > 0
                and 2 * joint / (source_count + target_count) >= self._min_dice)


def clear_text_caches() -> None:
    """Forget this module's readings of texts (their words, numbers, indexes) and the keys of
    their words. They serve one document, whose sentences are read again and again while its
    translations are checked; kept after it they only burden the garbage collector's passes
    (tens of thousands of small tuples and sets a long document) and serve no other text."""
    for cached in (all_numbers, numbers, words, word_offsets, rare_words, word_key, index_target,
                   target_readings, name_keys, han_skeletons, lexical_units, _places,
                   _present_forms):
        cached.cache_clear()
    _JOINED.clear()
