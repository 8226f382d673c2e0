"""Reading numbers in text: digits of every script, decimals, times, scale words, numerals.

A mention carries every *reading* the text allows, and two mentions are the same number
when their readings meet. That keeps the check honest where formats differ but values do
not: "8847,60" and "8847,6" (one decimal value), "15.30 Uhr" and "15 h 30" (one time),
"3,5 Mrd." and "3.5 billion", "2万4500" and "24,500", "1952/53" and "1953".

Scale words come from CLDR through Babel (the compact decimal formats every locale has:
"Mrd.", "δισ.", "млрд", "万", "억"), plus the case forms CLDR lacks, which the language's
data file lists ("εκατομμυρίων", "миллионов").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any, TypeVar

from mtcheck.cachedir import fingerprint, kept_json, user_cache_dir
from mtcheck.names.inflection import rules_for

_J = TypeVar("_J")

# Digits with optional thousands separators and a decimal part, in any script.
# Grouping by spaces or apostrophes (Swiss "1'000") needs one to three digits before the
# first group: "1956 300 Träger" is two numbers, "24 350 ft" one.
# Indian grouping (lakh, crore) puts two digits in every group but the last: 3,05,713.04.
_NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:[\u00a0\u202f '\u2019]\d{3})+(?:[.,]\d+)?"
                     r"|\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?"
                     r"|\d+(?:[,.]\d{3})*(?:[.,]\d+)?)(?!\d)")
# A second year abbreviated after a slash, dash or wave dash: "1952/53", "1954-55",
# "1970～80年代"; not the month of an ISO date ("2024-03-05").
_YEAR_RANGE = re.compile(r"(?<!\d)(1[5-9]|20)(\d\d)\s?[/–\-～〜~]\s?(\d\d)(?!\d|-\d)")
# A year shortened to its last two digits after an apostrophe: "'89", "’05".
_SHORT_YEAR = re.compile(r"(?<![^\W\d_])['’](\d\d)(?![\d'’]|[.,]\d)")
# Dates written in digits: day, month and year ("05.05.1956", "5/12/2024", "12-5-24") or
# ISO year-month-day ("2024-03-05"). Read as three numbers; a month name of the other text
# stands for its month (see :func:`month_numbers`).
_DATE = re.compile(r"(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?!\d|[.,]\d)")
_ISO_DATE = re.compile(r"(?<![\d.,/-])(\d{4})-(\d{1,2})-(\d{1,2})(?!\d|[.,]\d)")
# A time of day written with an hour mark: "15 h 30", "15h30", "15 h. 30", "15:30".
_TIME = re.compile(r"(?<![\d.,:])([01]?\d|2[0-3])(?:\s?h\.?\s?|:)([0-5]\d)(?!\d|[.,:]\d)")
# A time with hour and minute marks, as Japanese, Chinese and Korean write it: 9時47分,
# 下午3点30分, 오후 3시 30분 (the mark before it says morning or afternoon).
_CJK_TIME = re.compile(r"(?:(午前|上午|오전|午後|下午|오후)\s?)?"
                       r"(\d{1,2})\s?[時时点點시]\s?([0-5]?\d)\s?[分분]")
_CJK_AFTERNOON = frozenset({"午後", "下午", "오후"})
# Signs that label the number after them as a reference in any language: "§ 5", "№ 3".
_REFERENCE_SIGNS = ("§", "№", "n°", "nº")
_PARENTHESIS = re.compile(r"[({][^(){}]*\)")
# Seconds with their decimal after the unit, as Japanese and Chinese write them: 41秒6 = 41.6.
_CJK_SECONDS = re.compile(r"(\d+)秒(\d)(?!\d)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_VULGAR_FRACTION = re.compile(r"\s?([\u00bc-\u00be\u2150-\u215e])")
_HAN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9, "十": 10, "两": 2, "兩": 2}
# A percentage in Han numerals: 百分之三十 is 30 %.
_HAN_PERCENT = re.compile(r"百分之([〇零一二三四五六七八九十两]{1,3})")
# Han numerals count only before a date or counter character, where they are unambiguous.
_HAN_NUMBER = re.compile(r"([〇零一二三四五六七八九十]{1,3})(?=[日月年号號])")
# Before a counter (people, times, items, years of age) a Han numeral is a count, but
# "一人" is also "alone" and "一回" "once": read as a word, never reported.
_HAN_COUNT = re.compile(r"([〇零一二三四五六七八九十两兩]{1,3})(?=[人名回件個个歳岁台隻只頭头位])")
# Roman numerals ("Bd. XI", "camp III", "camp V a"). A lone letter counts only after a word
# and in languages where it is not a word itself (English "I").
_ROMAN = re.compile(r"(?<![^\W\d_])[IVXLC]+(?![^\W\d_.])")
_LONE_ROMAN_IS_A_WORD = frozenset({"en"})
_VALID_ROMAN = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_SPACES = re.compile(r"[\u00a0\u202f '\u2019]")
# Digits with a capital letter O among them ("7O.Jahrgang", "19O5"): scanned text where the
# letter stands for a zero. Read only to show a number is there, never to report one.
_OCR_ZERO = re.compile(r"(?<![^\W_])\d[\dO]*O[\dO]*(?![^\W_])")
# A main currency unit followed by its subunit: "2 fr. 70", "2 € 50", "3 fr . 60" (2.70).
_SUBUNIT = re.compile(r"\s*([^\s\d.,;:()\[\]]+)(\s*\.)?\s*(\d\d)(?!\d|[.,]\d)")
# Enumerators: a list or section number opening a line ("4. Die Expedition", "- 4.") or
# left at the end of one by a lost line break ("… 7200 m.  21."); and reference marks, a
# number in square brackets ("[12]") or glued to the end of a lower-case word ("Gipfel3").
_ENUMERATOR_START = re.compile(r"^[\s\-\u2013\u2014]*(\d{1,2})\.(?!\d)(?:\s+([^\W\d_]+))?",
                               re.MULTILINE)
_ENUMERATOR_END = re.compile(r"[.:;!?)\u00bb\u201d]\s+(\d{1,2})\.\s*$", re.MULTILINE)
_BRACKETED = re.compile(r"\[(\d{1,3})\]")


@dataclass(frozen=True)
class NumberMention:
    """A number in a sentence and the values it may stand for."""

    value: str  # the main reading: ASCII digits, "." as the decimal point, no grouping
    start: int
    end: int
    text: str
    # Written as a word or a Roman numeral ("fünften", "III"), or a reference ("S. 81"):
    # enough to show the number is there, but never reported, missing or replaced.
    word: bool = False
    # A number a translator may say without digits ("100 %" is "wholly", "entièrement"):
    # reported when another number replaces it, not when it is only missing.
    wordable: bool = False
    # A month name read as its number (a word): it stands for the month of a date in
    # digits, never for another numeral word ("Mai" is not "the fifth").
    month: bool = False
    # Other readings: "15.30" is also the time "15:30"; "1.500" is 1500 or 1.5.
    alternatives: tuple[str, ...] = ()
    # A measure with its unit: (dimension, unit, lowest, highest value in the base unit), the
    # range the written digits allow ("30 cm" is 29.5 to 30.5 cm); see :func:`same_quantity`.
    quantity: tuple[str, str, float, float] | None = None

    @property
    def readings(self) -> frozenset[str]:
        return frozenset((self.value, *self.alternatives))


def _digits(text: str) -> str:
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)


def _canonical(value: Decimal) -> str:
    """One spelling per value: 8847.60 and 8847.6 are equal, 4.5e9 is 4500000000."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def _decimal_readings(raw: str, decimal_mark: str) -> tuple[str, tuple[str, ...]]:
    """The readings of a digit string: main value first, then the alternatives."""
    digits = _SPACES.sub("", _digits(raw))
    separators = set(re.findall(r"[,.]", digits))
    grouped = re.fullmatch(r"\d{1,3}([,.]\d{3})+", digits)
    readings: list[str] = []
    if re.fullmatch(r"\d{1,2}(,\d\d)+,\d{3}(\.\d+)?", digits):
        readings = [_canonical(Decimal(digits.replace(",", "")))]   # Indian grouping
    elif grouped and (len(separators) == 1 and digits.count(next(iter(separators))) == 1):
        # "1.500" / "1,500": thousands or a decimal; the language's decimal mark decides
        # which reading comes first, and both stay possible.
        as_group = digits.replace(",", "").replace(".", "")
        as_decimal = _canonical(Decimal(digits.replace(",", ".")))
        readings = ([as_decimal, as_group] if next(iter(separators)) == decimal_mark
                    else [as_group, as_decimal])
    elif grouped:
        readings = [digits.replace(",", "").replace(".", "")]
    else:
        last = max(digits.rfind(","), digits.rfind("."))
        if last >= 0:
            integer = re.sub(r"[,.]", "", digits[:last])
            digits = f"{integer}.{digits[last + 1:]}"
        try:
            readings = [_canonical(Decimal(digits))]
        except InvalidOperation:
            readings = [digits]
        time = re.fullmatch(r"([01]?\d|2[0-3])[.,]([0-5]\d)", _SPACES.sub("", _digits(raw)))
        if time:
            hour, minutes = int(time.group(1)), time.group(2)
            readings += [f"{hour}:{minutes}", *_afternoon(hour, minutes)]
    return readings[0], tuple(readings[1:])


