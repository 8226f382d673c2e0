"""Find where each source name is rendered in a translation, and group the renderings.

Target words are romanised, reduced to their possible stems with the language's
inflection rules, turned into phonetic keys and fuzzy-matched against the entity's source
spellings and glossary forms. Languages written without spaces (ja, zh) are searched by
script runs: katakana runs are words; Han runs are searched substring by substring.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

from mtcheck.config import NamesConfig
from mtcheck.frequency import zipf
from mtcheck.languages import get_language
from mtcheck.names.inflection import (
    InflectionRules,
    candidate_stems,
    elision_length,
    is_derived_adjective,
    read_as,
    rules_for,
    same_spelling,
)
from mtcheck.romanize import phonetic_key, romanize
from mtcheck.types import Entity, NameRendering, NameVariant, SegmentedDocument, Sentence

_APOSTROPHES = "'’"
_MAX_HAN_NAME = 8
# Points of fuzzy ratio (0-100) that reducing every occurrence adds to a candidate base form.
_SHARE_WEIGHT = 10.0


@dataclass(frozen=True)
class TargetWord:
    """A word (or, in Han text, a substring) of a target sentence that may be a name."""

    sentence_id: int
    start: int
    end: int
    text: str
    latin: bool  # written in Latin script


@dataclass(frozen=True)
class EntityForms:
    """What a rendering of one entity in one language may look like."""

    entity: Entity
    keys: tuple[str, ...]  # phonetic keys of the source spellings and glossary forms
    accepted: tuple[str, ...] = ()  # glossary (or learned) forms in the target language
    strict: bool = False  # weak evidence: match only closely (weak_match_threshold)
    # keys of the other words of a multi-word name (Bambang of "Bambang Sutrisno Wibowo"),
    # which the key word's match must not take for a rendering (Bambang is not Belawan)
    others: tuple[str, ...] = ()
    # (key of a multi-word name written as one word, key of its key word)
    wholes: tuple[tuple[str, str], ...] = ()
    # Letters of the shortest key of the name as spelt (not of a reading of it), which
    # sets how closely a rendering must match (0: the shortest of ``keys``)
    shortest: int = 0


def script_class(ch: str) -> str:
    name = unicodedata.name(ch, "")
    if ch in "ー゠" or name.startswith("KATAKANA"):
        return "kana"
    if name.startswith("CJK UNIFIED") or name.startswith("CJK COMPATIBILITY IDEOGRAPH"):
        return "han"
    if name.startswith("HIRAGANA"):
        return "hira"
    if name.startswith("LATIN"):
        return "latin"
    return "other"


@lru_cache(maxsize=64)
def _folds_v(lang: str) -> bool:
    """True for translations not in Latin script: their romanisations write the v of a
    foreign name as b (ビバルディ, 비발디, Greek β), so the two letters are one sound there."""
    return _known(lang) and get_language(lang).script != "Latn"


# Korean writes a consonant that ends a foreign syllable with the vowel ㅡ, romanised "eu"
# (하마스 "hamaseu" = Hamas, 트 "teu"): not part of the name's sound.
_KOREAN_EPENTHESIS = re.compile(r"(?<=[^aeiou])eu")
_SOFT_C = re.compile(r"c(?=[ei])")
_INITIAL_R = re.compile(r"^r")
# Elsewhere a Latin c is a k (Licancabur, Codelco: リカンカブール, Коделко), except in the
# digraphs and trigraphs the phonetic key reads itself (ch, ck, cz, tch) and before e/i/y.
_HARD_C = re.compile(r"(?<!t)c(?![eihkyz])")


# Katakana writes a consonant that ends a foreign syllable with a vowel the name does not
# have: u after most consonants (ブラントシュテッター "burantoshutettaa"), o after t and d
# (トロンハイム "toronhaimu"); オウ is a long o (チョウドリー "choudorii").
_KANA_EPENTHESIS = re.compile(r"(?<=[^aeiouny])u(?=[^aeiou]|$)")
_KANA_EPENTHESIS_O = re.compile(r"(?<=[td])o(?=[^aeiou]|$)")


_PINYIN_C = re.compile(r"c(?!h)")
_KANA_SMALL_VOWEL = re.compile(r"(?<=[fv]|(?<=t)s)u(?=[aeio])")
_KANA_SMALL_YU = re.compile(r"(?<=[dt])ey(?=u)")
_KANA_FINAL_I = re.compile(r"(?<=[cs]h|.j)i$")
_KOREAN_CODA_P = re.compile(r"p(?![aeiou])")
_KOREAN_R_AFTER_CONSONANT = re.compile(r"(?<=[^aeiou])r")
_KOREAN_GLIDE = re.compile(r"(?<=[bcdfghjklmnpqrstvxz])w(?=[aeiou])")


def name_key(romanised: str, lang: str, *, latin: bool = False, han: bool = False,
             soft_c: bool = True) -> str:
    """The phonetic key (see :func:`mtcheck.romanize.phonetic_key`) used to compare a name
    with its renderings in ``lang``; ``latin`` when the text was written in Latin script,
    ``han`` when in Han characters (romanised by their Chinese readings, not as kana);
    ``soft_c`` False keeps a Latin c before e or i as written (the ts of Latin and Slavic
    spellings) instead of reading it s."""
    japanese = lang.split("-")[0] == "ja" and not han
    korean = lang.split("-")[0] == "ko"
    if latin:
        romanised = _HARD_C.sub("k", romanised.lower())
    if japanese:
        # A small ッ doubles the consonant after it: ッチ "tchi" is チ "chi" held longer,
        # one sound with it (ウッチ / ウーチ).
        romanised = romanised.lower().replace("ou", "o").replace("tch", "ch")
        # Katakana ends a foreign ch, sh or j with i (スウォッチ "suwotchi" = Swatch,
        # ブリッジ "burijji"): no vowel of the name. Both sides alike, so a Japanese name
        # ending in -shi keeps one key.
        romanised = _KANA_FINAL_I.sub("", romanised)
        # The romaniser reads ファ "fua", ツォ "tsuo" and デュ "deyu": they are fa, tso and
        # dyu (ファーブル＝デュボワ = Favre-Dubois, ヴェルツォー = Welzow).
        romanised = _KANA_SMALL_VOWEL.sub("", _KANA_SMALL_YU.sub("y", romanised))
    if korean:
        # ㅐ, romanised "ae", is the a of English names (액시엄 "aegsieom" = Axiom, 애플 =
        # Apple), and w after a consonant is a glide of the vowel (궈 "gweo" = geo).
        romanised = romanised.lower()
        if not latin:
            # The romaniser writes ㅊ "c" (라차 "raca" = Racha): it is ch.
            romanised = romanised.replace("ae", "a").replace("c", "ch")
        romanised = _KOREAN_GLIDE.sub("", romanised)
    chinese = lang.split("-")[0] == "zh"
    if chinese and not latin:
        # Pinyin letters: q and x are the ch and sh of a foreign name (齐克劳里 "qi ke lao
        # li" = Tsiklauri), c is ts, and ao is au.
        romanised = _PINYIN_C.sub("ts", romanised.lower()).replace("q", "ch")
        romanised = romanised.replace("x", "sh").replace("ao", "au")
    key = phonetic_key(romanised)
    if chinese:
        # Chinese writes a foreign r with l (劳里 "lao li" = lauri): one liquid, both sides.
        key = key.replace("r", "l")
    if japanese:
        # Both sides alike (Shoigu and ショイグ "shoigu" keep one key); Japanese has one
        # liquid, so l and r are one sound in a name written in katakana; and one row for
        # h and f (フ is "fu" and the hu of a foreign name: フレル = Khural).
        key = _KANA_EPENTHESIS_O.sub("", _KANA_EPENTHESIS.sub("", key)).replace("l", "r")
        # Without the added vowels, t and s meet, which the key writes c (ワトソン
        # "watoson" -> "watson", as in Watson's own key).
        key = key.replace("ts", "c")
        key = key.replace("f", "h")
    elif han and lang.split("-")[0] == "ja":
        # Kanji read in Chinese are compared with the same Japanese keys of the source
        # spelling: one liquid, one h/f (贛鋒 "gan feng" = Ganfeng).
        key = key.replace("l", "r").replace("f", "h")
    if latin and soft_c:
        # c before e or i is an s in English and French spellings (Venice = वेनिस, Venise);
        # not in romanisations (pinyin c is ts).
        key = _SOFT_C.sub("s", key)
    if korean:
        # Hangul has no f: a foreign f is written with ㅍ (p), Delft = 델프트 "delpeuteu".
        # It has one liquid, ㄹ, romanised r before a vowel and l after one: a foreign l
        # starting a word is "r" (레 "re" for Le), one between vowels "lr" (벨라완 "belrawan"
        # for Belawan). ㄱ ends a syllable as "g" where the name has a k (레호앙푹 "pug").
        key = _KOREAN_EPENTHESIS.sub("", key).replace("f", "p").replace("lr", "l")
        key = _INITIAL_R.sub("l", key).replace("k", "g")
        # Likewise the ㅂ that ends a syllable, romanised "b", writes a p of the name as
        # well as a b (켑 "keb" = Kep, 까이멥 = Cai Mep; 압둘 = Abdul): a p before a
        # consonant or at the end is read b, both sides alike. (Before a vowel ㅂ and ㅍ
        # stay apart: 비용 "cost" is no Phong.) And ㄹ after a consonant, romanised "r",
        # writes an l as well as an r (톤레사프 "tonresapeu" = Tonle Sap): between vowels
        # Hangul tells them apart (ㄹㄹ is l, above: 빨리 "quickly" is no Bagheri), after
        # a consonant it cannot, so an r after a consonant is read l, both sides alike.
        key = _KOREAN_R_AFTER_CONSONANT.sub("l", _KOREAN_CODA_P.sub("b", key))
        # Hangul writes a foreign sh after a vowel with 쉬 "swi" (보쉬 = Bosch), where w is a
        # glide, not a consonant.
        key = key.replace("svi", "si")
    return key.replace("v", "b") if _folds_v(lang) else key


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


def _is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def target_words(sentence: Sentence, lang: str) -> list[TargetWord]:
    """The words of a sentence with offsets; elided articles (l', dell') are cut off."""
    text = sentence.text
    spaced = get_language(lang).spaces if _known(lang) else True
    rules = rules_for(lang)
    words: list[TargetWord] = []
    i = 0
    while i < len(text):
        if not _is_word_char(text[i]):
            i += 1
            continue
        start = i
        if spaced or script_class(text[i]) in {"latin", "other"}:
            # An apostrophe after a Hangul letter closes a quotation ('에멘탈'이라는): Korean
            # writes none inside a word.
            while i < len(text) and (_is_word_char(text[i]) or (
                    text[i] in _APOSTROPHES and i + 1 < len(text) and _is_word_char(text[i + 1])
                    and i > start and not _hangul(text[i - 1]))):
                i += 1
            # Latin words inside Japanese or Chinese text end where the CJK script starts;
            # elsewhere a Latin word ends where another script's particle starts (Munni는).
            if not spaced:
                while i > start + 1 and script_class(text[i - 1]) in {"kana", "han", "hira"}:
                    i -= 1
            elif script_class(text[start]) == "latin":
                cut = next((j for j in range(start + 1, i)
                            if text[j].isalpha() and script_class(text[j]) != "latin"), i)
                i = cut
        else:
            kind = script_class(text[i])
            while i < len(text) and _is_word_char(text[i]) and script_class(text[i]) == kind:
                i += 1
        word = text[start:i]
        cut = elision_length(word, rules)
        word_start = start + cut
        surface = text[word_start:i].rstrip(_APOSTROPHES)
        if surface:
            words.append(TargetWord(sentence.id, word_start, word_start + len(surface),
                                    surface, _is_latin(surface)))
        if i == start:  # defensive: never loop forever on an unexpected character
            i += 1
    return words


@lru_cache(maxsize=64)
def _known(lang: str) -> bool:
    from mtcheck.errors import LanguageError

    try:
        get_language(lang)
    except LanguageError:
        return False
    return True


def _han_substrings(word: TargetWord) -> Iterable[TargetWord]:
    text = word.text
    for length in range(1, min(_MAX_HAN_NAME, len(text)) + 1):
        for offset in range(len(text) - length + 1):
            yield TargetWord(word.sentence_id, word.start + offset, word.start + offset + length,
                             text[offset:offset + length], False)


@lru_cache(maxsize=131072)
def _stem_keys(surface: str, lang: str) -> tuple[tuple[str, str], ...]:
    """(stem, phonetic key of its romanisation) for every stem of ``surface``."""
    rules = rules_for(lang)
    source_lang = "en" if _is_latin(surface) else lang
    keys = []
    han = any(script_class(ch) == "han" for ch in surface)
    stems = candidate_stems(surface, rules)
    for stem in stems:
        key = name_key(romanize(_kana_glides(stem), source_lang), lang,
                       latin=source_lang == "en", han=han)
        keys.append((stem, key))
        if han and lang.split("-")[0] == "ja":
            # Japanese writes Chinese names in kanji (贛鋒 for Ganfeng): their Chinese
            # reading is a second key beside the Japanese one.
            keys.append((stem, name_key(unidecode(stem), lang, han=True)))
        # An Indic stem cut before its ending ends in a consonant letter, which the
        # romaniser reads with its inherent "a" (शोइग -> "shoiga"); try it without.
        if stem != stems[0] and _inherent_vowel(stem) and key[-1:] == "a":
            keys.append((stem, key[:-1]))
    return tuple(keys)


def _inherent_vowel(stem: str) -> bool:
    return unicodedata.name(stem[-1], "").startswith(("DEVANAGARI LETTER", "BENGALI LETTER"))


def _cased_scripts_need_capital(word: str) -> bool:
    """False for a lower-case word in a script with case: names are capitalised there."""
    first = word[0]
    return not (first.islower() and first.upper() != first)


def entity_forms(entities: Sequence[Entity], lang: str,
                 accepted: Mapping[str, tuple[str, ...]] | None = None,
                 present: Mapping[str, tuple[str, ...]] | None = None,
                 strict: frozenset[str] = frozenset(),
                 source_lang: str = "") -> list[EntityForms]:
    """Keys to match per entity; ``accepted`` maps entity id -> forms known in ``lang``
    (a glossary's or CLDR's: matched exactly and by sound), ``present`` -> further forms
    that show the name is there (geonames alternate names: matched exactly only).
    ``source_lang``'s readings (German z = ts) give further keys of the source spellings."""
    accepted = accepted or {}
    latin_target = not _known(lang) or get_language(lang).script == "Latn"
    reading = rules_for(source_lang) if source_lang else None
    present = present or {}
    result = []
    for entity in entities:
        known = accepted.get(entity.id, ())
        # A multi-word name with known renderings is matched by them only: one word of it
        # ("Africa" of "South Africa") is often another name's (África Oriental).
        keys = [name_key(romanize(key_word(f), "en"), lang, latin=_is_latin(f))
                for f in entity.source_forms if not (known and " " in f)]
        # Korean, Russian and others often write a multi-word name as one word (Yen Vien
        # = 옌비엔, Йенвьен; Le Hoang Phuc = 레호앙푹): the whole name's key, with the key
        # word's, which must sound inside it (탄중페락 is Tanjung Perak, not Tanjung Priok).
        wholes = [(name_key(romanize(f.replace(" ", ""), "en"), lang, latin=_is_latin(f)),
                   name_key(romanize(key_word(f), "en"), lang, latin=_is_latin(f)))
                  for f in entity.source_forms if " " in f and not known]
        keys += [name_key(romanize(f, lang), lang) for f in known]
        # Turkish ğ lengthens the vowel before it, and most transliterations leave it out
        # (Doğuş = ドウシュ, Erdoğan = エルドアン): a key without it too.
        keys += [name_key(romanize(key_word(f).translate(_SILENT), "en"), lang, latin=True)
                 for f in entity.source_forms if not known and f.translate(_SILENT) != f]
        # Katakana and Hangul write the sound: an English silent e is not there
        # (Emirates = エミレーツ "emireetsu", Jones = ジョーンズ).
        if _by_sound(lang):
            keys += [name_key(romanize(_SILENT_E.sub("", key_word(f)), "en"), lang, latin=True)
                     for f in entity.source_forms if not known and _is_latin(f)
                     and _SILENT_E.search(key_word(f))]
            # The English r after a vowel, before a consonant or at the end, is not
            # sounded in the English they transcribe: they lengthen the vowel (Carter =
            # カーター, 카터; World = ワールド, 월드); a key without it too, beside the one
            # that sounds it (Martínez = マルティネス).
            keys += [name_key(romanize(reading, "en"), lang, latin=True)
                     for f in entity.source_forms if not known and _is_latin(f)
                     for reading in (non_rhotic(key_word(f)),) if reading]
            # Kana and Hangul have no kh: they write it k (Tutankhamun = ツタンカーメン,
            # 투탕카멘), where the key otherwise reads h.
            keys += [name_key(romanize(key_word(f).lower().replace("kh", "k"), "en"), lang,
                              latin=True)
                     for f in entity.source_forms if not known and "kh" in f.lower()]
        # A Polish name is read with Polish letters (Baranów = Баранув, バラヌフ).
        keys += [name_key(romanize(reading, "en"), lang, latin=True)
                 for f in entity.source_forms if not known
                 for reading in polish_readings(key_word(f))]
        spelt = min((len(k) for k in keys if k), default=0)
        # Cyrillic writes the c of Latin and Slavic spellings before e or i as ц (Ceylon =
        # Цейлон, Celje = Целе): a key with that c kept too.
        if _known(lang) and get_language(lang).script == "Cyrl":
            keys += [name_key(romanize(key_word(f), "en"), lang, latin=True, soft_c=False)
                     for f in entity.source_forms if not known and _is_latin(f)
                     and _SOFT_C.search(key_word(f).lower())]
        # Other scripts write a name as it sounds, which its spelling may not say (Guiuan
        # = ギワン, Renault = 르노, Axiom = 액시엄): the name read by general rules too.
        if not _known(lang) or get_language(lang).script != "Latn":
            keys += [name_key(romanize(sound, "en"), lang, latin=True)
                     for f in entity.source_forms if not known and _is_latin(f)
                     for sound in sound_readings(key_word(f))]
        if reading is not None and reading.readings:
            keys += [name_key(romanize(read_as(key_word(f), reading), "en"), lang, latin=True)
                     for f in entity.source_forms if not known and _is_latin(f)]
        others = [name_key(romanize(w, "en"), lang, latin=_is_latin(w))
                  for f in entity.source_forms if " " in f for w in f.split()
                  if w != key_word(f) and w[:1].isupper() and len(w) >= 3]
        # In a translation into another script, the key word of a multi-word name copied in
        # Latin script (Dar es Salaamの) is the name left as written, though its known
        # renderings are in that script (ダルエスサラーム).
        copied = (tuple(key_word(f) for f in entity.source_forms if " " in f and _is_latin(f))
                  if known and not latin_target else ())
        exact = tuple(dict.fromkeys(
            spelling for f in (*known, *present.get(entity.id, ())) for spelling in (f, _kana_b(f))))
        exact += tuple(f for f in copied if f not in exact)
        result.append(EntityForms(entity, tuple(dict.fromkeys(k for k in keys if k)),
                                  tuple(dict.fromkeys(_fold(f) for f in exact)),
                                  entity.id in strict,
                                  tuple(dict.fromkeys(k for k in others if k and k not in keys)),
                                  tuple(dict.fromkeys(w for w in wholes if all(w))),
                                  spelt))
    return result


