"""Names the inventory does not track, found by surviving translation: organisations.

The inventory tracks people and places; an organisation's name ("Observer Research
Foundation", "Deutsche Bahn", "Yeti Airlines", "Erdenes Oyu Tolgoi") is set apart as a
phrase, since translations often translate it word by word and no spelling rule says
which of its words stay. What the translations at hand do says it: a word of a source run
of capitalised words (two or more, name particles and "of", "for", "and" inside) that most
other translations write in their aligned sentences as a name (a rare or borrowed word of
their language that sounds like it, found by the names matcher in any script: Bahn in
French, 에르데네스 in Korean) survived translation. A translation whose aligned sentences
(and their neighbours) lack the run's rarest surviving word left the name out or put
another in its place ("Vivekananda International Foundation" where the source has
"Observer Research Foundation"): ``names.missing``, a warning.

Acronyms the same way. One with an ampersand (H&M, a brand written as such in every
script) that at least ``min_translations`` other translations keep as written, one of
them in a script other than Latin, is missing from a translation whose aligned sentences
lack it. A plain acronym (EBRD) is judged in the cased scripts only (Latin, Cyrillic,
Greek): translations into Han, Hangul or kana write the name by meaning and often leave
the acronym out. A Cyrillic or Greek translation lacks it where the others keep it so and
it writes no acronym of its own there (ЕБРР); a Latin-script one (which
:mod:`mtcheck.names.acronyms` judges where the others keep the acronym as written) where
the others write it or their own acronym (BERD, ЕБРР) and it writes neither.

Not judged: words of names the stage tracks and runs holding one (their own checks judge
them), demonyms of the source's places (Tiroler), runs in a line of capitalised words (a
headline), translations into scripts without case for the runs (an organisation is often
written by meaning there, ドイツ鉄道, or glued to the words around it, 옵서버연구재단,
whatever the others do), and a run that the source mentions more than twice whose
surviving words the translation writes nowhere near its mentions (it translates the name
throughout).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from mtcheck.config import NamesConfig
from mtcheck.frequency import zipf
from mtcheck.languages import script_of
from mtcheck.names.acronyms import spelt_out
from mtcheck.names.evidence import is_common
from mtcheck.names.inflection import rules_for
from mtcheck.names.inventory import lexicon
from mtcheck.names.matching import entity_forms, find_renderings
from mtcheck.names.replacement import missing_message
from mtcheck.types import Alignment, Entity, Finding, SegmentedDocument, Severity, TextSpan

# Scripts where a name stands out by its capital letter. Elsewhere an organisation is
# often written by meaning (ドイツ鉄道 for Deutsche Bahn, 世界银行) or glued to the words
# around it (옵서버연구재단), whatever the other translations do: not judged.
_CASED = frozenset({"Latn", "Cyrl", "Grek"})
# A run mentioned in more source sentences than this, whose surviving words a translation
# writes nowhere near its mentions, is translated there throughout.
_RARE_MENTIONS = 2
# A source word copied into a translation is written there as a name when the translation's
# language uses it at least this much less (Zipf) than the source's does: it is borrowed.
_BORROWED = 0.5
# Words shorter than this say too little to be matched by sound (Co, SA).
_MIN_WORD = 3
_CAPITALISED = r"[A-ZÀ-ÞĀ-Ž][\w'’&-]*"
# An acronym: two to six capitals, or capitals joined by an ampersand (H&M, AT&T).
_ACRONYM = re.compile(r"(?<![\w&-])(?:[A-Z]{1,3}&[A-Z]{1,3}|[A-Z]{3,6})(?![\w&-])")
_ROMAN = re.compile(r"C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# A short word of a translation with two capitals or more: an acronym (BERD, ЕБРР, BAfD).
_SHORT_WORD = re.compile(r"(?<![\w-])[^\W\d_]{2,6}(?![\w-])")


@dataclass(frozen=True)
class _Run:
    """A run of capitalised words of a source sentence that holds an untracked name."""

    sentence_id: int
    start: int
    end: int
    text: str
    words: tuple[str, ...]  # its words that no tracked name has, to be matched


@cache
def _run_pattern() -> re.Pattern[str]:
    particles = "|".join(sorted(map(re.escape, lexicon().particles | {"of", "for", "and"}),
                                key=len, reverse=True))
    return re.compile(rf"{_CAPITALISED}(?:\s+(?:(?:{particles})\s+)*{_CAPITALISED})+")


def _headline(text: str) -> bool:
    """A line whose words of three letters or more are nearly all capitalised."""
    words = [w for w in re.findall(r"[^\W\d_]{3,}", text)]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def source_runs(source: SegmentedDocument, tracked: Collection[str],
                rare_zipf: float = 3.0) -> list[_Run]:
    """The runs of two or more capitalised words of the source (not in a headline) with
    their words to be matched; not runs holding a word of a tracked name (``tracked``).
    A sentence's first word that is common (Zipf ``rare_zipf`` or more) is left out."""
    particles = lexicon().particles | {"of", "for", "and"}
    suffixes = rules_for(source.lang).demonym_suffixes
    capitalised = frozenset(w.casefold() for s in source.sentences
                            for w in re.findall(r"[^\W\d_]{3,}", s.text) if w[0].isupper())
    runs = []
    for sentence in source.sentences:
        if _headline(sentence.text):
            continue
        for match in _run_pattern().finditer(sentence.text):
            # "and" joins two names (Yeti Airlines and Tara Air) or belongs to one (Bank for
            # Reconstruction and Development): each part is judged alone.
            begin = match.start()
            if not sentence.text[:begin].strip():
                # A common word opening the sentence is capitalised as its first word
                # ("Aircraft of Yeti Airlines"): not the name's, nor what follows it up to
                # the next capitalised word.
                first = re.match(r"\S+(?:\s+(?:of|for|and)\b)?\s*", match.group(0))
                if first and is_common(first.group(0).split()[0], source.lang, rare_zipf):
                    begin += first.end()
            for start, end in _parts(sentence.text[begin:match.end()], begin):
                text = sentence.text[start:end]
                # A part holding a tracked name is that name with its companions (a given
                # name, a title): the name's own checks judge it.
                if any(w.strip("'’-") in tracked for w in text.split()):
                    continue
                words = tuple(dict.fromkeys(
                    w.strip("'’-") for w in text.split()
                    if w not in particles and len(w.strip("'’-")) >= _MIN_WORD
                    and "&" not in w and not _ROMAN.fullmatch(w)
                    and not _demonym(w.strip("'’-"), capitalised, suffixes)))
                if words:
                    runs.append(_Run(sentence.id, start, end, text, words))
    return runs


