"""Second spellings of one name inside one translation: slips of the pen, not inflection.

A translation that writes a name one way in most sentences and once a letter off
(Mensah / Mensa, Murugesu / Murugessu), with its words joined or split otherwise (De la
Cruz / Delacruz, Air Lines / Airlines, デ・ラ・フエンテ / デラフエンテ) or with an accent
lost (Göbekli / Gobekli) spells the name two ways: the reader cannot tell whether the two
are one person. Such a second spelling is close to the translation's own spelling of the
name, far closer than to the source's, so it is compared with the translation itself:

- **joined or split**: the two forms have the same letters once spaces, hyphens, katakana
  middle dots and apostrophes are taken out, and are written otherwise;
- **a letter off**: the forms (or the stems their language's endings allow) are one edit
  apart (two for forms of eight letters or more; Hangul is counted in jamo, so 탕헤르 /
  탄제르, two edits in seven jamo, is too far), start alike, and are no inflection of one
  another: not cases of one
  spelling (``same_spelling``: Лодзь / Лодзи), and not a word derived by an ending of the
  language (Kenya / Kenyan, Neue / Neuen: the demonym, adjective, plural and case endings of
  ``data/inflection/*.toml``). In Chinese, where a name is a row of characters chosen for
  their sound, the characters that differ must all be characters used to transliterate
  (圣路易 / 圣路易斯, 克鲁斯 / 克鲁兹), not a head noun (市 "city").

- **the source form beside the translation's own**: a name of several words written once
  as the source writes it (New Delhi) and once with its other words translated (Nuova
  Delhi).

Forms are compared as *name runs*: the capitalised words (with name particles) or katakana
words joined around each rendering, and every stretch of them that holds it, so that a
full name once and the surname later are one spelling.

The module works on plain strings and rendering positions; the names stage calls it where
spellings are compared (:mod:`mtcheck.names.consistency`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from mtcheck.frequency import zipf
from mtcheck.names.inflection import (
    InflectionRules,
    candidate_stems,
    elision_length,
    fold,
    rules_for,
    same_spelling,
)
from mtcheck.names.inventory import lexicon
from mtcheck.types import NameRendering, NameVariant, SegmentedDocument

# Characters that join the words of one name: a slip may add or drop them.
JOINERS = frozenset(" -‐‑–·・＝゠'’")
# Fewest letters a form needs (joiners not counted) before a slip of it says anything:
# shorter names differ from other words by one letter too often.
_MIN_LETTERS = 4
# Hangul syllables a form needs: two syllables hold four or five jamo, and one jamo apart
# from them lie ordinary words.
_MIN_SYLLABLES = 3
# In Han script a name of three characters is already long.
_MIN_HAN = 3
# Forms of this many letters (jamo in Hangul) or more may be two edits apart
# (Gruber-Steinbach / Gruber-Steinbeck); shorter ones one.
_LONG = 8
# Letters a derived word keeps before its ending (Σουηδ|ή for Σουηδία, Norweg|er).
_MIN_DERIVED_STEM = 3
# Zipf frequency from which a word is a common word of the language: a translated word of
# a name (Nuova of Nuova Delhi), not a spelling of the source's.
_TRANSLATED_WORD_ZIPF = 3.0
# Most words of one name (Erlan Moukhtarovitch Abdrakhmanov, Ana Laura de la Fuente).
_MAX_WORDS = 6


# A clitic after an apostrophe at the end of a word (English 's, Turkish 'da): no part of
# the name.
_CLITIC = re.compile(r"['’][^\W\d_]{0,2}$")


def _bare(text: str, rules: InflectionRules) -> str:
    """``text`` case-folded without an elided article before it (l'Éthiopie) and a clitic
    after it (Chile's): what the name itself is written as."""
    folded = _CLITIC.sub("", fold(text))
    return folded[elision_length(folded, rules):]


def _joined(text: str) -> str:
    """``text`` case-folded with its joiners taken out."""
    return "".join(ch for ch in fold(text) if ch not in JOINERS)


def _hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def _han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _units(text: str) -> str:
    """The letters an edit is counted in: jamo for Hangul (a syllable holds two or three
    sounds), case-folded characters otherwise."""
    folded = _joined(text)
    return unicodedata.normalize("NFD", folded) if _hangul(folded) else folded


@lru_cache(maxsize=65536)
def joined_otherwise(first: str, second: str, lang: str = "") -> bool:
    """True when two forms have the same letters but join or split them otherwise (De la
    Cruz / Delacruz, Asante-Boateng / Asante Boateng, デ・ラ・フエンテ / デラフエンテ)."""
    rules = rules_for(lang)
    x, y = _bare(first, rules), _bare(second, rules)
    a = _joined(x)
    return len(a) >= _MIN_LETTERS and a == _joined(y) and x != y


def _derived(first: str, second: str, rules: InflectionRules) -> bool:
    """True when one form is a word derived from the other, or an inflected form of it:
    a demonym or adjective ending of the language in place of the other's last letters
    (Keny|an for Kenya, Norweg|er for Norwegen), or a case or plural ending added to it
    (Neue / Neuen, Innu / Innus)."""
    a, b = fold(first), fold(second)
    for x, y in ((a, b), (b, a)):
        for ending in (*rules.demonym_suffixes, *rules.adjective_suffixes):
            if (ending and x.endswith(ending) and len(x) - len(ending) >= _MIN_DERIVED_STEM
                    and y.startswith(x[: -len(ending)])):
                return True
        for ending in (*rules.suffixes, *rules.plural_suffixes):
            if ending and x == y + ending:
                return True
    return False


def _stems(form: str, rules: InflectionRules) -> set[str]:
    """Every stem of ``form`` that cutting one or two endings allows (Лодзью -> Лодзь ->
    Лодз): two case forms of one name meet there."""
    once = set(candidate_stems(form, rules))
    folded = fold(form)
    once |= {folded[: -len(e)] for e in rules.nominative_endings
             if e and folded.endswith(e) and len(folded) - len(e) >= rules.min_stem}
    return {s for stem in once for s in candidate_stems(stem, rules)
            if len(s) >= rules.min_stem}


def _same_onset(first: str, second: str) -> bool:
    a = unicodedata.normalize("NFD", first)[:1]
    b = unicodedata.normalize("NFD", second)[:1]
    return bool(a) and a == b


def _han_slip(first: str, second: str, rules: InflectionRules) -> bool:
    """Two rows of Han characters one character apart, each differing character one of
    those the language transliterates with (when its data lists them)."""
    if min(len(first), len(second)) < _MIN_HAN or Levenshtein.distance(first, second) != 1:
        return False
    allowed = rules.transliteration_characters
    if not allowed:
        return True
    changed: set[str] = set()
    for edit in Levenshtein.editops(first, second):
        if edit.tag in ("replace", "delete"):
            changed.add(first[edit.src_pos])
        if edit.tag in ("replace", "insert"):
            changed.add(second[edit.dest_pos])
    return all(ch in allowed and ch not in rules.function_characters for ch in changed)


@lru_cache(maxsize=65536)
def letter_slip(first: str, second: str, lang: str) -> bool:
    """True when two forms are one name spelt a letter (or, when long, two) apart, and are
    no inflected or derived forms of one another (see the module's docstring)."""
    rules = rules_for(lang)
    a, b = _bare(first, rules), _bare(second, rules)
    if a == b or _joined(a) == _joined(b):
        return False
    if (same_spelling(a, b, rules) or _derived(a, b, rules)
            or _stems(a, rules) & _stems(b, rules)):
        return False
    if _han(a) or _han(b):
        return _han(a) and _han(b) and _han_slip(_joined(a), _joined(b), rules)
    for x in candidate_stems(a, rules):
        for y in candidate_stems(b, rules):
            ux, uy = _units(x), _units(y)
            shortest = min(len(ux), len(uy))
            if shortest < _MIN_LETTERS or not _same_onset(ux, uy):
                continue
            if (_hangul(x) or _hangul(y)) and min(len(x), len(y)) < _MIN_SYLLABLES:
                continue
            allowed = 2 if shortest >= _LONG else 1
            if 0 < Levenshtein.distance(ux, uy) <= allowed:
                return True
    return False


def slip(first: str, second: str, lang: str) -> bool:
    """True when two forms are one name written two ways by a slip: joined or split
    otherwise, or a letter off (see the module's docstring)."""
    return joined_otherwise(first, second, lang) or letter_slip(first, second, lang)


# ----------------------------------------------------------------------------- runs
@dataclass(frozen=True)
class Run:
    """A stretch of one target sentence that may be (part of) a name: one or more words
    joined by a space, a hyphen or a katakana middle dot."""

    sentence_id: int
    start: int
    end: int
    text: str
    words: int


_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
_HYPHENS = frozenset({"-", "‐", "‑"})
# What may stand between two words of one name.
_GAP = re.compile(r"(?: |-|‐|‑|・|＝|゠)")


def _cased(word: str) -> bool:
    return word[:1].lower() != word[:1].upper()


def _name_word(word: str) -> bool:
    """A word that may begin or end a name: capitalised in a script with case; any word
    in a script without."""
    return not _cased(word) or word[:1].isupper()


def _particle(word: str) -> bool:
    return word in lexicon().particles


def _tokens(text: str) -> list[tuple[int, int, bool]]:
    """Words of ``text`` that may be names: (start, end, whether it may join its
    neighbours into a run). Katakana rows inside Japanese text are words of their own;
    a Hangul word stands alone (Korean spaces every word, so runs would be sentences);
    Han text is never cut into words here."""
    spans: list[tuple[int, int, bool]] = []
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        pieces = list(_KATAKANA.finditer(word))
        if pieces and any(not _KATAKANA.fullmatch(ch) for ch in word):
            spans.extend((match.start() + p.start(), match.start() + p.end(), True)
                         for p in pieces)
        elif _hangul(word):
            spans.append((*match.span(), False))
        elif not _han(word):
            spans.append((*match.span(), True))
    return spans


def runs(text: str, sentence_id: int) -> tuple[Run, ...]:
    """Every run of name words in ``text`` (capitalised words, with name particles between
    them: de, van, bin …; or katakana words), and every stretch of consecutive words of one, of at
    most ``_MAX_WORDS`` words."""
    return tuple(Run(sentence_id, start, end, text[start:end], words)
                 for start, end, words in _runs_in(text))


@lru_cache(maxsize=4096)
def _runs_in(text: str) -> tuple[tuple[int, int, int], ...]:
    tokens = _tokens(text)
    out: list[tuple[int, int, int]] = []
    i = 0
    while i < len(tokens):
        j = i
        while (j + 1 < len(tokens) and tokens[j][2] and tokens[j + 1][2]
               and _GAP.fullmatch(text[tokens[j][1]:tokens[j + 1][0]])):
            j += 1
        chain = tokens[i:j + 1]
        words = [text[s:e] for s, e, _ in chain]
        # A hyphen that joins a stretch to the next word makes a compound of them
        # (Addis-Abeba-Flughafen, as German writes a name of two words in a compound): the
        # stretch is no name standing on its own there.
        hyphened = [k + 1 < len(chain) and text[chain[k][1]:chain[k + 1][0]] in _HYPHENS
                    for k in range(len(chain))]
        for a in range(len(chain)):
            if not _name_word(words[a]) or _particle(words[a]) or (a and hyphened[a - 1]):
                continue
            for b in range(a, min(len(chain), a + _MAX_WORDS)):
                if not _name_word(words[b]) and not _particle(words[b]):
                    break
                if _particle(words[b]) or hyphened[b]:
                    continue
                out.append((chain[a][0], chain[b][1], b - a + 1))
        i = j + 1
    return tuple(out)


def _runs_with(rendering: NameRendering, target: SegmentedDocument) -> list[Run]:
    """The runs of the rendering's sentence that hold the rendering, and the rendering
    itself (a Han substring lies inside a word)."""
    held = [r for r in runs(target.sentences[rendering.sentence_id].text, rendering.sentence_id)
            if r.start <= rendering.start and rendering.end <= r.end]
    own = Run(rendering.sentence_id, rendering.start, rendering.end, rendering.surface, 1)
    return held if any(r.text == own.text for r in held) else [own, *held]


def _run_slip(first: Run, second: Run, lang: str) -> bool:
    return _texts_slip(first.text, second.text, lang)


@lru_cache(maxsize=65536)
def _texts_slip(first: str, second: str, lang: str) -> bool:
    """Two runs that are one name written two ways: joined or split otherwise, or of the
    same words but one, which is a letter off."""
    if joined_otherwise(first, second, lang):
        return True
    a, b = _GAP.split(first), _GAP.split(second)
    if len(a) != len(b):
        return False
    differ = [(x, y) for x, y in zip(a, b, strict=True) if fold(x) != fold(y)]
    return len(differ) == 1 and letter_slip(*differ[0], lang)


@dataclass(frozen=True)
class SecondSpelling:
    """A name written otherwise in some sentences than in the translation's other
    sentences: the form most of its sentences use, and the runs that depart from it."""

    entity: str
    variants: tuple[NameVariant, ...]  # the usual form first
    wrong: tuple[Run, ...]


def _variant(text: str, places: Sequence[Run]) -> NameVariant:
    return NameVariant(base=text, surfaces=(text,), count=len({p.sentence_id for p in places}),
                       sentence_ids=tuple(sorted({p.sentence_id for p in places})))


def _copied_and_translated(first: Run, second: Run, forms: Collection[str],
                           lang: str) -> Run | None:
    """The run that copies a source form of several words as the source writes it (New
    Delhi), when the other is the same name with its other words translated, common
    words of the translation's language (Nuova Delhi): the source form and the
    translation's own form, mixed. Words that differ only by an ending or a clitic (New
    Yorkissa, Entre Ríos's) are one; a word that is no common word (Sìa for Sia) is a
    slip, which :func:`letter_slip` judges."""
    rules = rules_for(lang)
    for copy, other in ((first, second), (second, first)):
        if copy.words < 2 or fold(copy.text) not in forms:
            continue
        a = [_bare(w, rules) for w in _GAP.split(copy.text)]
        b = [_bare(w, rules) for w in _GAP.split(other.text)]
        if len(a) != len(b):
            continue
        differ = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        if (differ and len(differ) < len(a)
                and all(zipf(y, lang) >= _TRANSLATED_WORD_ZIPF for _, y in differ)
                and not any(same_spelling(x, y, rules) or _derived(x, y, rules)
                            for x, y in differ)):
            return copy
    return None


def _maximal(run: Run, target: SegmentedDocument) -> bool:
    """True when no longer run of name words holds ``run`` (other than one that opens the
    sentence, whose first word is capitalised as the sentence's): the copy is the name
    itself, not a word of an institution's name (New Delhi Television)."""
    return not any(r.start <= run.start and run.end <= r.end and r.words > run.words
                   and r.start > 0
                   for r in runs(target.sentences[run.sentence_id].text, run.sentence_id))


def written_otherwise(entity: str, target: SegmentedDocument,
                      renderings: Sequence[NameRendering],
                      scope: Mapping[int, frozenset[str]],
                      source_forms: Sequence[str] = (),
                      verbatim: Collection[tuple[int, int]] = frozenset(),
                      accepted: Sequence[str] = (),
                      placed: Sequence[str] = (),
                      ) -> SecondSpelling | None:
    """Renderings of ``entity`` whose name runs are one name written two ways: by a slip
    (Ethiopian Airlines / Ethiopian Air Lines, Grand / Grande Tortue Ahmeyim), or as the
    source writes it (``source_forms``) beside the translation's own form (New Delhi /
    Nuova Delhi). The form fewer sentences use is the second spelling. Of two slips as
    frequent, the later one is; of a copy and a translated form as frequent, the copy:
    a translation that translates a name once has chosen its form, and a copy is what
    slips through beside it.

    Only renderings in target sentences whose source mentions the name are compared, and
    two of them only where the source writes it in the same form (``scope``: target
    sentence id -> the source spellings there; see :mod:`mtcheck.names.scope`): a
    translation following two spellings of the source is the source's affair.

    ``verbatim`` are (sentence id, start) of renderings inside a copy of a longer name of
    the source (see :func:`mtcheck.names.wholes.copied_verbatim`): no spelling of the
    name, they take part only as copies of the name's own source form, standing alone.
    Two forms that are both ``accepted`` (the glossary's or CLDR's forms of the name in
    the language) are one spelling, and a form of the place in the source's language or
    English (``placed``: forms a translation may quote) is no slip of another: Estonia,
    the name of a mine copied from the source, beside Estônia."""
    lang = target.lang
    standard = {_bare(f, rules_for(lang)) for f in accepted}
    known = {_bare(f, rules_for(lang)) for f in placed}
    copies = {fold(f) for f in source_forms}
    own = sorted({(r.sentence_id, r.start): r for r in renderings
                  if r.entity == entity and r.sentence_id in scope}.values(),
                 key=lambda r: (r.sentence_id, r.start))
    held = {(r.sentence_id, r.start): _runs_with(r, target) for r in own}
    slipped: list[tuple[str, str]] = []
    mixed: list[tuple[str, str]] = []
    for i, first in enumerate(own):
        for second in own[i + 1:]:
            if (first.sentence_id == second.sentence_id
                    or not scope[first.sentence_id] & scope[second.sentence_id]):
                continue
            copied = ((first.sentence_id, first.start) in verbatim,
                      (second.sentence_id, second.start) in verbatim)
            for x in held[(first.sentence_id, first.start)]:
                for y in held[(second.sentence_id, second.start)]:
                    if {_bare(x.text, rules_for(lang)), _bare(y.text, rules_for(lang))} <= standard:
                        continue
                    if (not any(copied) and not {_bare(x.text, rules_for(lang)),
                                                 _bare(y.text, rules_for(lang))} & known
                            and _run_slip(x, y, lang)):
                        slipped.append((fold(x.text), fold(y.text)))
                        continue
                    copy = _copied_and_translated(x, y, copies, lang)
                    if copy is None:
                        continue
                    # The translated form is a rendering of its own; the copy may lie in
                    # a longer copied name only where it is the whole name there.
                    mine, theirs = copied if copy is x else copied[::-1]
                    if not theirs and (not mine or _maximal(copy, target)):
                        mixed.append((fold(x.text), fold(y.text)))
    pairs = slipped or mixed
    if not pairs:
        return None
    # Where each form is written: every sentence holding it among its renderings' runs.
    forms = {f for pair in pairs for f in pair}
    places = {form: sorted({(r.sentence_id, r.start): r for runs_ in held.values()
                            for r in runs_ if fold(r.text) == form}.values(),
                           key=lambda r: (r.sentence_id, r.start))
              for form in forms}

    def rank(form: str) -> tuple[int, bool, int, int, str]:
        copied = not slipped and form in copies
        return (-len({p.sentence_id for p in places[form]}), copied,
                places[form][0].sentence_id, places[form][0].start, form)

    usual = min(forms, key=rank)
    others = sorted({f for pair in pairs if usual in pair for f in pair if f != usual}, key=rank)
    usual_ids = {p.sentence_id for p in places[usual]}
    wrong = [p for f in others for p in places[f] if p.sentence_id not in usual_ids]
    if not wrong:
        return None
    variants = (_variant(places[usual][0].text, places[usual]),
                *(_variant(places[f][0].text, places[f]) for f in others))
    return SecondSpelling(entity, variants, tuple(wrong))


def spelt_otherwise(target: SegmentedDocument, target_ids: Sequence[int],
                    spans: Mapping[int, Sequence[tuple[int, int]]],
                    written: Sequence[NameRendering], rare_zipf: float,
                    placed: Sequence[str] = ()) -> tuple[Run, Run] | None:
    """Where a pair seems to lack a name: a run of its target sentences that is the
    translation's own spelling of the name (``written``: its renderings in sentences whose
    source has the same form) written otherwise. Returns (the run there, the run of the
    rendering it departs from), or None.

    A run of the same letters joined otherwise (Delacruz for "De la Cruz") may lie on a
    word another name's matcher took (Asante of "Asante Boateng" read as Ashanti): the
    letters say it is this name. A run a letter off must be one rare word of its own. A
    run that is a form of the place in the source's language or English (``placed``) is
    that form quoted, no slip."""
    if not written:
        return None
    lang = target.lang
    known_forms = {_bare(f, rules_for(lang)) for f in placed}
    # The base form too: where only inflected forms are written (Лодзью), the stem its
    # endings allow is compared (Лодзь).
    known = [run for r in written for run in (
        *_runs_with(r, target), Run(r.sentence_id, r.start, r.end, r.base, 1))]
    for tid in target_ids:
        taken = spans.get(tid, ())
        for run in runs(target.sentences[tid].text, tid):
            if _bare(run.text, rules_for(lang)) in known_forms:
                continue
            for other in known:
                if joined_otherwise(run.text, other.text, lang):
                    return run, other
            if run.words != 1 or any(s < run.end and run.start < e for s, e in taken):
                continue
            if zipf(run.text.lower(), lang) >= rare_zipf:
                continue
            for other in known:
                if other.words == 1 and letter_slip(run.text, other.text, lang):
                    return run, other
    return None
