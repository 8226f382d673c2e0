"""The language registry: one place for every per-language fact.

Facts live in ``data/languages.toml`` so that adding a language is a data change.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources

from mtcheck.errors import LanguageError

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

    @property
    def is_cjk(self) -> bool:
        return self.script in {"Hans", "Hant", "Jpan", "Hang"}


@cache
def registry() -> dict[str, Language]:
    """All known languages by code, in the registry file's order."""
    text = resources.files("mtcheck").joinpath("data/languages.toml").read_text("utf-8")
    table = tomllib.loads(text)
    return {code: Language(code=code, **facts) for code, facts in table.items()}


def get_language(code: str) -> Language:
    """Look up a language; an unknown code names the valid ones."""
    languages = registry()
    normalised = code.strip().lower().replace("_", "-")
    if normalised in languages:
        return languages[normalised]
    base = normalised.split("-", 1)[0]
    if base in languages:
        return languages[base]
    known = ", ".join(sorted(languages))
    raise LanguageError(f"unknown language code {code!r}; known codes: {known}")