def _demonym(word: str, capitalised: Collection[str], suffixes: Sequence[str]) -> bool:
    """Whether ``word`` is made from another capitalised word of the source with one of
    the source language's demonym endings (Tiroler from Tirol, Nigerian from Nigeria): the
    translations translate it (Tyrolean, tyrolien), whatever they do with the place."""
    lower = word.casefold()
    for suffix in suffixes:
        stem = lower.removesuffix(suffix)
        if stem != lower and len(stem) >= _MIN_WORD and any(
                other != lower and other.startswith(stem) for other in capitalised):
            return True
    return False


def _parts(run: str, offset: int) -> list[tuple[int, int]]:
    """Spans of ``run`` (starting at ``offset``) between its "and"s."""
    bounds = [offset]
    for match in re.finditer(r"\s+and\s+", run):
        bounds += [offset + match.start(), offset + match.end()]
    bounds.append(offset + len(run))
    return list(zip(bounds[::2], bounds[1::2], strict=True))


def _windows(alignment: Alignment) -> dict[int, tuple[tuple[int, ...], tuple[int, ...]]]:
    """Per source sentence aligned with something, the target ids of its pair, and those
    of its pair and the pairs on either side (a name the translator moved next door)."""
    pairs = [p for p in alignment.pairs if p.source_ids and p.target_ids]
    out = {}
    for index, pair in enumerate(pairs):
        wide = tuple(sorted({t for p in pairs[max(0, index - 1):index + 2] for t in p.target_ids}))
        for sid in pair.source_ids:
            out[sid] = (pair.target_ids, wide)
    return out


def _word_entities(runs: Sequence[_Run]) -> list[Entity]:
    words = sorted({w for run in runs for w in run.words})
    return [Entity(id=f"word:{w}", canonical=w, source_forms=(w,),
                   source_ids=tuple(sorted({r.sentence_id for r in runs if w in r.words})))
            for w in words]


def _written(target: SegmentedDocument, ids: Collection[int], words: Sequence[Entity],
             config: NamesConfig, source_lang: str) -> dict[str, dict[int, set[str]]]:
    """Per source word, per target sentence (of those in ``ids``), the surfaces that render
    it there."""
    forms = entity_forms(words, target.lang, source_lang=source_lang)
    sentences = [target.sentences[i] for i in sorted(ids)]
    out: dict[str, dict[int, set[str]]] = {}
    for rendering in find_renderings(sentences, target.lang, forms, config):
        word = rendering.entity.removeprefix("word:")
        out.setdefault(word, {}).setdefault(rendering.sentence_id, set()).add(rendering.surface)
    return out


