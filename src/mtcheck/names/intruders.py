"""A name that one translation alone writes where the source names something else.

Names the stage tracks are found by their sound or by data; a name it does not track (an
organisation of common words, "Connecting Europe Facility"; a river, "Elbe") has no known
rendering, and its replacement by another name is invisible to the missing check. But a
replacement leaves a trace of its own: the new name. Between texts in Latin script a name
is copied, so a rare capitalised word of one translation's pair that sounds like no word
of the source document and like no word the other Latin-script translations write in
their aligned sentences (or beside them) stands there in no one else's text. Where the
source sentence also names something that the pair does not hold (a capitalised run none
of whose words sounds like a word of the pair), the translation put its own name in that
name's place ("InvestEU" where the source has "Connecting Europe Facility", "Óder" for
"Elbe"): ``names.missing``, a warning, naming both.

A source name followed by its acronym in brackets that the pair holds ("The Nepal
Mountaineering Association (NMA)", "Associação de Montanhismo do Nepal (NMA)") is named
there: its words translated by meaning are no name put in its place (see
:func:`mtcheck.names.wholes.named_by_acronym`).

Not judged: translations into other scripts (the other translations cannot be compared
by letters there), translations in a language that capitalises its nouns (a rare German
compound is in no other text either) or without word frequencies (Latin: every word
would read as rare), pairs with fewer than ``min_translations`` other
Latin-script translations to compare with, and pairs where the source's names are all
there (a name the translator added, with nothing missing, replaced nothing).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from functools import cache

from rapidfuzz import fuzz

from mtcheck.frequency import has_frequencies, zipf
from mtcheck.languages import get_language
from mtcheck.names.evidence import is_common
from mtcheck.names.inflection import rules_for
from mtcheck.names.inventory import lexicon
from mtcheck.names.replacement import missing_message
from mtcheck.names.wholes import named_by_acronym
from mtcheck.romanize import sound_key
from mtcheck.types import Alignment, Finding, SegmentedDocument, Severity, TextSpan

# Two words whose phonetic keys match at least this well (rapidfuzz ratio) may be one
# name written two ways: looser than the matcher, so that only a name unlike anything
# else anywhere counts as new.
_ALIKE = 65.0
# A source word kept by another translation sounds at least this much like the word kept
# there (Elbe, Elba): closer than _ALIKE, which only rules out new names.
_KEPT = 85.0
# A word rarer than this (Zipf) may be a name, whatever its case: a common word is
# translated, not written as a name.
_RARE_THERE = 3.0
# Keys shorter than this say too little to tell a name by.
_MIN_KEY = 3
_WORD = re.compile(r"[^\W\d_]{3,}")
_CAPITALISED = r"[A-ZÀ-Þ][\w'’-]*"


@cache
def _run_pattern() -> re.Pattern[str]:
    """A run of capitalised words of the source, with name particles inside (Bank of
    England, Hans von der Heide: ``name_particles`` of the names data, and "of")."""
    particles = "|".join(sorted(map(re.escape, lexicon().particles | {"of"}), key=len,
                                reverse=True))
    return re.compile(rf"{_CAPITALISED}(?:\s+(?:(?:{particles})\s+)*{_CAPITALISED})*")


def _alike(key: str, others: Collection[str], threshold: float = _ALIKE) -> bool:
    return any(fuzz.ratio(key, other) >= threshold for other in others)


def _inner_capitalised(text: str) -> list[tuple[int, int, str]]:
    """The capitalised words of a sentence but its first, with their spans."""
    return [(m.start(), m.end(), m.group(0)) for i, m in enumerate(_WORD.finditer(text))
            if i > 0 and m.group(0)[:1].isupper() and not m.group(0).isupper()]


def _source_runs(text: str, lang: str, rare_zipf: float) -> list[tuple[int, int, str]]:
    """Capitalised runs of a source sentence that may be names: less the sentence's first
    word (capitalised as the first), and less a single common word (Monday, Swiss, German
    Uhren), which a translation writes in lower case; a run of capitalised common words
    ("World Bank") is an institution's name."""
    runs = []
    for match in _run_pattern().finditer(text):
        start, run = match.start(), match.group(0)
        if not text[:start].strip():
            first, _, rest = run.partition(" ")
            if not rest:
                continue
            start += len(first) + 1
            run = rest.lstrip()
        if " " in run or not is_common(run, lang, rare_zipf):
            runs.append((start, start + len(run), run))
    return runs


