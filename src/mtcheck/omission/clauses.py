"""Cut a sentence into clauses at punctuation, brackets and subordinating words.

Clause boundaries are language data (``mtcheck/data/clauses/<lang>.toml`` over
``generic.toml``): the marks that end a clause, the brackets whose content is a
clause of its own, and the words that start a subordinate or relative clause.
A clause keeps the mark that ends it, so the clauses of a sentence cover it
without gaps and can be highlighted as they are.
"""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Clause:
    """A piece of a sentence: offsets into the sentence text (end-exclusive)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ClauseRules:
    marks: tuple[str, ...]
    brackets: tuple[tuple[str, str], ...]
    quotes: tuple[tuple[str, str], ...]
    conjunctions: tuple[str, ...]
    min_words: int


def _table(name: str) -> dict[str, object]:
    path = resources.files("mtcheck").joinpath(f"data/clauses/{name}.toml")
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def clause_rules(lang: str) -> ClauseRules:
    """The generic rules with the language's own words added (base language of "pt-BR")."""
    generic = _table("generic")
    own = _table(lang.split("-")[0].lower()) if lang else {}

    def strings(key: str) -> list[str]:
        return [str(x) for table in (generic, own) for x in table.get(key, [])]  # type: ignore[attr-defined]

    def pairs(key: str) -> tuple[tuple[str, str], ...]:
        return tuple((str(a), str(b)) for table in (generic, own)
                     for a, b in table.get(key, []))  # type: ignore[attr-defined]

    min_words = own.get("min_words", generic.get("min_words", 3))
    return ClauseRules(
        marks=tuple(strings("marks")),
        brackets=pairs("brackets"),
        quotes=pairs("quotes"),
        conjunctions=tuple(sorted(set(strings("conjunctions")), key=lambda w: (-len(w), w))),
        min_words=int(min_words),  # type: ignore[call-overload]
    )


@lru_cache(maxsize=64)
def _conjunction_pattern(lang: str) -> re.Pattern[str] | None:
    words = clause_rules(lang).conjunctions
    if not words:
        return None
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _mark_ends(text: str, rules: ClauseRules) -> set[int]:
    """Offsets just after each clause-ending mark (a comma between digits is no mark)."""
    ends: set[int] = set()
    for mark in rules.marks:
        start = text.find(mark)
        while start != -1:
            end = start + len(mark)
            stripped = mark.strip()
            between_digits = (stripped in {",", ":", "،"} and start > 0 and end < len(text)
                              and text[start - 1].isdigit() and text[end].isdigit())
            if not between_digits:
                # A spaced mark (" - ") ends the clause after the mark, before the space.
                ends.add(start + mark.index(stripped) + len(stripped) if stripped else end)
            start = text.find(mark, start + 1)
    return ends


@lru_cache(maxsize=100_000)
def mark_ends(text: str, lang: str) -> frozenset[int]:
    """Offsets just after each clause-ending mark of ``text`` (a comma between digits is none)."""
    return frozenset(_mark_ends(text, clause_rules(lang)))


def marks_removed(text: str, start: int, end: int, lang: str) -> int:
    """Clause marks that go with the piece ``[start, end)`` of ``text`` when it is left out: those
    inside it, and, for a piece that ends the sentence, the mark that set it off."""
    ends = mark_ends(text, lang)
    removed = sum(1 for e in ends if start < e <= end)
    if not text[end:].strip() and any(e <= start and not text[e:start].strip() for e in ends):
        removed += 1
    return removed


def _bracket_cuts(text: str, rules: ClauseRules) -> set[int]:
    """Cuts before each opening bracket and after its closing one."""
    cuts: set[int] = set()
    for opening, closing in rules.brackets:
        start = text.find(opening)
        while start != -1:
            close = text.find(closing, start + len(opening))
            cuts.add(start)
            if close == -1:
                break
            cuts.add(close + len(closing))
            start = text.find(opening, close + len(closing))
    return cuts


def _conjunction_cuts(text: str, lang: str, rules: ClauseRules) -> set[int]:
    pattern = _conjunction_pattern(lang)
    if pattern is None:
        return set()
    cuts = set()
    for match in pattern.finditer(text):
        before = len(text[: match.start()].split())
        after = len(text[match.start():].split())
        if before >= rules.min_words and after >= rules.min_words:
            cuts.add(match.start())
    return cuts


def split_clauses(text: str, lang: str) -> tuple[Clause, ...]:
    """The clauses of ``text``, in order, covering it from its first to its last character.

    Whitespace between clauses goes with the clause after it is trimmed away, so
    each clause text starts and ends with a visible character.
    """
    if not text.strip():
        return ()
    rules = clause_rules(lang)
    cuts = _mark_ends(text, rules) | _bracket_cuts(text, rules) | _conjunction_cuts(
        text, lang, rules)
    bounds = sorted({0, len(text)} | {c for c in cuts if 0 < c < len(text)})
    clauses: list[Clause] = []
    pending: int | None = None  # start of leading punctuation, joined to the first clause
    for left, right in itertools.pairwise(bounds):
        piece = text[left:right]
        if not piece.strip():
            continue
        start = left + len(piece) - len(piece.lstrip())
        end = right - (len(piece) - len(piece.rstrip()))
        # A piece of nothing but punctuation joins the clause before it (or after it).
        if not any(ch.isalnum() for ch in piece):
            if clauses:
                last = clauses[-1]
                clauses[-1] = Clause(last.start, end, text[last.start:end])
            elif pending is None:
                pending = start
            continue
        if pending is not None:
            start, pending = pending, None
        clauses.append(Clause(start, end, text[start:end]))
    if pending is not None:  # punctuation only
        stripped = text.strip()
        start = text.index(stripped)
        return (Clause(start, start + len(stripped), stripped),)
    return tuple(clauses)
