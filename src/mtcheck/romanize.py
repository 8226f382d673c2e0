"""Romanisation of names and text so that different scripts can be compared.

``romanize`` turns text of any script into Latin ASCII; ``phonetic_key`` then
folds the spelling differences that transliteration conventions introduce
(sh/sch/ch, kh/h, y/i, doubled letters), so that "Pezeshkian", "Пезешкиан",
"Pezechkian" and "Πεζεσκιάν" end up close enough for a fuzzy match.

Which romaniser serves which script was measured on real names (see docs/names.md):
uroman is best for Greek, Korean, Japanese kana and Indic scripts; Unidecode is as good
or better for Cyrillic and keeps a space between Chinese syllables, which the aligner's
word n-grams rely on. uroman parses its tables in ~2.4 s, a fixed cost every process
would pay; so it is created once, lazily, only for text in a uroman script, and its parsed
tables are kept in the user's cache folder (keyed by the uroman version), from which they
are restored in ~0.1 s. A missing, stale or corrupt cache file is rebuilt, never trusted.
"""

from __future__ import annotations

import gc
import pickle
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from unidecode import unidecode

from mtcheck.cachedir import note_use, user_cache_dir, write_atomic
from mtcheck.errors import LanguageError
from mtcheck.languages import get_language

# ISO 15924 script codes romanised with uroman; every other script goes through Unidecode.
_UROMAN_SCRIPTS = frozenset({"Grek", "Hang", "Jpan", "Kore", "Deva", "Beng", "Arab", "Hebr",
                             "Thai", "Geor", "Armn", "Taml", "Telu", "Knda", "Mlym", "Gujr",
                             "Guru", "Ethi", "Khmr", "Mymr", "Sinh"})

# Greek digraphs that both romanisers render letter by letter ("gk", "mp", "nt"); names
# borrowed into Greek use them for g, b and d ("Σοϊγκού" = Shoigu).
_GREEK_DIGRAPHS = (("γκ", "g"), ("γγ", "ng"), ("μπ", "b"), ("ντ", "d"), ("τσ", "ts"),
                   ("τζ", "dz"), ("ου", "u"), ("ού", "u"), ("οϋ", "oi"), ("όυ", "u"),
                   # χ is the h/kh of foreign names (Χαμάς = Hamas), not "ch".
                   ("χ", "h"))

_GREEK_DIGRAPH = re.compile("|".join(d for d, _ in _GREEK_DIGRAPHS), re.IGNORECASE)
_GREEK_REPLACEMENT = dict(_GREEK_DIGRAPHS)


def _greek_digraph(match: re.Match[str]) -> str:
    found = match.group(0)
    replacement = _GREEK_REPLACEMENT[found.casefold()]
    # Keep the capital of a name ("Ντ" -> "D").
    return replacement.capitalize() if found[0].isupper() else replacement


_uroman_lock = threading.Lock()
_uroman: Any = None
# Bump when the layout of the cached state changes.
_CACHE_FORMAT = 1


def _uroman_instance() -> Any:
    global _uroman
    with _uroman_lock:
        if _uroman is None:
            _uroman = load_uroman(uroman_cache_path())
            _compile_patterns_once()
        return _uroman