def _as_name(surface: str, word: str, lang: str, source_lang: str, rare_zipf: float) -> bool:
    """Whether ``surface``, a rendering of the source's ``word`` in language ``lang``, is
    written there as a name: a rare word of that language (a transliteration, 에르데네스), or
    the word copied as written that the language uses far less than the source does
    (Observer in Portuguese text, 3.2 against 3.9 in English: a borrowed word, where
    Banque for Bank is a word of French)."""
    if not is_common(surface, lang, rare_zipf):
        return True
    return (surface.casefold() == word.casefold()
            and zipf(word.lower(), lang) <= zipf(word.lower(), source_lang) - _BORROWED)


def _literal(text: str, word: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE))


def dropped_organisations(source: SegmentedDocument,
                          translations: Mapping[str, tuple[SegmentedDocument, Alignment]],
                          tracked: Collection[str], findings: Mapping[str, Sequence[Finding]],
                          config: NamesConfig) -> dict[str, list[Finding]]:
    """Per translation, a ``names.missing`` warning for each untracked name of the source
    that the other translations keep and this one does not (see the module's docstring).
    ``tracked`` holds the words of the names the stage tracks; pairs where ``findings``
    already report a name of the run missing are left alone."""
    out: dict[str, list[Finding]] = {key: [] for key in translations}
    needed = max(2, config.agreement_min_translations)
    if config.agreement_min_translations <= 0 or len(translations) <= needed:
        return out
    runs = source_runs(source, tracked, config.rare_zipf)
    words = _word_entities(runs)
    mentions = {e.canonical: len(e.source_ids) for e in words}
    windows = {key: _windows(alignment) for key, (_, alignment) in translations.items()}

    def pair_of(key: str, sid: int, wide: bool = False) -> tuple[int, ...]:
        return windows[key].get(sid, ((), ()))[1 if wide else 0]

    # The matcher reads only the sentences around the runs' mentions: what it costs is
    # what the runs need.
    near = {key: {t for run in runs for t in pair_of(key, run.sentence_id, wide=True)}
            for key in translations}
    written = ({key: _written(target, near[key], words, config, source.lang)
                for key, (target, _) in translations.items()} if words else {})

    def kept(key: str, word: str, sid: int) -> bool:
        """The translation writes ``word`` as a name in the pair of ``sid`` (see
        :func:`_as_name`)."""
        target = translations[key][0]
        there = written[key].get(word, {})
        return any(_as_name(surface, word, target.lang, source.lang, config.rare_zipf)
                   for t in pair_of(key, sid) for surface in there.get(t, ()))

    def present(key: str, word: str, sid: int) -> bool:
        target = translations[key][0]
        ids = pair_of(key, sid, wide=True)
        there = written[key].get(word, {})
        return (any(t in there for t in ids)
                or any(_literal(target.sentences[t].text, word) for t in ids))

    for run in runs:
        aligning = {key for key in translations if pair_of(key, run.sentence_id)}
        survivors = [w for w in run.words
                     if _survives({k for k in aligning if kept(k, w, run.sentence_id)},
                                  aligning, needed)]
        if not survivors:
            continue
        for key in sorted(aligning):
            target = translations[key][0]
            if script_of(target.lang) not in _CASED:
                continue
            theirs = [w for w in survivors
                      if _survives({k for k in aligning - {key} if kept(k, w, run.sentence_id)},
                                   aligning - {key}, needed)]
            if not theirs:
                continue
            # The run's rarest surviving word tells it: a generic one (Foundation, Bank) may
            # belong to the name put in its place (Vivekananda International Foundation).
            decisive = min(theirs, key=lambda w: zipf(w.lower(), source.lang))
            if present(key, decisive, run.sentence_id):
                continue
            if max(mentions[w] for w in theirs) > _RARE_MENTIONS and not any(
                    written[key].get(w) for w in theirs):
                continue
            if _reported(findings.get(key, ()), run.sentence_id, run.text):
                continue
            ids = pair_of(key, run.sentence_id)
            keepers = len({k for k in aligning - {key} if kept(k, decisive, run.sentence_id)})
            out[key].append(Finding(
                check="names.missing", severity=Severity.WARNING,
                message=(missing_message(run.text, (run.sentence_id,), ids)
                         + f"; {keepers} other translations write {decisive} there"),
                source_ids=(run.sentence_id,), target_ids=ids,
                spans=(TextSpan("source", run.sentence_id, run.start, run.end, run.text),)))
    for key, found in dropped_acronyms_elsewhere(source, translations, findings,
                                                 needed).items():
        out[key].extend(found)
    return out