def intruding_names(source: SegmentedDocument,
                    translations: Mapping[str, tuple[SegmentedDocument, Alignment]],
                    findings: Mapping[str, Sequence[Finding]], rare_zipf: float,
                    min_translations: int) -> dict[str, list[Finding]]:
    """Per translation, a ``names.missing`` finding for each aligned pair where it writes a
    name no other text writes in place of a name of the source sentence (see the module's
    docstring). Pairs already reported missing are left alone."""
    needed = max(2, min_translations)
    latin = {key for key, (target, _) in translations.items()
             if get_language(target.lang).script == "Latn"}
    out: dict[str, list[Finding]] = {key: [] for key in translations}
    if len(latin) <= needed:
        return out
    # The source's words a name may sound like: its rare words and the capitalised ones
    # inside a sentence, not the common words that a translation translates (the "Der"
    # opening a German sentence is no source of the river Óder).
    source_keys = {sound_key(w, lang) for s in source.sentences
                   for w in _name_like(s.text, source.lang)
                   for lang in dict.fromkeys((source.lang, "en"))}
    nouns_capitalised = rules_for(source.lang).capitalises_nouns
    for key in sorted(latin):
        target, alignment = translations[key]
        if rules_for(target.lang).capitalises_nouns or not has_frequencies(target.lang):
            continue
        reported = {s for f in findings.get(key, ()) if f.check == "names.missing"
                    for s in f.source_ids}
        pairs = [p for p in alignment.pairs if p.source_ids and p.target_ids]
        for index, pair in enumerate(pairs):
            if reported & set(pair.source_ids):
                continue
            text = " ".join(target.sentences[t].text for t in pair.target_ids)
            new = _new_words(target, pair.target_ids, rare_zipf, source_keys)
            if not new:
                continue
            window = {s for p in pairs[max(0, index - 1):index + 2] for s in p.source_ids}
            others = [there for other in sorted(latin - {key})
                      if (there := _words_there(*translations[other], window)) is not None]
            if len(others) < needed:
                continue
            theirs = {sound_key(w, lang) for words, lang in others for w in words}
            new = [w for w in new if not _alike(sound_key(w, target.lang), theirs)]
            if not new:
                continue
            mine = {sound_key(w, target.lang) for w in _WORD.findall(text)}
            lost = [(s, start, end, run) for s in pair.source_ids
                    for start, end, run in _source_runs(source.sentences[s].text,
                                                        source.lang, rare_zipf)
                    if not all(_alike(sound_key(w, source.lang), mine) for w in _WORD.findall(run))]
            if nouns_capitalised:
                # Where every noun is capitalised (German Wasser, Kosten), a word is a name
                # where the other translations keep it capitalised too (Elbe), common or not.
                kept = {sound_key(w, lang) for words, lang in others for w in words
                        if w[:1].isupper()}
                lost = [(s, start, end, word) for s in pair.source_ids
                        for start, end, word in _inner_capitalised(source.sentences[s].text)
                        if not _alike(sound_key(word, source.lang), mine)
                        and _alike(sound_key(word, source.lang), kept, _KEPT)]
            # A name followed by its acronym in brackets, which the pair holds, is named
            # there: its own words translated by meaning ("Associação de Montanhismo do
            # Nepal (NMA)") are no name put in its place.
            shown = named_by_acronym(source, target, alignment,
                                     [(run, s, start, end) for s, start, end, run in lost])
            lost = [item for item in lost if (item[3], item[0]) not in shown]
            if not lost:
                continue
            names = ", ".join(dict.fromkeys(run for *_, run in lost))
            out[key].append(Finding(
                check="names.missing", severity=Severity.WARNING,
                message=(missing_message(names, pair.source_ids, pair.target_ids)
                         + f"; replaced by {', '.join(new)}, which neither the source nor "
                         "the other translations write there"),
                source_ids=pair.source_ids, target_ids=pair.target_ids,
                spans=tuple(TextSpan("source", s, start, end, run)
                            for s, start, end, run in lost)))
    return out


def _new_words(target: SegmentedDocument, ids: Sequence[int], rare_zipf: float,
               source_keys: Collection[str]) -> list[str]:
    """Rare capitalised words inside the pair's sentences (not the first word, not an
    acronym) that sound like no word of the source document."""
    found = []
    for tid in ids:
        for index, match in enumerate(_WORD.finditer(target.sentences[tid].text)):
            word = match.group(0)
            if index == 0 or not word[0].isupper() or word.isupper():
                continue
            if zipf(word.lower(), target.lang) >= rare_zipf:
                continue
            key = sound_key(word, target.lang)
            if len(key) >= _MIN_KEY and not _alike(key, source_keys):
                found.append(word)
    return list(dict.fromkeys(found))


def _words_there(target: SegmentedDocument, alignment: Alignment,
                 window: Collection[int]) -> tuple[list[str], str] | None:
    """The words another translation writes in the sentences aligned with ``window``
    (source ids), with its language; None when it aligns none of them."""
    ids = sorted({t for p in alignment.pairs if set(p.source_ids) & set(window)
                  for t in p.target_ids})
    if not ids:
        return None
    return [w for t in ids for w in _name_like(target.sentences[t].text, target.lang)], target.lang


def _name_like(text: str, lang: str) -> list[str]:
    """The words of ``text`` that may render a name: rare ones, and capitalised ones inside
    the sentence; not the common words a translation writes for the source's common words
    (English "order" is no spelling of the river Óder)."""
    return [w for i, w in enumerate(_WORD.findall(text))
            if (i > 0 and w[:1].isupper()) or zipf(w.lower(), lang) < _RARE_THERE]
