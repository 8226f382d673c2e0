"""Reduce inflected name forms to their possible stems, driven by per-language data.

Rules live in ``data/inflection/{lang}.toml`` (suffixes and particles, elided articles,
compound heads, adjective endings) so that supporting a language is a data change.
Reduction is deliberately generous: a surface maps to *every* stem its endings allow,
and two surfaces are one spelling when their stem sets meet. That keeps Пезешкиан and
Пезешкианом together while Пезешкиан and Пезешкиян, which differ inside the stem, stay apart.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from mtcheck.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_KEYS = frozenset({"suffixes", "particles", "elision_prefixes", "adjective_suffixes",
                   "compound_heads", "min_stem", "number_prefixes", "number_words",
                   "abbreviates_to_initial", "function_characters", "scale_words",
                   "capitalises_nouns", "demonym_suffixes", "reference_labels",
                   "fraction_words", "exclusive_endings", "readings", "decade_words",
                   "percent_counters", "transliteration_characters",
                   "transliteration_readings",
                   "joins_compounds", "plural_suffixes", "nominative_endings"})


@dataclass(frozen=True)
class InflectionRules:
    """How names inflect in one language; every list may be empty."""

    lang: str
    suffixes: tuple[str, ...] = ()  # case endings and attached particles, case-folded
    elision_prefixes: tuple[str, ...] = ()  # "l'", "dell'": stripped from the front
    adjective_suffixes: tuple[str, ...] = ()  # "-ский", "-lainen": derived words, not the name
    # Endings of nationality nouns and adjectives made from a place name (Norweg|erin from
    # Norwegen, Finland|ais from Finlande): such a word shows the place, it is no spelling.
    demonym_suffixes: tuple[str, ...] = ()
    compound_heads: tuple[str, ...] = ()  # "देश": the name is the part before it
    min_stem: int = 2  # letters a stem keeps at least
    # Numerals written as words: stem -> value ("quint" -> 5 for quinto, quintus).
    number_prefixes: tuple[tuple[str, int], ...] = ()
    # Numerals matched as whole words only, where a prefix would catch ordinary words
    # (German "erste" but not "erstellen"): word -> value.
    number_words: tuple[tuple[str, int], ...] = ()
    # Fractions written as words: word -> value ("Hälfte" = 0.5, also read as 50 %).
    fraction_words: tuple[tuple[str, str], ...] = ()
    # Words for a decade of a century ("anni Settanta", "the seventies", "семидесятых"):
    # word -> the decade's number (70); read as that decade's first year in either century.
    decade_words: tuple[tuple[str, int], ...] = ()
    # Counters of parts of a whole written after a number, as per cent, in the order they
    # follow one another (Japanese 9割 = 90 %, 3割5分 = 35 %): the first opens such a
    # number, the others count only after it (分 alone is a minute).
    percent_counters: tuple[tuple[str, str], ...] = ()
    # Words that multiply the number before them: "4.5 billion", "45億", "4,5 млрд".
    # Longest first, so that "миллиарда" is tried before "миллиард".
    scale_words: tuple[tuple[str, int], ...] = ()
    # Names of countries are shortened to their first character (Chinese 俄 for 俄罗斯).
    abbreviates_to_initial: bool = False
    # Characters that never occur in a transliterated name (Chinese 的, 在): a substring with
    # one is not learned as a rendering.
    function_characters: frozenset[str] = frozenset()
    # Every noun is capitalised (German): a capital letter says nothing about a name.
    capitalises_nouns: bool = False
    # Names join other words into one (German Ostjava, Dutch Oost-Java written Oostjava,
    # Finnish Itä-Jaava): a name written as the head or tail of a compound is there.
    joins_compounds: bool = False
    # Endings that make a noun plural (French les Innus, Spanish los mapuches): a name
    # written so is a people's, which other languages leave invariable (los innu, инну).
    plural_suffixes: tuple[str, ...] = ()
    # Endings of a name's dictionary form that its case endings replace (Russian Уругва|й,
    # Уругва|я, Уругва|е): two written forms of one name meet at the stem without it. Only
    # for comparing two forms a translation writes, never for finding a name in a text,
    # where cutting -й from every adjective (Великой) would match words that are no name.
    nominative_endings: tuple[str, ...] = ()
    # Pairs of endings that never alternate in one word's forms (Russian hard -а, soft -я):
    # two surfaces whose stems meet only by cutting one of a pair from each are two
    # spellings (Эчеверрия / Эчеверриа), not two cases of one.
    exclusive_endings: frozenset[frozenset[str]] = frozenset()
    # How the language's spelling sounds, as replacements in order on the lower-case form
    # (German z = ts, ei = ai): a name of a text in this language is matched by that
    # reading too (Hainzl = Хайнцль), beside the English one.
    readings: tuple[tuple[str, str], ...] = ()
    # The characters Chinese writes foreign names with (the transliteration table's): a
    # Han substring with another character (岸 of 海岸 "coast", 元 of 万欧元 "ten thousand
    # euros") renders no name by sound. Empty: no such test.
    transliteration_characters: frozenset[str] = frozenset()
    # The reading a character of that table has in a foreign name where the general
    # romaniser reads it otherwise (卡 "ka", not "qia"). Empty: the romaniser's reading.
    transliteration_readings: tuple[tuple[str, str], ...] = ()
    # Words and abbreviations that label a number as a reference rather than a quantity
    # ("S. 81", "Nr. 292", "p. 80", "Artikel 5"), case-folded, full stop as written.
    reference_labels: tuple[str, ...] = ()


def fold(text: str) -> str:
    """``text`` in NFC, case-folded: the form names are compared in."""
    return unicodedata.normalize("NFC", text).casefold()



def unaccented(text: str) -> str:
    """``text`` case-folded without its diacritics (Höhenzahl and hohenzahl compare equal)."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def rules_for(lang: str) -> InflectionRules:
    """The rules for ``lang``; a language without a data file has no inflection."""
    base = lang.lower().replace("_", "-").split("-", 1)[0]
    resource = resources.files("mtcheck").joinpath(f"data/inflection/{base}.toml")
    if not resource.is_file():
        return InflectionRules(lang=base)
    where = f"data/inflection/{base}.toml"
    table = tomllib.loads(resource.read_text("utf-8"))
    unknown = set(table) - _KEYS
    if unknown:
        raise ConfigError(where, f"unknown keys {sorted(unknown)}; known: {sorted(_KEYS)}")
    suffixes = [*table.get("suffixes", []), *table.get("particles", [])]
    return InflectionRules(
        lang=base,
        suffixes=tuple(sorted({fold(s) for s in suffixes}, key=lambda s: (-len(s), s))),
        elision_prefixes=tuple(sorted({fold(p) for p in table.get("elision_prefixes", [])},
                                      key=lambda p: (-len(p), p))),
        adjective_suffixes=tuple(fold(s) for s in table.get("adjective_suffixes", [])),
        demonym_suffixes=tuple(sorted({fold(s) for s in table.get("demonym_suffixes", [])},
                                      key=lambda s: (-len(s), s))),
        compound_heads=tuple(fold(h) for h in table.get("compound_heads", [])),
        min_stem=int(table.get("min_stem", 2)),
        number_prefixes=tuple(sorted(((fold(k), int(v)) for k, v in
                                      table.get("number_prefixes", {}).items()),
                                     key=lambda item: (-len(item[0]), item[0]))),
        number_words=tuple(sorted((fold(k), int(v)) for k, v in
                                  table.get("number_words", {}).items())),
        fraction_words=tuple(sorted((fold(k), str(v)) for k, v in
                                    table.get("fraction_words", {}).items())),
        decade_words=tuple(sorted((fold(k), int(v)) for k, v in
                                  table.get("decade_words", {}).items())),
        percent_counters=tuple((str(k), str(v)) for k, v in
                               table.get("percent_counters", {}).items()),
        scale_words=tuple(sorted(((fold(k), int(v)) for k, v in
                                  table.get("scale_words", {}).items()),
                                 key=lambda item: (-len(item[0]), item[0]))),
        abbreviates_to_initial=bool(table.get("abbreviates_to_initial", False)),
        function_characters=frozenset(table.get("function_characters", [])),
        capitalises_nouns=bool(table.get("capitalises_nouns", False)),
        joins_compounds=bool(table.get("joins_compounds", False)),
        plural_suffixes=tuple(sorted({fold(s) for s in table.get("plural_suffixes", [])},
                                     key=lambda s: (-len(s), s))),
        nominative_endings=tuple(fold(e) for e in table.get("nominative_endings", [])),
        exclusive_endings=frozenset(frozenset(fold(e) for e in pair)
                                    for pair in table.get("exclusive_endings", [])),
        readings=tuple((fold(old), fold(new)) for old, new in table.get("readings", [])),
        reference_labels=tuple(sorted({fold(w) for w in table.get("reference_labels", [])},
                                      key=lambda w: (-len(w), w))),
        transliteration_characters=frozenset("".join(
            table.get("transliteration_characters", []))),
        transliteration_readings=tuple(sorted(
            (str(k), str(v)) for k, v in table.get("transliteration_readings", {}).items())),
    )