_SILENT = str.maketrans("", "", "ğĞ")

# How Latin spellings sound where English spelling rules do not say it, in order; each
# applies to the lower-case name (see sound_readings).
_SOUND_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Khmer and Indic romanisations write the aspirated ch as chh (Chhim, Chhattisgarh);
    # other scripts write it with their ch (침, チム, Чхим; 차티스가르).
    (re.compile(r"chh"), "ch"),
    # Spanish, French and Portuguese gu and qu before e or i are g and k (Guiuan = ギワン).
    (re.compile(r"(?<=[gq])u(?=[ei])"), ""),
    # French final -ault, -aud, -aux, -eau(x) are an o (Renault = 르노, Bordeaux = ボルドー).
    (re.compile(r"e?au(?:lt|d|t|x)?$"), "o"),
    # French final -ois, -oit, -oix are "wa" (Dubois = Дюбуа, デュボワ).
    (re.compile(r"oi[stx]?$"), "wa"),
    # French final d, t, s or x after ou is silent, and ou is u (Perrenoud = ペルヌー,
    # where kana keys read ou as the long o of オウ).
    (re.compile(r"(?<=ou)[dtsx]$"), ""),
    (re.compile(r"ou"), "u"),
    # Nordic aa is an o, æ an e, and j after a consonant a y (Kjærgaard = Кьергор,
    # Bjørn = Бьёрн; Finnish and Estonian Harju = Харью, ハリュ).
    (re.compile(r"aa"), "o"),
    (re.compile(r"æ"), "e"),
    (re.compile(r"(?<=[bcdfghklmnprstv])j"), "y"),
    # English -tion is "shon" (Gotion = 궈쉬안).
    (re.compile(r"tion"), "shon"),
    # x is ks (Axiom = 액시엄 "aeksieom").
    (re.compile(r"x"), "ks"),
    # u between vowels, or between a consonant and a vowel other than u, is the glide w
    # (Guiuan = ギワン "giwan", Luanda = ルワンダ).
    (re.compile(r"(?<=[aeiou])u(?=[aeio])"), "w"),
    # Pinyin ian and yan sound "yen" (Haiyan = ハイエン, Tianjin = 톈진).
    (re.compile(r"(?<=[iy])an"), "en"),
)


