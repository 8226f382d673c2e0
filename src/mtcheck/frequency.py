"""Word frequencies (wordfreq's Zipf scale), shared by the checks that ask "is this word common?".

Only languages wordfreq has data for are looked up: wordfreq would otherwise answer for its
"nearest match" (Italian for Latin, Hindi for Sanskrit) and log a warning on every run, and
another language's frequencies are no evidence. A language without data, or without the
tokenizer its lookups need (jieba, MeCab), makes every word rare (0.0).

wordfreq decompresses a whole language's table (0.1-0.2 s each) before its first answer, and
a run asks a few hundred words in a dozen languages. The answers are kept on disk between
runs (one small file per language in the user's cache folder, keyed by wordfreq's version),
so a later run only opens a table for a word no run has asked before. The answer is the same
either way: the memo holds wordfreq's own values.
"""

from __future__ import annotations

import atexit
import importlib.util
import json
from functools import cache, lru_cache
from pathlib import Path
from typing import BinaryIO

from mtcheck.cachedir import kept_json, note_use, user_cache_dir, write_atomic

# Words kept per language file: enough for a site's names and content words, small to read.
_MEMO_LIMIT = 200_000


@cache
def _known_languages() -> frozenset[str]:
    """Languages wordfreq has data for; kept with the memo, since importing wordfreq to ask
    costs 0.1 s of a run that may need none of its tables."""
    from importlib.metadata import version

    def read() -> list[str]:
        from wordfreq import available_languages

        return sorted(available_languages("best"))

    path = user_cache_dir() / "wordfreq" / f"languages-{version('wordfreq')}.json"
    return frozenset(kept_json(path, read))


def base_language(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


class _DiskMemo:
    """Zipf values already looked up, per language, read once and written back at exit."""

    def __init__(self) -> None:
        self._values: dict[str, dict[str, float]] = {}
        self._changed: set[str] = set()
        # language -> the module its tokenizer needs and that was not installed
        self._lacking: dict[str, str] | None = None
        self._lacking_changed = False

    @staticmethod
    def path(lang: str) -> Path:
        from importlib.metadata import version

        return user_cache_dir() / "wordfreq" / f"zipf-{version('wordfreq')}-{lang}.json"

    def values(self, lang: str) -> dict[str, float]:
        if lang not in self._values:
            try:
                loaded = json.loads(self.path(lang).read_text("utf-8"))
                valid = isinstance(loaded, dict) and all(
                    isinstance(k, str) and isinstance(v, float) for k, v in loaded.items())
                note_use(self.path(lang))
            except (OSError, ValueError):
                loaded, valid = {}, False
            self._values[lang] = loaded if valid else {}
        return self._values[lang]

    @staticmethod
    def _lacking_path() -> Path:
        from importlib.metadata import version

        return user_cache_dir() / "wordfreq" / f"tokenizers-missing-{version('wordfreq')}.json"

    def lacks_tokenizer(self, lang: str) -> bool:
        """True when an earlier run found ``lang``'s tokenizer missing and it still is (a
        look for the module, not an import: installing it takes effect at once)."""
        if self._lacking is None:
            try:
                loaded = json.loads(self._lacking_path().read_text("utf-8"))
            except (OSError, ValueError):
                loaded = {}
            self._lacking = ({k: v for k, v in loaded.items()
                              if isinstance(k, str) and isinstance(v, str)}
                             if isinstance(loaded, dict) else {})
        module = self._lacking.get(lang)
        if module is None:
            return False
        try:
            return importlib.util.find_spec(module) is None
        except (ImportError, ValueError):
            return True

    def mark_lacking(self, lang: str, module: str | None) -> None:
        if module and self.lacks_tokenizer(lang) is False and self._lacking is not None:
            self._lacking[lang] = module
            self._lacking_changed = True

    def add(self, lang: str, word: str, value: float) -> None:
        values = self.values(lang)
        if len(values) < _MEMO_LIMIT:
            values[word] = value
            self._changed.add(lang)

    def save(self) -> None:
        for lang in sorted(self._changed):
            data = json.dumps(self._values[lang], ensure_ascii=False, sort_keys=True).encode()

            def write(out: BinaryIO, data: bytes = data) -> None:
                out.write(data)

            write_atomic(self.path(lang), write)
        self._changed.clear()
        if self._lacking_changed and self._lacking is not None:
            lacking = json.dumps(self._lacking, sort_keys=True).encode()
            write_atomic(self._lacking_path(), lambda out: out.write(lacking))
            self._lacking_changed = False


_memo = _DiskMemo()
atexit.register(_memo.save)


def has_frequencies(lang: str) -> bool:
    """Whether wordfreq has data for ``lang``: without it every word reads as rare (0)."""
    return base_language(lang) in _known_languages()


@lru_cache(maxsize=262144)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` in ``lang``: about 7 for "the", 0 for unseen words."""
    base = base_language(lang)
    if base not in _known_languages():
        return 0.0
    remembered = _memo.values(base).get(word)
    if remembered is not None:
        return remembered
    if _memo.lacks_tokenizer(base):
        return 0.0
    from wordfreq import zipf_frequency

    try:
        value = float(zipf_frequency(word, base))
    except ImportError as missing:  # the language's tokenizer (jieba for Chinese)
        _memo.mark_lacking(base, missing.name)
        return 0.0
    except LookupError:
        return 0.0
    _memo.add(base, word, value)
    return value
