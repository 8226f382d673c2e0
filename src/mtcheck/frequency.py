"""Word frequencies (wordfreq's Zipf scale), shared by the checks that ask "is this word common?".

Only languages wordfreq has data for are looked up: wordfreq would otherwise answer for its
"nearest match" (Italian for Latin, Hindi for Sanskrit) and log a warning on every run, and
another language's frequencies are no evidence. A language without data, or without the
tokenizer its lookups need (jieba, MeCab), makes every word rare (0.0).
"""

from __future__ import annotations

from functools import cache, lru_cache


@cache
def _known_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages("best"))


def base_language(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=262144)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` in ``lang``: about 7 for "the", 0 for unseen words."""
    base = base_language(lang)
    if base not in _known_languages():
        return 0.0
    from wordfreq import zipf_frequency

    try:
        return float(zipf_frequency(word, base))
    except (LookupError, ImportError):
        return 0.0