# Italian gi and ci before a, o, u are j and ch (Giuseppe = Джузеппе, ジュゼッペ), a
# reading of its own beside the general one. (The j of Spanish names is read as h only
# in Spanish source texts: readings in data/inflection/es.toml.)
_ITALIAN_SOFT = ((re.compile(r"gi(?=[aou])"), "j"), (re.compile(r"ci(?=[aou])"), "ch"))


_NON_RHOTIC_R = re.compile(r"(?<=[aeiou])r(?=[^aeiouyj]|$)")


def non_rhotic(form: str) -> str:
    """``form`` without an r after a vowel and before a consonant or at the end (how
    English names sound where kana and Hangul transcribe them), or "" where it has none."""
    plain = form.lower()
    reading = _NON_RHOTIC_R.sub("", plain)
    return reading if reading != plain else ""


# English, French and Portuguese g before e or i is soft, a j (Diageo = ディアジオ,
# George = ジョージ, Nigel = ナイジェル), a reading of its own beside the general one, which
# keeps the hard g of Gilbert and Gibson (and of Guiuan, whose u only marks it). Not before
# y, hard in names (Argyll) more often than soft (Egypt).
_SOFT_G = re.compile(r"g(?=[ei])")


def sound_readings(form: str) -> tuple[str, ...]:
    """``form`` as it sounds by the general rules above, and with Italian soft g and c
    or English soft g where it has them, when that differs from how it is spelt (empty
    otherwise): further keys for translations that write by sound."""
    plain = form.lower()
    text = plain
    for pattern, replacement in _SOUND_RULES:
        text = pattern.sub(replacement, text)
    readings = [text]
    italian = text
    for pattern, replacement in _ITALIAN_SOFT:
        italian = pattern.sub(replacement, italian)
    readings.append(italian)
    # On the spelling, before the general rules: the gu of Guiuan keeps its g hard.
    soft = _SOFT_G.sub("j", plain)
    for pattern, replacement in _SOUND_RULES:
        soft = pattern.sub(replacement, soft)
    readings.append(soft)
    return tuple(r for r in dict.fromkeys(readings) if r != plain)