def _survives(keepers: Collection[str], aligning: Collection[str], needed: int) -> bool:
    """Kept by ``needed`` translations at least, and by more than half of those that align
    the sentence."""
    return len(keepers) >= needed and 2 * len(keepers) > len(aligning)


def _reported(findings: Sequence[Finding], sid: int, text: str) -> bool:
    """Whether a ``names.missing`` finding of the pair already names a word of ``text``."""
    words = {w.casefold() for w in re.findall(r"[^\W\d_]{3,}", text)}
    return any(f.check == "names.missing" and sid in f.source_ids
               and words & {w.casefold() for w in re.findall(r"[^\W\d_]{3,}",
                                                            " ".join(s.text for s in f.spans)
                                                            + " " + (f.entity or ""))}
               for f in findings)


def dropped_acronyms_elsewhere(source: SegmentedDocument,
                               translations: Mapping[str, tuple[SegmentedDocument, Alignment]],
                               findings: Mapping[str, Sequence[Finding]],
                               needed: int) -> dict[str, list[Finding]]:
    """Acronyms left out where :mod:`mtcheck.names.acronyms` does not look (see the
    module's docstring): by translations into other scripts, those with an ampersand, and
    those the other translations localise."""
    out: dict[str, list[Finding]] = {key: [] for key in translations}
    windows = {key: _windows(alignment) for key, (_, alignment) in translations.items()}
    seen: set[tuple[int, str]] = set()
    for sentence in source.sentences:
        if _headline(sentence.text) or sentence.text.isupper():
            continue
        for match in _ACRONYM.finditer(sentence.text):
            acronym = match.group(0)
            if _ROMAN.fullmatch(acronym) or (sentence.id, acronym) in seen:
                continue
            seen.add((sentence.id, acronym))
            texts = {key: " ".join(target.sentences[t].text
                                   for t in windows[key].get(sentence.id, ((), ()))[0])
                     for key, (target, _) in translations.items()}
            aligning = {key for key, text in texts.items() if text}
            keeping = {key for key in aligning if acronym in texts[key]}
            localising = {key for key in aligning - keeping if _own_acronym(texts[key], sentence.text)}
            for key in sorted(aligning - keeping):
                target = translations[key][0]
                script = script_of(target.lang)
                pair, around = windows[key].get(sentence.id, ((), ()))
                wide = " ".join(target.sentences[t].text for t in around)
                if acronym in wide or key in localising or (
                        script not in _CASED and "&" not in acronym):
                    continue
                others = keeping - {key}
                if script == "Latn" and "&" not in acronym:
                    # Localised by the others (BERD, ЕБРР); this one writes no acronym.
                    if len(others) >= needed or len(others | localising - {key}) < needed:
                        continue
                elif len(others) < needed or not _latin_kept(others, translations):
                    continue
                if _reported(findings.get(key, ()), sentence.id, acronym):
                    continue
                ids = pair
                spelt = spelt_out(sentence.text, match.start(), acronym)
                out[key].append(Finding(
                    check="names.missing", severity=Severity.WARNING,
                    message=(missing_message(f"{spelt} ({acronym})" if spelt else acronym,
                                             (sentence.id,), ids)
                             + f"; {len(others | (localising - {key}))} other translations "
                             "write it or an acronym of their own there"),
                    source_ids=(sentence.id,), target_ids=ids,
                    spans=(TextSpan("source", sentence.id, match.start(), match.end(),
                                    acronym),)))
    return out


def _latin_kept(keeping: Collection[str],
                translations: Mapping[str, tuple[SegmentedDocument, Alignment]]) -> bool:
    """Whether a translation into another script than Latin keeps the acronym as written:
    keeping it is then no Latin-script habit alone."""
    return any(script_of(translations[k][0].lang) not in ("Latn", "") for k in keeping)




def _own_acronym(text: str, source_text: str) -> bool:
    """Whether ``text`` writes an acronym that the source sentence does not (its own form of
    the source's: BERD, ЕБРР, BAfD)."""
    return any(sum(ch.isupper() for ch in w) >= 2 and w not in source_text
               for w in _SHORT_WORD.findall(text))
