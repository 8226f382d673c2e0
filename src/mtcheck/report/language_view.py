"""What the pages need to know about a language: its name and writing direction.

Facts come from the language registry; a code the registry does not know is
still shown (as itself, direction left to the browser) rather than failing a
report over a label.
"""

from __future__ import annotations

from dataclasses import dataclass

from mtcheck.errors import LanguageError
from mtcheck.languages import get_language


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    name: str
    native: str
    direction: str  # "ltr", "rtl" or "auto"
    script: str


def language_info(code: str) -> LanguageInfo:
    try:
        language = get_language(code)
    except LanguageError:
        return LanguageInfo(code=code, name=code, native=code, direction="auto", script="")
    return LanguageInfo(
        code=code,
        name=language.name,
        native=language.native,
        direction=language.direction,
        script=language.script,
    )