# A final e (before a plural s) after a consonant, in a word of five letters or more: the
# silent e of English spellings.
_SILENT_E = re.compile(r"(?<=\w{3}[^aeiouy\W])e(?=s?$)")


@lru_cache(maxsize=64)
def _by_sound(lang: str) -> bool:
    """Japanese and Korean write foreign names by their sound, not their spelling."""
    return lang.split("-")[0] in ("ja", "ko")

# Letters only Polish writes among the languages with Latin script, and the ending -ów of
# its place names (Baranów, Rzeszów): a name with one is read as Polish too.
_POLISH = re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]|ów\b")
# Polish spellings and their sounds in the English-like spelling the keys read; longest first.
_POLISH_SOUNDS = (("j", "y"), ("rz", "zh"), ("sz", "sh"), ("cz", "ch"), ("ch", "h"),
                  ("dź", "ch"), ("ż", "zh"), ("ź", "zh"), ("ś", "sh"), ("ć", "ch"),
                  ("ą", "on"), ("ę", "en"), ("ó", "u"), ("ń", "n"), ("w", "v"))


def polish_readings(form: str) -> tuple[str, ...]:
    """How a Polish name sounds, for the keys (empty for a name that is not Polish): its
    letters read as Polish, with a final v devoiced (Baranów = バラヌフ "baranufu"), and ł
    read as l (Russian Лодзь) and as w (Japanese ウッチ)."""
    if not _POLISH.search(form):
        return ()
    text = form.lower()
    for old, new in _POLISH_SOUNDS:
        text = text.replace(old, new)
    readings = {text.replace("ł", "l"), text.replace("ł", "u")}
    readings |= {re.sub(r"v\b", "f", r) for r in readings}
    return tuple(sorted(readings))