def elision_length(token: str, rules: InflectionRules) -> int:
    """Length of an elided article or preposition at the front of ``token`` (0 if none)."""
    folded = fold(token)
    for prefix in rules.elision_prefixes:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            return len(prefix)
    return 0


def _letters(text: str) -> int:
    # Combining vowel signs (Devanagari) do not count as letters of the stem. A Hangul
    # syllable block writes two or three letters (jamo: 켑 is ㅋ, ㅔ, ㅂ), and counts so: a
    # one-syllable name keeps its stem when a particle follows it (켑에 "in Kep").
    return sum(len(unicodedata.normalize("NFD", ch)) if _HANGUL_FIRST <= ch <= _HANGUL_LAST
               else 1 for ch in text if not unicodedata.category(ch).startswith("M"))


_HANGUL_FIRST, _HANGUL_LAST = "\uac00", "\ud7a3"


@cache
def _stems(folded: str, rules: InflectionRules) -> tuple[str, ...]:
    stems = [folded]
    for head in rules.compound_heads:
        at = folded.find(head, 1)
        # The head ends the word, or only an ending follows it (아삼주의, Gazastreifens):
        # a head inside a name (the 시 of 페제시키안) is no compound.
        rest = folded[at + len(head):] if at > 0 else ""
        if (at > 0 and _letters(folded[:at]) >= rules.min_stem
                and (not rest or rest in rules.suffixes)):
            stems.append(folded[:at])
    for word in list(stems):
        for suffix in rules.suffixes:
            if word.endswith(suffix) and _letters(word[: -len(suffix)]) >= rules.min_stem:
                stems.append(word[: -len(suffix)])
    return tuple(dict.fromkeys(stems))


