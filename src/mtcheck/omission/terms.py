"""Common words whose translations CLDR knows: months, weekdays, units and currencies.

Word support (:mod:`mtcheck.omission.coverage`) finds a common word's translation through
the document's own lexicon, which a news article of twenty sentences rarely teaches, or
romanised, which only cognates survive. Dates, measures and money are in nearly every such
text, and CLDR (through Babel) says how each language writes them: "March" is "марта",
"3月", "3월"; "Monday" is "понедельник", "月曜日"; "kilometres" is "километров", "キロメートル";
"dollars" is "доллар", "美元". A source word that names one of them is found when the
translation writes it as CLDR does (a word starting with the form in a language with
spaces, so that a case ending counts; inside the text in one without).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names
from babel.localedata import locale_identifiers

# The CLDR units news text measures in (lengths, areas, weights, volumes, durations, speeds,
# power, temperatures, shares): the ids of Babel's unit data.
UNITS = (
    "length-kilometer", "length-meter", "length-centimeter", "length-millimeter",
    "length-mile", "area-square-kilometer", "area-square-meter", "area-hectare",
    "mass-kilogram", "mass-gram", "mass-tonne", "volume-liter", "volume-cubic-meter",
    "duration-year", "duration-month", "duration-week", "duration-day", "duration-hour",
    "duration-minute", "speed-kilometer-per-hour", "power-megawatt", "power-gigawatt",
    "power-kilowatt", "temperature-celsius", "concentr-percent",
)
# Hangul writes a syllable a block, and a particle on the word (월요일에).
_HANGUL = re.compile(r"[\uac00-\ud7a3]{2}")
# A source word this short says too little (an abbreviation, a unit symbol).
_MIN_SOURCE = 3
# A form found in a translation with spaces: a word that starts with this share of it (at
# least _START letters); shorter forms must be a whole word ("лет", "km").
_SHARE = 0.6
_START = 4


@lru_cache(maxsize=64)
def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def _words(name: str) -> list[str]:
    return [w for w in name.replace("{0}", " ").casefold().split()
            if any(ch.isalpha() for ch in w)]


def _names(locale: Locale, short: bool) -> Iterable[tuple[str, tuple[str, ...]]]:
    """(what, the names the locale gives it) for every month, weekday and unit; with
    ``short``, also their abbreviated names."""
    for width in ("wide", "abbreviated") if short else ("wide",):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale).items():
                yield f"month-{number}", (name,)
            for number, name in get_day_names(width, context, locale).items():
                yield f"day-{number}", (name,)
    patterns = locale._data.get("unit_patterns", {})
    for unit in UNITS:
        for length in ("long", "short") if short else ("long",):
            forms = patterns.get(unit, {}).get(length, {})
            yield f"unit-{unit}", tuple(str(p) for key, p in forms.items()
                                        if isinstance(p, str) and key != "per")


def _currencies(locale: Locale) -> dict[str, tuple[str, ...]]:
    """The names of each currency, singular and plural."""
    plural = locale._data.get("currency_names_plural", {})
    return {f"currency-{code}": (name, *(str(p) for p in plural.get(code, {}).values()))
            for code, name in locale.currencies.items()}


@lru_cache(maxsize=64)
def _regional(lang: str) -> tuple[Locale, ...]:
    """The language's locale and its regional ones ("kilometres" is en_GB's, "kilometers"
    en's)."""
    base = _locale(lang)
    if base is None:
        return ()
    prefix = f"{base.language}_"
    regional = [_locale(i) for i in locale_identifiers()
                if i.startswith(prefix) and i.count("_") == 1]
    return (base, *(r for r in regional if r is not None))


@lru_cache(maxsize=64)
def _source_words(lang: str) -> dict[str, tuple[str, ...]]:
    """Each word (case-folded, 3 letters or more) of the full names ``lang`` gives months,
    weekdays, units (also as its regional locales write them) and currencies, with what it
    names."""
    sources = _regional(lang)
    names = [*_names(sources[0], short=False), *_currencies(sources[0]).items(),
             *(item for regional in sources[1:] for item in _names(regional, False)
               if item[0].startswith("unit-"))]  # months and days: every region alike
    holders: dict[str, set[str]] = {}
    for what, spellings in names:
        for word in {w for name in spellings for w in _words(name)}:
            if len(word) >= _MIN_SOURCE and word.isalpha():
                holders.setdefault(word, set()).add(what)
    return {word: tuple(sorted(whats)) for word, whats in holders.items()}


def _forms(name: str, with_spaces: bool) -> set[str]:
    if with_spaces:
        return {w.strip(".") for w in _words(name) if len(w.strip(".")) >= 2}
    whole = "".join(_words(name))
    return {whole} if len(whole) >= 2 else set()


@lru_cache(maxsize=256)
def term_table(source_lang: str, target_lang: str) -> dict[str, tuple[str, ...]]:
    """Each word of a month's, weekday's, unit's or currency's name in ``source_lang``
    (case-folded; full names only: an abbreviation, "mar.", "Di", is too often another
    word; units also as the language's regional locales write them) mapped to the forms
    ``target_lang`` writes the same thing in (case-folded: the words of its names in a
    language with spaces, each name whole without them). A word of several names
    ("dollars", "kilometres" of square kilometres too) maps to what more than half of
    them share in the target ("доллар", "ドル"), not to what tells them apart
    ("канадский", "квадратный")."""
    target = _locale(target_lang)
    if target is None or not _regional(source_lang):
        return {}
    from mtcheck.omission.support import spaced

    with_spaces = spaced(target_lang)
    forms: dict[str, set[str]] = {}
    for what, names in (*_names(target, short=True), *_currencies(target).items()):
        for name in names:
            forms.setdefault(what, set()).update(_forms(name, with_spaces))
    holders = {word: [w for w in whats if forms.get(w)]
               for word, whats in _source_words(source_lang).items()}
    table = {word: _shared([forms[w] for w in whats], with_spaces)
             for word, whats in holders.items() if whats}
    return {word: tuple(sorted(found)) for word, found in table.items() if found}


def _shared(names: list[set[str]], with_spaces: bool) -> set[str]:
    """The forms more than half of the things' target names share; without spaces, the
    longest piece (2-4 characters) more than half of them have (ドル of 米ドル and カナダドル)."""
    if len(names) == 1:
        return names[0]
    counts: dict[str, int] = {}
    for forms in names:
        pieces = forms if with_spaces else {
            f[k:k + size] for f in forms for size in range(2, 5) for k in range(len(f) - size + 1)}
        for piece in pieces:
            counts[piece] = counts.get(piece, 0) + 1
    common = {f for f, c in counts.items() if 2 * c > len(names)}
    if with_spaces or not common:
        return common
    longest = max(len(f) for f in common)
    return {f for f in common if len(f) == longest}


def term_found(word: str, lang: str, target_lang: str, folded: tuple[str, ...],
               unspaced: bool) -> bool:
    """``word`` (of a ``lang`` source) names a month, weekday, unit or currency that the
    translation (its case-folded words, or its whole text when written without spaces)
    writes as CLDR does."""
    found = term_table(lang, target_lang).get(word.casefold())
    if not found:
        return False
    if unspaced:
        return any(f in folded[0] for f in found)
    for form in found:
        if _HANGUL.match(form):  # a syllable a block: the form, with a particle after it
            need = len(form)
        elif len(form) < _START:
            if form in folded:
                return True
            continue
        else:
            need = max(_START, math.ceil(_SHARE * len(form)))
        if any(len(w) >= need and w[:need] == form[:need] for w in folded):
            return True
    return False