# ウォ and ウェ are the syllables wo and we of foreign names (スウォッチ = Swatch); the
# romaniser reads them as two vowels, "uo" and "ue". ヲ and ヱ are read wo and we.
_KANA_GLIDES = (("ウォ", "ヲ"), ("ウェ", "ヱ"))


def _kana_glides(text: str) -> str:
    for pair, single in _KANA_GLIDES:
        text = text.replace(pair, single)
    return text


# Japanese writes the hyphen of a double name with a double hyphen (アルメン＝ゲルバー,
# fullwidth ＝ or katakana ゠): inside a katakana name, not between two words.
_KANA_HYPHENS = frozenset("＝゠")


# Katakana writes foreign v as ヴ or as the b row: ジュネーヴ and ジュネーブ are one spelling.
_KANA_V = {"ヴァ": "バ", "ヴィ": "ビ", "ヴェ": "ベ", "ヴォ": "ボ", "ヴ": "ブ"}


def _kana_b(form: str) -> str:
    """``form`` with katakana v written with the b row (unchanged without ヴ)."""
    for v, b in _KANA_V.items():
        form = form.replace(v, b)
    return form


def key_word(form: str) -> str:
    """The word of a multi-word name that a translation transliterates: the rarest one
    (the surname of "Sergei Shoigu", "Czech" of "Czech Republic"), the last on a tie."""
    words = form.split()
    if len(words) <= 1:
        return form
    from mtcheck.frequency import zipf

    return min(reversed(words), key=lambda w: zipf(w.lower(), "en"))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def match_score(word: str, lang: str, forms: EntityForms, rules: InflectionRules) -> tuple[float, str]:
    """(similarity 0-100, the stem that matched) of ``word`` as a rendering of the entity."""
    stems = _stem_keys(word, lang)
    if forms.accepted:
        index = _accepted_index(forms.accepted, lang)
        for stem, _ in stems:
            # A shared stem must keep most of the form: Пезешкиана is Пезешкиан, but a
            # compound cut that leaves two letters proves nothing.
            if stem in index and len(stem) >= index[stem]:
                return 100.0, stem
    best, best_stem = 0.0, stems[0][0]
    tolerant = _vowel_tolerant(lang) and not _is_latin(word)
    for stem, key in stems:
        for target in forms.keys:
            score = fuzz.ratio(key, target)
            if tolerant and score < 100 and _same_consonants(key, target):
                score = (score + 100) / 2
            if score > best:
                best, best_stem = score, stem
        for whole, word in forms.wholes:
            score = fuzz.ratio(key, whole)
            if score > best and fuzz.partial_ratio(word, key) >= _KEY_WORD_INSIDE:
                best, best_stem = score, stem
    return best, best_stem


@lru_cache(maxsize=64)
def _vowel_tolerant(lang: str) -> bool:
    """True for translations in kana, Hangul or Han characters: they write a name's
    consonants more faithfully than its vowels (Swatch = スウォッチ "suwotchi", Axiom =
    액시엄), so vowels count half there (see :func:`_same_consonants`). Cyrillic and
    Greek write vowels letter for letter."""
    return lang.split("-")[0] in ("ja", "ko", "zh")


_VOWEL_RUN = re.compile(r"[aeiou]+")


# Consonants two keys must share for their vowels to count half: fewer say too little
# (ユーロ "yuro" is no Jura).
_MIN_CONSONANTS = 3


def _coarse(key: str) -> str:
    """A phonetic key with every run of vowels written "a": its consonants in order, and
    where vowels stand between them."""
    return _VOWEL_RUN.sub("a", key)


@lru_cache(maxsize=131072)
def _same_consonants(first: str, second: str) -> bool:
    """True when two keys have the same consonants, in order, with vowels in the same
    places (Swatch "svas" and スウォッチ "svos"), and at least ``_MIN_CONSONANTS`` of them."""
    coarse = _coarse(first)
    return coarse == _coarse(second) and len(coarse) - coarse.count("a") >= _MIN_CONSONANTS


# How closely the key word of a multi-word name must sound inside a word that writes the
# whole name as one (Phuc in 레호앙푹 "rehoangpug").
_KEY_WORD_INSIDE = 80.0


@lru_cache(maxsize=4096)
def _accepted_index(accepted: tuple[str, ...], lang: str) -> dict[str, float]:
    """stem -> the fewest letters a word's stem needs to count as that accepted form."""
    rules = rules_for(lang)
    index: dict[str, float] = {}
    for form in accepted:
        index[form] = 0.0
        for stem in candidate_stems(form, rules):
            index.setdefault(stem, 0.75 * len(form))
    return index


# Keys of this many letters or more are matched at match_threshold, shorter ones at
# short_match_threshold.
_LONG_KEY = 6


def _threshold(forms: EntityForms, config: NamesConfig) -> float:
    shortest = forms.shortest or min((len(k) for k in forms.keys), default=0)
    threshold = (config.match_threshold if shortest >= _LONG_KEY
                 else config.short_match_threshold)
    return max(threshold, config.weak_match_threshold) if forms.strict else threshold


# Zipf frequency from which a Hangul word is an ordinary word (단계 4.9), not a name
# matched by its sound (트럼프 4.2, 모로코 3.5; 러시아 5.4 is matched as CLDR's form).
_COMMON_CASELESS_WORD = 4.5


# Zipf frequency from which a word written in Han characters is an ordinary word, not a
# name matched by its sound (Japanese 海岸 "coast" 4.2; 北京 3.9, 習近平 3.1).
_COMMON_HAN_WORD = 4.0


# Two or more capitalised words in a row: a multi-word name of the source.
_CAPITALISED_RUN = re.compile(r"\b[A-ZÀ-ÞĀ-Ž][\w'’-]*(?:\s+[A-ZÀ-ÞĀ-Ž][\w'’-]*)+")


def capitalised_runs(source: SegmentedDocument) -> tuple[str, ...]:
    """The source's runs of two or more capitalised words (full names, as written)."""
    return tuple(run.group(0) for s in source.sentences
                 for run in _CAPITALISED_RUN.finditer(s.text))


