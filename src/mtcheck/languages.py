"""The language registry: one place for every per-language fact.

Three layers, later ones winning:

1. defaults derived from data for any ISO 639-1/639-3 code or BCP 47 tag:
   name and native name from ``langcodes`` (CLDR data via ``language_data``),
   the usual script from likely-subtags data, direction from CLDR through
   Babel (or the script), and the BLEU tokenizer and spacing from the script;
2. ``data/languages.toml``, the languages mtcheck was tuned on (model codes,
   tokenizers such as ko-mecab that data cannot tell);
3. a config's ``[languages.CODE]`` tables (:func:`use_config_languages`), to
   add a language data does not know or to override a fact.

A :class:`Language`'s ``code`` is the canonical form of the tag the user gave
(``de-de`` → ``de-DE``, ``FR`` → ``fr``, ``swe`` → ``sv``): it names files and
keys results. ``base`` is the language subtag (``de``), the key of the shipped
per-language data (segmentation rules, inflection).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from mtcheck.errors import ConfigError, LanguageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Language:
    """Metadata of one language, keyed by the code users type."""

    code: str
    name: str
    iso639_3: str
    native: str
    script: str
    direction: str
    bleu_tokenizer: str
    spaces: bool
    nllb: str
    m2m100: str
    # Where the facts came from: "registry" (data/languages.toml), "derived" (langcodes and
    # CLDR defaults) or "config" (a [languages] table).
    origin: str = "registry"

    @property
    def is_cjk(self) -> bool:
        return self.script in {"Hans", "Hant", "Jpan", "Hang", "Hani", "Kore"}

    @property
    def base(self) -> str:
        """The language subtag, lower case: the key of per-language data files."""
        return self.code.split("-", 1)[0].lower()


# Facts a config may set in a [languages.CODE] table, with their types.
OVERRIDABLE: dict[str, type] = {
    "name": str, "native": str, "iso639_3": str, "script": str, "direction": str,
    "bleu_tokenizer": str, "spaces": bool, "nllb": str, "m2m100": str,
}
# sacrebleu tokenizers a language may name.
BLEU_TOKENIZERS = ("13a", "intl", "char", "zh", "ja-mecab", "ko-mecab", "none")

# Chinese characters (simplified, traditional, unspecified): foreign names are rendered by
# meaning or by sound with many choices, and words are not delimited.
HAN_SCRIPTS = frozenset({"Hans", "Hant", "Hani"})
# Scripts written without spaces between words, and the BLEU tokenizer by script. Scripts
# not listed use "intl" (Unicode-aware punctuation splitting) unless listed as "13a".
_NO_SPACES = frozenset({"Hans", "Hant", "Hani", "Jpan", "Thai", "Laoo", "Khmr", "Mymr", "Tibt"})
_TOKENIZER_BY_SCRIPT = {
    "Hans": "zh", "Hant": "zh", "Hani": "zh", "Jpan": "ja-mecab", "Kore": "ko-mecab",
    "Hang": "ko-mecab", "Thai": "char", "Laoo": "char", "Khmr": "char", "Mymr": "char",
    "Tibt": "char", "Latn": "13a", "Cyrl": "13a", "Grek": "13a", "Arab": "13a", "Hebr": "13a",
    "Armn": "13a", "Geor": "13a",
}
_RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Mand", "Samr",
                          "Rohg"})
# Codes that name no language.
_NOT_LANGUAGES = frozenset({"und", "zxx", "mul", "mis"})

_config_languages: dict[str, dict[str, Any]] = {}


@cache
def registry() -> dict[str, Language]:
    """The languages mtcheck ships facts for, by code, in the registry file's order."""
    text = resources.files("mtcheck").joinpath("data/languages.toml").read_text("utf-8")
    table = tomllib.loads(text)
    return {code: Language(code=code, **facts) for code, facts in table.items()}


def canonical_tag(code: str) -> str:
    """The canonical form of a language tag (case, ISO 639-3 → 639-1, deprecated codes).

    Raises :class:`LanguageError` for text that is not a language tag at all.
    """
    import langcodes

    cleaned = code.strip().replace("_", "-")
    if not cleaned:
        raise LanguageError(f"empty language code {code!r}")
    try:
        return str(langcodes.standardize_tag(cleaned))
    except (ValueError, LookupError):
        raise LanguageError(_unknown_message(code)) from None


def get_language(code: str) -> Language:
    """Look up a language by any ISO 639 code or BCP 47 tag; an unknown one is a LanguageError."""
    if not isinstance(code, str):
        raise LanguageError(f"language code must be a string, not {code!r}")
    return _lookup(code.strip())


def script_of(code: str, unknown: str = "") -> str:
    """The ISO 15924 script a language is written in; ``unknown`` for a code the registry
    does not know (the callers say what an unknown language is taken to be)."""
    try:
        return get_language(code).script
    except LanguageError:
        return unknown


@cache
def _lookup(code: str) -> Language:
    configured = {k.lower(): v for k, v in _config_languages.items()}
    if code.lower() in configured and not _is_tag(code):
        return _apply(_placeholder(code), configured[code.lower()])
    if code in registry() and code not in configured:
        # A registry code is its own canonical tag, with no explicit script (tested): no
        # need to import langcodes (0.1 s) to say so.
        return registry()[code]
    tag = canonical_tag(code)
    base_key = tag.split("-", 1)[0].lower()
    language = registry().get(base_key)
    if language is None:
        language = _derived(base_key)
    if language is None:
        if base_key not in configured:
            raise LanguageError(_unknown_message(code))
        language = _placeholder(base_key)
    language = dataclasses.replace(language, code=tag)
    script = _explicit_script(tag)
    if script and script != language.script:
        language = _with_script(language, script)
    for key in (base_key, tag.lower()):
        if key in configured:
            language = _apply(language, configured[key])
    return language