def _afternoon(hour: int, minutes: str) -> tuple[str, ...]:
    """A 12-hour clock time may be the afternoon one ("3:30 pm" is 15:30); a full hour is
    also the bare hour ("15:00" is "15 Uhr", "15 heures")."""
    full = (str(hour),) if minutes == "00" else ()
    if 1 <= hour <= 11:
        return (f"{hour + 12}:{minutes}", *full, *((str(hour + 12),) if full else ()))
    return full


# A bare hour of the 12-hour clock: "3 p.m.", "11am", "3 PM".
_MERIDIEM = re.compile(r"[\u00a0\u202f ]?([ap])\.?[\u00a0\u202f ]?m\b\.?", re.IGNORECASE)


def _meridiem(text: str, mention: NumberMention) -> NumberMention:
    """"3 p.m." is the hour 15 (and 15:00); "11 a.m." is 11:00."""
    match = _MERIDIEM.match(text, mention.end)
    if match is None or mention.alternatives or not mention.value.isdigit():
        return mention
    hour = int(mention.value)
    if not 1 <= hour <= 12:
        return mention
    hour24 = (hour % 12) + (12 if match.group(1).lower() == "p" else 0)
    return replace(mention, alternatives=(str(hour24), f"{hour24}:00"))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7af"


def _is_cjk(ch: str) -> bool:
    """Kana, Han or Hangul: scripts whose scale words attach to the digits."""
    return "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"


@cache
def scale_words(lang: str) -> tuple[tuple[str, int], ...]:
    """Words that multiply the number before them, longest first.

    From CLDR's compact decimal formats (short and long, every plural form) and the
    language's data file, which adds the case forms CLDR does not list.
    """
    words: dict[str, int] = dict(rules_for(lang).scale_words)
    words.update(_cldr_scale_words(lang))
    return tuple(sorted(words.items(), key=lambda item: (-len(item[0]), item[0])))


def _cldr_scale_words(lang: str) -> dict[str, int]:
    """Scale words of every regional locale of the language (pt_PT's "mil milhões" and
    pt_BR's "bilhões" are both Portuguese); a word the regions disagree on is left out
    ("bi" is 10^9 in Brazil and 10^12 in Portugal)."""
    base = lang.replace("-", "_").split("_")[0].lower()
    found: dict[str, int] = _kept_cldr("scale-words", base, lambda: _read_cldr_scale_words(base))
    return found


def _kept_cldr(kind: str, key: str, read: Callable[[], _J]) -> _J:
    """``read()``, a fact derived from CLDR, kept in the user cache folder: reading the data
    of every regional locale of a language (English has over a hundred) for each of these
    facts took about 0.5 s of a run. Keyed by this module's code and Babel's version."""
    if not key.replace("-", "").isalnum() or not key.isascii():  # the key names a file
        return read()
    path = user_cache_dir() / "numerals" / f"{kind}-{key}-{fingerprint(__file__, 'babel')}.json"
    return kept_json(path, read)