def companion_words(source: SegmentedDocument, entities: Sequence[Entity]) -> tuple[str, ...]:
    """The words of the source's multi-word capitalised names that no entity is known by
    (the Bambang and Sutrisno of "Bambang Sutrisno Wibowo", tracked as Wibowo)."""
    own = {w for e in entities for f in e.source_forms for w in f.split()}
    found = (w for s in source.sentences for run in _CAPITALISED_RUN.finditer(s.text)
             for w in run.group(0).split() if w not in own and len(w) >= 3)
    return tuple(dict.fromkeys(found))


def find_renderings(sentences: Sequence[Sentence], lang: str, entities: Sequence[EntityForms],
                    config: NamesConfig, companions: Sequence[str] = ()) -> list[NameRendering]:
    """Every word of the target that renders one of the entities, best entity per word;
    ``companions`` are source words of multi-word names that are no entity's key (a word
    that sounds more like one of them renders it, not an entity)."""
    rules = rules_for(lang)
    extra = tuple(k for k in (name_key(romanize(w, "en"), lang, latin=_is_latin(w))
                              for w in companions) if k)
    renderings = _match_pass(sentences, lang, entities, config, rules, extra)
    return _inflected_pass(sentences, lang, renderings, rules)


# The stem a three-letter name leaves once its ending is cut, and how frequent a word of
# the same length may be to inflect it (wordfreq Zipf: Уфе 3.9 and Уве 3.1 inflect Уфа
# and Ува; Увы "alas", 4.4, is a word of its own).
_SHORT_STEM = 2
_COMMON_SHORT_WORD = 4.0


def _inflected_pass(sentences: Sequence[Sentence], lang: str,
                    renderings: list[NameRendering], rules: InflectionRules) -> list[NameRendering]:
    """Add words that inflect a spelling already found (Россией next to a found Россия) even
    when their own stem is too far from the source spelling to match it."""
    if not rules.suffixes:
        return renderings
    stems: dict[str, set[str]] = {}
    # A name of three letters leaves a stem of two (Ува, в Уве): a word of the same length
    # with another ending inflects it, unless that word is a frequent one (Увы "alas").
    short: dict[str, set[str]] = {}
    for rendering in renderings:
        for s in candidate_stems(rendering.surface, rules):
            if len(s) >= max(3, 0.75 * len(rendering.surface)):
                stems.setdefault(rendering.entity, set()).add(s)
            elif len(s) == _SHORT_STEM and len(rendering.surface) == _SHORT_STEM + 1:
                short.setdefault(rendering.entity, set()).add(s)
    taken = {(r.sentence_id, r.start) for r in renderings}
    added = list(renderings)
    for sentence in sentences:
        for word in target_words(sentence, lang):
            if (sentence.id, word.start) in taken or not _cased_scripts_need_capital(word.text):
                continue
            own = set(candidate_stems(word.text, rules))
            rare = (len(word.text) == _SHORT_STEM + 1
                    and zipf(word.text.lower(), lang) < _COMMON_SHORT_WORD)
            for entity_id in dict.fromkeys([*stems, *short]):
                known = stems.get(entity_id, set()) | (short.get(entity_id, set()) if rare
                                                       else set())
                shared = own & known
                if shared and not is_derived_adjective(word.text, rules):
                    added.append(NameRendering(entity_id, sentence.id, word.start, word.end,
                                               word.text, max(shared, key=len)))
                    break
    return sorted(added, key=lambda r: (r.sentence_id, r.start))