def candidate_stems(surface: str, rules: InflectionRules) -> tuple[str, ...]:
    """The case-folded surface followed by every stem its endings allow, most specific first."""
    return _stems(fold(surface), rules)


def read_as(form: str, rules: InflectionRules) -> str:
    """``form`` as the language of ``rules`` reads it (see ``InflectionRules.readings``);
    unchanged for a language without readings."""
    text = fold(form)
    for old, new in rules.readings:
        text = text.replace(old, new)
    return text


def same_spelling(first: str, second: str, rules: InflectionRules) -> bool:
    """True when two surfaces are inflected forms of one spelling: their stems meet, other
    than by cutting two endings that never alternate in one word (see
    ``InflectionRules.exclusive_endings``)."""
    a, b = fold(first), fold(second)
    shared = set(candidate_stems(a, rules)) & set(candidate_stems(b, rules))
    if not rules.exclusive_endings:
        return bool(shared)
    return any(frozenset((a[len(stem):], b[len(stem):])) not in rules.exclusive_endings
               or not a.startswith(stem) or not b.startswith(stem) for stem in shared)


def is_derived_adjective(surface: str, rules: InflectionRules) -> bool:
    """True for adjectives derived from a name (российский, iranilainen): not renderings."""
    folded = fold(surface)
    return any(folded.endswith(s) and _letters(folded[: -len(s)]) >= 2
               for s in rules.adjective_suffixes)
