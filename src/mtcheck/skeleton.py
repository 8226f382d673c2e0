"""The consonant skeleton of a romanised word: what a name keeps across scripts and exonyms.

Kana and Hangul put a vowel after nearly every consonant of a foreign name
("rindokubisuto" for Lindqvist), Chinese writes a syllable for a final consonant, and an
exonym may only re-vowel a name (Nofretete for Nefertiti): the consonants, in order, are
what such a rendering shares with the name. Three stages compare them, and each needs
letters folded together to a different degree; the foldings are data
(``mtcheck/data/skeleton.toml``, where each one's comment says which stage uses it and
why it folds what it folds), the computation is this module's alone:

1. lower-case, keep the letters a-z (a romanisation may hold spaces, hyphens, capitals);
2. apply the folding's rules in order (plain replacements: digraphs before single letters);
3. remove the vowels, y among them;
4. when the folding collapses repeats, write a consonant repeated in a row once (a vowel
   removed between two t's leaves them side by side).

Folding before removing the vowels matters only for rules of more than one letter:
"sacha" is "s-k" (ch folded to k), not "s" (the "sch" that removing vowels would leave).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

VOWELS = "aeiouy"
_VOWEL_RUN = re.compile(f"[{VOWELS}]+")
_NOT_LETTER = re.compile(r"[^a-z]+")
_REPEATS = re.compile(r"(.)\1+")


@dataclass(frozen=True)
class Folding:
    """How much of a romanised word's spelling a skeleton forgets."""

    name: str
    # Replacements applied in order, before the vowels are removed.
    rules: tuple[tuple[str, str], ...]
    # Whether a consonant repeated in a row is written once.
    collapse: bool


@lru_cache(maxsize=1)
def foldings() -> dict[str, Folding]:
    """The foldings of ``mtcheck/data/skeleton.toml``, by name."""
    text = resources.files("mtcheck").joinpath("data/skeleton.toml").read_text("utf-8")
    table = tomllib.loads(text)["foldings"]
    return {name: Folding(name, tuple((str(old), str(new)) for old, new in entry["rules"]),
                          bool(entry["collapse"]))
            for name, entry in table.items()}


def folding(name: str) -> Folding:
    """The folding called ``name``; an unknown name is a bug in the caller."""
    try:
        return foldings()[name]
    except KeyError:
        raise ValueError(f"unknown skeleton folding {name!r}; "
                         f"valid: {', '.join(sorted(foldings()))}") from None


# The omission stage asks for the skeleton of every source word it looks up (several
# hundred thousand on a long document), most of them many times.
@lru_cache(maxsize=200_000)
def consonant_skeleton(romanised: str, folding_name: str) -> str:
    """The consonants of ``romanised``, in order, folded as ``folding_name`` says (see the
    module's docstring): "rindokubisuto" and "lindkvist" are both "rndkbst" under
    "spelling"; "Burgdorf" and "burukudorufu" both "brktrb" under "sound"; "nefertiti"
    and "nofretete" both "nfrtt" under "exact"."""
    fold = folding(folding_name)
    text = _NOT_LETTER.sub("", romanised.lower())
    for old, new in fold.rules:
        text = text.replace(old, new)
    text = _VOWEL_RUN.sub("", text)
    return _REPEATS.sub(r"\1", text) if fold.collapse else text