def _match_pass(sentences: Sequence[Sentence], lang: str, entities: Sequence[EntityForms],
                config: NamesConfig, rules: InflectionRules,
                companions: tuple[str, ...] = ()) -> list[NameRendering]:
    renderings: list[NameRendering] = []
    # Every other word of every multi-word name: a word that sounds more like one of them
    # than like a name's key word renders that word, not the name.
    keys = {k for forms in entities for k in forms.keys}
    others = tuple(dict.fromkeys(
        k for k in (*(k for forms in entities for k in forms.others), *companions)
        if k not in keys))
    thresholds = [(forms, _threshold(forms, config)) for forms in entities]
    # Names whose source spelling has a lower-case syllable after a hyphen (Kuo-hsiung).
    hyphenated = {forms.entity.id for forms in entities
                  if any(_lower_syllable(f) for f in forms.entity.source_forms)}
    # Names the source writes with a hyphen (Ida-Viru, Kohtla-Järve), which katakana may
    # write with the middle dot that otherwise parts a given name from a surname.
    dotted = {forms.entity.id for forms in entities
              if any("-" in f for f in forms.entity.source_forms)}
    # Of those, names whose hyphen joins two capitalised parts (Addis-Abeba, not the given
    # name Kuo-hsiung), which a translation may write as two words.
    spaced = {forms.entity.id for forms in entities
              if any(re.search(r"\w-[^\W\d_]", f) and all(
                  part[:1].isupper() for part in f.split("-")) for f in forms.entity.source_forms)}
    for sentence in sentences:
        found: list[tuple[float, int, NameRendering]] = []
        whole: set[str] = set()
        # A double given name with a lower-case syllable matched whole (Κουό-σιούνγκ) to a
        # name spelt so in the source goes before the match of its first syllable alone
        # (Κουό, another person's Kuo).
        given_names: set[tuple[int, int]] = set()
        words = target_words(sentence, lang)
        for index, word in enumerate(words):
            # A common word capitalised only because it starts the sentence (or because the
            # language capitalises nouns) that merely sounds like a name is that word
            # (Кроме "besides" for Rom); a known form of the name still matches exactly.
            ordinary = ((index == 0 or rules.capitalises_nouns) and word.text[0].isupper()
                        and zipf(word.text.lower(), lang) >= config.rare_zipf)
            # Hangul writes every Korean word and has no capitals to set a name apart: a
            # frequent Hangul word (단계 "stage", which sounds like Tangier) matches a name
            # only exactly. (Katakana writes foreign words and names: ビール is beer and
            # Biel.)
            ordinary = ordinary or (_hangul(word.text)
                                    and zipf(word.text, lang) >= _COMMON_CASELESS_WORD)
            pieces = list(_han_substrings(word)) if script_class(word.text[0]) == "han" else [word]
            joined = _hyphen_joined(sentence.text, words, index)
            by_dot = joined is None and bool(dotted) and _kana_dot_joined(sentence.text, words, index)
            # So may a space between two capitalised words (Addis Ababa for Addis-Abeba).
            by_space = (joined is None and not by_dot and bool(spaced)
                        and _space_joined(sentence.text, words, index))
            if by_dot or by_space:
                joined = _joined(sentence.text, words, index)
            if joined is not None:
                if not words[index + 1].text[:1].islower():
                    whole.add(joined.text)
                # A double name is matched whole too (Хайнцль-Мозер), and Sea-Intelligence
                # kept as written is the name, though German capitalises "Intelligence".
                pieces.append(joined)
            for piece in pieces:
                if piece is joined:
                    ordinary = False
                # Hiragana writes Japanese words and endings, never a foreign name.
                if not _cased_scripts_need_capital(piece.text) or script_class(piece.text[0]) == "hira":
                    continue
                best: tuple[float, int, NameRendering] | None = None
                for forms, threshold in thresholds:
                    if piece is joined and by_dot and forms.entity.id not in dotted:
                        continue
                    if piece is joined and by_space and forms.entity.id not in spaced:
                        continue
                    score, stem = match_score(piece.text, lang, forms, rules)
                    if score < threshold or (ordinary and score < 100):
                        continue
                    # One or two Han characters match too many ordinary words (落实 ~ Russia):
                    # they count only as a form the glossary lists (伊朗, 俄).
                    if piece is not word and len(piece.text) < 3 and score < 100:
                        continue
                    # Chinese writes a foreign name with the characters of its
                    # transliteration table: a Han substring with another character that
                    # sounds like the name is an ordinary word (海岸 "coast" for Haiyan).
                    given = _fold(piece.text) in forms.accepted
                    if (not given and rules.transliteration_characters
                            and script_class(piece.text[0]) == "han"
                            and not set(piece.text) <= rules.transliteration_characters):
                        continue
                    # Elsewhere (Japanese kanji) a frequent word that sounds like the
                    # name is that word (海岸 "coast" for Haiyan).
                    if (not given and not rules.transliteration_characters
                            and script_class(piece.text[0]) == "han"
                            and zipf(piece.text, lang) >= _COMMON_HAN_WORD):
                        continue
                    # A Han character standing alone is a word of its own (山 "mountain"
                    # reads san): a name only as a form the glossary or CLDR gives.
                    if (len(piece.text) == 1 and script_class(piece.text) == "han"
                            and _fold(piece.text) not in forms.accepted):
                        continue
                    # So is a Hangul syllable standing alone, or left once a particle is cut
                    # (년 "year" of 2028년 reads nyeon): a name only as a form that is given,
                    # or a one-word name it sounds just like (켑 = Kep). Hangul writes each
                    # word of a multi-word name with a syllable at least: one syllable is
                    # never such a name (배 "boat" is no Cat Ba).
                    if len(stem) == 1 and _hangul(stem) and (score < 100 or (
                            _fold(piece.text) not in forms.accepted
                            and any(" " in f for f in forms.entity.source_forms))):
                        continue
                    # An exact stem match is the name even when it ends like an adjective
                    # (Ahmadiani); a near match ending like one is a derived word (Ιρανός).
                    if score < 100 and is_derived_adjective(piece.text, rules):
                        continue
                    if score < 100 and _closer_to_other(piece.text, lang, score, others):
                        continue
                    if best is None or score > best[0]:
                        best = (score, piece.end - piece.start, NameRendering(
                            entity=forms.entity.id, sentence_id=sentence.id, start=piece.start,
                            end=piece.end, surface=piece.text, base=stem))
                if best:
                    found.append(best)
                    if (piece is joined and words[index + 1].text[:1].islower()
                            and best[2].entity in hyphenated):
                        given_names.add((piece.start, piece.end))
        # Han substrings overlap: keep the best-scoring, then longest, non-overlapping ones.
        # A double name matched whole wins over a name that one of its words sounds like
        # (ミュラー of ミュラー＝ボンヴァン is no Jura).
        found.sort(key=lambda f: (f[2].surface not in whole
                                  and (f[2].start, f[2].end) not in given_names,
                                  -f[0], -f[1], f[2].start))
        taken: list[NameRendering] = []
        for _, _, rendering in found:
            if all(rendering.end <= t.start or t.end <= rendering.start for t in taken):
                taken.append(rendering)
        renderings.extend(sorted(taken, key=lambda r: r.start))
    return renderings


def _lower_syllable(form: str) -> bool:
    """True when a hyphen inside ``form`` joins a letter to a lower-case one (Kuo-hsiung)."""
    return any(form[i - 1].isalpha() and form[i + 1].islower()
               for i in range(1, len(form) - 1) if form[i] == "-")


# The longest lower-case syllable after a hyphen that may be part of a given name
# (Ting-wei, Jae-in, Wen-chieh, Kuo-hsiung; Greek Κουό-σιούνγκ).
_GIVEN_NAME_SYLLABLE = 7


def _hyphen_joined(text: str, words: Sequence[TargetWord], index: int) -> TargetWord | None:
    """The word at ``index`` joined by a hyphen to the next one when both are capitalised
    (Sea-Intelligence, Хайнцль-Мозер), by the double hyphen of katakana names
    (アルメン＝ゲルバー), or when the next one is a lower-case syllable of a given name
    (Wen-chieh, Γουέν-τσιε: seven letters or fewer; "Dhaka-based" is matched by its name
    alone); None otherwise."""
    if index + 1 >= len(words):
        return None
    first, second = words[index], words[index + 1]
    between = text[first.end:second.start]
    kana = (between in _KANA_HYPHENS and script_class(first.text[-1]) == "kana"
            and script_class(second.text[0]) == "kana")
    syllable = second.text[:1].islower() and len(second.text) <= _GIVEN_NAME_SYLLABLE
    if not kana and not (first.text[:1].isupper() and (second.text[:1].isupper() or syllable)
                         and between == "-"):
        return None
    return TargetWord(first.sentence_id, first.start, second.end,
                      text[first.start:second.end], first.latin and second.latin)


# The katakana middle dot parts the words of a foreign name (アンドルス・ベスキメギ); where
# the source writes the name with a hyphen it stands for that hyphen (イダ・ヴィル for Ida-Viru).
_KANA_DOTS = frozenset("・･")


def _kana_dot_joined(text: str, words: Sequence[TargetWord], index: int) -> bool:
    """True when the word at ``index`` and the next are katakana runs parted by a middle dot."""
    if index + 1 >= len(words):
        return False
    first, second = words[index], words[index + 1]
    return (text[first.end:second.start] in _KANA_DOTS and script_class(first.text[-1]) == "kana"
            and script_class(second.text[0]) == "kana")