class _CompiledPatterns:
    """The ``regex`` module as uroman sees it, with its patterns compiled once.

    uroman calls ``regex.match(pattern, text)`` and ``regex.search`` with pattern strings
    some 40,000 times for a 14-language document; the module looks each pattern up in
    its own cache at every call, which took a third of uroman's time. The same compiled
    patterns are used, so the romanisation is the same.
    """

    # uroman's patterns are literals, and a few built from its vowel tables: a bound
    # that is never reached keeps a pathological caller from growing this without end.
    _LIMIT = 4096

    def __init__(self, module: Any) -> None:
        self._module = module
        self._compiled: dict[tuple[Any, int], Any] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def _pattern(self, pattern: Any, flags: int) -> Any:
        key = (pattern, flags)
        found = self._compiled.get(key)
        if found is None:
            if len(self._compiled) >= self._LIMIT:
                self._compiled.clear()
            found = self._compiled[key] = self._module.compile(pattern, flags)
        return found

    def match(self, pattern: Any, string: str, flags: int = 0, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return self._module.match(pattern, string, flags, *args, **kwargs)
        return self._pattern(pattern, flags).match(string)

    def search(self, pattern: Any, string: str, flags: int = 0, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return self._module.search(pattern, string, flags, *args, **kwargs)
        return self._pattern(pattern, flags).search(string)


def _compile_patterns_once() -> None:
    import uroman.uroman as implementation

    if not isinstance(implementation.regex, _CompiledPatterns):
        implementation.regex = _CompiledPatterns(implementation.regex)


def uroman_cache_path() -> Path:
    """Where uroman's parsed tables are kept: the user cache folder, named by uroman's version."""
    from importlib.metadata import version

    return user_cache_dir() / f"uroman-{version('uroman')}-f{_CACHE_FORMAT}.pickle"


def _none() -> None:
    """uroman's numeral table defaults to None; a named function so the table pickles."""
    return None


def load_uroman(path: Path) -> Any:
    """A ready ``uroman.Uroman``: restored from ``path`` when it holds valid tables, else built.

    A freshly built instance is written to ``path`` atomically, so parallel runs never
    read a half-written file; when the folder cannot be written it is simply not cached.
    """
    import uroman

    restored = _restore(path, uroman.Uroman)
    if restored is not None:
        note_use(path)
        return restored
    instance = uroman.Uroman()
    _store(path, instance)
    return instance


def _restore(path: Path, cls: Any) -> Any:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    # Unpickling allocates millions of small objects; the cyclic collector would only
    # slow that down (uroman's own loader does the same).
    collecting = gc.isenabled()
    gc.disable()
    try:
        state = pickle.loads(data)
    except Exception:  # a truncated or foreign file can fail in many ways; all mean rebuild
        return None
    finally:
        if collecting:
            gc.freeze()
            gc.enable()
    if not isinstance(state, dict) or not isinstance(state.get("dict_num"), dict):
        return None
    state["dict_num"] = defaultdict(_none, state["dict_num"])
    instance = cls.__new__(cls)
    instance.__dict__.update(state)
    return instance


def _store(path: Path, instance: Any) -> None:
    state = dict(vars(instance))
    # The only attribute that does not pickle: a defaultdict whose factory is a lambda.
    state["dict_num"] = dict(state["dict_num"])
    write_atomic(path, lambda out: pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL))


@lru_cache(maxsize=256)
def _script_of(lang: str) -> tuple[str, str]:
    """(script code, uroman language code) of ``lang``; unknown codes romanise generically."""
    try:
        language = get_language(lang)
    except LanguageError:
        return ("", "")
    return (language.script, language.iso639_3)


@lru_cache(maxsize=65536)
def romanize(text: str, lang: str) -> str:
    """Latin-script, ASCII rendering of ``text`` written in language ``lang``.

    Case is kept where the script has case; text already in Latin script only loses
    its diacritics.
    """
    script, uroman_code = _script_of(lang)
    if script == "Grek":
        text = _GREEK_DIGRAPH.sub(_greek_digraph, text)
    if script in _UROMAN_SCRIPTS and _has_non_latin(text):
        romanised = _uroman_instance().romanize_string(text, lcode=uroman_code or None)
        return str(unidecode(romanised))
    return str(unidecode(text))


def _has_non_latin(text: str) -> bool:
    return any(ord(ch) > 0x24F and unicodedata.category(ch)[0] in "LM" for ch in text)


# Applied in order, after lower-casing and removing everything but letters.
_KEY_RULES: tuple[tuple[str, str], ...] = (
    ("sch", "s"), ("tch", "c"), ("zh", "z"), ("sh", "s"), ("ch", "s"), ("kh", "h"),
    ("gh", "g"), ("gk", "g"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("mp", "b"),
    ("ou", "u"), ("ts", "c"), ("q", "k"), ("w", "v"), ("x", "s"), ("dz", "z"), ("ij", "i"),
    ("y", "i"),
)
# After a vowel or at the start, "j" is mostly the z/dzh of Korean, Indic and Japanese
# romanisations (가자 "gaja", गाजा "gaajaa" = Gaza); "ij" (Finnish Pezeshkijan) is an "i".
_J = re.compile(r"j")
_REPEATS = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


@lru_cache(maxsize=65536)
def phonetic_key(text: str) -> str:
    """A key that ignores transliteration conventions: Pezeshkian, Pezechkiane -> "pezeskian(e)".

    ``text`` should already be romanised; anything that is not an ASCII letter is dropped.
    """
    key = "".join(ch for ch in unidecode(text).lower() if "a" <= ch <= "z")
    for old, new in _KEY_RULES:
        key = key.replace(old, new)
    key = _J.sub("z", key)
    key = _FINAL_H.sub("", key)
    return _REPEATS.sub(r"\1", key)


def sound_key(text: str, lang: str) -> str:
    """The phonetic key of ``text`` romanised from ``lang``: what two words written in
    different scripts or conventions are compared by."""
    return phonetic_key(romanize(text, lang))


def preload(languages: Iterable[str]) -> bool:
    """Load uroman now when any of ``languages`` is written in one of its scripts.

    A process that will serve many documents (a collection's worker) pays the cost
    before the first document; returns whether uroman was loaded.
    """
    if any(_script_of(lang)[0] in _UROMAN_SCRIPTS for lang in languages):
        _uroman_instance()
        return True
    return False