def _is_tag(code: str) -> bool:
    try:
        canonical_tag(code)
    except LanguageError:
        return False
    return True


def _placeholder(code: str) -> Language:
    return Language(code=code, name=code, iso639_3="", native=code, script="", direction="ltr",
                    bleu_tokenizer="13a", spaces=True, nllb="", m2m100="", origin="config")


def _apply(language: Language, facts: Mapping[str, Any]) -> Language:
    changed = dataclasses.replace(language, **dict(facts), origin="config")
    if "script" in facts and "bleu_tokenizer" not in facts:
        changed = dataclasses.replace(changed, bleu_tokenizer=_tokenizer(changed.script))
    if "script" in facts and "spaces" not in facts:
        changed = dataclasses.replace(changed, spaces=changed.script not in _NO_SPACES)
    return changed


def _explicit_script(tag: str) -> str:
    import langcodes

    parsed = langcodes.Language.get(tag)
    if parsed.script:
        return str(parsed.script)
    if parsed.territory:
        likely = parsed.maximize().script
        base_script = langcodes.Language.get(parsed.language or "").maximize().script
        if likely and likely != base_script:
            return str(likely)
    return ""


def _with_script(language: Language, script: str) -> Language:
    return dataclasses.replace(
        language, script=script, bleu_tokenizer=_tokenizer(script),
        spaces=script not in _NO_SPACES,
        direction="rtl" if script in _RTL_SCRIPTS else "ltr",
        nllb=f"{language.nllb.split('_')[0]}_{script}" if language.nllb else "",
    )


def _tokenizer(script: str) -> str:
    return _TOKENIZER_BY_SCRIPT.get(script, "intl")


@cache
def _derived(base: str) -> Language | None:
    """Facts for a language outside the shipped registry, from langcodes and CLDR data."""
    import langcodes

    if base in _NOT_LANGUAGES or base.startswith("q"):  # qaa-qtz: private use
        return None
    parsed = langcodes.Language.get(base)
    if not parsed.is_valid() or not parsed.language:
        return None
    try:
        name = parsed.display_name("en")
        iso3 = parsed.to_alpha3()
    except LookupError:
        return None
    if name.lower().startswith("unknown language"):
        return None
    script = str(parsed.maximize().script or "")
    try:
        native = str(parsed.autonym())
    except LookupError:
        native = name
    if native.lower().startswith("unknown language"):
        native = name
    return Language(
        code=base, name=name, iso639_3=iso3, native=native[:1].upper() + native[1:],
        script=script, direction=_direction(base, script), bleu_tokenizer=_tokenizer(script),
        spaces=script not in _NO_SPACES, nllb="", m2m100="", origin="derived",
    )


def _direction(base: str, script: str) -> str:
    """Writing direction from CLDR (Babel) where it has the locale, else from the script."""
    try:
        import babel

        return "rtl" if babel.Locale.parse(base).text_direction == "rtl" else "ltr"
    except (ValueError, LookupError, ImportError, babel.UnknownLocaleError):
        return "rtl" if script in _RTL_SCRIPTS else "ltr"


def _unknown_message(code: str) -> str:
    known = ", ".join(sorted(registry()))
    return (f"unknown language code {code!r}: not an ISO 639 code or BCP 47 tag "
            f"(known codes with tuned data: {known}; add others in a config's [languages] table)")


def validate_language_table(table: Mapping[str, Any], where: str) -> dict[str, dict[str, Any]]:
    """Check a config's ``[languages]`` table: each entry names known facts with the right types."""
    checked: dict[str, dict[str, Any]] = {}
    for code, facts in table.items():
        key = f"languages.{code}"
        if not isinstance(facts, Mapping):
            raise ConfigError(where, f"[{key}] must be a table")
        if not code.strip() or any(ch.isspace() for ch in code):
            raise ConfigError(where, f"[{key}]: a language code cannot be empty or hold spaces")
        entry: dict[str, Any] = {}
        for name, value in facts.items():
            kind = OVERRIDABLE.get(name)
            if kind is None:
                raise ConfigError(where, f"unknown key '{key}.{name}' (known keys here: "
                                         f"{', '.join(sorted(OVERRIDABLE))})")
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                raise ConfigError(where, f"'{key}.{name}' must be a {kind.__name__}, "
                                         f"not {value!r}")
            entry[name] = value
        if entry.get("direction", "ltr") not in ("ltr", "rtl"):
            raise ConfigError(where, f"'{key}.direction' must be \"ltr\" or \"rtl\"")
        if entry.get("bleu_tokenizer", "13a") not in BLEU_TOKENIZERS:
            raise ConfigError(where, f"'{key}.bleu_tokenizer' must be one of "
                                     f"{', '.join(BLEU_TOKENIZERS)}")
        checked[code.strip()] = entry
    return checked


def use_config_languages(table: Mapping[str, Mapping[str, Any]]) -> None:
    """Make a config's ``[languages]`` entries known to this process (replacing earlier ones)."""
    global _config_languages
    new = {code: dict(facts) for code, facts in table.items()}
    if new == _config_languages:
        return
    _config_languages = new
    _lookup.cache_clear()