def _space_joined(text: str, words: Sequence[TargetWord], index: int) -> bool:
    """True when the word at ``index`` and the next are capitalised words of a cased
    script parted by one space."""
    if index + 1 >= len(words):
        return False
    first, second = words[index], words[index + 1]
    return (text[first.end:second.start] == " " and first.text[:1].isupper()
            and second.text[:1].isupper())


def _joined(text: str, words: Sequence[TargetWord], index: int) -> TargetWord:
    first, second = words[index], words[index + 1]
    return TargetWord(first.sentence_id, first.start, second.end,
                      text[first.start:second.end], first.latin and second.latin)


def _hangul(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith("HANGUL SYLLABLE") for ch in text)


def _closer_to_other(word: str, lang: str, score: float, others: Sequence[str]) -> bool:
    """True when ``word`` sounds more like another word of a multi-word name than ``score``."""
    return any(fuzz.ratio(key, other) > score
               for _, key in _stem_keys(word, lang) for other in others)


def group_variants(renderings: Sequence[NameRendering], lang: str, *,
                   keys: Sequence[str] = (), accepted: Sequence[str] = (),
                   ) -> list[tuple[NameVariant, list[NameRendering]]]:
    """Group one entity's renderings into spellings: forms whose stems meet are one spelling.

    Every group gets one base form (see :func:`base_form`), shared by the variant and each of
    its renderings. ``keys`` are the phonetic keys of the entity's spellings and ``accepted``
    its glossary forms in ``lang``. Groups come most frequent first.
    """
    rules = rules_for(lang)
    surfaces = list(dict.fromkeys(r.surface for r in renderings))
    parent = list(range(len(surfaces)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    stems = [set(candidate_stems(s, rules)) for s in surfaces]
    for i in range(len(surfaces)):
        for j in range(i + 1, len(surfaces)):
            if stems[i] & stems[j] and same_spelling(surfaces[i], surfaces[j], rules):
                parent[root(j)] = root(i)
    groups: dict[int, list[str]] = {}
    for i, surface in enumerate(surfaces):
        groups.setdefault(root(i), []).append(surface)

    counted = []
    for members in groups.values():
        in_group = [r for r in renderings if r.surface in members]
        counts = {m: sum(1 for r in in_group if r.surface == m) for m in members}
        counted.append((in_group, counts))
    # The most frequent spelling gets first claim on a glossary form two spellings meet.
    counted.sort(key=lambda item: (-len(item[0]), sorted({r.sentence_id for r in item[0]})))
    taken: set[str] = set()
    result = []
    for in_group, counts in counted:
        base = base_form(counts, lang, keys=keys, accepted=accepted)
        if _fold(base) in taken:
            base = base_form(counts, lang, keys=keys)
        if _fold(base) in taken:  # pragma: no cover - groups share no stem, so no base either
            base = min(counts, key=lambda m: (-counts[m], m))
        taken.add(_fold(base))
        variant = NameVariant(base=base, surfaces=tuple(sorted(counts)), count=len(in_group),
                              sentence_ids=tuple(sorted({r.sentence_id for r in in_group})))
        result.append((variant, [
            NameRendering(r.entity, r.sentence_id, r.start, r.end, r.surface, base)
            for r in in_group]))
    result.sort(key=lambda item: (-item[0].count, item[0].sentence_ids, item[0].base))
    return result


def meets_glossary(surface: str, accepted: Sequence[str], lang: str) -> str | None:
    """The first glossary form that ``surface`` is an inflected form of (their stems meet)."""
    rules = rules_for(lang)
    own = set(candidate_stems(surface, rules))
    return next((form for form in accepted if own & set(candidate_stems(form, rules))), None)


def base_form(counts: Mapping[str, int], lang: str, *, keys: Sequence[str] = (),
              accepted: Sequence[str] = ()) -> str:
    """The base (uninflected, particle-free) form of one spelling, given its surfaces and
    how often each occurs.

    A glossary form the surfaces inflect wins. Otherwise the candidates are the surfaces and
    every stem their endings allow (테헤란에서 -> 테헤란, Ахмадиана -> Ахмадиан), and the one
    that sounds most like the entity's spellings ``keys`` (plus up to ``_SHARE_WEIGHT``
    points for the share of occurrences that reduce to it) is the base: an ending stays
    attached where the name itself ends that way (Газа, not Газ, for Gaza). Ties go to a
    form seen in the text. A stem is shown in the case of the text (Ahmadian, not ahmadian).
    """
    for surface in sorted(counts, key=lambda m: (-counts[m], m)):
        form = meets_glossary(surface, accepted, lang)
        if form is not None:
            return form
    rules = rules_for(lang)
    reduce_to: dict[str, int] = {}
    shown: dict[str, tuple[int, str]] = {}  # stem -> (count, most frequent surface with it)
    for surface in sorted(counts, key=lambda m: (-counts[m], m)):
        for stem in candidate_stems(surface, rules):
            reduce_to[stem] = reduce_to.get(stem, 0) + counts[surface]
            shown.setdefault(stem, (counts[surface], surface))
    seen = {_fold(m): n for m, n in counts.items()}

    def sound(stem: str) -> float:
        if not keys:
            return 0.0
        source_lang = "en" if _is_latin(stem) else lang
        key = name_key(romanize(stem, source_lang), lang, latin=source_lang == "en")
        return max(fuzz.ratio(key, k) for k in keys)

    total = sum(counts.values())

    def rank(stem: str) -> tuple[float, int, int, str]:
        # Sound decides; the share of occurrences that reduce to the form settles near ties
        # (Россия over Россией, which sound alike, since России reduces to neither).
        score = sound(stem) + _SHARE_WEIGHT * reduce_to[stem] / total
        # Equal otherwise, a form seen in the text wins, then the shorter surface (the less
        # inflected) or the longer stem (the cut took part of the name: Haniye / Haniyeh).
        return (-score, -seen.get(stem, 0), len(stem) if stem in seen else -len(stem), stem)

    best = min(reduce_to, key=rank)
    if best in seen:
        return max((m for m in counts if _fold(m) == best), key=lambda m: (counts[m], m))
    return _cased_prefix(shown[best][1], best)


def _cased_prefix(surface: str, stem: str) -> str:
    """The start of ``surface`` that folds to ``stem``, in the surface's own case."""
    normal = unicodedata.normalize("NFC", surface)
    for end in range(len(normal), 0, -1):
        if _fold(normal[:end]) == stem:
            return normal[:end]
    return stem  # folding changed the length (ß -> ss): show the folded stem