def _read_cldr_scale_words(base: str) -> dict[str, int]:
    from babel import Locale
    from babel.localedata import locale_identifiers

    factors: dict[str, set[int]] = {}
    for identifier in sorted(i for i in locale_identifiers()
                             if i == base or i.startswith(base + "_")):
        for word, factor in _locale_scale_words(Locale.parse(identifier)).items():
            factors.setdefault(word, set()).add(factor)
    return {word: next(iter(found)) for word, found in factors.items() if len(found) == 1}


def _locale_scale_words(locale: Any) -> dict[str, int]:
    found: dict[str, int] = {}
    formats = locale.compact_decimal_formats
    for style in ("long", "short"):
        for by_magnitude in dict(formats.get(style, {})).values():
            for magnitude, pattern in dict(by_magnitude).items():
                text = str(getattr(pattern, "pattern", pattern))
                zeros = text.count("0")
                word = _fold(re.sub(r"[0#]+|'", "", text).replace("\u00a0", " ").strip())
                if not word or zeros == 0:
                    continue
                # Short forms of one or two letters ("K", "M", "mm", "Md") are units and
                # labels as often as scale words ("5 mm"), except in scripts where they
                # attach to the digits (万, 억) or when they end with a full stop ("εκ.").
                letters = sum(ch.isalpha() for ch in word)
                if letters < 3 and not (_is_cjk(word[0]) or word.endswith(".")):
                    continue
                found.setdefault(word, int(magnitude) // 10 ** (zeros - 1))
    return found


_COMPOUND_HYPHENS = frozenset("-\u2010\u2011")


def _scale_at(text: str, position: int, lang: str, attached_only: bool
              ) -> tuple[int, int] | None:
    """(factor, end) of a scale word starting at ``position`` (after optional spaces)."""
    rest = text[position:]
    word_start = position + len(rest) - len(rest.lstrip(" \u00a0\u202f"))
    # A compound modifier joins number and scale word with a hyphen: "a 1.2-trillion-tugrik
    # loan", "ein 1,2-Billionen-Kredit".
    hyphened = word_start == position and text[position:position + 1] in _COMPOUND_HYPHENS
    if hyphened:
        word_start += 1
    following = _fold(text[word_start:word_start + 24])
    for word, factor in scale_words(lang):
        if not following.startswith(word) or (hyphened and _is_cjk(word[0])):
            continue
        if _is_cjk(word[0]):
            # 万/億/만/억 count only right after the digits ("3만 명", not "5 만났다").
            if word_start != position:
                continue
        elif attached_only:
            continue
        elif word[-1].isalpha() and following[len(word):len(word) + 1].isalpha():
            continue  # a longer word: "milliardaire" is no "milliard"
        return factor, word_start + len(word)
    return None


def _scaled(text: str, mention: NumberMention, lang: str) -> NumberMention:
    """Apply scale words after a number: "4.5 billion", "45億", "3億2000万", "2万4500"."""
    found = _scale_at(text, mention.end, lang, attached_only=False)
    if found is None:
        return mention
    try:
        value = Decimal(mention.value)
    except InvalidOperation:
        return mention
    factor, end = found
    value *= factor
    # Han and Hangul scales chain: 2千万 is 2000 × 10000; 3億2000万 adds 2000万 to 3億;
    # 2万4500 adds 4500 to 2万.
    while True:
        bigger = _scale_at(text, end, lang, attached_only=True)
        if bigger is not None and bigger[0] > factor:
            value, factor, end = value * bigger[0], bigger[0], bigger[1]
            continue
        tail = _NUMBER.match(text, end)
        spaced = tail is None and _is_hangul(text[end - 1]) and text[end:end + 1] == " "
        if spaced:
            # Korean spacing puts a space after 만 and 억: "1만 2000명", "3억 5000만 원".
            tail = _NUMBER.match(text, end + 1)
        if tail is None or not _is_cjk(text[end - 1]):
            break
        tail_value = Decimal(_decimal_readings(tail.group(0), ".")[0])
        smaller = _scale_at(text, tail.end(), lang, attached_only=True)
        tail_factor = smaller[0] if smaller else 1
        if tail_factor >= factor or tail_value * tail_factor >= factor:
            break
        if spaced and smaller is None and len(tail.group(0)) < 3:
            break  # "1만 3곳": ten thousand, then three places
        value += tail_value * tail_factor
        end, factor = (smaller[1], tail_factor) if smaller else (tail.end(), 1)
        if not smaller:
            break
    return NumberMention(_canonical(value), mention.start, end, text[mention.start:end])


def _han_value(numeral: str) -> int | None:
    values = [_HAN_DIGITS[ch] for ch in numeral]
    if 10 in values:
        tens = values[: values.index(10)]
        units = values[values.index(10) + 1:]
        return (tens[0] if tens else 1) * 10 + (units[0] if units else 0)
    return int("".join(map(str, values))) if values else None


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for ch, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = values[ch]
        total += -value if following and values[following] > value else value
    return total


@cache
def _decimal_mark(lang: str) -> str:
    def read() -> str:
        from babel import Locale, UnknownLocaleError

        try:
            symbols = Locale.parse(lang.replace("-", "_")).number_symbols
            return str(symbols["latn"]["decimal"])
        except (UnknownLocaleError, ValueError, KeyError):
            return "."

    mark: str = _kept_cldr("decimal-mark", lang, read)
    return mark


@cache
def currency_markers(lang: str) -> frozenset[str]:
    """Words and signs that name a currency in ``lang``, folded: CLDR's currency symbols and
    the first and last words of its currency names ("franc suisse", "Schweizer Franken",
    "dollars des États-Unis"), for every regional locale of the language. The first and
    last words carry the head noun in every language CLDR covers; the words between are
    articles and prepositions ("des"), which must not count."""
    base = lang.replace("-", "_").split("_")[0].lower()

    def read() -> list[str]:
        from babel import Locale
        from babel.localedata import locale_identifiers

        markers: set[str] = set()
        for identifier in sorted(i for i in locale_identifiers()
                                 if i == base or i.startswith(base + "_")):
            locale = Locale.parse(identifier)
            names = set(locale.currencies.values())
            for forms in dict(locale._data["currency_names_plural"]).values():
                names.update(dict(forms).values())
            for name in names:
                words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", name)
                markers.update(_fold(w) for w in (words[:1] + words[-1:]) if len(w) >= 3)
            markers.update(_fold(str(symbol)) for symbol in locale.currency_symbols.values()
                           if not any(ch.isdigit() for ch in str(symbol)))
        return sorted(markers)

    return frozenset(_kept_cldr("currency-markers", base, read))


def _is_currency(marker: str, abbreviated: bool, lang: str) -> bool:
    """A currency word or sign; with a full stop after it, also the abbreviation of one
    ("fr." for franc, "Fr." for Franken)."""
    folded = _fold(marker)
    markers = currency_markers(lang)
    if folded in markers:
        return True
    return (abbreviated and len(folded) >= 2 and folded.isalpha()
            and any(word.startswith(folded) and word.isalpha() for word in markers))


@cache
def month_names(lang: str) -> frozenset[str]:
    """Month names and abbreviations of ``lang`` (CLDR), folded, without full stops."""
    def read() -> list[str]:
        from babel import Locale, UnknownLocaleError

        try:
            locale = Locale.parse(lang.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            return []
        names: set[str] = set()
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names.update(_fold(str(name)).rstrip(".") for name in
                             dict(locale.months.get(context, {}).get(width, {})).values())
        return sorted(names)

    return frozenset(_kept_cldr("month-names", lang, read))


@cache
def month_numbers(lang: str) -> dict[str, int]:
    """Month names and abbreviations of ``lang`` (CLDR), folded, without full stops, to
    the month's number: "décembre" and "déc" → 12. A form two months share is left out;
    forms CLDR capitalises (English, German) carry a leading "^", as they count only
    capitalised ("May", not the verb "may")."""
    def read() -> dict[str, int]:
        from babel import Locale, UnknownLocaleError

        try:
            locale = Locale.parse(lang.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            return {}
        found: dict[str, set[int]] = {}
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in dict(locale.months.get(context, {}).get(width, {})).items():
                    text = str(name).rstrip(".")
                    if not text[:1].isalpha():
                        continue
                    key = ("^" if text[0].isupper() else "") + _fold(text)
                    found.setdefault(key, set()).add(int(number))
        return {key: next(iter(numbers)) for key, numbers in sorted(found.items())
                if len(numbers) == 1}

    return dict(_kept_cldr("month-numbers", lang, read))


@cache
def percent_words(lang: str) -> tuple[str, ...]:
    """The percent sign and ``lang``'s percent words (CLDR unit patterns of
    concentr-percent: "Prozent", "pour cent", "процента"), folded, longest first."""
    def read() -> list[str]:
        from babel import Locale, UnknownLocaleError

        try:
            patterns = Locale.parse(lang.replace("-", "_"))._data["unit_patterns"]
        except (UnknownLocaleError, ValueError, KeyError):
            return []
        words: set[str] = set()
        for width in ("long", "short", "narrow"):
            for form, pattern in dict(dict(patterns.get("concentr-percent", {})).get(width, {})
                                      ).items():
                if form != "per":
                    words.add(_fold(str(pattern).replace("{0}", "").strip(" \u00a0\u202f")))
        return sorted(w for w in words if w)

    found = {"%", "％", *_kept_cldr("percent-words", lang, read)}
    return tuple(sorted(found, key=lambda w: (-len(w), w)))


def _is_percent(text: str, end: int, lang: str) -> bool:
    """Whether a percent sign or word follows the number ending at ``end``."""
    following = _fold(text[end:end + 24]).lstrip(" \u00a0\u202f")
    following = re.sub(r"[\u00a0\u202f]", " ", following)
    for word in percent_words(lang):
        if following.startswith(word) and not (
                word[-1].isalpha() and following[len(word):len(word) + 1].isalpha()):
            return True
    return False


def _with_subunit(text: str, mention: NumberMention, lang: str
                  ) -> tuple[NumberMention, NumberMention | None]:
    """"2 fr. 70" is 2.70: the main unit's number gains the reading with its subunit, and
    the subunit's number is kept as a word-like mention (it shows itself when the other
    text has a separate 70, and never stands for a replaced number)."""
    if mention.alternatives or not mention.value.isdigit():
        return mention, None
    match = _SUBUNIT.match(text, mention.end)
    if match is None or not _is_currency(match.group(1), match.group(2) is not None, lang):
        return mention, None
    amount = f"{mention.value}.{match.group(3)}"
    main = NumberMention(mention.value, mention.start, mention.end, mention.text,
                         alternatives=(_canonical(Decimal(amount)),))
    subunit = NumberMention(str(int(match.group(3))), match.start(3), match.end(3),
                            match.group(3), word=True)
    return main, subunit


# Units a translator converts between, by CLDR unit id: the dimension and the size in its
# base unit (metre, kilogram). Physics, not language: the words come from CLDR per locale.
_UNIT_SIZES: dict[str, tuple[str, float]] = {
    "length-millimeter": ("length", 0.001), "length-centimeter": ("length", 0.01),
    "length-meter": ("length", 1.0), "length-kilometer": ("length", 1000.0),
    "length-inch": ("length", 0.0254), "length-foot": ("length", 0.3048),
    "length-yard": ("length", 0.9144), "length-mile": ("length", 1609.344),
    "mass-gram": ("mass", 0.001), "mass-kilogram": ("mass", 1.0),
    "mass-pound": ("mass", 0.45359237), "mass-ounce": ("mass", 0.028349523125),
    "power-watt": ("power", 1.0), "power-kilowatt": ("power", 1e3),
    "power-megawatt": ("power", 1e6), "power-gigawatt": ("power", 1e9),
    "area-square-meter": ("area", 1.0), "area-hectare": ("area", 1e4),
    "area-square-kilometer": ("area", 1e6), "area-acre": ("area", 4046.8564224),
    "area-square-mile": ("area", 2589988.110336),
    "mass-tonne": ("mass", 1000.0), "mass-ton": ("mass", 907.18474),
    "volume-liter": ("volume", 0.001), "volume-cubic-meter": ("volume", 1.0),
    "volume-gallon": ("volume", 0.003785411784),
    "speed-kilometer-per-hour": ("speed", 1 / 3.6), "speed-mile-per-hour": ("speed", 0.44704),
    "temperature-celsius": ("temperature", 1.0),
    "temperature-fahrenheit": ("temperature", 5 / 9),
}
# Scales that do not start at zero: the base value is size × value + offset (°F → °C).
_UNIT_OFFSETS: dict[str, float] = {"temperature-fahrenheit": -32 * 5 / 9}
_UNIT_AFTER = re.compile(r"[\u00a0\u202f ]?(°[\u00a0\u202f ]?[CFcf]|[\u2103\u2109]"
                         r"|[^\W\d_]+(?:/[^\W\d_]+)?\.?|[\u2032\u2033'\"])")


@cache
def unit_words(lang: str) -> dict[str, str]:
    """Unit words and signs of ``lang`` (CLDR unit patterns: long, short and narrow forms,
    every plural), folded, to their CLDR unit id: "pieds" and "pi" → length-foot."""
    from babel import Locale, UnknownLocaleError

    try:
        patterns = Locale.parse(lang.replace("-", "_"))._data["unit_patterns"]
    except (UnknownLocaleError, ValueError, KeyError):
        return {}
    words: dict[str, str] = {}
    for unit in _UNIT_SIZES:
        for width in ("long", "short", "narrow"):
            for form, pattern in dict(dict(patterns.get(unit, {})).get(width, {})).items():
                if form == "per":
                    continue
                word = _fold(str(pattern).replace("{0}", "").strip(" \u00a0\u202f"))
                # A bare degree sign ("{0}°") is Fahrenheit in one place, Celsius or an
                # angle in others: no unit.
                if word and word != "°" and not any(ch.isspace() for ch in word):
                    words.setdefault(word, unit)
    return words


def _quantity(text: str, mention: NumberMention, lang: str
              ) -> tuple[str, str, float, float] | None:
    """The measure a number with a unit after it states, as the range its digits allow."""
    match = _UNIT_AFTER.match(text, mention.end)
    if match is None:
        return None
    word = _fold(unicodedata.normalize("NFKC", match.group(1)))  # "℃" is "°C"
    word = re.sub(r"°[\u00a0\u202f ]", "°", word)
    units = unit_words(lang)
    unit = (units.get(word) or units.get(word.rstrip("."))
            or units.get(word.split("/")[0]))  # "km/Jahr" is kilometres
    if unit is None and word and _is_cjk(word[0]):
        # No spaces between Japanese, Chinese or Korean words: "キロワットに上る".
        unit = next((units[word[:k]] for k in range(len(word) - 1, 0, -1) if word[:k] in units),
                    None)
    if unit is None:
        return None
    try:
        value = Decimal(mention.value)
    except InvalidOperation:
        return None
    exponent = value.as_tuple().exponent
    half = Decimal(5).scaleb(int(exponent) - 1) if isinstance(exponent, int) else Decimal(0)
    dimension, size = _UNIT_SIZES[unit]
    offset = _UNIT_OFFSETS.get(unit, 0.0)
    return (dimension, unit, float(value - half) * size + offset,
            float(value + half) * size + offset)


def same_quantity(first: NumberMention, second: NumberMention) -> bool:
    """Two measures in different units that the written digits allow to be equal: "30 cm"
    (29.5-30.5 cm) and "12 pouces" (29.2-31.8 cm); not "60 ft" (18.1-18.4 m) and
    "19,29 m". In one unit, values must be equal: that is what readings compare."""
    a, b = first.quantity, second.quantity
    if a is None or b is None or a[0] != b[0] or a[1] == b[1]:
        return False
    return a[2] <= b[3] and b[2] <= a[3]


@cache
def currency_scales(lang: str) -> tuple[tuple[str, int], ...]:
    """Short scale marks that CLDR writes only with a currency ("$1.2M", "£3bn", "3 M€",
    "2 Md €"), folded, longest first; a mark the regional locales disagree on is left out."""
    base = lang.replace("-", "_").split("_")[0].lower()

    def read() -> dict[str, int]:
        from babel import Locale
        from babel.localedata import locale_identifiers

        factors: dict[str, set[int]] = {}
        for identifier in sorted(i for i in locale_identifiers()
                                 if i == base or i.startswith(base + "_")):
            formats = Locale.parse(identifier)._data.get("compact_currency_formats", {})
            for by_magnitude in dict(dict(formats).get("short", {})).values():
                for magnitude, pattern in dict(by_magnitude).items():
                    text = str(getattr(pattern, "pattern", pattern))
                    zeros = text.count("0")
                    mark = _fold(re.sub(r"[0#¤]+|'", "", text).replace("\u00a0", " ").strip())
                    if mark and zeros and not any(ch.isdigit() for ch in mark):
                        factors.setdefault(mark, set()).add(int(magnitude) // 10 ** (zeros - 1))
        return {mark: next(iter(f)) for mark, f in factors.items() if len(f) == 1}

    found: dict[str, int] = _kept_cldr("currency-scales", base, read)
    return tuple(sorted(found.items(), key=lambda item: (-len(item[0]), item[0])))


def _currency_scaled(text: str, mention: NumberMention, lang: str) -> NumberMention:
    """"$1.2M", "£3bn", "3 M€": a short scale mark counts next to a currency sign or word,
    before the number or after the mark; elsewhere "5 M" or "5m" may be metres."""
    following = re.sub(r"[\u00a0\u202f]", " ", _fold(text[mention.end:mention.end + 12]))
    for mark, factor in currency_scales(lang):
        spaced = following.lstrip(" ")
        after_mark = spaced[len(mark):len(mark) + 1]
        if not spaced.startswith(mark) or after_mark.isalpha() or after_mark == "-":
            continue
        end = mention.end + len(following) - len(spaced) + len(mark)
        before = re.search(r"(\S+?)[\s\u00a0\u202f]?$", text[:mention.start])
        after = re.match(r"[\s\u00a0\u202f]?([^\s\d.,;:()]+)", text[end:])
        if not any(m is not None and _is_currency(m.group(1), False, lang) for m in (before, after)):
            return mention
        try:
            value = Decimal(mention.value) * factor
        except InvalidOperation:
            return mention
        return NumberMention(_canonical(value), mention.start, end, text[mention.start:end],
                             alternatives=(mention.value,))
    return mention


def _layout_spans(text: str, lang: str) -> set[tuple[int, int]]:
    """Spans of digits that number the layout rather than say something: enumerators
    opening a line (not a date: "5. August") or stranded at its end, and reference marks."""
    spans: set[tuple[int, int]] = set()
    months = month_names(lang)
    for match in _ENUMERATOR_START.finditer(text):
        following = match.group(2)
        if following is None or _fold(following) not in months:
            spans.add(match.span(1))
    spans.update(match.span(1) for match in _ENUMERATOR_END.finditer(text))
    spans.update(match.span(1) for match in _BRACKETED.finditer(text))
    return spans


def _labelled(text: str, start: int, labels: tuple[str, ...]) -> bool:
    """Whether a reference label or sign stands right before ``start``: "S. 81", "p.80",
    "Artikel 5", "§ 3"; the label a whole word ("USA. 5" is no "S. 5")."""
    head = _fold(text[max(0, start - 24):start]).rstrip(" \u00a0\u202f")
    for label in (*labels, *_REFERENCE_SIGNS):
        if head.endswith(label):
            before = head[:len(head) - len(label)]
            if not before or not (before[-1].isalnum() or before[-1] == "_"):
                return True
    return False


def _reference_spans(text: str, found: list[NumberMention], lang: str) -> set[tuple[int, int]]:
    """Spans of numbers that name a reference rather than a quantity: a number after a
    reference label of the language or a sign ("S. 81", "Nr. 292", "p. 80", "§ 3"), the
    end of its range ("S. 110-117"), and every number in a parenthesis that holds one
    (the year of "(« Die Alpen » 1956, S. 81)" is the journal's). Translators cite
    another edition or restate such references ("Nr. 4" → "avril")."""
    labels = rules_for(lang).reference_labels
    ordered = sorted((n for n in found if not n.word), key=lambda n: (n.start, n.end))
    spans: set[tuple[int, int]] = set()
    previous: NumberMention | None = None
    for mention in ordered:
        if _labelled(text, mention.start, labels) or (
                previous is not None and (previous.start, previous.end) in spans
                and re.fullmatch(r"\s?[-–/]\s?", text[previous.end:mention.start])):
            spans.add((mention.start, mention.end))
        previous = mention
    if spans:
        for parenthesis in _PARENTHESIS.finditer(text):
            inside = [(n.start, n.end) for n in ordered
                      if parenthesis.start() < n.start and n.end < parenthesis.end()]
            if any(span in spans for span in inside):
                spans.update(inside)
    return spans


def _month_words(text: str, lang: str) -> list[NumberMention]:
    """Month names in dates, as the month's number, read as words: they show the month of
    a date written in digits in the other text ("5 décembre 2024" for "05.12.2024"). Only
    next to digits ("5 mai", "May 5", "12. Dezember"): elsewhere a month is no date."""
    months = month_numbers(lang)
    if not months:
        return []
    found: list[NumberMention] = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        folded = _fold(word)
        number = months.get(folded) if not word[0].isupper() else (
            months.get("^" + folded) or months.get(folded))
        if number is not None and (
                _DIGIT_BEFORE.search(text[max(0, match.start() - 4):match.start()])
                or _DIGIT_AFTER.match(text[match.end():match.end() + 3])):
            found.append(NumberMention(str(number), match.start(), match.end(), word, word=True,
                                       month=True))
    return found


# A month name is a date's only next to digits (see _month_words).
_DIGIT_BEFORE = re.compile(r"\d[.,]?[\s\u00a0\u202f]?$")
_DIGIT_AFTER = re.compile(r"\.?[\s\u00a0\u202f]?\d")


def _digit_dates(text: str) -> list[NumberMention]:
    """The day, month and year of dates written in digits ("05.05.1956", "2024-03-05").
    With a slash, day and month may come in either order (5/12 is 5 December or May 12)."""
    found: list[NumberMention] = []
    for match in _DATE.finditer(text):
        first, second = str(int(match.group(1))), str(int(match.group(3)))
        swap = match.group(2) == "/"
        found.append(NumberMention(first, match.start(1), match.end(1), match.group(1),
                                   alternatives=(second,) if swap and first != second else ()))
        found.append(NumberMention(second, match.start(3), match.end(3), match.group(3),
                                   alternatives=(first,) if swap and first != second else ()))
        year = match.group(4)
        found.append(NumberMention(year if len(year) == 4 else str(int(year)), match.start(4),
                                   match.end(4), year,
                                   alternatives=(f"19{year}", f"20{year}") if len(year) == 2 else ()))
    for match in _ISO_DATE.finditer(text):
        for group in (1, 2, 3):
            found.append(NumberMention(str(int(match.group(group))), match.start(group),
                                       match.end(group), match.group(group)))
    return found


def _cjk_times(text: str) -> dict[int, tuple[int, int, str, tuple[str, ...]]]:
    """Times written with hour and minute marks (9時47分, 오후 3시 30분), by the start of their
    hour digits: (start, end, value, alternatives)."""
    times: dict[int, tuple[int, int, str, tuple[str, ...]]] = {}
    for match in _CJK_TIME.finditer(text):
        hour, minutes = int(match.group(2)), f"{int(match.group(3)):02d}"
        if hour > 24:
            continue
        alternatives: tuple[str, ...]
        if match.group(1) in _CJK_AFTERNOON and 1 <= hour <= 11:
            value, alternatives = f"{hour + 12}:{minutes}", (f"{hour}:{minutes}",)
        elif match.group(1) is not None:
            value, alternatives = f"{hour}:{minutes}", ()
        else:
            value, alternatives = f"{hour}:{minutes}", _afternoon(hour, minutes)
        times[match.start(2)] = (match.start(2), match.end(), value, alternatives)
    return times


def _in_a_name(text: str, start: int, lang: str) -> bool:
    """Digits that are part of a name: glued or hyphenated to a word with a capital letter
    ("K2", "A380", "G7", "COVID-19", "Су-57"), not to a currency sign ("Rs590"). A
    translator may leave them out with the name ("the A380" → "the aircraft")."""
    word = re.search(r"([^\W\d_]+)-?$", text[max(0, start - 24):start])
    if word is None or not any(ch.isupper() for ch in word.group(1)):
        return False
    return _fold(word.group(1)) not in currency_markers(lang)


def _glued_to_word(text: str, start: int, lang: str) -> bool:
    """A reference mark glued to a lower-case word ("Gipfel3"); not "K2" or "A380", and
    not a currency sign written with letters ("Rs590", "Rp10.000")."""
    if not (start >= 2 and text[start - 1].islower() and text[start - 2].isalpha()):
        return False
    word = re.search(r"[^\W\d_]+$", text[:start])
    return word is None or _fold(word.group(0)) not in currency_markers(lang)


@cache
def _percent_pattern(counters: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """A number counted in parts of a whole: the first counter after digits or a Han
    numeral, then each further counter after one digit (3割5分)."""
    (lead, _), *rest = counters
    digit = "[0-9〇零一二三四五六七八九]"
    return re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?|[〇零一二三四五六七八九十]{1,3})"
                      + re.escape(lead)
                      + "".join(rf"(?:({digit}){re.escape(c)})?" for c, _ in rest))


def _percent_counts(text: str, counters: tuple[tuple[str, str], ...],
                    found: list[NumberMention]) -> list[NumberMention]:
    """``found`` with the numbers counted in parts of a whole read as per cent (9割 = 90,
    3割5分 = 35) in place of the digits they are written with."""
    if not counters:
        return found
    for match in _percent_pattern(counters).finditer(text):
        total = Decimal(0)
        for (_, share), numeral in zip(counters, match.groups(), strict=True):
            if numeral is None:
                continue
            value = (Decimal(numeral) if numeral[0].isdigit()
                     else Decimal(_han_value(numeral) or 0))
            total += value * Decimal(share)
        found = [n for n in found if not match.start() <= n.start < match.end()]
        found.append(NumberMention(_canonical(total), match.start(), match.end(),
                                   match.group(0)))
    return found


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    """Numbers written in ``text``: digits of any script with their decimal, time and scale
    readings, abbreviated years, Roman numerals, Han numerals before 日/月/年, and the numeral
    words listed in the language's data."""
    return list(numbers_in(text, lang))


# The numbers check and the omission check read the same sentences; the reading of a text
# depends on nothing else.
@lru_cache(maxsize=8_192)
def numbers_in(text: str, lang: str) -> tuple[NumberMention, ...]:
    """:func:`find_numbers`, kept for the texts read last."""
    return tuple(_find_numbers(text, lang))


# What every number _find_numbers reads holds: digits of any script or a Han numeral (dates,
# times, years, per cent and counters are digits or Han numerals too, and a month name is
# read only next to digits). Roman numerals and numeral words are looked for apart.
_NUMBER_SIGN = re.compile(r"[\d〇零一二三四五六七八九十两兩]")


@cache
def _numeral_words(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The folded words _find_numbers reads as numbers without digits (numeral, decade,
    fraction and scale words), and its numeral prefixes."""
    rules = rules_for(lang)
    words = {w for w, _ in rules.number_words} | {w for w, _ in rules.decade_words}
    words |= {w for w, _ in rules.fraction_words}
    words |= {w for w, _ in scale_words(lang) if w.isalpha() and not _is_cjk(w[0])}
    return frozenset(words), tuple(p for p, _ in rules.number_prefixes)


def may_hold_numbers(text: str, lang: str) -> bool:
    """False only where :func:`find_numbers` reads no number in ``text``: no digit, no Han
    numeral, nothing a Roman numeral could be and no numeral, decade, fraction or scale word.
    A quick test before reading a long text that often holds none."""
    if _NUMBER_SIGN.search(text) or _ROMAN.search(text):
        return True
    words, prefixes = _numeral_words(lang)
    if not words and not prefixes:
        return False
    for match in _WORD.finditer(text):
        word = _fold(match.group(0))
        if word in words or word.startswith(prefixes):
            return True
    return False


# How far the reading of a number looks around it: a label, a name or a currency sign
# before it, a scale, unit, percent or currency word after it are looked for within 24
# characters (_labelled, _in_a_name, _scale_at, _is_percent, _currency_scaled), and every
# other rule reads only the number's own characters and the tokens glued to them (which stop
# at a space). With margin: no rule reaches this far from the number it reads.
_JOIN_REACH = 64
# A parenthesis or brace still open at the end of a text: a parenthesis that closes after a
# join would hold numbers of both texts (_reference_spans reads every number inside one).
_OPEN_AT_END = re.compile(r"[({][^(){}]*$")


def joined_numbers(parts: tuple[str, ...], lang: str) -> tuple[NumberMention, ...] | None:
    """The numbers of ``" ".join(parts)`` read from each part's own (:func:`numbers_in`,
    kept), placed at the part's offset, where the join can change no reading: no digit, Han
    or Roman numeral, numeral, scale, fraction or decade word within ``_JOIN_REACH``
    characters on either side of a join (:func:`may_hold_numbers`), and no parenthesis open
    across one. None where it can (the joined text must then be read as a whole).

    A text of several sentences (a merged pair, a re-pairing) is then read from its sentences,
    which the numbers check and the sentence's other readings have read already."""
    for k in range(1, len(parts)):
        window = parts[k - 1][-_JOIN_REACH:] + " " + parts[k][:_JOIN_REACH]
        if may_hold_numbers(window, lang) or _OPEN_AT_END.search(" ".join(parts[:k])):
            return None
    found: list[NumberMention] = []
    offset = 0
    for part in parts:
        found.extend(replace(n, start=n.start + offset, end=n.end + offset) if offset else n
                     for n in numbers_in(part, lang))
        offset += len(part) + 1
    return tuple(found)


def _find_numbers(text: str, lang: str) -> list[NumberMention]:
    rules = rules_for(lang)
    mark = _decimal_mark(lang)
    found: list[NumberMention] = []
    times = {m.start(): (m.start(), m.end(), f"{int(m.group(1))}:{m.group(2)}",
                         _afternoon(int(m.group(1)), m.group(2)))
             for m in _TIME.finditer(text)}
    times.update(_cjk_times(text))
    scanned = [(m.start(), m.end()) for m in _OCR_ZERO.finditer(text)]
    found.extend(NumberMention(str(int(m.group(0).replace("O", "0"))), m.start(), m.end(),
                               m.group(0), word=True) for m in _OCR_ZERO.finditer(text))
    dates = _digit_dates(text)
    found.extend(dates)
    scanned += [(d.start, d.end) for d in dates]
    cursor = 0
    for match in _NUMBER.finditer(text):
        if match.start() < cursor or any(a <= match.start() < b for a, b in scanned):
            continue
        time = times.get(match.start())
        if time is not None and not re.fullmatch(r"\d+[.,]\d+", match.group(0)):
            # "15 h 30" / "15:30" / "15時30分": one time, not the numbers 15 and 30.
            start, end, value, alternatives = time
            found.append(NumberMention(value, start, end, text[start:end],
                                       alternatives=alternatives))
            cursor = end
            continue
        value, alternatives = _decimal_readings(match.group(0), mark)
        end = match.end()
        fraction = _VULGAR_FRACTION.match(text, end)
        if fraction and not alternatives:
            # "1 ½" is 1.5, like "1,50".
            value = _canonical(Decimal(value) + Decimal(str(unicodedata.numeric(fraction.group(1)))))
            end = fraction.end()
        mention = NumberMention(value, match.start(), end, text[match.start():end],
                                alternatives=alternatives)
        # The longer of a scale word and a currency's short mark: "306 mil M €" is 306 mil
        # millones, not 306 mil; "$2.3 mil millones" is not $2.3 mil.
        mention = max((_scaled(text, mention, lang), _currency_scaled(text, mention, lang)),
                      key=lambda scaled: scaled.end)
        subunit = None
        if mention.end == end:
            mention, subunit = _with_subunit(text, mention, lang)
        if mention.end == end and subunit is None:
            mention = _meridiem(text, mention)
        if subunit is None:
            mention = replace(mention, quantity=_quantity(text, mention, lang))
        if mention.value == "100" and mention.end == end and _is_percent(text, end, lang):
            mention = replace(mention, wordable=True)
        found.append(mention)
        cursor = mention.end
        if subunit is not None:
            found.append(subunit)
            cursor = subunit.end
    for match in _CJK_SECONDS.finditer(text):
        found = [n for n in found if not match.start() <= n.start < match.end()]
        found.append(NumberMention(f"{int(match.group(1))}.{match.group(2)}", match.start(),
                                   match.end(), match.group(0)))
    for match in _YEAR_RANGE.finditer(text):
        # The abbreviated second year of "1952/53" is 1953.
        start = match.start(3)
        found = [n for n in found if not (n.start == start and n.value == match.group(3))]
        found.append(NumberMention(match.group(1) + match.group(3), start, match.end(3),
                                   match.group(3)))
    for match in _SHORT_YEAR.finditer(text):
        # "'89" is 1989 (or 2089, or the 89 it is written as).
        start, digits = match.start(1), match.group(1)
        found = [n for n in found if n.start != start]
        found.append(NumberMention(f"19{digits}", match.start(), match.end(), match.group(0),
                                   alternatives=(f"20{digits}", str(int(digits)))))
    for match in _HAN_NUMBER.finditer(text):
        han = _han_value(match.group(1))
        if han is not None:
            found.append(NumberMention(str(han), match.start(), match.end(), match.group(1)))
    for match in _HAN_PERCENT.finditer(text):
        han = _han_value(match.group(1))
        if han is not None:
            found.append(NumberMention(str(han), match.start(), match.end(), match.group(0)))
    for match in _HAN_COUNT.finditer(text):
        han = _han_value(match.group(1))
        if han is not None:
            found.append(NumberMention(str(han), match.start(), match.end(), match.group(1),
                                       word=True))
    lone_allowed = lang.split("-")[0].lower() not in _LONE_ROMAN_IS_A_WORD
    for match in _ROMAN.finditer(text):
        numeral = match.group(0)
        if len(numeral) == 1 and not (lone_allowed and re.search(r"[^\W\d_]\s$",
                                                                 text[:match.start()])):
            continue
        if _VALID_ROMAN.fullmatch(numeral):
            found.append(NumberMention(str(_roman_value(match.group(0))), match.start(),
                                       match.end(), match.group(0), word=True))
    prefixes = rules.number_prefixes
    words = dict(rules.number_words)
    if prefixes or words:
        for match in _WORD.finditer(text):
            word = _fold(match.group(0))
            number = words.get(word)
            if number is None:
                number = next((v for prefix, v in prefixes if word.startswith(prefix)), None)
            if number is not None:
                found.append(NumberMention(str(number), match.start(), match.end(),
                                           match.group(0), word=True))
    decades = dict(rules.decade_words)
    if decades:
        for match in _WORD.finditer(text):
            decade = decades.get(_fold(match.group(0)))
            if decade is not None:
                # "anni Settanta", "the seventies": 70, or a year of the 1970s (2070s).
                found.append(NumberMention(str(decade), match.start(), match.end(),
                                           match.group(0), word=True,
                                           alternatives=(f"19{decade}", f"20{decade}")))
    # A scale word with no digits before it is one of it ("mille personnes", "eine
    # Million"), or as many as the numeral word before it says ("zwei Millionen").
    scales = {word: factor for word, factor in scale_words(lang)
              if word.isalpha() and not _is_cjk(word[0])}
    if scales:
        spans = [(n.start, n.end) for n in found]
        for match in _WORD.finditer(text):
            factor = scales.get(_fold(match.group(0)))
            if factor is None or any(a <= match.start() < b for a, b in spans):
                continue
            before = next((n for n in found if n.word and not n.month and n.value.isdigit()
                            and not n.text.isupper()  # a Roman numeral
                            and text[n.end:match.start()] in (" ", "\u00a0")), None)
            if before is not None:
                found.remove(before)
                found.append(NumberMention(str(int(before.value) * factor), before.start,
                                           match.end(), text[before.start:match.end()],
                                           word=True))
            else:
                found.append(NumberMention(str(factor), match.start(), match.end(),
                                           match.group(0), word=True))
    fractions = dict(rules.fraction_words)
    if fractions:
        for match in _WORD.finditer(text):
            part = fractions.get(_fold(match.group(0)))
            if part is not None:
                # "die Hälfte", "la moitié": a half, or 50 per cent.
                found.append(NumberMention(_canonical(Decimal(part)), match.start(),
                                           match.end(), match.group(0), word=True,
                                           alternatives=(_canonical(Decimal(part) * 100),)))
    found.extend(_month_words(text, lang))
    found = _percent_counts(text, rules.percent_counters, found)
    layout = _layout_spans(text, lang) | _reference_spans(text, found, lang)
    found = [replace(n, word=True) if not n.word and ((n.start, n.end) in layout
                                                       or _glued_to_word(text, n.start, lang)) else n
             for n in found]
    found = [replace(n, wordable=True) if not n.word and _in_a_name(text, n.start, lang) else n
             for n in found]
    return sorted(found, key=lambda n: (n.start, n.end))
